import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import businessTime from 'dayjs-business-time';
import { packageVersion, type Peer, type PeerCalendarSpec, type Weekday, type ZonePath } from './peer';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(businessTime);

const DAY_NAMES: ReadonlyArray<readonly [Weekday, keyof dayjs.BusinessHoursMap]> = [
  ['sun', 'sunday'], ['mon', 'monday'], ['tue', 'tuesday'], ['wed', 'wednesday'], ['thu', 'thursday'], ['fri', 'friday'], ['sat', 'saturday'],
];

/** dayjs-business-time keeps its week and holidays in the global dayjs locale. */
export function createDayjsPeer(spec: PeerCalendarSpec, path: ZonePath): Peer {
  const hours = {} as dayjs.BusinessHoursMap;
  for (const [ours, theirs] of DAY_NAMES) {
    const intervals = spec.week[ours] ?? [];
    hours[theirs] = intervals.length === 0 ? null : intervals.map(([start, end]) => ({ start: `${start}:00`, end: `${end}:00` }));
  }
  const make = path === 'zone' ? (ms: number) => dayjs(ms).tz(spec.timezone) : (ms: number) => dayjs(ms);
  const limitations: string[] = [];
  if (spec.workingDates.length > 0) limitations.push('cannot express working weekends (dropped)');
  if (spec.shortDates.length > 0) limitations.push('cannot express short days (dropped)');
  return {
    name: 'dayjs-business-time',
    version: `${packageVersion('dayjs-business-time')} (dayjs ${packageVersion('dayjs')})`,
    zoneHandling: path === 'zone' ? `dayjs(ms).tz("${spec.timezone}") with plugins utc + timezone` : 'dayjs(ms): host zone',
    limitations,
    activate() {
      dayjs.setBusinessTime(hours);
      dayjs.setHolidays([...spec.holidays]);
    },
    deactivate() {},
    addWorking(startMs, ms) {
      return make(startMs).addBusinessMinutes(ms / 60_000).valueOf();
    },
    workingBetween(fromMs, toMs) {
      return make(fromMs).businessMinutesDiff(make(toMs)) * 60_000;
    },
  };
}
