import {
  addBusinessDays,
  addWorking,
  CALENDAR_PRESETS,
  compileCalendar,
  isWorking,
  nextWorkingStart,
  workingBetween,
  workingSegmentsFrom,
  type CalendarDefInput,
} from '../../../../src/domain/calendar';
import { formatInstant } from '../../../../src/domain/time/zone';
import { at, everyDay, FORTY_HOUR_RU, HOUR, MIN, weekdays } from './helpers';

const msk = (ms: number) => formatInstant('Europe/Moscow', ms);
const barier = compileCalendar(CALENDAR_PRESETS.barier);
const forty = compileCalendar(FORTY_HOUR_RU);
const advantshop = compileCalendar(CALENDAR_PRESETS.advantshop);

const custom = (extra: Partial<CalendarDefInput>) => compileCalendar(weekdays('Europe/Moscow', [['09:00', '18:00']], extra));

describe('addWorking: the earliest instant the counted working time reaches the goal', () => {
  const cases: Array<[string, ReturnType<typeof compileCalendar>, string, number, string]> = [
    ['returns 18:00 when the goal ends exactly at closing time', barier, '2026-03-10T14:00:00+03:00', 4 * HOUR, '2026-03-10T18:00:00+03:00'],
    ['returns closing time for a full day started at opening', barier, '2026-03-10T09:00:00+03:00', 9 * HOUR, '2026-03-10T18:00:00+03:00'],
    ['continues next morning when the goal passes closing time', barier, '2026-03-10T16:00:00+03:00', 4 * HOUR, '2026-03-11T11:00:00+03:00'],
    ['skips the lunch break', forty, '2026-03-10T11:00:00+03:00', 3 * HOUR, '2026-03-10T15:00:00+03:00'],
    ['is due at 13:00, not after lunch, when the goal ends as lunch starts', forty, '2026-03-10T09:00:00+03:00', 4 * HOUR, '2026-03-10T13:00:00+03:00'],
    ['starts counting after lunch for a request arriving during lunch', forty, '2026-03-10T13:30:00+03:00', HOUR, '2026-03-10T15:00:00+03:00'],
    ['starts counting at opening for a request arriving at night', barier, '2026-03-10T23:00:00+03:00', HOUR, '2026-03-11T10:00:00+03:00'],
    ['starts counting on Monday for a request arriving on Saturday', barier, '2026-03-14T12:00:00+03:00', 30 * MIN, '2026-03-16T09:30:00+03:00'],
    ['skips the New Year holidays (2026-12-31 to 2027-01-10)', barier, '2026-12-30T17:00:00+03:00', 2 * HOUR, '2027-01-11T10:00:00+03:00'],
    ['skips a holiday moved off a weekend (Monday 2026-03-09)', barier, '2026-03-06T17:00:00+03:00', 2 * HOUR, '2026-03-10T10:00:00+03:00'],
    ['ends a short pre-holiday day at 17:00 (2026-04-30)', barier, '2026-04-30T16:00:00+03:00', 2 * HOUR, '2026-05-04T10:00:00+03:00'],
    ['works the short working Saturday 2024-11-02', barier, '2024-11-01T17:00:00+03:00', 2 * HOUR, '2024-11-02T10:00:00+03:00'],
    ['closes the working Saturday 2024-11-02 at 17:00 and skips the 4 November holiday', barier, '2024-11-02T16:30:00+03:00', HOUR, '2024-11-05T09:30:00+03:00'],
    ['counts holiday hours 09:00–18:00 on a holiday (advantshop, 2026-01-05)', advantshop, '2026-01-05T10:00:00+03:00', 10 * HOUR, '2026-01-06T11:00:00+03:00'],
    ['counts 08:00–20:00 on an ordinary weekday (advantshop)', advantshop, '2026-03-10T19:00:00+03:00', 2 * HOUR, '2026-03-11T09:00:00+03:00'],
    ['counts 09:00–18:00 on an ordinary Saturday (advantshop)', advantshop, '2026-03-13T19:30:00+03:00', HOUR, '2026-03-14T09:30:00+03:00'],
    ['does not shorten pre-holiday days when shortenBy is 0 (advantshop, 2026-04-30)', advantshop, '2026-04-30T19:00:00+03:00', HOUR, '2026-04-30T20:00:00+03:00'],
  ];
  it.each(cases)('%s', (_name, cal, start, ms, due) => {
    expect(msk(addWorking(cal, at(start), ms))).toBe(due);
  });

  it('returns the start itself for a zero goal, even outside working hours', () => {
    expect(addWorking(barier, at('2026-03-14T12:00:00+03:00'), 0)).toBe(at('2026-03-14T12:00:00+03:00'));
  });

  it('is exact to the millisecond', () => {
    expect(addWorking(barier, at('2026-03-10T09:00:00+03:00'), 1234)).toBe(at('2026-03-10T09:00:01.234+03:00'));
  });

  it('uses the date-specific hours of `dates` over everything else', () => {
    const cal = custom({ dates: { '2026-03-11': [['12:00', '14:00']] }, holidays: ['2026-03-11'] });
    expect(msk(addWorking(cal, at('2026-03-11T09:00:00+03:00'), 3 * HOUR))).toBe('2026-03-12T10:00:00+03:00');
  });

  it('skips a recurring holiday every year', () => {
    const cal = custom({ recurringHolidays: ['03-11'] });
    expect(msk(addWorking(cal, at('2026-03-10T17:00:00+03:00'), 2 * HOUR))).toBe('2026-03-12T10:00:00+03:00');
    expect(msk(addWorking(cal, at('2027-03-10T17:00:00+03:00'), 2 * HOUR))).toBe('2027-03-12T10:00:00+03:00');
  });

  it('gives a working date Monday’s hours', () => {
    const cal = compileCalendar({
      timezone: 'Europe/Moscow',
      week: { mon: [['10:00', '12:00']], tue: [['09:00', '18:00']] },
      workingDates: ['2026-03-14'],
    });
    expect(msk(addWorking(cal, at('2026-03-14T08:00:00+03:00'), HOUR))).toBe('2026-03-14T11:00:00+03:00');
  });

  it('shortens own short dates by shortenBy minutes', () => {
    const cal = custom({ shortDates: ['2026-03-10'], shortenBy: 90 });
    expect(msk(addWorking(cal, at('2026-03-10T16:00:00+03:00'), HOUR))).toBe('2026-03-11T09:30:00+03:00');
  });

  it('treats 24:00 as the end of the day and joins it to the next day’s 00:00', () => {
    const evenings = compileCalendar(everyDay('UTC', [['18:00', '24:00']]));
    expect(addWorking(evenings, at('2026-03-10T23:00:00Z'), 2 * HOUR)).toBe(at('2026-03-11T19:00:00Z'));
    const always = compileCalendar(CALENDAR_PRESETS['24x7']);
    expect(addWorking(always, at('2026-03-10T22:00:00Z'), 4 * HOUR)).toBe(at('2026-03-11T02:00:00Z'));
  });

  it('rejects a negative goal', () => {
    expect(() => addWorking(barier, at('2026-03-10T09:00:00+03:00'), -1)).toThrow(/≥ 0/);
  });

  it('reaches goals years ahead by extending the compiled range', () => {
    const start = at('2026-03-10T09:00:00+03:00');
    const due = addWorking(barier, start, 3000 * HOUR);
    expect(workingBetween(barier, start, due)).toBe(3000 * HOUR);
  });
});

describe('addWorking with pauses', () => {
  const start = at('2026-03-10T09:00:00+03:00');
  it('subtracts a pause like a break', () => {
    const pause: [number, number] = [at('2026-03-10T10:00:00+03:00'), at('2026-03-10T11:00:00+03:00')];
    expect(msk(addWorking(barier, start, 3 * HOUR, [pause]))).toBe('2026-03-10T13:00:00+03:00');
  });
  it('merges overlapping and unsorted pauses before subtracting', () => {
    const pauses: Array<[number, number]> = [
      [at('2026-03-10T10:30:00+03:00'), at('2026-03-10T12:00:00+03:00')],
      [at('2026-03-10T10:00:00+03:00'), at('2026-03-10T11:00:00+03:00')],
    ];
    expect(msk(addWorking(barier, start, 3 * HOUR, pauses))).toBe('2026-03-10T14:00:00+03:00');
    expect(workingBetween(barier, start, at('2026-03-10T18:00:00+03:00'), pauses)).toBe(7 * HOUR);
  });
  it('counts nothing while paused from the start and resumes after the pause', () => {
    const pause: [number, number] = [at('2026-03-10T08:00:00+03:00'), at('2026-03-11T12:00:00+03:00')];
    expect(msk(addWorking(barier, start, HOUR, [pause]))).toBe('2026-03-11T13:00:00+03:00');
  });
  it('is due when the goal is reached exactly as a pause begins', () => {
    const pause: [number, number] = [at('2026-03-10T10:00:00+03:00'), at('2026-03-10T12:00:00+03:00')];
    expect(msk(addWorking(barier, start, HOUR, [pause]))).toBe('2026-03-10T10:00:00+03:00');
  });
});

describe('workingBetween, isWorking and nextWorkingStart', () => {
  it('counts the working hours of a day and 0 for a reversed range', () => {
    expect(workingBetween(forty, at('2026-03-10T00:00:00+03:00'), at('2026-03-11T00:00:00+03:00'))).toBe(8 * HOUR);
    expect(workingBetween(forty, at('2026-03-11T00:00:00+03:00'), at('2026-03-10T00:00:00+03:00'))).toBe(0);
  });
  it('counts 9 hours on Friday 2026-02-20, which is not a short day', () => {
    expect(workingBetween(barier, at('2026-02-20T00:00:00+03:00'), at('2026-02-21T00:00:00+03:00'))).toBe(9 * HOUR);
  });
  it('counts 8 hours on the short working Saturday 2027-02-20', () => {
    expect(workingBetween(barier, at('2027-02-20T00:00:00+03:00'), at('2027-02-21T00:00:00+03:00'))).toBe(8 * HOUR);
  });
  it('treats opening as working and closing as not (half-open)', () => {
    expect(isWorking(barier, at('2026-03-10T09:00:00+03:00'))).toBe(true);
    expect(isWorking(barier, at('2026-03-10T17:59:59.999+03:00'))).toBe(true);
    expect(isWorking(barier, at('2026-03-10T18:00:00+03:00'))).toBe(false);
    expect(isWorking(forty, at('2026-03-10T13:30:00+03:00'))).toBe(false);
  });
  it('returns the instant itself during work and the next opening otherwise', () => {
    expect(nextWorkingStart(barier, at('2026-03-10T10:00:00+03:00'))).toBe(at('2026-03-10T10:00:00+03:00'));
    expect(msk(nextWorkingStart(barier, at('2026-03-14T12:00:00+03:00')))).toBe('2026-03-16T09:00:00+03:00');
    expect(msk(nextWorkingStart(barier, at('2026-12-30T18:00:00+03:00')))).toBe('2027-01-11T09:00:00+03:00');
  });
});

describe('addBusinessDays', () => {
  it('returns the same wall-clock time on the next business day, skipping a moved holiday', () => {
    expect(msk(addBusinessDays(barier, at('2026-03-06T10:00:00+03:00'), 1))).toBe('2026-03-10T10:00:00+03:00');
  });
  it('counts a working Saturday as a business day', () => {
    expect(msk(addBusinessDays(barier, at('2024-11-01T20:00:00+03:00'), 1))).toBe('2024-11-02T20:00:00+03:00');
  });
  it('does not count holidays with holiday hours as business days, but counts an ordinary worked Saturday', () => {
    // 2026-01-01..08 are holidays (advantshop works them 09:00–18:00), 01-09 a moved day off, 01-10 a Saturday.
    expect(msk(addBusinessDays(advantshop, at('2025-12-31T12:00:00+03:00'), 1))).toBe('2026-01-10T12:00:00+03:00');
  });
  it('goes backwards for negative counts and returns the start for zero', () => {
    expect(msk(addBusinessDays(barier, at('2026-03-10T10:00:00+03:00'), -1))).toBe('2026-03-06T10:00:00+03:00');
    expect(addBusinessDays(barier, at('2026-03-10T10:00:00+03:00'), 0)).toBe(at('2026-03-10T10:00:00+03:00'));
  });
});

describe('workingSegmentsFrom', () => {
  it('lists working segments from an instant until they cover the requested working time', () => {
    const segs = workingSegmentsFrom(forty, at('2026-03-06T17:00:00+03:00'), 6 * HOUR);
    expect(segs.map(([s, e]) => [msk(s), msk(e)])).toEqual([
      ['2026-03-06T17:00:00+03:00', '2026-03-06T18:00:00+03:00'],
      ['2026-03-10T09:00:00+03:00', '2026-03-10T13:00:00+03:00'],
      ['2026-03-10T14:00:00+03:00', '2026-03-10T18:00:00+03:00'],
    ]);
  });
  it('starts at the next opening when called outside working time and stops at maxSegments', () => {
    const segs = workingSegmentsFrom(barier, at('2026-03-14T12:00:00+03:00'), 100 * HOUR, 2);
    expect(segs.map(([s, e]) => [msk(s), msk(e)])).toEqual([
      ['2026-03-16T09:00:00+03:00', '2026-03-16T18:00:00+03:00'],
      ['2026-03-17T09:00:00+03:00', '2026-03-17T18:00:00+03:00'],
    ]);
  });
});
