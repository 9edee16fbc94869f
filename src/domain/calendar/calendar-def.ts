// The calendar definition: the admin/config format of a working calendar, validated by zod.
// Validation happens here, once, so an invalid calendar cannot reach the engine.

import { z } from 'zod/v3';
import { parseDate, parseTimeOfDay } from '../time/day';
import { isValidTimeZone } from '../time/zone';
import { formatIssuePath, type CalendarIssue } from './errors';

const timeOfDaySchema = z
  .string()
  .refine((t) => parseTimeOfDay(t) !== null, { message: 'expected a time HH:MM between 00:00 and 24:00' });

/** A working interval `["09:00", "13:00"]`, half-open; `24:00` is allowed as the end. */
export const intervalSchema = z.tuple([timeOfDaySchema, timeOfDaySchema]);
export type WorkingInterval = z.infer<typeof intervalSchema>;

/** Intervals of one day: each ends after it starts and none overlap (in any order). */
export const intervalListSchema = z.array(intervalSchema).superRefine((list, ctx) => {
  const parsed: Array<{ start: number; end: number; index: number }> = [];
  list.forEach(([a, b], index) => {
    const start = parseTimeOfDay(a);
    const end = parseTimeOfDay(b);
    if (start === null || end === null) return; // already reported by the element schema
    if (end <= start) {
      ctx.addIssue({ code: 'custom', path: [index], message: `interval ends (${b}) before or when it starts (${a})` });
      return;
    }
    parsed.push({ start, end, index });
  });
  parsed.sort((x, y) => x.start - y.start);
  for (let i = 1; i < parsed.length; i++) {
    const prev = parsed[i - 1]!;
    const cur = parsed[i]!;
    if (cur.start < prev.end) {
      ctx.addIssue({
        code: 'custom',
        path: [Math.max(cur.index, prev.index)],
        message: `intervals overlap (${list[prev.index]!.join('–')} and ${list[cur.index]!.join('–')})`,
      });
    }
  }
});

const dateSchema = z.string().refine((d) => parseDate(d) !== null, { message: 'expected a real date YYYY-MM-DD' });
const monthDaySchema = z
  .string()
  .refine((d) => /^\d{2}-\d{2}$/.test(d) && parseDate(`2000-${d}`) !== null, { message: 'expected a month-day MM-DD' });
const timeZoneSchema = z
  .string()
  .refine((zone) => isValidTimeZone(zone), { message: 'unknown IANA time zone (e.g. "Europe/Moscow")' });

/** One year of production-calendar data, as shipped or imported. */
export const productionYearSchema = z.object({
  /** Days off on dates that would otherwise be worked (statutory holidays and moved days off). */
  holidays: z.array(dateSchema).default([]),
  /** Saturdays/Sundays worked by decree. */
  workingWeekends: z.array(dateSchema).default([]),
  /** Working days shortened by the calendar's `shortenBy`. */
  shortDays: z.array(dateSchema).default([]),
});
export type ProductionYear = z.output<typeof productionYearSchema>;

const weekSchema = z.object({
  mon: intervalListSchema.default([]),
  tue: intervalListSchema.default([]),
  wed: intervalListSchema.default([]),
  thu: intervalListSchema.default([]),
  fri: intervalListSchema.default([]),
  sat: intervalListSchema.default([]),
  sun: intervalListSchema.default([]),
});

/**
 * A calendar definition. Precedence for a date: `dates` > holidays (own, recurring and
 * production; they get `holidayHours`) > working dates (own and production working
 * weekends; Monday's intervals) > the weekday's intervals. Short dates lose `shortenBy`
 * minutes off the end of the day, except holidays and `dates` entries.
 */
export const calendarDefSchema = z
  .object({
    name: z.string().max(200).optional(),
    /** The name in both languages; `name` stays the configured (English) one, and wins once it is changed. */
    names: z.object({ ru: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }).optional(),
    timezone: timeZoneSchema,
    week: weekSchema,
    holidays: z.array(dateSchema).default([]),
    recurringHolidays: z.array(monthDaySchema).default([]),
    holidayHours: intervalListSchema.default([]),
    workingDates: z.array(dateSchema).default([]),
    shortDates: z.array(dateSchema).default([]),
    shortenBy: z.number().int().min(0).max(1440).default(60),
    dates: z.record(z.string(), intervalListSchema).default({}),
    productionCalendar: z.literal('RU').optional(),
    /** Extra or corrected production years (imported by an admin); they replace shipped years. */
    productionYears: z.record(z.string(), productionYearSchema).default({}),
  })
  .superRefine((def, ctx) => {
    for (const key of Object.keys(def.dates)) {
      if (parseDate(key) === null) {
        ctx.addIssue({ code: 'custom', path: ['dates', key], message: 'expected a real date YYYY-MM-DD as the key' });
      }
    }
    for (const [year, data] of Object.entries(def.productionYears)) {
      if (!/^\d{4}$/.test(year)) {
        ctx.addIssue({ code: 'custom', path: ['productionYears', year], message: 'expected a year YYYY as the key' });
        continue;
      }
      for (const field of ['holidays', 'workingWeekends', 'shortDays'] as const) {
        data[field].forEach((date, i) => {
          if (!date.startsWith(`${year}-`)) {
            ctx.addIssue({
              code: 'custom',
              path: ['productionYears', year, field, i],
              message: `${date} is not in ${year}`,
            });
          }
        });
      }
    }
  });

/** A validated calendar definition (defaults applied). */
export type CalendarDef = z.output<typeof calendarDefSchema>;

/**
 * The calendar's name in Russian and English: `names` while its English side is still `name` (a
 * form that edits only `name`, or a copy renamed, makes `names` stale, and the name typed wins),
 * else `name` in both, else the id.
 */
export function calendarNames(def: Pick<CalendarDef, 'name' | 'names'>, id: string): { ru: string; en: string } {
  if (def.names && (def.name === undefined || def.name === def.names.en)) return { ru: def.names.ru, en: def.names.en };
  const name = def.name ?? id;
  return { ru: name, en: name };
}
/** What an admin or a file may write (defaults optional). */
export type CalendarDefInput = z.input<typeof calendarDefSchema>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: CalendarIssue[] };

/**
 * Validates a calendar definition; issues name the field (`week.mon[1]: intervals overlap`).
 * @example parseCalendarDef({ timezone: 'Europe/Moscow', week: { mon: [['09:00', '18:00']] } })
 */
export function parseCalendarDef(input: unknown): ParseResult<CalendarDef> {
  const r = calendarDefSchema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    issues: r.error.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message })),
  };
}
