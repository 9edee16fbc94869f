// One clock from its run (start, optional stop, pauses, the goal's package and priority): state,
// elapsed and remaining working time, due instant, and the instants at which it changes by time
// alone (due, at risk) for the sweep's next check. Agreements (extensions, agreed dues) change the
// goal of the reaction and resolution clocks.

import { addWorking, goalToMs, isWorking, nextWorkingStart, workingBetween, type CompiledCalendar } from '../calendar';
import { goalFor } from './goals';
import { warning, type WarningDetail } from './warnings';
import type { Clock, ClockHistoryEntry, GoalClock, SlaAgreement, SlaConfig } from './types';

/** Half-open [startMs, endMs). */
export type Pause = readonly [number, number];
export type ClockLabel = 'reaction' | 'resolution' | 'followUp' | 'update';

export const NO_PAUSES: readonly Pause[] = [];

/** The package and priority whose goal a clock is judged by. */
export interface KeySnapshot {
  readonly pkg: string;
  readonly prio: string | null;
}

/** What a clock computation reads and where it reports (the evaluation of one request). */
export interface ClockContext {
  readonly config: SlaConfig;
  readonly cal: CompiledCalendar;
  readonly nowMs: number;
  readonly agreements: readonly SlaAgreement[];
  readonly warnings: WarningDetail[];
  readonly history: ClockHistoryEntry[];
  /** Future instants at which some clock changes by time alone. */
  readonly checks: number[];
  /** The latest instant the clocks reach (for production-calendar coverage warnings). */
  horizon: number;
}

export interface ClockRun {
  readonly start: number;
  readonly stop: number | null;
  readonly key: KeySnapshot;
  readonly pauses: readonly Pause[];
  /** Since when it is paused for the customer, or null. */
  readonly pausedSince: number | null;
  readonly label: ClockLabel;
  /** Whether its due and at-risk instants count for the next check (the last follow-up cycle only). */
  readonly live: boolean;
}

export function minutes(ms: number): number {
  return ms / 60_000;
}

/** One clock from its run: start, optional stop, pauses; null when no goal applies or it cannot be computed. */
/** The clock of `kind` (its goal from the configuration); null, with a warning, when no goal applies or it cannot be computed. */
export function clockFor(ctx: ClockContext, kind: GoalClock, run: ClockRun): Clock | null {
const { key, label } = run;
  const goal = goalFor(ctx.config, kind, key.pkg, key.prio);
  if (goal === null) {
    ctx.warnings.push(
      key.prio === null
        ? warning('noGoalForPackage', { clock: label, package: key.pkg })
        : warning('noGoalForPackageAndPriority', { clock: label, package: key.pkg, priority: key.prio }),
    );
    return null;
  }
  try {
    return clockWithGoal(ctx, goal, run);
  } catch (e) {
    // A schema-valid calendar can still be too sparse for a goal (holidays all year, a goal of
    // years); the other clocks stay usable and the reason is reported.
    ctx.warnings.push(warning('cannotCompute', { clock: label, reason: e instanceof Error ? e.message : String(e) }));
    return null;
  }
}

/** The clock judged by `goal`. */
export function clockWithGoal(ctx: ClockContext, goal: string, run: ClockRun): Clock {
const { start, stop, key, pauses, pausedSince, label, live } = run;
  const cal = ctx.cal;
  const nowMs = ctx.nowMs;
  const threshold = ctx.config.atRiskThreshold;
  const regulationGoalMs = goalToMs(cal, start, goal);
  const agreed = label === 'followUp' || label === 'update' ? null : agreedGoal(ctx, label, regulationGoalMs, start, stop, pauses);
  const goalMs = agreed?.goalMs ?? regulationGoalMs;
  const elapsedMs = workingBetween(cal, start, stop ?? nowMs, pauses);
  let state: Clock['state'];
  let due: number | null = null;
  if (stop !== null) {
    state = elapsedMs <= goalMs ? 'met' : 'breached';
    if (state === 'breached') due = addWorking(cal, start, goalMs, pauses);
  } else if (elapsedMs >= goalMs) {
    state = 'breached';
    due = addWorking(cal, start, goalMs, pauses);
  } else if (pausedSince !== null) {
    state = 'paused';
  } else {
    due = addWorking(cal, start, goalMs, pauses);
    // DOMAIN.md: at risk while running with *less than* the threshold's share of the goal left.
    const riskElapsedMs = goalMs - threshold * goalMs;
    state = threshold > 0 && goalMs - elapsedMs < threshold * goalMs ? 'atRisk' : 'running';
    if (live) {
      ctx.checks.push(due);
      if (state === 'running' && threshold > 0) {
        // The sweep looks again when the boundary is reached; standing exactly on it (state
        // unchanged), the next look is the first millisecond past it.
        let risk = addWorking(cal, start, riskElapsedMs, pauses);
        if (risk <= nowMs) risk = addWorking(cal, start, Math.floor(riskElapsedMs) + 1, pauses);
        ctx.checks.push(risk);
      }
    }
  }
  if (due !== null && due > ctx.horizon) ctx.horizon = due;
  if (state === 'breached' && due !== null && due <= nowMs) ctx.history.push({ at: due, clock: label, what: 'breached', detail: goal });
  else if (state === 'met') ctx.history.push({ at: stop!, clock: label, what: 'met', detail: goal });
  const outside = stop === null && pausedSince === null && !isWorking(cal, nowMs);
  return {
    state,
    goal,
    goalMinutes: minutes(goalMs),
    atRiskRemainingMinutes: minutes(threshold * goalMs),
    elapsedMinutes: minutes(elapsedMs),
    remainingMinutes: minutes(goalMs - elapsedMs),
    due,
    startedAt: start,
    stoppedAt: stop,
    pausedSince,
    pauseReason: pausedSince !== null ? 'customerWait' : outside ? 'outsideWorkingHours' : null,
    resumesAt: outside ? nextWorkingStart(cal, nowMs) : null,
    packageId: key.pkg,
    priorityId: key.prio,
    ...(agreed
      ? {
          agreement: {
            originalGoalMinutes: minutes(regulationGoalMs),
            count: agreed.count,
            lastReason: agreed.last.reason,
            lastAt: agreed.last.at,
            lastBy: agreed.last.by ?? null,
            metAsAgreed: state === 'met' && elapsedMs > regulationGoalMs,
          },
        }
      : {}),
  };
}

/**
 * The goal after the clock's agreements made by now and before it stopped, in order: an extension
 * adds working time, an agreed due sets the goal to the working time from the start to that instant.
 */
function agreedGoal(ctx: ClockContext, clock: GoalClock, goalMs: number, start: number, stop: number | null, pauses: readonly Pause[]): { goalMs: number; count: number; last: SlaAgreement } | null {
  let g = goalMs;
  let count = 0;
  let last: SlaAgreement | null = null;
  for (const a of ctx.agreements) {
    if (a.clock !== clock || a.at > ctx.nowMs || (stop !== null && a.at > stop)) continue;
    if (a.kind === 'extend' && a.minutes !== undefined && a.minutes > 0) g += a.minutes * 60_000;
    else if (a.kind === 'agreedDue' && a.due !== undefined && a.due > start) g = workingBetween(ctx.cal, start, a.due, pauses.filter((p) => p[0] < a.due!));
    else continue;
    count++;
    last = a;
    ctx.history.push({ at: a.at, clock, what: 'agreed', detail: a.reason });
  }
  return last === null ? null : { goalMs: g, count, last };
}
