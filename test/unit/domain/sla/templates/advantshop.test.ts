// AdvantShop: Mon–Fri 08:00–20:00 MSK, Sat–Sun and holidays 09:00–18:00 (holidayHours), RU
// production calendar with no short days (shortenBy 0). Reaction by service level (package):
// free 24h, partner 3h, development 24wd (× Monday's 12 h = 288 h), consulting 40h.
// No resolution goal, no auto-close. Support moves requests between levels (package changes).

import { TEMPLATES } from '../../../../../src/domain/templates';
import { check, type Scenario } from '../scenario';

const cases: Scenario[] = [
  {
    name: 'a partner request arriving before opening is answered by 11:00',
    created: '2026-03-17 07:00', package: 'partner', now: '2026-03-17 07:00',
    expect: { reaction: { state: 'running', goal: 180, due: '2026-03-17 11:00', resumesAt: '2026-03-17 08:00' }, resolution: null, autoClose: null },
  },
  {
    name: 'a free request arriving at night is answered within 24 working hours',
    created: '2026-03-18 02:00', package: 'free', now: '2026-03-18 02:00',
    // Wed 08–20 (12 h) + Thu 08–20 (12 h) → Thu 20:00.
    expect: { reaction: { goal: 1440, due: '2026-03-19 20:00' } },
  },
  {
    name: 'a partner request arriving on Friday evening is answered on Saturday within weekend hours',
    created: '2026-03-13 21:00', package: 'partner', now: '2026-03-13 21:00',
    // Saturday works 09:00–18:00: 09:00 + 3 h → 12:00.
    expect: { reaction: { due: '2026-03-14 12:00' } },
  },
  {
    name: 'a partner request on 31 December is answered during holiday hours',
    created: '2026-12-31 17:00', package: 'partner', now: '2026-12-31 17:00',
    // Dec 31 is a holiday worked 09:00–18:00: 1 h; Jan 1 (holiday) 09:00 + 2 h → 11:00.
    expect: { reaction: { due: '2027-01-01 11:00' } },
  },
  {
    name: 'a free request before the New Year holidays counts weekday then holiday hours',
    created: '2026-12-30 18:00', package: 'free', now: '2026-12-30 18:00',
    // Dec 30 18–20 = 2 h; Dec 31 9 h (11); Jan 1 9 h (20); Jan 2 09:00 + 4 h → 13:00.
    expect: { reaction: { due: '2027-01-02 13:00' } },
  },
  {
    name: 'a partner request on a pre-holiday day is not shortened and continues on the holiday',
    created: '2026-11-03 19:00', package: 'partner', now: '2026-11-03 19:00',
    // No short days: Nov 3 until 20:00 (1 h); Nov 4 holiday 09:00 + 2 h → 11:00.
    expect: { reaction: { due: '2026-11-04 11:00' } },
  },
  {
    name: 'a partner request on a working Saturday gets weekday hours that day',
    created: '2025-11-01 18:30', package: 'partner', now: '2025-11-01 18:30',
    // Nov 1 2025 is worked as a Monday (08:00–20:00): 1.5 h; Sunday 09:00 + 1.5 h → 10:30.
    expect: { reaction: { due: '2025-11-02 10:30' } },
  },
  {
    name: 'moving to a customer-wait status stops reaction; there is no resolution clock to pause',
    created: '2026-03-17 09:00', package: 'partner',
    events: [['2026-03-17 09:40', 'status', 'Waiting for customer']],
    now: '2026-03-17 12:00',
    expect: { reaction: { state: 'met', elapsed: 40 }, resolution: null },
  },
  {
    name: 'a resolved and reopened request has nothing to auto-close under this regulation',
    created: '2026-03-17 09:00', package: 'partner',
    events: [['2026-03-17 09:30', 'agent'], ['2026-03-17 10:00', 'status', 'Resolved'], ['2026-03-17 11:00', 'status', 'In Progress']],
    now: '2026-03-17 12:00',
    expect: { reaction: { state: 'met' }, autoClose: null },
  },
  {
    name: 'setting a priority counts as classification and stops reaction',
    created: '2026-03-17 09:00', package: 'free',
    events: [['2026-03-17 09:20', 'priority', 2]],
    now: '2026-03-17 10:00',
    expect: { reaction: { state: 'met', elapsed: 20 }, priority: null },
  },
  {
    name: 'moving a free request to the partner level keeps the time spent and uses 3 hours',
    created: '2026-03-17 09:00', package: 'free',
    events: [['2026-03-17 10:00', 'package', 'partner']],
    now: '2026-03-17 10:30',
    expect: { reaction: { state: 'running', goal: 180, elapsed: 90, due: '2026-03-17 12:00' }, nextCheckAt: '2026-03-17 11:15' },
  },
  {
    name: 'moving a request to the partner level after 3 hours have passed breaches it at once',
    created: '2026-03-17 09:00', package: 'free',
    events: [['2026-03-17 13:00', 'package', 'partner']],
    now: '2026-03-17 13:00',
    expect: { reaction: { state: 'breached', due: '2026-03-17 12:00', elapsed: 240 } },
  },
  {
    name: 'moving a request to consulting gives 40 working hours from its arrival',
    created: '2026-03-17 09:00', package: 'free',
    events: [['2026-03-17 10:00', 'package', 'consulting']],
    now: '2026-03-17 10:00',
    // Tue 09–20 = 11 h, Wed 12 (23), Thu 12 (35), Fri 08:00 + 5 h → 13:00.
    expect: { reaction: { goal: 2400, due: '2026-03-20 13:00' } },
  },
  {
    name: 'handing a request to development sets 24 working days of Monday length',
    created: '2026-03-17 09:00', package: 'free',
    events: [['2026-03-17 10:00', 'package', 'development']],
    now: '2026-03-17 10:00',
    // 24 × 12 h = 288 h = 17 280 min.
    expect: { reaction: { goal: 17280, state: 'running' }, package: 'development' },
  },
  {
    name: 'a follow-up turns at risk when less than a quarter of 3 hours is left',
    created: '2026-03-17 09:00', package: 'partner',
    events: [['2026-03-17 09:30', 'agent'], ['2026-03-17 10:00', 'customer']],
    now: '2026-03-17 12:30',
    // Cycle from 10:00, due 13:00; 150 of 180 spent, 30 left ≤ 45 → at risk.
    expect: { followUp: { state: 'atRisk', due: '2026-03-17 13:00', elapsed: 150, cycles: 1 }, nextCheckAt: '2026-03-17 13:00' },
  },
  {
    name: 'a customer comment on a resolved request opens a follow-up and there is no auto-close to cancel',
    created: '2026-03-17 09:00', package: 'partner',
    events: [['2026-03-17 09:30', 'agent'], ['2026-03-17 10:00', 'status', 'Resolved'], ['2026-03-17 11:00', 'customer']],
    now: '2026-03-17 11:00',
    expect: { autoClose: null, followUp: { state: 'running', due: '2026-03-17 14:00' } },
  },
];

describe('advantshop template: reaction goals by service level with weekend and holiday hours', () => {
  it.each(cases)('$name', (sc) => {
    check(TEMPLATES.advantshop, sc);
  });
});
