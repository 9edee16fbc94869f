import { parseDate, weekdayOf } from '../time/day';
import type { ProductionYear } from './calendar-def';
import { CalendarError, type CalendarIssue } from './errors';

/**
 * What an import yields (the importCalendar resolver answers it as `CalendarImportResult`):
 * production-calendar dates to merge into a calendar definition.
 */
export interface CalendarImport {
  format: 'xml' | 'csv' | 'ics';
  years: number[];
  /** Days off (statutory holidays and moved days off). */
  holidays: string[];
  /** Weekend dates that are worked. */
  workingDates: string[];
  /** Working days shortened by the calendar's `shortenBy`. */
  shortDates: string[];
  warnings: string[];
}

/** Accumulates dates while an importer reads its file; sorted and de-duplicated on finish. */
export class ImportCollector {
  private readonly holidays = new Set<string>();
  private readonly working = new Set<string>();
  private readonly short = new Set<string>();
  readonly warnings: string[] = [];
  readonly issues: CalendarIssue[] = [];

  holiday(date: string): void {
    this.holidays.add(date);
  }
  workingWeekend(date: string): void {
    this.working.add(date);
  }
  shortDay(date: string): void {
    this.short.add(date);
    // A shortened Saturday/Sunday (2024-11-02) is a worked weekend as well.
    if (isWeekend(date)) this.working.add(date);
  }
  problem(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  finish(format: CalendarImport['format'], emptyMessage: string): CalendarImport {
    if (this.issues.length > 0) throw new CalendarError('INVALID_IMPORT', this.issues.slice(0, 20));
    const all = [...this.holidays, ...this.working, ...this.short];
    if (all.length === 0) throw new CalendarError('INVALID_IMPORT', [{ path: '', message: emptyMessage }]);
    const years = [...new Set(all.map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
    return {
      format,
      years,
      holidays: [...this.holidays].sort(),
      workingDates: [...this.working].sort(),
      shortDates: [...this.short].sort(),
      warnings: this.warnings,
    };
  }
}

export function isWeekend(date: string): boolean {
  const wd = weekdayOf(parseDate(date)!);
  return wd === 0 || wd === 6;
}

/**
 * Turns an import into calendar-definition `productionYears` entries (one per year), ready
 * to be merged into a definition so its coverage warnings stop for those years.
 * @example { ...def, productionYears: { ...def.productionYears, ...productionYearsFromImport(imp) } }
 */
export function productionYearsFromImport(imp: CalendarImport): Record<string, ProductionYear> {
  const out: Record<string, ProductionYear> = {};
  for (const year of imp.years) {
    const inYear = (d: string) => d.startsWith(`${year}-`);
    out[String(year)] = {
      holidays: imp.holidays.filter(inYear),
      workingWeekends: imp.workingDates.filter(inYear),
      shortDays: imp.shortDates.filter(inYear),
    };
  }
  return out;
}
