// KeyValueStore: what the markers, locks, job records and report rows rely on.
import type { KeyValueStore } from '../../../src/app/ports';

export interface StoreSubject {
  readonly store: KeyValueStore;
  close(): void;
}

export function keyValueStoreContract(make: () => StoreSubject): void {
  let s: StoreSubject;
  let store: KeyValueStore;
  beforeEach(() => {
    s = make();
    store = s.store;
  });
  afterEach(() => s.close());

  it('stores values by key; an absent key reads as undefined; what is read is a copy', async () => {
    expect(await store.get('job:none')).toBeUndefined();
    await store.set('job:1', { state: 'queued', ids: ['1', '2'] });
    const v = await store.get<{ state: string; ids: string[] }>('job:1');
    expect(v).toEqual({ state: 'queued', ids: ['1', '2'] });
    v!.ids.push('3');
    expect(await store.get('job:1')).toEqual({ state: 'queued', ids: ['1', '2'] });
    await store.set('job:1', { state: 'running' });
    expect(await store.get('job:1')).toEqual({ state: 'running' });
    await store.delete('job:1');
    await store.delete('job:never');
    expect(await store.get('job:1')).toBeUndefined();
  });

  it('creates a key only if it is absent, and keeps the first value', async () => {
    const value = { at: 1 };
    expect(await store.setIfAbsent('act:1:k', value, { ttlSeconds: 3600 })).toBe(true);
    value.at = 99;
    expect(await store.setIfAbsent('act:1:k', { at: 2 })).toBe(false);
    expect(await store.get('act:1:k')).toEqual({ at: 1 });
    const results = await Promise.all([1, 2, 3].map((i) => store.setIfAbsent('autoclose:7', { by: i })));
    expect(results.filter((r) => r)).toHaveLength(1);
  });

  it('applies a transaction of sets and deletes, and refuses one of more than 25 operations without applying any', async () => {
    await store.set('cfg:old', 1);
    await store.transact([{ set: 'cfg:a', value: { v: 1 } }, { set: 'cfg:b', value: { v: 2 } }, { delete: 'cfg:old' }]);
    expect([await store.get('cfg:a'), await store.get('cfg:b'), await store.get('cfg:old')]).toEqual([{ v: 1 }, { v: 2 }, undefined]);
    const many = Array.from({ length: 26 }, (_, i) => ({ set: `cfg:many:${i}`, value: i }));
    await expect(store.transact(many)).rejects.toThrow();
    expect(await store.get('cfg:many:0')).toBeUndefined();
  });

  it('lists every key with a prefix in key order, past one page of results', async () => {
    const keys = Array.from({ length: 130 }, (_, i) => `rrow:SUP:2026-03:SUP-${String(1000 - i).padStart(4, '0')}`);
    for (const k of keys) await store.set(k, { k });
    await store.set('rrow:SUPX:2026-03:SUPX-1', {});
    await store.set('rrix:SUP:2026-03', {});
    const listed = await store.listByPrefix<{ k: string }>('rrow:SUP:');
    expect(listed.map((e) => e.key)).toEqual([...keys].sort());
    expect(listed[0]!.value).toEqual({ k: listed[0]!.key });
    expect(await store.listByPrefix('nothing:')).toEqual([]);
  });

  it('refuses a key outside the KVS alphabet', async () => {
    await expect(store.set('label:sla-нарушен', 1)).rejects.toThrow();
    await expect(store.setIfAbsent('', 1)).rejects.toThrow();
  });

  it('reads and writes batches of up to 25 keys, leaving absent keys out (when the store offers batches)', async () => {
    if (!store.getMany || !store.setMany) return; // optional in the port: callers fall back to one call per key
    expect(await store.setMany([{ key: 'b:1', value: 1 }, { key: 'b:2', value: { two: 2 } }])).toEqual([]);
    expect((await store.getMany(['b:2', 'b:absent', 'b:1'])).sort((x, y) => x.key.localeCompare(y.key))).toEqual([
      { key: 'b:1', value: 1 },
      { key: 'b:2', value: { two: 2 } },
    ]);
    await expect(store.getMany(Array.from({ length: 26 }, (_, i) => `b:${i}`))).rejects.toThrow();
  });
}
