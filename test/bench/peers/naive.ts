import { NaiveCalendar, type NaiveCalendarDef } from '../naive';
import type { Peer } from './peer';

/** Our minute-stepping reference as a bench row: the speed of "just loop over the minutes". */
export function createNaivePeer(def: NaiveCalendarDef): Peer {
  const naive = new NaiveCalendar(def);
  return {
    name: 'naive (minute-stepping)',
    version: 'test/bench/naive.ts',
    zoneHandling: `Intl offset of "${def.timezone}", cached per UTC hour`,
    limitations: [],
    activate() {},
    deactivate() {},
    addWorking: (startMs, ms) => naive.addWorking(startMs, ms),
    workingBetween: (fromMs, toMs) => naive.workingBetween(fromMs, toMs),
  };
}
