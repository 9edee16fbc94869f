import { compileJql, parseJql, JqlError, type FieldAccessor, type FieldRef, type JqlFields } from '../../../../local/emulator/jql';

interface Row {
  key: string;
  project: string;
  status: string;
  category: 'new' | 'indeterminate' | 'done';
  due: number | null;
  breached: string | null;
}

const NOW = Date.UTC(2026, 2, 2, 12, 0);
const rows: Row[] = [
  { key: 'A-1', project: 'A', status: 'Open', category: 'new', due: NOW - 60_000, breached: 'yes' },
  { key: 'A-2', project: 'A', status: 'Resolved', category: 'done', due: NOW + 60_000, breached: 'no' },
  { key: 'B-1', project: 'B', status: 'In Progress', category: 'indeterminate', due: null, breached: null },
  { key: 'B-2', project: 'B', status: 'Waiting for customer', category: 'indeterminate', due: NOW + 3_600_000, breached: 'no' },
];

const fields: JqlFields<Row> = {
  resolve(ref: FieldRef): FieldAccessor<Row> {
    const name = ref.kind === 'name' ? ref.name.toLowerCase() : ref.kind === 'cf' ? `cf${ref.id}` : `prop:${ref.key}.${ref.path.join('.')}`;
    switch (name) {
      case 'project':
        return { type: 'string', get: (r) => r.project };
      case 'status':
        return { type: 'string', get: (r) => r.status };
      case 'statuscategory':
        return { type: 'string', get: (r) => r.category };
      case 'issuekey':
        return { type: 'string', get: (r) => r.key };
      case 'resolution due':
      case 'cf10050':
        return { type: 'date', get: (r) => r.due };
      case 'slabreached':
      case 'prop:reglament-sla.breached':
        return { type: 'string', get: (r) => r.breached, equals: (a, b) => a === b };
      default:
        throw new JqlError(`Field '${name}' does not exist`);
    }
  },
};

const keys = (jql: string): string[] => {
  const c = compileJql(jql, fields, { nowMs: NOW });
  return rows.filter((r) => c.matches(r)).sort((a, b) => c.compare(a, b)).map((r) => r.key);
};

describe('JQL subset', () => {
  it.each([
    ['project = A', ['A-1', 'A-2']],
    ['project in (A, B) AND statusCategory != Done', ['A-1', 'B-1', 'B-2']],
    ['status in ("In Progress", "Waiting for customer")', ['B-1', 'B-2']],
    ['issuekey in (A-2, B-1)', ['A-2', 'B-1']],
    ['"Resolution due" < now()', ['A-1']],
    ['cf[10050] <= now()', ['A-1']],
    ['cf[10050] > "-1h"', ['A-1', 'A-2', 'B-2']],
    ['slaBreached = "yes"', ['A-1']],
    ['issue.property[reglament-sla].breached = "no"', ['A-2', 'B-2']],
    ['project = B OR (project = A AND statusCategory = Done)', ['A-2', 'B-1', 'B-2']],
    ['NOT project = A', ['B-1', 'B-2']],
    ['"Resolution due" is EMPTY', ['B-1']],
    ['"Resolution due" is not EMPTY AND project = B', ['B-2']],
    ['project = A ORDER BY "Resolution due" DESC', ['A-2', 'A-1']],
  ])('%s finds %j', (jql, expected) => {
    const got = keys(jql);
    if (/order by/i.test(jql)) expect(got).toEqual(expected);
    else expect([...got].sort()).toEqual([...expected].sort());
  });

  it('does not match an empty value with != (as Jira does)', () => {
    expect(keys('slaBreached != "yes"').sort()).toEqual(['A-2', 'B-2']);
  });

  it('sorts empty values last in both directions', () => {
    expect(keys('project in (A,B) ORDER BY cf[10050] ASC')).toEqual(['A-1', 'A-2', 'B-2', 'B-1']);
    expect(keys('project in (A,B) ORDER BY cf[10050] DESC')).toEqual(['B-2', 'A-2', 'A-1', 'B-1']);
  });

  it('reports a query with only ORDER BY as having no restriction', () => {
    expect(compileJql('ORDER BY created', { resolve: () => ({ type: 'date', get: () => 0 }) }, { nowMs: NOW }).hasRestriction).toBe(false);
  });

  it.each([
    ['project = ', /ended unexpectedly|expected a value/],
    ['project = "A', /unterminated string/],
    ['project A', /expected an operator/],
    ['unknownField = 1', /does not exist/],
    ['"Resolution due" < "yesterday-ish"', /date value/],
    ['project = A order created', /expected 'by'/],
  ])('rejects %s with a message saying what is wrong', (jql, message) => {
    expect(() => compileJql(jql, fields, { nowMs: NOW })).toThrow(message);
  });

  it('parses the shape of a compound query', () => {
    expect(parseJql('a = 1 AND (b = 2 OR c in (3, "x")) ORDER BY a DESC, b').orderBy.map((o) => o.dir)).toEqual(['DESC', 'ASC']);
  });
});
