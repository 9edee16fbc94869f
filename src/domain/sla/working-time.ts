// The clocks' only door into the calendar engine, so the orchestration reads in support words
// and parsed goals are cached once per distinct goal string.

import {
  addWorking,
  compileCalendar,
  coverageWarnings,
  goalToMs,
  isWorking,
  nextWorkingStart,
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
