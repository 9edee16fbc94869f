// The history the issue panel shows: every start, pause, resume, stop, goal change and outcome.

import { TEMPLATES } from '../../../../src/domain/templates';
import { evaluate, local } from './scenario';

describe('clock history', () => {
  it('lists what happened to each clock, in time order', () => {
    const set = evaluate(TEMPLATES.altec, {
      name: '', created: '2026-03-17 09:00', priority: 3,
      events: [
        ['2026-03-17 09:20', 'agent'],
        ['2026-03-17 10:00', 'priority', 1],
        ['2026-03-17 11:00', 'status', 'Waiting for customer'],
        ['2026-03-17 12:00', 'customer'],
        ['2026-03-17 12:05', 'status', 'In Progress'],
        ['2026-03-17 12:10', 'agent'],
        ['2026-03-17 14:00', 'status', 'Resolved'],
      ],
      now: '2026-03-17 14:30', expect: {},
    });
    // Reaction: 20 min, judged by P3's 60m (the priority changed later). Resolution: 09–11 and
    // 12:05–14:00 = 235 min of P1's 240 → met. Follow-up 12:00–12:10 by P1's 30m → met.
    expect(set.history.map((h) => [local(h.at)!.slice(11), h.clock, h.what, h.detail ?? ''])).toEqual([
      ['09:00', 'request', 'started', ''],
      ['09:00', 'reaction', 'started', ''],
      ['09:00', 'resolution', 'started', ''],
      ['09:20', 'reaction', 'stopped', 'agent comment'],
      ['09:20', 'reaction', 'met', '60m'],
      ['10:00', 'resolution', 'goalChanged', '4wd → 4h'],
      ['11:00', 'resolution', 'paused', 'Waiting for customer'],
      ['12:00', 'followUp', 'started', 'cycle 1'],
      ['12:05', 'resolution', 'resumed', 'In Progress'],
      ['12:10', 'followUp', 'stopped', 'agent comment'],
      ['12:10', 'followUp', 'met', '30m'],
      ['14:00', 'resolution', 'stopped', 'Resolved'],
      ['14:00', 'request', 'resolved', 'Resolved'],
      ['14:00', 'autoClose', 'scheduled', 'Resolved'],
      ['14:00', 'resolution', 'met', '4h'],
    ]);
    expect(set.resolution?.elapsedMinutes).toBe(235);
  });

  it('records the instant a running clock was breached', () => {
    const set = evaluate(TEMPLATES.barier, { name: '', created: '2026-03-17 09:00', priority: 1, now: '2026-03-17 15:00', expect: {} });
    expect(set.history.filter((h) => h.what === 'breached').map((h) => [local(h.at), h.clock])).toEqual([
      ['2026-03-17 12:00', 'reaction'],
      ['2026-03-17 13:00', 'resolution'],
    ]);
  });
});
