import { readDate, readDateTime, shownDate } from '../../../static/shared/typed-date';

describe('typed dates in the page format', () => {
  it('reads a Russian or ISO-like date and refuses a day the calendar has not', () => {
    expect(readDate('06.03.2030')).toBe('2030-03-06');
    expect(readDate('2030-3-6')).toBe('2030-03-06');
    expect(readDate('31.02.2030')).toBeNull();
    expect(shownDate('2030-03-06', 'ru')).toBe('06.03.2030');
    expect(shownDate('2030-03-06', 'en')).toBe('2030-03-06');
  });

  it('reads a date with a 24-hour time as a wall clock and refuses 12-hour or impossible times', () => {
    expect(readDateTime('06.03.2030 18:00')).toBe('2030-03-06T18:00');
    expect(readDateTime(' 2030-03-06 9:05 ')).toBe('2030-03-06T09:05');
    expect(readDateTime('2030-03-06T18:00')).toBe('2030-03-06T18:00');
    expect(readDateTime('06.03.2030')).toBeNull();
    expect(readDateTime('03/06/2030, 06:00 PM')).toBeNull();
    expect(readDateTime('06.03.2030 24:00')).toBeNull();
    expect(readDateTime('31.02.2030 10:00')).toBeNull();
  });
});
