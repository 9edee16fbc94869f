import type { ConfigVersionMeta, RecomputeProgress } from '../../src/shared/contract';
import { ADMIN, AGENT, CUSTOMER, CUSTOMER_EN, OTHER_CUSTOMER, configure, startSite, type Site } from './forge-harness';

describe('admin resolvers on the emulator', () => {
  let site: Site;
  beforeEach(async () => {
    site = await startSite({ template: 'altec' });
  });
  afterEach(() => site.close());

  it('refuses a non-administrator before reading or changing anything', async () => {
    for (const [fn, payload] of [
      ['getAdminState', {}],
      ['saveConfig', { config: {}, baseVersion: 1 }],
      ['listVersions', {}],
      ['restoreVersion', { version: 1 }],
      ['previewCalendar', { calendar: {} }],
      ['listJiraStatuses', {}],
    ] as const) {
      site.emu.resetCalls();
      const r = await site.call(fn, payload, AGENT);
      expect([fn, r.ok ? 'ok' : r.error.code]).toEqual([fn, 'FORBIDDEN']);
      // The permission check is the only thing that happened: no KVS read, no other Jira call.
      expect([fn, site.emu.calls.map((c) => c.route)]).toEqual([fn, ['GET /rest/api/3/mypermissions']]);
    }
  });

  it('rejects an invalid configuration with the path of the problem and keeps the saved one', async () => {
    const before = await site.call<{ version: number; config: { goals: unknown } }>('getAdminState', {});
    if (!before.ok) throw new Error(before.error.message);
    const broken = structuredClone(before.data.config) as Record<string, unknown> & { goals: { resolution: Record<string, string> } };
    broken.goals.resolution['9'] = '4h';
    const r = await site.call('saveConfig', { config: broken, baseVersion: before.data.version });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_CONFIG');
    expect(r.error.issues?.some((i) => i.path.startsWith('goals.resolution'))).toBe(true);
    const after = await site.call<{ version: number; config: unknown }>('getAdminState', {});
    expect(after.ok && after.data.version).toBe(before.data.version);
    expect(after.ok && after.data.config).toEqual(before.data.config);
    const versions = await site.call<ConfigVersionMeta[]>('listVersions', {});
    expect(versions.ok && versions.data.length).toBe(1);
  });

  it('answers CONFLICT to a save based on a stale version', async () => {
    const t = await site.call<{ config: unknown }>('applyTemplate', { templateId: 'barier' });
    const r = await site.call('saveConfig', { config: t.ok ? t.data.config : null, baseVersion: null });
    expect(r.ok ? 'ok' : r.error.code).toBe('CONFLICT');
  });

  it('keeps every version with who and when, and restores an old one as a new version', async () => {
    await configure(site, 'barier');
    const list = await site.call<ConfigVersionMeta[]>('listVersions', {});
    if (!list.ok) throw new Error(list.error.message);
    expect(list.data.map((v) => [v.version, v.savedBy, v.template])).toEqual([
      [2, ADMIN, 'barier'],
      [1, ADMIN, 'altec'],
    ]);
    expect(list.data.every((v) => !Number.isNaN(Date.parse(v.savedAt)))).toBe(true);
    const restored = await site.call<{ version: number; progress: RecomputeProgress }>('restoreVersion', { version: 1 });
    expect(restored.ok && restored.data.version).toBe(3);
    const state = await site.call<{ version: number; config: { template: string } }>('getAdminState', {});
    expect(state.ok && [state.data.version, state.data.config.template]).toEqual([3, 'altec']);
    const again = await site.call<ConfigVersionMeta[]>('listVersions', {});
    expect(again.ok && again.data[0]?.comment).toBe('restored version 1');
  });

  it('lets a project have its own configuration while others use the default', async () => {
    site.emu.seedSite({ projects: [{ key: 'SUP', name: 'Support' }, { key: 'OPS', name: 'Operations' }] });
    await configure(site, 'barier', 'OPS');
    const a = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'a', reporter: CUSTOMER, priority: '1' });
    const b = await site.emu.actions.createIssue({ projectKey: 'OPS', summary: 'b', reporter: CUSTOMER, priority: '1' });
    expect(site.state(a.key).property?.scope).toBe('default');
    expect(site.state(b.key).property?.scope).toBe('OPS');
    // Barier: reaction 3h for every priority; Altec: 30m for priority 1.
    expect(site.state(a.key).reactionDue).toBe('2026-03-02T07:30:00Z');
    expect(site.state(b.key).reactionDue).toBe('2026-03-02T10:00:00Z');
    const state = await site.call<{ scopes: Array<{ scope: string; version: number | null; projectName?: string }> }>('getAdminState', { scope: 'OPS' });
    expect(state.ok && state.data.scopes.map((s) => [s.scope, s.version, s.projectName])).toEqual([
      ['default', 1, undefined],
      ['OPS', 1, 'Operations'],
    ]);
  });

  it('reports the recompute of the scope shown, never the job of another scope', async () => {
    site.close();
    site = await startSite({ configure: false });
    site.emu.seedSite({ projects: [{ key: 'SUP', name: 'Support' }, { key: 'OPS', name: 'Operations' }] });
    await site.emu.actions.createIssue({ projectKey: 'OPS', summary: 'b', reporter: CUSTOMER, priority: '1' });
    await configure(site, 'barier', 'OPS');
    type State = { scope: string; version: number | null; config: unknown; progress: RecomputeProgress | null };
    const site0 = await site.call<State>('getAdminState', {});
    expect(site0.ok && [site0.data.scope, site0.data.version, site0.data.config, site0.data.progress]).toEqual(['default', null, null, null]);
    const ops = await site.call<State>('getAdminState', { scope: 'OPS' });
    if (!ops.ok) throw new Error(ops.error.message);
    expect(ops.data.progress).toEqual(expect.objectContaining({ state: 'done', total: 1 }));
    // A later save of the site-wide default does not replace the project's own progress, and vice versa.
    await configure(site, 'altec');
    const def = await site.call<State>('getAdminState', {});
    const opsAgain = await site.call<State>('getAdminState', { scope: 'OPS' });
    if (!def.ok || !opsAgain.ok) throw new Error('getAdminState failed');
    expect(def.data.progress?.jobId).toBeDefined();
    expect(def.data.progress?.jobId).not.toBe(ops.data.progress?.jobId);
    expect(opsAgain.data.progress?.jobId).toBe(ops.data.progress?.jobId);
  });

  it('shows the panel only to people who can browse the issue', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'a', reporter: CUSTOMER, priority: '2' });
    const own = await site.panel(key, CUSTOMER);
    expect(own.ok && own.data.clocks.map((c) => c.kind)).toEqual(['reaction', 'resolution']);
    const other = await site.panel(key, OTHER_CUSTOMER);
    expect(other.ok ? 'ok' : other.error.code).toBe('NOT_FOUND');
    expect(site.emu.calls.filter((c) => c.accountId === OTHER_CUSTOMER).every((c) => c.provider === 'user')).toBe(true);
  });

  it('acknowledges a classified request once, in the customer’s language', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Printer', reporter: CUSTOMER_EN });
    expect(site.state(key).comments).toEqual([]);
    await site.emu.actions.setField(key, 'priority', '2', AGENT);
    await site.emu.actions.comment(key, { author: AGENT, body: 'On it' });
    await site.emu.runSweep();
    const app = site.state(key).comments.filter((c) => c.author !== AGENT);
    expect(app).toHaveLength(1);
    expect(app[0]!.text).toContain(key);
    expect(app[0]!.text).toMatch(/[A-Za-z]{4,}/);
    expect(app[0]!.text).not.toMatch(/[А-Яа-я]/);
    expect(site.state(key).property?.acknowledged).toBe(true);
  });
});

describe('licensing', () => {
  it('skips recomputes on an unlicensed site and the panel says so', async () => {
    const site = await startSite({ template: 'altec' });
    site.emu.setLicensed(false);
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'a', reporter: CUSTOMER, priority: '2' });
    expect(site.state(key).property).toBeUndefined();
    await site.emu.runSweep();
    const view = await site.panel(key);
    expect(view.ok && [view.data.licensed, view.data.clocks.length]).toEqual([false, 0]);
    site.close();
  });
});
