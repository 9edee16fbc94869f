// The calendar engine against the naive minute-stepping reference of the bench
// (test/bench/naive.ts), which shares no code with it: seeded random cases on the preset
// calendars and on calendars chosen for their edges (DST north and south, a 45-minute offset,
// 24/7 across DST, midnight-crossing shifts, every kind of date exception). Correctness only:
// speed is measured by `npm run bench`, never asserted here.
import fc from 'fast-check';
import {
  addWorking,
  CALENDAR_PRESETS,
  calendarDefSchema,
  compileCalendar,
  workingBetween,
  type CalendarDef,
  type CalendarDefInput,
} from '../../../src/domain/calendar';
import { NaiveCalendar } from '../../bench/naive';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SEED = 424_242;
const RUNS = 40;

type Day = Array<[string, string]>;
const days = (keys: ReadonlyArray<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'>, intervals: Day) =>
  Object.fromEntries(keys.map((k) => [k, intervals.map(([a, b]): [string, string] => [a, b])]));
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const EDGE_CALENDARS: Record<string, CalendarDefInput> = {
  'New York Mon–Fri 09:00–18:00 (northern DST)': { timezone: 'America/New_York', week: days(WEEKDAYS, [['09:00', '18:00']]) },
  'Sydney Mon–Fri 08:30–12:30 + 13:15–17:30 (southern DST)': {
    timezone: 'Australia/Sydney',
    week: days(WEEKDAYS, [['08:30', '12:30'], ['13:15', '17:30']]),
  },
  'Kathmandu Sun–Fri 10:00–18:00 (UTC+05:45)': {
    timezone: 'Asia/Kathmandu',
    week: days(['sun', 'mon', 'tue', 'wed', 'thu', 'fri'], [['10:00', '18:00']]),
  },
  'Berlin 24/7 (DST days of 23 and 25 hours)': { timezone: 'Europe/Berlin', week: days(ALL_DAYS, [['00:00', '24:00']]) },
  'Moscow night shift 20:00–24:00 + 00:00–06:00 with RU production calendar': {
    timezone: 'Europe/Moscow',
    week: { ...days(WEEKDAYS, [['00:00', '06:00'], ['20:00', '24:00']]), sat: [['00:00', '06:00']] },
    productionCalendar: 'RU',
  },
  'Moscow with every kind of date exception': {
    timezone: 'Europe/Moscow',
    week: days(WEEKDAYS, [['09:00', '13:00'], ['14:00', '18:00']]),
    holidays: ['2024-03-11', '2025-06-16', '2026-01-12'],
    recurringHolidays: ['01-01', '05-09', '12-31'],
    holidayHours: [['10:00', '14:00']],
    workingDates: ['2024-03-16', '2025-06-21', '2026-01-17'],
    // 300 minutes off the end: more than the last interval, so the cut reaches into the first one.
    shortDates: ['2024-03-07', '2024-03-16', '2025-06-20', '2026-01-16'],
    shortenBy: 300,
    dates: { '2024-03-12': [['12:00', '12:30']], '2025-12-31': [['10:00', '12:00']], '2026-01-18': [['09:00', '18:00']] },
  },
};

const CALENDARS: Array<[string, CalendarDef]> = [
  ...Object.entries(CALENDAR_PRESETS).map(([id, def]): [string, CalendarDef] => [`preset ${id}`, def]),
  ...Object.entries(EDGE_CALENDARS).map(([name, def]): [string, CalendarDef] => [name, calendarDefSchema.parse(def)]),
];

const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2027, 0, 1) - 15 * DAY;

/** Whole minutes most of the time (where libraries and people live), any millisecond sometimes. */
const instant = fc.oneof(
  { arbitrary: fc.integer({ min: FROM / 60_000, max: TO / 60_000 }).map((m) => m * 60_000), weight: 3 },
  { arbitrary: fc.integer({ min: FROM, max: TO }), weight: 1 },
);
const pauses = (start: number) =>
  fc.array(
    fc.tuple(fc.integer({ min: -DAY, max: 10 * DAY }), fc.integer({ min: 1, max: 2 * DAY })).map(([offset, length]): [number, number] => [
      start + offset,
      start + offset + length,
    ]),
    { maxLength: 3 },
  );

describe.each(CALENDARS)('the engine agrees with the naive minute-stepping reference on %s', (_name, def) => {
  const cal = compileCalendar(def);
  const naive = new NaiveCalendar(def);
  const maxGoal = 10 * Math.max(cal.nominalDayMs, HOUR);

  test('addWorking gives the same due instant for goals up to 10 working days', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: maxGoal }), (start, goal) => {
        expect(addWorking(cal, start, goal)).toBe(naive.addWorking(start, goal));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('workingBetween gives the same working time for spans up to 14 days', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 14 * DAY }), (from, span) => {
        expect(workingBetween(cal, from, from + span)).toBe(naive.workingBetween(from, from + span));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('addWorking with up to three pauses (unsorted, possibly overlapping) gives the same due instant', () => {
    fc.assert(
      fc.property(
        instant.chain((start) => fc.tuple(fc.constant(start), fc.integer({ min: 1, max: maxGoal }), pauses(start))),
        ([start, goal, ps]) => {
          expect(addWorking(cal, start, goal, ps)).toBe(naive.addWorking(start, goal, ps));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('workingBetween with up to three pauses gives the same working time', () => {
    fc.assert(
      fc.property(
        instant.chain((from) => fc.tuple(fc.constant(from), fc.integer({ min: 0, max: 14 * DAY }), pauses(from))),
        ([from, span, ps]) => {
          expect(workingBetween(cal, from, from + span, ps)).toBe(naive.workingBetween(from, from + span, ps));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

// The oracle is only worth something if it is right on its own: facts checked by hand or
// published, independent of the engine.
describe('the naive reference on its own', () => {
  const moscow = (local: string) => Date.parse(`${local}+03:00`);
  const nineToSix = new NaiveCalendar({ timezone: 'Europe/Moscow', week: days(WEEKDAYS, [['09:00', '18:00']]) });
  const ru40 = new NaiveCalendar({ timezone: 'Europe/Moscow', week: days(WEEKDAYS, [['09:00', '13:00'], ['14:00', '18:00']]), productionCalendar: 'RU' });

  test('returns Tuesday 11:00 for 4 working hours from Monday 16:00', () => {
    expect(nineToSix.addWorking(moscow('2026-03-16T16:00:00'), 4 * HOUR)).toBe(moscow('2026-03-17T11:00:00'));
  });

  test('returns 18:00 when the goal ends exactly at closing time', () => {
    expect(nineToSix.addWorking(moscow('2026-03-16T16:00:00'), 2 * HOUR)).toBe(moscow('2026-03-16T18:00:00'));
  });

  test('returns Monday 09:00 plus the goal for a start on Saturday night', () => {
    expect(nineToSix.addWorking(moscow('2026-03-14T23:30:00'), 90_000)).toBe(moscow('2026-03-16T09:01:30'));
  });

  test('works the short working Saturday 2024-11-02 from 09:00 to 17:00 under the RU production calendar', () => {
    expect(ru40.workingBetween(moscow('2024-11-02T00:00:00'), moscow('2024-11-03T00:00:00'))).toBe(7 * HOUR);
    expect(ru40.addWorking(moscow('2024-11-02T16:00:00'), 2 * HOUR)).toBe(moscow('2024-11-05T10:00:00'));
  });

  test('reproduces the official 2024 total of 1979 hours for a 40-hour week', () => {
    expect(ru40.workingBetween(moscow('2024-01-01T00:00:00'), moscow('2025-01-01T00:00:00'))).toBe(1979 * HOUR);
  });

  test('counts 25 hours on the day Berlin leaves summer time and 23 on the day it enters it', () => {
    const berlin = new NaiveCalendar({ timezone: 'Europe/Berlin', week: days(ALL_DAYS, [['00:00', '24:00']]) });
    expect(berlin.workingBetween(Date.parse('2024-10-26T22:00:00Z'), Date.parse('2024-10-27T23:00:00Z'))).toBe(25 * HOUR);
    expect(berlin.workingBetween(Date.parse('2024-03-30T23:00:00Z'), Date.parse('2024-03-31T22:00:00Z'))).toBe(23 * HOUR);
  });

  test('does not count paused time and ignores the part of a pause outside the span', () => {
    const from = moscow('2026-03-16T09:00:00');
    const pause: [number, number] = [moscow('2026-03-16T08:00:00'), moscow('2026-03-16T10:30:00')];
    expect(nineToSix.workingBetween(from, moscow('2026-03-16T18:00:00'), [pause])).toBe(7.5 * HOUR);
  });
});
