import { addWorking, compileCalendar, workingBetween, yearStats } from '../../../../src/domain/calendar';
import { formatInstant } from '../../../../src/domain/time/zone';
import { at, everyDay, HOUR, MIN, weekdays } from './helpers';

/** Working time of one local date on an always-open calendar = the length of that day. */
function dayLength(zone: string, date: string, offsetBefore: string, nextDate: string, offsetAfter: string): number {
  const cal = compileCalendar(everyDay(zone, [['00:00', '24:00']]));
  return workingBetween(cal, at(`${date}T00:00:00${offsetBefore}`), at(`${nextDate}T00:00:00${offsetAfter}`));
}

describe('DST in a northern zone (Europe/Berlin)', () => {
  it('has a 23-hour day when clocks spring forward and a 25-hour day when they fall back', () => {
    expect(dayLength('Europe/Berlin', '2026-03-29', '+01:00', '2026-03-30', '+02:00')).toBe(23 * HOUR);
    expect(dayLength('Europe/Berlin', '2026-10-25', '+02:00', '2026-10-26', '+01:00')).toBe(25 * HOUR);
  });
  it('keeps wall-clock opening hours across the switch', () => {
    const cal = compileCalendar(weekdays('Europe/Berlin', [['09:00', '18:00']]));
    const due = addWorking(cal, at('2026-03-27T17:00:00+01:00'), 2 * HOUR);
    expect(formatInstant('Europe/Berlin', due)).toBe('2026-03-30T10:00:00+02:00');
  });
  it('starts an interval that begins inside the gap after the gap (02:30 → 03:30)', () => {
    const cal = compileCalendar(everyDay('Europe/Berlin', [['02:30', '04:00']]));
    expect(workingBetween(cal, at('2026-03-29T00:00:00+01:00'), at('2026-03-29T12:00:00+02:00'))).toBe(30 * MIN);
    expect(formatInstant('Europe/Berlin', addWorking(cal, at('2026-03-29T00:00:00+01:00'), 10 * MIN))).toBe('2026-03-29T03:40:00+02:00');
  });
  it('counts the repeated hour twice in an interval spanning the fall-back', () => {
    const cal = compileCalendar(everyDay('Europe/Berlin', [['01:00', '04:00']]));
    expect(workingBetween(cal, at('2026-10-25T00:00:00+02:00'), at('2026-10-25T12:00:00+01:00'))).toBe(4 * HOUR);
  });
});

describe('DST in a southern zone', () => {
  it('has a 25-hour day in April and a 23-hour day in October (Australia/Sydney)', () => {
    expect(dayLength('Australia/Sydney', '2026-04-05', '+11:00', '2026-04-06', '+10:00')).toBe(25 * HOUR);
    expect(dayLength('Australia/Sydney', '2026-10-04', '+10:00', '2026-10-05', '+11:00')).toBe(23 * HOUR);
  });
  it('keeps wall-clock opening hours across the April switch (Sydney)', () => {
    const cal = compileCalendar(weekdays('Australia/Sydney', [['09:00', '17:00']]));
    expect(formatInstant('Australia/Sydney', addWorking(cal, at('2026-04-03T16:00:00+11:00'), 2 * HOUR))).toBe('2026-04-06T10:00:00+10:00');
  });
  it('joins 24:00 to a next day whose midnight does not exist (America/Santiago)', () => {
    const cal = compileCalendar(everyDay('America/Santiago', [['00:00', '24:00']]));
    // Clocks jump from 2026-09-06 00:00 to 01:00: the weekend has 47 hours.
    expect(workingBetween(cal, at('2026-09-05T00:00:00-04:00'), at('2026-09-07T00:00:00-03:00'))).toBe(47 * HOUR);
    expect(yearStats(cal, 2026).workingHours).toBe(365 * 24);
  });
});

describe('DST in a 45-minute offset zone (Pacific/Chatham)', () => {
  it('has a 23-hour day in September and a 25-hour day in April', () => {
    expect(dayLength('Pacific/Chatham', '2026-09-27', '+12:45', '2026-09-28', '+13:45')).toBe(23 * HOUR);
    expect(dayLength('Pacific/Chatham', '2026-04-05', '+13:45', '2026-04-06', '+12:45')).toBe(25 * HOUR);
  });
  it('counts working hours in local time with the +12:45 offset', () => {
    const cal = compileCalendar(weekdays('Pacific/Chatham', [['09:00', '17:00']]));
    expect(formatInstant('Pacific/Chatham', addWorking(cal, at('2026-07-06T16:30:00+12:45'), HOUR))).toBe('2026-07-07T09:30:00+12:45');
  });
});

describe('Europe/Moscow', () => {
  it('has no DST today: every working day is 9 hours all year', () => {
    const cal = compileCalendar(weekdays('Europe/Moscow', [['09:00', '18:00']]));
    const stats = yearStats(cal, 2026);
    expect(stats.workingHours).toBe(stats.workingDays * 9);
  });
  it('had a 25-hour day on 2014-10-26 when it moved from +04:00 to +03:00', () => {
    expect(dayLength('Europe/Moscow', '2014-10-26', '+04:00', '2014-10-27', '+03:00')).toBe(25 * HOUR);
  });
});
