// Working-time arithmetic over a compiled calendar: binary searches over the segment table
// plus arithmetic, no allocation on the pause-free path. All instants are epoch ms; segments
// and pauses are half-open [start, end).

import { CalendarError } from './errors';
import type { CompiledCalendar } from './compile';

// A local constant, not an import: compiled CommonJS turns every use of an imported binding into a
// property read on the module object, which profiled at ~20% of addWorking's time.
const MS_PER_DAY = 86_400_000;

/** Half-open [startMs, endMs) intervals during which a clock does not count. */
export type Pauses = ReadonlyArray<readonly [number, number]>;

/** Number of segments starting at or before t (t must be covered): one day bucket, then a short scan. */
function upperBound(cal: CompiledCalendar, t: number): number {
  const b = ((t - cal.bucketBase) / MS_PER_DAY) | 0;
  const bucket = cal.bucket;
  const starts = cal.starts;
  let j = bucket[b]!;
  const end = bucket[b + 1]!;
  while (j < end && starts[j]! <= t) j++;
  return j;
}

/** Working ms from the table start up to instant t (t must be covered). */
function cumAt(cal: CompiledCalendar, t: number): number {
  const i = upperBound(cal, t) - 1;
  if (i < 0) return 0;
  const e = cal.ends[i]!;
  const c = cal.cumEnd[i]!;
  return t >= e ? c : c - (e - t);
}

function checkInstant(name: string, ms: number): void {
  if (!Number.isFinite(ms)) throw new CalendarError('OUT_OF_RANGE', [{ path: name, message: `not a valid instant: ${ms}` }]);
}

/** Earliest instant at which working time counted from `startMs` reaches `ms` (no pauses). */
function addPlain(cal: CompiledCalendar, startMs: number, ms: number): number {
  if (!(startMs >= cal.lo && startMs <= cal.hi)) {
    checkInstant('start', startMs);
    cal.cover(startMs, startMs);
  }
  const k = upperBound(cal, startMs) - 1;
  const cumStart = k < 0 ? 0 : startMs >= cal.ends[k]! ? cal.cumEnd[k]! : cal.cumEnd[k]! - (cal.ends[k]! - startMs);
  const target = cumStart + ms;
  while (target > cal.total) cal.extendForward(startMs);
  // Galloping search forward from the start's segment: goals of a few days end a few
  // segments later, so this touches O(log distance) entries.
  const cumEnd = cal.cumEnd;
  const n = cal.n;
  let lo = k < 0 ? 0 : k;
  let hi: number;
  if (cumEnd[lo]! >= target) hi = lo;
  else {
    let step = 1;
    while (lo + step < n && cumEnd[lo + step]! < target) {
      lo += step;
      step *= 2;
    }
    hi = lo + step < n ? lo + step : n - 1;
    lo++;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumEnd[mid]! >= target) hi = mid;
      else lo = mid + 1;
    }
    lo = hi;
  }
  // Earliest instant: a goal that ends exactly at a segment's end is due at that end.
  return cal.ends[lo]! - (cumEnd[lo]! - target);
}

/** Working ms in [a, b) with a ≤ b. */
function between(cal: CompiledCalendar, a: number, b: number): number {
  if (!(a >= cal.lo && b <= cal.hi)) {
    checkInstant('from', a);
    checkInstant('to', b);
    cal.cover(a, b);
  }
  return cumAt(cal, b) - cumAt(cal, a);
}

/** Pauses sorted by start with overlapping/adjacent ones merged; the input itself when already so. */
function normalizePauses(pauses: Pauses): Pauses {
  let clean = true;
  for (let i = 0; i < pauses.length; i++) {
    const p = pauses[i]!;
    if (!(p[1] > p[0]) || (i > 0 && p[0] <= pauses[i - 1]![1])) {
      clean = false;
      break;
    }
  }
  if (clean) return pauses;
  const sorted = pauses.filter((p) => p[1] > p[0]).sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) {
      if (e > last[1]) last[1] = e;
    } else out.push([s, e]);
  }
  return out;
}

/**
 * The earliest instant at which the working time counted from `startMs`, minus paused
 * time, reaches `ms`. A goal that ends exactly at closing time is due at closing time;
 * `ms = 0` returns `startMs`.
 * @example
 * // Mon–Fri 09:00–18:00 Moscow: 4 h from Monday 16:00 is Tuesday 11:00.
 * addWorking(cal, Date.parse('2026-03-16T16:00:00+03:00'), 4 * 3_600_000)
 */
export function addWorking(cal: CompiledCalendar, startMs: number, ms: number, pauses?: Pauses): number {
  if (!(ms > 0)) {
    if (ms === 0) {
      checkInstant('start', startMs);
      return startMs;
    }
    throw new CalendarError('OUT_OF_RANGE', [{ path: 'ms', message: `working time must be ≥ 0, got ${ms}` }]);
  }
  if (pauses === undefined || pauses.length === 0) return addPlain(cal, startMs, ms);
  const list = normalizePauses(pauses);
  let cursor = startMs;
  let remaining = ms;
  for (let i = 0; i < list.length; i++) {
    const p = list[i]!;
    const ps = p[0];
    const pe = p[1];
    if (pe <= cursor) continue;
    if (ps > cursor) {
      const w = between(cal, cursor, ps);
      if (w >= remaining) return addPlain(cal, cursor, remaining);
      remaining -= w;
    }
    cursor = pe;
  }
  return addPlain(cal, cursor, remaining);
}

/**
 * Working ms in [fromMs, toMs) minus paused time; 0 when `toMs ≤ fromMs`.
 * @example workingBetween(cal, Date.parse('2026-03-16T09:00:00+03:00'), Date.parse('2026-03-16T18:00:00+03:00')) // 32_400_000
 */
export function workingBetween(cal: CompiledCalendar, fromMs: number, toMs: number, pauses?: Pauses): number {
  if (!(toMs > fromMs)) {
    checkInstant('from', fromMs);
    checkInstant('to', toMs);
    return 0;
  }
  let total = between(cal, fromMs, toMs);
  if (pauses === undefined || pauses.length === 0) return total;
  const list = normalizePauses(pauses);
  for (let i = 0; i < list.length; i++) {
    const p = list[i]!;
    const s = p[0] > fromMs ? p[0] : fromMs;
    const e = p[1] < toMs ? p[1] : toMs;
    if (e > s) total -= between(cal, s, e);
  }
  return total;
}

/**
 * Whether `ms` falls inside working time (segments are half-open: closing time is not working).
 * @example isWorking(cal, Date.parse('2026-03-16T10:00:00+03:00')) // true
 */
export function isWorking(cal: CompiledCalendar, ms: number): boolean {
  if (!(ms >= cal.lo && ms <= cal.hi)) {
    checkInstant('at', ms);
    cal.cover(ms, ms);
  }
  const lo = upperBound(cal, ms);
  return lo > 0 && ms < cal.ends[lo - 1]!;
}

/**
 * `ms` itself when it is working time, otherwise the start of the next working segment.
 * @example nextWorkingStart(cal, Date.parse('2026-03-14T12:00:00+03:00')) // Monday 09:00
 */
export function nextWorkingStart(cal: CompiledCalendar, ms: number): number {
  if (isWorking(cal, ms)) return ms;
  for (;;) {
    const lo = upperBound(cal, ms);
    if (lo < cal.n) return cal.starts[lo]!;
    cal.extendForward(ms);
  }
}

/**
 * The working segments from `fromMs` on (the first one clipped to start at `fromMs`), until
 * they hold at least `minWorkingMs` of working time or `maxSegments` are listed. Lets a
 * browser tick a countdown in working time without the calendar.
 * @example workingSegmentsFrom(cal, Date.parse('2026-03-16T17:00:00+03:00'), 2 * 3_600_000)
 * // [[Mon 17:00, Mon 18:00], [Tue 09:00, Tue 18:00]] as epoch ms
 */
export function workingSegmentsFrom(
  cal: CompiledCalendar,
  fromMs: number,
  minWorkingMs: number,
  maxSegments = 64,
): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let t = nextWorkingStart(cal, fromMs);
  let covered = 0;
  while (covered < minWorkingMs && out.length < maxSegments) {
    const j = upperBound(cal, t) - 1; // t is working time, so segment j contains it
    const end = cal.ends[j]!;
    out.push([t, end]);
    covered += end - t;
    t = nextWorkingStart(cal, end);
  }
  return out;
}
