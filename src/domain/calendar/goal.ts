// Goal strings: "90s", "30m", "4h", "2wd", "5bd", several joined by "," (the smallest wins).

import { z } from 'zod/v3';
import { CalendarError } from './errors';
import { addBusinessDays } from './business-days';
import type { CompiledCalendar } from './compile';
import { workingBetween } from './working-time';

export type GoalUnit = 's' | 'm' | 'h' | 'wd' | 'bd';
export interface GoalPart {
  value: number;
  unit: GoalUnit;
}
/** A parsed goal: the original text and its limits. */
export interface Goal {
  text: string;
  parts: GoalPart[];
}

const PART_RE = /^(\d+(?:\.\d+)?)(s|m|h|wd|bd)$/;
const HINT = 'expected a number and a unit s, m, h, wd or bd, several joined by "," (e.g. "4h", "2wd", "24h,5bd")';

/** Parses a goal, or returns a message saying what is wrong. */
export function tryParseGoal(text: string): { ok: true; goal: Goal } | { ok: false; message: string } {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, message: `empty goal: ${HINT}` };
  const parts: GoalPart[] = [];
  for (const raw of text.split(',')) {
    const piece = raw.trim().toLowerCase();
    const m = PART_RE.exec(piece);
    if (!m) return { ok: false, message: `goal "${text}": "${raw.trim()}" is not a goal; ${HINT}` };
    const value = Number(m[1]);
    const unit = m[2] as GoalUnit;
    if (unit === 'bd' && !Number.isInteger(value)) {
      return { ok: false, message: `goal "${text}": business days must be a whole number ("${raw.trim()}")` };
    }
    parts.push({ value, unit });
  }
  return { ok: true, goal: { text: text.trim(), parts } };
}

/**
 * Parses a goal string; throws a `CalendarError` (code INVALID_GOAL) naming the bad part.
 * @example parseGoal('24h,5bd') // { text: '24h,5bd', parts: [{ value: 24, unit: 'h' }, { value: 5, unit: 'bd' }] }
 */
export function parseGoal(text: string): Goal {
  const r = tryParseGoal(text);
  if (!r.ok) throw new CalendarError('INVALID_GOAL', [{ path: 'goal', message: r.message }]);
  return r.goal;
}

const parsed = new Map<string, Goal>();

/** parseGoal, once per distinct goal string: the clocks ask for the same few goals on every request. */
function cachedGoal(text: string): Goal {
  let g = parsed.get(text);
  if (!g) {
    g = parseGoal(text);
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(text, g);
  }
  return g;
}

/** zod schema for goal strings in config and CLI input. */
export const goalSchema = z.string().superRefine((text, ctx) => {
  const r = tryParseGoal(text);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
});

const UNIT_MS: Record<'s' | 'm' | 'h', number> = { s: 1000, m: 60_000, h: 3_600_000 };

/**
 * The goal as working ms for a clock starting at `startMs`: `wd` is N × Monday's working
 * time, `bd` the working time until the same wall-clock time N business days later; the
 * smallest limit wins.
 * @example goalToMs(cal, start, '2wd') // 64_800_000 on a 09:00–18:00 calendar
 */
export function goalToMs(cal: CompiledCalendar, startMs: number, goal: Goal | string): number {
  const g = typeof goal === 'string' ? cachedGoal(goal) : goal;
  let best = Number.POSITIVE_INFINITY;
  for (const { value, unit } of g.parts) {
    let ms: number;
    if (unit === 'wd') {
      if (cal.nominalDayMs === 0 && value > 0) {
        throw new CalendarError('INVALID_GOAL', [
          { path: 'goal', message: `"${g.text}" uses working days but the calendar has no Monday hours (week.mon)` },
        ]);
      }
      ms = value * cal.nominalDayMs;
    } else if (unit === 'bd') {
      ms = workingBetween(cal, startMs, addBusinessDays(cal, startMs, value));
    } else ms = value * UNIT_MS[unit];
    if (ms < best) best = ms;
  }
  return Math.round(best);
}
