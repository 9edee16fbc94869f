// KVS limits and semantics, exercised through the real @forge/kvs client.
import { kvs, WhereConditions } from '@forge/kvs';
import { createEmulator, type Emulator } from '../../../../local/emulator';

let em: Emulator;
let now = Date.UTC(2026, 2, 2, 9, 0);
beforeEach(() => {
  em = createEmulator({ clock: { now: () => now } });
  em.install();
});
afterEach(() => em.close());

describe('emulated Forge KVS', () => {
  it('rejects a key longer than 500 characters and keeps nothing', async () => {
    await expect(kvs.set('k'.repeat(501), 1)).rejects.toMatchObject({ code: 'INVALID_KEY', message: expect.stringContaining('limit is 500') });
    await kvs.set('k'.repeat(500), 1);
    expect(await kvs.get('k'.repeat(500))).toBe(1);
  });

  it('rejects characters outside the Forge key pattern', async () => {
    await expect(kvs.set('config/default', 1)).rejects.toMatchObject({ code: 'INVALID_KEY' });
  });

  it('rejects a value over 240 KiB and keeps the previous one', async () => {
    await kvs.set('big', 'small');
    await expect(kvs.set('big', 'x'.repeat(240 * 1024))).rejects.toMatchObject({ code: 'MAX_SIZE_EXCEEDED' });
    expect(await kvs.get('big')).toBe('small');
  });

  it('refuses a batch of more than 25 items', async () => {
    const items = Array.from({ length: 26 }, (_, i) => ({ key: `b${i}`, value: i }));
    await expect(kvs.batchSet(items)).rejects.toMatchObject({ code: 'TOO_MANY_ITEMS' });
    const ok = await kvs.batchSet(items.slice(0, 25));
    expect(ok.successfulKeys).toHaveLength(25);
    const got = await kvs.batchGet([{ key: 'b3' }, { key: 'nope' }]);
    expect(got.successfulKeys.map((k) => k.value)).toEqual([3]);
    expect(got.failedKeys.map((k) => k.error.code)).toEqual(['KEY_NOT_FOUND']);
  });

  it('refuses a transaction of more than 25 operations and applies none of it', async () => {
    let tx = kvs.transact();
    for (let i = 0; i < 26; i++) tx = tx.set(`t${i}`, i);
    await expect(tx.execute()).rejects.toMatchObject({ code: 'TOO_MANY_OPERATIONS' });
    expect(await kvs.get('t0')).toBeUndefined();
  });

  it('applies a transaction only when every check condition holds', async () => {
    const entity = 'lock';
    await kvs.entity<{ version: number }>(entity).set('job', { version: 1 });
    const check = (v: number) => ({ entityName: entity, conditions: { filters: () => [{ property: 'version', condition: 'EQUAL_TO', values: [v] }], operator: () => 'and' } });
    await expect(kvs.transact().set('out', 'stale').check('job', check(2) as never).execute()).rejects.toMatchObject({ code: 'CONDITION_FAILED' });
    expect(await kvs.get('out')).toBeUndefined();
    await kvs.transact().set('out', 'fresh').check('job', check(1) as never).execute();
    expect(await kvs.get('out')).toBe('fresh');
  });

  it('pages a beginsWith query with a cursor and a limit', async () => {
    for (const k of ['p:3', 'p:1', 'q:1', 'p:2']) await kvs.set(k, k);
    const first = await kvs.query().where('key', WhereConditions.beginsWith('p:')).limit(2).getMany();
    const second = await kvs.query().where('key', WhereConditions.beginsWith('p:')).limit(2).cursor(first.nextCursor!).getMany();
    expect([...first.results, ...second.results].map((r) => r.key)).toEqual(['p:1', 'p:2', 'p:3']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('forgets a value once its TTL has passed on the emulator clock', async () => {
    await kvs.set('ttl', 1, { ttl: { value: 10, unit: 'MINUTES' } } as never);
    now += 9 * 60_000;
    expect(await kvs.get('ttl')).toBe(1);
    now += 2 * 60_000;
    expect(await kvs.get('ttl')).toBeUndefined();
  });

  it('fails a FAIL_IF_EXISTS write on an existing key', async () => {
    await kvs.set('once', 1);
    await expect(kvs.set('once', 2, { keyPolicy: 'FAIL_IF_EXISTS' })).rejects.toMatchObject({ code: 'KEY_CONFLICT', responseDetails: { status: 409 } });
    expect(await kvs.get('once')).toBe(1);
  });
});

describe('once-only markers on the emulated KVS (forgeKvsStore.setIfAbsent)', () => {
  it('creates a marker once and reports the second create as "already exists"', async () => {
    const { forgeKvsStore } = await import('../../../../src/adapters/forge/kvs-store');
    expect(await forgeKvsStore.setIfAbsent('act:1:reaction:0:atRisk:notify', { at: 1 })).toBe(true);
    expect(await forgeKvsStore.setIfAbsent('act:1:reaction:0:atRisk:notify', { at: 2 })).toBe(false);
    expect(await kvs.get('act:1:reaction:0:atRisk:notify')).toEqual({ at: 1 });
  });

  it('does not take another refusal for a clash: an invalid key still throws', async () => {
    const { forgeKvsStore } = await import('../../../../src/adapters/forge/kvs-store');
    await expect(forgeKvsStore.setIfAbsent('bad/key', 1)).rejects.toMatchObject({ code: 'INVALID_KEY' });
  });
});
