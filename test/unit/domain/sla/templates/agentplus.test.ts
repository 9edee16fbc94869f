// Agent Plus: Mon–Fri 07:00–18:00 MSK (11/5), RU production calendar, short days −60 min.
// Reaction by package: basic 2wd = 22 h, optimal 1wd = 11 h, extended 240m, partner 2wd
// (a working day is Monday's 11 h). No priorities, no resolution goal. Auto-close 14 days.

import { slaConfigSchema } from '../../../../../src/config';
import { TEMPLATES } from '../../../../../src/domain/templates';
import { check, type Scenario } from '../scenario';

const cases: Scenario[] = [
  {
    name: 'an extended request arriving before opening is answered by 11:00',
    created: '2026-03-17 06:00', package: 'extended', now: '2026-03-17 06:00',
    expect: { reaction: { state: 'running', goal: 240, due: '2026-03-17 11:00' }, resolution: null, followUp: null, priority: null },
  },
  {
    name: 'an extended request received at 14:00 is answered the same day, as the regulation promises',
    created: '2026-03-17 14:00', package: 'extended', now: '2026-03-17 14:00',
    // 14:00–18:00 = 4 h exactly: due at closing time.
    expect: { reaction: { due: '2026-03-17 18:00' } },
  },
  {
    name: 'an extended request received after 14:00 is answered the next morning',
    created: '2026-03-17 14:30', package: 'extended', now: '2026-03-17 14:30',
    // 3.5 h today, 0.5 h from 07:00 → 07:30.
    expect: { reaction: { due: '2026-03-18 07:30' } },
  },
  {
    name: 'an optimal request arriving at night is answered within that working day',
    created: '2026-03-18 02:00', package: 'optimal', now: '2026-03-18 02:00',
    expect: { reaction: { goal: 660, due: '2026-03-18 18:00' } },
  },
  {
    name: 'a basic request arriving on Friday evening is answered within two working days',
    created: '2026-03-13 19:00', package: 'basic', now: '2026-03-13 19:00',
    // 22 h = Mon 11 h + Tue 11 h → Tue 18:00.
    expect: { reaction: { goal: 1320, due: '2026-03-17 18:00' } },
  },
  {
    name: 'an optimal request before the New Year holidays is due on 11 January',
    created: '2026-12-30 15:00', package: 'optimal', now: '2026-12-30 15:00',
    // Dec 30 15–18 = 3 h; Jan 11 07:00 + 8 h → 15:00.
    expect: { reaction: { due: '2027-01-11 15:00' } },
  },
  {
    name: 'an extended request on a short pre-holiday day counts until 17:00 only',
    created: '2026-11-03 15:00', package: 'extended', now: '2026-11-03 15:00',
    // Nov 3 15–17 = 2 h; Nov 4 holiday; Nov 5 07:00 + 2 h → 09:00.
    expect: { reaction: { due: '2026-11-05 09:00' } },
  },
  {
    name: 'an extended request on Friday afternoon is due on the working Saturday morning',
    created: '2025-10-31 16:00', package: 'extended', now: '2025-10-31 16:00',
    // Fri 16–18 = 2 h; Sat Nov 1 works from 07:00: + 2 h → 09:00.
    expect: { reaction: { due: '2025-11-01 09:00' } },
  },
  {
    name: 'moving to a customer-wait status stops reaction; there is no resolution clock to pause',
    created: '2026-03-17 09:00', package: 'optimal',
    events: [['2026-03-17 10:00', 'status', 'Waiting for customer']],
    now: '2026-03-17 12:00',
    expect: { reaction: { state: 'met', stoppedAt: '2026-03-17 10:00', elapsed: 60 }, resolution: null },
  },
  {
    name: 'reopening a resolved request cancels its auto-close',
    created: '2026-03-17 09:00', package: 'optimal',
    events: [['2026-03-17 09:30', 'agent'], ['2026-03-17 10:00', 'status', 'Resolved'], ['2026-03-17 11:00', 'status', 'Open']],
    now: '2026-03-17 12:00',
    expect: { reaction: { state: 'met', elapsed: 30 }, autoClose: null },
  },
  {
    name: 'setting a priority counts as classification and stops reaction without changing the goal',
    created: '2026-03-17 09:00', package: 'optimal',
    events: [['2026-03-17 09:45', 'priority', 1]],
    now: '2026-03-17 12:00',
    expect: { reaction: { state: 'met', goal: 660, elapsed: 45, stoppedAt: '2026-03-17 09:45' }, priority: null },
  },
  {
    name: 'upgrading the package keeps the time spent and uses the shorter goal',
    created: '2026-03-17 09:00', package: 'basic',
    events: [['2026-03-17 10:00', 'package', 'extended']],
    now: '2026-03-17 11:00',
    // 4 h from 09:00 → 13:00; 120 of 240 spent.
    expect: { reaction: { state: 'running', goal: 240, elapsed: 120, due: '2026-03-17 13:00' }, package: 'extended' },
  },
  {
    name: 'downgrading the package gives the longer goal counted from the start',
    created: '2026-03-17 09:00', package: 'extended',
    events: [['2026-03-17 12:00', 'package', 'basic']],
    now: '2026-03-17 12:00',
    // 22 h from Tue 09:00: Tue 9 h, Wed 11 h (20), Thu 07:00 + 2 h → 09:00.
    expect: { reaction: { goal: 1320, elapsed: 180, due: '2026-03-19 09:00' } },
  },
  {
    name: 'each customer message after an agent answer gets a new reaction within the package goal',
    created: '2026-03-17 09:00', package: 'optimal',
    events: [['2026-03-17 09:30', 'agent'], ['2026-03-17 10:00', 'customer'], ['2026-03-17 15:00', 'agent'], ['2026-03-17 16:00', 'customer']],
    now: '2026-03-17 17:00',
    // Cycle 2 from 16:00, 11 h: 16–18 (2 h), Wed 07:00 + 9 h → 16:00.
    expect: { followUp: { state: 'running', startedAt: '2026-03-17 16:00', due: '2026-03-18 16:00', elapsed: 60, cycles: 2 } },
  },
  {
    name: 'resolving schedules auto-close 14 days later',
    created: '2026-03-17 09:00', package: 'basic',
    events: [['2026-03-17 09:30', 'agent'], ['2026-03-17 10:00', 'status', 'Resolved']],
    now: '2026-03-17 10:30',
    expect: { autoClose: '2026-03-31 10:00', nextCheckAt: '2026-03-31 10:00' },
  },
  {
    name: 'a customer comment after resolution cancels auto-close',
    created: '2026-03-17 09:00', package: 'basic',
    events: [['2026-03-17 09:30', 'agent'], ['2026-03-17 10:00', 'status', 'Resolved'], ['2026-03-17 11:00', 'customer']],
    now: '2026-03-17 11:30',
    expect: { autoClose: null, followUp: { state: 'running', startedAt: '2026-03-17 11:00' } },
  },
  {
    name: 'a request without a package gets the default basic package',
    created: '2026-03-17 09:00', now: '2026-03-17 09:00',
    expect: { package: 'basic', reaction: { goal: 1320 } },
  },
];

describe('agentplus template: reaction goals by service package on an 11/5 calendar', () => {
  it.each(cases)('$name', (sc) => {
    check(TEMPLATES.agentplus, sc);
  });
});

describe('agentplus template: customers and their packages', () => {
  const config = slaConfigSchema.parse({
    ...TEMPLATES.agentplus,
    customers: [
      { match: { emailDomain: 'omega.ru' }, package: 'optimal', validFrom: '2026-01-01', validTo: '2026-12-31' },
      { match: { organization: 'ООО «Альфа»' }, package: 'extended', validFrom: null, validTo: null },
    ],
  });

  it('uses the package bought by the customer while it is valid', () => {
    check(config, {
      name: '', created: '2026-03-17 09:00', customer: { emailDomain: 'omega.ru' }, now: '2026-03-17 09:00',
      // 11 h from Tue 09:00: 09–18 (9 h), Wed 07:00 + 2 h → 09:00.
      expect: { package: 'optimal', reaction: { goal: 660, due: '2026-03-18 09:00' }, noWarnings: true },
    });
  });

  it('matches an organization by name regardless of case', () => {
    check(config, {
      name: '', created: '2026-03-17 09:00', customer: { organization: 'ооо «альфа»' }, now: '2026-03-17 09:00',
      expect: { package: 'extended', reaction: { due: '2026-03-17 13:00' } },
    });
  });

  it('falls back to the default package with a warning once the customer package has expired', () => {
    check(config, {
      name: '', created: '2027-01-11 09:00', customer: { emailDomain: 'omega.ru' }, now: '2027-01-11 09:00',
      expect: { package: 'basic', reaction: { goal: 1320 }, warning: /package "optimal" of customer "omega.ru" is not valid on 2027-01-11/ },
    });
  });

  it('lets the package set on the request win over the customer assignment', () => {
    check(config, {
      name: '', created: '2026-03-17 09:00', package: 'partner', customer: { emailDomain: 'omega.ru' }, now: '2026-03-17 09:00',
      expect: { package: 'partner' },
    });
  });
});
