import {
  CALENDAR_PRESETS,
  compileCalendar,
  coverageWarnings,
  goalToMs,
  parseGoal,
  productionYearsFromImport,
  tryParseGoal,
  workingBetween,
} from '../../../../src/domain/calendar';
import { importXmlCalendar } from '../../../../src/domain/calendar/import-xml';
import { at, HOUR, MIN } from './helpers';

const barier = compileCalendar(CALENDAR_PRESETS.barier);

describe('parseGoal', () => {
  it('reads every unit and several limits joined by commas', () => {
    expect(parseGoal('90s,30m, 4h,2wd,5bd').parts).toEqual([
      { value: 90, unit: 's' },
      { value: 30, unit: 'm' },
      { value: 4, unit: 'h' },
      { value: 2, unit: 'wd' },
      { value: 5, unit: 'bd' },
    ]);
  });
  it.each(['', '4', 'h4', '4x', '4h,', '-1h', '1.5bd', '4 hours'])('rejects "%s" with a message saying what is expected', (text) => {
    const r = tryParseGoal(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/goal/);
    expect(() => parseGoal(text)).toThrow(/goal/);
  });
});

describe('goalToMs', () => {
  const start = at('2026-03-10T09:00:00+03:00');
  it('converts plain units to working ms', () => {
    expect(goalToMs(barier, start, '90s')).toBe(90_000);
    expect(goalToMs(barier, start, '30m')).toBe(30 * MIN);
    expect(goalToMs(barier, start, '4h')).toBe(4 * HOUR);
  });
  it('uses Monday’s working time as the nominal working day', () => {
    expect(goalToMs(barier, start, '2wd')).toBe(18 * HOUR);
    const agentplus = compileCalendar(CALENDAR_PRESETS.agentplus);
    expect(goalToMs(agentplus, start, '1wd')).toBe(11 * HOUR);
  });
  it('counts business days as working time to the same wall-clock time N business days later', () => {
    // Friday 2026-03-06 10:00 → 5 business days (Monday 03-09 is a moved holiday) → Monday 03-16 10:00:
    // 8 h on Friday, 4 × 9 h Tuesday–Friday, 1 h on Monday.
    const friday = at('2026-03-06T10:00:00+03:00');
    expect(goalToMs(barier, friday, '5bd')).toBe(workingBetween(barier, friday, at('2026-03-16T10:00:00+03:00')));
    expect(goalToMs(barier, friday, '5bd')).toBe(45 * HOUR);
  });
  it('takes the smallest limit', () => {
    expect(goalToMs(barier, start, '24h,5bd')).toBe(24 * HOUR);
    expect(goalToMs(barier, start, '48h,5bd')).toBe(45 * HOUR);
  });
});

describe('coverageWarnings', () => {
  it('warns for dates outside the shipped production years', () => {
    expect(coverageWarnings(barier, at('2028-01-05T10:00:00+03:00'), at('2028-01-06T10:00:00+03:00'))).toEqual([
      '2028-01-05: no production calendar data for 2028; weekdays counted as working days',
    ]);
    expect(coverageWarnings(barier, at('2022-12-30T10:00:00+03:00'), at('2023-01-10T10:00:00+03:00'))).toHaveLength(1);
  });
  it('says nothing inside the shipped years or for calendars without a production calendar', () => {
    expect(coverageWarnings(barier, at('2023-01-01T00:00:00+03:00'), at('2027-12-31T23:00:00+03:00'))).toEqual([]);
    const always = compileCalendar(CALENDAR_PRESETS['24x7']);
    expect(coverageWarnings(always, at('2030-01-01T00:00:00Z'), at('2030-02-01T00:00:00Z'))).toEqual([]);
  });
  it('stops warning once an imported year is added as productionYears', () => {
    const imp = importXmlCalendar('<calendar year="2028"><days><day d="01.03" t="1"/></days></calendar>');
    const cal = compileCalendar({ ...CALENDAR_PRESETS.barier, productionYears: productionYearsFromImport(imp) });
    expect(coverageWarnings(cal, at('2028-01-05T10:00:00+03:00'), at('2028-01-06T10:00:00+03:00'))).toEqual([]);
    expect(workingBetween(cal, at('2028-01-03T00:00:00+03:00'), at('2028-01-04T00:00:00+03:00'))).toBe(0);
  });
});
