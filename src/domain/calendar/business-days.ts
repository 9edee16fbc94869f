import { dayNumber, MS_PER_DAY } from '../time/day';
import { instantToLocal, localToInstant } from '../time/zone';
import { CalendarError } from './errors';
import type { CompiledCalendar } from './compile';

/** Searching further than this for business days means the calendar has none. */
const MAX_SCAN_DAYS = 366 * 20;

/**
 * The same wall-clock time `n` business days later (earlier for negative `n`). A business
 * day is a date with working time that is not a holiday; the start date itself does not count.
 * @example
 * // Friday 2026-03-06 10:00 Moscow + 1 business day: Monday 03-09 is a moved holiday → Tuesday 10:00.
 * addBusinessDays(cal, Date.parse('2026-03-06T10:00:00+03:00'), 1)
 */
export function addBusinessDays(cal: CompiledCalendar, ms: number, n: number): number {
  if (!Number.isInteger(n)) {
    throw new CalendarError('OUT_OF_RANGE', [{ path: 'n', message: `business days must be a whole number, got ${n}` }]);
  }
  if (!Number.isFinite(ms)) throw new CalendarError('OUT_OF_RANGE', [{ path: 'at', message: `not a valid instant: ${ms}` }]);
  if (n === 0) return ms;
  const local = instantToLocal(cal.zone, ms);
  const startDay = Math.floor(local / MS_PER_DAY);
  const timeOfDay = local - startDay * MS_PER_DAY;
  const step = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  let day = startDay;
  let scanned = 0;
  while (left > 0) {
    day += step;
    if (++scanned > MAX_SCAN_DAYS + Math.abs(n) * 7) {
      throw new CalendarError('OUT_OF_RANGE', [{ path: 'n', message: 'the calendar has no business days in reach' }]);
    }
    if (cal.isBusinessDay(day)) left--;
  }
  return localToInstant(cal.zone, day * MS_PER_DAY + timeOfDay);
}

export interface MonthStats {
  month: number;
  workingDays: number;
  workingHours: number;
}

export interface YearStats {
  year: number;
  workingDays: number;
  workingHours: number;
  perMonth: MonthStats[];
}

function hours(ms: number): number {
  // Keep sub-ms float noise out of displayed hours (e.g. 1973, 7.5).
  return Math.round((ms / 3_600_000) * 1e6) / 1e6;
}

/**
 * Working days (dates with working time) and working hours of a year, per month.
 * @example yearStats(compileCalendar(fortyHourRu), 2026).workingHours // 1976 (the official hours40)
 */
export function yearStats(cal: CompiledCalendar, year: number): YearStats {
  const y = cal.year(year);
  const perMonth: MonthStats[] = [];
  let days = 0;
  let ms = 0;
  for (let m = 1; m <= 12; m++) {
    const from = dayNumber(year, m, 1) - y.firstDay;
    const to = dayNumber(year, m + 1, 1) - y.firstDay;
    let md = 0;
    let mms = 0;
    for (let i = from; i < to; i++) {
      const d = y.dayMs[i]!;
      if (d > 0) {
        md++;
        mms += d;
      }
    }
    perMonth.push({ month: m, workingDays: md, workingHours: hours(mms) });
    days += md;
    ms += mms;
  }
  return { year, workingDays: days, workingHours: hours(ms), perMonth };
}
