// Agreed deadlines and extensions on the ALTEC template (09:00–18:00 MSK, RU production calendar;
// priority 1: resolution 4 working hours). Request created Monday 2026-03-16 10:00 MSK.
import { computeClocks, type SlaRequest } from '../../../../src/domain/sla';
import { slaRequestSchema } from '../../../../src/config';
import { TEMPLATES } from '../../../../src/domain/templates';

const cfg = TEMPLATES.altec;
const at = (s: string) => Date.parse(`${s}+03:00`);
const created = at('2026-03-16T10:00:00');
const base: SlaRequest = { created, priority: '1', events: [{ at: at('2026-03-16T10:10:00'), type: 'comment', by: 'agent' }] };
const resolved = (when: string): SlaRequest['events'] => [...base.events, { at: at(when), type: 'status', to: 'Resolved' }];

describe('agreed deadlines', () => {
  it.each([
    // [name, agreements, resolved at, now, state, due, goal minutes, met as agreed]
    ['no agreement: due at 14:00 (4 working hours), resolved 15:00 is breached', [], '2026-03-16T15:00:00', '2026-03-16T16:00:00', 'breached', '2026-03-16T14:00:00', 240, undefined],
    ['an extension of 2 h agreed at 13:00 moves due to 16:00; resolved at 15:00 is met as agreed', [{ at: '2026-03-16T13:00:00', kind: 'extend', minutes: 120 }], '2026-03-16T15:00:00', '2026-03-16T16:00:00', 'met', null, 360, true],
    ['an extension crossing the night: +6 h from 14:00 is Tuesday 11:00', [{ at: '2026-03-16T13:00:00', kind: 'extend', minutes: 360 }], null, '2026-03-16T16:00:00', 'running', '2026-03-17T11:00:00', 600, false],
    ['an agreed due of Wednesday 12:00 sets the goal to the working time until then (8 + 9 + 3 h)', [{ at: '2026-03-16T11:00:00', kind: 'agreedDue', due: '2026-03-18T12:00:00' }], null, '2026-03-17T09:00:00', 'running', '2026-03-18T12:00:00', 1200, false],
    ['an agreement made after the clock stopped changes nothing', [{ at: '2026-03-16T17:00:00', kind: 'extend', minutes: 600 }], '2026-03-16T15:00:00', '2026-03-16T18:00:00', 'breached', '2026-03-16T14:00:00', 240, undefined],
    ['an agreement in the future of now is not applied yet', [{ at: '2026-03-16T17:00:00', kind: 'extend', minutes: 600 }], null, '2026-03-16T16:00:00', 'breached', '2026-03-16T14:00:00', 240, undefined],
    ['two extensions add up, the later agreed due then replaces them', [
      { at: '2026-03-16T11:00:00', kind: 'extend', minutes: 60 },
      { at: '2026-03-16T12:00:00', kind: 'extend', minutes: 60 },
      { at: '2026-03-16T12:30:00', kind: 'agreedDue', due: '2026-03-16T17:00:00' },
    ], null, '2026-03-16T13:00:00', 'running', '2026-03-16T17:00:00', 420, false],
  ] as const)('%s', (_name, list, resolvedAt, now, state, due, goalMinutes, metAsAgreed) => {
    const request: SlaRequest = {
      ...base,
      events: resolvedAt === null ? base.events : resolved(resolvedAt),
      agreements: list.map((a) => ({ clock: 'resolution' as const, reason: 'customer agreed', by: 'agent-1', at: at(a.at), kind: a.kind, ...('minutes' in a ? { minutes: a.minutes } : { due: at(a.due) }) })),
    };
    const r = computeClocks(cfg, request, at(now)).resolution!;
    expect(r.state).toBe(state);
    expect(r.due).toBe(due === null ? null : at(due));
    expect(r.goalMinutes).toBe(goalMinutes);
    expect(r.agreement?.metAsAgreed).toBe(metAsAgreed);
    if (r.agreement) {
      expect(r.agreement.originalGoalMinutes).toBe(240);
      expect(r.agreement.lastReason).toBe('customer agreed');
      expect(r.agreement.lastBy).toBe('agent-1');
    }
  });

  it('says so in the history, once per applied agreement, and leaves the reaction clock alone', () => {
    const set = computeClocks(cfg, { ...base, agreements: [{ at: at('2026-03-16T13:00:00'), clock: 'resolution', kind: 'extend', minutes: 120, reason: 'waiting for a vendor fix' }] }, at('2026-03-16T16:00:00'));
    expect(set.history.filter((h) => h.what === 'agreed')).toEqual([{ at: at('2026-03-16T13:00:00'), clock: 'resolution', what: 'agreed', detail: 'waiting for a vendor fix' }]);
    expect(set.reaction?.agreement).toBeUndefined();
  });

  it('reads agreements from request JSON and refuses one with both or neither of minutes and due', () => {
    const ok = slaRequestSchema.parse({ created: '2026-03-16T10:00:00+03:00', agreements: [{ at: '2026-03-16T13:00:00+03:00', clock: 'resolution', minutes: 120, reason: 'agreed by phone' }] });
    expect(ok.agreements).toEqual([{ at: at('2026-03-16T13:00:00'), clock: 'resolution', kind: 'extend', minutes: 120, reason: 'agreed by phone' }]);
    const bad = slaRequestSchema.safeParse({ created: '2026-03-16T10:00:00+03:00', agreements: [{ at: '2026-03-16T13:00:00+03:00', clock: 'resolution', reason: 'x' }] });
    expect(bad.success).toBe(false);
  });
});
