import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CalendarImportResult } from '../../../../src/shared/contract';
import {
  compileCalendar,
  officialTotals,
  productionYearsFromImport,
  RU_PRODUCTION_YEARS,
  yearStats,
  type CalendarImport,
} from '../../../../src/domain/calendar';
import { importCsvCalendar } from '../../../../src/domain/calendar/import-csv';
import { importIcsCalendar } from '../../../../src/domain/calendar/import-ics';
import { importXmlCalendar } from '../../../../src/domain/calendar/import-xml';
import { FORTY_HOUR_RU } from './helpers';

const fixture = (name: string) => readFileSync(path.resolve(__dirname, '../../../fixtures/calendar', name), 'utf8');
const YEARS = [2023, 2024, 2025, 2026, 2027];

/** A 40-hour calendar whose production data comes only from an import. */
function fortyHourFrom(imp: CalendarImport) {
  const { productionCalendar: _ignored, ...rest } = FORTY_HOUR_RU;
  return compileCalendar({ ...rest, productionYears: productionYearsFromImport(imp) });
}

describe('importXmlCalendar (xmlcalendar format)', () => {
  it.each(YEARS)('reads ru-%i.xml into the same days the shipped calendar has', (year) => {
    const imp = importXmlCalendar(fixture(`ru-${year}.xml`));
    const shipped = RU_PRODUCTION_YEARS[String(year)]!;
    expect(imp.years).toEqual([year]);
    expect(imp.workingDates).toEqual(shipped.workingWeekends);
    expect(imp.shortDates).toEqual(shipped.shortDays);
    expect(imp.holidays).toEqual(shipped.holidays);
    const stats = yearStats(fortyHourFrom(imp), year);
    expect([stats.workingDays, stats.workingHours]).toEqual([officialTotals(year)!.workingDays, officialTotals(year)!.hours40]);
  });

  it('marks a shortened Saturday (2024-11-02, t="2") as a worked weekend too', () => {
    const imp = importXmlCalendar(fixture('ru-2024.xml'));
    expect(imp.workingDates).toContain('2024-11-02');
    expect(imp.shortDates).toContain('2024-11-02');
  });

  it('returns the contract’s CalendarImportResult shape', () => {
    const result: CalendarImportResult = importXmlCalendar(fixture('ru-2026.xml'));
    expect(result.format).toBe('xml');
  });

  const malformed: Array<[string, string, RegExp]> = [
    ['unclosed tags', '<calendar year="2028"><days><day d="01.01" t="1"></days>', /line 1: malformed XML/],
    ['a missing calendar root', '<holidays/>', /<calendar>/],
    ['a bad year', '<calendar year="28"><days><day d="01.01" t="1"/></days></calendar>', /four-digit year/],
    ['an impossible date', '<calendar year="2028">\n<days>\n<day d="01.01" t="1"/>\n<day d="02.30" t="1"/>\n</days></calendar>', /line 4: <day> #2: d="02.30"/],
    ['an unknown day type', '<calendar year="2028"><days><day d="01.01" t="7"/></days></calendar>', /t="7" must be 1/],
    ['no days at all', '<calendar year="2028"><days></days></calendar>', /no <day> elements/],
  ];
  it.each(malformed)('rejects %s with a message naming where', (_name, text, message) => {
    expect(() => importXmlCalendar(text)).toThrow(message);
  });
});

describe('importCsvCalendar (date,type)', () => {
  it('reads the shipped CSV into the shipped days, year by year', () => {
    const imp = importCsvCalendar(fixture('ru-production-calendar.csv'));
    expect(imp.years).toEqual(YEARS);
    const years = productionYearsFromImport(imp);
    for (const year of YEARS) {
      expect(years[String(year)]!.holidays).toEqual(RU_PRODUCTION_YEARS[String(year)]!.holidays);
      expect(years[String(year)]!.workingWeekends).toEqual(RU_PRODUCTION_YEARS[String(year)]!.workingWeekends);
      expect(years[String(year)]!.shortDays).toEqual(RU_PRODUCTION_YEARS[String(year)]!.shortDays);
    }
  });

  it('accepts rows without a header', () => {
    const imp = importCsvCalendar('2028-01-03,non_working\n2028-02-19,working_weekend\n2028-02-22,short\n');
    expect(imp).toMatchObject({ format: 'csv', years: [2028], holidays: ['2028-01-03'], workingDates: ['2028-02-19'], shortDates: ['2028-02-22'] });
  });

  const malformed: Array<[string, string, RegExp]> = [
    ['a header without the needed columns', 'day,kind\n2028-01-01,non_working\n', /line 1: expected a header/],
    ['a bad date', 'date,type\n2028-01-01,non_working\n2028-02-30,non_working\n', /line 3: "2028-02-30" is not a date/],
    ['an unknown type', 'date,type\n2028-01-01,vacation\n', /line 2: type "vacation" must be/],
    ['an unterminated quote', 'date,type,comment\n2028-01-01,non_working,"oops\n', /malformed CSV/],
    ['an empty file', '', /no data rows/],
  ];
  it.each(malformed)('rejects %s with a message naming the line', (_name, text, message) => {
    expect(() => importCsvCalendar(text)).toThrow(message);
  });
});

describe('importIcsCalendar (.ics)', () => {
  it('turns all-day events into holidays, skips timed events and warns that it cannot mark working Saturdays', () => {
    const imp = importIcsCalendar(fixture('holidays-2028.ics'));
    expect(imp.holidays).toEqual([
      '2028-01-01', '2028-01-02', '2028-01-03', '2028-01-04', '2028-01-05', '2028-01-06', '2028-01-07', '2028-01-08', '2028-02-23',
    ]);
    expect(imp.workingDates).toEqual([]);
    expect(imp.years).toEqual([2028]);
    expect(imp.warnings[0]).toMatch(/cannot mark a working Saturday/);
    expect(imp.warnings[1]).toMatch(/1 timed event/);
  });

  it.each([
    ['text that is not iCalendar', 'hello world', /malformed iCalendar/],
    ['a calendar without all-day events', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n', /no all-day VEVENTs/],
    ['an event ending before it starts', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20280105\r\nDTEND;VALUE=DATE:20280101\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n', /VEVENT #1: DTEND is before DTSTART/],
  ])('rejects %s', (_name, text, message) => {
    expect(() => importIcsCalendar(text)).toThrow(message);
  });
});
