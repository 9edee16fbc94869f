// The local host's demo site, built through the real app (saveConfig resolver, triggers, sweep,
// queue) on the emulator, shows every clock state the regulation allows in each project.
import { DEMO_PROJECTS, seedDemo } from '../../local/demo-data';
import { APP_ACCOUNT_ID, adfToText } from '../../local/emulator';
import { LocalHost } from '../../local/host';
import { TEMPLATES } from '../../src/domain/templates';

jest.setTimeout(240_000);

const NOW = Date.UTC(2026, 10, 18, 11, 30); // a Wednesday, 14:30 in Moscow
let host: LocalHost;
const states = new Map<string, Set<string>>();
const counts = new Map<string, number>();
let logSpy: jest.SpyInstance;

beforeAll(async () => {
  // The app logs each sweep; hundreds of those lines would bury the test output.
  logSpy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  host = new LocalHost({ dbPath: ':memory:' });
  await seedDemo(host, { nowMs: NOW, seed: 7 });
  const em = host.emulator;
  for (const p of DEMO_PROJECTS) {
    const seen = new Set<string>();
    const issues = em.jira.allIssues().filter((i) => i.projectKey === p.key);
    counts.set(p.key, issues.length);
    for (const issue of issues) {
      const r = (await em.invokeResolver(
        'getIssueSla',
        { issueKey: issue.key },
        { accountId: '557058:agent-ivan', extension: { type: 'jira:issuePanel', issue: { id: String(issue.id), key: issue.key }, project: { id: '1', key: p.key } } },
      )) as { ok: boolean; data?: { clocks: Array<{ state: string }> } };
      if (!r.ok) throw new Error(`getIssueSla ${issue.key}: ${JSON.stringify(r)}`);
      for (const c of r.data!.clocks) seen.add(c.state);
      // Auto-closed: the app itself moved the request to Closed.
      if (issue.histories.some((h) => h.author === APP_ACCOUNT_ID && h.items.some((i) => i.field === 'status' && i.toString === 'Closed'))) seen.add('autoClosed');
    }
    states.set(p.key, seen);
  }
});

afterAll(() => {
  host?.close();
  logSpy.mockRestore();
});

describe('the local host demo data', () => {
  it.each(DEMO_PROJECTS.map((p) => [p.key, p.template] as const))('gives %s (%s) 20 to 40 requests', (key) => {
    expect(counts.get(key)).toBeGreaterThanOrEqual(20);
    expect(counts.get(key)).toBeLessThanOrEqual(40);
  });

  it.each(DEMO_PROJECTS.map((p) => [p.key, p.template] as const))('shows every clock state %s (%s) can have', (key, template) => {
    const cfg = TEMPLATES[template];
    const expected = ['running', 'atRisk', 'met', 'breached'];
    // Only the resolution clock pauses (customer wait); reaction-only regulations never pause.
    if (cfg.goalsBy.resolution) expected.push('paused');
    if (cfg.autoClose) expected.push('autoClosed');
    expect([...states.get(key)!].sort()).toEqual(expect.arrayContaining(expected.sort()));
  });

  it('reads like a Russian support desk: Cyrillic names, .ru addresses, distinct texts with descriptions', () => {
    const jira = host.emulator.jira;
    for (const u of jira.users) {
      expect(u.displayName).toMatch(/^[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+/);
      expect(u.emailAddress).toMatch(/@[a-z0-9-]+\.ru$/);
    }
    for (const p of DEMO_PROJECTS) {
      const issues = jira.allIssues().filter((i) => i.projectKey === p.key);
      for (const i of issues) {
        expect(i.summary).toMatch(/[А-Яа-яЁё]/);
        expect(i.summary).not.toMatch(/\(#\d+\)/);
        expect(adfToText(i.description).length).toBeGreaterThan(20);
      }
      // At least ten different texts per project, so the queue is not one sentence repeated.
      expect(new Set(issues.map((i) => i.summary)).size).toBeGreaterThanOrEqual(10);
    }
  });

  it('answers every follow-up a customer sent while support waited, unless it arrived in the last hours', () => {
    const jira = host.emulator.jira;
    for (const issue of jira.allIssues()) {
      const status = jira.status(issue.statusId)!.name;
      if (status !== 'Waiting for customer') continue;
      const last = issue.comments[issue.comments.length - 1];
      // Waiting for the customer means the last word is support's.
      if (last && last.created < NOW - 12 * 3_600_000) expect(jira.user(last.author)?.role).not.toBe('customer');
    }
  });

  it('gives Agent Plus customers their contracted packages, one of them expired', async () => {
    const r = (await host.emulator.invokeResolver('getAdminState', { scope: 'AGENTPLUS' }, { accountId: '557058:admin-anna', extension: { type: 'jira:adminPage' } })) as {
      ok: boolean;
      data?: { config: { customers: Array<{ package: string; validTo: string | null }> } };
    };
    expect(r.ok).toBe(true);
    const today = new Date(NOW).toISOString().slice(0, 10);
    const customers = r.data!.config.customers;
    expect(customers.some((c) => c.validTo !== null && c.validTo >= today)).toBe(true);
    expect(customers.some((c) => c.validTo !== null && c.validTo < today)).toBe(true);
  });

  it('auto-closes on time: within one sweep interval after the resolved period ran out', () => {
    const jira = host.emulator.jira;
    const periodMs = (period: string): number => {
      const m = /^(\d+)([dh])$/.exec(period)!;
      return Number(m[1]) * (m[2] === 'd' ? 86_400_000 : 3_600_000);
    };
    let checked = 0;
    for (const p of DEMO_PROJECTS) {
      const autoClose = TEMPLATES[p.template].autoClose;
      if (!autoClose) continue;
      for (const issue of jira.allIssues().filter((i) => i.projectKey === p.key)) {
        const statusChanges = issue.histories.flatMap((h) => h.items.filter((i) => i.field === 'status').map((i) => ({ at: h.created, by: h.author, to: i.toString })));
        const closed = statusChanges.find((c) => c.by === APP_ACCOUNT_ID && c.to === 'Closed');
        if (!closed) continue;
        const resolved = statusChanges.filter((c) => c.to === 'Resolved' && c.at <= closed.at).pop()!;
        const late = closed.at - (resolved.at + periodMs(autoClose.period));
        expect(late).toBeGreaterThanOrEqual(0);
        expect(late).toBeLessThanOrEqual(10 * 60_000);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('ran the app without a single handler error', () => {
    expect(host.emulator.errors).toEqual([]);
  });

  it('leaves the simulated clock at the requested now', () => {
    expect(host.clock.now()).toBe(NOW);
  });
});
