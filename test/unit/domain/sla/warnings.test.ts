// Engine warnings stay English strings; describeWarning reads each back into a code and parameters.
import fc from 'fast-check';
import { compileCalendar, coverageWarnings } from '../../../../src/domain/calendar';
import { computeClocks, describeWarning, describeWarnings, WARNING_TEMPLATES, warningText, type WarningCode } from '../../../../src/domain/sla';
import { TEMPLATES } from '../../../../src/domain/templates';

const MON_10 = Date.parse('2026-03-02T07:00:00Z');

describe('describeWarning', () => {
  it('reads the lapsed-package warning of a customer into its code and every parameter', () => {
    const config = {
      ...TEMPLATES.agentplus,
      customers: [{ match: { emailDomain: 'vektor-ural.ru' }, package: 'optimal', validFrom: '2025-01-10', validTo: '2025-12-31', note: null }],
    };
    const set = computeClocks(config, { created: Date.parse('2026-11-22T09:00:00+03:00'), customer: { emailDomain: 'vektor-ural.ru' }, events: [] }, Date.parse('2026-11-22T10:00:00+03:00'));
    expect(set.warnings).toEqual(['package "optimal" of customer "vektor-ural.ru" is not valid on 2026-11-22 (2025-01-10 – 2025-12-31); default package "basic" applies']);
    expect(describeWarnings(set.warnings)).toEqual([
      {
        code: 'packageNotValid',
        params: { package: 'optimal', customer: 'vektor-ural.ru', day: '2026-11-22', from: '2025-01-10', to: '2025-12-31', default: 'basic' },
        text: set.warnings[0],
      },
    ]);
  });

  it('reads the warnings computeClocks gives for unknown values, a missing goal and a request from the future', () => {
    const unknown = computeClocks(
      TEMPLATES.altec,
      { created: MON_10, package: 'gold', priority: '9', events: [{ type: 'priority', at: MON_10 + 60_000, to: '7', by: 'agent' }] },
      MON_10 + 120_000,
    );
    expect(unknown.warnings.map((w) => describeWarning(w).code)).toEqual(['unknownPackage', 'unknownPriority', 'unknownPriorityChange']);
    expect(describeWarning(unknown.warnings[2]!).params).toEqual({ priority: '7', at: '2026-03-02T10:01:00+03:00' });
    const future = computeClocks(TEMPLATES.altec, { created: MON_10 + 1, events: [] }, MON_10);
    expect(future.warnings.map((w) => describeWarning(w))).toEqual([{ code: 'createdAfterNow', params: {}, text: 'the request is created after now' }]);
  });

  it("reads the calendar's coverage warning for a year without production data", () => {
    const cal = compileCalendar({ timezone: 'Europe/Moscow', week: { mon: [['09:00', '18:00']] }, productionCalendar: 'RU' });
    const [w] = coverageWarnings(cal, Date.parse('2099-01-05T10:00:00+03:00'), Date.parse('2099-01-06T10:00:00+03:00'));
    expect(describeWarning(w!)).toEqual({ code: 'noProductionData', params: { day: '2099-01-05', year: '2099' }, text: w });
  });

  it('tells "no goal for package and priority" from "no goal for package"', () => {
    expect(describeWarning(warningText('noGoalForPackageAndPriority', { clock: 'resolution', package: 'std', priority: '3' }))).toMatchObject({
      code: 'noGoalForPackageAndPriority',
      params: { clock: 'resolution', package: 'std', priority: '3' },
    });
    expect(describeWarning(warningText('noGoalForPackage', { clock: 'reaction', package: 'std' })).code).toBe('noGoalForPackage');
  });

  it("gives the code 'other' to a text no template makes", () => {
    expect(describeWarning('something else happened')).toEqual({ code: 'other', params: {}, text: 'something else happened' });
  });

  it('reads back the parameters of every template for any values free of the quotes, brackets and separators the templates use', () => {
    const value = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/["()]/.test(s) && !s.includes(': ') && !s.includes('; '));
    for (const code of Object.keys(WARNING_TEMPLATES) as WarningCode[]) {
      const names = [...WARNING_TEMPLATES[code].matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      fc.assert(
        fc.property(fc.tuple(...names.map(() => value)), (values) => {
          const params = Object.fromEntries(names.map((n, i) => [n, values[i]!]));
          const d = describeWarning(warningText(code, params as never));
          return d.code === code && JSON.stringify(d.params) === JSON.stringify(params);
        }),
        { numRuns: 100 },
      );
    }
  });
});
