// Barier: Mon–Fri 09:00–18:00 MSK, RU production calendar, short days −60 min.
// Reaction (processing) 3h for every priority; resolution P1 4h, P2 8h, P3 5wd = 45h, P4 10wd = 90h.
// Auto-close 24 hours (plain time) after Resolved.

import { TEMPLATES } from '../../../../../src/domain/templates';
import { check, type Scenario } from '../scenario';

const cases: Scenario[] = [
  {
    name: 'a request arriving before opening is processed by 12:00 and resolved by 17:00',
    created: '2026-03-17 07:30', priority: 2, now: '2026-03-17 07:30',
    // 3 h and 8 h from 09:00.
    expect: {
      reaction: { state: 'running', due: '2026-03-17 12:00', goal: 180 },
      resolution: { state: 'running', due: '2026-03-17 17:00', goal: 480 },
      autoClose: null,
    },
  },
  {
    name: 'a request arriving at night is counted from 09:00',
    created: '2026-03-18 02:00', priority: 1, now: '2026-03-18 08:59',
    expect: { reaction: { due: '2026-03-18 12:00', elapsed: 0 }, resolution: { due: '2026-03-18 13:00', elapsed: 0 } },
  },
  {
    name: 'a request arriving on Friday evening is due the next week',
    created: '2026-03-13 19:00', priority: 3, now: '2026-03-15 10:00',
    // reaction 3 h → Mon 12:00; resolution 5wd = 45 h = Mon..Fri → Fri 18:00.
    expect: {
      reaction: { state: 'running', due: '2026-03-16 12:00' },
      resolution: { state: 'running', due: '2026-03-20 18:00', goal: 2700 },
    },
  },
  {
    name: 'a request arriving before the New Year holidays resumes on 11 January',
    created: '2026-12-30 16:00', priority: 2, now: '2026-12-30 16:00',
    // Dec 30 16–18 = 2 h. reaction: 1 h more from Jan 11 09:00 → 10:00. resolution 8 h: 6 h more → 15:00.
    expect: { reaction: { due: '2027-01-11 10:00' }, resolution: { due: '2027-01-11 15:00' } },
  },
  {
    name: 'a request arriving on a short pre-holiday day counts until 17:00 only',
    created: '2026-11-03 15:00', priority: 2, now: '2026-11-03 15:00',
    // Nov 3 15–17 = 2 h; Nov 4 holiday; Nov 5: reaction +1 h → 10:00, resolution +6 h → 15:00.
    expect: { reaction: { due: '2026-11-05 10:00' }, resolution: { due: '2026-11-05 15:00' } },
  },
  {
    name: 'a request arriving on Friday evening before a working Saturday is due on that Saturday',
    created: '2025-10-31 17:00', priority: 1, now: '2025-11-01 10:00',
    // Fri 17–18 = 1 h, Sat Nov 1 09:00–17:00 works. reaction 3 h → Sat 11:00 (120 spent at 10:00);
    // resolution 4 h → Sat 12:00. Next change: reaction at risk at 135 min spent → Sat 10:15.
    expect: {
      reaction: { state: 'running', due: '2025-11-01 11:00', elapsed: 120 },
      resolution: { state: 'running', due: '2025-11-01 12:00', elapsed: 120 },
      nextCheckAt: '2025-11-01 10:15',
    },
  },
  {
    name: 'waiting for the customer pauses resolution',
    created: '2026-03-17 09:00', priority: 2,
    events: [['2026-03-17 09:30', 'agent'], ['2026-03-17 10:00', 'status', 'Waiting for customer']],
    now: '2026-03-17 12:00',
    expect: {
      reaction: { state: 'met', elapsed: 30 },
      resolution: { state: 'paused', elapsed: 60, remaining: 420, due: null, pausedSince: '2026-03-17 10:00' },
      nextCheckAt: null,
    },
  },
  {
    name: 'resuming the next morning continues from the time already spent',
    created: '2026-03-17 09:00', priority: 2,
    events: [['2026-03-17 09:30', 'agent'], ['2026-03-17 10:00', 'status', 'Waiting for customer'], ['2026-03-18 09:00', 'status', 'In Progress']],
    now: '2026-03-18 10:00',
    // 60 + 60 = 120 spent; 360 left from 10:00 → 16:00.
    expect: { resolution: { state: 'running', elapsed: 120, due: '2026-03-18 16:00' } },
  },
  {
    name: 'auto-close is 24 plain hours after Resolved',
    created: '2026-03-17 09:00', priority: 2,
    events: [['2026-03-17 09:30', 'agent'], ['2026-03-17 15:00', 'status', 'Resolved']],
    now: '2026-03-17 15:30',
    expect: { resolution: { state: 'met', elapsed: 360 }, autoClose: '2026-03-18 15:00', nextCheckAt: '2026-03-18 15:00' },
  },
  {
    name: 'auto-close counts plain hours through the weekend',
    created: '2026-03-20 09:00', priority: 2,
    events: [['2026-03-20 09:30', 'agent'], ['2026-03-20 17:00', 'status', 'Resolved']],
    now: '2026-03-20 17:00',
    expect: { autoClose: '2026-03-21 17:00' },
  },
  {
    name: 'reopening resumes resolution, turns it at risk and cancels auto-close',
    created: '2026-03-17 09:00', priority: 2,
    events: [['2026-03-17 09:30', 'agent'], ['2026-03-17 15:00', 'status', 'Resolved'], ['2026-03-18 09:00', 'status', 'In Progress']],
    now: '2026-03-18 10:00',
    // 09–15 (6 h) + 09–10 (1 h) = 420 of 480; 60 left (12.5% ≤ 25%) → at risk, due 11:00.
    expect: { resolution: { state: 'atRisk', elapsed: 420, due: '2026-03-18 11:00' }, autoClose: null, nextCheckAt: '2026-03-18 11:00' },
  },
  {
    name: 'raising the priority from 4 to 2 keeps the time spent and uses 8 hours',
    created: '2026-03-17 09:00', priority: 4,
    events: [['2026-03-17 11:00', 'priority', 2]],
    now: '2026-03-17 12:00',
    // Reaction stopped by the classification at 11:00: 120 ≤ 180 → met. Resolution 8 h from 09:00 → 17:00.
    expect: {
      reaction: { state: 'met', elapsed: 120, stoppedAt: '2026-03-17 11:00' },
      resolution: { state: 'running', goal: 480, elapsed: 180, due: '2026-03-17 17:00' },
    },
  },
  {
    name: 'lowering the priority from 1 to 3 gives five working days from the same start',
    created: '2026-03-17 09:00', priority: 1,
    events: [['2026-03-17 09:10', 'agent'], ['2026-03-17 12:00', 'priority', 3]],
    now: '2026-03-17 14:00',
    // 45 h from Tue 09:00: Tue, Wed, Thu, Fri, Mon → Mon 23 18:00.
    expect: { resolution: { state: 'running', goal: 2700, elapsed: 300, due: '2026-03-23 18:00' } },
  },
  {
    name: 'lowering the priority after a breach judges the running clock by the new goal',
    created: '2026-03-17 09:00', priority: 1,
    events: [['2026-03-17 09:10', 'agent'], ['2026-03-17 14:00', 'priority', 2]],
    now: '2026-03-17 14:00',
    // P1 was breached at 13:00; now P2 (8 h): 300 of 480 spent → running, due 17:00.
    expect: { resolution: { state: 'running', elapsed: 300, due: '2026-03-17 17:00' } },
  },
  {
    name: 'a change to a package the configuration does not know is ignored with a warning',
    created: '2026-03-17 09:00', priority: 3,
    events: [['2026-03-17 10:00', 'package', 'premium']],
    now: '2026-03-17 10:00',
    expect: { package: 'contract', resolution: { goal: 2700 }, warning: /unknown package "premium"/ },
  },
  {
    name: 'a second customer comment does not open another follow-up cycle while one is open',
    created: '2026-03-17 09:00', priority: 2,
    events: [['2026-03-17 09:30', 'agent'], ['2026-03-17 10:00', 'customer'], ['2026-03-17 11:00', 'customer']],
    now: '2026-03-17 12:00',
    // Cycle from 10:00, 3 h → 13:00; 120 spent, 60 left (33%) → running.
    expect: { followUp: { state: 'running', startedAt: '2026-03-17 10:00', due: '2026-03-17 13:00', elapsed: 120, cycles: 1 } },
  },
  {
    name: 'a customer comment after resolution cancels the 24-hour auto-close',
    created: '2026-03-17 09:00', priority: 2,
    events: [['2026-03-17 09:30', 'agent'], ['2026-03-17 15:00', 'status', 'Resolved'], ['2026-03-17 16:00', 'customer']],
    now: '2026-03-17 16:30',
    expect: { autoClose: null, followUp: { state: 'running', startedAt: '2026-03-17 16:00' }, resolution: { state: 'met' } },
  },
  {
    name: 'a priority the customer changes himself is not a classification and leaves reaction running, with the new goal',
    created: '2026-03-17 09:00', priority: 3,
    events: [['2026-03-17 09:30', 'priority', 1, 'customer']],
    now: '2026-03-17 10:00',
    // Reaction keeps running (3 h → 12:00); resolution now P1 4 h → 13:00.
    expect: { reaction: { state: 'running', due: '2026-03-17 12:00', stoppedAt: null }, resolution: { goal: 240, due: '2026-03-17 13:00' } },
  },
  {
    name: 'closing the request ends an open follow-up cycle and later customer comments open none',
    created: '2026-03-17 09:00', priority: 2,
    events: [
      ['2026-03-17 09:30', 'agent'],
      ['2026-03-17 10:00', 'status', 'Resolved'],
      ['2026-03-17 10:30', 'customer'],
      ['2026-03-17 11:00', 'status', 'Closed'],
      ['2026-03-17 11:30', 'customer'],
    ],
    now: '2026-03-17 16:00',
    // Cycle 10:30–11:00 met (30 of 180); closed: no auto-close, resolution met at 10:00 (60 of 480).
    expect: {
      followUp: { state: 'met', stoppedAt: '2026-03-17 11:00', elapsed: 30, cycles: 1 },
      resolution: { state: 'met', stoppedAt: '2026-03-17 10:00', elapsed: 60 },
      autoClose: null,
      nextCheckAt: null,
    },
  },
  {
    name: 'a request reopened from Closed resumes resolution',
    created: '2026-03-17 09:00', priority: 2,
    events: [['2026-03-17 09:30', 'agent'], ['2026-03-17 10:00', 'status', 'Closed'], ['2026-03-18 09:00', 'status', 'Open']],
    now: '2026-03-18 10:00',
    // 09–10 + 09–10 = 120 of 480; 360 left → 16:00.
    expect: { resolution: { state: 'running', elapsed: 120, due: '2026-03-18 16:00' } },
  },
];

describe('barier template: 3-hour processing and resolution by priority', () => {
  it.each(cases)('$name', (sc) => {
    check(TEMPLATES.barier, sc);
  });
});

describe('barier template: the at-risk boundary', () => {
  // Reaction 3 h from 09:00; 25 % of it is 45 min.
  it('keeps a clock with exactly a quarter of its goal left running, and checks again right then', () => {
    check(TEMPLATES.barier, {
      name: '', created: '2026-03-02 09:00', priority: 3, now: '2026-03-02 11:00',
      expect: { reaction: { state: 'running', remaining: 60 }, nextCheckAt: '2026-03-02 11:15' },
    });
    // Standing on the boundary (45 of 180 left, not less): still running; the next look is one millisecond later.
    check(TEMPLATES.barier, {
      name: '', created: '2026-03-02 09:00', priority: 3, now: '2026-03-02 11:15',
      expect: { reaction: { state: 'running', remaining: 45 }, nextCheckAt: '2026-03-02 11:15:00.001' },
    });
  });

  it('turns at risk once less than a quarter is left', () => {
    check(TEMPLATES.barier, {
      name: '', created: '2026-03-02 09:00', priority: 3, now: '2026-03-02 11:16',
      expect: { reaction: { state: 'atRisk', remaining: 44 }, nextCheckAt: '2026-03-02 12:00' },
    });
  });
});
