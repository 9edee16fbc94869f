import moment from 'moment-timezone';
import 'moment-business-time';
import { packageVersion, WEEKDAYS_FROM_SUNDAY, type Peer, type PeerCalendarSpec, type ZonePath } from './peer';

declare module 'moment' {
  interface Moment {
    addWorkingTime(amount: number, unit: 'minutes'): Moment;
    workingDiff(other: Moment, unit: 'minutes', precise: boolean): number;
  }
}

/** moment-business-time reads its week and holidays from the global moment locale. */
export function createMomentPeer(spec: PeerCalendarSpec, path: ZonePath): Peer {
  const workinghours: Record<number, string[] | null> = {};
  WEEKDAYS_FROM_SUNDAY.forEach((day, i) => {
    const intervals = spec.week[day] ?? [];
    workinghours[i] = intervals.length === 0 ? null : intervals.flatMap(([a, b]) => [`${a}:00`, `${b}:00`]);
  });
  const make = path === 'zone' ? (ms: number) => moment.tz(ms, spec.timezone) : (ms: number) => moment(ms);
  const limitations: string[] = [];
  if (spec.workingDates.length > 0) limitations.push('cannot express working weekends (dropped)');
  if (spec.shortDates.length > 0) limitations.push('cannot express short days (dropped)');
  return {
    name: 'moment-business-time',
    version: `${packageVersion('moment-business-time')} (moment ${moment.version}, moment-timezone ${moment.tz.version}, tzdata ${moment.tz.dataVersion})`,
    zoneHandling: path === 'zone' ? `moment.tz(ms, "${spec.timezone}")` : 'moment(ms): host zone',
    limitations,
    activate() {
      moment.updateLocale('en', { workinghours, holidays: [...spec.holidays] } as moment.LocaleSpecification);
    },
    deactivate() {},
    addWorking(startMs, ms) {
      return make(startMs).addWorkingTime(ms / 60_000, 'minutes').valueOf();
    },
    workingBetween(fromMs, toMs) {
      return Math.round(make(toMs).workingDiff(make(fromMs), 'minutes', true) * 60_000);
    },
  };
}
