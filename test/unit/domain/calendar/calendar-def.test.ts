import { CALENDAR_PRESETS, compileCalendar, parseCalendarDef, CalendarError } from '../../../../src/domain/calendar';

const base = { timezone: 'Europe/Moscow', week: { mon: [['09:00', '18:00']] } };

describe('calendarDefSchema', () => {
  it('accepts a minimal calendar and applies defaults', () => {
    const r = parseCalendarDef(base);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.shortenBy).toBe(60);
      expect(r.value.week.sun).toEqual([]);
      expect(r.value.holidays).toEqual([]);
    }
  });

  const invalid: Array<[string, unknown, string, RegExp]> = [
    ['overlapping intervals', { ...base, week: { mon: [['09:00', '13:00'], ['12:00', '18:00']] } }, 'week.mon[1]', /overlap/],
    ['an interval ending before it starts', { ...base, week: { tue: [['18:00', '09:00']] } }, 'week.tue[0]', /before/],
    ['a time that is not HH:MM', { ...base, week: { wed: [['9:00', '18:00']] } }, 'week.wed[0][0]', /HH:MM/],
    ['24:00 as a start-only value past the day', { ...base, week: { thu: [['24:00', '24:30']] } }, 'week.thu[0][1]', /HH:MM/],
    ['an unknown time zone', { ...base, timezone: 'Europe/Atlantis' }, 'timezone', /IANA/],
    ['an impossible holiday date', { ...base, holidays: ['2026-02-30'] }, 'holidays[0]', /date/],
    ['a bad recurring holiday', { ...base, recurringHolidays: ['13-01'] }, 'recurringHolidays[0]', /MM-DD/],
    ['a bad key in dates', { ...base, dates: { '2026-13-01': [] } }, 'dates.2026-13-01', /date/],
    ['overlapping holiday hours', { ...base, holidayHours: [['09:00', '12:00'], ['11:00', '13:00']] }, 'holidayHours[1]', /overlap/],
    ['a negative shortenBy', { ...base, shortenBy: -5 }, 'shortenBy', /.+/],
    ['an unknown production calendar', { ...base, productionCalendar: 'US' }, 'productionCalendar', /.+/],
    ['a production year with a date of another year', { ...base, productionYears: { '2028': { holidays: ['2029-01-01'] } } }, 'productionYears.2028.holidays[0]', /not in 2028/],
  ];
  it.each(invalid)('rejects %s and names the field', (_name, input, path, message) => {
    const r = parseCalendarDef(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]));
  });

  it('allows 24:00 as an end and intervals listed in any order', () => {
    expect(parseCalendarDef({ ...base, week: { mon: [['14:00', '24:00'], ['00:00', '13:00']] } }).ok).toBe(true);
  });

  it('makes compileCalendar throw a CalendarError listing the issues', () => {
    expect(() => compileCalendar({ timezone: 'Nowhere', week: {} })).toThrow(CalendarError);
    expect(() => compileCalendar({ timezone: 'Nowhere', week: {} })).toThrow(/timezone: unknown IANA time zone/);
  });

  it('caches the compiled calendar per definition object', () => {
    expect(compileCalendar(CALENDAR_PRESETS.altec)).toBe(compileCalendar(CALENDAR_PRESETS.altec));
  });
});

describe('CALENDAR_PRESETS', () => {
  it('has the five template calendars and 24x7', () => {
    expect(Object.keys(CALENDAR_PRESETS).sort()).toEqual(['24x7', 'advantshop', 'agentplus', 'altec', 'barier', 'pass24']);
  });
  it.each(['agentplus', 'advantshop', 'pass24', 'altec', 'barier'] as const)('puts %s in Europe/Moscow with the RU production calendar', (id) => {
    expect(CALENDAR_PRESETS[id].timezone).toBe('Europe/Moscow');
    expect(CALENDAR_PRESETS[id].productionCalendar).toBe('RU');
  });
  it('matches the DOMAIN.md hours', () => {
    expect(CALENDAR_PRESETS.agentplus.week.mon).toEqual([['07:00', '18:00']]);
    expect(CALENDAR_PRESETS.agentplus.shortenBy).toBe(60);
    expect(CALENDAR_PRESETS.advantshop.week.fri).toEqual([['08:00', '20:00']]);
    expect(CALENDAR_PRESETS.advantshop.week.sat).toEqual([['09:00', '18:00']]);
    expect(CALENDAR_PRESETS.advantshop.week.sun).toEqual([['09:00', '18:00']]);
    expect(CALENDAR_PRESETS.advantshop.holidayHours).toEqual([['09:00', '18:00']]);
    expect(CALENDAR_PRESETS.advantshop.shortenBy).toBe(0);
    for (const id of ['pass24', 'altec', 'barier'] as const) {
      expect(CALENDAR_PRESETS[id].week.mon).toEqual([['09:00', '18:00']]);
      expect(CALENDAR_PRESETS[id].week.sat).toEqual([]);
      expect(CALENDAR_PRESETS[id].shortenBy).toBe(60);
    }
    expect(CALENDAR_PRESETS['24x7'].timezone).toBe('UTC');
    expect(CALENDAR_PRESETS['24x7'].week.sun).toEqual([['00:00', '24:00']]);
  });
});
