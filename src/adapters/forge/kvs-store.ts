// KeyValueStore on @forge/kvs (scope storage:app). The legacy `storage` export of @forge/api is gone.

import { kvs, WhereConditions, ForgeKvsAPIError } from '@forge/kvs';
import { StoreRateLimitError, type KeyValueStore } from '../../app/ports';

/** KVS answers 429 RATE_LIMIT_EXCEEDED past the per-minute units (DOC:storage-reference/handling-errors-kvs). */
async function limited<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    if (e instanceof ForgeKvsAPIError && (e.responseDetails.status === 429 || e.code === 'RATE_LIMIT_EXCEEDED')) {
      throw new StoreRateLimitError(`KVS: ${e.message} (${e.code})`);
    }
    throw e;
  }
}

function ttl(opts?: { ttlSeconds?: number }) {
  return opts?.ttlSeconds ? { ttl: { value: Math.max(1, Math.ceil(opts.ttlSeconds)), unit: 'SECONDS' as const } } : {};
}

export function isKeyConflict(e: unknown): boolean {
  return e instanceof ForgeKvsAPIError && e.responseDetails.status === 409 && e.code === 'KEY_CONFLICT';
}

const raw: KeyValueStore = {
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
  async getMany<T>(keys: readonly string[]) {
    if (keys.length === 0) return [];
    const r = await kvs.batchGet<T>(keys.map((key) => ({ key })));
    // An absent key comes back among failedKeys as KEY_NOT_FOUND; anything else is a failure.
    const failed = r.failedKeys.filter((f) => f.error.code !== 'KEY_NOT_FOUND');
    if (failed.length > 0) {
      const f = failed[0]!;
      if (/RATE_LIMIT|TOO_MANY/i.test(f.error.code)) throw new StoreRateLimitError(`KVS batch get: ${f.error.message} (${f.error.code})`);
      throw new Error(`KVS batch get: ${failed.length} key(s) failed, e.g. ${f.key}: ${f.error.code} ${f.error.message}`);
    }
    return r.successfulKeys.map((s) => ({ key: s.key, value: s.value }));
  },
  async setMany(entries) {
    if (entries.length === 0) return [];
    const r = await kvs.batchSet(entries.map((e) => ({ key: e.key, value: e.value })));
    return r.failedKeys.map((f) => f.key);
  },
};

/** The store the app uses: every operation of `raw`, with the budget refusal as StoreRateLimitError. */
export const forgeKvsStore: KeyValueStore = {
  get: (key) => limited(() => raw.get(key)),
  set: (key, value, opts) => limited(() => raw.set(key, value, opts)),
  setIfAbsent: (key, value, opts) => limited(() => raw.setIfAbsent(key, value, opts)),
  delete: (key) => limited(() => raw.delete(key)),
  transact: (ops) => limited(() => raw.transact(ops)),
  listByPrefix: (prefix) => limited(() => raw.listByPrefix(prefix)),
  getMany: (keys) => limited(() => raw.getMany!(keys)),
  setMany: (entries) => limited(() => raw.setMany!(entries)),
};
