// The compliance report: counts per clock state, % met, median and 90th percentile of the
// working minutes of stopped clocks, per group. Built from report rows only.
//
// `ReportAccumulator` is incremental: `upsert(row)` / `delete(key)` keep
// every tally current when one request is recomputed, without touching the other rows.
// Counts and sums update in O(1); percentiles keep the stopped clocks' elapsed minutes and
// sort lazily, only when a report is read after a change.

import { percentileSorted } from './percentile';
import { REPORT_CLOCK_KINDS, type ReportClock, type ReportClockKind, type ReportClockState, type ReportRow } from './report-row';

export interface ClockStats {
  readonly met: number;
  readonly breached: number;
  readonly running: number;
  readonly atRisk: number;
  readonly paused: number;
  /**
   * Of `met`, the clocks met only thanks to an agreed deadline (issue 15); absent = none, so reports
   * without agreements read exactly as before.
   */
  readonly metAsAgreed?: number;
  /** Clocks whose goal an agreed deadline moved (met, breached or open); absent = none. */
  readonly extended?: number;
  /** met ÷ (met + breached) × 100, 2 decimals; null when no clock is met or breached yet. */
  readonly metPercent: number | null;
  /** Over the elapsed working minutes of stopped clocks (linear interpolation, see percentile.ts), 2 decimals. */
  readonly medianMinutes: number | null;
  readonly p90Minutes: number | null;
}

export interface GroupStats {
  readonly requests: number;
  readonly clocks: Readonly<Record<ReportClockKind, ClockStats>>;
  /** Working minutes resolution clocks spent paused waiting for the customer (sum), 2 decimals. */
  readonly pausedMinutes: number;
  /** Requests that waited for the customer at least once. */
  readonly pausedRequests: number;
  /** Follow-up cycles started (each customer message after an agent's answer that opened one). */
  readonly followUpCycles: number;
  /** Answers to customers (agent comments). */
  readonly answers: number;
  /** Support time accounted under the regulation's minimum per answer (0 without one), 2 decimals. */
  readonly accountedMinutes: number;
}

export const REPORT_DIMENSIONS = ['package', 'priority', 'customer', 'agent', 'month'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

export interface ComplianceReport {
  readonly total: GroupStats;
  readonly byPackage: Readonly<Record<string, GroupStats>>;
  readonly byPriority: Readonly<Record<string, GroupStats>>;
  readonly byCustomer: Readonly<Record<string, GroupStats>>;
  readonly byAgent: Readonly<Record<string, GroupStats>>;
  readonly byMonth: Readonly<Record<string, GroupStats>>;
}

/** The group of a row whose value is missing (no customer, unassigned…). */
export const NO_GROUP = '(none)';

/** The group key of `row` along `dimension`. */
export function groupOf(row: ReportRow, dimension: ReportDimension): string {
  const v = dimension === 'month' ? row.month : row[dimension];
  return v === null || v === '' ? NO_GROUP : v;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const round2OrNull = (x: number | null): number | null => (x === null ? null : round2(x));

class ClockTally {
  readonly counts: Record<ReportClockState, number> = { running: 0, atRisk: 0, paused: 0, met: 0, breached: 0 };
  // Elapsed minutes of stopped clocks. Removals are tombstones settled at the next read, so an
  // upsert costs O(1) however many rows there are; a read sorts a Float64Array natively and
  // drops the tombstones in one merge pass.
  private values: number[] = [];
  private tombstones: number[] = [];
  private sorted: Float64Array | null = new Float64Array(0);

  metAsAgreed = 0;
  extended = 0;

  apply(c: ReportClock, sign: 1 | -1): void {
    this.counts[c.state] += sign;
    if (c.agreed && c.state === 'met') this.metAsAgreed += sign;
    if (c.extended) this.extended += sign;
    if (!c.stopped) return;
    this.sorted = null;
    if (sign === 1) this.values.push(c.elapsedMinutes);
    else this.tombstones.push(c.elapsedMinutes);
  }

  private sortedValues(): Float64Array {
    if (this.sorted !== null) return this.sorted;
    let all = Float64Array.from(this.values).sort();
    if (this.tombstones.length > 0) {
      const dead = Float64Array.from(this.tombstones).sort();
      const kept = new Float64Array(all.length - dead.length);
      let k = 0;
      let d = 0;
      for (let i = 0; i < all.length; i++) {
        const v = all[i]!;
        if (d < dead.length && dead[d]! < v) throw new Error(`report: removed a stopped clock of ${dead[d]} min that was never added`);
        if (d < dead.length && dead[d] === v) d++;
        else kept[k++] = v;
      }
      if (d < dead.length) throw new Error(`report: removed a stopped clock of ${dead[d]} min that was never added`);
      all = kept;
      this.values = Array.from(kept);
      this.tombstones = [];
    }
    this.sorted = all;
    return all;
  }

  stats(): ClockStats {
    const sorted = this.sortedValues();
    const { met, breached, running, atRisk, paused } = this.counts;
    const judged = met + breached;
    return {
      met,
      breached,
      running,
      atRisk,
      paused,
      ...(this.metAsAgreed > 0 ? { metAsAgreed: this.metAsAgreed } : {}),
      ...(this.extended > 0 ? { extended: this.extended } : {}),
      metPercent: judged === 0 ? null : round2((met / judged) * 100),
      medianMinutes: round2OrNull(percentileSorted(sorted, 0.5)),
      p90Minutes: round2OrNull(percentileSorted(sorted, 0.9)),
    };
  }
}

class GroupTally {
  requests = 0;
  pausedMinutes = 0;
  pausedRequests = 0;
  followUpCycles = 0;
  answers = 0;
  accountedMinutes = 0;
  readonly clocks: Record<ReportClockKind, ClockTally> = { reaction: new ClockTally(), resolution: new ClockTally(), followUp: new ClockTally() };

  apply(row: ReportRow, sign: 1 | -1): void {
    this.requests += sign;
    this.pausedMinutes += sign * row.pausedMinutes;
    if (row.pausedMinutes > 0) this.pausedRequests += sign;
    this.followUpCycles += sign * row.followUp.length;
    this.answers += sign * row.answers;
    this.accountedMinutes += sign * row.accountedMinutes;
    if (row.reaction !== null) this.clocks.reaction.apply(row.reaction, sign);
    if (row.resolution !== null) this.clocks.resolution.apply(row.resolution, sign);
    for (const cycle of row.followUp) this.clocks.followUp.apply(cycle, sign);
  }

  get empty(): boolean {
    return this.requests === 0;
  }

  stats(): GroupStats {
    return {
      requests: this.requests,
      clocks: { reaction: this.clocks.reaction.stats(), resolution: this.clocks.resolution.stats(), followUp: this.clocks.followUp.stats() },
      // Sums of many fractional minutes drift by 1e-12 after removals; 2 decimals hides it.
      pausedMinutes: round2(this.pausedMinutes),
      pausedRequests: this.pausedRequests,
      followUpCycles: this.followUpCycles,
      answers: this.answers,
      accountedMinutes: round2(this.accountedMinutes),
    };
  }
}

/** Group keys in the order people read them: numbers numerically, then text, `(none)` last. */
export function compareGroupKeys(a: string, b: string): number {
  if (a === NO_GROUP || b === NO_GROUP) return a === b ? 0 : a === NO_GROUP ? 1 : -1;
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The tallies of a multiset of rows: totals and every group. */
class ReportTallies {
  private readonly total = new GroupTally();
  private readonly groups: Record<ReportDimension, Map<string, GroupTally>> = {
    package: new Map(),
    priority: new Map(),
    customer: new Map(),
    agent: new Map(),
    month: new Map(),
  };

  apply(row: ReportRow, sign: 1 | -1): void {
    this.total.apply(row, sign);
    for (const dim of REPORT_DIMENSIONS) {
      const key = groupOf(row, dim);
      const map = this.groups[dim];
      let g = map.get(key);
      if (g === undefined) {
        // Unreachable while removals only take rows that were added (ReportAccumulator ensures it).
        if (sign === -1) throw new Error(`report: removing ${row.key} from ${dim} "${key}", which has no rows`);
        g = new GroupTally();
        map.set(key, g);
      }
      g.apply(row, sign);
      if (g.empty) map.delete(key);
    }
  }

  private grouped(dim: ReportDimension): Record<string, GroupStats> {
    const keys = [...this.groups[dim].keys()].sort(compareGroupKeys);
    return Object.fromEntries(keys.map((k) => [k, this.groups[dim].get(k)!.stats()]));
  }

  report(): ComplianceReport {
    return {
      total: this.total.stats(),
      byPackage: this.grouped('package'),
      byPriority: this.grouped('priority'),
      byCustomer: this.grouped('customer'),
      byAgent: this.grouped('agent'),
      byMonth: this.grouped('month'),
    };
  }
}

/**
 * Keeps the compliance report of a changing set of rows, one row per request key. The
 * accumulator holds the rows it counted, so replacing a request's row always removes exactly
 * what was added for it (a stale copy held by a caller cannot corrupt the tallies).
 * @example
 * const acc = new ReportAccumulator(rows);
 * acc.upsert(recomputedRow); // one request recomputed
 * acc.report().total.clocks.reaction.metPercent
 */
export class ReportAccumulator {
  private readonly tallies = new ReportTallies();
  private readonly byKey = new Map<string, ReportRow>();

  constructor(rows: Iterable<ReportRow> = []) {
    for (const row of rows) this.upsert(row);
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The rows counted, for drill-down on the same data. */
  rows(): IterableIterator<ReportRow> {
    return this.byKey.values();
  }

  get(key: string): ReportRow | undefined {
    return this.byKey.get(key);
  }

  /** Adds the row of a request, replacing the one counted before for the same key. */
  upsert(row: ReportRow): void {
    const previous = this.byKey.get(row.key);
    if (previous !== undefined) this.tallies.apply(previous, -1);
    this.tallies.apply(row, 1);
    this.byKey.set(row.key, row);
  }

  /** Forgets a request (deleted issue, moved out of scope); false when it was not counted. */
  delete(key: string): boolean {
    const previous = this.byKey.get(key);
    if (previous === undefined) return false;
    this.tallies.apply(previous, -1);
    this.byKey.delete(key);
    return true;
  }

  report(): ComplianceReport {
    return this.tallies.report();
  }
}

/** Which rows a report covers. Periods are half-open [fromMs, toMs) on the creation instant. */
export interface ReportFilter {
  readonly fromMs?: number;
  readonly toMs?: number;
  /** Only these projects (the ones the viewer may browse); absent = all. */
  readonly projects?: ReadonlySet<string>;
  readonly package?: string;
  readonly priority?: string;
  readonly customer?: string;
  readonly agent?: string;
  readonly month?: string;
}

export function matchesFilter(row: ReportRow, f: ReportFilter): boolean {
  if (f.fromMs !== undefined && row.createdMs < f.fromMs) return false;
  if (f.toMs !== undefined && row.createdMs >= f.toMs) return false;
  if (f.projects !== undefined && !f.projects.has(row.project)) return false;
  for (const dim of REPORT_DIMENSIONS) {
    const want = f[dim];
    if (want !== undefined && groupOf(row, dim) !== want) return false;
  }
  return true;
}

/**
 * The compliance report of the rows matching `filter`.
 * @example buildReport(rows, { fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2026, 3, 1) }).byPriority["1"]
 */
export function buildReport(rows: Iterable<ReportRow>, filter: ReportFilter = {}): ComplianceReport {
  // Every row counts, keyed or not (CLI input may repeat or omit keys).
  const tallies = new ReportTallies();
  for (const row of rows) if (matchesFilter(row, filter)) tallies.apply(row, 1);
  return tallies.report();
}

/** The report as `sla report` prints it: per clock, per package, per priority (the exact shape). */
export interface CompactReport {
  readonly clocks: Readonly<Record<ReportClockKind, ClockStats>>;
  readonly byPackage: Readonly<Record<string, Readonly<Record<ReportClockKind, ClockStats>>>>;
  readonly byPriority: Readonly<Record<string, Readonly<Record<ReportClockKind, ClockStats>>>>;
}

/** Keeps the clock numbers only: `byPackage.optimal.reaction.met` has the shape of `clocks.reaction`. */
export function compactReport(r: ComplianceReport): CompactReport {
  const clocksOf = (groups: Readonly<Record<string, GroupStats>>) => Object.fromEntries(Object.entries(groups).map(([k, g]) => [k, g.clocks]));
  return { clocks: r.total.clocks, byPackage: clocksOf(r.byPackage), byPriority: clocksOf(r.byPriority) };
}

export { REPORT_CLOCK_KINDS };
