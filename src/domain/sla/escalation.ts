// The escalation ladder (issue 15): levels before and after a clock's due instant, each with its
// actions, each firing exactly once per clock cycle. Pure: what is due follows from the clock's
// numbers at `now` (elapsed working time against the goal), never from when a sweep happened to run,
// so any sweep schedule fires the same levels; the caller keeps once-only markers per step key.
//
// A level's threshold is an amount of the clock's elapsed working time:
//   elapsed   p % of the goal            (50 %, 75 %)
//   beforeDue the goal minus a duration  (1 h before the due instant)
//   afterDue  the goal plus a duration   (0 m = at the due instant, 2 h after it)
// An afterDue level may repeat every N working minutes while the clock runs breached; a sweep that
// finds several repeats passed fires only the latest one (one reminder, not a burst).

import { addWorking, type CompiledCalendar } from '../calendar';
import type { Clock, EscalationAction, EscalationLevel } from './types';

export type LadderAt =
  | { readonly kind: 'elapsed'; readonly percent: number }
  | { readonly kind: 'beforeDue'; readonly minutes: number }
  | { readonly kind: 'afterDue'; readonly minutes: number };

export interface LadderLevel<A = unknown> {
  /** Stable within its clock's ladder: the once-per-cycle key names it. */
  readonly id: string;
  readonly at: LadderAt;
  /** afterDue only: working minutes between repeats while the clock stays breached and running. */
  readonly repeatMinutes: number | null;
  readonly actions: readonly A[];
}

/** One firing of one level: `occurrence` 0 is the level itself, 1.. its repeats. */
export interface LadderStep<A = unknown> {
  readonly level: LadderLevel<A>;
  readonly occurrence: number;
  /** Elapsed working ms of the clock at which the step became due. */
  readonly thresholdMs: number;
}

/** Repeats stop after this many: a request breached for months is not mailed forever. */
export const MAX_REPEATS = 100;
/** A level reached before its clock stopped still fires within this long of the stop; older ones are history. */
export const STALE_STEP_MS = 24 * 60 * 60_000;

const MINUTE = 60_000;
/** elapsedMinutes is fractional: compare with half a millisecond of slack so rounding never skips a step. */
const SLACK_MS = 0.5;

export type LadderClock = Pick<Clock, 'state' | 'goalMinutes' | 'elapsedMinutes' | 'stoppedAt' | 'pauseReason'>;

/** The level's first threshold in elapsed working ms (never below zero). */
export function levelThresholdMs(level: LadderLevel, goalMinutes: number): number {
  const goalMs = goalMinutes * MINUTE;
  const at = level.at;
  const ms = at.kind === 'elapsed' ? (goalMs * at.percent) / 100 : at.kind === 'beforeDue' ? goalMs - at.minutes * MINUTE : goalMs + at.minutes * MINUTE;
  return Math.max(0, ms);
}

function occurrenceThreshold(level: LadderLevel, goalMinutes: number, k: number): number {
  return levelThresholdMs(level, goalMinutes) + (k === 0 ? 0 : k * (level.repeatMinutes ?? 0) * MINUTE);
}

function repeats(level: LadderLevel): boolean {
  return level.at.kind === 'afterDue' && level.repeatMinutes !== null && level.repeatMinutes > 0;
}

/** Whether the clock can still fire steps at `nowMs`: running, paused, or stopped within the stale window. */
function live(clock: LadderClock, nowMs: number): boolean {
  return clock.stoppedAt === null || nowMs - clock.stoppedAt <= STALE_STEP_MS;
}

/**
 * The steps due at `nowMs`: every level whose threshold the clock's elapsed time has reached, and of a
 * repeating level the latest repeat reached (repeats only while the clock runs: a stopped clock is
 * not reminded). The caller fires those whose key it has not fired yet.
 */
export function dueLadderSteps<A>(levels: readonly LadderLevel<A>[], clock: LadderClock, nowMs: number): LadderStep<A>[] {
  if (!live(clock, nowMs) || !(clock.goalMinutes > 0)) return [];
  const elapsedMs = clock.elapsedMinutes * MINUTE + SLACK_MS;
  const out: LadderStep<A>[] = [];
  for (const level of levels) {
    const first = levelThresholdMs(level, clock.goalMinutes);
    if (elapsedMs < first) continue;
    out.push({ level, occurrence: 0, thresholdMs: first });
    if (!repeats(level) || clock.stoppedAt !== null) continue;
    const every = level.repeatMinutes! * MINUTE;
    const k = Math.min(MAX_REPEATS, Math.floor((elapsedMs - first) / every));
    if (k >= 1) out.push({ level, occurrence: k, thresholdMs: occurrenceThreshold(level, clock.goalMinutes, k) });
  }
  return out;
}

/** The smallest threshold above the clock's elapsed time, in elapsed working ms; null when none is left. */
export function nextLadderThresholdMs(levels: readonly LadderLevel[], clock: LadderClock): number | null {
  if (clock.stoppedAt !== null || !(clock.goalMinutes > 0)) return null;
  const elapsedMs = clock.elapsedMinutes * MINUTE + SLACK_MS;
  let best: number | null = null;
  for (const level of levels) {
    const first = levelThresholdMs(level, clock.goalMinutes);
    let t: number | null = null;
    if (elapsedMs < first) t = first;
    else if (repeats(level)) {
      const every = level.repeatMinutes! * MINUTE;
      const k = Math.floor((elapsedMs - first) / every) + 1;
      if (k <= MAX_REPEATS) t = first + k * every;
    }
    if (t !== null && (best === null || t < best)) best = t;
  }
  return best;
}

/**
 * When the next step becomes due, if the clock keeps running from `nowMs` without a new pause, in
 * whole seconds rounded up (Jira stores seconds, and the sweep must not wake a moment early). A clock
 * paused for the customer has no next step by time alone: the event that resumes it recomputes.
 */
export function nextLadderAt(levels: readonly LadderLevel[], clock: LadderClock, cal: CompiledCalendar, nowMs: number): number | null {
  if (clock.state === 'paused' && clock.pauseReason === 'customerWait') return null;
  const threshold = nextLadderThresholdMs(levels, clock);
  if (threshold === null) return null;
  const delta = Math.max(0, threshold - clock.elapsedMinutes * MINUTE);
  const at = delta === 0 ? nowMs : addWorking(cal, nowMs, delta);
  return Math.ceil(at / 1000) * 1000;
}

/** The once-per-cycle key of a step: `<levelId>#<occurrence>`; the caller prefixes clock and cycle. */
export function ladderStepKey(step: Pick<LadderStep, 'level' | 'occurrence'>): string {
  return `${step.level.id}#${step.occurrence}`;
}

const DURATION = /^(?:(\d{1,5})\s*h)?\s*(?:(\d{1,6})\s*m)?$/i;

/** Working minutes of `2h`, `30m`, `1h30m`; null when it is not one (or zero). */
export function parseWorkingMinutes(text: string): number | null {
  const m = DURATION.exec(text.trim());
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  const minutes = Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
  return minutes > 0 ? minutes : null;
}

/** `50%` → share of the goal; `due` → at the due instant; `-1h` before it; `+2h` after it. Null when unreadable. */
export function parseLadderAt(text: string): LadderAt | null {
  const t = text.trim().toLowerCase();
  if (t === 'due') return { kind: 'afterDue', minutes: 0 };
  const pct = /^(\d{1,3}(?:\.\d+)?)\s*%$/.exec(t);
  if (pct) {
    const percent = Number(pct[1]);
    return percent > 0 && percent <= 100 ? { kind: 'elapsed', percent } : null;
  }
  const sign = t[0];
  if (sign !== '+' && sign !== '-') return null;
  const minutes = parseWorkingMinutes(t.slice(1));
  if (minutes === null) return null;
  return sign === '+' ? { kind: 'afterDue', minutes } : { kind: 'beforeDue', minutes };
}

const ladders = new WeakMap<readonly EscalationLevel[], LadderLevel<EscalationAction>[]>();

/** The configured levels as the ladder reads them (the config schema has already checked every field). */
export function ladderOf(levels: readonly EscalationLevel[]): LadderLevel<EscalationAction>[] {
  let hit = ladders.get(levels);
  if (!hit) {
    hit = levels.flatMap((l) => {
      const at = parseLadderAt(l.at);
      if (at === null) return [];
      const repeatMinutes = l.repeat === null ? null : parseWorkingMinutes(l.repeat);
      return [{ id: l.id, at, repeatMinutes, actions: l.actions }];
    });
    ladders.set(levels, hit);
  }
  return hit;
}
