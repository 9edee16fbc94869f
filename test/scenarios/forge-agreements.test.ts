import type { IssueSlaView, ReportView } from '../../src/shared/contract';
import { AGENT, CUSTOMER, HOUR, MINUTE, startSite, type Site } from './forge-harness';

const panelExt = (key: string) => ({ type: 'jira:issuePanel', issue: { id: '0', key }, project: { id: '10000', key: 'SUP' } });

describe('agreed deadlines on the emulator (issue 15)', () => {
  let site: Site;
  beforeEach(async () => {
    site = await startSite({ template: 'altec' });
  });
  afterEach(() => site.close());

  it('an extension moves the due in the panel and the Jira field, is audited, and a reply within it counts as met as agreed in the report', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'vendor fix', reporter: CUSTOMER, priority: '1' });
    const before = await site.panel(key);
    if (!before.ok) throw new Error(before.error.message);
    const reaction0 = before.data.clocks.find((c) => c.kind === 'reaction')!;
    expect(reaction0.due).toBe('2026-03-02T10:30:00+03:00');
    expect(site.state(key).reactionDue).toBe('2026-03-02T07:30:00Z');

    site.advance(10 * MINUTE);
    const r = await site.call<IssueSlaView>('agreeDeadline', { clock: 'reaction', extend: '2h', reason: 'waiting for a vendor fix' }, AGENT, panelExt(key));
    if (!r.ok) throw new Error(r.error.message);
    const reaction = r.data.clocks.find((c) => c.kind === 'reaction')!;
    // 30 min + 2 working hours from 10:00 Moscow.
    expect(reaction.due).toBe('2026-03-02T12:30:00+03:00');
    expect(reaction.agreement).toEqual(
      expect.objectContaining({ originalGoalMinutes: 30, originalDue: '2026-03-02T10:30:00+03:00', count: 1, lastReason: 'waiting for a vendor fix', lastBy: AGENT, metAsAgreed: false }),
    );
    // Recomputed at once: the Jira field shows the agreed due, and the history is audited in an internal note.
    expect(site.state(key).reactionDue).toBe('2026-03-02T09:30:00Z');
    const note = site.emu.jira.issue(key)!.comments.at(-1)!;
    expect(JSON.stringify(note.body)).toContain('waiting for a vendor fix');
    expect(note.jsdPublic).toBe(false);
    // The panel read later computes with the stored agreement too.
    const again = await site.panel(key);
    expect(again.ok && again.data.clocks.find((c) => c.kind === 'reaction')!.due).toBe('2026-03-02T12:30:00+03:00');

    // The agent answers after the regulation's 30 minutes but within the agreed due.
    site.advance(HOUR);
    await site.emu.actions.comment(key, { author: AGENT, body: 'Here is the workaround' });
    const after = await site.panel(key);
    if (!after.ok) throw new Error(after.error.message);
    expect(after.data.clocks.find((c) => c.kind === 'reaction')).toEqual(expect.objectContaining({ state: 'met', agreement: expect.objectContaining({ metAsAgreed: true }) }));

    const report = await site.call<ReportView>('getReport', { from: '2026-03-01', to: '2026-03-31' }, AGENT, { type: 'jira:adminPage' });
    if (!report.ok) throw new Error(report.error.message);
    expect(report.data.total.clocks.reaction).toEqual(expect.objectContaining({ met: 1, breached: 0, metAsAgreed: 1, extended: 1 }));
  });

  it('an agreed due must be in the future; customers and packages that forbid it are refused', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'x', reporter: CUSTOMER, priority: '2' });
    const past = await site.call('agreeDeadline', { clock: 'resolution', due: '2026-03-01T10:00:00+03:00', reason: 'customer agreed' }, AGENT, panelExt(key));
    expect(past.ok ? 'ok' : [past.error.code, past.error.issues?.[0]?.path]).toEqual(['BAD_REQUEST', 'due']);
    const noReason = await site.call('agreeDeadline', { clock: 'resolution', extend: '4h', reason: '  ' }, AGENT, panelExt(key));
    expect(noReason.ok ? 'ok' : noReason.error.code).toBe('BAD_REQUEST');
    const customer = await site.call('agreeDeadline', { clock: 'resolution', extend: '4h', reason: 'I agree' }, CUSTOMER, panelExt(key));
    expect(customer.ok ? 'ok' : customer.error.code).toBe('FORBIDDEN');

    const ok = await site.call<IssueSlaView>('agreeDeadline', { clock: 'resolution', due: '2026-03-06T18:00:00+03:00', reason: 'customer agreed' }, AGENT, panelExt(key));
    if (!ok.ok) throw new Error(ok.error.message);
    expect(ok.data.clocks.find((c) => c.kind === 'resolution')!.due).toBe('2026-03-06T18:00:00+03:00');

    // The admin forbids agreements on every package.
    const state = await site.call<{ config: { packages: Array<Record<string, unknown>> }; version: number }>('getAdminState', {});
    if (!state.ok) throw new Error(state.error.message);
    const packages = state.data.config.packages.map((p) => ({ ...p, agreementsAllowed: false }));
    const saved = await site.call('saveConfig', { config: { ...state.data.config, packages }, baseVersion: state.data.version });
    if (!saved.ok) throw new Error(saved.error.message);
    const refused = await site.call('agreeDeadline', { clock: 'resolution', extend: '4h', reason: 'vendor' }, AGENT, panelExt(key));
    expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN');
    expect(refused.ok ? '' : refused.error.message).toMatch(/does not allow agreed deadlines/);
    expect(refused.ok ? '' : refused.error.message).toMatch(/не допускает согласованных сроков/);
  });
});
