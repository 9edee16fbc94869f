import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS_FROM_SUNDAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * The calendar as a peer library can be told about it. Peers get the same facts our engine gets;
 * what a peer cannot express (working weekends, short days) it is not given, and says so in
 * `limitations` instead of silently ignoring it.
 */
export interface PeerCalendarSpec {
  readonly timezone: string;
  readonly week: Partial<Readonly<Record<Weekday, ReadonlyArray<readonly [string, string]>>>>;
  readonly holidays: readonly string[];
  /** Weekend dates that are worked with Monday's hours. */
  readonly workingDates: readonly string[];
  /** Dates whose last interval ends `shortenBy` minutes early. */
  readonly shortDates: readonly string[];
  readonly shortenBy: number;
}

/**
 * `zone`: the peer's own time-zone support (moment-timezone, dayjs/plugin/timezone; for
 * opening_hours, which has none, the process zone set to the calendar's).
 * `host`: what a user gets without it: the peer computes in the host's zone.
 */
export type ZonePath = 'zone' | 'host';

export interface Peer {
  readonly name: string;
  readonly version: string;
  /** How this instance applies the calendar's zone. */
  readonly zoneHandling: string;
  /** What of the calendar this peer could not be told. */
  readonly limitations: readonly string[];
  /** Peers keep their configuration in globals (moment/dayjs locale, process TZ): make ours current. */
  activate(): void;
  deactivate(): void;
  /** Due instant (epoch ms) for `ms` of working time from `startMs`. */
  addWorking(startMs: number, ms: number): number;
  /** Working ms in [fromMs, toMs). */
  workingBetween(fromMs: number, toMs: number): number;
}

export function packageVersion(pkg: string): string {
  const file = join(__dirname, '..', '..', '..', 'node_modules', pkg, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/**
 * Runs `fn` with the process zone set to `zone` (Node re-reads TZ on assignment), restoring the
 * previous setting afterwards. Used for opening_hours (no zone support) and the host-zone demos.
 */
export function withProcessZone<T>(zone: string | undefined, fn: () => T): T {
  const saved = process.env.TZ;
  setProcessZone(zone);
  try {
    return fn();
  } finally {
    setProcessZone(saved);
  }
}

export function setProcessZone(zone: string | undefined): void {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
}
