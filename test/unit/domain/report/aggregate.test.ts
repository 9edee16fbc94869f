import fc from 'fast-check';
import { buildReport, NO_GROUP, ReportAccumulator, type ReportRow } from '../../../../src/domain/report';
import { clk, overdue, row } from './rows';

describe('buildReport', () => {
  // Reaction: 3 met (20, 40, 60 min), 1 stopped breached (200), 1 still-running breached (90),
  // 1 running, 1 at risk, 1 paused. Stopped elapsed sorted: 20, 40, 60, 200.
  const rows: ReportRow[] = [
    row({ reaction: clk('met', 20, 180), priority: '1' }),
    row({ reaction: clk('met', 40, 180), priority: '1' }),
    row({ reaction: clk('met', 60, 180), priority: '2' }),
    row({ reaction: clk('breached', 200, 180), priority: '2' }),
    row({ reaction: overdue(190, 180), priority: '3' }),
    row({ reaction: clk('running', 10, 180), priority: '3' }),
    row({ reaction: clk('atRisk', 150, 180), priority: '3' }),
    row({ reaction: clk('paused', 5, 180), priority: '3' }),
  ];
  const report = buildReport(rows);

  it('counts every clock state once', () => {
    const r = report.total.clocks.reaction;
    expect([r.met, r.breached, r.running, r.atRisk, r.paused]).toEqual([3, 2, 1, 1, 1]);
    expect(report.total.requests).toBe(8);
  });

  it('computes % met as met ÷ (met + breached), counting breached clocks that still run', () => {
    expect(report.total.clocks.reaction.metPercent).toBe(60); // 3 ÷ 5
  });

  it('takes median and 90th percentile over stopped clocks only', () => {
    // 20, 40, 60, 200: median h=1.5 → 50; p90 h=2.7 → 60 + 0.7·140 = 158
    expect(report.total.clocks.reaction.medianMinutes).toBe(50);
    expect(report.total.clocks.reaction.p90Minutes).toBe(158);
  });

  it('gives null % and percentiles for a clock no request has', () => {
    expect(report.total.clocks.resolution).toEqual({ met: 0, breached: 0, running: 0, atRisk: 0, paused: 0, metPercent: null, medianMinutes: null, p90Minutes: null });
  });

  it('groups by priority with the same numbers per group', () => {
    expect(Object.keys(report.byPriority)).toEqual(['1', '2', '3']);
    expect(report.byPriority['1']!.clocks.reaction).toMatchObject({ met: 2, breached: 0, metPercent: 100, medianMinutes: 30, p90Minutes: 38 });
    expect(report.byPriority['2']!.clocks.reaction).toMatchObject({ met: 1, breached: 1, metPercent: 50, medianMinutes: 130, p90Minutes: 186 });
    expect(report.byPriority['3']!.clocks.reaction).toMatchObject({ met: 0, breached: 1, running: 1, atRisk: 1, paused: 1, metPercent: 0, medianMinutes: null });
  });

  it('rounds % met to two decimals', () => {
    const r = buildReport([row({ reaction: clk('met', 1) }), row({ reaction: clk('met', 1) }), row({ reaction: clk('breached', 90) })]);
    expect(r.total.clocks.reaction.metPercent).toBe(66.67);
  });
});

describe('follow-up in reports', () => {
  it('counts every cycle of every request, not only the latest', () => {
    const r = buildReport([
      row({ followUp: [clk('met', 10), clk('breached', 70), clk('running', 5)] }),
      row({ followUp: [clk('met', 30)] }),
      row({ followUp: [] }),
    ]);
    expect(r.total.followUpCycles).toBe(4);
    expect(r.total.clocks.followUp).toMatchObject({ met: 2, breached: 1, running: 1, metPercent: 66.67 });
    // stopped cycles 10, 30, 70 → median 30, p90 h=1.8 → 30 + 0.8·40 = 62
    expect(r.total.clocks.followUp.medianMinutes).toBe(30);
    expect(r.total.clocks.followUp.p90Minutes).toBe(62);
  });
});

describe('customer wait and groups', () => {
  it('sums the time paused waiting for the customer and counts the requests that waited', () => {
    const r = buildReport([row({ pausedMinutes: 90.5 }), row({ pausedMinutes: 0 }), row({ pausedMinutes: 30 })]);
    expect(r.total.pausedMinutes).toBe(120.5);
    expect(r.total.pausedRequests).toBe(2);
  });

  it('groups by package, customer, agent and month, with a (none) group for missing values', () => {
    const r = buildReport([
      row({ package: 'basic', customer: 'ООО Ромашка', agent: null, month: '2026-01', resolution: clk('met', 100, 480) }),
      row({ package: 'extended', customer: null, agent: 'Иванов', month: '2026-02', resolution: clk('breached', 600, 480) }),
      row({ package: 'extended', customer: 'ООО Ромашка', agent: 'Иванов', month: '2026-02', resolution: clk('met', 200, 480) }),
    ]);
    expect(Object.keys(r.byPackage)).toEqual(['basic', 'extended']);
    expect(r.byPackage['extended']!.clocks.resolution.metPercent).toBe(50);
    expect(Object.keys(r.byCustomer)).toEqual(['ООО Ромашка', NO_GROUP]);
    expect(r.byCustomer['ООО Ромашка']!.requests).toBe(2);
    expect(Object.keys(r.byAgent)).toEqual(['Иванов', NO_GROUP]);
    expect(r.byMonth['2026-02']!.clocks.resolution).toMatchObject({ met: 1, breached: 1, medianMinutes: 400 });
  });

  it('sums answers and the support time accounted for them', () => {
    const r = buildReport([row({ answers: 3, accountedMinutes: 90 }), row({ answers: 1, accountedMinutes: 30 }), row({ answers: 0 })]);
    expect([r.total.answers, r.total.accountedMinutes]).toEqual([4, 120]);
  });

  it('orders numeric group keys numerically', () => {
    const r = buildReport([row({ priority: '10' }), row({ priority: '2' }), row({ priority: '1' })]);
    expect(Object.keys(r.byPriority)).toEqual(['1', '2', '10']);
  });

  it('keeps a group named like an object property as data', () => {
    const r = buildReport([row({ customer: '__proto__' })]);
    expect(Object.keys(r.byCustomer)).toEqual(['__proto__']);
    expect(r.byCustomer['__proto__']!.requests).toBe(1);
  });
});

describe('report filter', () => {
  const march = Date.UTC(2026, 2, 1);
  const april = Date.UTC(2026, 3, 1);
  const rows = [
    row({ key: 'A-1', project: 'A', createdMs: march - 1 }),
    row({ key: 'A-2', project: 'A', createdMs: march }),
    row({ key: 'B-1', project: 'B', createdMs: april - 1 }),
    row({ key: 'B-2', project: 'B', createdMs: april }),
  ];

  it('takes the period as half-open on the creation instant', () => {
    expect(buildReport(rows, { fromMs: march, toMs: april }).total.requests).toBe(2);
  });

  it('shows only the projects the viewer may browse', () => {
    expect(buildReport(rows, { projects: new Set(['A']) }).total.requests).toBe(2);
    expect(buildReport(rows, { projects: new Set() }).total.requests).toBe(0);
  });
});

describe('ReportAccumulator (incremental)', () => {
  const stateArb = fc.constantFrom('running', 'atRisk', 'paused', 'met', 'breached' as const);
  const clockArb = fc.record({
    state: stateArb,
    stopped: fc.boolean(),
    elapsedMinutes: fc.integer({ min: 0, max: 5000 }).map((x) => x / 4),
    goalMinutes: fc.constantFrom(30, 60, 180, 480),
  }).map((c) => ({ ...c, stopped: (c.state === 'met' || c.state === 'breached') && (c.state === 'met' || c.stopped) }));
  const rowArb = fc.record({
    package: fc.constantFrom('basic', 'optimal', null),
    priority: fc.constantFrom('1', '2', '3', null),
    customer: fc.constantFrom('Ромашка', 'Барьер', null),
    agent: fc.constantFrom('a', 'b', null),
    month: fc.constantFrom('2026-01', '2026-02'),
    reaction: fc.option(clockArb, { nil: null }),
    resolution: fc.option(clockArb, { nil: null }),
    followUp: fc.array(clockArb, { maxLength: 3 }),
    pausedMinutes: fc.integer({ min: 0, max: 1000 }),
  }).map((r) => row(r));

  it('gives the same report after replacing rows one by one as a fresh build of the final rows', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 25 }), fc.array(fc.tuple(fc.nat(), rowArb), { maxLength: 15 }), (initial, updates) => {
        const acc = new ReportAccumulator(initial);
        const current = [...initial];
        acc.report(); // sorts; later changes must keep the sorted/unsorted bookkeeping right
        updates.forEach(([i, fresh], step) => {
          const at = i % current.length;
          const next = { ...fresh, key: current[at]!.key }; // the same request, recomputed
          acc.upsert(next);
          current[at] = next;
          if (step % 3 === 0) acc.report(); // settle removals mid-way, too
        });
        expect(acc.report()).toEqual(buildReport(current));
        expect(acc.size).toBe(current.length);
      }),
      { numRuns: 200 },
    );
  });

  it('forgets a deleted request and drops a group when its last request goes', () => {
    const a = row({ package: 'basic', reaction: clk('met', 10) });
    const acc = new ReportAccumulator([a, row({ package: 'optimal', reaction: clk('met', 20) })]);
    expect(acc.delete(a.key)).toBe(true);
    expect(acc.delete(a.key)).toBe(false);
    expect(Object.keys(acc.report().byPackage)).toEqual(['optimal']);
    expect(acc.report().total.clocks.reaction.medianMinutes).toBe(20);
    expect(acc.size).toBe(1);
  });

  it('counts a request once however often its row is written', () => {
    const first = row({ reaction: clk('running', 10) });
    const acc = new ReportAccumulator([first]);
    acc.upsert({ ...first, reaction: clk('met', 15) });
    acc.upsert({ ...first, reaction: clk('met', 15) });
    expect(acc.report().total.requests).toBe(1);
    expect(acc.report().total.clocks.reaction).toMatchObject({ met: 1, running: 0, medianMinutes: 15 });
  });

  it('lets buildReport count rows without keys one by one', () => {
    expect(buildReport([row({ key: '' }), row({ key: '' })]).total.requests).toBe(2);
  });
});
