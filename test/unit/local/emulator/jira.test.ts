// The emulated Jira through the real @forge/api client: permissions, enhanced search paging,
// bulk changelog, app field writes, product events and ignoreSelf, persistence, faults.
import api, { assumeTrustedRoute, route, type RequestInit } from '@forge/api';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator, type AppHandlers, type Emulator, type EmulatorOptions } from '../../../../local/emulator';

const T0 = Date.UTC(2026, 2, 2, 7, 0);
let now = T0;
let events: Array<{ eventType: string; selfGenerated: boolean; changelog?: { items: Array<{ field: string }> } }>;
let appWork: () => Promise<unknown>;
const ADMIN = '557058:admin-anna';
const AGENT = '557058:agent-ivan';
const CUSTOMER = 'qm:customer-romashka';

const handlers: AppHandlers = {
  uiResolver: async () => appWork(),
  onIssueEvent: async (ev: (typeof events)[number]) => {
    events.push(ev);
  },
  sweep: async () => ({ statusCode: 204 }),
  worker: async () => undefined,
  fieldSuggestions: async () => [],
};

function open(extra: Partial<EmulatorOptions> = {}): Emulator {
  const e = createEmulator({ clock: { now: () => now }, appHandlers: handlers, ...extra });
  e.install();
  return e;
}

let em: Emulator;
beforeEach(() => {
  now = T0;
  events = [];
  appWork = async () => null;
  em = open();
  em.seedSite({ projects: [{ key: 'SUP', name: 'Support' }, { key: 'OPS', name: 'Ops' }] });
});
afterEach(() => em.close());

const asApp = (path: string, init?: RequestInit) => api.asApp().requestJira(assumeTrustedRoute(path), init);
async function json<T>(res: { json(): Promise<unknown> }): Promise<T> {
  return (await res.json()) as T;
}

describe('emulated Jira', () => {
  it('pages an enhanced search with nextPageToken until isLast', async () => {
    for (let i = 0; i < 7; i++) await em.actions.createIssue({ projectKey: 'SUP', summary: `r${i}`, reporter: CUSTOMER });
    const keys: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await api.asApp().requestJira(route`/rest/api/3/search/jql`, { method: 'POST', body: JSON.stringify({ jql: 'project = SUP ORDER BY created ASC', maxResults: 3, fields: ['summary'], ...(token ? { nextPageToken: token } : {}) }) });
      const page = await json<{ issues: Array<{ key: string }>; nextPageToken?: string; isLast: boolean }>(res);
      keys.push(...page.issues.map((i) => i.key));
      token = page.nextPageToken;
      pages++;
      expect(page.isLast).toBe(token === undefined);
    } while (token);
    expect(pages).toBe(3);
    expect(keys).toEqual(['SUP-1', 'SUP-2', 'SUP-3', 'SUP-4', 'SUP-5', 'SUP-6', 'SUP-7']);
  });

  it('rejects an unbounded search, and serves no operation the app does not call (the removed /search included)', async () => {
    const unbounded = await api.asApp().requestJira(route`/rest/api/3/search/jql`, { method: 'POST', body: JSON.stringify({ jql: 'ORDER BY created' }) });
    expect(unbounded.status).toBe(400);
    const old = await api.asApp().requestJira(route`/rest/api/3/search?jql=project=SUP`);
    expect(old.status).toBe(404);
  });

  it('hides an issue with a security level from users outside it, in search, GET and bulkfetch, not from the app', async () => {
    await em.actions.createIssue({ projectKey: 'SUP', summary: 'open', reporter: CUSTOMER });
    const secret = await em.actions.createIssue({ projectKey: 'SUP', summary: 'secret', reporter: CUSTOMER });
    em.jira.setSecurityLevel(secret.key, { id: '10100', name: 'Management', members: [ADMIN] });
    appWork = async () => {
      const search = await json<{ issues: Array<{ key: string }> }>(await api.asUser().requestJira(route`/rest/api/3/search/jql`, { method: 'POST', body: JSON.stringify({ jql: 'project = SUP ORDER BY key ASC', fields: ['key'] }) }));
      const get = await api.asUser().requestJira(route`/rest/api/3/issue/${secret.key}`);
      const bulk = await json<{ issues: Array<{ key: string }> }>(await api.asUser().requestJira(route`/rest/api/3/issue/bulkfetch`, { method: 'POST', body: JSON.stringify({ issueIdsOrKeys: ['SUP-1', secret.key], fields: ['summary'] }) }));
      return { search: search.issues.map((i) => i.key), get: get.status, bulk: bulk.issues.map((i) => i.key) };
    };
    expect(await em.invokeResolver('q', {}, { accountId: AGENT, extension: { type: 'jira:issuePanel' } })).toEqual({ search: ['SUP-1'], get: 404, bulk: ['SUP-1'] });
    expect(await em.invokeResolver('q', {}, { accountId: ADMIN, extension: { type: 'jira:issuePanel' } })).toEqual({ search: ['SUP-1', 'SUP-2'], get: 200, bulk: ['SUP-1', 'SUP-2'] });
    // The reporter outside the level loses it too (Jira grants the reporter only when the level names them).
    expect(await em.invokeResolver('q', {}, { accountId: CUSTOMER, extension: { type: 'jira:issuePanel' } })).toEqual({ search: ['SUP-1'], get: 404, bulk: ['SUP-1'] });
    const asAppSeen = await json<{ issues: unknown[] }>(await asApp('/rest/api/3/search/jql', { method: 'POST', body: JSON.stringify({ jql: 'project = SUP', fields: ['key'] }) }));
    expect(asAppSeen.issues).toHaveLength(2);
  });

  it('shows a customer only the requests they raised, as the user', async () => {
    await em.actions.createIssue({ projectKey: 'SUP', summary: 'mine', reporter: CUSTOMER });
    await em.actions.createIssue({ projectKey: 'SUP', summary: 'theirs', reporter: 'qm:customer-vektor' });
    appWork = async () => json(await api.asUser().requestJira(route`/rest/api/3/search/jql`, { method: 'POST', body: JSON.stringify({ jql: 'project = SUP', fields: ['summary'] }) }));
    const seen = (await em.invokeResolver('q', {}, { accountId: CUSTOMER, extension: { type: 'jira:issuePanel' } })) as { issues: Array<{ fields: { summary: string } }> };
    expect(seen.issues.map((i) => i.fields.summary)).toEqual(['mine']);
    const agentSeen = (await em.invokeResolver('q', {}, { accountId: AGENT, extension: { type: 'jira:issuePanel' } })) as { issues: unknown[] };
    expect(agentSeen.issues).toHaveLength(2);
  });

  it('grants ADMINISTER to the admin only', async () => {
    appWork = async () => {
      const res = await json<{ permissions: { ADMINISTER: { havePermission: boolean } } }>(await api.asUser().requestJira(route`/rest/api/3/mypermissions?permissions=ADMINISTER`));
      return res.permissions.ADMINISTER.havePermission;
    };
    expect(await em.invokeResolver('p', {}, { accountId: ADMIN, extension: { type: 'jira:adminPage' } })).toBe(true);
    expect(await em.invokeResolver('p', {}, { accountId: AGENT, extension: { type: 'jira:adminPage' } })).toBe(false);
  });

  it('checks permissions in bulk as the spec says: another user only for an admin or the app; bad permissions and accounts are 400', async () => {
    em.seedSite({ users: [{ accountId: '557058:agent-sup', displayName: 'SUP only', emailAddress: 's@x.example', locale: 'en_US', timeZone: 'UTC', role: 'agent', projects: ['SUP'] }] });
    const [sup, ops] = [em.jira.project('SUP')!, em.jira.project('OPS')!].map((p) => Number(p.id)) as [number, number];
    const check = (body: unknown) => JSON.stringify(body);
    let asUser: { status: number; body: unknown } = { status: 0, body: null };
    appWork = async () => {
      const res = await api.asUser().requestJira(route`/rest/api/3/permissions/check`, { method: 'POST', body: check(request) });
      asUser = { status: res.status, body: await res.json() };
      return null;
    };
    let request: unknown = { accountId: '557058:agent-sup', projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: [sup, ops] }] };
    // An agent may not ask about someone else; an administrator may.
    await em.invokeResolver('p', {}, { accountId: AGENT, extension: { type: 'jira:adminPage' } });
    expect(asUser.status).toBe(403);
    await em.invokeResolver('p', {}, { accountId: ADMIN, extension: { type: 'jira:adminPage' } });
    expect(asUser).toEqual({ status: 200, body: { globalPermissions: [], projectPermissions: [{ permission: 'BROWSE_PROJECTS', projects: [sup], issues: [] }] } });
    // Without accountId: the caller's own permissions.
    request = { projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: [sup, ops] }], globalPermissions: ['ADMINISTER'] };
    await em.invokeResolver('p', {}, { accountId: AGENT, extension: { type: 'jira:adminPage' } });
    expect(asUser.body).toEqual({ globalPermissions: [], projectPermissions: [{ permission: 'BROWSE_PROJECTS', projects: [sup, ops], issues: [] }] });
    // The app, from its server, may check anyone; invalid project ids are ignored.
    const post = async (body: unknown) => {
      const res = await asApp('/rest/api/3/permissions/check', { method: 'POST', body: check(body) });
      return { status: res.status, body: (await res.json()) as unknown };
    };
    expect(await post({ accountId: CUSTOMER, projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: [sup, 424242] }] })).toEqual({ status: 200, body: { globalPermissions: [], projectPermissions: [{ permission: 'BROWSE_PROJECTS', projects: [], issues: [] }] } });
    expect((await post({ accountId: CUSTOMER, projectPermissions: [{ permissions: ['BROWSE_EVERYTHING'], projects: [sup] }] })).status).toBe(400);
    expect((await post({ accountId: CUSTOMER, projectPermissions: [{ permissions: [''], projects: [sup] }] })).status).toBe(400);
    expect((await post({ accountId: 'nobody', projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: [sup] }] })).status).toBe(400);
    expect((await post({ accountId: CUSTOMER, globalPermissions: ['FLY'] })).status).toBe(400);
    expect((await post({ accountId: CUSTOMER, projectKeys: ['SUP'] })).status).toBe(400);
  });

  it('writes app field values in bulk without firing events the app caused (ignoreSelf)', async () => {
    const { id, key } = await em.actions.createIssue({ projectKey: 'SUP', summary: 'x', reporter: CUSTOMER });
    events = [];
    const res = await api.asApp().requestJira(route`/rest/api/3/app/field/value`, {
      method: 'POST',
      body: JSON.stringify({ updates: [{ customField: 'customfield_10053', issueIds: [Number(id)], value: '2026-03-02T12:00:00.000Z' }] }),
    });
    expect(res.status).toBe(204);
    expect(em.jira.fieldValue(key, 'sla-resolution-due')).toBe('2026-03-02T12:00:00.000Z');
    await em.drainQueue();
    expect(events).toEqual([]);
  });

  it('refuses app field writes made as a user', async () => {
    const { id } = await em.actions.createIssue({ projectKey: 'SUP', summary: 'x', reporter: CUSTOMER });
    appWork = async () =>
      (await api.asUser().requestJira(route`/rest/api/3/app/field/value`, { method: 'POST', body: JSON.stringify({ updates: [{ customField: 'customfield_10053', issueIds: [Number(id)], value: '2026-03-02T12:00:00Z' }] }) })).status;
    expect(await em.invokeResolver('w', {}, { accountId: ADMIN, extension: { type: 'jira:issuePanel' } })).toBe(403);
  });

  it('reports a status change in the changelog and the product event, and resolves on Done', async () => {
    const { key } = await em.actions.createIssue({ projectKey: 'SUP', summary: 'x', reporter: CUSTOMER });
    now += 60_000;
    await em.actions.transition(key, 'Resolved', AGENT);
    expect(events.map((e) => e.eventType)).toEqual(['avi:jira:created:issue', 'avi:jira:updated:issue']);
    expect(events[1]!.changelog!.items.map((i) => i.field)).toEqual(['status', 'resolution']);
    const bulk = await json<{ issueChangeLogs: Array<{ issueId: string; changeHistories: Array<{ items: Array<{ field: string; toString: string | null }> }> }> }>(
      await asApp('/rest/api/3/changelog/bulkfetch', { method: 'POST', body: JSON.stringify({ issueIdsOrKeys: [key], fieldIds: ['status'] }) }),
    );
    expect(bulk.issueChangeLogs[0]!.changeHistories[0]!.items).toEqual([expect.objectContaining({ field: 'status', toString: 'Resolved' })]);
    expect(em.jira.issue(key)!.resolutionDate).toBe(now);
  });

  it('marks an internal comment jsdPublic false and hides it from the customer', async () => {
    const { key } = await em.actions.createIssue({ projectKey: 'SUP', summary: 'x', reporter: CUSTOMER });
    await em.actions.comment(key, { author: AGENT, body: 'internal', internal: true });
    await em.actions.comment(key, { author: AGENT, body: 'public' });
    appWork = async () => json(await api.asUser().requestJira(route`/rest/api/3/issue/${key}/comment`));
    const agent = (await em.invokeResolver('c', {}, { accountId: AGENT, extension: { type: 'jira:issuePanel' } })) as { comments: Array<{ jsdPublic: boolean }> };
    const customer = (await em.invokeResolver('c', {}, { accountId: CUSTOMER, extension: { type: 'jira:issuePanel' } })) as { comments: unknown[] };
    expect(agent.comments.map((c) => c.jsdPublic)).toEqual([false, true]);
    expect(customer.comments).toHaveLength(1);
  });

  it('keeps issues, comments, properties and KVS after a restart on the same file', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'reglament-emu-')), 'db.sqlite');
    em.close();
    em = open({ dbPath });
    em.seedSite({ projects: [{ key: 'SUP', name: 'Support' }] });
    const { key } = await em.actions.createIssue({ projectKey: 'SUP', summary: 'persist me', reporter: CUSTOMER });
    await em.actions.comment(key, { author: AGENT, body: 'hello' });
    await asApp(`/rest/api/3/issue/${key}/properties/reglament-sla`, { method: 'PUT', body: JSON.stringify({ state: 'running' }) });
    em.close();
    em = open({ dbPath });
    expect(em.jira.issue(key)).toMatchObject({ summary: 'persist me', properties: { 'reglament-sla': { state: 'running' } } });
    expect(em.jira.issue(key)!.comments).toHaveLength(1);
    const next = await em.actions.createIssue({ projectKey: 'SUP', summary: 'after restart', reporter: CUSTOMER });
    expect(next.key).toBe('SUP-2');
  });

  it('answers the configured share of calls with 429 and Retry-After, deterministically by seed', async () => {
    em.setFaults({ rate: 0.5, statuses: [429], seed: 42, retryAfterSeconds: 3 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 40; i++) {
      const res = await asApp('/rest/api/3/status');
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    const faulted = statuses.filter((s) => s === 429).length;
    expect(faulted).toBeGreaterThan(8);
    expect(faulted).toBeLessThan(32);
    expect(retryAfter).toBe('3');
    em.setFaults({ rate: 0.5, statuses: [429], seed: 42, retryAfterSeconds: 3 });
    const again: number[] = [];
    for (let i = 0; i < 40; i++) again.push((await asApp('/rest/api/3/status')).status);
    expect(again).toEqual(statuses);
  });

  it('changes nothing when a write is answered with an injected 500', async () => {
    const { key } = await em.actions.createIssue({ projectKey: 'SUP', summary: 'x', reporter: CUSTOMER });
    em.setFaults({ rate: 1, statuses: [500] });
    const res = await asApp(`/rest/api/3/issue/${key}/properties/p`, { method: 'PUT', body: JSON.stringify({ a: 1 }) });
    expect(res.status).toBe(500);
    expect(em.jira.issue(key)!.properties).toEqual({});
  });
});
