// The app on an emulator that answers as Jira and Forge do (issues 10 and 16): field values that
// conform to the manifest schema, reads by id that survive a deleted issue, statuses by id.
// The journal module imports the Custom UI bridge, which needs a browser host; its Jira calls go through the injected `post` here.
jest.mock('@forge/bridge', () => ({ requestJira: () => Promise.reject(new Error('no Custom UI bridge in Node')) }));

import { JOURNAL_LIMITS, loadJournal, type JiraPost } from '../../static/reports/src/journal';
import type { ReportRow } from '../../src/domain/report';
import type { RecomputeProgress } from '../../src/shared/contract';
import { assertMatchesOperation } from '../contract/openapi';
import { AGENT, CUSTOMER, CUSTOMER_EN, OTHER_CUSTOMER, startSite, type Site } from './forge-harness';

function seed(site: Site, n: number): void {
  const hook = site.emu.jira.onChange;
  site.emu.jira.onChange = null;
  for (let i = 0; i < n; i++) site.emu.jira.createIssue({ projectKey: 'SUP', summary: `r${i}`, reporter: CUSTOMER, custom: { 'sla-priority': { id: String((i % 4) + 1) } } });
  site.emu.jira.onChange = hook;
}

async function resave(site: Site): Promise<RecomputeProgress> {
  const state = await site.call<{ version: number; config: unknown }>('getAdminState', {});
  if (!state.ok) throw new Error(state.error.message);
  const saved = await site.call<{ version: number; progress: RecomputeProgress }>('saveConfig', { config: state.data.config, baseVersion: state.data.version });
  if (!saved.ok) throw new Error(saved.error.message);
  return saved.data.progress;
}

describe('SLA state field values conform to the manifest schema', () => {
  let site: Site;
  beforeEach(async () => {
    site = await startSite({ template: 'altec' });
  });
  afterEach(() => site.close());

  it('writes a state with no next check (nothing scheduled) without the key, and Forge accepts it', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Printer', reporter: CUSTOMER_EN, priority: '2' });
    await site.emu.actions.transition(key, 'Closed', AGENT);
    const s = site.state(key);
    expect(s.property?.nextCheckAt).toBeNull();
    expect(s.stateField).toEqual(expect.objectContaining({ state: expect.any(String), breached: expect.any(String), paused: expect.any(String) }));
    expect(s.stateField).not.toHaveProperty('nextCheck');
    expect(site.emu.errors).toEqual([]);
  });

  it('writes a next check that JQL finds as a date ("SLA state".NextCheck <= now(), searchType: date)', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Printer', reporter: CUSTOMER_EN, priority: '2' });
    const next = site.state(key).stateField?.nextCheck;
    expect(next).toEqual(expect.any(String));
    const search = (jql: string) => site.emu.jira.handle('POST', '/rest/api/3/search/jql', JSON.stringify({ jql, fields: ['summary'] }), { kind: 'app' });
    const find = () => ((search('"SLA state".NextCheck <= now()').body as { issues: Array<{ key: string }> }).issues ?? []).map((i) => i.key);
    expect(find()).toEqual([]);
    site.advance(Date.parse(next!) - site.now() + 1000);
    expect(find()).toEqual([key]);
  });

  it('posts no acknowledgement when Jira refuses the field write (the values were never stored)', async () => {
    // A field whose schema the app's value cannot meet: every write of it is refused with 400.
    const field = site.emu.manifest.fields.find((f) => f.moduleKey === 'sla-state')!;
    field.schema = { ...field.schema, required: ['neverWritten'] };
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Printer', reporter: CUSTOMER_EN });
    await site.emu.actions.setField(key, 'priority', '2', AGENT);
    await site.emu.actions.comment(key, { author: AGENT, body: 'On it' });
    await site.emu.runSweep();
    expect(site.emu.errors.length).toBeGreaterThan(0);
    expect(site.state(key).comments.filter((c) => c.author !== AGENT)).toEqual([]);
  });
});

describe('full recompute reads its chunks by id with bulk fetch', () => {
  let site: Site;
  beforeEach(async () => {
    site = await startSite({ template: 'altec' });
    seed(site, 250);
  });
  afterEach(() => site.close());

  it('finishes when issues are deleted between the plan and their chunk (an `id in (…)` search would fail the chunk)', async () => {
    const started = await resave(site);
    await site.emu.drainQueue({ ignoreDelays: true, maxDeliveries: 1 }); // the plan only
    for (const key of ['SUP-5', 'SUP-150']) expect(site.emu.jira.deleteIssue(key)).toBe(true);
    const drained = await site.emu.drainQueue({ ignoreDelays: true });
    const p = await site.call<RecomputeProgress>('getRecomputeProgress', { jobId: started.jobId });
    expect(p.ok && p.data).toEqual(expect.objectContaining({ total: 250, done: 250, failed: 0, state: 'done' }));
    expect(drained.retried).toBe(0);
    const withProperty = site.emu.jira.allIssues().filter((i) => i.properties['reglament-sla'] !== undefined).length;
    expect(withProperty).toBe(248);
  });
});

describe('statuses: checked against the site when saved, searched by id', () => {
  let site: Site;
  beforeEach(async () => {
    site = await startSite({ template: 'altec' });
  });
  afterEach(() => site.close());

  it('refuses to save a configuration naming a status the site does not have, next to the status roles', async () => {
    const state = await site.call<{ version: number; config: { statuses: Record<string, string[]> } }>('getAdminState', {});
    if (!state.ok) throw new Error(state.error.message);
    const config = { ...state.data.config, statuses: { ...state.data.config.statuses, resolved: ['Resolved', 'Решено'] } };
    const saved = await site.call('saveConfig', { config, baseVersion: state.data.version });
    expect(saved.ok).toBe(false);
    if (saved.ok) return;
    expect(saved.error.code).toBe('INVALID_CONFIG');
    expect(saved.error.issues).toEqual([{ path: 'statuses.resolved[1]', message: expect.stringContaining('"Решено"') }]);
    const after = await site.call<{ version: number }>('getAdminState', {});
    expect(after.ok && after.data.version).toBe(state.data.version);
  });

  it('refuses to save a configuration for a project the site does not have (its plan search would be refused)', async () => {
    const t = await site.call<{ config: unknown }>('applyTemplate', { templateId: 'altec' });
    if (!t.ok) throw new Error(t.error.message);
    const saved = await site.call('saveConfig', { scope: 'NOPE', config: t.data.config, baseVersion: null });
    expect(saved.ok ? 'ok' : [saved.error.code, saved.error.issues]).toEqual(['NOT_FOUND', [{ path: 'scope', message: expect.any(String) }]]);
  });

  it('plans a full recompute by status id, so a status renamed after the save does not fail the JQL', async () => {
    for (let i = 0; i < 3; i++) {
      const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: `r${i}`, reporter: CUSTOMER, priority: '2' });
      if (i === 0) await site.emu.actions.transition(key, 'Resolved', AGENT);
    }
    await site.emu.drainQueue({ ignoreDelays: true });
    const state = await site.call<{ version: number; config: unknown }>('getAdminState', {});
    if (!state.ok) throw new Error(state.error.message);
    const saved = await site.call<{ progress: RecomputeProgress }>('saveConfig', { config: state.data.config, baseVersion: state.data.version });
    if (!saved.ok) throw new Error(saved.error.message);
    // Renamed in Jira between the save and the plan: the name in the configuration no longer exists.
    site.emu.jira.statuses = site.emu.jira.statuses.map((s) => (s.name === 'Resolved' ? { ...s, name: 'Resolved (renamed)' } : s));
    await site.emu.drainQueue({ ignoreDelays: true });
    const p = await site.call<RecomputeProgress>('getRecomputeProgress', { jobId: saved.data.progress.jobId });
    expect(p.ok && p.data).toEqual(expect.objectContaining({ total: 2, done: 2, failed: 0, state: 'done' }));
    expect(site.emu.errors).toEqual([]);
  });
});

describe('Reports journal reads Jira as the viewer with bulk fetches', () => {
  let site: Site;
  beforeEach(async () => {
    site = await startSite({ template: 'barier' });
  });
  afterEach(() => site.close());

  const row = (key: string, createdMs: number): ReportRow => ({
    key, project: 'SUP', createdMs, month: '2026-03', package: null, priority: '2', customer: 'romashka', agent: null,
    reaction: null, resolution: null, followUp: [], pausedMinutes: 0, computedAtMs: createdMs, answers: 0, accountedMinutes: 0,
  });
  /** The bridge's requestJira as `accountId`, answered by the emulated Jira and checked against the spec. */
  const asViewer = (accountId: string, seen: string[]): JiraPost => async (path, body) => {
    const r = site.emu.jira.handle('POST', path, JSON.stringify(body), { kind: 'user', accountId });
    assertMatchesOperation('POST', path, { requestBody: body, responseStatus: r.status, responseBody: r.body });
    seen.push(path);
    if (r.status >= 300) throw new Error(`Jira answered ${r.status} to ${path}`);
    return r.body;
  };

  it('builds the journal when a listed request was deleted, and follows the changelog pages to every status change', async () => {
    const keys: string[] = [];
    for (let i = 0; i < 3; i++) keys.push((await site.emu.actions.createIssue({ projectKey: 'SUP', summary: `Request ${i}`, reporter: CUSTOMER })).key);
    // More status changes than one page of changes (and than the 40 an issue's expand=changelog carries).
    const moves = JOURNAL_LIMITS.changelogPage + 5;
    for (let i = 0; i < moves; i++) site.emu.jira.transitionTo(site.emu.jira.issue(keys[0]!)!, i % 2 === 0 ? 'In Progress' : 'Open', { by: AGENT, selfGenerated: false });
    site.emu.jira.deleteIssue(keys[2]!);
    const seen: string[] = [];
    const rows = keys.map((k, i) => row(k, site.now() + i));
    const entries = await loadJournal(rows, 'en', asViewer(AGENT, seen));
    expect(entries.map((e) => e.key)).toEqual([keys[0], keys[1]]);
    expect(entries[0]!.progress.filter((p) => p.text.startsWith('Status:'))).toHaveLength(moves);
    expect(seen.filter((p) => p === '/rest/api/3/changelog/bulkfetch').length).toBe(2);
    expect(seen).not.toContain('/rest/api/3/search/jql');
  });

  it('leaves out a request the viewer may not browse instead of failing the whole journal', async () => {
    const mine = (await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'mine', reporter: CUSTOMER })).key;
    const theirs = (await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'theirs', reporter: OTHER_CUSTOMER })).key;
    const entries = await loadJournal([row(mine, site.now()), row(theirs, site.now() + 1)], 'ru', asViewer(CUSTOMER, []));
    expect(entries.map((e) => e.key)).toEqual([mine]);
  });
});
