// Stored report rows: the compact per-request rows the Reports page aggregates (issue 7), kept
// current by the same recompute that writes the SLA fields (trigger, sweep, queue worker).
//
// Layout in the key-value store: one key per request, so that one change writes one small value
// (about 250 bytes: one KVS unit of 10 KB), not a 200 KB shard document (20 units):
//   rrow:<project>:<YYYY-MM>:<issueKey>  →  PackedReportRow (or a tombstone, see below)
//   rrix:<project>:<YYYY-MM>             →  1   (this project-month has rows)
// A report over a period lists the project-months that have rows (the `rrix:` keys: one key
// each, so there is no single index value to outgrow, and adding one is an idempotent write that
// needs no lock), then prefix-queries `rrow:<project>:<month>:` for each of those in the period.
// Writes go through batch get/set (≤ 25 keys a request, ≤ 10 KB: one unit each), so a chunk
// of 100 recomputed requests costs about 4 read and 4 write units, and only changed rows are
// written. A request's row never moves: project, month and key are fixed at creation (a moved
// issue gets a new key, and the old one is forgotten with `forgetReportRows`).
//
// Transition from the earlier layout (shard documents `rpt:<project>:<month>:<n>` listed by the
// single `rpt-index` value): the reader still reads those documents, and a row stored in the new
// layout wins over the same request's legacy row; writers write only the new layout. A full
// recompute rewrites every open request's row in the new layout; closed requests keep being read
// from the legacy documents, which are never written again. Forgetting a request that may have
// a legacy row leaves a tombstone under its new key, so the legacy row does not come back.

import { packReportRow, unpackReportRow, type PackedReportRow, type ReportRow } from '../domain/report';
import type { KeyValueStore, Logger } from './ports';

// Forge KVS keys allow only [a-zA-Z0-9:._ -#]: hence ':' separators.
export const ROW_PREFIX = 'rrow:';
export const MONTH_INDEX_PREFIX = 'rrix:';
/** The earlier layout, read only (see the header). */
export const LEGACY_ROWS_PREFIX = 'rpt:';
export const LEGACY_INDEX_KEY = 'rpt-index';
/** Keys per batch request (Forge KVS batch limit). */
export const BATCH = 25;

interface LegacyIndex {
  readonly v: 1;
  readonly months: Readonly<Record<string, readonly string[]>>;
}

interface LegacyShard {
  readonly v: 1;
  readonly rows: Readonly<Record<string, PackedReportRow>>;
  readonly next?: string;
}

/** A forgotten request whose legacy row must stay hidden. */
interface Tombstone {
  readonly gone: true;
}

type Stored = PackedReportRow | Tombstone;

const isTombstone = (v: unknown): v is Tombstone => typeof v === 'object' && v !== null && !Array.isArray(v) && (v as { gone?: unknown }).gone === true;

/** Project keys are [A-Z][A-Z0-9_]*; anything else is flattened so it cannot forge a key or leave the KVS alphabet. */
const safe = (s: string): string => (s === '' ? '_' : s.replace(/[^A-Za-z0-9_]/g, '_'));
/** Issue keys are <PROJECT>-<n>: keep the dash. */
const safeKey = (s: string): string => (s === '' ? '_' : s.replace(/[^A-Za-z0-9_-]/g, '_'));

export function rowKeyOf(row: Pick<ReportRow, 'key' | 'project' | 'month'>): string {
  return `${ROW_PREFIX}${safe(row.project)}:${row.month}:${safeKey(row.key)}`;
}

export function monthIndexKeyOf(project: string, month: string): string {
  return `${MONTH_INDEX_PREFIX}${safe(project)}:${month}`;
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
  /** Unused since rows need no locks; kept so callers built for the shard layout still fit. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Values of these keys, batched when the store can (≤ 25 keys a request). */
async function getMany<T>(store: KeyValueStore, keys: readonly string[]): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  for (let i = 0; i < keys.length; i += BATCH) {
    const part = keys.slice(i, i + BATCH);
    if (store.getMany) {
      for (const { key, value } of await store.getMany<T>(part)) out.set(key, value);
    } else {
      const values = await Promise.all(part.map((k) => store.get<T>(k)));
      part.forEach((k, j) => values[j] !== undefined && out.set(k, values[j]!));
    }
  }
  return out;
}

/** Writes these values, batched when the store can; returns the keys that were not written. */
async function setMany(store: KeyValueStore, entries: ReadonlyArray<{ key: string; value: unknown }>): Promise<string[]> {
  const failed: string[] = [];
  for (let i = 0; i < entries.length; i += BATCH) {
    const part = entries.slice(i, i + BATCH);
    if (store.setMany) failed.push(...(await store.setMany(part)));
    else for (const e of part) await store.set(e.key, e.value);
  }
  return failed;
}

export interface SaveResult {
  /** Rows written (new or changed). */
  readonly written: number;
  /** Rows that should have been written and were not (logged as errors; the next recompute retries them). */
  readonly failed: number;
}

/**
 * Writes the rows of recomputed requests (call it after computeClocks, with
 * `reportRowFromClocks(...)` for each request): reads the stored rows in batches, writes the
 * changed ones in batches, and indexes the project-months of new rows first (a reader never
 * misses a row because its month is not indexed yet). Does not throw for storage failures:
 * the SLA fields matter more than a report row, and the next recompute writes the row again;
 * every unsaved row is logged as an error with the reason.
 */
export async function saveReportRows(deps: ReportRowsDeps, rows: readonly ReportRow[]): Promise<SaveResult> {
  const byKey = new Map<string, ReportRow>();
  for (const row of rows) if (row.key !== '') byKey.set(rowKeyOf(row), row);
  if (byKey.size === 0) return { written: 0, failed: 0 };
  let prev: Map<string, Stored>;
  try {
    prev = await getMany<Stored>(deps.store, [...byKey.keys()]);
  } catch (e) {
    deps.log.error('report rows not saved', { rows: byKey.size, message: e instanceof Error ? e.message : String(e) });
    return { written: 0, failed: byKey.size };
  }
  const changed: Array<{ key: string; value: PackedReportRow }> = [];
  const newMonths = new Set<string>();
  for (const [key, row] of byKey) {
    const old = prev.get(key);
    const oldRow = old === undefined || isTombstone(old) ? null : unpackReportRow(old);
    if (oldRow?.ok && !reportRowChanged(oldRow.row, row)) continue;
    if (old === undefined || isTombstone(old)) newMonths.add(monthIndexKeyOf(row.project, row.month));
    changed.push({ key, value: packReportRow(row) });
  }
  if (changed.length === 0) return { written: 0, failed: 0 };
  try {
    if (newMonths.size > 0) {
      const have = await getMany<number>(deps.store, [...newMonths]);
      const missing = [...newMonths].filter((k) => !have.has(k));
      const notIndexed = await setMany(deps.store, missing.map((key) => ({ key, value: 1 })));
      if (notIndexed.length > 0) throw new Error(`month index not written: ${notIndexed.slice(0, 5).join(', ')}`);
    }
    const notWritten = await setMany(deps.store, changed);
    if (notWritten.length > 0) deps.log.error('report rows not saved', { rows: notWritten.length, keys: notWritten.slice(0, 5) });
    return { written: changed.length - notWritten.length, failed: notWritten.length };
  } catch (e) {
    deps.log.error('report rows not saved', { rows: changed.length, message: e instanceof Error ? e.message : String(e) });
    return { written: 0, failed: changed.length };
  }
}

/** Whether the earlier layout has rows of this project (then a forgotten row needs a tombstone). */
async function legacyMonths(store: KeyValueStore): Promise<Readonly<Record<string, readonly string[]>>> {
  return (await store.get<LegacyIndex>(LEGACY_INDEX_KEY))?.months ?? {};
}

/** The months (`YYYY-MM`) of a project that have rows, from the month index. */
async function indexedMonths(store: KeyValueStore, project: string): Promise<string[]> {
  const prefix = `${MONTH_INDEX_PREFIX}${safe(project)}:`;
  return (await store.listByPrefix<number>(prefix)).map((e) => e.key.slice(prefix.length));
}

/**
 * Removes a request's row when only its key is known (issue deleted, or moved and re-keyed): looks
 * in every month the project has rows for. Returns whether a row was removed.
 */
export async function forgetRequest(deps: ReportRowsDeps, project: string, key: string): Promise<boolean> {
  const months = new Set(await indexedMonths(deps.store, project));
  const legacy = await legacyMonths(deps.store);
  for (const m of legacy[project] ?? []) months.add(m);
  const keys = [...months].map((month) => rowKeyOf({ key, project, month }));
  const found = await getMany<Stored>(deps.store, keys);
  let removed = false;
  for (const month of months) {
    const k = rowKeyOf({ key, project, month });
    const v = found.get(k);
    if (v !== undefined && !isTombstone(v)) removed = true;
    if ((legacy[project] ?? []).includes(month)) {
      const shardRow = v === undefined ? await legacyRowExists(deps.store, project, month, key) : false;
      if (shardRow) removed = true;
      if (v === undefined ? shardRow : !isTombstone(v)) await deps.store.set<Tombstone>(k, { gone: true });
    } else if (v !== undefined) await deps.store.delete(k);
  }
  return removed;
}

async function legacyRowExists(store: KeyValueStore, project: string, month: string, key: string): Promise<boolean> {
  for (const { value } of await store.listByPrefix<LegacyShard>(`${LEGACY_ROWS_PREFIX}${safe(project)}:${month}:`)) {
    if (value?.rows?.[key] !== undefined) return true;
  }
  return false;
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

/** Above this many projects, one listing of the whole month index is cheaper than a query per project. */
const LIST_WHOLE_INDEX_ABOVE = 20;

/** project → months with rows, for these projects (from the month index). */
async function monthsWithRows(store: KeyValueStore, projects: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (projects.length > LIST_WHOLE_INDEX_ABOVE) {
    const byFlat = new Map<string, string[]>();
    for (const p of projects) byFlat.set(safe(p), [...(byFlat.get(safe(p)) ?? []), p]);
    for (const { key } of await store.listByPrefix<number>(MONTH_INDEX_PREFIX)) {
      const rest = key.slice(MONTH_INDEX_PREFIX.length);
      const cut = rest.lastIndexOf(':');
      for (const p of byFlat.get(rest.slice(0, cut)) ?? []) {
        const set = out.get(p) ?? new Set<string>();
        set.add(rest.slice(cut + 1));
        out.set(p, set);
      }
    }
    return out;
  }
  for (const p of projects) out.set(p, new Set(await indexedMonths(store, p)));
  return out;
}

/**
 * The rows of these projects whose creation month can fall in [fromMs, toMs): one prefix query
 * per project and month that has rows (the month index says which; whole months, with a day's
 * margin for the calendar's zone); the caller filters on the creation instant.
 */
export async function loadReportRows(deps: ReportRowsDeps, projects: readonly string[], fromMs: number, toMs: number): Promise<LoadedRows> {
  const DAY = 86_400_000;
  if (!(toMs > fromMs)) return { rows: [], invalid: 0 };
  const months = monthsBetween(new Date(fromMs - DAY).toISOString().slice(0, 7), new Date(toMs + DAY).toISOString().slice(0, 7));
  if (months.length > 240) throw new Error(`report period too long: ${months.length} months (at most 20 years)`);
  const indexed = await monthsWithRows(deps.store, projects);
  const legacy = await legacyMonths(deps.store);
  const rows: ReportRow[] = [];
  let invalid = 0;
  const take = (value: unknown, where: string, project: string, seen: Set<string> | null): void => {
    const r = unpackReportRow(value);
    // A flattened key can be shared by two odd project names: keep only the project asked for.
    if (r.ok) {
      if (r.row.project === project && !(seen?.has(r.row.key) ?? false)) rows.push(r.row);
    } else {
      invalid++;
      if (invalid <= 5) deps.log.warn('stored report row skipped', { key: where, error: r.error });
    }
  };
  for (const project of projects) {
    const withRows = indexed.get(project) ?? new Set<string>();
    const legacyHere = new Set(legacy[project] ?? []);
    for (const month of months) {
      // Keys in the new layout, tombstones included: they hide the same request's legacy row.
      const current = new Set<string>();
      if (withRows.has(month)) {
        for (const { key, value } of await deps.store.listByPrefix<Stored>(`${ROW_PREFIX}${safe(project)}:${month}:`)) {
          const issueKey = key.slice(key.lastIndexOf(':') + 1);
          current.add(issueKey);
          if (!isTombstone(value)) take(value, key, project, null);
        }
      }
      if (!legacyHere.has(month)) continue;
      for (const { key, value } of await deps.store.listByPrefix<LegacyShard>(`${LEGACY_ROWS_PREFIX}${safe(project)}:${month}:`)) {
        for (const [issueKey, packed] of Object.entries(value?.rows ?? {})) {
          if (current.has(safeKey(issueKey))) continue;
          take(packed, key, project, null);
        }
      }
    }
  }
  return { rows, invalid };
}
