// The countdown in working time, computed in the browser from the working segments the backend
// sent with the clock, so it ticks every second without calling the backend (and without a
// calendar engine in the bundle). Pure: `nowMs` is always a parameter.
import type { ClockKind, ClockState, ClockView } from '../../src/shared/contract';

/** Half-open [startMs, endMs). */
export type Segment = readonly [number, number];

/** Parses, sorts and merges the ISO pairs; drops empty or unparseable ones. */
export function parseSegments(pairs: ReadonlyArray<readonly [string, string]>): Segment[] {
  const parsed = pairs
    .map(([a, b]) => [Date.parse(a), Date.parse(b)] as const)
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && b > a)
    .sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const [a, b] of parsed) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** Working time (ms) inside the segments between two instants; negative when `toMs < fromMs`. */
export function workingMsBetween(segments: readonly Segment[], fromMs: number, toMs: number): number {
  if (toMs < fromMs) return -workingMsBetween(segments, toMs, fromMs);
  let total = 0;
  for (const [a, b] of segments) {
    if (b <= fromMs) continue;
    if (a >= toMs) break;
    total += Math.min(b, toMs) - Math.max(a, fromMs);
  }
  return total;
}

export interface Tick {
  kind: ClockKind;
  /** State now, as the browser derives it from the server's state and the time counted since. */
  state: ClockState;
  /** Working time left until the goal (0 once reached). */
  remainingMs: number;
  /** Working time counted past the goal (0 while not reached). */
  overdueMs: number;
  /** 0..1 share of the goal used. */
  progress: number;
  /** True when the clock is counting at this instant. */
  counting: boolean;
  /** Why it is not counting: outside working hours (resumes at `resumesAtMs`) or paused by status. */
  pause: 'outsideWorkingHours' | 'customerWait' | null;
  resumesAtMs: number | null;
  /** When the goal is (was) reached, as far as the segments tell. */
  dueMs: number | null;
  /** True when `nowMs` is past the segments the server sent: only a refresh can tell more. */
  beyondSegments: boolean;
}

export interface TickOptions {
  /** Server's `now` when the view was computed (ms). */
  serverNowMs: number;
  /** The instant to show (ms), already corrected for clock skew. */
  nowMs: number;
  /** Working time left at or below which a running clock is at risk, when the server tells it. */
  atRiskRemainingMs?: number;
}

function isRunningState(state: ClockState): boolean {
  return state === 'running' || state === 'atRisk' || state === 'breached';
}

/** Instant at which `workingMs` of working time has passed after `fromMs`, if the segments reach it. */
export function addWorkingMs(segments: readonly Segment[], fromMs: number, workingMs: number): number | null {
  let left = workingMs;
  if (left <= 0) return fromMs;
  for (const [a, b] of segments) {
    if (b <= fromMs) continue;
    const start = Math.max(a, fromMs);
    if (b - start >= left) return start + left;
    left -= b - start;
  }
  return null;
}

export function tickClock(clock: ClockView, segments: readonly Segment[], options: TickOptions): Tick {
  // The view tells what holds at the server's now, and its first working segment starts there. An
  // earlier instant is a stale browser tick (the panel re-renders once a second, so the first
  // render after an answer is up to a second behind it), not a moment before working hours.
  const opts = { ...options, nowMs: Math.max(options.nowMs, options.serverNowMs) };
  const goalMs = clock.goalMinutes * 60_000;
  const serverBalanceMs = (clock.goalMinutes - clock.elapsedMinutes) * 60_000;
  const frozenByStatus = clock.state === 'paused' && clock.pauseReason !== 'outsideWorkingHours';
  const ticking = isRunningState(clock.state) || (clock.state === 'paused' && clock.pauseReason === 'outsideWorkingHours');
  const parsedDue = clock.due ? Date.parse(clock.due) : NaN;

  if (!ticking || frozenByStatus) {
    const remainingMs = Math.max(0, serverBalanceMs);
    return {
      kind: clock.kind,
      state: clock.state,
      remainingMs,
      overdueMs: Math.max(0, -serverBalanceMs),
      progress: goalMs > 0 ? Math.min(1, Math.max(0, clock.elapsedMinutes / clock.goalMinutes)) : 1,
      counting: false,
      pause: clock.state === 'paused' ? 'customerWait' : null,
      resumesAtMs: null,
      dueMs: Number.isFinite(parsedDue) ? parsedDue : null,
      beyondSegments: false,
    };
  }

  const worked = workingMsBetween(segments, opts.serverNowMs, opts.nowMs);
  const balance = serverBalanceMs - worked;
  const inSegment = segments.some(([a, b]) => a <= opts.nowMs && opts.nowMs < b);
  const last = segments[segments.length - 1];
  const beyondSegments = !last || opts.nowMs >= last[1];
  const next = segments.find(([a]) => a > opts.nowMs);
  const serverResumes = clock.resumesAt ? Date.parse(clock.resumesAt) : NaN;
  const resumesAtMs = inSegment ? null : next ? next[0] : Number.isFinite(serverResumes) && serverResumes > opts.nowMs ? serverResumes : null;

  // The lozenge shows the risk (on track / at risk / breached); "not counting right now" is told
  // by `counting` and `pause`, as the clock is still running in the regulation's sense.
  let state: ClockState;
  if (balance <= 0 || clock.state === 'breached') state = 'breached';
  else if (opts.atRiskRemainingMs !== undefined && balance < opts.atRiskRemainingMs) state = 'atRisk'; // "less than" the threshold (DOMAIN.md)
  else state = clock.state === 'paused' ? 'running' : clock.state;

  const dueFromSegments = balance > 0 ? addWorkingMs(segments, opts.nowMs, balance) : null;
  const dueMs = Number.isFinite(parsedDue) ? parsedDue : dueFromSegments;

  return {
    kind: clock.kind,
    state,
    remainingMs: Math.max(0, balance),
    overdueMs: Math.max(0, -balance),
    progress: goalMs > 0 ? Math.min(1, Math.max(0, (goalMs - balance) / goalMs)) : 1,
    counting: inSegment,
    pause: inSegment ? null : 'outsideWorkingHours',
    resumesAtMs,
    dueMs,
    beyondSegments: beyondSegments && balance > 0,
  };
}

const URGENCY: Record<ClockState, number> = { breached: 0, atRisk: 1, running: 2, paused: 3, met: 4 };

/** The clock the issue-context badge shows: breached first, then the least working time left. */
export function mostUrgent(ticks: readonly Tick[]): Tick | null {
  let best: Tick | null = null;
  for (const t of ticks) {
    if (t.state === 'met') continue;
    if (!best) { best = t; continue; }
    const a = URGENCY[t.state];
    const b = URGENCY[best.state];
    if (a < b) best = t;
    else if (a === b) {
      const better = t.state === 'breached' ? t.overdueMs > best.overdueMs : t.remainingMs < best.remainingMs;
      if (better) best = t;
    }
  }
  return best;
}
