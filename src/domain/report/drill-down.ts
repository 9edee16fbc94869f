// Drill-down: the requests behind any number of the compliance report. Works on the same
// rows and the same filter as the report, so the list always adds up to the number shown.

import { groupOf, matchesFilter, type ReportDimension, type ReportFilter } from './aggregate';
import type { ReportClock, ReportClockKind, ReportClockState, ReportRow } from './report-row';

/**
 * What a report number counts: a clock state, `open` (running, at risk or paused), stopped clocks
 * (behind median/p90), or a request-level number.
 */
export type DrillMeasure = ReportClockState | 'open' | 'stopped' | 'requests' | 'pausedRequests' | 'followUpCycles';

export interface DrillQuery {
  readonly filter?: ReportFilter;
  /** The group cell drilled into, e.g. { dimension: 'priority', key: '1' }; absent = the totals. */
  readonly group?: { readonly dimension: ReportDimension; readonly key: string };
  /** Required for clock measures (states and `stopped`). */
  readonly clock?: ReportClockKind;
  readonly measure: DrillMeasure;
}

export interface DrillItem {
  readonly key: string;
  readonly createdMs: number;
  /**
   * How many units of the number this request contributes: 1 for request-level numbers and for
   * reaction/resolution; for follow-up, the number of its cycles in that state.
   */
  readonly count: number;
  /** Elapsed working minutes of the matching clock (the latest matching cycle for follow-up); null for request numbers. */
  readonly elapsedMinutes: number | null;
  readonly goalMinutes: number | null;
}

const CLOCK_MEASURES: ReadonlySet<DrillMeasure> = new Set(['running', 'atRisk', 'paused', 'met', 'breached', 'open', 'stopped']);

function clockMatches(c: ReportClock, measure: DrillMeasure): boolean {
  if (measure === 'stopped') return c.stopped;
  if (measure === 'open') return c.state === 'running' || c.state === 'atRisk' || c.state === 'paused';
  return c.state === measure;
}

function contribution(row: ReportRow, q: DrillQuery): DrillItem | null {
  const base = { key: row.key, createdMs: row.createdMs };
  if (!CLOCK_MEASURES.has(q.measure)) {
    switch (q.measure) {
      case 'requests':
        return { ...base, count: 1, elapsedMinutes: null, goalMinutes: null };
      case 'pausedRequests':
        return row.pausedMinutes > 0 ? { ...base, count: 1, elapsedMinutes: row.pausedMinutes, goalMinutes: null } : null;
      case 'followUpCycles':
        return row.followUp.length > 0 ? { ...base, count: row.followUp.length, elapsedMinutes: null, goalMinutes: null } : null;
      default:
        return null;
    }
  }
  if (q.clock === undefined) throw new Error(`drill-down: measure "${q.measure}" needs a clock (reaction, resolution or followUp)`);
  const clocks: readonly ReportClock[] = q.clock === 'followUp' ? row.followUp : row[q.clock] === null ? [] : [row[q.clock]!];
  let count = 0;
  let last: ReportClock | null = null;
  for (const c of clocks) {
    if (clockMatches(c, q.measure)) {
      count++;
      last = c;
    }
  }
  return last === null ? null : { ...base, count, elapsedMinutes: last.elapsedMinutes, goalMinutes: last.goalMinutes };
}

/**
 * The requests behind one number, oldest first; the `count`s add up to the number.
 * @example drillDown(rows, { group: { dimension: 'priority', key: '1' }, clock: 'resolution', measure: 'breached' })
 */
export function drillDown(rows: Iterable<ReportRow>, q: DrillQuery): DrillItem[] {
  const out: DrillItem[] = [];
  for (const row of rows) {
    if (!matchesFilter(row, q.filter ?? {})) continue;
    if (q.group !== undefined && groupOf(row, q.group.dimension) !== q.group.key) continue;
    const item = contribution(row, q);
    if (item !== null) out.push(item);
  }
  return out.sort((a, b) => a.createdMs - b.createdMs || a.key.localeCompare(b.key, 'en', { numeric: true }));
}
