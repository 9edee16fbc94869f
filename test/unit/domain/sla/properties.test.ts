// Properties of the clocks over random histories on every template: recomputation is deterministic
// (also when the history is listed in another order), adding a customer-wait pause never brings a
// due instant earlier, events after `now` change nothing, and nothing changes by time alone
// before `nextCheckAt`.

import fc from 'fast-check';
import { slaConfigSchema } from '../../../../src/config';
import { computeClocks, type ClockSet, type SlaConfig, type SlaEvent, type SlaRequest } from '../../../../src/domain/sla';
import { TEMPLATE_IDS, TEMPLATES, type TemplateId } from '../../../../src/domain/templates';

const MIN = 60_000;
const FROM = Date.parse('2026-01-01T00:00:00+03:00');
const TO = Date.parse('2027-10-01T00:00:00+03:00');
const STATUSES = ['Open', 'In Progress', 'Waiting for customer', 'Resolved', 'Closed'];

function idsOf(cfg: SlaConfig): { packages: string[]; priorities: string[] } {
  return { packages: cfg.packages.map((p) => p.id), priorities: cfg.priorities.map((p) => p.id) };
}

type Kind = 'status' | 'agent' | 'customer' | 'priority' | 'package';

interface RawEvent {
  offsetMin: number;
  kind: Kind;
  pick: number;
}

function toEvent(cfg: SlaConfig, created: number, e: RawEvent, statuses = STATUSES): SlaEvent {
  const at = created + e.offsetMin * MIN;
  const { packages, priorities } = idsOf(cfg);
  switch (e.kind) {
    case 'status':
      return { at, type: 'status', to: statuses[e.pick % statuses.length]! };
    case 'agent':
    case 'customer':
      return { at, type: 'comment', by: e.kind };
    case 'priority': {
      const list = [...priorities, '9'];
      return { at, type: 'priority', to: list[e.pick % list.length]! };
    }
    case 'package':
      return { at, type: 'package', to: packages[e.pick % packages.length]! };
  }
}

const rawEvent = (kinds: Kind[], maxOffsetMin: number) =>
  fc.record({ offsetMin: fc.integer({ min: 0, max: maxOffsetMin }), kind: fc.constantFrom(...kinds), pick: fc.nat(20) });

const ALL_KINDS: Kind[] = ['status', 'agent', 'customer', 'priority', 'package'];

const scenario = fc.record({
  template: fc.constantFrom(...TEMPLATE_IDS),
  created: fc.integer({ min: FROM, max: TO }),
  firstPriority: fc.nat(10),
  events: fc.uniqueArray(rawEvent(ALL_KINDS, 20 * 24 * 60), { maxLength: 30, selector: (e) => e.offsetMin }),
  nowOffsetMin: fc.integer({ min: 0, max: 25 * 24 * 60 }),
});

function build(s: { template: TemplateId; created: number; firstPriority: number; events: RawEvent[] }, statuses = STATUSES): SlaRequest {
  const cfg = TEMPLATES[s.template];
  const { priorities } = idsOf(cfg);
  return {
    created: s.created,
    priority: priorities.length > 0 ? priorities[s.firstPriority % priorities.length]! : null,
    events: s.events.map((e) => toEvent(cfg, s.created, e, statuses)),
  };
}

function states(set: ClockSet): unknown {
  return {
    reaction: set.reaction?.state ?? null,
    resolution: set.resolution?.state ?? null,
    followUp: set.followUp?.state ?? null,
    followUpCycles: set.followUp?.cycles.length ?? 0,
    autoClose: set.autoClose,
  };
}

const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) };

// Parsed once from JSON: new objects, so nothing cached for TEMPLATES is shared with them.
const FRESH = new Map<TemplateId, SlaConfig>(
  TEMPLATE_IDS.map((id) => [id, slaConfigSchema.parse(JSON.parse(JSON.stringify(TEMPLATES[id])))]),
);

describe('clock properties over random histories', () => {
  it('gives the same clocks when recomputed from the same history, in any listing order, with a freshly parsed configuration', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), (s, seed) => {
        const req = build(s);
        const now = s.created + s.nowOffsetMin * MIN;
        const first = computeClocks(TEMPLATES[s.template], req, now);
        const shuffled = [...req.events].sort((a, b) => ((a.at * 7919 + seed) % 104729) - ((b.at * 7919 + seed) % 104729));
        const again = computeClocks(FRESH.get(s.template)!, { ...req, events: shuffled }, now);
        expect(again).toEqual(first);
      }),
      RUNS,
    );
  });

  it('never ends up with an earlier resolution due, or more time spent, when a customer-wait pause is added', () => {
    const withResolution = TEMPLATE_IDS.filter((id) => TEMPLATES[id].goals.resolution !== undefined);
    fc.assert(
      fc.property(
        fc.record({
          template: fc.constantFrom(...withResolution),
          created: fc.integer({ min: FROM, max: TO }),
          firstPriority: fc.nat(10),
          // Histories that keep the request open (no status leaves the working statuses).
          events: fc.uniqueArray(rawEvent(['agent', 'customer', 'priority', 'status'], 10 * 24 * 60), { maxLength: 20, selector: (e) => e.offsetMin }),
          pause: fc.tuple(fc.integer({ min: 1, max: 12 * 24 * 60 }), fc.integer({ min: 1, max: 5 * 24 * 60 })),
          nowOffsetMin: fc.integer({ min: 0, max: 25 * 24 * 60 }),
        }),
        (s) => {
          const base = build(s, ['Open', 'In Progress']);
          const now = s.created + s.nowOffsetMin * MIN;
          const [startOff, lenOff] = s.pause;
          const taken = new Set(s.events.map((e) => e.offsetMin));
          fc.pre(!taken.has(startOff) && !taken.has(startOff + lenOff));
          // The pause must not swallow other status changes (they would land inside it).
          fc.pre(!s.events.some((e) => e.kind === 'status' && e.offsetMin > startOff && e.offsetMin < startOff + lenOff));
          const cfg = TEMPLATES[s.template];
          const paused: SlaRequest = {
            ...base,
            events: [
              ...base.events.filter((e) => !(e.type === 'status' && e.at > s.created + startOff * MIN && e.at < s.created + (startOff + lenOff) * MIN)),
              { at: s.created + startOff * MIN, type: 'status', to: 'Waiting for customer' },
              { at: s.created + (startOff + lenOff) * MIN, type: 'status', to: 'In Progress' },
            ],
          };
          const a = computeClocks(cfg, base, now).resolution!;
          const b = computeClocks(cfg, paused, now).resolution!;
          expect(b.elapsedMinutes).toBeLessThanOrEqual(a.elapsedMinutes + 1e-9);
          if (a.due !== null && b.due !== null) expect(b.due).toBeGreaterThanOrEqual(a.due);
          // A paused clock shows no due; once it runs again its due is no earlier than before.
        },
      ),
      RUNS,
    );
  });

  it('ignores events after now: adding future events changes nothing', () => {
    fc.assert(
      fc.property(scenario, fc.array(rawEvent(ALL_KINDS, 10 * 24 * 60), { minLength: 1, maxLength: 10 }), (s, future) => {
        const req = build(s);
        const now = s.created + s.nowOffsetMin * MIN;
        const cfg = TEMPLATES[s.template];
        const later = future.map((e) => toEvent(cfg, now + MIN, e));
        const a = computeClocks(cfg, req, now);
        const b = computeClocks(cfg, { ...req, events: [...later, ...req.events] }, now);
        expect(b).toEqual(a);
      }),
      RUNS,
    );
  });

  it('changes no state by time alone before nextCheckAt, and nextCheckAt lies ahead unless an auto-close is overdue', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const now = s.created + s.nowOffsetMin * MIN;
        // Only the history known at `now`: later instants must differ by time alone.
        const full = build(s);
        const req = { ...full, events: full.events.filter((e) => e.at <= now) };
        const cfg = TEMPLATES[s.template];
        const a = computeClocks(cfg, req, now);
        if (a.nextCheckAt === null) {
          // Nothing is counting towards a change: a week later the states are the same.
          expect(states(computeClocks(cfg, req, now + 7 * 24 * 60 * MIN))).toEqual(states(a));
          return;
        }
        if (a.nextCheckAt <= now) {
          expect(a.autoClose?.at).toBe(a.nextCheckAt);
          return;
        }
        expect(states(computeClocks(cfg, req, a.nextCheckAt - 1))).toEqual(states(a));
        // At nextCheckAt the sweep either sees a change, or (standing exactly on an at-risk
        // boundary, or at an overdue auto-close) gets a next check that is no earlier.
        const at = computeClocks(cfg, req, a.nextCheckAt);
        const autoCloseDue = a.autoClose !== null && a.autoClose.at === a.nextCheckAt;
        if (!autoCloseDue && JSON.stringify(states(at)) === JSON.stringify(states(a))) {
          expect(at.nextCheckAt).not.toBeNull();
          expect(at.nextCheckAt!).toBeGreaterThan(a.nextCheckAt);
          expect(states(computeClocks(cfg, req, at.nextCheckAt!))).not.toEqual(states(a));
        }
      }),
      RUNS,
    );
  });
});
