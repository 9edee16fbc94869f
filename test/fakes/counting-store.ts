// An in-memory KeyValueStore without the optional batch calls, counting gets, sets and listings:
// the report tests measure how many calls a report costs. Held to the port's contract by
// test/contract/ports/kvs.contract.test.ts.

import type { KeyValueStore } from '../../src/app/ports';
import { checkKvsKey } from './kvs-key';

/** An in-memory key-value store with the port's semantics (setIfAbsent, prefix listing), counting calls. */
export class CountingStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  calls = { get: 0, set: 0, list: 0 };
  async get<T>(key: string) {
    this.calls.get++;
    return structuredClone(this.data.get(key)) as T | undefined;
  }
  async set<T>(key: string, value: T) {
    this.calls.set++;
    checkKvsKey(key);
    this.data.set(key, structuredClone(value));
  }
  async setIfAbsent<T>(key: string, value: T) {
    checkKvsKey(key);
    if (this.data.has(key)) return false;
    this.data.set(key, structuredClone(value));
    return true;
  }
  async delete(key: string) {
    this.data.delete(key);
  }
  async transact(ops: ReadonlyArray<{ set: string; value: unknown } | { delete: string }>) {
    if (ops.length > 25) throw new Error('a KVS transaction holds at most 25 operations');
    for (const op of ops) checkKvsKey('set' in op ? op.set : op.delete);
    for (const op of ops) if ('set' in op) this.data.set(op.set, structuredClone(op.value));
    else this.data.delete(op.delete);
  }
  async listByPrefix<T>(prefix: string) {
    this.calls.list++;
    return [...this.data]
      .filter(([k]) => k.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => ({ key, value: structuredClone(value) as T }));
  }
}
