// A recorded-style Jira for the adapter's contract tests: fixed answers in Jira Cloud's shapes
// (offsets like +0000, avatar urls, self links), keyed by the OpenAPI path template. Every
// exchange is recorded so the test can check request and response against the spec.

import type { HttpResponse, JiraFetch } from '../../src/adapters/forge/jira-http';
import { matchPath } from './openapi';

export interface RecordedExchange {
  method: string;
  path: string;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
}

const APP = 'ari:cloud:ecosystem::extension/6f1c2a4e-5b7d-4c1e-9a3f-2d8e7b6c5a41/8b1f2c3d-0000-4000-8000-00000000e001/static';
const user = (accountId: string, name: string, accountType = 'atlassian') => ({
  self: `https://example.atlassian.net/rest/api/3/user?accountId=${accountId}`,
  accountId,
  accountType,
  displayName: name,
  active: true,
  avatarUrls: { '48x48': 'https://avatar.example/48.png' },
  timeZone: 'Europe/Moscow',
});
const status = (id: string, name: string, key: 'new' | 'indeterminate' | 'done') => ({
  self: `https://example.atlassian.net/rest/api/3/status/${id}`,
  id,
  name,
  description: '',
  iconUrl: 'https://example.atlassian.net/images/icons/status.png',
  statusCategory: { self: 'https://example.atlassian.net/rest/api/3/statuscategory/2', id: key === 'new' ? 2 : key === 'done' ? 3 : 4, key, colorName: 'blue-gray', name: key },
});

export const FIELDS = [
  { id: 'summary', key: 'summary', name: 'Summary', custom: false, orderable: true, navigable: true, searchable: true, clauseNames: ['summary'], schema: { type: 'string', system: 'summary' } },
  ...(
    [
      ['customfield_10050', 'sla-service-package', 'object'],
      ['customfield_10051', 'sla-priority', 'object'],
      ['customfield_10052', 'sla-reaction-due', 'datetime'],
      ['customfield_10053', 'sla-resolution-due', 'datetime'],
      ['customfield_10054', 'sla-state', 'object'],
    ] as const
  ).map(([id, moduleKey, type]) => ({
    id,
    key: id,
    name: moduleKey,
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: [`cf[${id.slice(12)}]`],
    schema: { type, custom: `${APP}/${moduleKey}`, customId: Number(id.slice(12)) },
  })),
];

const reporter = user('qm:customer-1', 'Olga', 'customer');
const agent = user('557058:agent-1', 'Ivan');

/** `commentTotal` above the one comment carried makes the adapter page through /comment. */
function issueBean(id: string, key: string, commentTotal = 1) {
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id,
    self: `https://example.atlassian.net/rest/api/3/issue/${id}`,
    key,
    fields: {
      summary: 'Printer offline',
      created: '2026-03-02T10:00:00.000+0300',
      status: status('1', 'Open', 'new'),
      project: { self: 'https://example.atlassian.net/rest/api/3/project/10000', id: '10000', key: 'SUP', name: 'Support' },
      reporter: { ...reporter, emailAddress: 'olga@romashka.example' },
      comment: {
        comments: [
          {
            self: `https://example.atlassian.net/rest/api/3/issue/${id}/comment/1`,
            id: '1',
            author: agent,
            body: { type: 'doc', version: 1, content: [] },
            created: '2026-03-02T10:20:00.000+0300',
            updated: '2026-03-02T10:20:00.000+0300',
            jsdPublic: true,
          },
        ],
        maxResults: 1,
        total: commentTotal,
        startAt: 0,
      },
      customfield_10050: { id: 'optimal', name: 'Оптимальный' },
      customfield_10051: { id: '2', name: 'Приоритет 2' },
      customfield_10052: '2026-03-02T10:30:00.000+0300',
      customfield_10053: null,
      customfield_10054: { state: 'running', breached: 'no', paused: 'no', nextCheck: '2026-03-02T07:22:30Z' },
    },
    properties: {
      'reglament-sla': { v: 1 },
    },
  };
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

const answers: Record<string, (method: string, path: string, body: unknown) => Answer> = {
  'GET /rest/api/3/field': () => ({ status: 200, body: FIELDS }),
  'POST /rest/api/3/search/jql': (_m, _p, body) => {
    // fields ["id"] (the default): the spec returns only each issue's id.
    const fields = (body as { fields?: string[] } | undefined)?.fields ?? ['id'];
    const beans = [issueBean('10001', 'SUP-1'), issueBean('10002', 'SUP-2', 2)];
    return { status: 200, body: { issues: fields.every((f) => f === 'id') ? beans.map((b) => ({ id: b.id })) : beans, isLast: true } };
  },
  'POST /rest/api/3/issue/bulkfetch': (_m, _p, body) => {
    const refs = (body as { issueIdsOrKeys: string[] }).issueIdsOrKeys;
    const known = [issueBean('10001', 'SUP-1'), issueBean('10002', 'SUP-2', 2)];
    return { status: 200, body: { issues: known.filter((b) => refs.includes(b.id) || refs.includes(b.key)), issueErrors: [] } };
  },
  'GET /rest/api/3/issue/{issueIdOrKey}': (_m, path) => ({ status: 200, body: issueBean('10001', path.split('/')[5]!.split('?')[0]!.replace(/^\d+$/, 'SUP-1')) }),
  'POST /rest/api/3/changelog/bulkfetch': () => ({
    status: 200,
    body: {
      issueChangeLogs: [
        {
          issueId: '10001',
          changeHistories: [
            {
              id: '100',
              author: agent,
              created: '2026-03-02T10:25:00.000+0300',
              items: [
                { field: 'status', fieldtype: 'jira', fieldId: 'status', from: '1', fromString: 'Open', to: '3', toString: 'In Progress' },
                { field: 'SLA priority', fieldtype: 'custom', fieldId: 'customfield_10051', toString: '2' },
              ],
            },
          ],
        },
      ],
    },
  }),
  'GET /rest/api/3/issue/{issueIdOrKey}/comment': () => ({ status: 200, body: { startAt: 0, maxResults: 100, total: 0, comments: [] } }),
  'POST /rest/api/3/issue/{issueIdOrKey}/comment': () => ({
    status: 201,
    body: { self: 'https://example.atlassian.net/rest/api/3/issue/10001/comment/2', id: '2', author: user('557058:app', 'Reglament', 'app'), created: '2026-03-02T10:31:00.000+0300' },
  }),
  'POST /rest/api/3/app/field/value': () => ({ status: 204 }),
  'POST /rest/api/3/issue/properties/multi': () => ({ status: 303, headers: { location: 'https://example.atlassian.net/rest/api/3/task/10000' } }),
  'GET /rest/api/3/task/{taskId}': () => ({
    status: 200,
    body: { self: 'https://example.atlassian.net/rest/api/3/task/10000', id: '10000', status: 'COMPLETE', submittedBy: 10000, progress: 100, elapsedRuntime: 156, submitted: 1501708132800, lastUpdate: 1501708133000 },
  }),
  'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': () => ({ status: 200 }),
  'POST /rest/api/3/issue/{issueIdOrKey}/notify': () => ({ status: 204 }),
  'PUT /rest/api/3/issue/{issueIdOrKey}': () => ({ status: 204 }),
  'GET /rest/api/3/issue/{issueIdOrKey}/editmeta': () => ({
    status: 200,
    body: { fields: { labels: { required: false, schema: { type: 'array', items: 'string', system: 'labels' }, name: 'Labels', key: 'labels', operations: ['add', 'set', 'remove'] } } },
  }),
  'GET /rest/api/3/issue/{issueIdOrKey}/transitions': () => ({
    status: 200,
    body: {
      expand: 'transitions',
      transitions: [
        {
          id: '61',
          name: 'Close',
          to: status('6', 'Closed', 'done'),
          hasScreen: true,
          isGlobal: false,
          isInitial: false,
          isAvailable: true,
          isConditional: false,
          isLooped: false,
          fields: {
            resolution: {
              required: true,
              schema: { type: 'resolution', system: 'resolution' },
              name: 'Resolution',
              key: 'resolution',
              operations: ['set'],
              allowedValues: [{ self: 'https://example.atlassian.net/rest/api/3/resolution/10000', id: '10000', name: 'Done', description: 'Work has been completed.' }],
            },
          },
        },
      ],
    },
  }),
  'POST /rest/api/3/issue/{issueIdOrKey}/transitions': () => ({ status: 204 }),
  'GET /rest/api/3/user': () => ({ status: 200, body: { ...reporter, locale: 'ru_RU', applicationRoles: { size: 0, items: [] }, groups: { size: 0, items: [] } } }),
  'GET /rest/api/3/user/groups': () => ({ status: 200, body: [{ name: 'jira-servicedesk-users', groupId: 'g-1', self: 'https://example.atlassian.net/rest/api/3/group?groupId=g-1' }] }),
  'GET /rest/api/3/status': () => ({ status: 200, body: [status('1', 'Open', 'new'), status('5', 'Resolved', 'done'), status('6', 'Closed', 'done')] }),
  'GET /rest/api/3/project/search': () => ({
    status: 200,
    body: { self: 'https://example.atlassian.net/rest/api/3/project/search', maxResults: 50, startAt: 0, total: 1, isLast: true, values: [{ self: 'https://example.atlassian.net/rest/api/3/project/10000', id: '10000', key: 'SUP', name: 'Support' }] },
  }),
  'POST /rest/api/3/permissions/check': () => ({ status: 200, body: { globalPermissions: [], projectPermissions: [{ permission: 'BROWSE_PROJECTS', projects: [10000], issues: [] }] } }),
  'GET /rest/api/3/mypermissions': () => ({ status: 200, body: { permissions: { ADMINISTER: { id: '0', key: 'ADMINISTER', name: 'Administer Jira', type: 'GLOBAL', description: 'Administer Jira', havePermission: true } } } }),
};

export function fixtureJira(): { fetch: JiraFetch; exchanges: RecordedExchange[] } {
  const exchanges: RecordedExchange[] = [];
  const fetch: JiraFetch = async (route, init) => {
    const path = route.value;
    const template = matchPath(path);
    const key = `${init.method} ${template ?? path}`;
    const handler = answers[key];
    const requestBody = init.body === undefined ? undefined : (JSON.parse(init.body) as unknown);
    const answer: Answer = handler ? handler(init.method, path, requestBody) : { status: 404, body: { errorMessages: [`no fixture for ${key}`] } };
    exchanges.push({ method: init.method, path, requestBody, status: answer.status, responseBody: answer.body });
    const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    const res: HttpResponse = { ok: answer.status >= 200 && answer.status < 300, status: answer.status, text: async () => text, headers: { get: (name) => answer.headers?.[name.toLowerCase()] ?? null } };
    return res;
  };
  return { fetch, exchanges };
}
