import { compileCalendar, officialTotals, RU_PRODUCTION_CALENDAR, yearStats } from '../../../../src/domain/calendar';
import { FORTY_HOUR_RU } from './helpers';

const cal = compileCalendar(FORTY_HOUR_RU);
const months = Object.keys(RU_PRODUCTION_CALENDAR.years).flatMap((year) =>
  RU_PRODUCTION_CALENDAR.years[year]!.totals.perMonth.map((m) => ({ year: Number(year), ...m })),
);

describe('the 40-hour RU calendar against the official production-calendar totals', () => {
  it('ships five years, 2023 to 2027, sixty months in all', () => {
    expect(Object.keys(RU_PRODUCTION_CALENDAR.years).sort()).toEqual(['2023', '2024', '2025', '2026', '2027']);
    expect(months).toHaveLength(60);
  });

  it.each(months)('reproduces working days and hours40 of $year-$month', ({ year, month, workingDays, hours40 }) => {
    const m = yearStats(cal, year).perMonth[month - 1]!;
    expect(m).toEqual({ month, workingDays, workingHours: hours40 });
  });

  it.each([2023, 2024, 2025, 2026, 2027])('reproduces the yearly totals of %i', (year) => {
    const s = yearStats(cal, year);
    const official = officialTotals(year)!;
    expect(s.workingDays).toBe(official.workingDays);
    expect(s.workingHours).toBe(official.hours40);
  });
});
