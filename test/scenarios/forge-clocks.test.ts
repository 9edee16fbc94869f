import { AGENT, CUSTOMER, HOUR, MINUTE, DAY, startSite, type Site } from './forge-harness';

describe('the Forge app on the Jira emulator (Altec template: reaction 30m/60m, resolution 4h…9wd, auto-close 14 days)', () => {
  let site: Site;
  beforeEach(async () => {
    site = await startSite({ template: 'altec' });
  });
  afterEach(() => site.close());

  it('writes the due fields, the state field and the indexed property when a request is created', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Касса не печатает чек', reporter: CUSTOMER, priority: '2' });
    const s = site.state(key);
    expect(s.reactionDue).toBe('2026-03-02T07:30:00Z'); // 10:00 + 30 working minutes, Moscow
    expect(s.resolutionDue).toBe('2026-03-04T07:00:00Z'); // priority 2: 2wd = 18 working hours
    expect(s.stateField).toEqual({ state: 'running', breached: 'no', paused: 'no', nextCheck: '2026-03-02T07:22:30Z' });
    expect(s.property).toEqual(expect.objectContaining({ nextCheckAt: '2026-03-02T07:22:30Z', state: 'running', breached: 'no', scope: 'default', configVersion: 1 }));
    expect(site.emu.errors).toEqual([]);
  });

  it('writes nothing when a recompute gives the same values', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Вопрос', reporter: CUSTOMER, priority: '3' });
    site.emu.resetCalls();
    // A customer's own comment before any answer changes no clock.
    await site.emu.actions.comment(key, { author: CUSTOMER, body: 'Дополнение' });
    const routes = site.emu.calls.filter((c) => c.kind === 'jira').map((c) => c.route);
    expect(routes).toContain('GET /rest/api/3/issue/{issueIdOrKey}');
    expect(routes.filter((r) => r.includes('/app/field/') || r.includes('/properties'))).toEqual([]);
  });

  it('meets the reaction clock when an agent comments', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Вопрос', reporter: CUSTOMER, priority: '3' });
    site.advance(20 * MINUTE);
    await site.emu.actions.comment(key, { author: AGENT, body: 'Смотрим' });
    const reaction = site.state(key).property!.clocks.find((c) => c.kind === 'reaction');
    expect(reaction?.state).toBe('met');
    expect(site.state(key).reactionDue).toBeNull();
  });

  it('does not count an internal note as the reaction', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Вопрос', reporter: CUSTOMER, priority: '3' });
    site.advance(10 * MINUTE);
    await site.emu.actions.comment(key, { author: AGENT, body: 'внутренняя заметка', internal: true });
    expect(site.state(key).property!.clocks.find((c) => c.kind === 'reaction')?.state).toBe('running');
  });

  it('pauses the resolution clock while waiting for the customer and resumes it after', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Нужны логи', reporter: CUSTOMER, priority: '2' });
    site.advance(HOUR);
    await site.emu.actions.transition(key, 'Waiting for customer', AGENT);
    const paused = site.state(key);
    expect(paused.stateField?.paused).toBe('yes');
    expect(paused.property!.clocks.find((c) => c.kind === 'resolution')).toEqual(expect.objectContaining({ state: 'paused', remainingMinutes: 1020, due: null }));
    expect(paused.resolutionDue).toBeNull();
    site.advance(2 * HOUR);
    await site.emu.actions.transition(key, 'In Progress', AGENT);
    // 17 working hours left from 13:00 Monday: Mon 5h, Tue 9h, Wed 3h → Wednesday 12:00 MSK.
    expect(site.state(key).resolutionDue).toBe('2026-03-04T09:00:00Z');
  });

  it('shows at-risk and then breach after one sweep each, without any event', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Срочно', reporter: CUSTOMER, priority: '1' });
    site.advance(23 * MINUTE);
    await site.emu.runSweep();
    expect(site.state(key).stateField?.state).toBe('atRisk');
    site.advance(8 * MINUTE);
    await site.emu.runSweep();
    expect(site.state(key).stateField).toEqual(expect.objectContaining({ state: 'breached', breached: 'yes' }));
    expect(site.state(key).property?.breached).toBe('yes');
  });

  it('auto-closes a resolved request after 14 days exactly once when two sweeps run at the same time', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Готово?', reporter: CUSTOMER, priority: '3' });
    await site.emu.actions.comment(key, { author: AGENT, body: 'Исправили' });
    await site.emu.actions.transition(key, 'Resolved', AGENT);
    expect(site.state(key).property?.autoCloseAt).toBe(new Date(site.now() + 14 * DAY).toISOString().replace('.000Z', 'Z'));
    site.advance(14 * DAY + MINUTE);
    await Promise.all([site.emu.runSweep(), site.emu.runSweep()]);
    const s = site.state(key);
    expect(s.status).toBe('Closed');
    expect(s.statusMoves.filter((m) => m === 'Closed')).toHaveLength(1);
    expect(s.property?.nextCheckAt).toBeNull();
    await site.emu.runSweep();
    expect(site.state(key).statusMoves.filter((m) => m === 'Closed')).toHaveLength(1);
    expect(site.emu.errors).toEqual([]);
  });

  it('keeps a resolved request open when the customer answers before the auto-close', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Готово?', reporter: CUSTOMER, priority: '3' });
    await site.emu.actions.transition(key, 'Resolved', AGENT);
    site.advance(3 * DAY);
    await site.emu.actions.comment(key, { author: CUSTOMER, body: 'Не работает' });
    site.advance(12 * DAY);
    await site.emu.runSweep();
    expect(site.state(key).status).toBe('Resolved');
  });
});
