import { AGENT, CUSTOMER, CUSTOMER_EN, DAY, HOUR, MINUTE, startSite, type IssueState, type Site } from './forge-harness';

/** A working week of a small support desk: every kind of event, sweeps in between. */
async function week(site: Site): Promise<Record<string, IssueState>> {
  const a = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Касса', reporter: CUSTOMER, priority: '1' });
  const b = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Printer', reporter: CUSTOMER_EN });
  const c = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Отчёт', reporter: CUSTOMER, priority: '3' });
  site.advance(10 * MINUTE);
  await site.emu.actions.comment(a.key, { author: AGENT, body: 'Смотрим' });
  await site.emu.actions.setField(b.key, 'priority', '2', AGENT);
  site.advance(20 * MINUTE);
  await site.emu.runSweep();
  await site.emu.actions.transition(c.key, 'Waiting for customer', AGENT);
  site.advance(2 * HOUR);
  await site.emu.runSweep();
  await site.emu.actions.comment(c.key, { author: CUSTOMER, body: 'Логи во вложении' });
  await site.emu.actions.transition(c.key, 'In Progress', AGENT);
  await site.emu.actions.transition(a.key, 'Resolved', AGENT);
  site.advance(5 * HOUR);
  await site.emu.runSweep();
  site.advance(14 * DAY);
  await Promise.all([site.emu.runSweep(), site.emu.runSweep()]);
  await site.emu.runSweep();
  const out: Record<string, IssueState> = {};
  for (const k of [a.key, b.key, c.key]) out[k] = site.state(k);
  return out;
}

describe('Jira answering 20% of calls with 429 or 500', () => {
  it('ends the week with the same fields, properties, comments and transitions as without faults', async () => {
    const clean = await startSite({ template: 'altec' });
    const expected = await week(clean);
    expect(clean.emu.errors).toEqual([]);
    clean.close();

    const faulty = await startSite({ template: 'altec', faults: { rate: 0.2, statuses: [429, 500], seed: 42 } });
    const actual = await week(faulty);
    const injected = Object.values(faulty.emu.faults.injected).reduce((s, n) => s + n, 0);
    faulty.close();

    expect(injected).toBeGreaterThan(5);
    expect(actual).toEqual(expected);
    // The run did something worth comparing: an auto-close, a breach, an acknowledgement.
    expect(Object.values(expected).map((s) => s.status)).toContain('Closed');
    expect(Object.values(expected).some((s) => s.property?.breached === 'yes')).toBe(true);
    expect(Object.values(expected).some((s) => s.property?.acknowledged)).toBe(true);
  });
});

describe('Jira applying 20% of POSTs and losing the answer (504, dropped connection)', () => {
  it('posts each comment and makes each transition exactly once, as without faults', async () => {
    const clean = await startSite({ template: 'altec' });
    const expected = await week(clean);
    clean.close();
    for (const drop of [false, true]) {
      const faulty = await startSite({ template: 'altec', faults: { rate: 0.2, methods: ['POST'], statuses: [504], applied: 1, drop, seed: 6 } });
      const actual = await week(faulty);
      const lost = Object.entries(faulty.emu.faults.injected).filter(([k]) => k.startsWith('applied-')).reduce((s, [, n]) => s + n, 0);
      const lostWrites = faulty.emu.calls.filter((c) => /\/(comment|transitions)$/.test(c.route) && c.method === 'POST' && (c.status === 504 || c.status === 0)).length;
      faulty.close();
      expect(lost).toBeGreaterThan(3);
      expect(lostWrites).toBeGreaterThan(0);
      expect(actual).toEqual(expected);
    }
  });
});
