import { formatInstant, isValidTimeZone, localToInstant, offsetMs, parseInstant } from '../../../../src/domain/time/zone';

const local = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

describe('zone: wall clock ↔ instant with one DST rule', () => {
  it('moves a wall time inside a spring-forward gap forward by the gap (Berlin 02:30 → 03:30 CEST)', () => {
    expect(localToInstant('Europe/Berlin', local(2026, 3, 29, 2, 30))).toBe(Date.parse('2026-03-29T03:30:00+02:00'));
  });
  it('takes the earlier instant for a wall time inside a fall-back overlap (Berlin 02:30 CEST)', () => {
    expect(localToInstant('Europe/Berlin', local(2026, 10, 25, 2, 30))).toBe(Date.parse('2026-10-25T02:30:00+02:00'));
  });
  it('applies the same rule in the southern hemisphere (Sydney)', () => {
    expect(formatInstant('Australia/Sydney', localToInstant('Australia/Sydney', local(2026, 10, 4, 2, 30)))).toBe('2026-10-04T03:30:00+11:00');
    expect(formatInstant('Australia/Sydney', localToInstant('Australia/Sydney', local(2026, 4, 5, 2, 30)))).toBe('2026-04-05T02:30:00+11:00');
  });
  it('handles a gap at midnight (America/Santiago 2026-09-06 00:00 → 01:00)', () => {
    expect(formatInstant('America/Santiago', parseInstant('2026-09-06T00:00', 'America/Santiago')!)).toBe('2026-09-06T01:00:00-03:00');
  });
  it('formats 45-minute offsets (Pacific/Chatham, Asia/Kathmandu)', () => {
    expect(formatInstant('Pacific/Chatham', Date.UTC(2026, 6, 1))).toBe('2026-07-01T12:45:00+12:45');
    expect(formatInstant('Pacific/Chatham', Date.UTC(2026, 0, 1))).toBe('2026-01-01T13:45:00+13:45');
    expect(formatInstant('Asia/Kathmandu', Date.UTC(2026, 0, 1))).toBe('2026-01-01T05:45:00+05:45');
  });
  it('knows Moscow’s history: +04:00 until 2014-10-26, +03:00 since', () => {
    expect(offsetMs('Europe/Moscow', Date.UTC(2014, 5, 1))).toBe(4 * 3_600_000);
    expect(offsetMs('Europe/Moscow', Date.UTC(2026, 5, 1))).toBe(3 * 3_600_000);
    expect(formatInstant('Europe/Moscow', parseInstant('2014-10-26T01:30', 'Europe/Moscow')!)).toBe('2014-10-26T01:30:00+04:00');
  });
  it('formats milliseconds only when they are not zero and UTC as +00:00', () => {
    expect(formatInstant('UTC', Date.UTC(2026, 2, 10, 9, 0, 0, 5))).toBe('2026-03-10T09:00:00.005+00:00');
    expect(formatInstant('UTC', Date.UTC(2026, 2, 10, 9))).toBe('2026-03-10T09:00:00+00:00');
  });
  it('parses offsets and Z, and reads offset-less text in the given zone', () => {
    expect(parseInstant('2026-03-10T09:00:00+03:00', 'UTC')).toBe(Date.UTC(2026, 2, 10, 6));
    expect(parseInstant('2026-03-10T09:00:00Z', 'Europe/Moscow')).toBe(Date.UTC(2026, 2, 10, 9));
    expect(parseInstant('2026-03-10T09:00', 'Europe/Moscow')).toBe(Date.UTC(2026, 2, 10, 6));
    expect(parseInstant('2026-03-10', 'Asia/Kathmandu')).toBe(Date.parse('2026-03-10T00:00:00+05:45'));
  });
  it.each([
    '2026-02-30T09:00:00Z',
    '2026-13-01',
    'yesterday',
    '2026-03-10T25:00:00Z',
    '',
    // Date.UTC would read these years as 1900+; a year before 1000 is refused, not moved.
    '0050-01-01T00:00:00Z',
    '0099-12-31',
    '0999-06-01T10:00:00+03:00',
    // No place on Earth is more than 14 hours off UTC.
    '2026-03-10T09:00:00+14:01',
    '2026-03-10T09:00:00-15:00',
    '2026-03-10T09:00:00+9959',
  ])('rejects "%s"', (text) => {
    expect(parseInstant(text, 'UTC')).toBeNull();
  });
  it('accepts the extreme real offsets ±14:00 and the year 1000', () => {
    expect(parseInstant('2026-03-10T09:00:00+14:00', 'UTC')).toBe(Date.UTC(2026, 2, 9, 19));
    expect(parseInstant('2026-03-10T09:00:00-12:00', 'UTC')).toBe(Date.UTC(2026, 2, 10, 21));
    expect(parseInstant('1000-01-01T00:00:00Z', 'UTC')).toBe(Date.parse('1000-01-01T00:00:00Z'));
  });
  it('validates IANA zones through Intl', () => {
    expect(isValidTimeZone('Europe/Moscow')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
