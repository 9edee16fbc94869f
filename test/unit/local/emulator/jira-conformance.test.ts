// The emulated Jira refuses or trims what the Jira Cloud spec and Forge's documentation say the
// platform refuses or trims (issues 10 and 16): search fields, app custom-field schemas, `id in`
// with a missing issue, unknown status names in JQL, bulk fetch of issues.
import api, { assumeTrustedRoute, type RequestInit } from '@forge/api';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator, type AppHandlers, type Emulator } from '../../../../local/emulator';
import { loadManifest } from '../../../../local/emulator/manifest';

const T0 = Date.UTC(2026, 2, 2, 7, 0);
const CUSTOMER = 'qm:customer-romashka';
const OTHER_CUSTOMER = 'qm:customer-vektor';
let appWork: () => Promise<unknown> = async () => null;
const handlers: AppHandlers = {
  uiResolver: async () => appWork(),
  onIssueEvent: async () => undefined,
  sweep: async () => ({ statusCode: 204 }),
  worker: async () => undefined,
  fieldSuggestions: async () => [],
};

let em: Emulator;
beforeEach(() => {
  appWork = async () => null;
  em = createEmulator({ clock: { now: () => T0 }, appHandlers: handlers });
  em.install();
  em.seedSite({ projects: [{ key: 'SUP', name: 'Support' }] });
});
afterEach(() => em.close());

async function call<T = unknown>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const res = await api.asApp().requestJira(assumeTrustedRoute(path), init);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}
const post = <T = unknown>(path: string, body: unknown) => call<T>(path, { method: 'POST', body: JSON.stringify(body) });
const put = <T = unknown>(path: string, body: unknown) => call<T>(path, { method: 'PUT', body: JSON.stringify(body) });

type Hits = { issues: Array<Record<string, unknown>>; isLast: boolean };

describe('enhanced search returns only the fields asked for', () => {
  beforeEach(async () => {
    await em.actions.createIssue({ projectKey: 'SUP', summary: 'one', reporter: CUSTOMER });
    await em.actions.createIssue({ projectKey: 'SUP', summary: 'two', reporter: CUSTOMER });
  });

  it('fields ["id"] and the default (no fields) return ids only: no key, self or fields', async () => {
    for (const body of [{ jql: 'project = SUP ORDER BY key ASC', fields: ['id'] }, { jql: 'project = SUP ORDER BY key ASC' }]) {
      const r = await post<Hits>('/rest/api/3/search/jql', body);
      expect(r.status).toBe(200);
      expect(r.body.issues).toEqual([{ id: expect.any(String) }, { id: expect.any(String) }]);
    }
  });

  it('ids with requested properties carry the properties and nothing else', async () => {
    const issue = em.jira.issue('SUP-1')!;
    await put(`/rest/api/3/issue/${issue.id}/properties/reglament-sla`, { state: 'running' });
    const r = await post<Hits>('/rest/api/3/search/jql', { jql: 'key = SUP-1', fields: ['id'], properties: ['reglament-sla'] });
    expect(r.body.issues).toEqual([{ id: String(issue.id), properties: { 'reglament-sla': { state: 'running' } } }]);
  });

  it('named fields return the issue bean with exactly those fields; *all returns all', async () => {
    const r = await post<Hits>('/rest/api/3/search/jql', { jql: 'key = SUP-1', fields: ['summary'] });
    expect(r.body.issues[0]).toEqual(expect.objectContaining({ id: expect.any(String), key: 'SUP-1', fields: { summary: 'one' } }));
    const all = await post<Hits>('/rest/api/3/search/jql', { jql: 'key = SUP-1', fields: ['*all', '-comment'] });
    const fields = all.body.issues[0]!.fields as Record<string, unknown>;
    expect(fields).toEqual(expect.objectContaining({ summary: 'one', status: expect.any(Object), created: expect.any(String) }));
    expect(fields).not.toHaveProperty('comment');
  });
});

describe('app custom-field writes are checked against the manifest type and schema (Forge answers 400)', () => {
  let issueId = 0;
  let otherId = 0;
  beforeEach(async () => {
    issueId = Number((await em.actions.createIssue({ projectKey: 'SUP', summary: 'one', reporter: CUSTOMER })).id);
    otherId = Number((await em.actions.createIssue({ projectKey: 'SUP', summary: 'two', reporter: CUSTOMER })).id);
  });
  const state = () => em.jira.field('sla-state')!.id;
  const due = () => em.jira.field('sla-reaction-due')!.id;

  it('refuses a null where the schema says string (nextCheck: date-time string), and applies nothing of the request', async () => {
    const r = await post<{ errorMessages: string[] }>('/rest/api/3/app/field/value', {
      updates: [
        { customField: due(), issueIds: [otherId], value: '2026-03-02T12:00:00.000Z' },
        { customField: state(), issueIds: [issueId], value: { state: 'met', breached: 'no', paused: 'no', nextCheck: null } },
      ],
    });
    expect(r.status).toBe(400);
    expect(r.body.errorMessages.join(' ')).toMatch(/nextCheck must be string/);
    expect(em.jira.fieldValue('SUP-2', 'sla-reaction-due')).toBeNull();
    expect(em.jira.fieldValue('SUP-1', 'sla-state')).toBeNull();
  });

  it('refuses a wrong property type or a date-time that is not one; accepts a value without the optional key', async () => {
    const write = (value: unknown) => post('/rest/api/3/app/field/value', { updates: [{ customField: state(), issueIds: [issueId], value }] });
    expect((await write({ state: 'met', breached: true, paused: 'no' })).status).toBe(400);
    expect((await write({ state: 'met', breached: 'no', paused: 'no', nextCheck: 'tomorrow' })).status).toBe(400);
    expect((await write({ state: 'met', breached: 'no', paused: 'no' })).status).toBe(204);
    expect((await write({ state: 'running', breached: 'no', paused: 'no', nextCheck: '2026-03-02T12:00:00Z' })).status).toBe(204);
    expect(em.jira.fieldValue('SUP-1', 'sla-state')).toEqual({ state: 'running', breached: 'no', paused: 'no', nextCheck: '2026-03-02T12:00:00Z' });
  });

  it('checks an app field edited through PUT /issue/{issueIdOrKey} the same way, and the field type of plain fields', async () => {
    const pkg = em.jira.field('sla-service-package')!.id;
    const edit = await put(`/rest/api/3/issue/${issueId}`, { fields: { [pkg]: 42 } });
    expect(edit.status).toBe(400);
    expect(em.jira.fieldValue('SUP-1', 'sla-service-package')).toBeNull();
    const notDate = await post('/rest/api/3/app/field/value', { updates: [{ customField: due(), issueIds: [issueId], value: 'soon' }] });
    expect(notDate.status).toBe(400);
    const cleared = await post('/rest/api/3/app/field/value', { updates: [{ customField: due(), issueIds: [issueId], value: null }] });
    expect(cleared.status).toBe(204);
  });
});

describe('the Service package / SLA priority fields hold { id, name } objects (manifest schema)', () => {
  it('refuses a bare string, a value without id and unknown keys, through the app-field API, an issue edit and issue create', async () => {
    const issueId = Number((await em.actions.createIssue({ projectKey: 'SUP', summary: 'one', reporter: CUSTOMER })).id);
    const pkg = em.jira.field('sla-service-package')!.id;
    const write = (value: unknown) => post('/rest/api/3/app/field/value', { updates: [{ customField: pkg, issueIds: [issueId], value }] });
    expect((await write('basic')).status).toBe(400);
    expect((await write({ name: 'Базовый' })).status).toBe(400);
    expect((await write({ id: 'basic', name: 'Базовый', colour: 'red' })).status).toBe(400);
    expect((await write({ id: '' })).status).toBe(400);
    expect((await put(`/rest/api/3/issue/${issueId}`, { fields: { [pkg]: 'basic' } })).status).toBe(400);
    expect(em.jira.fieldValue('SUP-1', 'sla-service-package')).toBeNull();
    expect(() => em.jira.createIssue({ projectKey: 'SUP', summary: 'two', reporter: CUSTOMER, custom: { 'sla-priority': '2' } })).toThrow(/takes a JSON object/);
    expect((await write({ id: 'basic', name: 'Базовый' })).status).toBe(204);
    expect((await put(`/rest/api/3/issue/${issueId}`, { fields: { [em.jira.field('sla-priority')!.id]: { id: '2' } } })).status).toBe(204);
    expect(em.jira.fieldValue('SUP-1', 'sla-service-package')).toEqual({ id: 'basic', name: 'Базовый' });
    // The changelog carries the object's JSON, from which the app reads the id.
    const items = em.jira.issue('SUP-1')!.histories.flatMap((h) => h.items).filter((i) => i.fieldId === pkg);
    expect(items.at(-1)?.toString).toBe('{"id":"basic","name":"Базовый"}');
  });

  it('JQL searches the object by its properties: "Service package".Id and .Name', async () => {
    await em.actions.createIssue({ projectKey: 'SUP', summary: 'one', reporter: CUSTOMER, package: { id: 'basic', name: 'Базовый' } });
    await em.actions.createIssue({ projectKey: 'SUP', summary: 'two', reporter: CUSTOMER, package: { id: 'optimal', name: 'Оптимальный' } });
    const keys = async (jql: string) => (await post<Hits>('/rest/api/3/search/jql', { jql, fields: ['summary'] })).body.issues.map((i) => (i as { key: string }).key);
    expect(await keys('"Service package".Id = basic')).toEqual(['SUP-1']);
    expect(await keys('"Service package".Name = "Оптимальный"')).toEqual(['SUP-2']);
  });
});

describe('issue keys and ids in JQL must exist and be visible (Jira answers 400 for the whole query)', () => {
  beforeEach(async () => {
    for (const [summary, reporter] of [['one', CUSTOMER], ['two', CUSTOMER], ['theirs', OTHER_CUSTOMER]] as const) await em.actions.createIssue({ projectKey: 'SUP', summary, reporter });
  });

  it('refuses id in (…) and issuekey in (…) naming a deleted issue, instead of skipping it', async () => {
    const one = em.jira.issue('SUP-1')!.id;
    const two = em.jira.issue('SUP-2')!.id;
    expect((await post<Hits>('/rest/api/3/search/jql', { jql: `id in (${one}, ${two})` })).body.issues).toHaveLength(2);
    expect(em.jira.deleteIssue('SUP-2')).toBe(true);
    const byId = await post<{ errorMessages: string[] }>('/rest/api/3/search/jql', { jql: `id in (${one}, ${two})` });
    expect(byId.status).toBe(400);
    expect(byId.body.errorMessages[0]).toMatch(new RegExp(`An issue with key '${two}' does not exist`));
    const byKey = await post<{ errorMessages: string[] }>('/rest/api/3/search/jql', { jql: 'issuekey in (SUP-1, SUP-2)', fields: ['summary'] });
    expect(byKey.status).toBe(400);
    expect((await post('/rest/api/3/search/jql', { jql: 'key = SUP-2', fields: ['id'] })).status).toBe(400);
  });

  it('refuses a key the searching user may not browse, as if it did not exist', async () => {
    appWork = async () => {
      const res = await api.asUser().requestJira(assumeTrustedRoute('/rest/api/3/search/jql'), { method: 'POST', body: JSON.stringify({ jql: 'key in (SUP-1, SUP-3)', fields: ['summary'] }) });
      return { status: res.status };
    };
    expect(await em.invokeResolver('q', {}, { accountId: CUSTOMER, extension: { type: 'jira:issuePanel' } })).toEqual({ status: 400 });
    expect(await em.invokeResolver('q', {}, { accountId: OTHER_CUSTOMER, extension: { type: 'jira:issuePanel' } })).toEqual({ status: 400 });
  });

  it('bulk fetch leaves deleted and hidden issues out, in ascending id order, at most 100 a call', async () => {
    em.jira.deleteIssue('SUP-2');
    const r = await post<{ issues: Array<{ key: string; fields: Record<string, unknown> }>; issueErrors: unknown[] }>('/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: ['SUP-3', 'sup-1', 'SUP-2', '99999'], fields: ['summary'] });
    expect(r.status).toBe(200);
    expect(r.body.issues.map((i) => [i.key, i.fields])).toEqual([['SUP-1', { summary: 'one' }], ['SUP-3', { summary: 'theirs' }]]);
    expect(r.body.issueErrors).toEqual([]);
    expect((await post('/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: [] })).status).toBe(400);
    // expand=changelog carries at most the 40 most recent changes (the rest: POST /changelog/bulkfetch).
    const one = em.jira.issue('SUP-1')!;
    for (let i = 0; i < 45; i++) em.jira.transitionTo(one, i % 2 === 0 ? 'In Progress' : 'Open', { by: '557058:agent-ivan', selfGenerated: false });
    const withLog = await post<{ issues: Array<{ changelog: { histories: unknown[]; total: number } }> }>('/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: ['SUP-1'], fields: ['summary'], expand: ['changelog'] });
    expect([withLog.body.issues[0]!.changelog.histories.length, withLog.body.issues[0]!.changelog.total]).toEqual([40, one.histories.length]);
    expect((await post('/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: Array.from({ length: 101 }, (_, i) => `SUP-${i + 1}`) })).status).toBe(400);
    appWork = async () => {
      const res = await api.asUser().requestJira(assumeTrustedRoute('/rest/api/3/issue/bulkfetch'), { method: 'POST', body: JSON.stringify({ issueIdsOrKeys: ['SUP-1', 'SUP-3'], fields: ['summary'] }) });
      return ((await res.json()) as { issues: Array<{ key: string }> }).issues.map((i) => i.key);
    };
    expect(await em.invokeResolver('q', {}, { accountId: OTHER_CUSTOMER, extension: { type: 'jira:issuePanel' } })).toEqual(['SUP-3']);
  });
});

describe('status names and ids in JQL must exist on the site', () => {
  beforeEach(async () => {
    await em.actions.createIssue({ projectKey: 'SUP', summary: 'one', reporter: CUSTOMER });
  });

  it('refuses a status the site does not have (by name or id); accepts known names and ids', async () => {
    const unknown = await post<{ errorMessages: string[] }>('/rest/api/3/search/jql', { jql: 'project = SUP AND (statusCategory != Done OR status in ("Resolved", "Done-ish"))' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errorMessages[0]).toMatch(/'Done-ish' does not exist for the field 'status'/);
    expect((await post('/rest/api/3/search/jql', { jql: 'status = 99999' })).status).toBe(400);
    expect((await post<Hits>('/rest/api/3/search/jql', { jql: 'status in ("Open", 5)' })).body.issues).toHaveLength(1);
  });
});

describe('object field properties in JQL take their type from searchType', () => {
  it('searches "SLA state".NextCheck as a date (manifest: searchType: date); a format alone does not make a date', async () => {
    expect(em.manifest.fields.find((f) => f.moduleKey === 'sla-state')!.properties.NextCheck).toEqual({ name: 'nextCheck', type: 'date' });
    const ids = [];
    for (let i = 0; i < 2; i++) ids.push(Number((await em.actions.createIssue({ projectKey: 'SUP', summary: `r${i}`, reporter: CUSTOMER })).id));
    const state = em.jira.field('sla-state')!.id;
    const write = (issueId: number, nextCheck: string) => post('/rest/api/3/app/field/value', { updates: [{ customField: state, issueIds: [issueId], value: { state: 'running', breached: 'no', paused: 'no', nextCheck } }] });
    expect((await write(ids[0]!, '2026-03-02T06:00:00Z')).status).toBe(204);
    expect((await write(ids[1]!, '2026-03-02T09:00:00Z')).status).toBe(204);
    const due = await post<Hits>('/rest/api/3/search/jql', { jql: '"SLA state".NextCheck <= now()', fields: ['summary'] });
    expect(due.body.issues.map((i) => i.key)).toEqual(['SUP-1']);
    const later = await post<Hits>('/rest/api/3/search/jql', { jql: '"SLA state".NextCheck > "-2h" AND "SLA state".NextCheck < 4h', fields: ['summary'] });
    expect(later.body.issues.map((i) => i.key).sort()).toEqual(['SUP-1', 'SUP-2']);
  });

  it('reads the property type from the manifest: searchType wins, else the JSON type', () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    const file = join(dir, 'manifest.yml');
    writeFileSync(
      file,
      [
        'modules:',
        '  jira:customField:',
        '    - key: f',
        '      name: F',
        '      description: F',
        '      type: object',
        '      schema:',
        '        type: object',
        '        properties:',
        '          at: { type: string, format: date-time, searchAlias: At }',
        '          when: { type: string, format: date-time, searchType: date, searchAlias: When }',
        '          n: { type: integer, searchAlias: N }',
        'app: { id: "ari:cloud:ecosystem::app/x" }',
        '',
      ].join('\n'),
    );
    const props = loadManifest(file).fields[0]!.properties;
    expect([props.At!.type, props.When!.type, props.N!.type]).toEqual(['string', 'date', 'number']);
  });
});

describe('projects and status categories in JQL must exist', () => {
  it('refuses an unknown project or status category, as Jira does', async () => {
    await em.actions.createIssue({ projectKey: 'SUP', summary: 'one', reporter: CUSTOMER });
    const noProject = await post<{ errorMessages: string[] }>('/rest/api/3/search/jql', { jql: 'project in (SUP, NOPE) AND statusCategory != Done' });
    expect(noProject.status).toBe(400);
    expect(noProject.body.errorMessages[0]).toMatch(/'NOPE' does not exist for the field 'project'/);
    expect((await post('/rest/api/3/search/jql', { jql: 'project = SUP AND statusCategory != Finished' })).status).toBe(400);
    expect((await post<Hits>('/rest/api/3/search/jql', { jql: 'project = SUP AND statusCategory in (Done, "To Do", indeterminate)' })).body.issues).toHaveLength(1);
  });
});

describe('customers: e-mail hidden by privacy settings, JSM organizations on requests', () => {
  type Bean = { fields: Record<string, unknown> };
  type Field = { id: string; schema?: { type?: string; items?: string; custom?: string } };

  it('leaves reporter and comment authors without emailAddress unless the site shows e-mails', async () => {
    const { key } = await em.actions.createIssue({ projectKey: 'SUP', summary: 'a', reporter: CUSTOMER });
    const hidden = await call<Bean>(`/rest/api/3/issue/${key}?fields=reporter`);
    expect(hidden.body.fields.reporter).toEqual(expect.objectContaining({ accountId: CUSTOMER }));
    expect(hidden.body.fields.reporter).not.toHaveProperty('emailAddress');
    const user = await call<Record<string, unknown>>(`/rest/api/3/user?accountId=${encodeURIComponent(CUSTOMER)}`);
    expect(user.status).toBe(200);
    expect(user.body).not.toHaveProperty('emailAddress');
    em.jira.showEmails = true;
    const shown = await call<Bean>(`/rest/api/3/issue/${key}?fields=reporter`);
    expect(shown.body.fields.reporter).toEqual(expect.objectContaining({ emailAddress: 'olga@romashka.example' }));
  });

  it('lists the Organizations field by its JSM type and serves [{ id, name }] on service-desk requests', async () => {
    const fields = await call<Field[]>('/rest/api/3/field');
    const org = fields.body.filter((f) => f.schema?.custom === 'com.atlassian.servicedesk:sd-customer-organizations');
    expect(org).toHaveLength(1);
    expect(org[0]!.schema).toEqual(expect.objectContaining({ type: 'array', items: 'sd-customerorganization' }));
    const id = org[0]!.id;
    const a = await em.actions.createIssue({ projectKey: 'SUP', summary: 'a', reporter: CUSTOMER });
    const b = await em.actions.createIssue({ projectKey: 'SUP', summary: 'b', reporter: OTHER_CUSTOMER });
    const r = await post<{ issues: Bean[] }>('/rest/api/3/search/jql', { jql: 'project = SUP ORDER BY key ASC', fields: [id] });
    expect(r.body.issues.map((i) => (i.fields[id] as Array<{ name: string }>).map((o) => o.name))).toEqual([['ООО «Ромашка»'], ['АО «Вектор»']]);
    expect((r.body.issues[0]!.fields[id] as Array<{ id: unknown }>)[0]!.id).toEqual(expect.any(String));
    // Only when asked for: the field is not sent to a search that did not name it.
    const plain = await call<Bean>(`/rest/api/3/issue/${a.key}?fields=summary`);
    expect(plain.body.fields).not.toHaveProperty(id);
    void b;
  });

  it('serves no Organizations value on a software issue, and no field on a site without a service project', async () => {
    const dev = await em.actions.createIssue({ projectKey: 'SUP', summary: 'x', reporter: CUSTOMER });
    em.jira.projects.find((p) => p.key === 'SUP')!.projectTypeKey = 'software';
    const r = await call<Bean>(`/rest/api/3/issue/${dev.key}?fields=customfield_10002,summary`);
    expect(r.body.fields).not.toHaveProperty('customfield_10002');
    const fields = await call<Field[]>('/rest/api/3/field');
    expect(fields.body.some((f) => f.schema?.custom === 'com.atlassian.servicedesk:sd-customer-organizations')).toBe(false);
  });
});

describe('issue/properties/multi is an asynchronous, non-transactional task', () => {
  type Task = { id: string; status: string; progress: number; self: string };
  const propOf = (key: string) => em.jira.issue(key)!.properties['reglament-sla'];

  async function multi(ids: number[]): Promise<{ status: number; location: string | null }> {
    const res = await api.asApp().requestJira(assumeTrustedRoute('/rest/api/3/issue/properties/multi'), {
      method: 'POST',
      body: JSON.stringify({ issues: ids.map((issueID) => ({ issueID, properties: { 'reglament-sla': { v: issueID } } })) }),
    });
    expect(await res.text()).toBe('');
    return { status: res.status, location: res.headers.get('location') };
  }

  it('answers 303 with the task location and no body; the task reads RUNNING, then COMPLETE', async () => {
    const a = await em.actions.createIssue({ projectKey: 'SUP', summary: 'a', reporter: CUSTOMER });
    const b = await em.actions.createIssue({ projectKey: 'SUP', summary: 'b', reporter: CUSTOMER });
    const ids = [Number(em.jira.issue(a.key)!.id), Number(em.jira.issue(b.key)!.id)];
    const r = await multi(ids);
    expect(r.status).toBe(303);
    const path = new URL(r.location!).pathname;
    expect(path).toMatch(/^\/rest\/api\/3\/task\/\d+$/);
    const first = await call<Task>(path);
    expect(first.status).toBe(200);
    expect(first.body).toEqual(expect.objectContaining({ status: 'RUNNING', self: r.location }));
    const second = await call<Task>(path);
    expect(second.body).toEqual(expect.objectContaining({ status: 'COMPLETE', progress: 100 }));
    expect([propOf(a.key), propOf(b.key)]).toEqual([{ v: ids[0] }, { v: ids[1] }]);
    expect((await call('/rest/api/3/task/99999')).status).toBe(404);
  });

  it('under a fault, sets only some of the issues and the task ends FAILED', async () => {
    const keys: string[] = [];
    for (let i = 0; i < 4; i++) keys.push((await em.actions.createIssue({ projectKey: 'SUP', summary: `i${i}`, reporter: CUSTOMER })).key);
    em.jira.failPropertyTasks = 1;
    const r = await multi(keys.map((k) => Number(em.jira.issue(k)!.id)));
    expect(r.status).toBe(303);
    const path = new URL(r.location!).pathname;
    await call(path);
    expect((await call<Task>(path)).body.status).toBe('FAILED');
    expect(keys.map((k) => propOf(k) !== undefined)).toEqual([true, true, false, false]);
  });
});
