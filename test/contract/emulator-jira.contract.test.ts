// The emulator answers every Jira operation the app uses (the trimmed spec's paths) with the
// request and response shapes of the Jira Cloud OpenAPI spec: one validator for both sides.
import { createEmulator, type AppHandlers, type Emulator } from '../../local/emulator';
import { assertMatchesOperation, operationsInSpec } from './openapi';

const NOW = Date.UTC(2026, 2, 2, 7, 0);
const AGENT = '557058:agent-ivan';
const CUSTOMER = 'qm:customer-romashka';
const noApp: AppHandlers = {
  uiResolver: async () => null,
  onIssueEvent: async () => undefined,
  sweep: async () => ({ statusCode: 204 }),
  worker: async () => undefined,
  fieldSuggestions: async () => [],
};

type Fetch = (target: Record<string, unknown>, path: string, init: { method: string; body?: string }) => Promise<Response>;

let em: Emulator;
let issueId = '';
let issueKey = '';
const covered = new Set<string>();

async function exchange(method: string, path: string, body?: unknown, as: 'app' | string = 'app'): Promise<{ status: number; json: unknown; location: string | null }> {
  const fetch = (globalThis as unknown as { __forge_fetch__: Fetch }).__forge_fetch__;
  const target = as === 'app' ? { type: 'fpp', provider: 'app', remote: 'jira' } : { type: 'fpp', provider: 'user', remote: 'jira', accountId: as };
  const res = await fetch(target, path, { method, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  const template = assertMatchesOperation(method, path, { ...(body !== undefined ? { requestBody: body } : { requestBody: undefined }), responseStatus: res.status, responseBody: json });
  covered.add(`${method} ${template}`);
  return { status: res.status, json, location: res.headers.get('location') };
}

beforeAll(async () => {
  em = createEmulator({ clock: { now: () => NOW }, appHandlers: noApp });
  em.install();
  em.seedSite({ projects: [{ key: 'SUP', name: 'Support' }] });
  const created = await em.actions.createIssue({ projectKey: 'SUP', summary: 'Printer offline', description: 'It says PC LOAD LETTER', reporter: CUSTOMER, package: 'basic', priority: '2' });
  issueId = created.id;
  issueKey = created.key;
  await em.actions.comment(issueKey, { author: AGENT, body: 'Looking into it' });
  await em.actions.comment(issueKey, { author: AGENT, body: 'Internal: reproduced', internal: true });
  await em.actions.transition(issueKey, 'In Progress', AGENT);
  await em.actions.setField(issueKey, 'priority', '1', AGENT);
});
afterAll(() => em.close());

describe('emulator responses against the Jira OpenAPI spec', () => {
  it('lists fields with the app fields carrying the extension ARI', async () => {
    const r = await exchange('GET', '/rest/api/3/field');
    expect(r.json).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'customfield_10050', schema: expect.objectContaining({ custom: expect.stringContaining('/static/sla-service-package') }) })]));
  });

  it('answers an enhanced search with fields, changelog and properties', async () => {
    const body = { jql: 'project = SUP AND statusCategory != Done ORDER BY created DESC', fields: ['summary', 'status', 'created', 'reporter', 'priority', 'comment', 'customfield_10050', 'customfield_10051'], expand: 'changelog', properties: ['reglament-sla'], maxResults: 50 };
    const r = await exchange('POST', '/rest/api/3/search/jql', body);
    expect(r.status).toBe(200);
    const next = await exchange('POST', '/rest/api/3/search/jql', { jql: 'project = SUP', fields: ['summary'], maxResults: 1 });
    expect(next.json).toMatchObject({ isLast: true });
  });

  it('returns an issue, its comments and its transitions', async () => {
    await exchange('GET', `/rest/api/3/issue/${issueKey}?fields=summary,status,comment&expand=changelog`);
    await exchange('GET', `/rest/api/3/issue/${issueKey}/comment?orderBy=created&startAt=0&maxResults=100`);
    await exchange('GET', `/rest/api/3/issue/${issueKey}/transitions`);
    await exchange('GET', `/rest/api/3/issue/${issueKey}/editmeta`);
  });

  it('accepts a comment (internal through sd.public.comment) and a transition', async () => {
    const c = await exchange('POST', `/rest/api/3/issue/${issueKey}/comment`, {
      body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'ack' }] }] },
      properties: [{ key: 'sd.public.comment', value: { internal: true } }],
    });
    expect(c.status).toBe(201);
    const t = await exchange('POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id: '41' } });
    expect(t.status).toBe(204);
  });

  it('sends a notification to the assignee and watchers, and adds a label', async () => {
    const issue = em.jira.issue(issueKey)!;
    issue.assignee = AGENT;
    issue.watchers = ['557058:admin-anna'];
    const n = await exchange('POST', `/rest/api/3/issue/${issueKey}/notify`, {
      subject: 'SUP-1: SLA breached',
      textBody: 'The reaction goal is breached.',
      htmlBody: '<p>The reaction goal is breached.</p>',
      to: { assignee: true, watchers: true, reporter: false },
    });
    expect(n.status).toBe(204);
    expect(em.jira.notifications.at(-1)).toEqual(expect.objectContaining({ issueKey, subject: 'SUP-1: SLA breached', recipients: [AGENT, '557058:admin-anna'] }));
    expect((await exchange('PUT', `/rest/api/3/issue/${issueId}`, { update: { labels: [{ add: 'sla-breached' }] } })).status).toBe(204);
    expect((await exchange('PUT', `/rest/api/3/issue/${issueId}`, { update: { labels: [{ add: 'sla-breached' }] } })).status).toBe(204);
    expect(em.jira.issue(issueKey)!.labels).toEqual(['sla-breached']);
    expect((await exchange('PUT', `/rest/api/3/issue/${issueId}`, { update: { labels: [{ add: 'two words' }] } })).status).toBe(400);
  });

  it('fetches issues in bulk, leaving out those that do not exist', async () => {
    const r = await exchange('POST', '/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: [issueId, 'SUP-999'], fields: ['summary', 'status'], properties: ['reglament-sla'] });
    expect(r.json).toEqual({ issues: [expect.objectContaining({ id: issueId, key: issueKey, fields: expect.objectContaining({ summary: 'Printer offline' }) })], issueErrors: [] });
    expect((await exchange('POST', '/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: Array.from({ length: 101 }, (_, i) => String(i + 1)) })).status).toBe(400);
  });

  it('fetches changelogs in bulk', async () => {
    const r = await exchange('POST', '/rest/api/3/changelog/bulkfetch', { issueIdsOrKeys: [issueId], fieldIds: ['status'], maxResults: 1000 });
    expect(r.status).toBe(200);
  });

  it('writes app field values and issue properties (single and bulk)', async () => {
    expect((await exchange('POST', '/rest/api/3/app/field/value?generateChangelog=false', { updates: [{ customField: 'customfield_10052', issueIds: [Number(issueId)], value: '2026-03-02T12:00:00.000Z' }] })).status).toBe(204);
    expect((await exchange('PUT', `/rest/api/3/issue/${issueId}/properties/reglament-sla`, { state: 'running', nextCheckAt: '2026-03-02T12:00:00.000Z' })).status).toBeLessThan(300);
    expect(em.jira.issue(issueKey)!.properties['reglament-sla']).toEqual({ state: 'running', nextCheckAt: '2026-03-02T12:00:00.000Z' });
    const multi = await exchange('POST', '/rest/api/3/issue/properties/multi', { issues: [{ issueID: Number(issueId), properties: { 'reglament-sla': { state: 'met' } } }] });
    expect(multi.status).toBe(303);
    const task = new URL(multi.location!).pathname;
    expect((await exchange('GET', task)).json).toEqual(expect.objectContaining({ status: 'RUNNING' }));
    expect((await exchange('GET', task)).json).toEqual(expect.objectContaining({ status: 'COMPLETE' }));
  });

  it('describes users, their groups, statuses, projects and permissions', async () => {
    await exchange('GET', `/rest/api/3/user?accountId=${encodeURIComponent(AGENT)}`);
    await exchange('GET', `/rest/api/3/user/groups?accountId=${encodeURIComponent(AGENT)}`);
    await exchange('GET', '/rest/api/3/status');
    await exchange('GET', '/rest/api/3/project/search?startAt=0&maxResults=50');
    const p = await exchange('GET', `/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,ADMINISTER&issueKey=${issueKey}`, undefined, CUSTOMER);
    expect(p.json).toMatchObject({ permissions: { BROWSE_PROJECTS: { havePermission: true }, ADMINISTER: { havePermission: false } } });
    const project = em.jira.project('SUP')!;
    const bulk = await exchange('POST', '/rest/api/3/permissions/check', { accountId: CUSTOMER, projectPermissions: [{ permissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES'], projects: [Number(project.id), 999999] }] });
    expect(bulk.json).toEqual({ globalPermissions: [], projectPermissions: [{ permission: 'BROWSE_PROJECTS', projects: [], issues: [] }, { permission: 'CREATE_ISSUES', projects: [Number(project.id)], issues: [] }] });
  });

  it('answers errors with documented statuses', async () => {
    const missing = await exchange('GET', '/rest/api/3/issue/SUP-999');
    expect(missing.status).toBe(404);
    const hidden = await exchange('GET', `/rest/api/3/issue/${issueKey}`, undefined, 'qm:customer-vektor');
    expect(hidden.status).toBe(404);
  });

  it('covers every operation of the trimmed spec (the operations the app calls)', () => {
    const all = operationsInSpec().map(([m, p]) => `${m} ${p}`);
    expect(all.filter((op) => !covered.has(op))).toEqual([]);
  });
});

describe('the emulator serves nothing outside the operations the app calls', () => {
  it.each([
    ['GET', '/rest/api/3/myself'],
    ['GET', '/rest/api/3/priority'],
    ['GET', '/rest/api/3/search?jql=project=SUP'],
    ['GET', '/rest/api/3/search/jql?jql=project=SUP'],
    ['POST', '/rest/api/3/search/approximate-count'],
    ['PUT', '/rest/api/3/app/field/customfield_10054/value'],
    ['GET', '/rest/api/3/issue/SUP-1/changelog'],
    ['DELETE', '/rest/api/3/issue/SUP-1/properties/reglament-sla'],
  ])('answers 404 to %s %s', async (method, path) => {
    const fetch = (globalThis as unknown as { __forge_fetch__: Fetch }).__forge_fetch__;
    const res = await fetch({ type: 'fpp', provider: 'app', remote: 'jira' }, path, { method, ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }) });
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/serves only the Jira operations the app calls/);
  });
});
