import { ConfigStore } from '../../../src/app/config-store';
import { AppError } from '../../../src/app/errors';
import { TEMPLATES } from '../../../src/domain/templates';
import { MemoryStore } from '../../fakes/memory-store';

const NOW = Date.parse('2026-03-02T07:00:00Z');
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('ConfigStore', () => {
  it('saves versions per scope with who and when, newest first', async () => {
    const store = new ConfigStore(new MemoryStore());
    await store.save({ scope: 'default', config: clone(TEMPLATES.altec), baseVersion: null, savedBy: 'anna', nowMs: NOW });
    await store.save({ scope: 'default', config: clone(TEMPLATES.barier), baseVersion: 1, savedBy: 'ivan', nowMs: NOW + 1000, comment: 'switch' });
    await store.save({ scope: 'SUP', config: clone(TEMPLATES.pass24), baseVersion: null, savedBy: 'anna', nowMs: NOW + 2000 });
    expect((await store.versions('default')).map((v) => [v.version, v.savedBy, v.savedAt, v.comment ?? null, v.template])).toEqual([
      [2, 'ivan', '2026-03-02T07:00:01.000Z', 'switch', 'barier'],
      [1, 'anna', '2026-03-02T07:00:00.000Z', null, 'altec'],
    ]);
    const active = await store.active();
    expect(active.forProject('SUP')?.config.template).toBe('pass24');
    expect(active.forProject('OPS')?.config.template).toBe('barier');
  });

  it('rejects an invalid configuration with its path and stores nothing', async () => {
    const kvs = new MemoryStore();
    const store = new ConfigStore(kvs);
    const bad = clone(TEMPLATES.altec) as unknown as { atRiskThreshold: number };
    bad.atRiskThreshold = 7;
    const err = await store.save({ scope: 'default', config: bad, baseVersion: null, savedBy: 'anna', nowMs: NOW }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('INVALID_CONFIG');
    expect((err as AppError).issues?.[0]?.path).toBe('atRiskThreshold');
    expect(kvs.data.size).toBe(0);
  });

  it('leaves the previous version in effect when the storage transaction fails', async () => {
    const kvs = new MemoryStore();
    const store = new ConfigStore(kvs);
    await store.save({ scope: 'default', config: clone(TEMPLATES.altec), baseVersion: null, savedBy: 'anna', nowMs: NOW });
    const before = new Map(kvs.data);
    kvs.failNextTransaction = true;
    await expect(store.save({ scope: 'default', config: clone(TEMPLATES.barier), baseVersion: 1, savedBy: 'anna', nowMs: NOW })).rejects.toThrow('injected');
    expect(kvs.data).toEqual(before);
    expect((await store.head('default'))?.meta.version).toBe(1);
  });

  it('refuses a save based on a version that is no longer current', async () => {
    const store = new ConfigStore(new MemoryStore());
    await store.save({ scope: 'default', config: clone(TEMPLATES.altec), baseVersion: null, savedBy: 'anna', nowMs: NOW });
    await store.save({ scope: 'default', config: clone(TEMPLATES.altec), baseVersion: 1, savedBy: 'ivan', nowMs: NOW });
    await expect(store.save({ scope: 'default', config: clone(TEMPLATES.altec), baseVersion: 1, savedBy: 'anna', nowMs: NOW })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('restores an old version as a new one and keeps the history', async () => {
    const store = new ConfigStore(new MemoryStore());
    await store.save({ scope: 'default', config: clone(TEMPLATES.altec), baseVersion: null, savedBy: 'anna', nowMs: NOW });
    await store.save({ scope: 'default', config: clone(TEMPLATES.barier), baseVersion: 1, savedBy: 'anna', nowMs: NOW });
    const r = await store.restore('default', 1, 'ivan', NOW);
    expect(r.version).toBe(3);
    expect(r.config.template).toBe('altec');
    expect((await store.versions('default')).map((v) => v.version)).toEqual([3, 2, 1]);
    await expect(store.restore('default', 9, 'ivan', NOW)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('accepts only "default" or a project key as a scope', async () => {
    const store = new ConfigStore(new MemoryStore());
    await expect(store.save({ scope: 'sup-1', config: clone(TEMPLATES.altec), baseVersion: null, savedBy: 'a', nowMs: NOW })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
