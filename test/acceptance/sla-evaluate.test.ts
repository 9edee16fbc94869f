// Acceptance tests of `sla evaluate` and the batch op "evaluate" (issue 3), written from the issue
// text and DOMAIN.md "Clocks on a request" only. All cases go through ONE `sla batch` process; the
// `evaluate` command itself runs once more for its own input forms.
//
// Template goals (DOMAIN.md), calendars as in sla-engine.test.ts:
//   agentplus  reaction by package: basic 2wd (22h), optimal 1wd (11h), extended 240m, partner 2wd; no resolution; auto-close 14 days
//   advantshop reaction by package: free 24h, partner 3h, development 24wd, consulting 40h; no resolution; no auto-close
//   pass24     resolution by priority: high 4h, normal "24h,5bd", low "48h,5bd"; no reaction; no auto-close
//   altec      reaction 30m/30m/60m/60m, resolution 4h/2wd(18h)/4wd(36h)/9wd(81h) by priority 1–4; auto-close 14 days
//   barier     reaction 3h for all, resolution 4h/8h/5wd(45h)/10wd(90h); auto-close 24 hours
// Week used: Mon 2026-03-02 … Fri 2026-03-06 are ordinary working days; Mon 2026-03-09 is off.

import { ISO_WITH_SECONDS_MSK, type Json, type JsonObject, msk, runBatch, runSla } from './run-cli';

type Ev =
  | { at: string; type: 'status'; to: string }
  | { at: string; type: 'comment'; by: 'agent' | 'customer' }
  | { at: string; type: 'priority'; to: number | string }
  | { at: string; type: 'package'; to: string };

const status = (wall: string, to: string): Ev => ({ at: msk(wall), type: 'status', to });
const agent = (wall: string): Ev => ({ at: msk(wall), type: 'comment', by: 'agent' });
const customer = (wall: string): Ev => ({ at: msk(wall), type: 'comment', by: 'customer' });
const priority = (wall: string, to: number | string): Ev => ({ at: msk(wall), type: 'priority', to });
const pkg = (wall: string, to: string): Ev => ({ at: msk(wall), type: 'package', to });

interface Req {
  created: string;
  package?: string;
  priority?: number | string;
  events: Ev[];
}
let keySeq = 0;
const issue = (r: Req): JsonObject => {
  keySeq += 1;
  const o: JsonObject = { key: `SUP-${keySeq}`, created: msk(r.created), events: r.events as unknown as Json[] };
  if (r.package !== undefined) o.package = r.package;
  if (r.priority !== undefined) o.priority = r.priority;
  return o;
};
const evaluate = (template: string, now: string, r: Req): JsonObject => ({ op: 'evaluate', template, now: msk(now), issue: issue(r) });

type Clock = {
  state: string;
  goalMinutes: number;
  elapsedMinutes: number;
  remainingMinutes: number | null;
  due: string | null;
  startedAt: string | null;
  stoppedAt: string | null;
  pausedSince: string | null;
};
interface ClockSet {
  reaction: Clock | null;
  resolution: Clock | null;
  followUp: Clock | null;
  autoClose: { at: string } | null;
  error?: string;
}

/** expects the listed fields of a clock (instants given as Moscow wall clock) */
function expectClock(c: Clock | null, want: Partial<Record<keyof Clock, string | number | null>>): void {
  expect(c).not.toBeNull();
  const got: Record<string, unknown> = {};
  const exp: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(want)) {
    got[k] = (c as unknown as Record<string, unknown>)[k];
    exp[k] = typeof v === 'string' && /^\d{4}-/.test(v) ? msk(v) : v;
  }
  expect(got).toEqual(exp);
}

interface Case {
  name: string;
  line: JsonObject;
  check: (o: ClockSet) => void;
}

const CASES: Case[] = [
  // ───────────── reaction stops ─────────────
  {
    // altec p2: reaction 30m, resolution 2wd = 18h. Created Mon 10:00, agent comment 10:20 → reaction 20 ≤ 30 met.
    // Resolution at now Mon 12:00: 120 elapsed, 960 left; due = Mon 10:00 + 18h: Mon 8h (→18:00), Tue 9h (17h), Wed 09:00 + 1h = 10:00
    name: 'altec: the first agent comment stops the reaction clock (met) while resolution keeps running',
    line: evaluate('altec', '2026-03-02T12:00', { created: '2026-03-02T10:00', priority: 2, events: [agent('2026-03-02T10:20')] }),
    check: (o) => {
      expectClock(o.reaction, { state: 'met', goalMinutes: 30, elapsedMinutes: 20, stoppedAt: '2026-03-02T10:20' });
      expectClock(o.resolution, { state: 'running', goalMinutes: 1080, elapsedMinutes: 120, remainingMinutes: 960, due: '2026-03-04T10:00', stoppedAt: null });
      expect(o.autoClose).toBeNull();
    },
  },
  {
    // altec p1: reaction 30m. First status change Open → In Progress at 09:45 stops it: 45 > 30 → breached (stopped).
    // Resolution 4h at now 10:00: 60 elapsed, 180 left, due 13:00
    name: 'altec: the first status change away from Open stops the reaction clock, late → breached',
    line: evaluate('altec', '2026-03-02T10:00', { created: '2026-03-02T09:00', priority: 1, events: [status('2026-03-02T09:45', 'In Progress')] }),
    check: (o) => {
      expectClock(o.reaction, { state: 'breached', goalMinutes: 30, elapsedMinutes: 45, stoppedAt: '2026-03-02T09:45' });
      expectClock(o.resolution, { state: 'running', goalMinutes: 240, elapsedMinutes: 60, remainingMinutes: 180, due: '2026-03-02T13:00' });
    },
  },
  {
    // DOMAIN "Numbers": due = for a breached clock the instant the goal was reached — also when it has stopped:
    // reaction 30m from 09:00 was reached at 09:30, stopped late at 09:45
    name: 'altec: a breached reaction clock that stopped late shows the instant its goal was reached as due',
    line: evaluate('altec', '2026-03-02T10:00', { created: '2026-03-02T09:00', priority: 1, events: [status('2026-03-02T09:45', 'In Progress')] }),
    check: (o) => {
      expectClock(o.reaction, { state: 'breached', due: '2026-03-02T09:30' });
    },
  },
  {
    // barier p3 → p2 at 10:00: the priority change (classification) stops reaction at 60 min (goal 3h) → met.
    // Resolution goal in effect now: p2 8h; 120 elapsed at 11:00; due Mon 09:00 + 8h = 17:00
    name: 'barier: a priority change stops the reaction clock and sets the resolution goal',
    line: evaluate('barier', '2026-03-02T11:00', { created: '2026-03-02T09:00', priority: 3, events: [priority('2026-03-02T10:00', 2)] }),
    check: (o) => {
      expectClock(o.reaction, { state: 'met', goalMinutes: 180, elapsedMinutes: 60, stoppedAt: '2026-03-02T10:00' });
      expectClock(o.resolution, { state: 'running', goalMinutes: 480, elapsedMinutes: 120, remainingMinutes: 360, due: '2026-03-02T17:00' });
    },
  },
  {
    // barier p3: a customer comment does not stop reaction. now 11:00: 120 of 180, 60 left (33% ≥ 25%) → running, due 12:00
    name: 'barier: a customer comment does not stop the reaction clock',
    line: evaluate('barier', '2026-03-02T11:00', { created: '2026-03-02T09:00', priority: 3, events: [customer('2026-03-02T09:30')] }),
    check: (o) => {
      expectClock(o.reaction, { state: 'running', goalMinutes: 180, elapsedMinutes: 120, remainingMinutes: 60, due: '2026-03-02T12:00', stoppedAt: null });
    },
  },
  {
    // same at 11:30: 30 of 180 left = 16.7% < 25% → atRisk, due 12:00
    name: 'barier: less than 25% of the goal left makes a running clock atRisk',
    line: evaluate('barier', '2026-03-02T11:30', { created: '2026-03-02T09:00', priority: 3, events: [customer('2026-03-02T09:30')] }),
    check: (o) => {
      expectClock(o.reaction, { state: 'atRisk', elapsedMinutes: 150, remainingMinutes: 30, due: '2026-03-02T12:00' });
    },
  },
  {
    // same at 12:00 exactly: elapsed 180 ≥ goal while not stopped → breached; due = the instant the goal was reached
    name: 'barier: a running clock whose elapsed time reaches the goal is breached, due when it was reached',
    line: evaluate('barier', '2026-03-02T12:00', { created: '2026-03-02T09:00', priority: 3, events: [customer('2026-03-02T09:30')] }),
    check: (o) => {
      expectClock(o.reaction, { state: 'breached', elapsedMinutes: 180, due: '2026-03-02T12:00', stoppedAt: null });
    },
  },
  {
    // events after now do not exist: at 09:20 the agent comment (10:00) and Resolved (11:00) have not happened.
    // altec p2: reaction 20 of 30, 10 left (33%) → running, due 09:30; resolution running 20
    name: 'altec: events after now change nothing',
    line: evaluate('altec', '2026-03-02T09:20', {
      created: '2026-03-02T09:00', priority: 2, events: [agent('2026-03-02T10:00'), status('2026-03-02T11:00', 'Resolved')],
    }),
    check: (o) => {
      expectClock(o.reaction, { state: 'running', elapsedMinutes: 20, remainingMinutes: 10, due: '2026-03-02T09:30', stoppedAt: null });
      expectClock(o.resolution, { state: 'running', elapsedMinutes: 20, stoppedAt: null });
      expect(o.autoClose).toBeNull();
    },
  },

  // ───────────── resolution: pause, stop, resume ─────────────
  {
    // barier p2 (8h): In Progress 09:30 (reaction met, 30), Waiting for customer 11:00 → paused with 120 spent, 360 left, no due
    name: 'barier: Waiting for customer pauses the resolution clock (no due, remaining shown)',
    line: evaluate('barier', '2026-03-02T15:00', {
      created: '2026-03-02T09:00', priority: 2, events: [status('2026-03-02T09:30', 'In Progress'), status('2026-03-02T11:00', 'Waiting for customer')],
    }),
    check: (o) => {
      expectClock(o.reaction, { state: 'met', elapsedMinutes: 30, stoppedAt: '2026-03-02T09:30' });
      expectClock(o.resolution, { state: 'paused', goalMinutes: 480, elapsedMinutes: 120, remainingMinutes: 360, due: null, pausedSince: '2026-03-02T11:00' });
    },
  },
  {
    // first status change straight to Waiting for customer at 09:40: stops reaction (40 min, met) and pauses resolution at 40
    name: 'barier: going straight to Waiting for customer stops reaction and pauses resolution',
    line: evaluate('barier', '2026-03-02T10:00', { created: '2026-03-02T09:00', priority: 2, events: [status('2026-03-02T09:40', 'Waiting for customer')] }),
    check: (o) => {
      expectClock(o.reaction, { state: 'met', elapsedMinutes: 40, stoppedAt: '2026-03-02T09:40' });
      expectClock(o.resolution, { state: 'paused', elapsedMinutes: 40, remainingMinutes: 440, due: null, pausedSince: '2026-03-02T09:40' });
    },
  },
  {
    // resumed Tue 10:00: Mon 09–11 (2h) + Tue 10–12 (2h) = 240 spent, 240 left (50%) → running, due Tue 12:00 + 4h = 16:00
    name: 'barier: leaving Waiting for customer resumes the resolution clock with the time already spent',
    line: evaluate('barier', '2026-03-03T12:00', {
      created: '2026-03-02T09:00', priority: 2,
      events: [status('2026-03-02T09:30', 'In Progress'), status('2026-03-02T11:00', 'Waiting for customer'), status('2026-03-03T10:00', 'In Progress')],
    }),
    check: (o) => {
      expectClock(o.resolution, { state: 'running', elapsedMinutes: 240, remainingMinutes: 240, due: '2026-03-03T16:00', pausedSince: null });
    },
  },
  {
    // altec p3 (4wd = 36h): Resolved Tue 12:00 → stopped at Mon 9h + Tue 3h = 720 → met.
    // auto-close = Resolved entry + 14 plain days = 2026-03-17 12:00
    name: 'altec: Resolved stops the resolution clock and schedules auto-close 14 days later',
    line: evaluate('altec', '2026-03-04T12:00', {
      created: '2026-03-02T09:00', priority: 3, events: [agent('2026-03-02T09:10'), status('2026-03-03T12:00', 'Resolved')],
    }),
    check: (o) => {
      expectClock(o.reaction, { state: 'met', goalMinutes: 60, elapsedMinutes: 10 });
      expectClock(o.resolution, { state: 'met', goalMinutes: 2160, elapsedMinutes: 720, stoppedAt: '2026-03-03T12:00' });
      expect(o.autoClose).toEqual({ at: msk('2026-03-17T12:00') });
    },
  },
  {
    // reopened Wed 10:00 (customer disagreed): 720 + Wed 10–11 60 = 780; 1380 left = 23h:
    // Wed 11–18 7h, Thu 9h (16h), Fri 2026-03-06 09:00 + 7h = 16:00. Not Resolved any more → no auto-close
    name: 'altec: a reopened request resumes resolution with the time already spent and cancels auto-close',
    line: evaluate('altec', '2026-03-04T11:00', {
      created: '2026-03-02T09:00', priority: 3,
      events: [agent('2026-03-02T09:10'), status('2026-03-03T12:00', 'Resolved'), status('2026-03-04T10:00', 'In Progress')],
    }),
    check: (o) => {
      expectClock(o.resolution, { state: 'running', elapsedMinutes: 780, remainingMinutes: 1380, due: '2026-03-06T16:00', stoppedAt: null });
      expect(o.autoClose).toBeNull();
    },
  },
  {
    // resolved again Wed 15:00: 720 + Wed 10–15 300 = 1020 ≤ 2160 → met; auto-close from the LAST entry: 2026-03-18 15:00
    name: 'altec: auto-close counts from the last time the request entered Resolved',
    line: evaluate('altec', '2026-03-04T16:00', {
      created: '2026-03-02T09:00', priority: 3,
      events: [agent('2026-03-02T09:10'), status('2026-03-03T12:00', 'Resolved'), status('2026-03-04T10:00', 'In Progress'), status('2026-03-04T15:00', 'Resolved')],
    }),
    check: (o) => {
      expectClock(o.resolution, { state: 'met', elapsedMinutes: 1020, stoppedAt: '2026-03-04T15:00' });
      expect(o.autoClose).toEqual({ at: msk('2026-03-18T15:00') });
    },
  },
  {
    // a customer comment after Resolved cancels auto-close. It also opens a follow-up cycle (an agent commented
    // before): reaction goal p3 60m, started Wed 10:00; at Thu 12:00 elapsed Wed 8h + Thu 3h = 660 ≥ 60 → breached,
    // due when 60 were reached = Wed 11:00. The comment does not reopen: resolution stays met at 720
    name: 'altec: a customer comment after Resolved cancels auto-close and starts a follow-up cycle',
    line: evaluate('altec', '2026-03-05T12:00', {
      created: '2026-03-02T09:00', priority: 3,
      events: [agent('2026-03-02T09:10'), status('2026-03-03T12:00', 'Resolved'), customer('2026-03-04T10:00')],
    }),
    check: (o) => {
      expect(o.autoClose).toBeNull();
      expectClock(o.resolution, { state: 'met', elapsedMinutes: 720 });
      expectClock(o.followUp, { state: 'breached', goalMinutes: 60, elapsedMinutes: 660, startedAt: '2026-03-04T10:00', due: '2026-03-04T11:00', stoppedAt: null });
    },
  },
  {
    // a customer comment BEFORE entering Resolved does not cancel: auto-close at Tue 12:00 + 14 days
    name: 'altec: a customer comment before Resolved does not cancel auto-close',
    line: evaluate('altec', '2026-03-03T13:00', {
      created: '2026-03-02T09:00', priority: 3,
      events: [agent('2026-03-02T09:10'), customer('2026-03-03T11:00'), status('2026-03-03T12:00', 'Resolved')],
    }),
    check: (o) => {
      expect(o.autoClose).toEqual({ at: msk('2026-03-17T12:00') });
    },
  },
  {
    // barier auto-close is 24 plain hours: Resolved Fri 17:00 → Sat 2026-03-07 17:00 (weekend does not matter).
    // Resolution p1 4h: Mon–Thu 4×9h + Fri 8h = 44h = 2640 > 240 → breached (stopped), goal reached Mon 13:00
    name: 'barier: auto-close is 24 plain hours after Resolved; a late stop is breached',
    line: evaluate('barier', '2026-03-06T18:00', {
      created: '2026-03-02T09:00', priority: 1, events: [agent('2026-03-02T09:05'), status('2026-03-06T17:00', 'Resolved')],
    }),
    check: (o) => {
      expect(o.autoClose).toEqual({ at: msk('2026-03-07T17:00') });
      expectClock(o.resolution, { state: 'breached', goalMinutes: 240, elapsedMinutes: 2640, stoppedAt: '2026-03-06T17:00' });
    },
  },
  {
    // stopped with elapsed exactly = goal (4h, Resolved 13:00) → met (met is elapsed ≤ goal)
    name: 'barier: a clock stopped exactly at its goal is met',
    line: evaluate('barier', '2026-03-02T14:00', {
      created: '2026-03-02T09:00', priority: 1, events: [agent('2026-03-02T09:05'), status('2026-03-02T13:00', 'Resolved')],
    }),
    check: (o) => {
      expectClock(o.resolution, { state: 'met', elapsedMinutes: 240, stoppedAt: '2026-03-02T13:00' });
    },
  },
  {
    // Closed straight from In Progress stops resolution too (120, met); Closed is not Resolved → no auto-close
    name: 'altec: Closed stops the resolution clock and has no auto-close',
    line: evaluate('altec', '2026-03-02T12:00', {
      created: '2026-03-02T09:00', priority: 2, events: [status('2026-03-02T09:30', 'In Progress'), status('2026-03-02T11:00', 'Closed')],
    }),
    check: (o) => {
      expectClock(o.resolution, { state: 'met', elapsedMinutes: 120, stoppedAt: '2026-03-02T11:00' });
      expect(o.autoClose).toBeNull();
    },
  },
  {
    // agentplus optimal (1wd = 11h): agent 10:00 → reaction met 60; Resolved Mon 12:00 → auto-close 2026-03-16 12:00
    name: 'agentplus: reaction by package, no resolution clock, auto-close 14 days after Resolved',
    line: evaluate('agentplus', '2026-03-03T00:00', {
      created: '2026-03-02T09:00', package: 'optimal', events: [agent('2026-03-02T10:00'), status('2026-03-02T12:00', 'Resolved')],
    }),
    check: (o) => {
      expectClock(o.reaction, { state: 'met', goalMinutes: 660, elapsedMinutes: 60 });
      expect(o.resolution).toBeNull();
      expect(o.autoClose).toEqual({ at: msk('2026-03-16T12:00') });
    },
  },
  {
    // advantshop partner (3h): agent 10:30 → met 30; advantshop has no resolution and no auto-close
    name: 'advantshop: no resolution clock and no auto-close even when Resolved',
    line: evaluate('advantshop', '2026-03-02T12:00', {
      created: '2026-03-02T10:00', package: 'partner', events: [agent('2026-03-02T10:30'), status('2026-03-02T11:00', 'Resolved')],
    }),
    check: (o) => {
      expectClock(o.reaction, { state: 'met', goalMinutes: 180, elapsedMinutes: 30 });
      expect(o.resolution).toBeNull();
      expect(o.autoClose).toBeNull();
    },
  },
  {
    // pass24 high (4h): Resolved 11:00 → met 120. No reaction goal → reaction null, follow-up (reaction goal) null; no auto-close
    name: 'pass24: no reaction or follow-up clock and no auto-close',
    line: evaluate('pass24', '2026-03-02T12:00', {
      created: '2026-03-02T09:00', priority: 'high',
      events: [agent('2026-03-02T09:30'), customer('2026-03-02T10:00'), status('2026-03-02T11:00', 'Resolved')],
    }),
    check: (o) => {
      expect(o.reaction).toBeNull();
      expect(o.followUp).toBeNull();
      expect(o.autoClose).toBeNull();
      expectClock(o.resolution, { state: 'met', goalMinutes: 240, elapsedMinutes: 120, stoppedAt: '2026-03-02T11:00' });
    },
  },
  {
    // pass24 normal "24h,5bd" from Wed 2026-03-04 10:00: 24h = 1440 < 5bd = 45h → due Fri 2026-03-06 16:00
    name: 'pass24: normal priority takes the smaller of 24h and 5bd',
    line: evaluate('pass24', '2026-03-04T11:00', { created: '2026-03-04T10:00', priority: 'normal', events: [] }),
    check: (o) => {
      expectClock(o.resolution, { state: 'running', goalMinutes: 1440, elapsedMinutes: 60, due: '2026-03-06T16:00' });
    },
  },
  {
    // pass24 low "48h,5bd": 5bd = Wed 8 + Thu 9 + Fri 9 + (Mon 9 off) Tue 9 + Wed 9 + Thu 1 = 45h = 2700 < 2880
    // → due Thu 2026-03-12 10:00
    name: 'pass24: low priority takes 5bd when it is shorter than 48h',
    line: evaluate('pass24', '2026-03-04T11:00', { created: '2026-03-04T10:00', priority: 'low', events: [] }),
    check: (o) => {
      expectClock(o.resolution, { state: 'running', goalMinutes: 2700, elapsedMinutes: 60, due: '2026-03-12T10:00' });
    },
  },

  {
    // Resolved → Closed: stays stopped (720, met); not Resolved any more → no auto-close
    name: 'altec: closing a resolved request keeps resolution stopped and drops auto-close',
    line: evaluate('altec', '2026-03-04T12:00', {
      created: '2026-03-02T09:00', priority: 3, events: [agent('2026-03-02T09:10'), status('2026-03-03T12:00', 'Resolved'), status('2026-03-04T10:00', 'Closed')],
    }),
    check: (o) => {
      expectClock(o.resolution, { state: 'met', elapsedMinutes: 720, stoppedAt: '2026-03-03T12:00' });
      expect(o.autoClose).toBeNull();
    },
  },
  {
    // leaving Closed for an open status resumes too: 720 + Wed 10–11 = 780, 1380 left → Fri 2026-03-06 16:00
    name: 'altec: reopening a closed request resumes resolution with the time already spent',
    line: evaluate('altec', '2026-03-04T11:00', {
      created: '2026-03-02T09:00', priority: 3, events: [agent('2026-03-02T09:10'), status('2026-03-03T12:00', 'Closed'), status('2026-03-04T10:00', 'In Progress')],
    }),
    check: (o) => {
      expectClock(o.resolution, { state: 'running', elapsedMinutes: 780, remainingMinutes: 1380, due: '2026-03-06T16:00' });
    },
  },
  {
    // Waiting for customer from 09:10 (10 min spent), then Closed Tue 12:00: stopped at 10, met
    name: 'altec: closing a request while waiting for the customer stops resolution with the time spent before the wait',
    line: evaluate('altec', '2026-03-04T12:00', {
      created: '2026-03-02T09:00', priority: 3, events: [status('2026-03-02T09:10', 'Waiting for customer'), status('2026-03-03T12:00', 'Closed')],
    }),
    check: (o) => {
      expectClock(o.resolution, { state: 'met', elapsedMinutes: 10, stoppedAt: '2026-03-03T12:00' });
    },
  },
  {
    // an agent comment after Resolved does not cancel auto-close: Mon 10:00 + 14 days
    name: 'altec: an agent comment after Resolved keeps the auto-close',
    line: evaluate('altec', '2026-03-02T12:00', {
      created: '2026-03-02T09:00', priority: 3, events: [agent('2026-03-02T09:10'), status('2026-03-02T10:00', 'Resolved'), agent('2026-03-02T11:00')],
    }),
    check: (o) => {
      expect(o.autoClose).toEqual({ at: msk('2026-03-16T10:00') });
    },
  },
  {
    // barier p2, 420 of 480 spent (Mon 09–16), then Waiting for customer: 60 left = 12.5 % but a paused clock is paused
    name: 'barier: a paused clock with little time left is paused, not atRisk',
    line: evaluate('barier', '2026-03-02T17:00', {
      created: '2026-03-02T09:00', priority: 2, events: [agent('2026-03-02T09:10'), status('2026-03-02T16:00', 'Waiting for customer')],
    }),
    check: (o) => {
      expectClock(o.resolution, { state: 'paused', elapsedMinutes: 420, remainingMinutes: 60, due: null, pausedSince: '2026-03-02T16:00' });
    },
  },
  {
    // an event at exactly now has happened: the agent comment at 15:00 stops reaction at 360 > 180 → breached, stopped
    name: 'barier: an event at exactly now counts',
    line: evaluate('barier', '2026-03-02T15:00', { created: '2026-03-02T09:00', priority: 2, events: [agent('2026-03-02T15:00')] }),
    check: (o) => {
      expectClock(o.reaction, { state: 'breached', elapsedMinutes: 360, stoppedAt: '2026-03-02T15:00' });
    },
  },
  {
    // only a status change stopped reaction; no agent has commented, so a customer comment opens no follow-up
    name: 'barier: without an agent comment a customer message opens no follow-up even after a status change',
    line: evaluate('barier', '2026-03-02T15:00', {
      created: '2026-03-02T09:00', priority: 2, events: [status('2026-03-02T09:30', 'In Progress'), customer('2026-03-02T10:00')],
    }),
    check: (o) => {
      expect(o.followUp).toBeNull();
    },
  },
  {
    // a priority change while Resolved does not re-judge the stopped clock: still met against p3's 36h
    name: 'altec: a stopped clock is judged against the goal in effect when it stopped',
    line: evaluate('altec', '2026-03-04T12:00', {
      created: '2026-03-02T09:00', priority: 3, events: [agent('2026-03-02T09:10'), status('2026-03-03T12:00', 'Resolved'), priority('2026-03-04T10:00', 1)],
    }),
    check: (o) => {
      expectClock(o.resolution, { state: 'met', goalMinutes: 2160, elapsedMinutes: 720 });
    },
  },
  {
    // …and reopened at Wed 11:00 it runs against the goal in effect now (p1 4h): 720 + 60 = 780 ≥ 240 → breached,
    // the 4h were reached Mon 13:00
    name: 'altec: a reopened clock is judged against the goal in effect now',
    line: evaluate('altec', '2026-03-04T12:00', {
      created: '2026-03-02T09:00', priority: 3,
      events: [agent('2026-03-02T09:10'), status('2026-03-03T12:00', 'Resolved'), priority('2026-03-04T10:00', 1), status('2026-03-04T11:00', 'In Progress')],
    }),
    check: (o) => {
      expectClock(o.resolution, { state: 'breached', goalMinutes: 240, elapsedMinutes: 780, due: '2026-03-02T13:00', stoppedAt: null });
    },
  },

  // ───────────── goal in effect ─────────────
  {
    // altec p3 → p1 at 11:00 (agent 09:10 stopped reaction: 10 min against p3's 60m).
    // Resolution now judged against p1 4h with the time spent: at 12:15 195 elapsed, 45 left (18.75%) → atRisk, due 13:00
    name: 'altec: raising the priority keeps the time spent and recomputes the due instant',
    line: evaluate('altec', '2026-03-02T12:15', {
      created: '2026-03-02T09:00', priority: 3, events: [agent('2026-03-02T09:10'), priority('2026-03-02T11:00', 1)],
    }),
    check: (o) => {
      expectClock(o.reaction, { state: 'met', goalMinutes: 60, elapsedMinutes: 10 });
      expectClock(o.resolution, { state: 'atRisk', goalMinutes: 240, elapsedMinutes: 195, remainingMinutes: 45, due: '2026-03-02T13:00' });
    },
  },
  {
    // altec p1 → p4 at Mon 12:00 (before the 4h goal was reached). Goal now 9wd = 81h = 4860; at Tue 12:00
    // elapsed Mon 9h + Tue 3h = 720, left 4140 = 69h: Tue 6h, Wed 9 (15), Thu 9 (24), Fri 9 (33), Mon 9 off,
    // Tue 10 (42), Wed 11 (51), Thu 12 (60), Fri 13 (69) → 2026-03-13 18:00 (closing time)
    name: 'altec: lowering the priority keeps the time spent and moves the due instant later',
    line: evaluate('altec', '2026-03-03T12:00', {
      created: '2026-03-02T09:00', priority: 1, events: [agent('2026-03-02T09:10'), priority('2026-03-02T12:00', 4)],
    }),
    check: (o) => {
      expectClock(o.resolution, { state: 'running', goalMinutes: 4860, elapsedMinutes: 720, remainingMinutes: 4140, due: '2026-03-13T18:00' });
    },
  },
  {
    // agentplus basic (2wd) → extended (240m) at 10:00: a package change is not a reaction stop; the goal in effect
    // becomes 240 with 120 spent at 11:00 → running, 120 left, due 13:00
    name: 'agentplus: a package change keeps the reaction time spent and applies the new package goal',
    line: evaluate('agentplus', '2026-03-02T11:00', { created: '2026-03-02T09:00', package: 'basic', events: [pkg('2026-03-02T10:00', 'extended')] }),
    check: (o) => {
      expectClock(o.reaction, { state: 'running', goalMinutes: 240, elapsedMinutes: 120, remainingMinutes: 120, due: '2026-03-02T13:00' });
    },
  },
  {
    // advantshop free (24h) → partner (3h) at 11:00; at 12:00 120 spent, 60 left (33%) → running, due 13:00
    name: 'advantshop: moving a request to another service level recomputes the reaction due instant',
    line: evaluate('advantshop', '2026-03-02T12:00', { created: '2026-03-02T10:00', package: 'free', events: [pkg('2026-03-02T11:00', 'partner')] }),
    check: (o) => {
      expectClock(o.reaction, { state: 'running', goalMinutes: 180, elapsedMinutes: 120, remainingMinutes: 60, due: '2026-03-02T13:00' });
    },
  },
  {
    // same at 14:00: 240 ≥ 180 while running → breached, due when reached (13:00)
    name: 'advantshop: after the move the reaction clock breaches at the new goal',
    line: evaluate('advantshop', '2026-03-02T14:00', { created: '2026-03-02T10:00', package: 'free', events: [pkg('2026-03-02T11:00', 'partner')] }),
    check: (o) => {
      expectClock(o.reaction, { state: 'breached', goalMinutes: 180, elapsedMinutes: 240, due: '2026-03-02T13:00' });
    },
  },

  {
    // created without a priority, support classifies it as 1 at 10:00: reaction stops (60 of 180, met);
    // resolution now judged against p1 4h: at 15:00 360 ≥ 240 → breached, reached 13:00
    name: 'barier: assigning the priority at processing stops reaction and sets the resolution goal',
    line: evaluate('barier', '2026-03-02T15:00', { created: '2026-03-02T09:00', events: [priority('2026-03-02T10:00', 1)] }),
    check: (o) => {
      expectClock(o.reaction, { state: 'met', elapsedMinutes: 60, stoppedAt: '2026-03-02T10:00' });
      expectClock(o.resolution, { state: 'breached', goalMinutes: 240, elapsedMinutes: 360, due: '2026-03-02T13:00' });
    },
  },
  {
    // follow-up uses the reaction goal in effect now: p4 (60m) → p1 (30m) at 14:20 while the cycle from 14:00 runs;
    // at 15:00 60 ≥ 30 → breached, the 30 min were reached at 14:30
    name: 'altec: a running follow-up cycle takes the reaction goal of a new priority',
    line: evaluate('altec', '2026-03-02T15:00', {
      created: '2026-03-02T09:00', priority: 4, events: [agent('2026-03-02T09:10'), customer('2026-03-02T14:00'), priority('2026-03-02T14:20', 1)],
    }),
    check: (o) => {
      expectClock(o.followUp, { state: 'breached', goalMinutes: 30, elapsedMinutes: 60, due: '2026-03-02T14:30', startedAt: '2026-03-02T14:00' });
    },
  },
  {
    // Resolved 10:00, the customer writes 11:00 (auto-close cancelled), an agent answers 12:00: still cancelled —
    // the customer has commented since the request last entered Resolved
    name: 'barier: an agent answer after the customer\'s comment does not bring auto-close back',
    line: evaluate('barier', '2026-03-02T15:00', {
      created: '2026-03-02T09:00', priority: 3,
      events: [agent('2026-03-02T09:10'), status('2026-03-02T10:00', 'Resolved'), customer('2026-03-02T11:00'), agent('2026-03-02T12:00')],
    }),
    check: (o) => {
      expect(o.autoClose).toBeNull();
      expectClock(o.followUp, { state: 'met', elapsedMinutes: 60, stoppedAt: '2026-03-02T12:00' });
    },
  },

  // ───────────── arrival times per template ─────────────
  {
    // barier p2 created Tue 2025-12-30 16:00: reaction 3h: 2h Dec 30 (not short); Dec 31 – Jan 11 off; Mon 2026-01-12 09:00 + 1h = 10:00.
    // Resolution 8h: 2h + 6h → 2026-01-12 15:00. At 2026-01-05 12:00 (holiday): 120 elapsed, 60 left (33%) → running
    name: 'barier: a request before the New Year holidays waits until 12 January',
    line: evaluate('barier', '2026-01-05T12:00', { created: '2025-12-30T16:00', priority: 2, events: [] }),
    check: (o) => {
      expectClock(o.reaction, { state: 'running', elapsedMinutes: 120, remainingMinutes: 60, due: '2026-01-12T10:00' });
      expectClock(o.resolution, { state: 'running', goalMinutes: 480, elapsedMinutes: 120, due: '2026-01-12T15:00' });
    },
  },
  {
    // altec p1 Fri 2024-11-01 17:30: reaction 30m → due 18:00 (closing time); resolution 4h: 0.5h Fri,
    // working Saturday 2024-11-02 09:00 + 3.5h = 12:30
    name: 'altec: Friday evening before the working Saturday 2024-11-02',
    line: evaluate('altec', '2024-11-01T17:45', { created: '2024-11-01T17:30', priority: 1, events: [] }),
    check: (o) => {
      expectClock(o.reaction, { state: 'running', elapsedMinutes: 15, remainingMinutes: 15, due: '2024-11-01T18:00' });
      expectClock(o.resolution, { state: 'running', elapsedMinutes: 15, due: '2024-11-02T12:30' });
    },
  },
  {
    // barier p1 on short Thu 2026-06-11 15:30 (closes 17:00): 1.5h; Fri 06-12 off; Mon 06-15:
    // reaction 3h → 09:00 + 1.5h = 10:30; resolution 4h → 09:00 + 2.5h = 11:30
    name: 'barier: a request on the short day before Russia day',
    line: evaluate('barier', '2026-06-11T16:00', { created: '2026-06-11T15:30', priority: 1, events: [] }),
    check: (o) => {
      expectClock(o.reaction, { state: 'running', elapsedMinutes: 30, due: '2026-06-15T10:30' });
      expectClock(o.resolution, { state: 'running', elapsedMinutes: 30, due: '2026-06-15T11:30' });
    },
  },
  {
    // agentplus extended at night Tue 02:00: nothing counts until 07:00 → 0 elapsed; due 07:00 + 4h = 11:00
    name: 'agentplus: a request at night counts from 07:00',
    line: evaluate('agentplus', '2026-03-03T03:00', { created: '2026-03-03T02:00', package: 'extended', events: [] }),
    check: (o) => {
      expectClock(o.reaction, { state: 'running', goalMinutes: 240, elapsedMinutes: 0, remainingMinutes: 240, due: '2026-03-03T11:00' });
    },
  },
  {
    // advantshop partner on Sun 2026-03-08 17:00: 1h Sun (09–18); Mon 03-09 holiday hours 09:00 + 2h = 11:00
    name: 'advantshop: a Sunday evening request continues on the holiday Monday 09:00',
    line: evaluate('advantshop', '2026-03-08T17:30', { created: '2026-03-08T17:00', package: 'partner', events: [] }),
    check: (o) => {
      expectClock(o.reaction, { state: 'running', elapsedMinutes: 30, due: '2026-03-09T11:00' });
    },
  },

  // ───────────── follow-up ─────────────
  {
    // agentplus extended: agent 09:30; customer 11:00 opens cycle 1; agent 12:00 stops it (60, met);
    // customer 14:00 opens cycle 2; customer 15:00 does not open another. At 16:00 the latest cycle:
    // started 14:00, 120 elapsed, 120 left, due 18:00
    name: 'agentplus: the follow-up clock shows the latest cycle; a second customer message does not restart it',
    line: evaluate('agentplus', '2026-03-02T16:00', {
      created: '2026-03-02T09:00', package: 'extended',
      events: [agent('2026-03-02T09:30'), customer('2026-03-02T11:00'), agent('2026-03-02T12:00'), customer('2026-03-02T14:00'), customer('2026-03-02T15:00')],
    }),
    check: (o) => {
      expectClock(o.reaction, { state: 'met', elapsedMinutes: 30 });
      expectClock(o.followUp, { state: 'running', goalMinutes: 240, startedAt: '2026-03-02T14:00', elapsedMinutes: 120, remainingMinutes: 120, due: '2026-03-02T18:00', stoppedAt: null });
    },
  },
  {
    // stopped cycle: customer 11:00, agent 12:00 → latest cycle met with 60
    name: 'barier: the next agent comment stops the follow-up cycle',
    line: evaluate('barier', '2026-03-02T16:00', {
      created: '2026-03-02T09:00', priority: 3, events: [agent('2026-03-02T09:30'), customer('2026-03-02T11:00'), agent('2026-03-02T12:00')],
    }),
    check: (o) => {
      expectClock(o.followUp, { state: 'met', goalMinutes: 180, elapsedMinutes: 60, startedAt: '2026-03-02T11:00', stoppedAt: '2026-03-02T12:00' });
    },
  },
  {
    // a customer comment before any agent comment is not a follow-up: no cycle
    name: 'barier: a customer message before any agent comment starts no follow-up',
    line: evaluate('barier', '2026-03-02T11:00', {
      created: '2026-03-02T09:00', priority: 3, events: [customer('2026-03-02T09:30'), agent('2026-03-02T10:00')],
    }),
    check: (o) => {
      expect(o.followUp).toBeNull();
    },
  },
];

// a priority id given as a number or as its string form is the same id (issue 3)
const SAME_ID_A = evaluate('barier', '2026-03-02T11:00', {
  created: '2026-03-02T09:00', priority: 1, events: [agent('2026-03-02T09:10'), priority('2026-03-02T10:00', 2)],
});
const SAME_ID_B = evaluate('barier', '2026-03-02T11:00', {
  created: '2026-03-02T09:00', priority: '1', events: [agent('2026-03-02T09:10'), priority('2026-03-02T10:00', '2')],
});

// the same history given out of order: clocks derive from the instants, not from the array order
const SORTED_EVENTS = [agent('2026-03-02T09:10'), status('2026-03-03T12:00', 'Resolved'), status('2026-03-04T10:00', 'In Progress')];
const IN_ORDER = evaluate('altec', '2026-03-04T11:00', { created: '2026-03-02T09:00', priority: 3, events: SORTED_EVENTS });
const SHUFFLED = evaluate('altec', '2026-03-04T11:00', { created: '2026-03-02T09:00', priority: 3, events: [SORTED_EVENTS[2]!, SORTED_EVENTS[0]!, SORTED_EVENTS[1]!] });

const ALL = [...CASES.map((c) => c.line), SAME_ID_A, SAME_ID_B, IN_ORDER, SHUFFLED];
let outputs: JsonObject[] = [];
let lineCount = 0;

beforeAll(() => {
  const { result, outputs: o } = runBatch(ALL);
  if (result.status !== 0) throw new Error(`sla batch exited ${String(result.status)}: ${result.stderr}`);
  outputs = o;
  lineCount = result.lines.length;
});

function instantsIn(v: unknown, acc: string[] = []): string[] {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) acc.push(v);
  else if (Array.isArray(v)) v.forEach((x) => instantsIn(x, acc));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => instantsIn(x, acc));
  return acc;
}

describe('sla batch op "evaluate" (one process)', () => {
  it('answers every request with one line holding reaction, resolution, followUp and autoClose', () => {
    expect(lineCount).toBe(ALL.length);
    for (const o of outputs) {
      expect(o.error).toBeUndefined();
      expect(Object.keys(o)).toEqual(expect.arrayContaining(['reaction', 'resolution', 'followUp', 'autoClose']));
    }
  });

  it('prints every instant as ISO-8601 with seconds and +03:00', () => {
    const all = outputs.flatMap((o) => instantsIn(o));
    expect(all.length).toBeGreaterThan(50);
    for (const s of all) expect(s).toMatch(ISO_WITH_SECONDS_MSK);
  });

  CASES.forEach((c, i) => {
    it(c.name, () => {
      c.check(outputs[i]! as unknown as ClockSet);
    });
  });

  it('treats priority 1 and "1" (and a change to 2 or "2") as the same ids', () => {
    const a = outputs[CASES.length]! as unknown as ClockSet;
    const b = outputs[CASES.length + 1]! as unknown as ClockSet;
    // reaction stopped by the agent at 09:10 (10 min); resolution judged against p2 8h: 120 spent at 11:00, due 17:00
    expectClock(a.resolution, { state: 'running', goalMinutes: 480, elapsedMinutes: 120, due: '2026-03-02T17:00' });
    expect(b).toEqual(a);
  });

  it('gives the same clocks when the events are listed out of order', () => {
    const a = outputs[CASES.length + 2]! as unknown as ClockSet;
    const b = outputs[CASES.length + 3]! as unknown as ClockSet;
    // reopened: 780 spent, due Fri 2026-03-06 16:00 (see the reopen case above)
    expectClock(a.resolution, { state: 'running', elapsedMinutes: 780, due: '2026-03-06T16:00' });
    expect(b).toEqual(a);
  });
});

describe('sla evaluate command', () => {
  // one process for all of these; barier unless noted, now Mon 2026-03-02 15:00
  type Full = ClockSet & { nextCheckAt?: string | null; warnings?: string[] };
  let lines: Full[] = [];
  let exitStatus: number | null = null;

  beforeAll(() => {
    const reqs = {
      requests: [
        // 0 — p3 created 13:00: reaction 180; 120 spent at 15:00, 60 left (33 %) → running, due 16:00.
        //     It turns atRisk once less than 45 min are left, after 15:15; resolution (2700) much later → nextCheckAt 15:15
        issue({ created: '2026-03-02T13:00', priority: 3, events: [] }),
        // 1 — reaction stopped, resolution paused, no follow-up, no auto-close: nothing changes by time alone
        issue({ created: '2026-03-02T09:00', priority: 2, events: [status('2026-03-02T09:30', 'In Progress'), status('2026-03-02T11:00', 'Waiting for customer')] }),
        // 2 — p1 Resolved at 13:00 (240, met): only the auto-close at Tue 13:00 (24 h) is left
        issue({ created: '2026-03-02T09:00', priority: 1, events: [agent('2026-03-02T09:05'), status('2026-03-02T13:00', 'Resolved')] }),
        // 3 — p1 created 14:00, agent 14:10 stops reaction; resolution 4h: 60 spent at 15:00, due 18:00
        issue({ created: '2026-03-02T14:00', priority: 1, events: [agent('2026-03-02T14:10')] }),
        // 4 — created in 2022: outside the shipped production calendar → a warning naming 2022
        issue({ created: '2022-12-28T10:00', priority: 1, events: [] }),
      ],
    };
    const r = runSla(['evaluate', '--template', 'barier', '--now', msk('2026-03-02T15:00')], JSON.stringify(reqs));
    exitStatus = r.status;
    lines = r.lines.map((l) => JSON.parse(l) as Full);
  });

  it('reads {"requests": […]} on stdin and prints one line per request, in order', () => {
    expect(exitStatus).toBe(0);
    expect(lines).toHaveLength(5);
    expectClock(lines[0]!.reaction, { state: 'running', elapsedMinutes: 120, remainingMinutes: 60, due: '2026-03-02T16:00' });
    expectClock(lines[1]!.resolution, { state: 'paused', elapsedMinutes: 120 });
    expectClock(lines[2]!.resolution, { state: 'met', elapsedMinutes: 240 });
  });

  it('gives nextCheckAt as the instant a running clock turns atRisk', () => {
    expect(lines[0]!.nextCheckAt).toBe(msk('2026-03-02T15:15'));
  });

  it('gives no nextCheckAt when every clock is stopped or paused', () => {
    expect(lines[1]!.nextCheckAt ?? null).toBeNull();
  });

  it('gives the auto-close instant as nextCheckAt for a resolved request', () => {
    expect(lines[2]!.autoClose).toEqual({ at: msk('2026-03-03T13:00') });
    expect(lines[2]!.nextCheckAt).toBe(msk('2026-03-03T13:00'));
  });

  it('gives the at-risk instant of the resolution clock when reaction is already stopped', () => {
    // p1 resolution 240 from 14:00: due 18:00; atRisk once less than 60 are left, after 180 spent = 17:00
    expectClock(lines[3]!.resolution, { state: 'running', elapsedMinutes: 60, due: '2026-03-02T18:00' });
    expect(lines[3]!.nextCheckAt).toBe(msk('2026-03-02T17:00'));
  });

  it('warns about a request outside the shipped production calendar years', () => {
    expect((lines[4]!.warnings ?? []).join(' ')).toMatch(/2022/);
  });
});
