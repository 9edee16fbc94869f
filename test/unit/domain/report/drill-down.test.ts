import { buildReport, drillDown, REPORT_CLOCK_KINDS, REPORT_DIMENSIONS, type ComplianceReport, type GroupStats, type ReportDimension } from '../../../../src/domain/report';
import { clk, overdue, row } from './rows';

const rows = [
  row({ key: 'SUP-1', priority: '1', reaction: clk('met', 20), resolution: clk('breached', 300, 240), followUp: [clk('met', 5), clk('breached', 90)], pausedMinutes: 30 }),
  row({ key: 'SUP-2', priority: '1', reaction: clk('breached', 80), resolution: clk('running', 10, 240) }),
  row({ key: 'SUP-3', priority: '2', reaction: overdue(70), resolution: clk('paused', 100, 480), followUp: [clk('atRisk', 50)], pausedMinutes: 12 }),
  row({ key: 'SUP-4', priority: '3', customer: null, reaction: clk('atRisk', 50), resolution: null }),
];

const field = (d: ReportDimension): keyof ComplianceReport => `by${d[0]!.toUpperCase()}${d.slice(1)}` as keyof ComplianceReport;

function sum(dimension: ReportDimension | null, key: string | null, q: Parameters<typeof drillDown>[1]): number {
  const group = dimension === null ? undefined : { dimension, key: key! };
  return drillDown(rows, { ...q, ...(group ? { group } : {}) }).reduce((n, i) => n + i.count, 0);
}

describe('drillDown', () => {
  it('lists the requests behind a number, oldest first', () => {
    expect(drillDown(rows, { clock: 'reaction', measure: 'breached' }).map((i) => i.key)).toEqual(['SUP-2', 'SUP-3']);
    expect(drillDown(rows, { group: { dimension: 'priority', key: '1' }, clock: 'resolution', measure: 'breached' }).map((i) => i.key)).toEqual(['SUP-1']);
  });

  it('adds up to every number of the report, in the totals and in every group', () => {
    const report = buildReport(rows);
    const cells: Array<[ReportDimension | null, string | null, GroupStats]> = [[null, null, report.total]];
    for (const d of REPORT_DIMENSIONS) for (const [k, g] of Object.entries(report[field(d)] as Record<string, GroupStats>)) cells.push([d, k, g]);
    expect(cells.length).toBeGreaterThan(5);
    for (const [d, k, g] of cells) {
      expect(sum(d, k, { measure: 'requests' })).toBe(g.requests);
      expect(sum(d, k, { measure: 'pausedRequests' })).toBe(g.pausedRequests);
      expect(sum(d, k, { measure: 'followUpCycles' })).toBe(g.followUpCycles);
      for (const clock of REPORT_CLOCK_KINDS) {
        for (const m of ['met', 'breached', 'running', 'atRisk', 'paused'] as const) expect(sum(d, k, { clock, measure: m })).toBe(g.clocks[clock][m]);
        const c = g.clocks[clock];
        expect(sum(d, k, { clock, measure: 'open' })).toBe(c.running + c.atRisk + c.paused);
      }
    }
  });

  it('counts each follow-up cycle of a request in the state asked for', () => {
    const items = drillDown(rows, { clock: 'followUp', measure: 'stopped' });
    expect(items).toEqual([expect.objectContaining({ key: 'SUP-1', count: 2, elapsedMinutes: 90 })]);
  });

  it('lists the stopped clocks behind median and 90th percentile, with their minutes', () => {
    expect(drillDown(rows, { clock: 'reaction', measure: 'stopped' }).map((i) => [i.key, i.elapsedMinutes])).toEqual([
      ['SUP-1', 20],
      ['SUP-2', 80],
    ]);
  });

  it('finds the requests without a customer under (none)', () => {
    expect(drillDown(rows, { group: { dimension: 'customer', key: '(none)' }, measure: 'requests' }).map((i) => i.key)).toEqual(['SUP-4']);
  });

  it('says which clock is missing for a clock measure', () => {
    expect(() => drillDown(rows, { measure: 'met' })).toThrow('measure "met" needs a clock');
  });
});
