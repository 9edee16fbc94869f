// The dashboard gadget's resolvers on the emulator, called from the gadget's module context
// (jira:dashboardGadget, its stored gadgetConfiguration) as its Custom UI does.
import { AGENT, CUSTOMER, HOUR, OTHER_CUSTOMER, startSite, type Site } from './forge-harness';
import { attentionQueue, complianceOf } from '../../static/gadget/src/model';
import type { QueueRow, ReportView } from '../../src/shared/contract';

describe('dashboard gadget (jira:dashboardGadget) on the emulator', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite({ template: 'altec' });
  });
  afterAll(() => site.close());

  const gadget = { type: 'jira:dashboardGadget', gadgetConfiguration: { projectKey: 'SUP', periodDays: 30, clock: 'reaction' } };

  it('shows the breached request in the queue and the reaction compliance of the period', async () => {
    const late = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Никто не ответил', reporter: CUSTOMER, priority: '2' });
    const fast = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Ответили сразу', reporter: OTHER_CUSTOMER, priority: '2' });
    await site.emu.actions.comment(fast.key, { author: AGENT, body: 'Смотрим' });
    site.advance(HOUR);
    await site.emu.runSweep();
    await site.emu.drainQueue({ ignoreDelays: true });

    const q = await site.call<QueueRow[]>('getQueue', { projectKey: 'SUP' }, AGENT, gadget);
    if (!q.ok) throw new Error(q.error.message);
    const attention = attentionQueue(q.data);
    expect(attention.map((r) => [r.issueKey, r.mostUrgent?.kind, r.mostUrgent?.state])).toEqual([[late.key, 'reaction', 'breached']]);

    const r = await site.call<ReportView>('getReport', { lastDays: 30, projectKey: 'SUP' }, AGENT, gadget);
    if (!r.ok) throw new Error(r.error.message);
    expect(complianceOf(r.data, 'reaction')).toEqual(expect.objectContaining({ met: 1, breached: 1, metPercent: 50 }));
    // The last 30 days end at the site's (simulated) now, whatever the browser's clock says.
    expect([Date.parse(r.data.from), Date.parse(r.data.to)]).toEqual([site.now() - 30 * 24 * HOUR, site.now() + 1000]);
    expect(site.emu.errors).toEqual([]);
  });

  it('refuses a period given both ways, or half of one', async () => {
    for (const bad of [{ lastDays: 30, from: '2026-01-01', to: '2026-02-01' }, { from: '2026-01-01' }, {}, { lastDays: 0 }]) {
      const r = await site.call<ReportView>('getReport', { ...bad, projectKey: 'SUP' }, AGENT, gadget);
      expect([bad, r.ok ? 'ok' : r.error.code]).toEqual([bad, 'BAD_REQUEST']);
    }
  });

  it('a gadget configured for a project the viewer cannot browse lists nothing', async () => {
    const r = await site.call<QueueRow[]>('getQueue', { projectKey: 'NOPE' }, AGENT, gadget);
    // Jira refuses the search or finds nothing; either way the gadget lists no request.
    expect(r.ok ? r.data : []).toEqual([]);
  });
});
