// Acceptance tests of `sla report` (issue 7), written from the issue text and DOMAIN.md only.
// Every request's clocks are worked out by hand below; the report must aggregate exactly those:
// metPercent = met ÷ (met + breached) × 100; median and p90 over the elapsed minutes of STOPPED
// clocks only; followUp counts every cycle. Data sets are chosen so that any usual percentile
// definition (nearest rank, linear interpolation) gives the same median and p90.

import { type JsonObject, msk, runSla } from './run-cli';

interface Stat {
  met: number;
  breached: number;
  running: number;
  atRisk: number;
  paused: number;
  metPercent: number | null;
  medianMinutes: number | null;
  p90Minutes: number | null;
}
interface Group {
  reaction: Stat | null;
  resolution: Stat | null;
  followUp: Stat | null;
}
interface Report {
  clocks: Group;
  byPackage: Record<string, Group | { clocks: Group }>;
  byPriority: Record<string, Group | { clocks: Group }>;
}

const ev = {
  agent: (w: string) => ({ at: msk(w), type: 'comment', by: 'agent' }),
  customer: (w: string) => ({ at: msk(w), type: 'comment', by: 'customer' }),
  status: (w: string, to: string) => ({ at: msk(w), type: 'status', to }),
};

/** a group may be the clocks directly or wrap them in {clocks} ("the same shape per group") */
function clocksOf(g: Group | { clocks: Group } | undefined): Group {
  expect(g).toBeDefined();
  return 'clocks' in (g as object) ? (g as { clocks: Group }).clocks : (g as Group);
}

function counts(s: Stat | null): Pick<Stat, 'met' | 'breached' | 'running' | 'atRisk' | 'paused'> {
  expect(s).not.toBeNull();
  const { met, breached, running, atRisk, paused } = s!;
  return { met, breached, running, atRisk, paused };
}

// ─────────────── barier, now Wed 2026-03-04 12:00; all created Mon 2026-03-02 09:00 ───────────────
// barier: reaction 3h (180) for all; resolution p1 4h (240), p2 8h (480); Mon–Wed ordinary 09–18 days.
// Working time Mon 09:00 → Wed 12:00 = 9 + 9 + 3 = 21h = 1260.
const BARIER_NOW = msk('2026-03-04T12:00');
const BARIER: JsonObject[] = [
  // R1 p1: agent 12:30 → reaction 210 > 180 breached (stopped); Resolved 13:00 → resolution 240 = goal → met
  { key: 'B-1', created: msk('2026-03-02T09:00'), priority: 1, events: [ev.agent('2026-03-02T12:30'), ev.status('2026-03-02T13:00', 'Resolved')] },
  // R2 p2: agent 12:30 → reaction 210 breached; customer 12:40 opens follow-up, agent 12:50 stops it (10, met);
  //        Resolved 13:00 → resolution 240 ≤ 480 met
  {
    key: 'B-2', created: msk('2026-03-02T09:00'), priority: 2,
    events: [ev.agent('2026-03-02T12:30'), ev.customer('2026-03-02T12:40'), ev.agent('2026-03-02T12:50'), ev.status('2026-03-02T13:00', 'Resolved')],
  },
  // R3 p2: In Progress 09:30 → reaction 30 met; Waiting for customer 11:00 → resolution paused (120)
  { key: 'B-3', created: msk('2026-03-02T09:00'), priority: 2, events: [ev.status('2026-03-02T09:30', 'In Progress'), ev.status('2026-03-02T11:00', 'Waiting for customer')] },
  // R4 p2: agent 09:30 → reaction 30 met; follow-up A: customer Mon 10:00 → agent 11:00 (60, met);
  //        follow-up B: customer Mon 14:00 → agent Tue 09:00 (Mon 14–18 = 240 > 180, breached);
  //        resolution running 1260 ≥ 480 → breached (not stopped)
  {
    key: 'B-4', created: msk('2026-03-02T09:00'), priority: 2,
    events: [ev.agent('2026-03-02T09:30'), ev.customer('2026-03-02T10:00'), ev.agent('2026-03-02T11:00'), ev.customer('2026-03-02T14:00'), ev.agent('2026-03-03T09:00')],
  },
  // R5 p1: agent 09:30 → reaction 30 met; follow-up 1: customer Mon 10:00 → agent 11:00 (60, met);
  //        follow-up 2: customer Tue 09:00 → agent Tue 13:00 (240, breached);
  //        follow-up 3: customer Wed 10:00, open: 120 of 180, 60 left (33%) → running;
  //        resolution running 1260 ≥ 240 → breached (not stopped)
  {
    key: 'B-5', created: msk('2026-03-02T09:00'), priority: 1,
    events: [
      ev.agent('2026-03-02T09:30'), ev.customer('2026-03-02T10:00'), ev.agent('2026-03-02T11:00'),
      ev.customer('2026-03-03T09:00'), ev.agent('2026-03-03T13:00'), ev.customer('2026-03-04T10:00'),
    ],
  },
];
// Totals:
//   reaction:   met R3 R4 R5 (30, 30, 30), breached R1 R2 (210, 210, stopped) → 3/5 = 60 %;
//               stopped [30, 30, 30, 210, 210] → median 30, p90 210
//   resolution: met R1 R2 (240, 240), breached R4 R5 (running, excluded from percentiles), paused R3 → 2/4 = 50 %;
//               stopped [240, 240] → median 240, p90 240 (including the running 1260s would change p90)
//   followUp:   cycles met 10 (R2), 60 (R4 A), 60 (R5 1); breached 240 (R4 B), 240 (R5 2); running R5 3
//               → 3/5 = 60 %; stopped [10, 60, 60, 240, 240] → median 60, p90 240
// byPriority "1" = R1, R5: reaction met 1 breached 1 → 50 %; resolution met 1 (R1), breached 1 (R5) → 50 %
// byPriority "2" = R2, R3, R4: reaction met 2 breached 1 → 66.67 %; resolution met 1, breached 1, paused 1 → 50 %

// ─────────────── agentplus, now Wed 2026-03-04 12:00 ───────────────
// reaction by package: extended 240m, optimal 1wd = 11h = 660, basic 2wd = 22h = 1320; 07:00–18:00
const AGENTPLUS_NOW = msk('2026-03-04T12:00');
const AGENTPLUS: JsonObject[] = [
  // Q1 extended: agent Mon 10:00 → 60 met
  { key: 'A-1', created: msk('2026-03-02T09:00'), package: 'extended', events: [ev.agent('2026-03-02T10:00')] },
  // Q2 extended: agent Mon 14:00 → 300 > 240 breached (stopped)
  { key: 'A-2', created: msk('2026-03-02T09:00'), package: 'extended', events: [ev.agent('2026-03-02T14:00')] },
  // Q3 extended: same as Q2 → 300 breached (stopped)
  { key: 'A-3', created: msk('2026-03-02T09:00'), package: 'extended', events: [ev.agent('2026-03-02T14:00')] },
  // Q4 optimal: agent Mon 12:00 → 180 met
  { key: 'A-4', created: msk('2026-03-02T09:00'), package: 'optimal', events: [ev.agent('2026-03-02T12:00')] },
  // Q5 optimal: same → 180 met
  { key: 'A-5', created: msk('2026-03-02T09:00'), package: 'optimal', events: [ev.agent('2026-03-02T12:00')] },
  // Q6 optimal: nobody answered: Mon 09–18 9h + Tue 11h + Wed 07–12 5h = 25h = 1500 ≥ 660 → breached (running)
  { key: 'A-6', created: msk('2026-03-02T09:00'), package: 'optimal', events: [] },
  // Q7 basic: created Wed 07:00: 300 of 1320 → running
  { key: 'A-7', created: msk('2026-03-04T07:00'), package: 'basic', events: [] },
];
// reaction totals: met Q1 Q4 Q5, breached Q2 Q3 Q6 → 50 %; stopped [60, 180, 180, 300, 300] → median 180, p90 300; running 1 (Q7)
// byPackage extended: met 1, breached 2 → 33.33 %; stopped [60, 300, 300] → median 300, p90 300
// byPackage optimal:  met 2, breached 1 (running) → 66.67 %; stopped [180, 180] → median 180, p90 180
// byPackage basic:    running 1

let barier: Report;
let agentplus: Report;

beforeAll(() => {
  const a = runSla(['report', '--template', 'barier', '--now', BARIER_NOW], BARIER.map((r) => JSON.stringify(r)).join('\n') + '\n');
  if (a.status !== 0) throw new Error(`sla report exited ${String(a.status)}: ${a.stderr}`);
  barier = JSON.parse(a.stdout) as Report;
  const b = runSla(['report', '--template', 'agentplus', '--now', AGENTPLUS_NOW, '--format', 'json'], AGENTPLUS.map((r) => JSON.stringify(r)).join('\n') + '\n');
  if (b.status !== 0) throw new Error(`sla report exited ${String(b.status)}: ${b.stderr}`);
  agentplus = JSON.parse(b.stdout) as Report;
});

describe('sla report (barier: reaction, resolution, follow-up, by priority)', () => {
  it('counts reaction clocks by state and reports 60 % met', () => {
    expect(counts(barier.clocks.reaction)).toEqual({ met: 3, breached: 2, running: 0, atRisk: 0, paused: 0 });
    expect(barier.clocks.reaction!.metPercent).toBeCloseTo(60, 6);
  });

  it('takes the reaction median and p90 over the stopped clocks', () => {
    expect(barier.clocks.reaction!.medianMinutes).toBe(30);
    expect(barier.clocks.reaction!.p90Minutes).toBe(210);
  });

  it('counts a paused resolution clock as paused and running breached clocks as breached', () => {
    expect(counts(barier.clocks.resolution)).toEqual({ met: 2, breached: 2, running: 0, atRisk: 0, paused: 1 });
    expect(barier.clocks.resolution!.metPercent).toBeCloseTo(50, 6);
  });

  it('leaves clocks that have not stopped out of the resolution median and p90', () => {
    expect(barier.clocks.resolution!.medianMinutes).toBe(240);
    expect(barier.clocks.resolution!.p90Minutes).toBe(240);
  });

  it('counts every follow-up cycle, not only the latest one per request', () => {
    expect(counts(barier.clocks.followUp)).toEqual({ met: 3, breached: 2, running: 1, atRisk: 0, paused: 0 });
    expect(barier.clocks.followUp!.metPercent).toBeCloseTo(60, 6);
    expect(barier.clocks.followUp!.medianMinutes).toBe(60);
    expect(barier.clocks.followUp!.p90Minutes).toBe(240);
  });

  it('groups by priority with the same numbers per group', () => {
    const p1 = clocksOf(barier.byPriority['1']);
    const p2 = clocksOf(barier.byPriority['2']);
    expect(counts(p1.reaction)).toEqual({ met: 1, breached: 1, running: 0, atRisk: 0, paused: 0 });
    expect(p1.reaction!.metPercent).toBeCloseTo(50, 6);
    expect(counts(p1.resolution)).toEqual({ met: 1, breached: 1, running: 0, atRisk: 0, paused: 0 });
    expect(counts(p2.reaction)).toEqual({ met: 2, breached: 1, running: 0, atRisk: 0, paused: 0 });
    expect(p2.reaction!.metPercent).toBeCloseTo(200 / 3, 0);
    expect(counts(p2.resolution)).toEqual({ met: 1, breached: 1, running: 0, atRisk: 0, paused: 1 });
    expect(p2.resolution!.metPercent).toBeCloseTo(50, 6);
    // R1 (p1) resolution 240 is its only stopped resolution clock
    expect(p1.resolution!.medianMinutes).toBe(240);
    expect(Object.keys(barier.byPriority).sort()).toEqual(['1', '2']);
  });
});

describe('sla report (agentplus: by package)', () => {
  it('aggregates reaction clocks over all packages', () => {
    expect(counts(agentplus.clocks.reaction)).toEqual({ met: 3, breached: 3, running: 1, atRisk: 0, paused: 0 });
    expect(agentplus.clocks.reaction!.metPercent).toBeCloseTo(50, 6);
    expect(agentplus.clocks.reaction!.medianMinutes).toBe(180);
    expect(agentplus.clocks.reaction!.p90Minutes).toBe(300);
  });

  it('groups by package with the same shape', () => {
    const ext = clocksOf(agentplus.byPackage.extended);
    const opt = clocksOf(agentplus.byPackage.optimal);
    const basic = clocksOf(agentplus.byPackage.basic);
    expect(counts(ext.reaction)).toEqual({ met: 1, breached: 2, running: 0, atRisk: 0, paused: 0 });
    expect(ext.reaction!.metPercent).toBeCloseTo(100 / 3, 0);
    expect(ext.reaction!.medianMinutes).toBe(300);
    expect(ext.reaction!.p90Minutes).toBe(300);
    expect(counts(opt.reaction)).toEqual({ met: 2, breached: 1, running: 0, atRisk: 0, paused: 0 });
    expect(opt.reaction!.metPercent).toBeCloseTo(200 / 3, 0);
    // Q6's 1500 running minutes must not enter the percentiles
    expect(opt.reaction!.medianMinutes).toBe(180);
    expect(opt.reaction!.p90Minutes).toBe(180);
    expect(counts(basic.reaction)).toEqual({ met: 0, breached: 0, running: 1, atRisk: 0, paused: 0 });
    expect(Object.keys(agentplus.byPackage).sort()).toEqual(['basic', 'extended', 'optimal']);
  });
});
