// The one module that converts between wall-clock time in an IANA zone and instants (epoch ms).
// Nothing here reads the host's time zone: offsets come from Intl with an explicit timeZone,
// and wall-clock values are handled as "local ms" (the wall clock read as if it were UTC).
//
// DST rule (the same as Temporal's 'compatible' disambiguation):
// - a wall time inside a gap (clocks jump forward) moves forward by the gap's length
//   (Europe/Berlin 2026-03-29 02:30 → 03:30 CEST);
// - a wall time inside an overlap (clocks fall back) takes the earlier instant
//   (Europe/Berlin 2026-10-25 02:30 → 02:30 CEST, not CET).

import { MS_PER_DAY, MS_PER_MINUTE, pad2 } from './day';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

const FIXED_UTC = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu']);

/** True when `zone` is an IANA time zone this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  if (zone.length === 0) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Offset of `zone` from UTC at instant `ms`, in ms (Moscow: +10 800 000).
 * @example offsetMs('Europe/Moscow', Date.UTC(2026, 0, 1)) // 10800000
 */
export function offsetMs(zone: string, ms: number): number {
  if (FIXED_UTC.has(zone)) return 0;
  const whole = Math.floor(ms / 1000) * 1000;
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  let bc = false;
  for (const p of formatterFor(zone).formatToParts(whole)) {
    switch (p.type) {
      case 'year': y = Number(p.value); break;
      case 'month': mo = Number(p.value); break;
      case 'day': d = Number(p.value); break;
      case 'hour': h = Number(p.value); break;
      case 'minute': mi = Number(p.value); break;
      case 'second': s = Number(p.value); break;
      case 'era': bc = p.value.startsWith('B'); break;
      default: break;
    }
  }
  if (bc) y = 1 - y;
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC maps years 0..99 to 1900..1999; no calendar needs them, but stay exact.
  const fixed = y >= 0 && y < 100 ? new Date(local).setUTCFullYear(y) : local;
  return fixed - whole;
}

/** Wall clock (as local ms) of instant `ms` in `zone`. */
export function instantToLocal(zone: string, ms: number): number {
  return ms + offsetMs(zone, ms);
}

/**
 * The instant of a wall-clock time given as local ms, by the module's DST rule
 * (gaps move forward, overlaps take the earlier instant).
 * @example localToInstant('Europe/Moscow', Date.UTC(2026, 2, 10, 9)) // 2026-03-10T06:00:00Z
 */
export function localToInstant(zone: string, localMs: number): number {
  if (FIXED_UTC.has(zone)) return localMs;
  const before = offsetMs(zone, localMs - MS_PER_DAY);
  const after = offsetMs(zone, localMs + MS_PER_DAY);
  let best = Number.NaN;
  const t1 = localMs - before;
  if (offsetMs(zone, t1) === before) best = t1;
  if (after !== before) {
    const t2 = localMs - after;
    if (offsetMs(zone, t2) === after && !(t2 >= best)) best = t2;
  }
  if (!Number.isNaN(best)) return best;
  // In a gap: read the wall time with the offset in force before the jump, which lands
  // exactly the gap's length later on the new offset.
  return localMs - before;
}

/** Instant of `date` (day number) at `minuteOfDay` (0..1440) wall clock in `zone`. */
export function wallToInstant(zone: string, day: number, minuteOfDay: number): number {
  return localToInstant(zone, day * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE);
}

/** Day number of the local date of instant `ms` in `zone`. */
export function localDayOf(zone: string, ms: number): number {
  return Math.floor(instantToLocal(zone, ms) / MS_PER_DAY);
}

/**
 * ISO-8601 with seconds and the zone's offset at that instant; milliseconds only when not zero.
 * @example formatInstant('Europe/Moscow', Date.UTC(2026, 2, 10, 9)) // "2026-03-10T12:00:00+03:00"
 */
export function formatInstant(zone: string, ms: number): string {
  const off = offsetMs(zone, ms);
  const iso = new Date(ms + off).toISOString(); // the wall clock, rendered as if UTC
  const frac = ms % 1000 === 0 ? '' : iso.slice(19, 23);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.round(Math.abs(off) / MS_PER_MINUTE);
  return `${iso.slice(0, 19)}${frac}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

const MIN_YEAR = 1000;
const MAX_OFFSET_MINUTES = 14 * 60;

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses an ISO-8601 instant. Text without an offset is a wall-clock time in `zone`
 * (never the host's zone). Returns null for anything else.
 * @example parseInstant('2026-03-10T09:00', 'Europe/Moscow') // Date.UTC(2026, 2, 10, 6)
 */
export function parseInstant(text: string, zone: string): number | null {
  const m = ISO_RE.exec(text.trim());
  if (!m) return null;
  const [, ys, mos, ds, hs, mis, ss, fs, off] = m;
  const y = Number(ys);
  const mo = Number(mos);
  const d = Number(ds);
  const h = hs === undefined ? 0 : Number(hs);
  const mi = mis === undefined ? 0 : Number(mis);
  const s = ss === undefined ? 0 : Number(ss);
  const frac = fs === undefined ? 0 : Number(fs.padEnd(3, '0'));
  // Date.UTC maps years 0..99 to 1900..1999; nothing this app reads is older than year 1000.
  if (y < MIN_YEAR) return null;
  if (mo < 1 || mo > 12 || d < 1 || h > 24 || mi > 59 || s > 59) return null;
  if (h === 24 && (mi !== 0 || s !== 0 || frac !== 0)) return null;
  const dayStart = Date.UTC(y, mo - 1, d);
  if (new Date(dayStart).getUTCDate() !== d) return null;
  const local = dayStart + ((h * 60 + mi) * 60 + s) * 1000 + frac;
  if (off === undefined) return localToInstant(zone, local);
  if (off.toUpperCase() === 'Z') return local;
  const digits = off.slice(1).replace(':', '');
  const oh = Number(digits.slice(0, 2));
  const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  // Real UTC offsets run from -12:00 to +14:00; a larger one is a typo, not a place.
  if (om > 59 || oh * 60 + om > MAX_OFFSET_MINUTES) return null;
  const offsetTotal = (oh * 60 + om) * MS_PER_MINUTE * (off[0] === '-' ? -1 : 1);
  return local - offsetTotal;
}
