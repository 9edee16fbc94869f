// Forge KVS (`@forge/kvs`) emulated behind its HTTP seam: POST /api/v1/{get,set,delete,query},
// /api/v1/batch/{get,set,delete}, /api/v1/transaction, /api/v1/entity/{get,set,delete,query},
// /api/v1/secret/{get,set,delete}. Limits follow the Forge docs: key ≤ 500 characters and the
// key pattern, value ≤ 240 KiB, batch ≤ 25 items, transaction ≤ 25 operations.
// Budget (DOC:limits-kvs-ce): per installation 4 000 read and 4 000 write units a minute, a unit
// being one request of up to 10 KB (a 65 KB request counts 7). Writes are measured by the request
// body, reads by the response body. Past the budget a request answers 429 RATE_LIMIT_EXCEEDED
// (DOC:storage-reference/handling-errors-kvs) and does nothing. The minute slides over the
// platform's clock (`limitNow`).
import type { Db } from './db';

export const KVS_LIMITS = {
  maxKeyLength: 500,
  maxValueBytes: 240 * 1024,
  maxBatch: 25,
  maxTransactionOps: 25,
  maxQueryLimit: 100,
  unitBytes: 10 * 1024,
  readUnitsPerMinute: 4000,
  writeUnitsPerMinute: 4000,
} as const;

const WRITE_PATHS = new Set([
  '/api/v1/set',
  '/api/v1/delete',
  '/api/v1/secret/set',
  '/api/v1/secret/delete',
  '/api/v1/entity/set',
  '/api/v1/entity/delete',
  '/api/v1/batch/set',
  '/api/v1/batch/delete',
  '/api/v1/transaction',
]);

/** Units of one request of this many bytes: rounded up to 10 KB, at least one. */
export const kvsUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / KVS_LIMITS.unitBytes));

export interface KvsUsage {
  readUnits: number;
  writeUnits: number;
  reads: number;
  writes: number;
  refused: number;
  /** The most units used within any one minute (platform clock), reads and writes. */
  peakReadUnitsPerMinute: number;
  peakWriteUnitsPerMinute: number;
}
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const SECRET_ENTITY = '\u0000secret';

export interface KvsReply {
  status: number;
  body?: unknown;
}

interface Row {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  expireAt: number | null;
}

type Condition = { property: string; condition: string; values: unknown[] };
type Conditions = { and?: Condition[]; or?: Condition[] } | undefined;

class KvsFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function fail(status: number, code: string, message: string): never {
  throw new KvsFailure(status, code, message);
}

function checkKey(key: unknown, where = 'key'): string {
  if (typeof key !== 'string' || key.length === 0) fail(400, 'INVALID_KEY', `${where}: a key must be a non-empty string`);
  if (key.length > KVS_LIMITS.maxKeyLength) fail(400, 'INVALID_KEY', `${where}: key is ${key.length} characters long, the limit is ${KVS_LIMITS.maxKeyLength}`);
  if (!KEY_PATTERN.test(key)) fail(400, 'INVALID_KEY', `${where}: key '${key.slice(0, 60)}' must match /^(?!\\s+$)[a-zA-Z0-9:._\\s-#]+$/`);
  return key;
}

function checkValue(value: unknown, where = 'value'): string {
  if (value === undefined) fail(400, 'INVALID_VALUE', `${where}: value is missing`);
  const text = JSON.stringify(value);
  const bytes = Buffer.byteLength(text);
  if (bytes > KVS_LIMITS.maxValueBytes) fail(413, 'MAX_SIZE_EXCEEDED', `${where}: value is ${bytes} bytes, the limit is ${KVS_LIMITS.maxValueBytes} bytes (240 KiB)`);
  return text;
}

function ttlMs(options: unknown): number | null {
  const ttl = (options as { ttl?: { value: number; unit: string } } | undefined)?.ttl;
  if (!ttl) return null;
  const unit = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 }[ttl.unit] ?? 1000;
  return ttl.value * unit;
}

function matchCondition(actual: unknown, c: Condition): boolean {
  const [a, b] = c.values as [unknown, unknown];
  switch (c.condition) {
    case 'EXISTS':
      return actual !== undefined;
    case 'NOT_EXISTS':
      return actual === undefined;
    case 'EQUAL_TO':
      return actual === a;
    case 'NOT_EQUAL_TO':
      return actual !== a;
    case 'BEGINS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(a));
    case 'CONTAINS':
      return (typeof actual === 'string' || Array.isArray(actual)) && actual.includes(a as never);
    case 'NOT_CONTAINS':
      return !((typeof actual === 'string' || Array.isArray(actual)) && actual.includes(a as never));
    case 'GREATER_THAN':
      return (actual as number) > (a as number);
    case 'GREATER_THAN_EQUAL_TO':
      return (actual as number) >= (a as number);
    case 'LESS_THAN':
      return (actual as number) < (a as number);
    case 'LESS_THAN_EQUAL_TO':
      return (actual as number) <= (a as number);
    case 'BETWEEN':
      return (actual as number) >= (a as number) && (actual as number) <= (b as number);
    default:
      fail(400, 'INVALID_CONDITION', `unknown condition '${c.condition}'`);
  }
}

function matchConditions(value: unknown, conditions: Conditions): boolean {
  if (!conditions) return true;
  const prop = (c: Condition): unknown => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[c.property] : undefined);
  if (conditions.and) return conditions.and.every((c) => matchCondition(prop(c), c));
  if (conditions.or) return conditions.or.some((c) => matchCondition(prop(c), c));
  return true;
}

/** Entity index definitions from manifest.yml (`app.storage.entities`). */
export interface EntityIndex {
  name: string;
  range: string[];
  partition: string[];
}

export class KvsStore {
  private readonly rows = new Map<string, Row>(); // `${entity}\u0001${key}`
  private readonly upsert;
  private readonly remove;
  /** [platform instant, units] of the last minute's reads and writes, oldest first. */
  private readonly window = { read: [] as Array<[number, number]>, write: [] as Array<[number, number]> };
  private readonly windowSum = { read: 0, write: 0 };
  private usageTotals: KvsUsage = { readUnits: 0, writeUnits: 0, reads: 0, writes: 0, refused: 0, peakReadUnitsPerMinute: 0, peakWriteUnitsPerMinute: 0 };
  /** Whether the per-minute unit budget is enforced (on by default, as on Forge). */
  rateLimit = true;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    private readonly indexes: Record<string, EntityIndex[]> = {},
    private readonly limitNow: () => number = now,
  ) {
    this.upsert = db.prepare<[string, string, string, number, number, number | null]>(
      'INSERT INTO kvs (entity, key, value, created_at, updated_at, expire_at) VALUES (?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT(entity, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, expire_at = excluded.expire_at',
    );
    this.remove = db.prepare<[string, string]>('DELETE FROM kvs WHERE entity = ? AND key = ?');
    const all = db
      .prepare<[], { entity: string; key: string; value: string; created_at: number; updated_at: number; expire_at: number | null }>('SELECT * FROM kvs')
      .all();
    for (const r of all) this.rows.set(`${r.entity}\u0001${r.key}`, { value: JSON.parse(r.value), createdAt: r.created_at, updatedAt: r.updated_at, expireAt: r.expire_at });
  }

  /** Units and requests since the last resetUsage() (refused requests are not counted as units). */
  usage(): KvsUsage {
    return { ...this.usageTotals };
  }

  resetUsage(): void {
    this.usageTotals = { readUnits: 0, writeUnits: 0, reads: 0, writes: 0, refused: 0, peakReadUnitsPerMinute: 0, peakWriteUnitsPerMinute: 0 };
  }

  /** Units used within the minute before the platform's now. */
  unitsInLastMinute(kind: 'read' | 'write'): number {
    const w = this.window[kind];
    const cutoff = this.limitNow() - 60_000;
    while (w.length > 0 && w[0]![0] <= cutoff) this.windowSum[kind] -= w.shift()![1];
    return this.windowSum[kind];
  }

  private overBudget(kind: 'read' | 'write', units: number): boolean {
    if (!this.rateLimit) return false;
    const limit = kind === 'read' ? KVS_LIMITS.readUnitsPerMinute : KVS_LIMITS.writeUnitsPerMinute;
    return this.unitsInLastMinute(kind) + units > limit;
  }

  private charge(kind: 'read' | 'write', units: number): void {
    this.window[kind].push([this.limitNow(), units]);
    this.windowSum[kind] += units;
    const inMinute = this.unitsInLastMinute(kind);
    if (kind === 'read') {
      this.usageTotals.readUnits += units;
      this.usageTotals.reads++;
      this.usageTotals.peakReadUnitsPerMinute = Math.max(this.usageTotals.peakReadUnitsPerMinute, inMinute);
    } else {
      this.usageTotals.writeUnits += units;
      this.usageTotals.writes++;
      this.usageTotals.peakWriteUnitsPerMinute = Math.max(this.usageTotals.peakWriteUnitsPerMinute, inMinute);
    }
  }

  private refuse(kind: 'read' | 'write'): KvsReply {
    this.usageTotals.refused++;
    const limit = kind === 'read' ? KVS_LIMITS.readUnitsPerMinute : KVS_LIMITS.writeUnitsPerMinute;
    return { status: 429, body: { code: 'RATE_LIMIT_EXCEEDED', message: `more than ${limit} ${kind} units (10 KB each) in one minute for this installation` } };
  }

  /** Handles one request from @forge/kvs, within the installation's per-minute unit budget. */
  handle(path: string, bodyText: string | undefined): KvsReply {
    if (WRITE_PATHS.has(path)) {
      const units = kvsUnits(Buffer.byteLength(bodyText ?? ''));
      if (this.overBudget('write', units)) return this.refuse('write');
      const reply = this.execute(path, bodyText);
      this.charge('write', units);
      return reply;
    }
    const reply = this.execute(path, bodyText);
    const units = kvsUnits(reply.body === undefined ? 0 : Buffer.byteLength(JSON.stringify(reply.body)));
    if (this.overBudget('read', units)) return this.refuse('read');
    this.charge('read', units);
    return reply;
  }

  /** Direct read access for tests and the host page. */
  get(key: string, entity = ''): unknown {
    return this.read(entity, key)?.value;
  }

  /** Every plain key with its value, sorted. */
  entries(prefix = ''): Array<[string, unknown]> {
    const out: Array<[string, unknown]> = [];
    for (const k of this.sortedKeys('')) {
      const row = k.startsWith(prefix) ? this.read('', k) : undefined;
      if (row) out.push([k, row.value]);
    }
    return out;
  }

  private read(entity: string, key: string): Row | undefined {
    const row = this.rows.get(`${entity}\u0001${key}`);
    if (row && row.expireAt !== null && row.expireAt <= this.now()) {
      this.del(entity, key);
      return undefined;
    }
    return row;
  }

  private write(entity: string, key: string, valueText: string, options: unknown): Row {
    const now = this.now();
    const prev = this.read(entity, key);
    const ttl = ttlMs(options);
    const row: Row = { value: JSON.parse(valueText), createdAt: prev?.createdAt ?? now, updatedAt: now, expireAt: ttl === null ? null : now + ttl };
    if (!this.rows.has(`${entity}\u0001${key}`)) this.sortedCache.delete(entity);
    this.rows.set(`${entity}\u0001${key}`, row);
    this.upsert.run(entity, key, valueText, row.createdAt, row.updatedAt, row.expireAt);
    return row;
  }

  private del(entity: string, key: string): boolean {
    const had = this.rows.delete(`${entity}\u0001${key}`);
    if (had) this.sortedCache.delete(entity);
    this.remove.run(entity, key);
    return had;
  }

  /** Sorted keys per entity, rebuilt only after a key is added or removed (queries are frequent). */
  private readonly sortedCache = new Map<string, string[]>();

  private sortedKeys(entity: string): string[] {
    const cached = this.sortedCache.get(entity);
    if (cached) return cached;
    const p = `${entity}\u0001`;
    const keys: string[] = [];
    for (const k of this.rows.keys()) if (k.startsWith(p)) keys.push(k.slice(p.length));
    keys.sort();
    this.sortedCache.set(entity, keys);
    return keys;
  }

  private getReply(entity: string, key: string): KvsReply {
    const row = this.read(entity, checkKey(key));
    if (!row) return { status: 404, body: { code: 'KEY_NOT_FOUND', message: `No value found for key '${key}'` } };
    return { status: 200, body: { key, value: row.value, createdAt: row.createdAt, updatedAt: row.updatedAt, ...(row.expireAt !== null ? { expireTime: new Date(row.expireAt).toISOString() } : {}) } };
  }

  private setOne(entity: string, body: { key: unknown; value: unknown; options?: { keyPolicy?: string; returnValue?: string } }): KvsReply {
    const key = checkKey(body.key);
    const text = checkValue(body.value);
    const prev = this.read(entity, key);
    // Forge KVS answers a clash with HTTP 409 and code KEY_CONFLICT; @forge/kvs throws it as a ForgeKvsAPIError.
    if (body.options?.keyPolicy === 'FAIL_IF_EXISTS' && prev) fail(409, 'KEY_CONFLICT', `key '${key}' already exists`);
    const row = this.write(entity, key, text, body.options);
    if (body.options?.returnValue === 'PREVIOUS') {
      return { status: 200, body: prev ? { key, value: prev.value, createdAt: prev.createdAt, updatedAt: prev.updatedAt } : undefined };
    }
    if (body.options?.returnValue === 'LATEST') return { status: 200, body: { key, value: row.value, createdAt: row.createdAt, updatedAt: row.updatedAt } };
    return { status: 204 };
  }

  private query(entity: string, body: { limit?: number; after?: string; cursor?: string; where?: Condition[] }): KvsReply {
    const limit = Math.min(body.limit ?? 10, KVS_LIMITS.maxQueryLimit);
    if (limit < 1) fail(400, 'INVALID_LIMIT', `limit must be between 1 and ${KVS_LIMITS.maxQueryLimit}`);
    const after = body.after ?? body.cursor;
    const start = after ? Buffer.from(after, 'base64url').toString() : null;
    const where = body.where ?? [];
    for (const w of where) if (w.property !== 'key') fail(400, 'INVALID_WHERE', `where: only the 'key' property can be queried, got '${w.property}'`);
    const all = this.sortedKeys(entity);
    // Start at the first key ≥ the prefix (and after the cursor): the keys are sorted.
    const prefix = where.find((w) => w.condition === 'BEGINS_WITH')?.values[0];
    const from = [typeof prefix === 'string' ? prefix : '', start ?? ''].reduce((a, b) => (a > b ? a : b));
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    const keys: string[] = [];
    for (let i = lo; i < all.length && keys.length <= limit; i++) {
      const k = all[i]!;
      if (typeof prefix === 'string' && !k.startsWith(prefix)) break;
      if ((start === null || k > start) && where.every((w) => matchCondition(k, w)) && this.read(entity, k)) keys.push(k);
    }
    const page = keys.slice(0, limit);
    const data = page.map((k) => ({ key: k, value: this.read(entity, k)!.value }));
    const cursor = keys.length > limit ? Buffer.from(page[page.length - 1]!).toString('base64url') : undefined;
    return { status: 200, body: { data, ...(cursor ? { cursor } : {}) } };
  }

  private entityQuery(body: {
    entityName: string;
    indexName: string;
    partition?: unknown[];
    range?: Condition | { condition: string; values: unknown[] };
    filters?: Conditions;
    sort?: 'ASC' | 'DESC';
    cursor?: string;
    limit?: number;
  }): KvsReply {
    const index = (this.indexes[body.entityName] ?? []).find((i) => i.name === body.indexName);
    if (!index) fail(400, 'INDEX_NOT_FOUND', `entity '${body.entityName}' has no index '${body.indexName}' in manifest.yml`);
    const limit = Math.min(body.limit ?? 10, KVS_LIMITS.maxQueryLimit);
    const rows = this.sortedKeys(body.entityName)
      .map((key) => ({ key, value: this.read(body.entityName, key)!.value as Record<string, unknown> }))
      .filter(({ value }) => index.partition.every((p, i) => value[p] === body.partition?.[i]))
      .filter(({ value }) => !body.range || matchCondition(value[index.range[0]!], { property: index.range[0]!, ...body.range }))
      .filter(({ value }) => matchConditions(value, body.filters));
    const rangeKey = index.range[0]!;
    rows.sort((a, b) => {
      const va = a.value[rangeKey] as string | number;
      const vb = b.value[rangeKey] as string | number;
      const c = va < vb ? -1 : va > vb ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      return body.sort === 'DESC' ? -c : c;
    });
    const offset = body.cursor ? Number(Buffer.from(body.cursor, 'base64url').toString()) : 0;
    const page = rows.slice(offset, offset + limit);
    const next = offset + limit < rows.length ? Buffer.from(String(offset + limit)).toString('base64url') : undefined;
    return { status: 200, body: { data: page, ...(next ? { cursor: next } : {}) } };
  }

  private transaction(body: {
    set?: Array<{ key: string; value: unknown; entityName?: string; conditions?: Conditions; options?: unknown }>;
    delete?: Array<{ key: string; entityName?: string; conditions?: Conditions }>;
    check?: Array<{ key: string; entityName?: string; conditions?: Conditions }>;
  }): KvsReply {
    const sets = body.set ?? [];
    const dels = body.delete ?? [];
    const checks = body.check ?? [];
    const total = sets.length + dels.length + checks.length;
    if (total === 0) fail(400, 'INVALID_TRANSACTION', 'transaction has no operations');
    if (total > KVS_LIMITS.maxTransactionOps) fail(400, 'TOO_MANY_OPERATIONS', `transaction has ${total} operations, the limit is ${KVS_LIMITS.maxTransactionOps}`);
    const seen = new Set<string>();
    for (const op of [...sets, ...dels, ...checks]) {
      checkKey(op.key);
      const id = `${op.entityName ?? ''}\u0001${op.key}`;
      if (seen.has(id)) fail(400, 'DUPLICATE_KEY', `transaction touches key '${op.key}' more than once`);
      seen.add(id);
    }
    const texts = sets.map((s, i) => checkValue(s.value, `set[${i}].value`));
    // All conditions are evaluated before anything is written: a failed one changes nothing.
    const condOps = [...sets, ...dels, ...checks];
    for (const op of condOps) {
      if (!op.conditions) continue;
      const row = this.read(op.entityName ?? '', op.key);
      if (!matchConditions(row?.value, op.conditions)) {
        fail(409, 'CONDITION_FAILED', `transaction condition failed for key '${op.key}'${op.entityName ? ` of entity '${op.entityName}'` : ''}`);
      }
    }
    this.db.transaction(() => {
      sets.forEach((s, i) => this.write(s.entityName ?? '', s.key, texts[i]!, s.options));
      dels.forEach((d) => this.del(d.entityName ?? '', d.key));
    })();
    return { status: 204 };
  }

  private batch(kind: 'get' | 'set' | 'delete', items: unknown): KvsReply {
    if (!Array.isArray(items)) fail(400, 'INVALID_BATCH', 'batch body must be an array');
    if (items.length > KVS_LIMITS.maxBatch) fail(400, 'TOO_MANY_ITEMS', `batch has ${items.length} items, the limit is ${KVS_LIMITS.maxBatch}`);
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const raw of items as Array<{ key: string; value?: unknown; entityName?: string; options?: unknown }>) {
      const entity = raw.entityName ?? '';
      const ref = { key: raw.key, ...(raw.entityName ? { entityName: raw.entityName } : {}) };
      try {
        checkKey(raw.key);
        if (kind === 'set') {
          this.write(entity, raw.key, checkValue(raw.value), raw.options);
          successfulKeys.push(ref);
        } else if (kind === 'delete') {
          this.del(entity, raw.key);
          successfulKeys.push(ref);
        } else {
          const row = this.read(entity, raw.key);
          if (row) successfulKeys.push({ ...ref, value: row.value, createdAt: row.createdAt, updatedAt: row.updatedAt });
          else failedKeys.push({ ...ref, error: { code: 'KEY_NOT_FOUND', message: `No value found for key '${raw.key}'` } });
        }
      } catch (e) {
        if (!(e instanceof KvsFailure)) throw e;
        failedKeys.push({ ...ref, error: { code: e.code, message: e.message } });
      }
    }
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private execute(path: string, bodyText: string | undefined): KvsReply {
    let body: Record<string, unknown> & { key?: string; entityName?: string };
    try {
      body = bodyText ? (JSON.parse(bodyText) as typeof body) : {};
    } catch {
      return { status: 400, body: { code: 'INVALID_REQUEST', message: 'request body is not JSON' } };
    }
    try {
      switch (path) {
        case '/api/v1/get':
          return this.getReply('', body.key as string);
        case '/api/v1/set':
          return this.setOne('', body as never);
        case '/api/v1/delete':
          this.del('', checkKey(body.key));
          return { status: 204 };
        case '/api/v1/query':
          return this.query('', body as never);
        case '/api/v1/secret/get':
          return this.getReply(SECRET_ENTITY, body.key as string);
        case '/api/v1/secret/set':
          return this.setOne(SECRET_ENTITY, body as never);
        case '/api/v1/secret/delete':
          this.del(SECRET_ENTITY, checkKey(body.key));
          return { status: 204 };
        case '/api/v1/entity/get':
          return this.getReply(String(body.entityName), body.key as string);
        case '/api/v1/entity/set':
          return this.setOne(String(body.entityName), body as never);
        case '/api/v1/entity/delete':
          this.del(String(body.entityName), checkKey(body.key));
          return { status: 204 };
        case '/api/v1/entity/query':
          return this.entityQuery(body as never);
        case '/api/v1/batch/get':
          return this.batch('get', body);
        case '/api/v1/batch/set':
          return this.batch('set', body);
        case '/api/v1/batch/delete':
          return this.batch('delete', body);
        case '/api/v1/transaction':
          return this.transaction(body as never);
        default:
          return { status: 404, body: { code: 'NOT_FOUND', message: `unknown KVS path ${path}` } };
      }
    } catch (e) {
      if (e instanceof KvsFailure) return { status: e.status, body: { code: e.code, message: e.message } };
      throw e;
    }
  }
}
