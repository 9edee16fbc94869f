// PASS24.online: Mon–Fri 09:00–18:00 MSK, RU production calendar, short days −60 min.
// Resolution only, by priority: high 4h, normal "24h,5bd", low "48h,5bd" (the smaller limit wins;
// 5bd = working time until the same wall-clock time 5 business days later, 45 h on a plain week,
// so low is effectively 45 h). No reaction goal (so no follow-up) and no auto-close.

import { TEMPLATES } from '../../../../../src/domain/templates';
import { check, type Scenario } from '../scenario';

const cases: Scenario[] = [
  {
    name: 'a normal request arriving before opening is resolved within 24 working hours',
    created: '2026-03-17 08:00', priority: 'normal', now: '2026-03-17 08:00',
    // Tue 9 h + Wed 9 h + Thu 6 h → Thu 15:00 (5bd = 45 h is larger).
    expect: { reaction: null, followUp: null, resolution: { state: 'running', goal: 1440, due: '2026-03-19 15:00' }, autoClose: null },
  },
  {
    name: 'a low request arriving at night takes five business days rather than 48 hours',
    created: '2026-03-18 02:00', priority: 'low', now: '2026-03-18 02:00',
    // 5bd from Wed 02:00 → next Wed 02:00: Wed, Thu, Fri, Mon, Tue = 45 h < 48 h. Due Tue 24 18:00.
    expect: { resolution: { goal: 2700, due: '2026-03-24 18:00' } },
  },
  {
    name: 'a high request arriving on Friday evening is due on Monday at 13:00',
    created: '2026-03-13 19:00', priority: 'high', now: '2026-03-13 19:00',
    expect: { resolution: { due: '2026-03-16 13:00', pauseReason: 'outsideWorkingHours', resumesAt: '2026-03-16 09:00' } },
  },
  {
    name: 'a low request before the New Year holidays skips them when counting business days',
    created: '2026-12-29 10:00', priority: 'low', now: '2026-12-29 10:00',
    // Business days after Dec 29: Dec 30, Jan 11, 12, 13, 14 → Jan 14 10:00;
    // working time = 8 + 9 + 27 + 1 = 45 h (< 48 h) → due Jan 14 10:00.
    expect: { resolution: { goal: 2700, due: '2027-01-14 10:00' } },
  },
  {
    name: 'a normal request before the New Year holidays is due on 11 January',
    created: '2026-12-29 10:00', priority: 'normal', now: '2026-12-29 10:00',
    // 24 h: Dec 29 8 h, Dec 30 9 h, Jan 11 09:00 + 7 h → 16:00.
    expect: { resolution: { goal: 1440, due: '2027-01-11 16:00' } },
  },
  {
    name: 'a high request on a short pre-holiday day stops counting at 17:00',
    created: '2026-11-03 15:00', priority: 'high', now: '2026-11-03 15:00',
    // Nov 3 15–17 = 2 h; Nov 4 holiday; Nov 5 09:00 + 2 h → 11:00.
    expect: { resolution: { due: '2026-11-05 11:00' } },
  },
  {
    name: 'a normal request starting on a short day counts its eight hours',
    created: '2026-11-03 09:00', priority: 'normal', now: '2026-11-03 09:00',
    // 24 h: Nov 3 8 h, Nov 5 9 h, Nov 6 09:00 + 7 h → 16:00 (5bd = 44 h is larger).
    expect: { resolution: { goal: 1440, due: '2026-11-06 16:00' } },
  },
  {
    name: 'a high request on Friday afternoon is due on the working Saturday',
    created: '2025-10-31 16:00', priority: 'high', now: '2025-10-31 16:00',
    // Fri 16–18 = 2 h; Sat Nov 1 works from 09:00: + 2 h → 11:00.
    expect: { resolution: { due: '2025-11-01 11:00' } },
  },
  {
    name: 'waiting for the customer pauses resolution',
    created: '2026-03-17 10:00', priority: 'high',
    events: [['2026-03-17 11:00', 'status', 'Waiting for customer']],
    now: '2026-03-17 12:00',
    expect: { resolution: { state: 'paused', elapsed: 60, remaining: 180, due: null }, nextCheckAt: null },
  },
  {
    name: 'the customer answering resumes resolution with the time already spent',
    created: '2026-03-17 10:00', priority: 'high',
    events: [['2026-03-17 11:00', 'status', 'Waiting for customer'], ['2026-03-17 14:00', 'status', 'In Progress']],
    now: '2026-03-17 15:00',
    expect: { resolution: { state: 'running', elapsed: 120, due: '2026-03-17 17:00' } },
  },
  {
    name: 'a resolved request never auto-closes under this regulation',
    created: '2026-03-17 10:00', priority: 'high',
    events: [['2026-03-17 11:00', 'status', 'Resolved']],
    now: '2026-03-17 12:00',
    expect: { resolution: { state: 'met', elapsed: 60, stoppedAt: '2026-03-17 11:00' }, autoClose: null, nextCheckAt: null },
  },
  {
    name: 'reopening resumes resolution',
    created: '2026-03-17 10:00', priority: 'high',
    events: [['2026-03-17 11:00', 'status', 'Resolved'], ['2026-03-17 13:00', 'status', 'In Progress']],
    now: '2026-03-17 14:00',
    expect: { resolution: { state: 'running', elapsed: 120, due: '2026-03-17 16:00' } },
  },
  {
    name: 'raising normal to high keeps the time spent and turns the clock at risk',
    created: '2026-03-17 09:00', priority: 'normal',
    events: [['2026-03-17 12:00', 'priority', 'high']],
    now: '2026-03-17 12:30',
    // 210 of 240 spent, 30 left ≤ 60 → at risk, due 13:00.
    expect: { resolution: { state: 'atRisk', goal: 240, elapsed: 210, due: '2026-03-17 13:00' }, nextCheckAt: '2026-03-17 13:00' },
  },
  {
    name: 'lowering high to low gives the five-business-day limit from the same start',
    created: '2026-03-17 09:00', priority: 'high',
    events: [['2026-03-17 11:00', 'priority', 'low']],
    now: '2026-03-17 11:00',
    // min(48 h, 5bd from Tue 09:00 → Tue 24 09:00 = 45 h) = 45 h → Mon 23 18:00.
    expect: { resolution: { goal: 2700, due: '2026-03-23 18:00' } },
  },
  {
    name: 'a request without a priority is normal until support classifies it',
    created: '2026-03-17 09:00', now: '2026-03-17 09:00',
    expect: { priority: 'normal', resolution: { goal: 1440 } },
  },
  {
    name: 'an unknown priority falls back to normal with a warning',
    created: '2026-03-17 09:00', priority: 2, now: '2026-03-17 09:00',
    expect: { priority: 'normal', warning: /unknown priority "2"/ },
  },
  {
    name: 'a change to a package the configuration does not know is ignored with a warning',
    created: '2026-03-17 09:00', priority: 'high',
    events: [['2026-03-17 10:00', 'package', 'vip']],
    now: '2026-03-17 10:00',
    expect: { package: 'support', resolution: { goal: 240 }, warning: /unknown package "vip"/ },
  },
  {
    name: 'comments never start a follow-up without a reaction goal',
    created: '2026-03-17 09:00', priority: 'high',
    events: [['2026-03-17 09:30', 'agent'], ['2026-03-17 10:00', 'customer']],
    now: '2026-03-17 11:00',
    expect: { reaction: null, followUp: null },
  },
  {
    name: 'a customer comment after resolution leaves the resolution met and nothing to auto-close',
    created: '2026-03-17 10:00', priority: 'high',
    events: [['2026-03-17 11:00', 'status', 'Resolved'], ['2026-03-17 12:00', 'customer']],
    now: '2026-03-17 12:30',
    expect: { resolution: { state: 'met' }, autoClose: null },
  },
];

describe('pass24 template: resolution goals by high / normal / low priority', () => {
  it.each(cases)('$name', (sc) => {
    check(TEMPLATES.pass24, sc);
  });
});
