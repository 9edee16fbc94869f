// The Russian production calendar shipped with the product (2023–2027). Importing JSON is not
// I/O: the bundler inlines it, so the domain stays pure.

import { z } from 'zod/v3';
import raw from './data/ru-production-calendar.json';
import type { ProductionYear } from './calendar-def';

const dateList = z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/));
const monthTotalsSchema = z.object({
  month: z.number().int(),
  calendarDays: z.number(),
  workingDays: z.number(),
  nonWorkingDays: z.number(),
  shortDays: z.number(),
  hours40: z.number(),
  hours36: z.number(),
  hours24: z.number(),
});
const shippedSchema = z.object({
  country: z.literal('RU'),
  years: z.record(
    z.string(),
    z.object({
      holidays: dateList,
      nonWorkingWeekdays: dateList,
      workingWeekends: dateList,
      shortDays: dateList,
      totals: monthTotalsSchema.omit({ month: true }).extend({ perMonth: z.array(monthTotalsSchema) }),
    }),
  ),
});

/** The shipped file, validated once at load. */
export const RU_PRODUCTION_CALENDAR = shippedSchema.parse(raw);
export type OfficialTotals = (typeof RU_PRODUCTION_CALENDAR)['years'][string]['totals'];

/**
 * The shipped RU years in the calendar definition's `productionYears` shape:
 * statutory holidays and non-working weekdays become holidays.
 */
export const RU_PRODUCTION_YEARS: Readonly<Record<string, ProductionYear>> = Object.fromEntries(
  Object.entries(RU_PRODUCTION_CALENDAR.years).map(([year, y]) => [
    year,
    {
      holidays: [...new Set([...y.holidays, ...y.nonWorkingWeekdays])].sort(),
      workingWeekends: [...y.workingWeekends],
      shortDays: [...y.shortDays],
    },
  ]),
);

/** Official totals of a shipped year (working days, hours for 40/36/24-hour weeks), if shipped. */
export function officialTotals(year: number): OfficialTotals | undefined {
  return RU_PRODUCTION_CALENDAR.years[String(year)]?.totals;
}
