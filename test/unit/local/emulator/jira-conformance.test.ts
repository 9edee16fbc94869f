// The emulated Jira refuses or trims what the Jira Cloud spec and Forge's documentation say the
// platform refuses or trims (issues 10 and 16): search fields, app custom-field schemas, `id in`
// with a missing issue, unknown status names in JQL, bulk fetch of issues.
import api, { assumeTrustedRoute, type RequestInit } from '@forge/api';
import { createEmulator, type AppHandlers, type Emulator } from '../../../../local/emulator';

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
