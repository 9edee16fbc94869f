// Durations and instants for the user's language and time zone. Everything goes through Intl so
// the browser's CLDR data, not hand-written tables, decides words and order.
import type { Locale } from '../../src/shared/contract';

/** Jira gives `ru-RU`, `ru_RU`, `en-US`, `de-DE`…; the app speaks Russian and English. */
export function toLang(locale: string | null | undefined): Locale {
  return /^ru\b|^ru[-_]/i.test(locale ?? '') ? 'ru' : 'en';
}

/**
 * The BCP 47 tag Intl formats with: the user's own Jira locale when the app speaks its language
 * (so en-US gets 12-hour times and en-GB 24-hour ones), else the app language's default.
 */
export function intlLocale(locale: string | null | undefined): string {
  const tag = (locale ?? '').replace('_', '-');
  const lang = toLang(tag);
  if (tag.toLowerCase().startsWith(lang)) {
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? (lang === 'ru' ? 'ru-RU' : 'en-US');
    } catch {
      // A malformed tag from the host: fall back to the language default.
    }
  }
  return lang === 'ru' ? 'ru-RU' : 'en-US';
}

const unitFormats = new Map<string, Intl.NumberFormat>();
function unit(locale: string, u: 'hour' | 'minute' | 'second', value: number, display: 'narrow' | 'short'): string {
  const key = `${locale}|${u}|${display}`;
  let f = unitFormats.get(key);
  if (!f) {
    // Russian narrow units glue to the number ("2ч"), short ones read naturally ("2 ч").
    f = new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: toLang(locale) === 'ru' ? 'short' : display });
    unitFormats.set(key, f);
  }
  return f.format(value);
}

export interface DurationOptions {
  /** Show seconds too (the live countdown); otherwise minutes are the unit, rounded down. */
  seconds?: boolean;
  /** 'narrow' for badges ("1h 20m"), 'short' for sentences ("1 hr 20 min"). */
  display?: 'narrow' | 'short';
}

/**
 * Formats working time as hours and minutes. Working time is never shown in days: "2 days" of
 * a 9-hour calendar would read as 48 hours to most people.
 */
export function formatDuration(ms: number, locale: string, opts: DurationOptions = {}): string {
  const display = opts.display ?? 'narrow';
  const totalSeconds = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const parts: string[] = [];
  if (h > 0) parts.push(unit(locale, 'hour', h, display));
  if (opts.seconds) {
    if (h > 0 || m > 0) parts.push(unit(locale, 'minute', m, display));
    parts.push(unit(locale, 'second', s, display));
  } else if (m > 0 || h === 0) {
    parts.push(unit(locale, 'minute', m, display));
  }
  return parts.join(' ');
}

/** Minutes (fractional allowed) as a duration. */
export function formatMinutes(minutes: number, locale: string, opts?: DurationOptions): string {
  return formatDuration(minutes * 60_000, locale, opts);
}

function offsetName(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(ms);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** True when both zones show the same wall clock at that instant. */
export function sameWallClock(ms: number, zoneA: string, zoneB: string): boolean {
  return zoneA === zoneB || offsetName(ms, zoneA) === offsetName(ms, zoneB);
}

function yearIn(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(ms);
}

export interface InstantOptions {
  /** BCP 47 tag from `intlLocale`. */
  locale: string;
  /** The viewer's IANA zone (Jira profile). */
  userZone: string;
  /** The calendar's zone: shown in brackets when its wall clock differs from the viewer's. */
  calendarZone?: string;
  /** Reference instant for omitting the current year. */
  nowMs?: number;
  /** Weekday and time only ("Mon 09:00"), for near instants such as "resumes …". */
  compact?: boolean;
}

/** "Mon 24 Nov, 09:00" in the viewer's zone, plus " (10:00 GMT+03:00)" when the calendar's differs. */
export function formatInstant(input: string | number, opts: InstantOptions): string {
  const ms = typeof input === 'number' ? input : Date.parse(input);
  if (!Number.isFinite(ms)) return String(input);
  const locale = opts.locale;
  const showYear = opts.nowMs !== undefined && yearIn(ms, opts.userZone) !== yearIn(opts.nowMs, opts.userZone);
  const base = new Intl.DateTimeFormat(locale, {
    timeZone: opts.userZone,
    weekday: 'short',
    ...(opts.compact ? {} : { day: 'numeric', month: 'short' }),
    ...(showYear ? { year: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
  }).format(ms);
  if (!opts.calendarZone || sameWallClock(ms, opts.userZone, opts.calendarZone)) return base;
  const there = new Intl.DateTimeFormat(locale, {
    timeZone: opts.calendarZone,
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(ms);
  return `${base} (${there})`;
}

/**
 * A calendar date ("31 Dec 2026", or "31.12.2026" / "12/31/2026" with `numeric`) for validity
 * periods; date-only strings are not shifted by zones.
 */
export function formatDate(input: string, locale: string, userZone: string, style: 'short' | 'numeric' = 'short'): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(input);
  const ms = Date.parse(dateOnly ? `${input}T12:00:00Z` : input);
  if (!Number.isFinite(ms)) return input;
  return new Intl.DateTimeFormat(locale, {
    timeZone: dateOnly ? 'UTC' : userZone,
    ...(style === 'numeric' ? { day: '2-digit', month: '2-digit' } : { day: 'numeric', month: 'short' }),
    year: 'numeric',
  }).format(ms);
}

type GoalUnitWord = Record<'s' | 'm' | 'h' | 'wd' | 'bd', Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }>;

const GOAL_WORDS: Record<Locale, GoalUnitWord> = {
  en: {
    s: { one: 'second', other: 'seconds' },
    m: { one: 'minute', other: 'minutes' },
    h: { one: 'working hour', other: 'working hours' },
    wd: { one: 'working day', other: 'working days' },
    bd: { one: 'business day', other: 'business days' },
  },
  ru: {
    s: { one: 'секунда', few: 'секунды', many: 'секунд', other: 'секунды' },
    m: { one: 'минута', few: 'минуты', many: 'минут', other: 'минуты' },
    h: { one: 'рабочий час', few: 'рабочих часа', many: 'рабочих часов', other: 'рабочего часа' },
    wd: { one: 'рабочий день', few: 'рабочих дня', many: 'рабочих дней', other: 'рабочего дня' },
    bd: { one: 'день без выходных', few: 'дня без выходных', many: 'дней без выходных', other: 'дня без выходных' },
  },
};

const GOAL_PART = /^(\d+(?:\.\d+)?)(s|m|h|wd|bd)$/;

/**
 * A goal string as the regulation would say it: "4wd" → "4 working days" / "4 рабочих дня";
 * "24h,5bd" → "24 working hours or 5 business days, whichever is less". A string that is not a
 * goal comes back unchanged (the admin page shows why it is invalid).
 */
export function formatGoal(goal: string, locale: string): string {
  const lang = toLang(locale);
  const parts = goal.split(',').map((p) => GOAL_PART.exec(p.trim()));
  if (parts.length === 0 || parts.some((m) => !m)) return goal;
  const plural = new Intl.PluralRules(locale);
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const words = parts.map((m) => {
    const value = Number(m?.[1]);
    const unit = m?.[2] as keyof GoalUnitWord;
    const forms = GOAL_WORDS[lang][unit];
    return `${number.format(value)} ${forms[plural.select(value)] ?? forms.other}`;
  });
  if (words.length === 1) return words[0] ?? goal;
  const list = new Intl.ListFormat(locale, { type: 'disjunction' }).format(words);
  return lang === 'ru' ? `${list}, что меньше` : `${list}, whichever is less`;
}
