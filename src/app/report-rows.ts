// Stored report rows: the compact per-request rows the Reports page aggregates (issue 7), kept
// current by the same recompute that writes the SLA fields (trigger, sweep, queue worker).
//
// Layout in the key-value store: rows are packed into shard documents
//   rpt:<project>:<YYYY-MM>:<n>  →  { v: 1, rows: { <issueKey>: PackedReportRow }, next? }
// by project, creation month and a hash of the issue key (n < SHARDS), so that a report over a
// period reads a few documents per project and month instead of one key per request (a year
// of a project is 12 prefix queries of ≥ 8 documents). A document holds up to ~200 KiB (about
// 1 000 rows, under the 240 KiB value limit); a busier shard continues in overflow documents
// `…:<n>.1`, `…:<n>.2` (`next` links them), which the same month prefix query returns.
// A request's row never moves: project, month and key are fixed at creation (a moved issue gets
// a new key, and the old one is deleted with `forgetReportRows`).
//
// Concurrent recomputes of different issues can hit the same document, so each document is
// updated under a short lock (setIfAbsent with a TTL, so a crashed writer cannot block it long).

import {
  packReportRow,
  unpackReportRow,
  type PackedReportRow,
  type ReportRow,
} from '../domain/report';
import type { KeyValueStore, Logger } from './ports';

// Forge KVS keys allow only [a-zA-Z0-9:._ -#]: hence ':' separators.
export const REPORT_ROWS_PREFIX = 'rpt:';
export const SHARDS = 8;
const LOCK_PREFIX = 'rpt-lock:';
/**
 * Which project-months have rows: a report visits only those instead of every browsable project
 * times every month of the period (a site with hundreds of projects would otherwise cost
 * thousands of empty queries).
 */
export const REPORT_INDEX_KEY = 'rpt-index';
const LOCK_TTL_SECONDS = 30;

export interface ReportIndex {
  readonly v: 1;
  /** project → months (`YYYY-MM`) that have at least one row. */
  readonly months: Readonly<Record<string, readonly string[]>>;
}

export interface ReportShard {
  readonly v: 1;
  readonly rows: Readonly<Record<string, PackedReportRow>>;
  /** The overflow document that continues this shard, when this one is full. */
  readonly next?: string;
}

/** Bytes of JSON a shard document may grow to: the KVS limit is 240 KiB, with room for the envelope. */
export const SHARD_BYTES = 200 * 1024;

interface ChainDoc {
  key: string;
  rows: Record<string, PackedReportRow>;
  next: string | undefined;
  bytes: number;
  changed: boolean;
}

const utf8Bytes = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
};

/** A shard and its overflow documents, in order. */
async function loadChain(store: KeyValueStore, baseKey: string): Promise<ChainDoc[]> {
  const chain: ChainDoc[] = [];
  let key: string | undefined = baseKey;
  while (key !== undefined && chain.length < 100) {
    const doc: ReportShard | undefined = await store.get<ReportShard>(key);
    const rows = { ...(doc?.rows ?? {}) };
    chain.push({ key, rows, next: doc?.next, bytes: utf8Bytes(JSON.stringify(rows)), changed: false });
    key = doc?.next;
  }
  return chain;
}

/** FNV-1a: a stable, well-spread hash of the key so one month's rows split evenly. */
function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Project keys are [A-Z][A-Z0-9_]*; anything else is flattened so it cannot forge a key or leave the KVS alphabet. */
const safe = (s: string): string => (s === '' ? '_' : s.replace(/[^A-Za-z0-9_]/g, '_'));

export function shardKeyOf(row: Pick<ReportRow, 'key' | 'project' | 'month'>): string {
  return `${REPORT_ROWS_PREFIX}${safe(row.project)}:${row.month}:${hashKey(row.key) % SHARDS}`;
}

/**
 * Whether a new row says something the report would show differently. The computation instant
 * and the minutes of clocks that still run are left out (reports take percentiles over stopped
 * clocks only), so a request is rewritten when a state changes, not on every recompute.
 */
export function reportRowChanged(prev: ReportRow | null, next: ReportRow): boolean {
  if (prev === null) return true;
  const norm = (r: ReportRow): unknown => {
    const packed = packReportRow(r) as unknown[];
    const clock = (c: unknown): unknown => (Array.isArray(c) && c[1] === 0 ? [c[0], 0, 0, c[3]] : c);
    packed[9] = clock(packed[9]);
    packed[10] = clock(packed[10]);
    packed[11] = (packed[11] as unknown[]).map(clock);
    packed[13] = 0;
    return JSON.stringify(packed);
  };
  return norm(prev) !== norm(next);
}

export interface ReportRowsDeps {
  readonly store: KeyValueStore;
  readonly log: Logger;
  /** Waits between lock attempts; tests pass a no-op. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function withLock<T>(deps: ReportRowsDeps, shardKey: string, fn: () => Promise<T>): Promise<T> {
  const lockKey = `${LOCK_PREFIX}${shardKey.startsWith(REPORT_ROWS_PREFIX) ? shardKey.slice(REPORT_ROWS_PREFIX.length) : shardKey}`;
  const sleep = deps.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    if (await deps.store.setIfAbsent(lockKey, { at: attempt }, { ttlSeconds: LOCK_TTL_SECONDS })) break;
    if (attempt >= 20) throw new Error(`report rows: ${shardKey} stayed locked; the rows are written on the next recompute`);
    await sleep(Math.min(2000, 50 * 2 ** Math.min(attempt, 5)) + (attempt * 37) % 50);
  }
  try {
    return await fn();
  } finally {
    await deps.store.delete(lockKey);
  }
}

/**
 * Writes the rows of recomputed requests (call it after computeClocks, with
 * `reportRowFromClocks(...)` for each request). Only shards with a changed row are written.
 * Failures are logged per shard and do not throw: the SLA fields matter more than a report row,
 * and the next recompute writes the row again.
 * @returns how many shard documents were written.
 */
export async function saveReportRows(deps: ReportRowsDeps, rows: readonly ReportRow[]): Promise<number> {
  const byShard = new Map<string, ReportRow[]>();
  for (const row of rows) {
    if (row.key === '') continue;
    const k = shardKeyOf(row);
    const list = byShard.get(k);
    if (list) list.push(row);
    else byShard.set(k, [row]);
  }
  await indexProjectMonths(deps, rows);
  let written = 0;
  for (const [shardKey, shardRows] of byShard) {
    try {
      await withLock(deps, shardKey, async () => {
        const chain = await loadChain(deps.store, shardKey);
        for (const row of shardRows) {
          const packed = packReportRow(row);
          const size = utf8Bytes(JSON.stringify(row.key)) + utf8Bytes(JSON.stringify(packed)) + 2;
          const home = chain.find((d) => d.rows[row.key] !== undefined);
          if (home) {
            const prev = unpackReportRow(home.rows[row.key]);
            if (prev.ok && !reportRowChanged(prev.row, row)) continue;
            home.bytes += size - (utf8Bytes(JSON.stringify(row.key)) + utf8Bytes(JSON.stringify(home.rows[row.key])) + 2);
            home.rows[row.key] = packed;
            home.changed = true;
            continue;
          }
          let doc = chain.find((d) => d.bytes + size <= SHARD_BYTES);
          if (!doc) {
            const last = chain[chain.length - 1]!;
            doc = { key: `${shardKey}.${chain.length}`, rows: {}, next: undefined, bytes: 2, changed: true };
            last.next = doc.key;
            last.changed = true;
            chain.push(doc);
          }
          doc.rows[row.key] = packed;
          doc.bytes += size;
          doc.changed = true;
        }
        // New overflow documents first, then the ones linking to them: a reader never follows a
        // `next` to a document that does not exist yet.
        for (const d of [...chain].reverse()) {
          if (!d.changed) continue;
          await deps.store.set<ReportShard>(d.key, { v: 1, rows: d.rows, ...(d.next ? { next: d.next } : {}) });
          written++;
        }
      });
    } catch (e) {
      deps.log.warn('report rows not saved', { shard: shardKey, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return written;
}

/**
 * Adds the rows' project-months to the index. One read per save; the lock and the write happen
 * only when a project-month is new (a few times a month per project). No in-process cache: the
 * same process may serve different stores (the local host's emulator is recreated in tests).
 */
async function indexProjectMonths(deps: ReportRowsDeps, rows: readonly ReportRow[]): Promise<void> {
  const wanted = new Map<string, Set<string>>();
  for (const r of rows) {
    if (r.key === '') continue;
    const set = wanted.get(r.project) ?? new Set<string>();
    set.add(r.month);
    wanted.set(r.project, set);
  }
  if (wanted.size === 0) return;
  const isNew = (index: ReportIndex['months']): boolean =>
    [...wanted].some(([project, months]) => [...months].some((m) => !(index[project] ?? []).includes(m)));
  try {
    if (!isNew((await deps.store.get<ReportIndex>(REPORT_INDEX_KEY))?.months ?? {})) return;
    const missing = wanted;
    await withLock(deps, REPORT_INDEX_KEY, async () => {
      const current = (await deps.store.get<ReportIndex>(REPORT_INDEX_KEY))?.months ?? {};
      const next: Record<string, string[]> = Object.fromEntries(Object.entries(current).map(([p, ms]) => [p, [...ms]]));
      let changed = false;
      for (const [project, months] of missing) {
        const have = new Set(next[project] ?? []);
        for (const m of months) {
          if (!have.has(m)) {
            have.add(m);
            changed = true;
          }
        }
        next[project] = [...have].sort();
      }
      if (changed) await deps.store.set<ReportIndex>(REPORT_INDEX_KEY, { v: 1, months: next });
    });
  } catch (e) {
    // Rows are still saved; the report finds them once the index is written by a later save.
    deps.log.warn('report index not updated', { message: e instanceof Error ? e.message : String(e) });
  }
}

/**
 * Removes a request's row when only its key is known (issue deleted, or moved and re-keyed): looks
 * in its shard of every month the project has rows for. Returns whether a row was removed.
 */
export async function forgetRequest(deps: ReportRowsDeps, project: string, key: string): Promise<boolean> {
  const index = (await deps.store.get<ReportIndex>(REPORT_INDEX_KEY))?.months ?? {};
  for (const month of index[project] ?? []) {
    const chain = await loadChain(deps.store, shardKeyOf({ key, project, month }));
    if (!chain.some((d) => d.rows[key] !== undefined)) continue;
    await forgetReportRows(deps, [{ key, project, month }]);
    return true;
  }
  return false;
}

/** Removes requests' rows (issue deleted or moved to another project). */
export async function forgetReportRows(deps: ReportRowsDeps, rows: ReadonlyArray<Pick<ReportRow, 'key' | 'project' | 'month'>>): Promise<void> {
  const byShard = new Map<string, string[]>();
  for (const r of rows) byShard.set(shardKeyOf(r), [...(byShard.get(shardKeyOf(r)) ?? []), r.key]);
  for (const [shardKey, keys] of byShard) {
    await withLock(deps, shardKey, async () => {
      for (const d of await loadChain(deps.store, shardKey)) {
        if (!keys.some((k) => d.rows[k] !== undefined)) continue;
        for (const k of keys) delete d.rows[k];
        // An emptied overflow document stays as a link, so the chain is never broken.
        await deps.store.set<ReportShard>(d.key, { v: 1, rows: d.rows, ...(d.next ? { next: d.next } : {}) });
      }
    });
  }
}

export interface LoadedRows {
  readonly rows: ReportRow[];
  /** Stored rows that did not parse (skipped, logged). */
  readonly invalid: number;
}

/** `YYYY-MM` months from `first` to `last`, inclusive. */
function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  const endY = Number(last.slice(0, 4));
  const endM = Number(last.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`);
    if (++m === 13) [y, m] = [y + 1, 1];
  }
  return out;
}

/**
 * The rows of these projects whose creation month can fall in [fromMs, toMs): one prefix query
 * per project and month that has rows (the index says which; whole months, with a day's margin
 * for the calendar's zone); the caller filters on the creation instant.
 */
export async function loadReportRows(deps: ReportRowsDeps, projects: readonly string[], fromMs: number, toMs: number): Promise<LoadedRows> {
  const DAY = 86_400_000;
  if (!(toMs > fromMs)) return { rows: [], invalid: 0 };
  const months = monthsBetween(new Date(fromMs - DAY).toISOString().slice(0, 7), new Date(toMs + DAY).toISOString().slice(0, 7));
  if (months.length > 240) throw new Error(`report period too long: ${months.length} months (at most 20 years)`);
  const index = (await deps.store.get<ReportIndex>(REPORT_INDEX_KEY))?.months ?? {};
  const rows: ReportRow[] = [];
  let invalid = 0;
  for (const project of projects) {
    const withRows = new Set(index[project] ?? []);
    for (const month of months) {
      if (!withRows.has(month)) continue;
      const docs = await deps.store.listByPrefix<ReportShard>(`${REPORT_ROWS_PREFIX}${safe(project)}:${month}:`);
      for (const { key, value } of docs) {
        for (const packed of Object.values(value?.rows ?? {})) {
          const r = unpackReportRow(packed);
          // A flattened key can be shared by two odd project names: keep only the project asked for.
          if (r.ok) {
            if (r.row.project === project) rows.push(r.row);
          } else {
            invalid++;
            if (invalid <= 5) deps.log.warn('stored report row skipped', { shard: key, error: r.error });
          }
        }
      }
    }
  }
  return { rows, invalid };
}
