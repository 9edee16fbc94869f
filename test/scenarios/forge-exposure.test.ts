// What a reader can see (issue 11, "bounds and exposure"): the field editor's options and the JQL
// value suggestions need browse permission on the project; reports list only the requests their
// reader may open (issue security), not every request of a project they may browse.

import type { CustomerActView, FieldOption, QueueRow, ReportView } from '../../src/shared/contract';
import { unpackReportRow } from '../../src/domain/report';
import { ADMIN, AGENT, CUSTOMER, MINUTE, startSite, type Site } from './forge-harness';

const fieldExt = { type: 'jira:customField', project: { id: '10000', key: 'SUP' } };

describe('exposure: field options and suggestions', () => {
  let site: Site;
  beforeEach(async () => {
    site = await startSite({ template: 'altec' });
  });
  afterEach(() => site.close());

  it('answers the field options to a user who may browse the project, FORBIDDEN to one who may not', async () => {
    const agent = await site.call<FieldOption[]>('getFieldOptions', { field: 'package' }, AGENT, fieldExt);
    expect(agent.ok && agent.data.length).toBeGreaterThan(0);
    const customer = await site.call<FieldOption[]>('getFieldOptions', { field: 'package' }, CUSTOMER, fieldExt);
    expect(customer.ok ? 'ok' : customer.error.code).toBe('FORBIDDEN');
    // Asked of Jira as the user: one mypermissions call, and Jira said no.
    const none = await site.call<FieldOption[]>('getFieldOptions', { field: 'priority' }, CUSTOMER, { type: 'jira:customField', project: { id: '1', key: 'NOPE' } });
    expect(none.ok ? 'ok' : none.error.code).toBe('FORBIDDEN');
  });

  it('gives JQL suggestions only when Forge names a user', async () => {
    const withUser = (await site.emu.fieldSuggestions('sla-priority', '', AGENT)) as unknown[];
    expect(withUser.length).toBeGreaterThan(0);
    const anonymous = (await site.emu.fieldSuggestions('sla-priority', '', '')) as unknown[];
    expect(anonymous).toEqual([]);
  });

  it("offers a project scope's ids only to a user who may browse that project, and only the site default's when Jira's check fails", async () => {
    const SUP_ONLY = '557058:agent-sup-only';
    site.emu.seedSite({
      projects: [{ key: 'SUP', name: 'Support' }, { key: 'OPS', name: 'Operations' }],
      users: [{ accountId: SUP_ONLY, displayName: 'SUP only', emailAddress: 'sup.only@reglament.example', locale: 'en_US', timeZone: 'Europe/Moscow', role: 'agent', projects: ['SUP'] }],
    });
    const t = await site.call<{ config: { packages: Array<{ id: string }> } }>('applyTemplate', { templateId: 'barier' });
    if (!t.ok) throw new Error(t.error.message);
    const saved = await site.call('saveConfig', { scope: 'OPS', config: t.data.config, baseVersion: null });
    if (!saved.ok) throw new Error(saved.error.message);
    const values = async (as: string) => ((await site.emu.fieldSuggestions('sla-service-package', '', as)) as Array<{ value: string }>).map((s) => s.value).sort();
    const siteDefault = await values(CUSTOMER);
    const opsOnly = t.data.config.packages.map((p) => p.id).filter((id) => !siteDefault.includes(id));
    expect(siteDefault.length).toBeGreaterThan(0);
    expect(opsOnly.length).toBeGreaterThan(0);
    // An agent of every project sees both scopes' ids; one who may browse SUP only, or a customer, only the site default's.
    expect(await values(AGENT)).toEqual([...siteDefault, ...opsOnly].sort());
    expect(await values(SUP_ONLY)).toEqual(siteDefault);
    // Asked of Jira by the app for the typing user: one bulk check (no per-project calls).
    site.emu.resetCalls();
    await values(SUP_ONLY);
    expect(site.emu.callCounts()['POST /rest/api/3/permissions/check']).toBe(1);
    // The check fails: fail closed, the site default's ids only, and no error reaches Jira's JQL editor.
    site.emu.setFaults({ rate: 1, statuses: [500], paths: ['/permissions/check'] });
    expect(await values(AGENT)).toEqual(siteDefault);
    site.emu.setFaults(undefined);
    expect(site.emu.errors).toEqual([]);
  });
});

describe('exposure: reports honour issue security', () => {
  let site: Site;
  beforeEach(async () => {
    site = await startSite({ template: 'altec' });
  });
  afterEach(() => site.close());

  it('neither lists nor counts a request hidden from the reader by a security level; its members still see it', async () => {
    const open = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'open', reporter: CUSTOMER, priority: '2' });
    const secret = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'secret', reporter: CUSTOMER, priority: '1' });
    site.advance(10 * MINUTE);
    await site.emu.actions.comment(open.key, { author: AGENT, body: 'ok' });
    // Restricted after its report row was stored: the stored rows alone would still show it.
    site.emu.jira.setSecurityLevel(secret.key, { id: '10100', name: 'Management', members: [ADMIN] });
    const period = { from: '2026-03-01', to: '2026-03-31' };
    const rowsOf = (v: ReportView) => v.rows.map((r) => unpackReportRow(r)).map((r) => (r.ok ? r.row.key : 'invalid'));

    const agent = await site.call<ReportView>('getReport', period, AGENT, { type: 'jira:adminPage' });
    if (!agent.ok) throw new Error(agent.error.message);
    expect(rowsOf(agent.data)).toEqual([open.key]);
    expect(agent.data.total.requests).toBe(1);
    expect(Object.keys(agent.data.byPriority)).toEqual(['2']);

    const admin = await site.call<ReportView>('getReport', period, ADMIN, { type: 'jira:adminPage' });
    if (!admin.ok) throw new Error(admin.error.message);
    expect(rowsOf(admin.data).sort()).toEqual([open.key, secret.key].sort());
    expect(admin.data.total.requests).toBe(2);

    // The customer act counts the same requests as the report.
    const act = await site.call<CustomerActView>('getCustomerAct', { month: '2026-03' }, AGENT, { type: 'jira:adminPage' });
    if (!act.ok) throw new Error(act.error.message);
    const adminAct = await site.call<CustomerActView>('getCustomerAct', { month: '2026-03' }, ADMIN, { type: 'jira:adminPage' });
    if (!adminAct.ok) throw new Error(adminAct.error.message);
    expect(act.data.act?.total.requests).toBe(1);
    expect(act.data.act?.byPriority.map((p) => p.priority)).toEqual(['2']);
    expect(adminAct.data.act?.total.requests).toBe(2);

    // The queue is an as-user search already: Jira leaves the hidden request out.
    const queue = await site.call<QueueRow[]>('getQueue', { projectKey: 'SUP' }, AGENT, { type: 'jira:projectPage', project: { id: '10000', key: 'SUP' } });
    if (!queue.ok) throw new Error(queue.error.message);
    expect(queue.data.map((q) => q.issueKey)).toEqual([open.key]);
  });
});
