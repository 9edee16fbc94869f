// The local Jira emulator answers the app in Jira's documented shapes: every Jira exchange of a
// realistic session (triggers, sweep with auto-close, panel, admin, queue, reports) is checked
// against the trimmed OpenAPI spec, request and response.

import { AGENT, CUSTOMER, CUSTOMER_EN, DAY, MINUTE, startSite } from '../scenarios/forge-harness';
import { assertMatchesOperation } from './openapi';
import type { RecordedExchange } from './fixture-jira';

type ForgeFetch = (target: { remote?: string }, path: string, init?: { method?: string; body?: string }) => Promise<Response>;

describe('the emulator as Jira, seen through the app', () => {
  it('answers every request of a session in the shapes the spec documents', async () => {
    const site = await startSite({ template: 'altec' });
    const g = globalThis as unknown as { __forge_fetch__: ForgeFetch };
    const inner = g.__forge_fetch__;
    const exchanges: RecordedExchange[] = [];
    g.__forge_fetch__ = async (target, path, init) => {
      const res = await inner(target, path, init);
      if (target.remote === 'jira') {
        const text = await res.clone().text();
        exchanges.push({
          method: (init?.method ?? 'GET').toUpperCase(),
          path,
          requestBody: init?.body ? (JSON.parse(init.body) as unknown) : undefined,
          status: res.status,
          responseBody: text ? (JSON.parse(text) as unknown) : undefined,
        });
      }
      return res;
    };
    try {
      const a = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'a', reporter: CUSTOMER, priority: '1' });
      const b = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'b', reporter: CUSTOMER_EN });
      await site.emu.actions.setField(b.key, 'priority', '2', AGENT);
      await site.emu.actions.comment(a.key, { author: AGENT, body: 'ok' });
      await site.emu.actions.transition(a.key, 'Resolved', AGENT);
      site.advance(40 * MINUTE);
      await site.emu.runSweep();
      site.advance(15 * DAY);
      await site.emu.runSweep();
      await site.panel(b.key);
      await site.call('getQueue', {}, AGENT, { type: 'jira:issuePanel', project: { id: '10000', key: 'SUP' } });
      await site.call('getAdminState', {});
      await site.call('getReport', { from: '2026-03-01', to: '2026-03-31' }, AGENT);
      const barier = await site.call<{ config: unknown }>('applyTemplate', { templateId: 'barier' });
      const saved = await site.call('saveConfig', { config: barier.ok ? barier.data.config : null, baseVersion: 1 });
      expect(saved.ok).toBe(true);
      await site.emu.drainQueue({ ignoreDelays: true });
    } finally {
      g.__forge_fetch__ = inner;
      site.close();
    }
    const problems: string[] = [];
    for (const ex of exchanges) {
      if (ex.status >= 400) continue; // error bodies are not described by the spec's schemas
      try {
        assertMatchesOperation(ex.method, ex.path, { requestBody: ex.requestBody, responseStatus: ex.status, responseBody: ex.responseBody });
      } catch (e) {
        problems.push((e as Error).message);
      }
    }
    expect(exchanges.length).toBeGreaterThan(20);
    expect([...new Set(problems)]).toEqual([]);
  });
});
