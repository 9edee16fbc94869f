// The clocks' only door into the calendar engine, so the orchestration reads in support words
// and parsed goals are cached once per distinct goal string.

import {
  addWorking,
  compileCalendar,
  coverageWarnings,
  goalToMs,
  isWorking,
  nextWorkingStart,
  productionYearsOf,
  tryParseGoal,
  workingBetween,
  type CalendarDef,
  type CompiledCalendar,
  type Goal,
} from '../calendar';

export type WorkCalendar = CompiledCalendar;
/** Half-open [startMs, endMs). */
export type Pause = readonly [number, number];

export function compile(def: CalendarDef): WorkCalendar {
  return compileCalendar(def);
}

const goals = new Map<string, Goal>();

/** Parses and caches a goal string; throws with the engine's message when it is not one. */
export function goalOf(text: string): Goal {
  let g = goals.get(text);
  if (!g) {
    const r = tryParseGoal(text);
    if (!r.ok) throw new Error(r.message);
    g = r.goal;
    if (goals.size > 10_000) goals.clear();
    goals.set(text, g);
  }
  return g;
}

/** Working ms of `goal` for a clock starting at `startMs` (`bd` limits depend on the start). */
export function goalLengthMs(cal: WorkCalendar, startMs: number, goal: string): number {
  return goalToMs(cal, startMs, goalOf(goal));
}

export function addWorkingMs(cal: WorkCalendar, startMs: number, ms: number, pauses: readonly Pause[]): number {
  return addWorking(cal, startMs, ms, pauses.length === 0 ? undefined : pauses);
}

export function workingMsBetween(cal: WorkCalendar, fromMs: number, toMs: number, pauses: readonly Pause[]): number {
  return workingBetween(cal, fromMs, toMs, pauses.length === 0 ? undefined : pauses);
}

export function isWorkingAt(cal: WorkCalendar, ms: number): boolean {
  return isWorking(cal, ms);
}

export function nextWorkingAt(cal: WorkCalendar, ms: number): number {
  return nextWorkingStart(cal, ms);
}

export function calendarWarnings(cal: WorkCalendar, fromMs: number, toMs: number): string[] {
  return coverageWarnings(cal, fromMs, toMs);
}

const productionYears = new WeakMap<WorkCalendar, ReadonlySet<number> | null>();
const DAY_MS = 86_400_000;

/**
 * True when every year touched by [fromMs, toMs] surely has production-calendar data, so no
 * coverage warning can arise. A cheap test on UTC years with a day's margin either side: the
 * exact, zone-aware check (which reads offsets through Intl) runs only near a gap.
 */
export function coveredByProductionData(cal: WorkCalendar, fromMs: number, toMs: number): boolean {
  let years = productionYears.get(cal);
  if (years === undefined) {
    const list = productionYearsOf(cal);
    years = list.length > 0 ? new Set(list) : null;
    productionYears.set(cal, years);
  }
  if (years === null) return false;
  const y0 = new Date(fromMs - DAY_MS).getUTCFullYear();
  const y1 = new Date(toMs + DAY_MS).getUTCFullYear();
  for (let y = y0; y <= y1; y++) if (!years.has(y)) return false;
  return true;
}
