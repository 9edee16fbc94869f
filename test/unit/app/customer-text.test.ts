import { customerDateTime, periodText, ruPlural, zoneAbbreviation } from '../../../src/app/customer-text';

const NOV_20_18 = Date.parse('2026-11-20T15:00:00Z'); // 18:00 Moscow

describe('customerDateTime', () => {
  it('writes a Moscow instant as 20.11.2026 18:00 (МСК) in Russian and 20 Nov 2026, 18:00 (MSK) in English', () => {
    expect(customerDateTime('Europe/Moscow', NOV_20_18, 'ru')).toBe('20.11.2026 18:00 (МСК)');
    expect(customerDateTime('Europe/Moscow', NOV_20_18, 'en')).toBe('20 Nov 2026, 18:00 (MSK)');
  });

  it("uses the calendar's zone, not the host's: the same instant in Yekaterinburg is 20:00 at UTC+5", () => {
    expect(customerDateTime('Asia/Yekaterinburg', NOV_20_18, 'ru')).toBe('20.11.2026 20:00 (UTC+5)');
    expect(customerDateTime('Asia/Yekaterinburg', NOV_20_18, 'en')).toBe('20 Nov 2026, 20:00 (UTC+5)');
  });

  it('writes single-digit days without a leading zero in English only', () => {
    const mar2 = Date.parse('2026-03-02T07:30:00Z');
    expect(customerDateTime('Europe/Moscow', mar2, 'ru')).toBe('02.03.2026 10:30 (МСК)');
    expect(customerDateTime('Europe/Moscow', mar2, 'en')).toBe('2 Mar 2026, 10:30 (MSK)');
  });
});

describe('zoneAbbreviation', () => {
  it('says МСК/MSK for zones on Moscow time and the offset for a zone that was not on it then', () => {
    expect(zoneAbbreviation('Europe/Simferopol', NOV_20_18, 'ru')).toBe('МСК');
    // Volgograd was on UTC+4 from late 2018 to late 2020.
    expect(zoneAbbreviation('Europe/Volgograd', Date.parse('2019-06-01T12:00:00Z'), 'en')).toBe('UTC+4');
  });

  it('keeps half-hour offsets and says UTC for UTC', () => {
    expect(zoneAbbreviation('Asia/Kolkata', NOV_20_18, 'ru')).toBe('UTC+5:30');
    expect(zoneAbbreviation('UTC', NOV_20_18, 'en')).toBe('UTC');
  });
});

describe('periodText', () => {
  it.each([
    ['1d', '1 день', '1 day'],
    ['2d', '2 дня', '2 days'],
    ['5d', '5 дней', '5 days'],
    ['14d', '14 дней', '14 days'],
    ['21d', '21 день', '21 days'],
    ['24h', '24 часа', '24 hours'],
    ['1d12h', '1 день 12 часов', '1 day 12 hours'],
    ['90m', '90 минут', '90 minutes'],
    ['1h', '1 час', '1 hour'],
  ])('reads %s as "%s" / "%s", without abbreviation dots', (period, ru, en) => {
    expect(periodText(period, 'ru')).toBe(ru);
    expect(periodText(period, 'en')).toBe(en);
  });

  it('chooses the Russian form by the last digits: 11–14 take the "many" form', () => {
    expect([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 111, 112].map((n) => ruPlural(n, 'день', 'дня', 'дней'))).toEqual([
      'день', 'дня', 'дня', 'дней', 'дней', 'дней', 'дней', 'день', 'дня', 'дней', 'дней', 'дней',
    ]);
  });
});
