// The impact preview (issue 15) on the Jira emulator: before a draft is saved, the open requests of
// the scope are computed with the configuration in effect and with the draft; the preview counts
// new dues and requests that become at risk or breached, lists old → new due, leaves stopped clocks
// out, writes nothing, and answers only an administrator.
import type { ImpactView } from '../../src/shared/contract';
import { AGENT, CUSTOMER, HOUR, MINUTE, startSite, type Site } from './forge-harness';

type Json = Record<string, unknown>;

describe('impact preview of a draft configuration', () => {
  let site: Site;
  afterEach(() => site.close());

  it('counts and lists the running clocks a shorter resolution goal moves; a resolved request is left out', async () => {
    site = await startSite({ template: 'altec' }); // Monday 10:00 MSK; priority 1 resolution 4h
    const open1 = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'A', reporter: CUSTOMER, priority: '1' });
    const open2 = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'B', reporter: CUSTOMER, priority: '1' });
    const done = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'C', reporter: CUSTOMER, priority: '1' });
    site.advance(30 * MINUTE);
    await site.emu.actions.comment(done.key, { author: AGENT, body: 'Готово' });
    await site.emu.actions.transition(done.key, 'Resolved', AGENT);
    site.advance(2 * HOUR); // 12:30: 2.5 working hours of 4 elapsed
    const state = await site.call<{ config: Json; version: number }>('getAdminState', {});
    if (!state.ok) throw new Error(state.error.message);
    const draft = JSON.parse(JSON.stringify(state.data.config)) as { goals: { resolution: Record<string, string> } };
    draft.goals.resolution['1'] = '3h'; // due 13:00: 30 minutes left of 3 h → at risk (< 25 %)
    const r = await site.call<ImpactView>('previewImpact', { config: draft });
    if (!r.ok) throw new Error(r.error.message);
    // The resolved request is not open, so it is not read: its stopped clock keeps its judgement.
    expect(r.data).toMatchObject({ checked: 2, newDue: 2, becomeAtRisk: 2, becomeBreached: 0, truncated: false });
    expect(r.data.rows.map((x) => [x.issueKey, x.clock, x.oldDue, x.newDue, x.oldState, x.newState]).sort()).toEqual(
      [open1.key, open2.key].map((k) => [k, 'resolution', '2026-03-02T14:00:00+03:00', '2026-03-02T13:00:00+03:00', 'running', 'atRisk']).sort(),
    );
    // A goal the requests have already used up: breached.
    draft.goals.resolution['1'] = '2h';
    const b = await site.call<ImpactView>('previewImpact', { config: draft });
    expect(b.ok && [b.data.newDue, b.data.becomeBreached]).toEqual([2, 2]);
    // Nothing was saved.
    const after = await site.call<{ version: number }>('getAdminState', {});
    expect(after.ok && after.data.version).toBe(state.data.version);
  });

  it('refuses an agent, and names the field of an invalid draft', async () => {
    site = await startSite({ template: 'altec' });
    const state = await site.call<{ config: Json }>('getAdminState', {});
    if (!state.ok) throw new Error(state.error.message);
    const agent = await site.call('previewImpact', { config: state.data.config }, AGENT);
    expect(!agent.ok && agent.error.code).toBe('FORBIDDEN');
    const bad = await site.call('previewImpact', { config: { ...state.data.config, atRiskThreshold: 2 } });
    expect(bad.ok ? null : [bad.error.code, bad.error.issues?.[0]?.path]).toEqual(['INVALID_CONFIG', 'atRiskThreshold']);
  });
});
