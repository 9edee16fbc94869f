// The emulator's route table is keyed by the spec's path templates and checked at startup against
// the app's operation list and the trimmed spec: a route missing, extra or outside the spec fails.
import { readFileSync } from 'node:fs';
import { JIRA_OPERATIONS } from '../../../../src/adapters/forge/jira-operations';
import { checkRouteTable, matchPath, routeTableProblems, TRIMMED_SPEC_PATH } from '../../../../local/emulator/jira/routes';

const spec = JSON.parse(readFileSync(TRIMMED_SPEC_PATH, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
const all = JIRA_OPERATIONS.map(([m, t]) => `${m} ${t}`);

describe('Jira emulator route table', () => {
  test('the table, the app\'s operations and the trimmed spec agree', () => {
    expect(routeTableProblems(all, JIRA_OPERATIONS, spec.paths)).toEqual([]);
    expect(() => checkRouteTable(all)).not.toThrow();
  });

  test('an operation the app calls without a route is refused', () => {
    const problems = routeTableProblems(all.filter((r) => r !== 'GET /rest/api/3/field'), JIRA_OPERATIONS, spec.paths);
    expect(problems).toEqual(['GET /rest/api/3/field: the app calls it (jira-operations.ts) but the emulator has no route']);
    expect(() => checkRouteTable(all.slice(1))).toThrow(/has no route/);
  });

  test('a route the app never calls is refused, and one outside the spec too', () => {
    const problems = routeTableProblems([...all, 'GET /rest/api/3/search/jql', 'GET /rest/api/3/nowhere'], JIRA_OPERATIONS, spec.paths);
    expect(problems).toEqual([
      'GET /rest/api/3/search/jql: the emulator routes it but the app never calls it (jira-operations.ts)',
      // The trimmed spec keeps only the methods the app calls.
      'GET /rest/api/3/search/jql: not in the trimmed Jira spec (test/fixtures/jira-openapi)',
      'GET /rest/api/3/nowhere: the emulator routes it but the app never calls it (jira-operations.ts)',
      'GET /rest/api/3/nowhere: not in the trimmed Jira spec (test/fixtures/jira-openapi)',
    ]);
  });

  test('an operation the app lists but the trimmed spec lacks is refused', () => {
    const ops = [...JIRA_OPERATIONS, ['DELETE', '/rest/api/3/issue/{issueIdOrKey}']] as const;
    const problems = routeTableProblems([...all, 'DELETE /rest/api/3/issue/{issueIdOrKey}'], ops, spec.paths);
    expect(problems).toEqual(['DELETE /rest/api/3/issue/{issueIdOrKey}: not in the trimmed Jira spec (test/fixtures/jira-openapi)']);
  });

  test('path parameters come from the template, decoded; literal segments win over parameters', () => {
    expect(matchPath('get', '/rest/api/3/issue/SUP-1?fields=summary')).toEqual({ op: 'GET /rest/api/3/issue/{issueIdOrKey}', params: { issueIdOrKey: 'SUP-1' } });
    expect(matchPath('PUT', '/rest/api/3/issue/10001/properties/reglament%2Fsla')).toEqual({
      op: 'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
      params: { issueIdOrKey: '10001', propertyKey: 'reglament/sla' },
    });
    expect(matchPath('POST', '/rest/api/3/issue/bulkfetch/')).toEqual({ op: 'POST /rest/api/3/issue/bulkfetch', params: {} });
    expect(matchPath('POST', '/rest/api/3/issue/properties/multi').op).toBe('POST /rest/api/3/issue/properties/multi');
    // A literal path wins whatever the method: GET on bulkfetch is not "issue bulkfetch".
    expect(matchPath('GET', '/rest/api/3/issue/bulkfetch').op).toBe('GET /rest/api/3/issue/bulkfetch');
    expect(matchPath('GET', '/rest/api/3/search/approximate-count').op).toBe('GET /rest/api/3/search/approximate-count');
  });
});
