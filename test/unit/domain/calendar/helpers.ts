// Shared by the calendar tests (not a test file itself).
import type { CalendarDefInput } from '../../../../src/domain/calendar';

export const HOUR = 3_600_000;
export const MIN = 60_000;

/** Epoch ms of an ISO string that carries its offset (so the host zone never matters). */
export function at(iso: string): number {
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(iso)) throw new Error(`test instant without offset: ${iso}`);
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad test instant ${iso}`);
  return ms;
}

const lunch = [
  ['09:00', '13:00'],
  ['14:00', '18:00'],
] as [string, string][];

/** The 40-hour week of the official totals: Mon–Fri 09:00–13:00 + 14:00–18:00, RU production calendar. */
export const FORTY_HOUR_RU: CalendarDefInput = {
  name: '40-hour week',
  timezone: 'Europe/Moscow',
  week: { mon: lunch, tue: lunch, wed: lunch, thu: lunch, fri: lunch },
  productionCalendar: 'RU',
};

export function weekdays(zone: string, intervals: [string, string][], extra: Partial<CalendarDefInput> = {}): CalendarDefInput {
  return {
    timezone: zone,
    week: { mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals },
    ...extra,
  };
}

export function everyDay(zone: string, intervals: [string, string][]): CalendarDefInput {
  return {
    timezone: zone,
    week: { mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals, sat: intervals, sun: intervals },
  };
}
