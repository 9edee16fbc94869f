// The JSM customer portal view (jiraServiceManagement:portalRequestDetail) on the emulator: the
// customer reads their own request through getPortalSla, sees package, due times in the team's
// zone and why a clock is paused, and nothing internal; the agents' resolvers are closed there.
import { AGENT, CUSTOMER, HOUR, OTHER_CUSTOMER, startSite, type Site } from './forge-harness';
import { customerSlaViewSchema, type CustomerSlaView } from '../../src/app/portal-view';

const INTERNAL_WORDS = ['history', 'warnings', 'priority', 'goal', 'workingSegmentsAhead', 'elapsedMinutes', 'atRisk', 'agent', 'note', 'Иван', 'assignee'];

describe('customer portal request detail', () => {
  let site: Site;
  beforeEach(async () => {
    site = await startSite({ template: 'altec' });
  });
  afterEach(() => site.close());

  const portal = (key: string) => ({ type: 'jiraServiceManagement:portalRequestDetail', request: { key }, portal: { id: 1 } });

  it('shows the package, due times in the team\u2019s zone and "waiting for your reply", nothing internal', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Касса', reporter: CUSTOMER, priority: '2' });
    await site.emu.actions.comment(key, { author: AGENT, body: 'Внутреннее: клиент проблемный', internal: true });
    await site.emu.actions.comment(key, { author: AGENT, body: 'Пришлите логи' });
    site.advance(HOUR);
    await site.emu.actions.transition(key, 'Waiting for customer', AGENT);
    const r = await site.call<CustomerSlaView>('getPortalSla', { locale: 'ru' }, CUSTOMER, portal(key));
    if (!r.ok) throw new Error(r.error.message);
    const v = customerSlaViewSchema.parse(r.data);
    expect(v.package).toEqual({ id: '8x5x4', name: { ru: 'Опция 8*5*4', en: 'Option 8*5*4' } });
    expect(v.zoneText).toBe('Europe/Moscow, UTC+3');
    expect(v.clocks.find((c) => c.kind === 'reaction')).toEqual(expect.objectContaining({ state: 'met', due: null }));
    expect(v.clocks.find((c) => c.kind === 'resolution')).toEqual(expect.objectContaining({ state: 'paused', pausedBecause: 'waitingForYou', due: null }));
    const text = JSON.stringify(r.data);
    for (const w of INTERNAL_WORDS) expect([w, text.includes(w)]).toEqual([w, false]);
    expect(text).not.toContain('проблемный');
  });

  it('gives the due instant and its wall-clock text in the team\u2019s zone while a clock runs', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Касса', reporter: CUSTOMER, priority: '2' });
    const r = await site.call<CustomerSlaView>('getPortalSla', { locale: 'en' }, CUSTOMER, portal(key));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data.clocks.find((c) => c.kind === 'resolution')).toEqual(expect.objectContaining({ state: 'running', due: '2026-03-04T10:00:00+03:00', dueText: '04/03/2026, 10:00' }));
  });

  it('closes the agents\u2019 resolvers to the portal module', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Касса', reporter: CUSTOMER, priority: '2' });
    const r = await site.call('getIssueSla', { issueKey: key }, CUSTOMER, portal(key));
    expect(r).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'getIssueSla is not available on the customer portal' } });
    const q = await site.call('getQueue', { projectKey: 'SUP' }, CUSTOMER, portal(key));
    expect(q.ok).toBe(false);
  });

  it('another customer cannot read the request', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Касса', reporter: CUSTOMER, priority: '2' });
    const r = await site.call('getPortalSla', {}, OTHER_CUSTOMER, portal(key));
    expect(r.ok).toBe(false);
  });
});
