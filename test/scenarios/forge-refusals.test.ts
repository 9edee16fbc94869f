// Issue 16: what Jira refuses for good is not retried every sweep. The emulator refuses as Jira
// does (notify to the assignee of an unassigned issue: 400; Labels not on the edit screen: 400;
// /user/groups without "Browse users and groups": 403), and the real handlers cope: skip, record
// in the action log the admin page shows, or degrade.

import { adfToText } from '../../local/emulator';
import { ADMIN, AGENT, CUSTOMER, MINUTE, startSite, type Site } from './forge-harness';

type Json = Record<string, unknown>;

async function configureWith(site: Site, template: string, edit: (config: Json) => void): Promise<void> {
  const t = await site.call<{ config: Json }>('applyTemplate', { templateId: template });
  if (!t.ok) throw new Error(t.error.message);
  edit(t.data.config);
  const head = await site.call<{ version: number | null }>('getAdminState', {});
  if (!head.ok) throw new Error(head.error.message);
  const s = await site.call('saveConfig', { config: t.data.config, baseVersion: head.data.version });
  if (!s.ok) throw new Error(`saveConfig: ${s.error.message}`);
  await site.emu.drainQueue({ ignoreDelays: true });
}

function reactionActions(atRisk: unknown[], breached: unknown[]) {
  return (config: Json) => {
    (config.actions as Json).reaction = { atRisk, breached };
  };
}

const jiraCalls = (site: Site, route: string) => site.emu.callCounts()[route] ?? 0;

describe('Jira refusals on the emulator', () => {
  let site: Site;
  afterEach(() => site.close());

  it('the emulator refuses what Jira refuses: notify to an absent assignee, labels off the edit screen, groups without the grant', async () => {
    site = await startSite({ template: 'altec' });
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'x', reporter: CUSTOMER, priority: '1' });
    const send = (path: string, method: string, body?: unknown) => site.emu.jira.handle(method, path, body === undefined ? undefined : JSON.stringify(body), { kind: 'app' });
    const notify = send(`/rest/api/3/issue/${key}/notify`, 'POST', { subject: 's', textBody: 't', to: { assignee: true } });
    expect(notify.status).toBe(400);
    site.emu.jira.projects[0]!.offEditScreen = ['labels'];
    const label = send(`/rest/api/3/issue/${key}`, 'PUT', { update: { labels: [{ add: 'sla-breached' }] } });
    expect(label.status).toBe(400);
    expect(JSON.stringify(label.body)).toContain("Field 'labels' cannot be set. It is not on the appropriate screen");
    const meta = send(`/rest/api/3/issue/${key}/editmeta`, 'GET');
    expect(Object.keys((meta.body as { fields: Json }).fields)).not.toContain('labels');
    site.emu.jira.browseUsersAndGroups = false;
    const groups = send(`/rest/api/3/user/groups?accountId=${encodeURIComponent(AGENT)}`, 'GET');
    expect(groups.status).toBe(403);
  });

  it('skips "e-mail the assignee" while the request is unassigned and sends it once someone is assigned', async () => {
    site = await startSite({ configure: false });
    await configureWith(site, 'altec', reactionActions([{ kind: 'notify', to: { assignee: true, watchers: false, reporter: false } }], []));
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Касса', reporter: CUSTOMER, priority: '1' });
    site.advance(23 * MINUTE);
    site.emu.resetCalls();
    await site.emu.runSweep();
    await site.emu.runSweep();
    expect(jiraCalls(site, 'POST /rest/api/3/issue/{issueIdOrKey}/notify')).toBe(0);
    site.emu.jira.issue(key)!.assignee = AGENT;
    await site.emu.actions.comment(key, { author: CUSTOMER, body: 'Ау?' });
    await site.emu.runSweep();
    expect(site.emu.jira.notifications.filter((n) => n.issueKey === key).map((n) => n.recipients)).toEqual([[AGENT]]);
    expect(site.emu.errors).toEqual([]);
  });

  it('records a label Jira cannot set (Labels not on the edit screen) once, shows it on the admin page and does not retry it', async () => {
    site = await startSite({ configure: false });
    await configureWith(site, 'altec', reactionActions([], [{ kind: 'label', label: 'sla-breached' }]));
    site.emu.jira.projects.find((p) => p.key === 'SUP')!.offEditScreen = ['labels'];
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Касса', reporter: CUSTOMER, priority: '1' });
    site.advance(31 * MINUTE);
    site.emu.resetCalls();
    for (let i = 0; i < 4; i++) {
      await site.emu.runSweep();
      site.advance(6 * MINUTE);
    }
    expect(jiraCalls(site, 'GET /rest/api/3/issue/{issueIdOrKey}/editmeta')).toBe(1);
    expect(jiraCalls(site, 'PUT /rest/api/3/issue/{issueIdOrKey}')).toBe(0);
    expect(site.emu.jira.issue(key)!.labels ?? []).toEqual([]);
    const admin = await site.call<{ actionLog?: Array<{ issueKey: string; action: string; status: number; message: string }> }>('getAdminState', {}, ADMIN);
    if (!admin.ok) throw new Error(admin.error.message);
    expect(admin.data.actionLog).toEqual([expect.objectContaining({ issueKey: key, status: 400, action: expect.stringMatching(/^reaction:\d+:breached:label-/) })]);
    expect(admin.data.actionLog![0]!.message).toContain('Labels');
    expect(site.emu.errors).toEqual([]);
  });

  it('writes internal notes only in service projects: a Jira Software project gets no public "note"', async () => {
    site = await startSite({ configure: false });
    await configureWith(site, 'altec', reactionActions([], [{ kind: 'comment' }]));
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Касса', reporter: CUSTOMER, priority: '1' });
    site.emu.jira.projects.find((p) => p.key === 'SUP')!.projectTypeKey = 'software';
    site.advance(31 * MINUTE);
    await site.emu.runSweep();
    expect(site.emu.jira.issue(key)!.comments).toEqual([]);
    // Back to a service project (same cycle, nothing was marked done): the note is written, internal.
    site.emu.jira.projects.find((p) => p.key === 'SUP')!.projectTypeKey = 'service_desk';
    await site.emu.actions.comment(key, { author: CUSTOMER, body: 'Ау?' });
    await site.emu.runSweep();
    const notes = site.emu.jira.issue(key)!.comments.filter((c) => c.author !== CUSTOMER);
    expect(notes.map((c) => ({ internal: !c.jsdPublic, text: adfToText(c.body).slice(0, 20) }))).toEqual([{ internal: true, text: expect.any(String) }]);
    expect(site.emu.errors).toEqual([]);
  });

  it('shows the panel when /user/groups answers 403 (agents by group): the authors read as in no group', async () => {
    site = await startSite({ configure: false });
    await configureWith(site, 'altec', (config) => {
      config.agentRule = { kind: 'groups', groups: ['jira-servicedesk-users'] };
    });
    site.emu.jira.browseUsersAndGroups = false;
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Касса', reporter: CUSTOMER, priority: '1' });
    await site.emu.actions.comment(key, { author: AGENT, body: 'Смотрим' });
    const panel = await site.panel(key);
    expect(panel.ok).toBe(true);
    expect(site.emu.errors).toEqual([]);
  });
});
