import OpeningHours from 'opening_hours';
import { packageVersion, setProcessZone, WEEKDAYS_FROM_SUNDAY, type Peer, type PeerCalendarSpec, type Weekday, type ZonePath } from './peer';

const OH_DAYS: Readonly<Record<Weekday, string>> = { mon: 'Mo', tue: 'Tu', wed: 'We', thu: 'Th', fri: 'Fr', sat: 'Sa', sun: 'Su' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function hoursText(intervals: ReadonlyArray<readonly [string, string]>): string {
  return intervals.length === 0 ? 'off' : intervals.map(([a, b]) => `${a}-${b}`).join(',');
}

function minusMinutes(hhmm: string, minutes: number): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const total = h * 60 + m - minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function dateSelector(date: string): string {
  const [y, m, d] = date.split('-') as [string, string, string];
  return `${y} ${MONTHS[Number(m) - 1]} ${d}`;
}

/**
 * The calendar as an OpenStreetMap opening_hours value: the week ("Mo-Fr 09:00-18:00"), then one
 * rule per exception date; in that syntax a later rule replaces earlier ones for the days it
 * names, which is exactly "holidays, working weekends, short days override the week".
 */
export function toOpeningHoursValue(spec: PeerCalendarSpec): string {
  const order: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const rules: string[] = [];
  let i = 0;
  while (i < order.length) {
    const text = hoursText(spec.week[order[i]!] ?? []);
    let j = i;
    while (j + 1 < order.length && hoursText(spec.week[order[j + 1]!] ?? []) === text) j++;
    if (text !== 'off') rules.push(`${OH_DAYS[order[i]!]}${j > i ? `-${OH_DAYS[order[j]!]}` : ''} ${text}`);
    i = j + 1;
  }
  const short = new Set(spec.shortDates);
  const monday = spec.week.mon ?? [];
  const shortened = (intervals: ReadonlyArray<readonly [string, string]>): Array<readonly [string, string]> =>
    intervals.map((iv, k) => (k === intervals.length - 1 ? [iv[0], minusMinutes(iv[1], spec.shortenBy)] as const : iv));
  for (const d of spec.holidays) rules.push(`${dateSelector(d)} off`);
  for (const d of spec.workingDates) rules.push(`${dateSelector(d)} ${hoursText(short.has(d) ? shortened(monday) : monday)}`);
  for (const d of spec.shortDates) {
    if (spec.workingDates.includes(d) || spec.holidays.includes(d)) continue;
    const weekday = WEEKDAYS_FROM_SUNDAY[new Date(`${d}T00:00:00Z`).getUTCDay()]!;
    rules.push(`${dateSelector(d)} ${hoursText(shortened(spec.week[weekday] ?? []))}`);
  }
  return rules.join('; ');
}

/** opening_hours has no time-zone support: it reads wall-clock fields of JS Dates in the process zone. */
export function createOpeningHoursPeer(spec: PeerCalendarSpec, path: ZonePath): Peer {
  const value = toOpeningHoursValue(spec);
  const oh = new OpeningHours(value, null, { tag_key: 'opening_hours', mode: 0, map_value: false, warnings_severity: 4, locale: 'en' });
  let saved: string | undefined;
  return {
    name: 'opening_hours',
    version: packageVersion('opening_hours'),
    zoneHandling: path === 'zone' ? `no zone support: process TZ set to "${spec.timezone}" while it runs` : 'host zone (its only mode)',
    limitations: [],
    activate() {
      saved = process.env.TZ;
      if (path === 'zone') setProcessZone(spec.timezone);
    },
    deactivate() {
      setProcessZone(saved);
    },
    addWorking(startMs, ms) {
      // No "add working time" in its API: walk its state changes with the iterator.
      const it = oh.getIterator(new Date(startMs));
      let t = startMs;
      let remaining = ms;
      for (;;) {
        const open = it.getState();
        if (!it.advance()) throw new Error('opening_hours: no further state change');
        const next = it.getDate().getTime();
        if (open) {
          if (next - t >= remaining) return t + remaining;
          remaining -= next - t;
        }
        t = next;
      }
    },
    workingBetween(fromMs, toMs) {
      return oh.getOpenDuration(new Date(fromMs), new Date(toMs))[0];
    },
  };
}

