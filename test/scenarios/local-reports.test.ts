// Reports on the local host's demo data, through the real app: the numbers getReport gives (from the
// report rows the recompute stored) match the clocks each issue's panel computes directly from its
// history, and a user who may not browse a project sees none of its data.
import type { ClockView, CustomerActView, IssueSlaView, ReportView } from '../../src/shared/contract';
import { DEMO_PROJECTS, seedDemo } from '../../local/demo-data';
import { LocalHost } from '../../local/host';

jest.setTimeout(300_000);

const NOW = Date.UTC(2026, 10, 18, 11, 30); // a Wednesday, 14:30 in Moscow
const AGENT = '557058:agent-ivan';
const CUSTOMER = 'qm:customer-romashka';
let host: LocalHost;
const panels = new Map<string, IssueSlaView[]>();
let logSpy: jest.SpyInstance;

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

async function call<T>(fn: string, payload: unknown, accountId: string, projectKey?: string): Promise<Envelope<T>> {
  const extension = projectKey ? { type: 'jira:projectPage', project: { id: '1', key: projectKey } } : { type: 'jira:adminPage' };
  return (await host.emulator.invokeResolver(fn, payload, { accountId, extension })) as Envelope<T>;
}

beforeAll(async () => {
  logSpy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  host = new LocalHost({ dbPath: ':memory:' });
  await seedDemo(host, { nowMs: NOW, seed: 7 });
  // A sweep at now brings every row to now (at-risk and breach instants passed since the last one).
  await host.emulator.runSweep();
  await host.emulator.drainQueue({ ignoreDelays: true });
  for (const p of DEMO_PROJECTS) {
    const views: IssueSlaView[] = [];
    for (const issue of host.emulator.jira.allIssues().filter((i) => i.projectKey === p.key)) {
      const r = (await host.emulator.invokeResolver(
        'getIssueSla',
        { issueKey: issue.key },
        { accountId: AGENT, extension: { type: 'jira:issuePanel', issue: { id: String(issue.id), key: issue.key }, project: { id: '1', key: p.key } } },
      )) as Envelope<IssueSlaView>;
      if (!r.ok) throw new Error(`getIssueSla ${issue.key}: ${r.error.message}`);
      views.push(r.data);
    }
    panels.set(p.key, views);
  }
});

afterAll(() => {
  host?.close();
  logSpy.mockRestore();
});

/** Linear interpolation between closest ranks, written here independently of src/domain/report. */
function pct(xs: number[], p: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo]! + (lo + 1 < s.length ? (h - lo) * (s[lo + 1]! - s[lo]!) : 0);
}

function expectedClock(views: IssueSlaView[], kind: 'reaction' | 'resolution') {
  const clocks = views.flatMap((v) => v.clocks.filter((c): c is ClockView => c.kind === kind));
  const n = (s: string) => clocks.filter((c) => c.state === s).length;
  const stopped = clocks.filter((c) => c.stoppedAt !== null).map((c) => c.elapsedMinutes);
  return { met: n('met'), breached: n('breached'), running: n('running'), atRisk: n('atRisk'), paused: n('paused'), median: pct(stopped, 0.5), p90: pct(stopped, 0.9) };
}

describe('reports over the local host demo data', () => {
  it.each(DEMO_PROJECTS.map((p) => [p.key, p.template] as const))('match the clocks of every %s (%s) request', async (key) => {
    const r = await call<ReportView>('getReport', { from: '2025-01-01', to: '2026-12-31', projectKey: key }, AGENT, key);
    if (!r.ok) throw new Error(`getReport ${key}: ${r.error.message}`);
    const views = panels.get(key)!;
    expect(r.data.total.requests).toBe(views.length);
    for (const kind of ['reaction', 'resolution'] as const) {
      const e = expectedClock(views, kind);
      const got = r.data.total.clocks[kind];
      expect({ met: got.met, breached: got.breached, running: got.running, atRisk: got.atRisk, paused: got.paused }).toEqual({
        met: e.met,
        breached: e.breached,
        running: e.running,
        atRisk: e.atRisk,
        paused: e.paused,
      });
      // The panel shows minutes rounded for display; the report rounds to 2 decimals.
      if (e.median === null) expect(got.medianMinutes).toBeNull();
      else expect(Math.abs(got.medianMinutes! - e.median)).toBeLessThan(0.02);
      if (e.p90 === null) expect(got.p90Minutes).toBeNull();
      else expect(Math.abs(got.p90Minutes! - e.p90)).toBeLessThan(0.02);
    }
    // Follow-up: the panel shows the latest cycle and how many there were; the report counts every cycle.
    const cycles = views.reduce((s, v) => s + (v.clocks.find((c) => c.kind === 'followUp')?.cycle?.count ?? 0), 0);
    expect(r.data.total.followUpCycles).toBe(cycles);
    const f = r.data.total.clocks.followUp;
    expect(f.met + f.breached + f.running + f.atRisk + f.paused).toBe(cycles);
    // Per priority, the requests add up to the panels' priorities.
    const byPriority = new Map<string, number>();
    for (const v of views) byPriority.set(v.priority?.id ?? '(none)', (byPriority.get(v.priority?.id ?? '(none)') ?? 0) + 1);
    expect(Object.fromEntries(Object.entries(r.data.byPriority).map(([k, g]) => [k, g.requests]))).toEqual(Object.fromEntries(byPriority));
  });

  it('shows every project an agent may browse on the admin page', async () => {
    const r = await call<ReportView>('getReport', { from: '2025-01-01', to: '2026-12-31' }, AGENT);
    if (!r.ok) throw new Error(r.error.message);
    const total = [...panels.values()].reduce((s, v) => s + v.length, 0);
    expect(r.data.total.requests).toBe(total);
    expect(r.data.projects.map((p) => p.key).sort()).toEqual(DEMO_PROJECTS.map((p) => p.key).sort());
  });

  it('gives a user who may not browse the projects no data of them', async () => {
    const all = await call<ReportView>('getReport', { from: '2025-01-01', to: '2026-12-31' }, CUSTOMER);
    if (!all.ok) throw new Error(all.error.message);
    expect(all.data.projects).toEqual([]);
    expect(all.data.total.requests).toBe(0);
    expect(all.data.rows).toEqual([]);
    const one = await call<ReportView>('getReport', { from: '2025-01-01', to: '2026-12-31', projectKey: 'BARIER' }, CUSTOMER, 'BARIER');
    expect(one.ok).toBe(false);
    expect(!one.ok && one.error.code).toBe('FORBIDDEN');
  });

  it('gives the customer act of the month with the same numbers as the report for that customer and month', async () => {
    const project = 'ALTEC';
    const month = '2026-11';
    const act = await call<CustomerActView>('getCustomerAct', { month, projectKey: project }, AGENT, project);
    if (!act.ok) throw new Error(act.error.message);
    expect(act.data.customers.length).toBeGreaterThan(0);
    const customer = act.data.customers[0]!;
    expect(act.data.act?.customer).toBe(customer);
    const report = await call<ReportView>('getReport', { from: `${month}-01`, to: `${month}-30`, projectKey: project }, AGENT, project);
    if (!report.ok) throw new Error(report.error.message);
    const group = report.data.byCustomer[customer]!;
    expect(act.data.act?.requests).toBe(group.requests);
    expect(act.data.act?.total.clocks.resolution.breached).toBe(group.clocks.resolution.breached);
    expect(act.data.act?.accountedMinutes).toBe(group.accountedMinutes);
    const forbidden = await call<CustomerActView>('getCustomerAct', { month, projectKey: project }, CUSTOMER, project);
    expect(!forbidden.ok && forbidden.error.code).toBe('FORBIDDEN');
    const bad = await call<CustomerActView>('getCustomerAct', { month: '2026-13' }, AGENT);
    expect(!bad.ok && bad.error.code).toBe('BAD_REQUEST');
  });
});
