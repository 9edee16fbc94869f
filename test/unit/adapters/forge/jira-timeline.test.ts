import { classifyAuthor, instant, toSlaRequest } from '../../../../src/adapters/forge/jira-timeline';
import type { IssueFacts } from '../../../../src/app/ports';

const facts: IssueFacts = {
  id: '10001',
  key: 'SUP-1',
  projectKey: 'SUP',
  summary: 's',
  status: { name: 'In Progress', category: 'indeterminate' },
  createdMs: Date.parse('2026-03-02T07:00:00Z'),
  reporter: { accountId: 'cust', emailDomain: 'romashka.example', organization: null },
  assignee: null,
  packageId: 'extended',
  priorityId: '1',
  stored: null,
  written: { reactionDue: null, resolutionDue: null, state: null },
};
const ids = { package: 'customfield_10050', priority: 'customfield_10051' };
const user = (accountId: string, accountType = 'atlassian') => ({ accountId, accountType });

describe('toSlaRequest', () => {
  const request = toSlaRequest({
    facts,
    fieldIds: ids,
    rule: { kind: 'notReporter' },
    changelog: [
      // Out of order on purpose: Jira pages are not guaranteed sorted across merges.
      { created: '2026-03-02T10:40:00.000+0300', author: user('agent'), items: [{ fieldId: 'customfield_10051', fromString: '3', toString: '1' }] },
      { created: '2026-03-02T10:30:00.000+0300', author: user('agent'), items: [{ fieldId: 'status', field: 'status', fromString: 'Open', toString: 'In Progress' }] },
      { created: '2026-03-02T10:50:00.000+0300', author: user('cust', 'customer'), items: [{ fieldId: 'customfield_10050', fromString: 'optimal', toString: 'extended' }] },
      { created: '2026-03-02T10:55:00.000+0300', author: user('agent'), items: [{ fieldId: 'summary', fromString: 'a', toString: 'b' }] },
    ],
    comments: [
      { created: '2026-03-02T10:10:00.000+0300', author: user('cust', 'customer'), jsdPublic: true },
      { created: '2026-03-02T10:15:00.000+0300', author: user('agent'), jsdPublic: false },
      { created: '2026-03-02T10:20:00.000+0300', author: user('app-bot', 'app'), jsdPublic: true },
      { created: '2026-03-02T10:25:00.000+0300', author: user('agent') },
    ],
  });

  it('takes the values at creation from the first change of each field', () => {
    expect(request).toEqual(expect.objectContaining({ created: facts.createdMs, status: 'Open', priority: '3', package: 'optimal', key: 'SUP-1' }));
  });

  it('lists status, priority, package and comment events in time order, by who made them', () => {
    expect(request.events).toEqual([
      { at: Date.parse('2026-03-02T07:10:00Z'), type: 'comment', by: 'customer' },
      { at: Date.parse('2026-03-02T07:25:00Z'), type: 'comment', by: 'agent' },
      { at: Date.parse('2026-03-02T07:30:00Z'), type: 'status', to: 'In Progress' },
      { at: Date.parse('2026-03-02T07:40:00Z'), type: 'priority', to: '1', by: 'agent' },
      { at: Date.parse('2026-03-02T07:50:00Z'), type: 'package', to: 'extended' },
    ]);
  });

  it('passes the customer for the package lookup', () => {
    expect(request.customer).toEqual({ organization: null, organizations: [], emailDomain: 'romashka.example' });
  });

  it('reads the id from the object fields\' changelog JSON ({ id, name }), and from an old bare id next to it', () => {
    const r = toSlaRequest({
      facts,
      fieldIds: ids,
      rule: { kind: 'notReporter' },
      changelog: [
        { created: '2026-03-02T10:40:00.000+0300', author: user('agent'), items: [{ fieldId: 'customfield_10051', fromString: '3', toString: '{"id":"1","name":"Критический"}' }] },
        { created: '2026-03-02T10:50:00.000+0300', author: user('agent'), items: [{ fieldId: 'customfield_10050', fromString: '{"id":"optimal","name":"Оптимальный"}', toString: '{"id":"8x5x4"}' }] },
        { created: '2026-03-02T10:55:00.000+0300', author: user('agent'), items: [{ fieldId: 'customfield_10050', fromString: '{"id":"8x5x4"}', toString: null }] },
      ],
      comments: [],
    });
    expect([r.priority, r.package]).toEqual(['3', 'optimal']);
    expect(r.events.map((e) => ('to' in e ? e.to : null))).toEqual(['1', '8x5x4', null]);
  });

  it('uses today’s values when a field never changed', () => {
    const r = toSlaRequest({ facts, fieldIds: ids, rule: { kind: 'notReporter' }, changelog: [], comments: [] });
    expect([r.status, r.priority, r.package, r.events]).toEqual(['In Progress', '1', 'extended', []]);
  });
});

describe('classifyAuthor', () => {
  it('counts anyone but the reporter as an agent by default, and JSM customers never', () => {
    expect(classifyAuthor({ accountId: 'x', accountType: 'atlassian' }, 'cust', { kind: 'notReporter' })).toBe('agent');
    expect(classifyAuthor({ accountId: 'cust', accountType: 'atlassian' }, 'cust', { kind: 'notReporter' })).toBe('customer');
    expect(classifyAuthor({ accountId: 'other', accountType: 'customer' }, 'cust', { kind: 'notReporter' })).toBe('customer');
  });

  it('follows an explicit list of agents or groups', () => {
    expect(classifyAuthor({ accountId: 'a1', accountType: null }, null, { kind: 'accounts', accountIds: ['a1'] })).toBe('agent');
    expect(classifyAuthor({ accountId: 'a2', accountType: null }, null, { kind: 'accounts', accountIds: ['a1'] })).toBe('customer');
    expect(classifyAuthor({ accountId: 'a3', accountType: null, groups: ['support'] }, null, { kind: 'groups', groups: ['support'] })).toBe('agent');
    expect(classifyAuthor({ accountId: 'a4', accountType: null, groups: ['sales'] }, null, { kind: 'groups', groups: ['support'] })).toBe('customer');
  });
});

describe('instant', () => {
  it('reads Jira offsets without a colon, ISO Z, and epoch seconds or milliseconds', () => {
    const ms = Date.parse('2026-03-02T07:00:00Z');
    expect(instant('2026-03-02T10:00:00.000+0300')).toBe(ms);
    expect(instant('2026-03-02T07:00:00Z')).toBe(ms);
    expect(instant(ms / 1000)).toBe(ms);
    expect(instant(ms)).toBe(ms);
    expect(instant('yesterday')).toBeNull();
  });
});
