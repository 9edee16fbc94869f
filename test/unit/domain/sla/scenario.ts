// Table-driven scenarios for the clocks: a request written in Moscow wall-clock time, parsed
// through the same request schema the CLI uses, and the expected clocks written by hand.
// Expected instants are Moscow local "YYYY-MM-DD HH:MM" (":SS", ".mmm" when not zero).

import { slaRequestSchema } from '../../../../src/config';
import { computeClocks, type Clock, type ClockSet, type SlaConfig } from '../../../../src/domain/sla';
import { formatInstant } from '../../../../src/domain/time/zone';

/** Moscow has been UTC+3 all year since 2014, so the offset can be written by hand. */
export function msk(local: string): string {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return `${withSeconds.replace(' ', 'T')}+03:00`;
}

export function local(ms: number | null): string | null {
  if (ms === null) return null;
  const iso = formatInstant('Europe/Moscow', ms);
  if (!iso.endsWith('+03:00')) throw new Error(`not a Moscow offset: ${iso}`);
  const text = iso.slice(0, -6).replace('T', ' ');
  return text.endsWith(':00') ? text.slice(0, 16) : text;
}

export type Ev =
  | readonly [string, 'agent' | 'customer']
  | readonly [string, 'status', string]
  | readonly [string, 'priority', string | number]
  | readonly [string, 'priority', string | number, 'agent' | 'customer']
  | readonly [string, 'package', string];

export interface ClockExpect {
  state?: Clock['state'];
  due?: string | null;
  elapsed?: number;
  goal?: number;
  remaining?: number;
  startedAt?: string;
  stoppedAt?: string | null;
  pausedSince?: string | null;
  pauseReason?: Clock['pauseReason'];
  resumesAt?: string | null;
  cycles?: number;
}

export interface Scenario {
  name: string;
  created: string;
  package?: string;
  priority?: string | number;
  customer?: { organization?: string; emailDomain?: string };
  events?: readonly Ev[];
  now: string;
  expect: {
    reaction?: ClockExpect | null;
    resolution?: ClockExpect | null;
    followUp?: ClockExpect | null;
    autoClose?: string | null;
    nextCheckAt?: string | null;
    package?: string;
    priority?: string | null;
    warning?: RegExp;
    noWarnings?: boolean;
  };
}

export function requestJson(sc: Pick<Scenario, 'created' | 'package' | 'priority' | 'customer' | 'events'>): unknown {
  return {
    key: 'SUP-1',
    created: msk(sc.created),
    ...(sc.package !== undefined ? { package: sc.package } : {}),
    ...(sc.priority !== undefined ? { priority: sc.priority } : {}),
    ...(sc.customer !== undefined ? { customer: sc.customer } : {}),
    events: (sc.events ?? []).map((e) => {
      const at = msk(e[0]);
      if (e[1] === 'agent' || e[1] === 'customer') return { at, type: 'comment', by: e[1] };
      if (e[1] === 'priority' && e.length === 4) return { at, type: e[1], to: e[2], by: e[3] };
      return { at, type: e[1], to: e[2] };
    }),
  };
}

export function evaluate(config: SlaConfig, sc: Scenario): ClockSet {
  const request = slaRequestSchema.parse(requestJson(sc));
  return computeClocks(config, request, Date.parse(msk(sc.now)));
}

function project(c: Clock & { cycles?: readonly Clock[] }, want: ClockExpect): ClockExpect {
  const out: ClockExpect = {};
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  for (const k of Object.keys(want) as Array<keyof ClockExpect>) {
    switch (k) {
      case 'state': out.state = c.state; break;
      case 'due': out.due = local(c.due); break;
      case 'elapsed': out.elapsed = round(c.elapsedMinutes); break;
      case 'goal': out.goal = round(c.goalMinutes); break;
      case 'remaining': out.remaining = round(c.remainingMinutes); break;
      case 'startedAt': out.startedAt = local(c.startedAt) ?? undefined; break;
      case 'stoppedAt': out.stoppedAt = local(c.stoppedAt); break;
      case 'pausedSince': out.pausedSince = local(c.pausedSince); break;
      case 'pauseReason': out.pauseReason = c.pauseReason; break;
      case 'resumesAt': out.resumesAt = local(c.resumesAt); break;
      case 'cycles': out.cycles = c.cycles?.length; break;
    }
  }
  return out;
}

/** Runs one scenario and compares only what it states. */
export function check(config: SlaConfig, sc: Scenario): ClockSet {
  const set = evaluate(config, sc);
  const e = sc.expect;
  for (const k of ['reaction', 'resolution', 'followUp'] as const) {
    const want = e[k];
    if (want === undefined) continue;
    const got = set[k];
    if (want === null) expect({ [k]: got }).toEqual({ [k]: null });
    else {
      expect({ [k]: got === null ? null : 'present' }).toEqual({ [k]: 'present' });
      expect({ [k]: project(got!, want) }).toEqual({ [k]: want });
    }
  }
  if (e.autoClose !== undefined) expect({ autoClose: set.autoClose ? local(set.autoClose.at) : null }).toEqual({ autoClose: e.autoClose });
  if (e.nextCheckAt !== undefined) expect({ nextCheckAt: local(set.nextCheckAt) }).toEqual({ nextCheckAt: e.nextCheckAt });
  if (e.package !== undefined) expect(set.packageId).toBe(e.package);
  if (e.priority !== undefined) expect(set.priorityId).toBe(e.priority);
  if (e.warning !== undefined) expect(set.warnings.join('\n')).toMatch(e.warning);
  if (e.noWarnings) expect(set.warnings).toEqual([]);
  return set;
}
