import { ConfigStore, type ConfigConflictError } from '../../../src/app/config-store';
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

  it('keeps both scopes when two saves of different scopes race (no shared index key)', async () => {
    const kvs = new MemoryStore();
    const store = new ConfigStore(kvs);
    await Promise.all([
      store.save({ scope: 'SUP', config: clone(TEMPLATES.altec), baseVersion: null, savedBy: 'anna', nowMs: NOW }),
      store.save({ scope: 'OPS', config: clone(TEMPLATES.barier), baseVersion: null, savedBy: 'ivan', nowMs: NOW }),
    ]);
    const active = await new ConfigStore(kvs).active();
    expect([...active.byScope.keys()].sort()).toEqual(['OPS', 'SUP']);
    expect((await store.scopes()).map((s) => s.scope).sort()).toEqual(['OPS', 'SUP']);
  });

  it('lets exactly one of two saves from the same base win; the other answers CONFLICT naming who saved', async () => {
    const kvs = new MemoryStore();
    const store = new ConfigStore(kvs);
    await store.save({ scope: 'default', config: clone(TEMPLATES.altec), baseVersion: null, savedBy: 'anna', nowMs: NOW });
    const results = await Promise.allSettled([
      store.save({ scope: 'default', config: clone(TEMPLATES.barier), baseVersion: 1, savedBy: 'ivan', nowMs: NOW + 1000 }),
      store.save({ scope: 'default', config: clone(TEMPLATES.pass24), baseVersion: 1, savedBy: 'olga', nowMs: NOW + 1000 }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const err = lost[0]!.reason as ConfigConflictError;
    expect(err.code).toBe('CONFLICT');
    const winner = results[0]!.status === 'fulfilled' ? 'ivan' : 'olga';
    expect(err.conflict).toMatchObject({ version: 2, savedBy: winner });
    expect((await store.head('default'))?.meta.savedBy).toBe(winner);
    expect((await store.versions('default')).map((v) => v.version)).toEqual([2, 1]);
  });

  it('skips a version number claimed by a save that died before its transaction', async () => {
    const kvs = new MemoryStore();
    const store = new ConfigStore(kvs);
    await store.save({ scope: 'default', config: clone(TEMPLATES.altec), baseVersion: null, savedBy: 'anna', nowMs: NOW });
    kvs.data.set('cfg:body:default:000002', { meta: { version: 2, savedAt: new Date(NOW).toISOString(), savedBy: 'ghost' }, config: {} });
    await expect(store.save({ scope: 'default', config: clone(TEMPLATES.barier), baseVersion: 1, savedBy: 'ivan', nowMs: NOW + 1000 })).rejects.toMatchObject({ code: 'CONFLICT' });
    const r = await store.save({ scope: 'default', config: clone(TEMPLATES.barier), baseVersion: 1, savedBy: 'ivan', nowMs: NOW + 10 * 60_000 });
    expect(r.version).toBe(3);
    expect((await store.versions('default')).map((v) => v.version)).toEqual([3, 1]);
  });

  it('lists versions from metadata keys only, never reading bodies', async () => {
    const kvs = new MemoryStore();
    const store = new ConfigStore(kvs);
    await store.save({ scope: 'default', config: clone(TEMPLATES.altec), baseVersion: null, savedBy: 'anna', nowMs: NOW });
    await store.save({ scope: 'default', config: clone(TEMPLATES.barier), baseVersion: 1, savedBy: 'anna', nowMs: NOW });
    const prefixes: string[] = [];
    const orig = kvs.listByPrefix.bind(kvs);
    kvs.listByPrefix = (async (prefix: string) => { prefixes.push(prefix); return orig(prefix); }) as typeof kvs.listByPrefix;
    const list = await store.versions('default');
    expect(list.map((v) => v.version)).toEqual([2, 1]);
    expect(prefixes).toEqual(['cfg:ver:default:']);
    expect(JSON.stringify(await orig('cfg:ver:default:'))).not.toContain('calendars');
  });

  it('reads one project\'s configuration in at most two reads, however many scopes exist', async () => {
    const kvs = new MemoryStore();
    const store = new ConfigStore(kvs);
    await store.save({ scope: 'default', config: clone(TEMPLATES.altec), baseVersion: null, savedBy: 'a', nowMs: NOW });
    for (let i = 0; i < 50; i++) await store.save({ scope: `P${i}`, config: clone(TEMPLATES.barier), baseVersion: null, savedBy: 'a', nowMs: NOW });
    const fresh = new ConfigStore(kvs);
    await fresh.scopes(); // the one-off migration check
    const before = kvs.ops;
    const lookup = fresh.lookup();
    expect((await lookup.forProject('P7'))?.config.template).toBe('barier');
    expect(kvs.ops - before).toBe(1);
    expect((await lookup.forProject('NEW'))?.config.template).toBe('altec');
    expect(kvs.ops - before).toBe(3);
  });

  it('migrates the older layout (one shared cfg:index) to per-scope keys on first read', async () => {
    const kvs = new MemoryStore();
    const meta = (version: number, template: string) => ({ version, savedAt: new Date(NOW).toISOString(), savedBy: 'anna', template });
    kvs.data.set('cfg:index', { scopes: [{ scope: 'default', version: 2, template: 'barier' }, { scope: 'SUP', version: 1, template: 'pass24' }] });
    kvs.data.set('cfg:default:v:000001', { meta: meta(1, 'altec'), config: clone(TEMPLATES.altec) });
    kvs.data.set('cfg:default:v:000002', { meta: meta(2, 'barier'), config: clone(TEMPLATES.barier) });
    kvs.data.set('cfg:default:head', { meta: meta(2, 'barier'), config: clone(TEMPLATES.barier) });
    kvs.data.set('cfg:SUP:v:000001', { meta: meta(1, 'pass24'), config: clone(TEMPLATES.pass24) });
    kvs.data.set('cfg:SUP:head', { meta: meta(1, 'pass24'), config: clone(TEMPLATES.pass24) });
    const store = new ConfigStore(kvs);
    const active = await store.active();
    expect(active.forProject('SUP')?.config.template).toBe('pass24');
    expect(active.forProject('OPS')?.version).toBe(2);
    expect((await store.versions('default')).map((v) => v.version)).toEqual([2, 1]);
    expect([...kvs.data.keys()].filter((k) => k === 'cfg:index' || /^cfg:[A-Za-z]+:(head|v:)/.test(k))).toEqual([]);
    const r = await store.save({ scope: 'SUP', config: clone(TEMPLATES.altec), baseVersion: 1, savedBy: 'ivan', nowMs: NOW });
    expect(r.version).toBe(2);
  });

  it('refuses an auto-close period past the cap and a configuration over the KVS value limit, with the path', async () => {
    const store = new ConfigStore(new MemoryStore());
    const long = clone(TEMPLATES.altec) as unknown as { autoClose: { period: string } };
    long.autoClose = { period: '100000000d' };
    await expect(store.save({ scope: 'default', config: long, baseVersion: null, savedBy: 'a', nowMs: NOW })).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      issues: [expect.objectContaining({ path: 'autoClose.period' })],
    });
    const big = clone(TEMPLATES.altec) as unknown as { packages: Array<{ description?: { ru: string; en: string } }> };
    for (const p of big.packages) p.description = { ru: 'я'.repeat(3990), en: 'x'.repeat(3990) };
    const many = clone(big) as unknown as { customers: unknown[]; packages: Array<{ id: string }> };
    many.customers = Array.from({ length: 4000 }, (_, i) => ({ match: { organization: `Организация номер ${i} с длинным названием` }, package: many.packages[0]!.id }));
    const err = (await store.save({ scope: 'default', config: many, baseVersion: null, savedBy: 'a', nowMs: NOW }).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('INVALID_CONFIG');
    expect(err.message).toMatch(/over the 245760-byte \(240 KiB\) storage limit; the largest part is customers/);
    expect(err.issues?.[0]?.path).toBe('customers');
  });
});

