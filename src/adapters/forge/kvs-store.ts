// KeyValueStore on @forge/kvs (scope storage:app). The legacy `storage` export of @forge/api is gone.

import { kvs, WhereConditions, ForgeKvsAPIError } from '@forge/kvs';
import type { KeyValueStore } from '../../app/ports';

function ttl(opts?: { ttlSeconds?: number }) {
  return opts?.ttlSeconds ? { ttl: { value: Math.max(1, Math.ceil(opts.ttlSeconds)), unit: 'SECONDS' as const } } : {};
}

export function isKeyConflict(e: unknown): boolean {
  return e instanceof ForgeKvsAPIError && e.responseDetails.status === 409 && e.code === 'KEY_CONFLICT';
}

export const forgeKvsStore: KeyValueStore = {
  async get<T>(key: string) {
    return kvs.get<T>(key);
  },
  async set<T>(key: string, value: T, opts?: { ttlSeconds?: number }) {
    await kvs.set(key, value, ttl(opts));
  },
  async setIfAbsent<T>(key: string, value: T, opts?: { ttlSeconds?: number }) {
    try {
      await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS', ...ttl(opts) });
      return true;
    } catch (e) {
      // @forge/kvs (storage-api.ts) resolves set() to undefined on success and throws a
      // ForgeKvsAPIError built from the non-2xx answer; a clash is HTTP 409, code KEY_CONFLICT.
      // Only that is "already exists": any other error (429, 5xx) must not pass for someone else's marker.
      if (isKeyConflict(e)) return false;
      throw e;
    }
  },
  async delete(key: string) {
    await kvs.delete(key);
  },
  async transact(ops) {
    let tx = kvs.transact();
    for (const op of ops) tx = 'set' in op ? tx.set(op.set, op.value) : tx.delete(op.delete);
    await tx.execute();
  },
  async listByPrefix<T>(prefix: string) {
    const out: Array<{ key: string; value: T }> = [];
    let cursor: string | undefined;
    do {
      let q = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(100);
      if (cursor) q = q.cursor(cursor);
      const page = await q.getMany<T>();
      out.push(...page.results.map((r) => ({ key: r.key, value: r.value })));
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  },
};
