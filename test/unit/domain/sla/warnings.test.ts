// Engine warnings are data: a code and its parameters from the catalogue, with the English text
// rendered from them (what the CLI prints). Nothing reads a text back.
import fc from 'fast-check';
import { compileCalendar, coverageGaps, coverageWarnings } from '../../../../src/domain/calendar';
import { computeClocks, coverageWarningDetails, warning, WARNING_TEMPLATES, type WarningCode } from '../../../../src/domain/sla';
import { TEMPLATES } from '../../../../src/domain/templates';

const MON_10 = Date.parse('2026-03-02T07:00:00Z');

describe('engine warnings as data', () => {
  it('gives the lapsed-package warning of a customer with its code and every parameter', () => {
    const config = {
      ...TEMPLATES.agentplus,
      customers: [{ match: { emailDomain: 'vektor-ural.ru' }, package: 'optimal', validFrom: '2025-01-10', validTo: '2025-12-31', note: null }],
    };
    const set = computeClocks(config, { created: Date.parse('2026-11-22T09:00:00+03:00'), customer: { emailDomain: 'vektor-ural.ru' }, events: [] }, Date.parse('2026-11-22T10:00:00+03:00'));
    expect(set.warnings).toEqual(['package "optimal" of customer "vektor-ural.ru" is not valid on 2026-11-22 (2025-01-10 – 2025-12-31); default package "basic" applies']);
    expect(set.warningDetails).toEqual([
      {
        code: 'packageNotValid',
        params: { package: 'optimal', customer: 'vektor-ural.ru', day: '2026-11-22', from: '2025-01-10', to: '2025-12-31', default: 'basic' },
        text: set.warnings[0],
      },
    ]);
  });

  it('gives codes for unknown values, a missing goal and a request from the future', () => {
    const unknown = computeClocks(
      TEMPLATES.altec,
      { created: MON_10, package: 'gold', priority: '9', events: [{ type: 'priority', at: MON_10 + 60_000, to: '7', by: 'agent' }] },
      MON_10 + 120_000,
    );
    expect(unknown.warningDetails.map((w) => w.code)).toEqual(['unknownPackage', 'unknownPriority', 'unknownPriorityChange']);
    expect(unknown.warningDetails[2]!.params).toEqual({ priority: '7', at: '2026-03-02T10:01:00+03:00' });
    expect(unknown.warnings).toEqual(unknown.warningDetails.map((w) => w.text));
    const future = computeClocks(TEMPLATES.altec, { created: MON_10 + 1, events: [] }, MON_10);
    expect(future.warningDetails).toEqual([{ code: 'createdAfterNow', params: {}, text: 'the request is created after now' }]);
  });

  it("keeps a package id that looks like template text intact (no parsing back: the old regex split it)", () => {
    const id = 'gold"; default package "x';
    const set = computeClocks(TEMPLATES.altec, { created: MON_10, package: id, events: [] }, MON_10 + 60_000);
    expect(set.warningDetails[0]).toMatchObject({ code: 'unknownPackage', params: { package: id } });
  });

  it("says the calendar's production-data gaps with the same text as coverageWarnings", () => {
    const cal = compileCalendar({ timezone: 'Europe/Moscow', week: { mon: [['09:00', '18:00']] }, productionCalendar: 'RU' });
    const from = Date.parse('2099-01-05T10:00:00+03:00');
    const to = Date.parse('2099-01-06T10:00:00+03:00');
    const [d] = coverageWarningDetails(coverageGaps(cal, from, to));
    expect(d).toEqual({ code: 'noProductionData', params: { day: '2099-01-05', year: '2099' }, text: coverageWarnings(cal, from, to)[0] });
  });

  it('each warning is said once', () => {
    const set = computeClocks(TEMPLATES.altec, { created: MON_10, events: [{ type: 'priority', at: MON_10 + 1, to: '7', by: 'agent' }, { type: 'priority', at: MON_10 + 1, to: '7', by: 'agent' }] }, MON_10 + 60_000);
    expect(set.warningDetails.filter((w) => w.code === 'unknownPriorityChange')).toHaveLength(1);
  });

  it('renders every template with each of its parameters in the text, whatever the values', () => {
    const value = fc.string({ minLength: 1, maxLength: 12 });
    for (const code of Object.keys(WARNING_TEMPLATES) as WarningCode[]) {
      const names = [...WARNING_TEMPLATES[code].matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      fc.assert(
        fc.property(fc.tuple(...names.map(() => value)), (values) => {
          const params = Object.fromEntries(names.map((n, i) => [n, values[i]!]));
          const d = warning(code, params as never);
          return d.code === code && JSON.stringify(d.params) === JSON.stringify(params) && values.every((v) => d.text.includes(v));
        }),
        { numRuns: 100 },
      );
    }
  });
});
