// Issue 11, integrity under races and tampering, through the real handlers on the Jira emulator:
// an auto-close never closes a request the customer answered (or an agent reopened) after the
// sweep read it; the sweep's worklist cannot be silenced by an agent editing the issue property.

import { adfToText } from '../../local/emulator';
import { AGENT, CUSTOMER, DAY, startSite, type Site } from './forge-harness';

type ForgeFetch = (target: { remote?: string }, path: string, init?: RequestInit) => Promise<Response>;

/**
 * Runs `between` once, right after the app's first Jira call whose path starts with `prefix` has
 * been answered: a person acting while a sweep is between its read and its writes.
 */
function interleave(prefix: string, between: () => void): () => void {
  const g = globalThis as Record<string, unknown>;
  const inner = g.__forge_fetch__ as ForgeFetch;
  let done = false;
  const wrapped: ForgeFetch = async (target, path, init) => {
    const res = await inner(target, path, init);
    if (!done && target.remote === 'jira' && path.startsWith(prefix)) {
      done = true;
      between();
    }
    return res;
  };
  g.__forge_fetch__ = wrapped;
  return () => {
    g.__forge_fetch__ = inner;
  };
}

async function resolvedRequest(site: Site): Promise<string> {
  const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Не печатает чек', reporter: CUSTOMER, priority: '2' });
  await site.emu.actions.comment(key, { author: AGENT, body: 'Исправили, проверьте' });
  await site.emu.actions.transition(key, 'Resolved', AGENT);
  return key;
}

const appComments = (site: Site, key: string) =>
  site.emu.jira.issue(key)!.comments.filter((c) => c.author !== AGENT && c.author !== CUSTOMER).map((c) => adfToText(c.body));

describe('auto-close racing a customer reply or a reopen', () => {
  let site: Site;
  afterEach(() => site.close());

  it('does not close a request the customer answered after two concurrent sweeps read it', async () => {
    site = await startSite({ template: 'altec' });
    const key = await resolvedRequest(site);
    site.advance(15 * DAY);
    // The reply lands after the sweeps' history read; its trigger event is delivered only later.
    const restore = interleave('/rest/api/3/changelog/bulkfetch', () => {
      site.emu.jira.addComment(site.emu.jira.issue(key)!, { author: CUSTOMER, body: { type: 'doc', version: 1, content: [] }, internal: false, selfGenerated: false });
    });
    await Promise.all([site.emu.runSweep(), site.emu.runSweep()]);
    restore();
    await site.emu.drainQueue({ ignoreDelays: true });
    await site.emu.runSweep();
    const s = site.state(key);
    expect(s.status).toBe('Resolved');
    expect(s.statusMoves).not.toContain('Closed');
    expect(s.property?.autoCloseAt).toBeNull();
    expect(appComments(site, key).some((t) => t.includes('закрыто автоматически'))).toBe(false);
    expect(site.emu.errors).toEqual([]);
  });

  it('does not close a request an agent reopened after the sweep read it', async () => {
    site = await startSite({ template: 'altec' });
    const key = await resolvedRequest(site);
    site.advance(15 * DAY);
    const restore = interleave('/rest/api/3/changelog/bulkfetch', () => {
      site.emu.jira.transitionTo(site.emu.jira.issue(key)!, 'In Progress', { by: AGENT, selfGenerated: false });
    });
    await site.emu.runSweep();
    restore();
    await site.emu.drainQueue({ ignoreDelays: true });
    expect(site.state(key).status).toBe('In Progress');
    expect(site.state(key).statusMoves).not.toContain('Closed');
    expect(site.emu.errors).toEqual([]);
  });

  it('still closes an unanswered resolved request exactly once when two sweeps race', async () => {
    site = await startSite({ template: 'altec' });
    const key = await resolvedRequest(site);
    site.advance(15 * DAY);
    await Promise.all([site.emu.runSweep(), site.emu.runSweep()]);
    await site.emu.runSweep();
    const s = site.state(key);
    expect(s.statusMoves.filter((m) => m === 'Closed')).toHaveLength(1);
    expect(appComments(site, key).filter((t) => t.includes('закрыто автоматически'))).toHaveLength(1);
    expect(site.emu.errors).toEqual([]);
  });
});

describe('an agent editing the app\'s issue property', () => {
  let site: Site;
  afterEach(() => site.close());

  it('cannot silence a breach: the sweep finds the request from the read-only field and the e-mail is still sent', async () => {
    site = await startSite({ template: 'altec' });
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Касса', reporter: CUSTOMER, priority: '1' });
    const issue = site.emu.jira.issue(key)!;
    issue.assignee = AGENT;
    const stored = site.state(key).property!;
    // Any agent may PUT an issue property: push the next check six hours out.
    const far = new Date(site.now() + 6 * 60 * 60_000).toISOString();
    const put = site.emu.jira.handle('PUT', `/rest/api/3/issue/${key}/properties/reglament-sla`, JSON.stringify({ ...stored, nextCheckAt: far }), { kind: 'user', accountId: AGENT });
    expect(put.status).toBeLessThan(300);
    // Writing the app's read-only field is refused to the same agent.
    const fieldId = site.emu.jira.field('sla-state')!.id;
    const edit = site.emu.jira.handle('PUT', `/rest/api/3/issue/${key}`, JSON.stringify({ fields: { [fieldId]: { state: 'met', breached: 'no', paused: 'no' } } }), { kind: 'user', accountId: AGENT });
    expect(edit.status).toBe(400);
    site.advance(35 * 60_000);
    await site.emu.runSweep();
    const mails = site.emu.jira.notifications.filter((n) => n.issueKey === key).map((n) => n.subject);
    expect(mails).toContain(`${key}: нарушен срок (время реакции)`);
    // The property is a cache: the sweep wrote the true next check back over the tampered one.
    expect(site.state(key).property?.nextCheckAt).not.toBe(far);
    expect(site.emu.errors).toEqual([]);
  });
});

describe('a trigger event lost during an outage', () => {
  let site: Site;
  afterEach(() => site.close());

  it('is reconciled by the next sweep on a paused request, which has no next check of its own', async () => {
    site = await startSite({ template: 'altec' });
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Ждём логи', reporter: CUSTOMER, priority: '3' });
    await site.emu.actions.comment(key, { author: AGENT, body: 'Пришлите логи' });
    await site.emu.actions.transition(key, 'Waiting for customer', AGENT);
    expect(site.state(key).property?.paused).toBe('yes');
    site.advance(60 * 60_000);
    await site.emu.runSweep();
    // Jira is up, the app's trigger is not: the customer's reply and the move back are never delivered.
    const onChange = site.emu.jira.onChange;
    site.emu.jira.onChange = null;
    site.emu.jira.addComment(site.emu.jira.issue(key)!, { author: CUSTOMER, body: { type: 'doc', version: 1, content: [] }, internal: false, selfGenerated: false });
    site.emu.jira.transitionTo(site.emu.jira.issue(key)!, 'In Progress', { by: AGENT, selfGenerated: false });
    site.emu.jira.onChange = onChange;
    expect(site.state(key).property?.paused).toBe('yes');
    site.advance(5 * 60_000);
    await site.emu.runSweep();
    const s = site.state(key);
    expect(s.property?.paused).toBe('no');
    expect(s.property?.nextCheckAt).not.toBeNull();
    expect(s.stateField?.paused).toBe('no');
    // Reconciled once: the next sweep finds nothing behind.
    site.emu.resetCalls();
    site.advance(5 * 60_000);
    await site.emu.runSweep();
    expect(site.emu.callCounts()['POST /rest/api/3/changelog/bulkfetch'] ?? 0).toBe(0);
    expect(site.emu.errors).toEqual([]);
  });
});
