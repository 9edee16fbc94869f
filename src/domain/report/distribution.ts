// Data for the "reaction times against the goal" chart: a histogram of the elapsed working
// minutes of stopped clocks with the goal line. Goals differ per priority/package, so the
// histogram can also be drawn relative to each clock's own goal (percent of goal, line at 100).

import { matchesFilter, type ReportFilter } from './aggregate';
import type { ReportClock, ReportClockKind, ReportRow } from './report-row';

export interface HistogramBin {
  /** Inclusive lower bound. */
  readonly from: number;
  /** Exclusive upper bound; null for the last, open-ended bin. */
  readonly to: number | null;
  readonly count: number;
  /** How many of them breached their goal. */
  readonly breached: number;
}

export interface Distribution {
  readonly clock: ReportClockKind;
  readonly stopped: number;
  /** Bins of elapsed working minutes. */
  readonly minutes: readonly HistogramBin[];
  /** The goal most clocks had (the line to draw over `minutes`); null when nothing stopped. */
  readonly typicalGoalMinutes: number | null;
  /** Bins of elapsed ÷ own goal × 100 (the goal line is 100), for mixed goals. */
  readonly percentOfGoal: readonly HistogramBin[];
}

/** A bin width of 1, 2 or 5 × 10^k that gives about `target` bins over `max`. */
function niceWidth(max: number, target: number): number {
  const raw = Math.max(max / target, 1e-9);
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

function histogram(values: ReadonlyArray<{ x: number; breached: boolean }>, width: number, bins: number): HistogramBin[] {
  const counts = Array.from({ length: bins + 1 }, () => ({ count: 0, breached: 0 }));
  for (const v of values) {
    const i = Math.min(Math.floor(v.x / width), bins);
    counts[i]!.count++;
    if (v.breached) counts[i]!.breached++;
  }
  return counts.map((c, i) => ({ from: i * width, to: i === bins ? null : (i + 1) * width, ...c }));
}

/**
 * @example elapsedDistribution(rows, 'reaction', { fromMs, toMs }).typicalGoalMinutes // 180
 */
export function elapsedDistribution(rows: Iterable<ReportRow>, clock: ReportClockKind, filter: ReportFilter = {}, targetBins = 12): Distribution {
  const stopped: ReportClock[] = [];
  for (const row of rows) {
    if (!matchesFilter(row, filter)) continue;
    const clocks = clock === 'followUp' ? row.followUp : row[clock] === null ? [] : [row[clock]!];
    for (const c of clocks) if (c.stopped) stopped.push(c);
  }
  const goals = new Map<number, number>();
  for (const c of stopped) goals.set(c.goalMinutes, (goals.get(c.goalMinutes) ?? 0) + 1);
  let typicalGoalMinutes: number | null = null;
  let best = 0;
  for (const [g, n] of goals) if (n > best || (n === best && g < (typicalGoalMinutes ?? Infinity))) [typicalGoalMinutes, best] = [g, n];

  // The axis runs to twice the goal (or the largest value when no goal): enough to see the
  // breaches without one outlier squeezing every bar into the first bin.
  const maxElapsed = stopped.reduce((m, c) => Math.max(m, c.elapsedMinutes), 0);
  const span = typicalGoalMinutes !== null && typicalGoalMinutes > 0 ? typicalGoalMinutes * 2 : Math.max(maxElapsed, 1);
  const width = niceWidth(span, targetBins);
  const bins = Math.max(1, Math.ceil(span / width));
  const minutes = histogram(stopped.map((c) => ({ x: c.elapsedMinutes, breached: c.state === 'breached' })), width, bins);
  const percentOfGoal = histogram(
    stopped.filter((c) => c.goalMinutes > 0).map((c) => ({ x: (c.elapsedMinutes / c.goalMinutes) * 100, breached: c.state === 'breached' })),
    25,
    8,
  );
  return { clock, stopped: stopped.length, minutes, typicalGoalMinutes, percentOfGoal };
}
