// Altec (option 8*5*4): Mon–Fri 09:00–18:00 MSK, RU production calendar, short days −60 min.
// Reaction (processing) P1/P2 30m, P3/P4 60m; resolution P1 4h, P2 2wd = 18h, P3 4wd = 36h,
// P4 9wd = 81h (a working day is Monday's 9 h). Auto-close 14 calendar days after Resolved.
// Calendar facts used: 2026-03-09 was the 8 March holiday moved; 2026-11-03 is a short day before
// the 4 November holiday; 2026-12-31 … 2027-01-10 are off (first working day Monday 2027-01-11);
// 2025-11-01 is a working Saturday (short, 09:00–17:00) followed by holidays on 3 and 4 November.

import { TEMPLATES } from '../../../../../src/domain/templates';
import { check, type Scenario } from '../scenario';

const cases: Scenario[] = [
  {
    name: 'a request arriving before opening starts counting at 09:00',
    created: '2026-03-17 07:30', priority: 1, now: '2026-03-17 07:45',
    // reaction 30m from 09:00 → 09:30; resolution 4h from 09:00 → 13:00.
    // Next change: reaction at risk when 7.5 of 30 min are left → 09:22:30.
    expect: {
      reaction: { state: 'running', due: '2026-03-17 09:30', elapsed: 0, pauseReason: 'outsideWorkingHours', resumesAt: '2026-03-17 09:00' },
      resolution: { state: 'running', due: '2026-03-17 13:00', elapsed: 0, goal: 240 },
      followUp: null, autoClose: null, nextCheckAt: '2026-03-17 09:22:30', noWarnings: true,
    },
  },
  {
    name: 'a request arriving at night is counted from the morning and a goal ending at closing time is due at 18:00',
    created: '2026-03-18 02:00', priority: 2, now: '2026-03-18 02:00',
    // resolution 2wd = 18 h: Wed 09–18 (9 h) + Thu 09–18 (9 h) → Thu 18:00, not Fri 09:00.
    expect: {
      reaction: { state: 'running', due: '2026-03-18 09:30' },
      resolution: { state: 'running', due: '2026-03-19 18:00', goal: 1080 },
    },
  },
  {
    name: 'a request arriving on Friday evening waits for Monday',
    created: '2026-03-13 19:00', priority: 3, now: '2026-03-14 12:00',
    // reaction 60m → Mon 10:00; resolution 4wd = 36 h = Mon..Thu 9 h each → Thu 18:00.
    expect: {
      reaction: { state: 'running', due: '2026-03-16 10:00', elapsed: 0, resumesAt: '2026-03-16 09:00' },
      resolution: { state: 'running', due: '2026-03-19 18:00', goal: 2160 },
    },
  },
  {
    name: 'a request arriving before the New Year holidays resumes on 11 January',
    created: '2026-12-30 17:00', priority: 1, now: '2026-12-30 17:45',
    // reaction 30m → 17:30, 45 min spent → breached at 17:30.
    // resolution 4h: Dec 30 17–18 (1 h), Dec 31..Jan 10 off, Jan 11 09:00 + 3 h → 12:00.
    expect: {
      reaction: { state: 'breached', due: '2026-12-30 17:30', elapsed: 45, remaining: -15 },
      resolution: { state: 'running', due: '2027-01-11 12:00', elapsed: 45 },
    },
  },
  {
    name: 'a request arriving on a short pre-holiday day loses the last hour',
    created: '2026-11-03 16:00', priority: 1, now: '2026-11-03 16:10',
    // Nov 3 ends at 17:00: 1 h; Nov 4 holiday; Nov 5 09:00 + 3 h → 12:00.
    expect: {
      reaction: { state: 'running', due: '2026-11-03 16:30', elapsed: 10 },
      resolution: { state: 'running', due: '2026-11-05 12:00' },
    },
  },
  {
    name: 'a request arriving on a working Saturday counts its short hours',
    created: '2025-11-01 15:00', priority: 1, now: '2025-11-01 15:00',
    // Sat Nov 1 works 09:00–17:00 (Monday's hours, short): 2 h; Nov 3–4 holidays; Wed 09:00 + 2 h → 11:00.
    expect: {
      reaction: { state: 'running', due: '2025-11-01 15:30' },
      resolution: { state: 'running', due: '2025-11-05 11:00' },
    },
  },
  {
    name: 'waiting for the customer pauses resolution and shows the time left instead of a due',
    created: '2026-03-17 10:00', priority: 1,
    events: [['2026-03-17 10:20', 'agent'], ['2026-03-17 11:00', 'status', 'Waiting for customer']],
    now: '2026-03-17 12:00',
    // 10:00–11:00 counted (60 min of 240), paused since 11:00.
    expect: {
      reaction: { state: 'met', stoppedAt: '2026-03-17 10:20', elapsed: 20, due: null },
      resolution: { state: 'paused', elapsed: 60, remaining: 180, due: null, pausedSince: '2026-03-17 11:00', pauseReason: 'customerWait' },
      nextCheckAt: null,
    },
  },
  {
    name: 'resuming after the customer answers moves the due by the length of the pause',
    created: '2026-03-17 10:00', priority: 1,
    events: [['2026-03-17 10:20', 'agent'], ['2026-03-17 11:00', 'status', 'Waiting for customer'], ['2026-03-17 14:00', 'status', 'In Progress']],
    now: '2026-03-17 15:00',
    // 10–11 and 14–15 counted = 120 min; 120 left → 17:00. At risk at 180 min → 16:00.
    expect: { resolution: { state: 'running', elapsed: 120, due: '2026-03-17 17:00', pausedSince: null }, nextCheckAt: '2026-03-17 16:00' },
  },
  {
    name: 'resolving stops resolution and schedules auto-close 14 calendar days later',
    created: '2026-03-17 10:00', priority: 1,
    events: [['2026-03-17 10:10', 'agent'], ['2026-03-17 11:00', 'status', 'Resolved']],
    now: '2026-03-17 11:30',
    expect: {
      resolution: { state: 'met', stoppedAt: '2026-03-17 11:00', elapsed: 60, due: null },
      autoClose: '2026-03-31 11:00',
      nextCheckAt: '2026-03-31 11:00',
    },
  },
  {
    name: 'reopening resumes resolution with the time already spent and cancels auto-close',
    created: '2026-03-17 10:00', priority: 1,
    events: [['2026-03-17 10:10', 'agent'], ['2026-03-17 11:00', 'status', 'Resolved'], ['2026-03-17 13:00', 'status', 'In Progress']],
    now: '2026-03-17 14:00',
    // 10–11 + 13–14 = 120 min; 120 left → 16:00.
    expect: { resolution: { state: 'running', elapsed: 120, due: '2026-03-17 16:00', stoppedAt: null }, autoClose: null },
  },
  {
    name: 'raising the priority keeps the time spent and brings the due forward',
    created: '2026-03-17 09:00', priority: 3,
    events: [['2026-03-17 10:00', 'priority', 1]],
    now: '2026-03-17 11:00',
    // The priority change is the classification: reaction stops at 10:00, judged by P3's 60m → met.
    // Resolution now 4h from 09:00 → 13:00, 120 of 240 spent.
    expect: {
      reaction: { state: 'met', stoppedAt: '2026-03-17 10:00', elapsed: 60, goal: 60 },
      resolution: { state: 'running', goal: 240, elapsed: 120, due: '2026-03-17 13:00' },
      priority: '1',
    },
  },
  {
    name: 'raising the priority after the new goal has passed breaches at once, due when the goal was reached',
    created: '2026-03-17 09:00', priority: 3,
    events: [['2026-03-17 15:00', 'priority', '1']],
    now: '2026-03-17 15:00',
    expect: { resolution: { state: 'breached', due: '2026-03-17 13:00', elapsed: 360 } },
  },
  {
    name: 'lowering the priority gives the longer goal counted from the same start',
    created: '2026-03-17 09:00', priority: 1,
    events: [['2026-03-17 09:15', 'agent'], ['2026-03-17 12:00', 'priority', 4]],
    now: '2026-03-17 12:30',
    // 9wd = 81 h = 9 working days from Tue 09:00: Mar 17,18,19,20,23,24,25,26,27 → Fri 27 18:00.
    expect: {
      reaction: { state: 'met', goal: 30, elapsed: 15 },
      resolution: { state: 'running', goal: 4860, elapsed: 210, due: '2026-03-27 18:00' },
    },
  },
  {
    name: 'a change to a package the configuration does not know is ignored with a warning',
    created: '2026-03-17 09:00', priority: 2,
    events: [['2026-03-17 10:00', 'package', 'gold']],
    now: '2026-03-17 10:30',
    expect: { resolution: { goal: 1080, elapsed: 90 }, package: '8x5x4', warning: /unknown package "gold"/ },
  },
  {
    name: 'an agent answer closes the follow-up cycle a customer comment opened',
    created: '2026-03-17 09:00', priority: 2,
    events: [
      ['2026-03-17 09:10', 'agent'],
      ['2026-03-17 10:00', 'customer'],
      ['2026-03-17 10:20', 'agent'],
      ['2026-03-17 11:00', 'customer'],
    ],
    now: '2026-03-17 11:40',
    // Cycle 1: 10:00–10:20 met (20 of 30); cycle 2 from 11:00, 30m → 11:30, 40 min spent → breached.
    expect: {
      reaction: { state: 'met', elapsed: 10 },
      followUp: { state: 'breached', startedAt: '2026-03-17 11:00', due: '2026-03-17 11:30', elapsed: 40, cycles: 2 },
    },
  },
  {
    name: 'a customer comment after resolution cancels auto-close and opens a follow-up',
    created: '2026-03-17 09:00', priority: 2,
    events: [['2026-03-17 09:10', 'agent'], ['2026-03-17 11:00', 'status', 'Resolved'], ['2026-03-17 13:00', 'customer']],
    now: '2026-03-17 13:10',
    expect: {
      resolution: { state: 'met', elapsed: 120, stoppedAt: '2026-03-17 11:00' },
      followUp: { state: 'running', startedAt: '2026-03-17 13:00', due: '2026-03-17 13:30', cycles: 1 },
      autoClose: null,
    },
  },
  {
    name: 'an overdue auto-close is still reported so the sweep can close the request',
    created: '2026-03-02 09:00', priority: 3,
    events: [['2026-03-02 09:10', 'agent'], ['2026-03-02 12:00', 'status', 'Resolved']],
    now: '2026-03-20 12:00',
    expect: { autoClose: '2026-03-16 12:00', nextCheckAt: '2026-03-16 12:00' },
  },
  {
    name: 'a request classified before any agent answer stops reaction at the first status change',
    created: '2026-03-17 09:00', priority: 4,
    events: [['2026-03-17 09:40', 'status', 'In Progress']],
    now: '2026-03-17 10:00',
    expect: { reaction: { state: 'met', stoppedAt: '2026-03-17 09:40', elapsed: 40, goal: 60 } },
  },
];

describe('altec template: clocks for priorities 1–4 on a 09:00–18:00 calendar', () => {
  it.each(cases)('$name', (sc) => {
    check(TEMPLATES.altec, sc);
  });
});
