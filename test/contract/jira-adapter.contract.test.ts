import { readFileSync } from 'node:fs';
import { fieldDirectory } from '../../src/adapters/forge/field-directory';
import { ForgeJiraAdapter } from '../../src/adapters/forge/jira-adapter';
import { defaultRetryPolicy, JiraHttp } from '../../src/adapters/forge/jira-http';
import { JIRA_OPERATIONS } from '../../src/adapters/forge/jira-operations';
import * as schemas from '../../src/adapters/forge/jira-schemas';
import { toStoredSla, toComputedFields } from '../../src/app/stored-sla';
import { MemoryStore } from '../fakes/memory-store';
import { fixtureJira } from './fixture-jira';
import { assertMatchesOperation, operationsInSpec, SPEC_PATH } from './openapi';

function adapter() {
  const jira = fixtureJira();
  const http = new JiraHttp(jira.fetch, defaultRetryPolicy({ sleep: async () => undefined }));
  return { jira, adapter: new ForgeJiraAdapter(http, fieldDirectory(http, new MemoryStore())) };
}

/** Drives every adapter method once; returns what went over the wire. */
async function exerciseAll() {
  const { jira, adapter: a } = adapter();
  const due = await a.findDue(null);
  await a.findOpenIds({ projectKeys: ['SUP'], alsoStatuses: ['Resolved'] }, null);
  await a.findOpenIds({ projectKeys: null, alsoStatuses: [] }, null);
  await a.loadFacts(['10001']);
  await a.loadFacts(['10001', '10002']);
  await a.findOpenInProject('SUP', 50);
  await a.loadRequests(due.items, () => ({ kind: 'groups', groups: ['jira-servicedesk-users'] }));
  const base = due.items[0]!;
  const stored = toStoredSla(
    {
      reaction: null,
      resolution: null,
      followUp: null,
      autoClose: null,
      nextCheckAt: Date.parse('2026-03-02T08:00:00Z'),
      packageId: 'optimal',
      priorityId: '2',
      timezone: 'Europe/Moscow',
      history: [],
      warnings: [],
      warningDetails: [],
    },
    { scope: 'default', configVersion: 1, acknowledged: false },
  );
  await a.writeComputed(due.items.map((facts) => ({ facts, stored, fields: toComputedFields(stored) })));
  await a.writeComputed([{ facts: base, stored, fields: toComputedFields(stored) }]);
  await a.transitionTo('10001', ['Closed']);
  await a.addComment('10001', 'Ваше обращение SUP-1 принято.\nСрок реакции: 10:30.');
  await a.addComment('10001', 'SUP-1: нарушен срок (время реакции)', { internal: true });
  await a.notify('10001', { subject: 'SUP-1: SLA breached', textBody: 'Goal 30m', htmlBody: '<p>Goal 30m</p>', to: { assignee: true, watchers: true, reporter: false } });
  await a.addLabel('10001', 'sla-breached');
  await a.userLocale('qm:customer-1');
  await a.listStatuses();
  await a.listProjects();
  await a.isJiraAdmin();
  await a.isProjectAdmin('SUP');
  await a.canBrowseProject('SUP');
  await a.canBrowseProject(null);
  await a.browsableProjects('557058:agent-1', ['SUP', 'OPS']);
  await a.visibleRequests([{ key: 'SUP-1', project: 'SUP', createdMs: Date.parse('2026-03-02T07:00:00Z') }], 100);
  await a.userDisplayName('qm:customer-1');
  return jira.exchanges;
}

describe('the Jira adapter against the OpenAPI spec', () => {
  let exchanges: Awaited<ReturnType<typeof exerciseAll>>;
  beforeAll(async () => {
    exchanges = await exerciseAll();
  });

  it('keeps every operation it may call in the trimmed spec', () => {
    const inSpec = new Set(operationsInSpec().map(([m, p]) => `${m} ${p}`));
    expect(JIRA_OPERATIONS.map(([m, p]) => `${m} ${p}`).filter((op) => !inSpec.has(op))).toEqual([]);
  });

  it('sends only requests whose method, path, query and body the spec allows', () => {
    expect(exchanges.length).toBeGreaterThan(15);
    const problems: string[] = [];
    for (const ex of exchanges) {
      try {
        assertMatchesOperation(ex.method, ex.path, { requestBody: ex.requestBody, responseStatus: ex.status });
      } catch (e) {
        problems.push((e as Error).message);
      }
    }
    expect(problems).toEqual([]);
  });

  it('parses answers that conform to the response schemas', () => {
    const problems: string[] = [];
    for (const ex of exchanges) {
      try {
        assertMatchesOperation(ex.method, ex.path, { responseStatus: ex.status, responseBody: ex.responseBody });
      } catch (e) {
        problems.push((e as Error).message);
      }
    }
    expect(problems).toEqual([]);
  });

  it('uses every operation it declares, and no other', () => {
    const used = new Set(exchanges.map((e) => `${e.method} ${assertMatchesOperation(e.method, e.path, { responseStatus: e.status })}`));
    expect([...used].sort()).toEqual(JIRA_OPERATIONS.map(([m, p]) => `${m} ${p}`).sort());
  });

  it('asks the enhanced search for pages of at most 100 issues with only the fields it reads', () => {
    const searches = exchanges.filter((e) => e.path === '/rest/api/3/search/jql').map((e) => e.requestBody as { maxResults: number; fields: string[]; jql: string });
    expect(searches.find((s) => /^cf\[\d+\]\.NextCheck <= now\(\)/.test(s.jql))).toEqual(expect.objectContaining({ maxResults: 100 }));
    expect(searches.find((s) => s.fields.length === 1)?.maxResults).toBe(5000);
  });

  it('writes field values in one bulk request, grouping issues that share a value', () => {
    const writes = exchanges.filter((e) => e.path.startsWith('/rest/api/3/app/field/value'));
    expect(writes.length).toBeGreaterThanOrEqual(1);
    const body = writes[0]!.requestBody as { updates: Array<{ customField: string; issueIds: number[] }> };
    expect(body.updates.find((u) => u.customField === 'customfield_10054')?.issueIds).toEqual([10001, 10002]);
  });

  it('fills a resolution the closing screen requires when it auto-closes', () => {
    const post = exchanges.find((e) => e.method === 'POST' && e.path.endsWith('/transitions'));
    expect(post?.requestBody).toEqual({ transition: { id: '61' }, fields: { resolution: { id: '10000' } } });
  });

  it('reads a person once per invocation however many issues ask for their language and name', async () => {
    const { jira, adapter: a } = adapter();
    for (let i = 0; i < 3; i++) await a.userLocale('qm:customer-1');
    await a.userDisplayName('qm:customer-1');
    await a.userLocale('qm:agent-2');
    const users = jira.exchanges.filter((e) => e.path.startsWith('/rest/api/3/user?'));
    expect(users.map((e) => new URLSearchParams(e.path.split('?')[1]).get('accountId'))).toEqual(['qm:customer-1', 'qm:agent-2']);
  });

  it('reads issues by id with bulk fetch (≤ 100 a call), never with an `id in (…)` search', async () => {
    const { jira, adapter: a } = adapter();
    const ids = Array.from({ length: 150 }, (_, i) => String(10001 + i));
    const facts = await a.loadFacts(ids);
    expect(facts.map((f) => f.key)).toEqual(['SUP-1', 'SUP-2']);
    const calls = jira.exchanges.filter((e) => e.path === '/rest/api/3/issue/bulkfetch').map((e) => (e.requestBody as { issueIdsOrKeys: string[] }).issueIdsOrKeys.length);
    expect(calls).toEqual([100, 50]);
    expect(jira.exchanges.filter((e) => e.path === '/rest/api/3/search/jql')).toEqual([]);
  });

  it('asks again for the issues bulk fetch could not load, and fails the read if they still fail', async () => {
    for (const [failures, outcome] of [[1, 'loaded'], [2, 'thrown']] as const) {
      const jira = fixtureJira();
      let left: number = failures;
      const fetch: typeof jira.fetch = async (r, init) => {
        const res = await jira.fetch(r, init);
        if (!r.value.startsWith('/rest/api/3/issue/bulkfetch') || left-- <= 0) return res;
        const body = JSON.parse(await res.text()) as { issues: Array<{ id: string }> };
        const text = JSON.stringify({ issues: body.issues.filter((b) => b.id !== '10002'), issueErrors: [{ id: '10002', errorMessage: 'Retry later' }] });
        return { ...res, text: async () => text };
      };
      const http = new JiraHttp(fetch, defaultRetryPolicy({ sleep: async () => undefined }));
      const a = new ForgeJiraAdapter(http, fieldDirectory(http, new MemoryStore()));
      const read = a.loadFacts(['10001', '10002']).then((f) => f.map((x) => x.key));
      if (outcome === 'loaded') await expect(read).resolves.toEqual(['SUP-1', 'SUP-2']);
      else await expect(read).rejects.toThrow(/could not load 1 issue/);
    }
  });

  it('rejects a request the spec does not allow (the check itself can fail)', () => {
    expect(() => assertMatchesOperation('POST', '/rest/api/3/app/field/value', { requestBody: { updates: [{ customField: 'x', issueIds: ['SUP-1'] }] }, responseStatus: 204 })).toThrow(/request body/);
    expect(() => assertMatchesOperation('DELETE', '/rest/api/3/status', { responseStatus: 204 })).toThrow(/no DELETE/);
    expect(() => assertMatchesOperation('GET', '/rest/api/3/search', { responseStatus: 200 })).toThrow(/no such path/);
    expect(() => assertMatchesOperation('POST', '/rest/api/3/changelog/bulkfetch', { requestBody: { issueIdsOrKeys: [] }, responseStatus: 200 })).toThrow(/fewer than 1/);
    expect(() => assertMatchesOperation('GET', '/rest/api/3/status?bogus=1', { responseStatus: 200 })).toThrow(/bogus/);
  });
});

describe("Atlassian's documented example answers", () => {
  const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as { paths: Record<string, Record<string, { responses: Record<string, { content?: { 'application/json'?: { example?: string } } }> }>> };
  const parserFor: Record<string, { safeParse(v: unknown): { success: boolean; error?: unknown } }> = {
    'GET /rest/api/3/field': schemas.fieldListSchema,
    'POST /rest/api/3/search/jql': schemas.searchResultsSchema,
    'GET /rest/api/3/issue/{issueIdOrKey}': schemas.issueBeanSchema,
    'POST /rest/api/3/issue/bulkfetch': schemas.bulkIssuesSchema,
    'POST /rest/api/3/changelog/bulkfetch': schemas.bulkChangelogSchema,
    'GET /rest/api/3/issue/{issueIdOrKey}/comment': schemas.pageOfCommentsSchema,
    'POST /rest/api/3/issue/{issueIdOrKey}/comment': schemas.createdCommentSchema,
    'GET /rest/api/3/issue/{issueIdOrKey}/transitions': schemas.transitionsSchema,
    'GET /rest/api/3/issue/{issueIdOrKey}/editmeta': schemas.editMetaSchema,
    'GET /rest/api/3/user': schemas.userSchema,
    'GET /rest/api/3/user/groups': schemas.groupNamesSchema,
    'GET /rest/api/3/status': schemas.statusListSchema,
    'GET /rest/api/3/project/search': schemas.projectPageSchema,
    'GET /rest/api/3/mypermissions': schemas.myPermissionsSchema,
    'POST /rest/api/3/permissions/check': schemas.bulkPermissionGrantsSchema,
  };
  it.each(Object.keys(parserFor))('are read by the adapter: %s', (op) => {
    const [method, path] = op.split(' ') as [string, string];
    const responses = spec.paths[path]![method.toLowerCase()]!.responses;
    const ok = Object.entries(responses).find(([code]) => code.startsWith('2'))!;
    const example = ok[1].content?.['application/json']?.example;
    expect(typeof example).toBe('string');
    const parsed = parserFor[op]!.safeParse(JSON.parse(example!));
    expect(parsed.error).toBeUndefined();
  });
});
