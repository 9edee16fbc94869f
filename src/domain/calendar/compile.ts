// Compiles a calendar definition into a table of half-open UTC working segments with prefix
// sums, covering a contiguous range of years that grows lazily as queries need it.
// Time-zone conversion happens here and only here (through time/zone.ts); the operations in
// working-time.ts are binary searches plus arithmetic over the typed arrays.

import { dateParts, dayNumber, MS_PER_DAY, MS_PER_MINUTE, parseDate, parseTimeOfDay, weekdayOf } from '../time/day';
import { localDayOf, offsetMs, wallToInstant } from '../time/zone';
import { calendarDefSchema, type CalendarDef, type CalendarDefInput, type WorkingInterval } from './calendar-def';
import { CalendarError, formatIssuePath } from './errors';
import { RU_PRODUCTION_YEARS } from './production';

/** Minutes since local midnight, flattened [start0, end0, start1, end1, …], sorted. */
type DayMinutes = readonly number[];

/** The definition with every list turned into sets and minute arrays, production data merged. */
interface ResolvedCalendar {
  readonly zone: string;
  /** Index 0 = Sunday … 6 = Saturday. */
  readonly week: readonly DayMinutes[];
  readonly holidays: ReadonlySet<number>;
  /** month * 100 + day */
  readonly recurringHolidays: ReadonlySet<number>;
  readonly holidayHours: DayMinutes;
  readonly workingDates: ReadonlySet<number>;
  readonly shortDates: ReadonlySet<number>;
  readonly shortenByMinutes: number;
  readonly dates: ReadonlyMap<number, DayMinutes>;
  /** Years with production-calendar data, or null when the calendar uses none. */
  readonly productionYears: ReadonlySet<number> | null;
}

/** One compiled year: its segments and per-day facts (for stats and business days). */
interface CompiledYear {
  readonly year: number;
  readonly firstDay: number;
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  /** Working ms per day of the year. */
  readonly dayMs: Float64Array;
  /** 1 when the date is a business day (working time, not a holiday). */
  readonly business: Uint8Array;
}

/** Years further apart than this are not joined into one table; the table re-centres instead. */
const MAX_JOIN_SPAN_YEARS = 12;
/** A goal that needs more than this many years of table is treated as unreachable. */
const MAX_FORWARD_YEARS = 200;
const MIN_YEAR = 1000;
const MAX_YEAR = 9000;

function toMinutes(list: readonly WorkingInterval[]): DayMinutes {
  const out: number[] = [];
  const sorted = list
    .map(([a, b]) => [parseTimeOfDay(a)!, parseTimeOfDay(b)!] as const)
    .sort((x, y) => x[0] - y[0]);
  for (const [a, b] of sorted) out.push(a, b);
  return out;
}

function dateSet(list: readonly string[]): Set<number> {
  const s = new Set<number>();
  for (const d of list) s.add(parseDate(d)!);
  return s;
}

function resolve(def: CalendarDef): ResolvedCalendar {
  const holidays = dateSet(def.holidays);
  const workingDates = dateSet(def.workingDates);
  const shortDates = dateSet(def.shortDates);
  const production = { ...(def.productionCalendar === 'RU' ? RU_PRODUCTION_YEARS : {}), ...def.productionYears };
  const productionYears = new Set<number>();
  for (const [year, data] of Object.entries(production)) {
    productionYears.add(Number(year));
    for (const d of data.holidays) holidays.add(parseDate(d)!);
    for (const d of data.workingWeekends) workingDates.add(parseDate(d)!);
    for (const d of data.shortDays) shortDates.add(parseDate(d)!);
  }
  const usesProduction = def.productionCalendar !== undefined || Object.keys(def.productionYears).length > 0;
  const w = def.week;
  return {
    zone: def.timezone,
    week: [w.sun, w.mon, w.tue, w.wed, w.thu, w.fri, w.sat].map(toMinutes),
    holidays,
    recurringHolidays: new Set(def.recurringHolidays.map((md) => Number(md.slice(0, 2)) * 100 + Number(md.slice(3, 5)))),
    holidayHours: toMinutes(def.holidayHours),
    workingDates,
    shortDates,
    shortenByMinutes: def.shortenBy,
    dates: new Map(Object.entries(def.dates).map(([d, list]) => [parseDate(d)!, toMinutes(list)])),
    productionYears: usesProduction ? productionYears : null,
  };
}

function shorten(minutes: DayMinutes, by: number): DayMinutes {
  // Cut `by` minutes off the end of the day, across intervals when the last one is shorter.
  const out = minutes.slice();
  let left = by;
  while (left > 0 && out.length > 0) {
    const end = out[out.length - 1]!;
    const start = out[out.length - 2]!;
    if (end - start > left) {
      out[out.length - 1] = end - left;
      left = 0;
    } else {
      left -= end - start;
      out.length -= 2;
    }
  }
  return out;
}

/** Working intervals of one date (local minutes) and whether it is a holiday. */
function planDay(r: ResolvedCalendar, day: number): { minutes: DayMinutes; holiday: boolean } {
  const { month, day: dom } = dateParts(day);
  const holiday = r.holidays.has(day) || r.recurringHolidays.has(month * 100 + dom);
  const override = r.dates.get(day);
  if (override) return { minutes: override, holiday };
  if (holiday) return { minutes: r.holidayHours, holiday };
  let minutes = r.workingDates.has(day) ? r.week[1]! : r.week[weekdayOf(day)]!;
  if (r.shortenByMinutes > 0 && r.shortDates.has(day)) minutes = shorten(minutes, r.shortenByMinutes);
  return { minutes, holiday };
}

/** The zone's offset throughout a local date, or NaN when a transition may fall near it. */
function steadyOffset(zone: string, day: number): number {
  const before = offsetMs(zone, (day - 1) * MS_PER_DAY);
  const after = offsetMs(zone, (day + 2) * MS_PER_DAY);
  return before === after ? before : Number.NaN;
}

function toInstant(zone: string, day: number, minute: number, steady: number): number {
  return Number.isNaN(steady) ? wallToInstant(zone, day, minute) : day * MS_PER_DAY + minute * MS_PER_MINUTE - steady;
}

function compileYear(r: ResolvedCalendar, year: number): CompiledYear {
  const firstDay = dayNumber(year, 1, 1);
  const days = dayNumber(year + 1, 1, 1) - firstDay;
  const starts: number[] = [];
  const ends: number[] = [];
  const dayMs = new Float64Array(days);
  const business = new Uint8Array(days);
  for (let i = 0; i < days; i++) {
    const day = firstDay + i;
    const { minutes, holiday } = planDay(r, day);
    let total = 0;
    // When the offset is the same a day before and two days after, no transition touches this
    // date's wall times (offsets stay within ±14 h), so one offset converts all of them; only
    // transition days go through the full DST rule. This keeps compiling a year to ~2 Intl calls a day.
    const steady = minutes.length === 0 ? Number.NaN : steadyOffset(r.zone, day);
    for (let k = 0; k < minutes.length; k += 2) {
      let s = toInstant(r.zone, day, minutes[k]!, steady);
      const e = toInstant(r.zone, day, minutes[k + 1]!, steady);
      const n = ends.length;
      // A wall time moved forward out of a DST gap can land past the next interval's start;
      // clamp so segments stay sorted and disjoint.
      if (n > 0 && s < ends[n - 1]!) s = ends[n - 1]!;
      if (e <= s) continue;
      total += e - s;
      if (n > 0 && s === ends[n - 1]!) ends[n - 1] = e; // adjacent: one segment (e.g. 24x7)
      else {
        starts.push(s);
        ends.push(e);
      }
    }
    dayMs[i] = total;
    business[i] = total > 0 && !holiday ? 1 : 0;
  }
  return { year, firstDay, starts: Float64Array.from(starts), ends: Float64Array.from(ends), dayMs, business };
}

/**
 * A calendar compiled for fast queries. Create with `compileCalendar`; treat the fields as
 * read-only (they are swapped when the table grows to cover more years).
 */
export class CompiledCalendar {
  readonly def: CalendarDef;
  readonly zone: string;
  /** Monday's working time in ms: the nominal working day of `wd` goals. */
  readonly nominalDayMs: number;
  /** @internal */ readonly resolved: ResolvedCalendar;
  /** @internal segment starts (UTC ms), sorted */ starts: Float64Array = new Float64Array(0);
  /** @internal segment ends (UTC ms) */ ends: Float64Array = new Float64Array(0);
  /** @internal working ms from the table start through the end of segment i */ cumEnd: Float64Array = new Float64Array(0);
  /** @internal number of segments */ n = 0;
  /** @internal UTC-day bucket origin (ms) */ bucketBase = 0;
  /**
   * @internal bucket[b] = number of segments starting at or before bucketBase + b days, so a
   * lookup scans only the few segments of one day instead of binary-searching the table.
   */
  bucket: Int32Array = new Int32Array(0);
  /** @internal total working ms in the table */ total = 0;
  /** @internal first instant covered (start of year y0) */ lo = Number.POSITIVE_INFINITY;
  /** @internal last instant covered (start of year y1 + 1) */ hi = Number.NEGATIVE_INFINITY;
  /** @internal */ y0 = 0;
  /** @internal */ y1 = -1;
  private readonly years = new Map<number, CompiledYear>();

  constructor(def: CalendarDef) {
    this.def = def;
    this.resolved = resolve(def);
    this.zone = def.timezone;
    const mon = this.resolved.week[1]!;
    let minutes = 0;
    for (let k = 0; k < mon.length; k += 2) minutes += mon[k + 1]! - mon[k]!;
    this.nominalDayMs = minutes * MS_PER_MINUTE;
  }

  /** @internal The compiled year (cached). */
  year(year: number): CompiledYear {
    if (!(year >= MIN_YEAR && year <= MAX_YEAR)) {
      throw new CalendarError('OUT_OF_RANGE', [{ path: '', message: `year ${year} is outside ${MIN_YEAR}..${MAX_YEAR}` }]);
    }
    let y = this.years.get(year);
    if (!y) {
      y = compileYear(this.resolved, year);
      this.years.set(year, y);
    }
    return y;
  }

  /** @internal Local calendar year of an instant. */
  yearOf(ms: number): number {
    if (!Number.isFinite(ms)) {
      throw new CalendarError('OUT_OF_RANGE', [{ path: '', message: `not a valid instant: ${ms}` }]);
    }
    return dateParts(localDayOf(this.zone, ms)).year;
  }

  /** @internal Makes the table cover [a, b] (a ≤ b) in one consistent state. */
  cover(a: number, b: number): void {
    if (a >= this.lo && b <= this.hi) return;
    const ya = this.yearOf(a);
    const yb = this.yearOf(b);
    if (this.y1 < this.y0) {
      this.build(ya, Math.max(yb, ya + 1));
      return;
    }
    const from = Math.min(ya, this.y0);
    const to = Math.max(yb, this.y1);
    // Far from the current table: start a new one rather than compiling every year between.
    if (to - from > MAX_JOIN_SPAN_YEARS) this.build(ya, Math.max(yb, ya + 1));
    else this.build(from, to);
  }

  /** @internal Adds one year at the end; prefix sums of existing segments do not change. */
  extendForward(fromMs: number): void {
    if (this.y1 - this.y0 >= MAX_FORWARD_YEARS) {
      throw new CalendarError('OUT_OF_RANGE', [
        { path: '', message: `no working time reaches the goal within ${MAX_FORWARD_YEARS} years after ${new Date(fromMs).toISOString()}` },
      ]);
    }
    this.build(this.y0, this.y1 + 1);
  }

  private build(y0: number, y1: number): void {
    const parts: CompiledYear[] = [];
    let n = 0;
    for (let y = y0; y <= y1; y++) {
      const c = this.year(y);
      parts.push(c);
      n += c.starts.length;
    }
    const starts = new Float64Array(n);
    const ends = new Float64Array(n);
    const cumEnd = new Float64Array(n);
    let i = 0;
    let acc = 0;
    for (const c of parts) {
      for (let k = 0; k < c.starts.length; k++) {
        let s = c.starts[k]!;
        const e = c.ends[k]!;
        if (i > 0 && s < ends[i - 1]!) s = ends[i - 1]!;
        if (e <= s) continue;
        if (i > 0 && s === ends[i - 1]!) {
          acc += e - s;
          ends[i - 1] = e;
          cumEnd[i - 1] = acc;
          continue;
        }
        acc += e - s;
        starts[i] = s;
        ends[i] = e;
        cumEnd[i] = acc;
        i++;
      }
    }
    this.starts = starts.subarray(0, i);
    this.ends = ends.subarray(0, i);
    this.cumEnd = cumEnd.subarray(0, i);
    this.n = i;
    this.total = acc;
    this.y0 = y0;
    this.y1 = y1;
    this.lo = wallToInstant(this.zone, dayNumber(y0, 1, 1), 0);
    this.hi = wallToInstant(this.zone, dayNumber(y1 + 1, 1, 1), 0);
    const base = Math.floor(this.lo / MS_PER_DAY) * MS_PER_DAY;
    const buckets = Math.floor((this.hi - base) / MS_PER_DAY) + 2;
    const bucket = new Int32Array(buckets + 1);
    let j = 0;
    for (let b = 0; b <= buckets; b++) {
      const at = base + b * MS_PER_DAY;
      while (j < i && this.starts[j]! <= at) j++;
      bucket[b] = j;
    }
    this.bucketBase = base;
    this.bucket = bucket;
  }

  /** @internal Business-day flag of a date (day number). */
  isBusinessDay(day: number): boolean {
    const y = this.year(dateParts(day).year);
    return y.business[day - y.firstDay] === 1;
  }

  /** @internal Whether the date is a holiday (own, recurring or production). */
  isHoliday(day: number): boolean {
    return planDay(this.resolved, day).holiday;
  }
}

const cache = new WeakMap<object, CompiledCalendar>();

/**
 * Validates and compiles a calendar definition. Results are cached per definition object,
 * so calling it again with the same object is free.
 * @example
 * const cal = compileCalendar({ timezone: 'Europe/Moscow', week: { mon: [['09:00', '18:00']] } });
 */
export function compileCalendar(def: CalendarDef | CalendarDefInput | CompiledCalendar): CompiledCalendar {
  if (def instanceof CompiledCalendar) return def;
  const hit = cache.get(def);
  if (hit) return hit;
  const r = calendarDefSchema.safeParse(def);
  if (!r.success) {
    throw new CalendarError(
      'INVALID_CALENDAR',
      r.error.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message })),
    );
  }
  const compiled = new CompiledCalendar(r.data);
  cache.set(def, compiled);
  return compiled;
}
