// The app's Atlassian Automation actions on the emulator: the rule passes only its inputs (smart
// values rendered), `{ errors: [{ message }] }` fails the step with the app's message.
import { AGENT, CUSTOMER, HOUR, MINUTE, startSite, type Site } from './forge-harness';
import { agreeDeadlineAction, recomputeSlaAction, setPriorityAction } from '../../local/app-handlers';

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
    // The field holds the id and its name, which Jira's formatter shows in the navigator.
    expect(site.emu.jira.issue(key)!.custom[priorityField]).toEqual({ id: '1', name: 'Приоритет 1' });
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
    expect(site.emu.jira.issue(key)!.custom[site.emu.jira.field('sla-service-package')!.id]).toEqual({ id: '8x5x4', name: 'Опция 8*5*4' });
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

describe('Automation action: Extend the goal / agree a deadline (Altec)', () => {
  let site: Site;
  beforeEach(async () => {
    site = await startSite({ template: 'altec' });
  });
  afterEach(() => site.close());

  it('an extension in working time moves the due at once, stored with who, when and why, and noted in the issue', async () => {
    const { key, id } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'vendor fix', reporter: CUSTOMER, priority: '1' });
    expect(site.state(key).reactionDue).toBe('2026-03-02T07:30:00Z'); // 30 min from Mon 10:00 Moscow
    site.advance(10 * MINUTE);
    // The payload Automation sends: the configured inputs, smart values rendered, an empty optional as "".
    const audit = await site.emu.runAutomationAction('agree-deadline', { issueKey: '{{issue.key}}', clock: 'reaction', extend: '2h', due: '', reason: 'waiting for a vendor fix' }, { issueKey: key, actor: AGENT });
    expect(audit).toEqual({ status: 'SUCCESS', action: 'agree-deadline', output: { ok: true, issueKey: key, state: 'running', clock: 'reaction', due: '2026-03-02T12:30:00+03:00' } });
    expect(site.state(key).reactionDue).toBe('2026-03-02T09:30:00Z');
    const stored = site.emu.kvs.get(`agree:${id}`) as Array<Record<string, unknown>>;
    expect(stored).toEqual([expect.objectContaining({ by: AGENT, at: site.now(), clock: 'reaction', kind: 'extend', minutes: 120, reason: 'waiting for a vendor fix', via: 'automation' })]);
    const note = site.emu.jira.issue(key)!.comments.at(-1)!;
    expect(JSON.stringify(note.body)).toContain('Agreed reaction deadline (Automation rule): +2h. Reason: waiting for a vendor fix');
    expect(note.jsdPublic).toBe(false);
    expect(site.emu.errors).toEqual([]);
  });

  it('an agreed due instant (a rendered smart value with a +hhmm offset) sets the due', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'x', reporter: CUSTOMER, priority: '2' });
    const audit = await site.emu.runAutomationAction('agree-deadline', { issueKey: '{{issue.key}}', clock: 'resolution', due: '2026-03-06T18:00:00.0+0300', reason: 'customer agreed' }, { issueKey: key, actor: AGENT });
    expect(audit).toEqual(expect.objectContaining({ status: 'SUCCESS', output: expect.objectContaining({ clock: 'resolution', due: '2026-03-06T18:00:00+03:00' }) }));
    expect(site.state(key).resolutionDue).toBe('2026-03-06T15:00:00Z');
  });

  it('stops the rule with a clear message: both or neither of due and extension, a bad clock, a past due, a customer actor, a package that forbids agreements', async () => {
    const { key, id } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'x', reporter: CUSTOMER, priority: '2' });
    const run = (inputs: Record<string, string>, actor = AGENT) => site.emu.runAutomationAction('agree-deadline', { issueKey: '{{issue.key}}', ...inputs }, { issueKey: key, actor });
    const messages = async (inputs: Record<string, string>, actor?: string) => {
      const a = await run(inputs, actor);
      return a.status === 'FAILURE' ? a.messages : ['(succeeded)'];
    };
    expect(await messages({ clock: 'resolution', extend: '4h', due: '2026-03-06T18:00:00+03:00', reason: 'r' })).toEqual(['Reglament: due: give either an agreed due or an extension (not both)']);
    expect(await messages({ clock: 'resolution', extend: '', reason: 'r' })).toEqual(['Reglament: due: give either an agreed due or an extension (not both)']);
    expect(await messages({ clock: 'followUp', extend: '4h', reason: 'r' })).toEqual(['Reglament: clock: expected reaction or resolution']);
    expect(await messages({ clock: 'resolution', due: '2026-03-06', reason: 'r' })).toEqual([expect.stringMatching(/^Reglament: due: expected a date-time with its offset/)]);
    expect(await messages({ clock: 'resolution', extend: '4h', reason: 'r'.repeat(501) })).toEqual(['Reglament: reason: the reason is longer than 500 characters']);
    // Automation itself does not save a configuration over 100 KB.
    await expect(run({ clock: 'resolution', extend: '4h', reason: 'r'.repeat(101 * 1024) })).rejects.toThrow('larger than 100 kilobytes');
    expect(await messages({ clock: 'resolution', extend: 'soon', reason: 'r' })).toEqual(['Reglament: An extension reads like 4h, 30m or 1h30m / Продление пишется как 4h, 30m или 1h30m']);
    expect(await messages({ clock: 'resolution', due: '2026-03-01T10:00:00+03:00', reason: 'r' })).toEqual(['Reglament: The agreed due must be in the future / Согласованный срок должен быть в будущем']);
    // Automation runs the action as the rule's actor: Jira says a customer may not edit the issue.
    expect(await messages({ clock: 'resolution', extend: '4h', reason: 'r' }, CUSTOMER)).toEqual([
      'Reglament: Only an agent who may edit the issue can agree a deadline / Согласовать срок может только агент, которому разрешено редактировать заявку',
    ]);
    expect(site.emu.kvs.get(`agree:${id}`)).toBeUndefined();

    const state = await site.call<{ config: { packages: Array<Record<string, unknown>> }; version: number }>('getAdminState', {});
    if (!state.ok) throw new Error(state.error.message);
    const saved = await site.call('saveConfig', { config: { ...state.data.config, packages: state.data.config.packages.map((p) => ({ ...p, agreementsAllowed: false })) }, baseVersion: state.data.version });
    if (!saved.ok) throw new Error(saved.error.message);
    const before = site.state(key);
    expect(await messages({ clock: 'resolution', extend: '4h', reason: 'vendor' })).toEqual([expect.stringMatching(/^Reglament: Package ".+" does not allow agreed deadlines \/ Пакет «.+» не допускает согласованных сроков$/)]);
    expect(site.state(key)).toEqual(before);
    expect(site.emu.kvs.get(`agree:${id}`)).toBeUndefined();
    // Automation named no user: nothing is agreed.
    expect(await agreeDeadlineAction({ issueKey: key, clock: 'resolution', extend: '4h', reason: 'r' }, {})).toEqual({ errors: [expect.objectContaining({ message: expect.stringMatching(/named no user/) })] });
  });
});
