import fc from 'fast-check';
import { formatInTimeZone } from 'date-fns-tz';
import {
  addWorking,
  CALENDAR_PRESETS,
  compileCalendar,
  workingBetween,
  type CompiledCalendar,
} from '../../../../src/domain/calendar';
import { at, HOUR, MIN, weekdays } from './helpers';

const calendars: Array<[string, CompiledCalendar]> = [
  ['barier (RU production calendar)', compileCalendar(CALENDAR_PRESETS.barier)],
  ['advantshop (holiday hours)', compileCalendar(CALENDAR_PRESETS.advantshop)],
  ['Berlin with lunch (DST)', compileCalendar(weekdays('Europe/Berlin', [['08:00', '12:00'], ['12:30', '17:00']]))],
  ['Chatham nights (45-minute offset, DST)', compileCalendar(weekdays('Pacific/Chatham', [['00:00', '03:00'], ['20:00', '24:00']]))],
];

const FROM = at('2023-01-01T00:00:00Z');
const TO = at('2027-06-01T00:00:00Z');
const start = fc.integer({ min: FROM, max: TO });
/** Up to 10 nominal working days of 9 hours, to the millisecond. */
const goal = fc.integer({ min: 0, max: 90 * HOUR });
const pauses = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 20 * 24 * HOUR }), fc.integer({ min: 0, max: 3 * 24 * HOUR })),
  { maxLength: 4 },
);
const RUNS = { numRuns: 300 };

describe.each(calendars)('working-time properties on %s', (_name, cal) => {
  it('counts back exactly the time it added: workingBetween(s, addWorking(s, x)) == x', () => {
    fc.assert(fc.property(start, goal, (s, x) => workingBetween(cal, s, addWorking(cal, s, x)) === x), RUNS);
  });

  it('is additive: adding a then b equals adding a + b', () => {
    fc.assert(
      fc.property(start, goal, goal, (s, a, b) => {
        const stepwise = addWorking(cal, addWorking(cal, s, a), b);
        return stepwise === addWorking(cal, s, a + b) && workingBetween(cal, s, stepwise) === a + b;
      }),
      RUNS,
    );
  });

  it('is monotonic in the goal and in the start', () => {
    fc.assert(
      fc.property(start, goal, goal, fc.integer({ min: 0, max: 5 * 24 * HOUR }), (s, a, b, shift) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return (
          addWorking(cal, s, lo) <= addWorking(cal, s, hi) &&
          addWorking(cal, s, a) <= addWorking(cal, s + shift, a) &&
          workingBetween(cal, s, s + shift) <= workingBetween(cal, s, s + shift + b)
        );
      }),
      RUNS,
    );
  });

  it('only delays with pauses, and the paused due instant counts exactly the goal', () => {
    fc.assert(
      fc.property(start, goal, pauses, (s, x, raw) => {
        const list = raw.map(([offset, len]) => [s + offset, s + offset + len] as const);
        const due = addWorking(cal, s, x, list);
        return due >= addWorking(cal, s, x) && workingBetween(cal, s, due, list) === x;
      }),
      RUNS,
    );
  });
});

describe('agreement with a naive minute-stepping reference built on date-fns-tz', () => {
  // The reference reads each minute's wall clock with date-fns-tz and checks the weekday
  // hours directly; hours avoid DST transitions so both DST rules agree.
  const zone = 'America/New_York';
  const cal = compileCalendar(weekdays(zone, [['08:00', '12:00'], ['13:00', '17:30']]));
  const working = (ms: number) => {
    const [dow, hh, mm] = formatInTimeZone(ms, zone, 'i HH mm').split(' ').map(Number) as [number, number, number];
    const minute = hh * 60 + mm;
    return dow <= 5 && ((minute >= 480 && minute < 720) || (minute >= 780 && minute < 1050));
  };
  const naiveAdd = (s: number, minutes: number) => {
    let t = s;
    let left = minutes;
    while (left > 0) {
      if (working(t)) left--;
      t += MIN;
    }
    return t;
  };

  it('gives the same due instant for whole-minute starts and goals', () => {
    fc.assert(
      fc.property(fc.integer({ min: FROM / MIN, max: TO / MIN }), fc.integer({ min: 1, max: 1200 }), (m, minutes) => {
        const s = m * MIN;
        return addWorking(cal, s, minutes * MIN) === naiveAdd(s, minutes);
      }),
      { numRuns: 40 },
    );
  });
});
