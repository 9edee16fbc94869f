// The app's Atlassian Automation actions on the emulator: the rule passes only its inputs (smart
// values rendered), `{ errors: [{ message }] }` fails the step with the app's message.
import { CUSTOMER, HOUR, startSite, type Site } from './forge-harness';
import { recomputeSlaAction, setPriorityAction } from '../../local/app-handlers';

describe('Automation actions: Recompute SLA, Set service package, Set SLA priority (Altec)', () => {
  let site: Site;
  beforeEach(async () => {
    site = await startSite({ template: 'altec' });
  });
  afterEach(() => site.close());

  it('Set SLA priority writes the field and recomputes the clocks at once (our own write raises no trigger)', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Касса', reporter: CUSTOMER, priority: '3' });
    expect(site.state(key).resolutionDue).toBe('2026-03-06T07:00:00Z'); // 4wd = 36 working hours from Mon 10:00
    const audit = await site.emu.runAutomationAction('set-sla-priority', { issueKey: '{{issue.key}}', priority: 'Priority 1' }, { issueKey: key });
    expect(audit).toEqual({ status: 'SUCCESS', action: 'set-sla-priority', output: { ok: true, issueKey: key, state: 'running' } });
    const priorityField = site.emu.jira.field('sla-priority')!.id;
    expect(site.emu.jira.issue(key)!.custom[priorityField]).toBe('1');
    expect(site.state(key).resolutionDue).toBe('2026-03-02T11:00:00Z'); // 4h from Mon 10:00 Moscow
    expect(site.emu.errors).toEqual([]);
  });

  it('Set service package refuses a package the configuration does not define, and changes nothing', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Касса', reporter: CUSTOMER, priority: '2' });
    const before = site.state(key);
    const audit = await site.emu.runAutomationAction('set-service-package', { issueKey: '{{issue.key}}', package: 'gold' }, { issueKey: key });
    expect(audit.status).toBe('FAILURE');
    expect(audit.status === 'FAILURE' && audit.messages[0]).toMatch(/^Reglament: there is no service package "gold" in default; known: 8x5x4 \(Option 8\*5\*4\)/);
    expect(site.state(key)).toEqual(before);
  });

  it('Set service package accepts the id and keeps the value when it is already set', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Касса', reporter: CUSTOMER, priority: '2' });
    const audit = await site.emu.runAutomationAction('set-service-package', { issueKey: '{{issue.key}}', package: '8x5x4' }, { issueKey: key });
    expect(audit).toEqual(expect.objectContaining({ status: 'SUCCESS' }));
    expect(site.emu.jira.issue(key)!.custom[site.emu.jira.field('sla-service-package')!.id]).toBe('8x5x4');
  });

  it('Recompute SLA brings a request up to date without waiting for the sweep', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Касса', reporter: CUSTOMER, priority: '2' });
    site.advance(HOUR);
    expect(site.state(key).property!.reactionState).toBe('running');
    const audit = await site.emu.runAutomationAction('recompute-sla', { issueKey: '{{issue.key}}' }, { issueKey: key });
    expect(audit).toEqual({ status: 'SUCCESS', action: 'recompute-sla', output: { ok: true, issueKey: key, state: 'breached' } });
    expect(site.state(key).property!.reactionState).toBe('breached');
  });

  it('an invalid input fails the step with a clear message', async () => {
    const missing = await site.emu.runAutomationAction('recompute-sla', { issueKey: 'NOPE-999' });
    expect(missing).toEqual({ status: 'FAILURE', action: 'recompute-sla', messages: ['Reglament: issue "NOPE-999" was not found / задача "NOPE-999" не найдена.'] });
    // A smart value that rendered to something that is not a key (e.g. the rule has no issue).
    expect(await recomputeSlaAction({ issueKey: 'summary text' }, {})).toEqual({ errors: [{ message: 'Reglament: issueKey: expected an issue key such as SUP-12 ({{issue.key}})' }] });
    expect(await setPriorityAction({ issueKey: 'SUP-1', priority: '  ' }, {})).toEqual({ errors: [{ message: 'Reglament: priority: name the SLA priority (its id or name)' }] });
    // The rule editor itself does not let a required input stay empty.
    await expect(site.emu.runAutomationAction('set-sla-priority', { issueKey: 'SUP-1' })).rejects.toThrow('requires "SLA priority"');
  });
});
