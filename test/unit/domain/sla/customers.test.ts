// Customer → package assignments with validity, the agent rule, and the acknowledgement text.

import { slaConfigSchema } from '../../../../src/config';
import { isAgent, lastDayOfValidity, resolveCustomerPackage, type SlaConfig } from '../../../../src/domain/sla';
import { TEMPLATES } from '../../../../src/domain/templates';

const MSK = 'Europe/Moscow';
const at = (local: string): number => Date.parse(`${local}:00+03:00`);

const config: SlaConfig = slaConfigSchema.parse({
  ...TEMPLATES.agentplus,
  customers: [
    // Optimal is sold for 12 months: without validTo the validity follows from the package.
    { match: { emailDomain: 'omega.ru' }, package: 'optimal', validFrom: '2026-03-01', validTo: null },
    { match: { organization: 'ООО «Партнер»' }, package: 'partner', validFrom: '2025-01-01', validTo: '2026-06-30' },
    { match: { emailDomain: '@beta.ru' }, package: 'extended', validFrom: '2026-05-01', validTo: '2026-12-31' },
  ],
}) as SlaConfig;

describe('lastDayOfValidity', () => {
  it.each([
    ['2026-01-15', 12, '2027-01-14'],
    ['2026-03-01', 12, '2027-02-28'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-12-10', 2, '2027-02-09'],
  ])('a validity from %s for %i months lasts through %s', (from, months, last) => {
    expect(lastDayOfValidity(from, months)).toBe(last);
  });
});

describe('resolveCustomerPackage', () => {
  it('gives the customer’s package on a date within its 12 months', () => {
    const r = resolveCustomerPackage(config, { emailDomain: 'Omega.RU' }, at('2027-02-28T23:59'), MSK);
    expect(r).toMatchObject({ packageId: 'optimal', fallback: false, validFrom: '2026-03-01', validTo: '2027-02-28', expired: false, warning: null });
  });

  it('falls back to the default package the day after 12 months have passed, saying why', () => {
    const r = resolveCustomerPackage(config, { emailDomain: 'omega.ru' }, at('2027-03-01T00:00'), MSK);
    expect(r).toMatchObject({ packageId: 'basic', fallback: true, expired: true, validTo: '2027-02-28' });
    expect(r.warning?.text).toBe('package "optimal" of customer "omega.ru" is not valid on 2027-03-01 (2026-03-01 – 2027-02-28); default package "basic" applies');
  });

  it('uses the date in the calendar’s zone, not UTC', () => {
    // 2027-03-01 01:00 in Moscow is still 28 February in UTC.
    expect(resolveCustomerPackage(config, { emailDomain: 'omega.ru' }, at('2027-03-01T01:00'), MSK).packageId).toBe('basic');
  });

  it('treats an assignment that has not started yet as missing, but not expired', () => {
    const r = resolveCustomerPackage(config, { emailDomain: 'beta.ru' }, at('2026-04-30T12:00'), MSK);
    expect(r).toMatchObject({ packageId: 'basic', fallback: true, expired: false });
  });

  it('keeps the partner package while the partner contract lasts', () => {
    expect(resolveCustomerPackage(config, { organization: ' ооо «партнер» ' }, at('2026-06-30T18:00'), MSK).packageId).toBe('partner');
    expect(resolveCustomerPackage(config, { organization: 'ООО «Партнер»' }, at('2026-07-01T09:00'), MSK).packageId).toBe('basic');
  });

  it('gives the default package, without a warning, to an unknown customer', () => {
    expect(resolveCustomerPackage(config, { emailDomain: 'gamma.ru' }, at('2026-07-01T09:00'), MSK)).toMatchObject({ packageId: 'basic', fallback: true, warning: null });
  });
});

describe('isAgent', () => {
  it('counts anyone but the reporter as an agent under the notReporter rule', () => {
    expect(isAgent({ kind: 'notReporter' }, { accountId: 'a1' }, 'r1')).toBe(true);
    expect(isAgent({ kind: 'notReporter' }, { accountId: 'r1' }, 'r1')).toBe(false);
  });
  it('counts members of the listed groups as agents under the groups rule', () => {
    const rule = { kind: 'groups', groups: ['support'] } as const;
    expect(isAgent(rule, { accountId: 'a1', groups: ['users', 'support'] }, null)).toBe(true);
    expect(isAgent(rule, { accountId: 'a2', groups: ['users'] }, null)).toBe(false);
  });
  it('counts only the listed accounts as agents under the accounts rule', () => {
    const rule = { kind: 'accounts', accountIds: ['a1'] } as const;
    expect(isAgent(rule, { accountId: 'a1' }, 'a1')).toBe(true);
    expect(isAgent(rule, { accountId: 'a2' }, 'r1')).toBe(false);
  });
});
