/**
 * The naive reference: walks time minute by minute and asks, for each minute, "is this a working
 * minute of the calendar?" using nothing but the calendar definition, Intl for the zone offset and
 * the shipped production-calendar data. It shares no code with src/domain/calendar, which is what
 * makes it an oracle for the engine (test/unit/bench/naive-oracle.test.ts) and the slow baseline
 * every business-hours library is, in essence (the bench's "naive" peer).
 *
 * Semantics, stated once: a minute [m, m+1min) is working when its local wall-clock minute-of-day
 * (in the calendar zone, at instant m) lies in one of the local date's intervals. In a DST overlap
 * the repeated wall-clock hour therefore counts twice if it is working; in a gap the skipped hour
 * does not exist. Pauses are half-open [startMs, endMs) and remove time at millisecond precision.
 * A date's intervals: `dates` entry, else holiday (own, `MM-DD` recurring, production holidays and
 * non-working weekdays) → `holidayHours`, else working date (own, production working weekend) →
 * Monday's intervals, else its weekday's; a short date (not a holiday, not in `dates`) then loses
 * `shortenBy` minutes off its end.
 */
import production from '../../src/domain/calendar/data/ru-production-calendar.json';

type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
type Interval = readonly [string, string];
type Intervals = ReadonlyArray<Interval>;

/** Structurally the calendar definition of issue 2 (the engine's `CalendarDef` is assignable to it). */
export interface NaiveCalendarDef {
  readonly timezone: string;
  readonly week: Partial<Readonly<Record<Weekday, Intervals>>>;
  readonly holidays?: readonly string[];
  readonly recurringHolidays?: readonly string[];
  readonly holidayHours?: Intervals;
  readonly workingDates?: readonly string[];
  readonly shortDates?: readonly string[];
  readonly shortenBy?: number;
  readonly dates?: Readonly<Record<string, Intervals>>;
  readonly productionCalendar?: 'RU';
}

export type Pauses = ReadonlyArray<readonly [number, number]>;

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Refuse to walk further than this: a calendar with no working time would loop forever. */
const MAX_WALK_MS = 3 * 366 * DAY;
// Module-level aliases: under jest the global object is a vm context whose property loads V8
// cannot optimise, and Math.floor per walked minute made the oracle tests ten times slower.
const floor = Math.floor;
const min = Math.min;
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface ProductionYear {
  readonly holidays: readonly string[];
  readonly nonWorkingWeekdays: readonly string[];
  readonly workingWeekends: readonly string[];
  readonly shortDays: readonly string[];
}

function minutesOf(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`naive: bad time "${hhmm}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function toMinutePairs(list: Intervals | undefined): Array<[number, number]> {
  return (list ?? []).map(([a, b]): [number, number] => [minutesOf(a), minutesOf(b)]).sort((x, y) => x[0] - y[0]);
}

function dateString(dayIndex: number): string {
  return new Date(dayIndex * DAY).toISOString().slice(0, 10);
}

export class NaiveCalendar {
  private readonly holidays = new Set<string>();
  private readonly recurring: ReadonlySet<string>;
  private readonly workingDates = new Set<string>();
  private readonly shortDates = new Set<string>();
  private readonly shortenBy: number;
  private readonly dayCache = new Map<number, Array<[number, number]>>();
  private readonly offsetCache = new Map<number, number | null>();
  private readonly formatter: Intl.DateTimeFormat;

  constructor(private readonly def: NaiveCalendarDef) {
    this.formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: def.timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    for (const d of def.holidays ?? []) this.holidays.add(d);
    this.recurring = new Set(def.recurringHolidays ?? []);
    for (const d of def.workingDates ?? []) this.workingDates.add(d);
    for (const d of def.shortDates ?? []) this.shortDates.add(d);
    this.shortenBy = def.shortenBy ?? 60;
    if (def.productionCalendar === 'RU') {
      const years = (production as unknown as { years: Record<string, ProductionYear> }).years;
      for (const y of Object.values(years)) {
        for (const d of y.holidays) this.holidays.add(d);
        for (const d of y.nonWorkingWeekdays) this.holidays.add(d);
        for (const d of y.workingWeekends) this.workingDates.add(d);
        for (const d of y.shortDays) this.shortDates.add(d);
      }
    }
  }

  /** Offset (local − UTC) in ms at an instant, straight from Intl: no zone arithmetic of our own. */
  private intlOffset(ms: number): number {
    const p: Record<string, number> = {};
    for (const part of this.formatter.formatToParts(new Date(ms))) {
      if (part.type !== 'literal') p[part.type] = Number(part.value);
    }
    const local = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
    // Intl shows whole seconds, so compare with the instant truncated to its second.
    return local - (ms - (((ms % 1000) + 1000) % 1000));
  }

  /**
   * Offset at a minute start, cached per UTC day when Intl gives the same offset at both ends of
   * the day (no zone changes its offset twice within one day), else per UTC hour on the same
   * terms, else asked for this very minute.
   */
  private offsetAt(minuteMs: number): number {
    const day = floor(minuteMs / DAY);
    let cached = this.offsetCache.get(day);
    if (cached === undefined) {
      const a = this.intlOffset(day * DAY);
      const b = this.intlOffset(day * DAY + DAY - MINUTE);
      cached = a === b ? a : null;
      this.offsetCache.set(day, cached);
    }
    if (cached !== null) return cached;
    const hour = floor(minuteMs / HOUR);
    const a = this.intlOffset(hour * HOUR);
    return a === this.intlOffset(hour * HOUR + HOUR - MINUTE) ? a : this.intlOffset(minuteMs);
  }

  /** The local date's working intervals, in minutes of the day, after every exception rule. */
  private intervalsOfDay(dayIndex: number): Array<[number, number]> {
    const cached = this.dayCache.get(dayIndex);
    if (cached) return cached;
    const date = dateString(dayIndex);
    const weekday = WEEKDAYS[(((dayIndex + 4) % 7) + 7) % 7]!;
    let result: Array<[number, number]>;
    const explicit = this.def.dates?.[date];
    if (explicit !== undefined) result = toMinutePairs(explicit);
    else if (this.holidays.has(date) || this.recurring.has(date.slice(5))) result = toMinutePairs(this.def.holidayHours);
    else {
      result = toMinutePairs(this.workingDates.has(date) ? this.def.week.mon : this.def.week[weekday]);
      // A short day ends `shortenBy` minutes earlier: cut from the end of the day, into the
      // interval before the last one if the last is shorter than the cut.
      let cut = this.shortDates.has(date) ? this.shortenBy : 0;
      while (cut > 0 && result.length > 0) {
        const [a, b] = result[result.length - 1]!;
        if (b - a > cut) {
          result[result.length - 1] = [a, b - cut];
          cut = 0;
        } else {
          cut -= b - a;
          result.pop();
        }
      }
    }
    this.dayCache.set(dayIndex, result);
    return result;
  }

  /** Whether the minute that starts at `minuteMs` (a multiple of 60 000) is working time. */
  isWorkingMinute(minuteMs: number): boolean {
    const local = minuteMs + this.offsetAt(minuteMs);
    const dayIndex = floor(local / DAY);
    const minuteOfDay = (local - dayIndex * DAY) / MINUTE;
    for (const [a, b] of this.intervalsOfDay(dayIndex)) {
      if (minuteOfDay >= a && minuteOfDay < b) return true;
    }
    return false;
  }

  /**
   * Walks [t, next) pieces, each inside one minute and one pause state, and calls `visit` with
   * the piece and whether it counts; stops when `visit` returns a number (the answer).
   */
  private walk(fromMs: number, pauses: Pauses, visit: (t: number, next: number, counts: boolean) => number | undefined): number {
    const bounds = pauses.flatMap(([a, b]) => [a, b]).sort((x, y) => x - y);
    let t = fromMs;
    while (t - fromMs <= MAX_WALK_MS) {
      const minuteStart = floor(t / MINUTE) * MINUTE;
      let next = minuteStart + MINUTE;
      for (const b of bounds) {
        if (b > t && b < next) {
          next = b;
          break;
        }
      }
      const paused = pauses.some(([a, b]) => t >= a && t < b);
      const answer = visit(t, next, !paused && this.isWorkingMinute(minuteStart));
      if (answer !== undefined) return answer;
      t = next;
    }
    throw new Error(`naive: walked ${MAX_WALK_MS / DAY} days from ${new Date(fromMs).toISOString()} without an answer`);
  }

  /** Earliest instant at which the working time counted from `startMs` (minus pauses) reaches `ms`. */
  addWorking(startMs: number, ms: number, pauses: Pauses = []): number {
    if (ms <= 0) return startMs;
    let remaining = ms;
    return this.walk(startMs, pauses, (t, next, counts) => {
      if (!counts) return undefined;
      if (next - t >= remaining) return t + remaining;
      remaining -= next - t;
      return undefined;
    });
  }

  /** Working time in [fromMs, toMs) minus pauses; 0 when toMs ≤ fromMs. */
  workingBetween(fromMs: number, toMs: number, pauses: Pauses = []): number {
    if (toMs <= fromMs) return 0;
    let total = 0;
    return this.walk(fromMs, pauses, (t, next, counts) => {
      const end = min(next, toMs);
      if (counts) total += end - t;
      return end >= toMs ? total : undefined;
    });
  }
}
