// Customer → package on a real-like site (issue 16): Jira hides most customers' e-mail from apps,
// so customers are matched by the request's JSM organizations; an agent's Service package wins;
// a request whose customer cannot be identified says so on the panel.
import type { IssueSlaView } from '../../src/shared/contract';
import { AGENT, CUSTOMER, OTHER_CUSTOMER, startSite, type Site } from './forge-harness';

const panelExt = (key: string) => ({ type: 'jira:issuePanel', issue: { id: '0', key }, project: { id: '10000', key: 'SUP' } });

describe('customer packages by JSM organization', () => {
  let site: Site;
  beforeEach(async () => {
    site = await startSite({ template: 'agentplus' });
  });
  afterEach(() => site.close());

  async function saveCustomers(customers: unknown[]): Promise<void> {
    const state = await site.call<{ config: Record<string, unknown>; version: number }>('getAdminState', {});
    if (!state.ok) throw new Error(state.error.message);
    const saved = await site.call('saveConfig', { config: { ...state.data.config, customers }, baseVersion: state.data.version });
    if (!saved.ok) throw new Error(saved.error.message);
    await site.emu.drainQueue({ ignoreDelays: true });
  }

  async function panel(key: string): Promise<IssueSlaView> {
    const r = await site.call<IssueSlaView>('getIssueSla', {}, AGENT, panelExt(key));
    if (!r.ok) throw new Error(r.error.message);
    return r.data;
  }

  it('gives an organization its package although Jira hides the reporter e-mail', async () => {
    await saveCustomers([{ match: { organization: 'ООО «Ромашка»' }, package: 'extended', validFrom: null, validTo: null }]);
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'a', reporter: CUSTOMER });
    await site.emu.drainQueue({ ignoreDelays: true });
    const v = await panel(key);
    expect(v.package?.id).toBe('extended');
    expect(v.package?.fallback).toBe(false);
    expect(v.warningDetails.map((w) => w.code)).not.toContain('customerUnknown');
    expect(site.state(key).property?.package).toBe('extended');
  });

  it('warns when the config matches by e-mail domain and Jira hides the e-mail; matches once the site shows it', async () => {
    await saveCustomers([{ match: { emailDomain: 'romashka.example' }, package: 'extended', validFrom: null, validTo: null }]);
    // Olga's e-mail is hidden, so the domain rule cannot see her.
    const hidden = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'hidden', reporter: CUSTOMER });
    await site.emu.drainQueue({ ignoreDelays: true });
    const v = await panel(hidden.key);
    // Olga's organization is known but not configured: a known customer without a package (no warning).
    expect(v.package?.id).toBe('basic');
    expect(v.warningDetails.map((w) => w.code)).not.toContain('customerUnknown');

    site.emu.jira.showEmails = true;
    const shown = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'shown', reporter: CUSTOMER });
    await site.emu.drainQueue({ ignoreDelays: true });
    expect((await panel(shown.key)).package?.id).toBe('extended');
  });

  it('says the customer is unknown when the request has no organization and the e-mail is hidden; an agent-set package silences it', async () => {
    await saveCustomers([{ match: { organization: 'ООО «Ромашка»' }, package: 'extended', validFrom: null, validTo: null }]);
    // A customer outside every organization.
    site.emu.jira.users.find((u) => u.accountId === OTHER_CUSTOMER)!.organization = undefined;
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'who', reporter: OTHER_CUSTOMER });
    await site.emu.drainQueue({ ignoreDelays: true });
    const v = await panel(key);
    expect(v.package?.id).toBe('basic');
    const w = v.warningDetails.find((x) => x.code === 'customerUnknown');
    expect(w?.params).toEqual({ default: 'basic' });
    expect(v.warnings.some((t) => t.includes('not identified'))).toBe(true);

    const byHand = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'by hand', reporter: OTHER_CUSTOMER, package: 'optimal' });
    await site.emu.drainQueue({ ignoreDelays: true });
    const h = await panel(byHand.key);
    expect(h.package?.id).toBe('optimal');
    expect(h.warningDetails.map((x) => x.code)).not.toContain('customerUnknown');
  });
});
