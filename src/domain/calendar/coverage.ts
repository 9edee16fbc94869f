import { dateParts, dayNumber, formatDate } from '../time/day';
import { localDayOf } from '../time/zone';
import type { CompiledCalendar } from './compile';

const MAX_WARNINGS = 20;

/**
 * Warnings for every year touched by [fromMs, toMs] that the calendar's production data does
 * not cover (so its weekdays are counted as ordinary working days). Empty for calendars that
 * use no production calendar.
 * @example
 * coverageWarnings(cal, Date.parse('2028-01-05T10:00:00+03:00'), Date.parse('2028-01-06T10:00:00+03:00'))
 * // ["2028-01-05: no production calendar data for 2028; weekdays counted as working days"]
 */
export function coverageWarnings(cal: CompiledCalendar, fromMs: number, toMs: number): string[] {
  return coverageGaps(cal, fromMs, toMs).map((g) => `${g.day}: no production calendar data for ${g.year}; weekdays counted as working days`);
}

/** The same gaps as data: the first day touched in each uncovered year (YYYY-MM-DD) and the year. */
export function coverageGaps(cal: CompiledCalendar, fromMs: number, toMs: number): Array<{ day: string; year: string }> {
  const years = cal.resolved.productionYears;
  if (years === null || !Number.isFinite(fromMs) || !Number.isFinite(toMs)) return [];
  let a = localDayOf(cal.zone, Math.min(fromMs, toMs));
  const b = localDayOf(cal.zone, Math.max(fromMs, toMs));
  const out: Array<{ day: string; year: string }> = [];
  for (let year = dateParts(a).year; a <= b && out.length < MAX_WARNINGS; year++) {
    if (!years.has(year)) out.push({ day: formatDate(a), year: String(year) });
    a = dayNumber(year + 1, 1, 1);
  }
  return out;
}

/** Years with production data in this calendar (shipped and imported), ascending. */
export function productionYearsOf(cal: CompiledCalendar): number[] {
  return cal.resolved.productionYears === null ? [] : [...cal.resolved.productionYears].sort((x, y) => x - y);
}

const productionYearSets = new WeakMap<CompiledCalendar, ReadonlySet<number> | null>();
const DAY_MS = 86_400_000;

/**
 * True when every year touched by [fromMs, toMs] surely has production-calendar data, so no
 * coverage warning can arise. A cheap test on UTC years with a day's margin either side: the
 * exact, zone-aware check (coverageWarnings, which reads offsets through Intl) runs only near a gap.
 */
export function coveredByProductionData(cal: CompiledCalendar, fromMs: number, toMs: number): boolean {
  let years = productionYearSets.get(cal);
  if (years === undefined) {
    const list = productionYearsOf(cal);
    years = list.length > 0 ? new Set(list) : null;
    productionYearSets.set(cal, years);
  }
  if (years === null) return false;
  const y0 = new Date(fromMs - DAY_MS).getUTCFullYear();
  const y1 = new Date(toMs + DAY_MS).getUTCFullYear();
  for (let y = y0; y <= y1; y++) if (!years.has(y)) return false;
  return true;
}
