// In-memory KeyValueStore with the KVS semantics the app relies on: create-if-absent is atomic,
// transactions are all-or-nothing (optionally made to fail, to prove nothing is half-saved).

import type { KeyValueStore } from '../../src/app/ports';
import { checkKvsKey } from './kvs-key';

export class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  failNextTransaction = false;
  ops = 0;

  async get<T>(key: string): Promise<T | undefined> {
    this.ops++;
    const v = this.data.get(key);
    return v === undefined ? undefined : (structuredClone(v) as T);
  }
  async set<T>(key: string, value: T): Promise<void> {
    this.ops++;
    checkKvsKey(key);
    this.data.set(key, structuredClone(value));
  }
  async setIfAbsent<T>(key: string, value: T): Promise<boolean> {
    this.ops++;
    checkKvsKey(key);
    if (this.data.has(key)) return false;
    this.data.set(key, structuredClone(value));
    return true;
  }
  async delete(key: string): Promise<void> {
    this.ops++;
    this.data.delete(key);
  }
  async transact(ops: ReadonlyArray<{ set: string; value: unknown } | { delete: string }>): Promise<void> {
    this.ops++;
    if (ops.length > 25) throw new Error('a KVS transaction holds at most 25 operations');
    if (this.failNextTransaction) {
      this.failNextTransaction = false;
      throw new Error('transaction failed (injected)');
    }
    for (const op of ops) checkKvsKey('set' in op ? op.set : op.delete);
    for (const op of ops) {
      if ('set' in op) this.data.set(op.set, structuredClone(op.value));
      else this.data.delete(op.delete);
    }
  }
  async getMany<T>(keys: readonly string[]): Promise<Array<{ key: string; value: T }>> {
    this.ops++;
    if (keys.length > 25) throw new Error('a KVS batch holds at most 25 keys');
    return keys.filter((k) => this.data.has(k)).map((key) => ({ key, value: structuredClone(this.data.get(key)) as T }));
  }
  async setMany(entries: ReadonlyArray<{ key: string; value: unknown }>): Promise<string[]> {
    this.ops++;
    if (entries.length > 25) throw new Error('a KVS batch holds at most 25 keys');
    for (const e of entries) checkKvsKey(e.key);
    for (const e of entries) this.data.set(e.key, structuredClone(e.value));
    return [];
  }
  async listByPrefix<T>(prefix: string): Promise<Array<{ key: string; value: T }>> {
    this.ops++;
    return [...this.data.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => ({ key, value: structuredClone(value) as T }));
  }
}
