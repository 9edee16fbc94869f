// How instants and periods read in texts people get from the app (the customer acknowledgement,
// auto-close notices, at-risk/breach e-mails and notes). One place, so every text says a date the
// same way: ru "20.11.2026 18:00 (МСК)", en "20 Nov 2026, 18:00 (MSK)", in the calendar's zone.
// Pure: the instant and zone are arguments.

import { formatInstant, offsetMs } from '../domain/time/zone';
import type { Locale } from '../shared/contract';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// Zones on Moscow time. Intl has no Russian abbreviations (it says "GMT+3"), and customers of a
// Russian regulation read "МСК"; a zone that was not on Moscow time at the instant gets its offset.
const MOSCOW_TIME = new Set(['Europe/Moscow', 'Europe/Simferopol', 'Europe/Kirov', 'Europe/Volgograd', 'W-SU']);

function offsetText(ms: number): string {
  if (ms === 0) return 'UTC';
  const sign = ms < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `UTC${sign}${h}${m === 0 ? '' : `:${String(m).padStart(2, '0')}`}`;
}

/**
 * The short name of `zone` at `ms`: МСК/MSK for Moscow time, a letter abbreviation where Intl
 * knows one for the language (CET, EST), else the UTC offset ("UTC+5", "UTC+5:30").
 */
export function zoneAbbreviation(zone: string, ms: number, locale: Locale): string {
  const offset = offsetMs(zone, ms);
  if (zone === 'Europe/Moscow' || (MOSCOW_TIME.has(zone) && offset === offsetMs('Europe/Moscow', ms))) return locale === 'ru' ? 'МСК' : 'MSK';
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  try {
    const name = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone: zone, timeZoneName: 'short' })
      .formatToParts(ms)
      .find((p) => p.type === 'timeZoneName')?.value;
    if (name !== undefined && /^\p{L}{2,5}$/u.test(name)) return name;
  } catch {
    // An engine without time-zone names still knows the offset.
  }
  return offsetText(offset);
}

/**
 * An instant as a customer reads it, in the calendar's zone: ru "20.11.2026 18:00 (МСК)",
 * en "20 Nov 2026, 18:00 (MSK)".
 */
export function customerDateTime(zone: string, ms: number, locale: Locale): string {
  const local = formatInstant(zone, ms); // 2026-11-20T18:00:00+03:00
  const [y, mo, d] = [local.slice(0, 4), Number(local.slice(5, 7)), local.slice(8, 10)];
  const time = local.slice(11, 16);
  const abbr = zoneAbbreviation(zone, ms, locale);
  if (locale === 'ru') return `${d}.${local.slice(5, 7)}.${y} ${time} (${abbr})`;
  return `${Number(d)} ${MONTHS_EN[mo - 1] ?? ''} ${y}, ${time} (${abbr})`;
}

/** The Russian form of a count: 1 день, 2 дня, 5 дней, 11 дней, 21 день, 24 часа. */
export function ruPlural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

const UNITS: Record<string, { ru: [string, string, string]; en: [string, string] }> = {
  d: { ru: ['день', 'дня', 'дней'], en: ['day', 'days'] },
  h: { ru: ['час', 'часа', 'часов'], en: ['hour', 'hours'] },
  m: { ru: ['минута', 'минуты', 'минут'], en: ['minute', 'minutes'] },
};

/** A plain period as people say it: 14d → "14 дней" / "14 days", 1d12h → "1 день 12 часов" / "1 day 12 hours". */
export function periodText(period: string, locale: Locale): string {
  return period
    .replace(/(\d+)\s*([dhm])/g, (_, digits: string, u: string) => {
      const n = Number(digits);
      const unit = UNITS[u]!;
      const word = locale === 'ru' ? ruPlural(n, ...unit.ru) : n === 1 ? unit.en[0] : unit.en[1];
      return `${n} ${word} `;
    })
    .trim();
}
