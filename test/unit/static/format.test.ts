import { formatDate, formatDuration, formatGoal, formatInstant, intlLocale, sameWallClock, toLang } from '../../../static/shared/format';

const MIN = 60_000;

describe('toLang', () => {
  it.each([
    ['ru-RU', 'ru'],
    ['ru_RU', 'ru'],
    ['ru', 'ru'],
    ['en-US', 'en'],
    ['de-DE', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    ['rus-XX', 'en'],
  ])('maps the Jira locale %p to %p', (locale, lang) => {
    expect(toLang(locale)).toBe(lang);
  });
});

describe('intlLocale', () => {
  it('keeps the user\'s own regional variant of a language the app speaks', () => {
    expect(intlLocale('en_GB')).toBe('en-GB');
    expect(intlLocale('ru-RU')).toBe('ru-RU');
  });
  it('falls back to the app language default for other languages', () => {
    expect(intlLocale('de-DE')).toBe('en-US');
    expect(intlLocale(undefined)).toBe('en-US');
  });
});

describe('formatDuration', () => {
  it('writes hours and minutes in English and Russian', () => {
    const ms = (2 * 60 + 15) * MIN;
    expect(formatDuration(ms, 'en-US')).toMatch(/^2\s?h(r)?\s15\s?m(in)?$/);
    expect(formatDuration(ms, 'ru-RU')).toMatch(/^2\sч\s15\sмин$/);
  });
  it('shows seconds for the live countdown, even under a minute', () => {
    expect(formatDuration(7_500, 'en-US', { seconds: true })).toMatch(/^7\s?s(ec)?$/);
    expect(formatDuration(MIN + 2_000, 'ru-RU', { seconds: true })).toMatch(/^1\sмин\s2\sс$/);
  });
  it('rounds down to the whole minute and never goes negative', () => {
    expect(formatDuration(59_999, 'en-US')).toMatch(/^0\s?m(in)?$/);
    expect(formatDuration(-5 * MIN, 'en-US')).toMatch(/^0\s?m(in)?$/);
  });
  it('keeps working time in hours rather than days', () => {
    expect(formatDuration(81 * 60 * MIN, 'en-US')).toMatch(/^81\s?h(r)?$/);
  });
});

describe('formatInstant', () => {
  // Monday 23 Nov 2026, 09:00 in Moscow.
  const at = Date.parse('2026-11-23T06:00:00Z');

  it('shows the instant in the viewer\'s zone without the calendar zone when both agree', () => {
    const text = formatInstant(at, { locale: 'en-GB', userZone: 'Europe/Moscow', calendarZone: 'Europe/Moscow', nowMs: at });
    expect(text).toContain('09:00');
    expect(text).toContain('Mon');
    expect(text).not.toContain('(');
  });

  it('adds the calendar zone\'s wall clock in brackets where it differs', () => {
    const text = formatInstant(at, { locale: 'en-GB', userZone: 'Europe/Berlin', calendarZone: 'Europe/Moscow', nowMs: at });
    expect(text).toMatch(/07:00.*\(09:00 .+\)/);
  });

  it('writes weekday and month in Russian for a Russian viewer', () => {
    const text = formatInstant(at, { locale: 'ru-RU', userZone: 'Europe/Moscow', nowMs: at });
    expect(text).toMatch(/пн/i);
    expect(text).toMatch(/нояб/);
  });

  it('adds the year only when it is not the current one', () => {
    const nextYear = Date.parse('2027-01-11T06:00:00Z');
    expect(formatInstant(nextYear, { locale: 'en-GB', userZone: 'Europe/Moscow', nowMs: at })).toContain('2027');
    expect(formatInstant(at, { locale: 'en-GB', userZone: 'Europe/Moscow', nowMs: at })).not.toContain('2026');
  });

  it('returns the input when it is not an instant', () => {
    expect(formatInstant('soon', { locale: 'en-GB', userZone: 'UTC' })).toBe('soon');
  });
});

describe('sameWallClock', () => {
  it('compares offsets at the instant, so zones that agree only in winter agree only then', () => {
    const winter = Date.parse('2026-01-15T12:00:00Z');
    const summer = Date.parse('2026-07-15T12:00:00Z');
    // Moscow stays at +03:00; Istanbul is +03:00 all year; Helsinki is +02:00 in winter, +03:00 in summer.
    expect(sameWallClock(winter, 'Europe/Moscow', 'Europe/Istanbul')).toBe(true);
    expect(sameWallClock(winter, 'Europe/Moscow', 'Europe/Helsinki')).toBe(false);
    expect(sameWallClock(summer, 'Europe/Moscow', 'Europe/Helsinki')).toBe(true);
  });
});

describe('formatDate', () => {
  it('does not shift a date-only value across zones', () => {
    expect(formatDate('2026-12-31', 'en-GB', 'Pacific/Kiritimati')).toBe('31 Dec 2026');
    expect(formatDate('2026-12-31', 'en-GB', 'Pacific/Pago_Pago')).toBe('31 Dec 2026');
  });

  it('writes the date in digits in the order of the locale when asked for the numeric style', () => {
    expect(formatDate('2026-10-18', 'ru-RU', 'Asia/Yekaterinburg', 'numeric')).toBe('18.10.2026');
    expect(formatDate('2026-10-18', 'en-GB', 'Pacific/Kiritimati', 'numeric')).toBe('18/10/2026');
    expect(formatDate('2026-10-08', 'en-US', 'Pacific/Pago_Pago', 'numeric')).toBe('10/08/2026');
  });
});

describe('formatGoal', () => {
  it.each([
    ['4wd', 'en-US', '4 working days'],
    ['1wd', 'en-US', '1 working day'],
    ['30m', 'en-US', '30 minutes'],
    ['4wd', 'ru-RU', '4 рабочих дня'],
    ['5wd', 'ru-RU', '5 рабочих дней'],
    ['1wd', 'ru-RU', '1 рабочий день'],
    ['21h', 'ru-RU', '21 рабочий час'],
    ['1.5h', 'ru-RU', '1,5 рабочего часа'],
    ['24h,5bd', 'en-US', '24 working hours or 5 business days, whichever is less'],
    ['48h,5bd', 'ru-RU', '48 рабочих часов или 5 дней без выходных, что меньше'],
  ])('says %p in %s as %p', (goal, locale, text) => {
    expect(formatGoal(goal, locale)).toBe(text);
  });
  it('returns what is not a goal unchanged', () => {
    expect(formatGoal('soon', 'en-US')).toBe('soon');
    expect(formatGoal('4h,', 'en-US')).toBe('4h,');
  });
});
