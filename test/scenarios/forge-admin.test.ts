import type { ConfigVersionMeta, RecomputeProgress } from '../../src/shared/contract';
import { ADMIN, AGENT, CUSTOMER, CUSTOMER_EN, OTHER_CUSTOMER, configure, startSite, type Site } from './forge-harness';

/** In the emulator's seed: administers project SUP, is no Jira administrator. */
const PROJECT_ADMIN = '557058:lead-olga';

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

  describe('a project administrator (project settings page)', () => {
    const SUP_PAGE = { type: 'jira:projectSettingsPage', project: { id: '10000', key: 'SUP' } };
    const OPS_PAGE = { type: 'jira:projectSettingsPage', project: { id: '10001', key: 'OPS' } };
    type State = { scope: string; version: number | null; config: { template?: string } | null; scopes: Array<{ scope: string; version: number | null }>; projects: Array<{ key: string }>; templates: unknown[] };
    let barier: unknown;
    beforeEach(async () => {
      site.emu.seedSite({ projects: [{ key: 'SUP', name: 'Support' }, { key: 'OPS', name: 'Operations' }] });
      const t = await site.call<{ config: unknown }>('applyTemplate', { templateId: 'barier' });
      if (!t.ok) throw new Error(t.error.message);
      barier = t.data.config;
    });

    it('saves their own project’s configuration and sees only that scope', async () => {
      const before = await site.call<State>('getAdminState', { scope: 'SUP' }, PROJECT_ADMIN, SUP_PAGE);
      if (!before.ok) throw new Error(before.error.message);
      expect([before.data.version, before.data.scopes, before.data.projects.map((p) => p.key), before.data.templates]).toEqual([null, [], ['SUP'], []]);
      const saved = await site.call<{ version: number; progress: RecomputeProgress }>('saveConfig', { scope: 'SUP', config: barier, baseVersion: null }, PROJECT_ADMIN, SUP_PAGE);
      if (!saved.ok) throw new Error(saved.error.message);
      expect(saved.data.version).toBe(1);
      await site.emu.drainQueue({ ignoreDelays: true });
      // They follow their own recompute from the settings page.
      const progress = await site.call<RecomputeProgress | null>('getRecomputeProgress', { jobId: saved.data.progress.jobId }, PROJECT_ADMIN, SUP_PAGE);
      expect(progress.ok && progress.data?.state).toBe('done');
      const after = await site.call<State>('getAdminState', { scope: 'SUP' }, PROJECT_ADMIN, SUP_PAGE);
      if (!after.ok) throw new Error(after.error.message);
      expect([after.data.version, after.data.config?.template, after.data.scopes.map((x) => [x.scope, x.version])]).toEqual([1, 'barier', [['SUP', 1]]]);
      const versions = await site.call<ConfigVersionMeta[]>('listVersions', { scope: 'SUP' }, PROJECT_ADMIN, SUP_PAGE);
      expect(versions.ok && versions.data.map((v) => [v.version, v.savedBy])).toEqual([[1, PROJECT_ADMIN]]);
      const statuses = await site.call<unknown[]>('listJiraStatuses', {}, PROJECT_ADMIN, SUP_PAGE);
      expect(statuses.ok && statuses.data.length).toBeGreaterThan(0);
      // The project's requests now run on its own configuration; the site default is untouched.
      const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'a', reporter: CUSTOMER, priority: '1' });
      expect(site.state(key).property?.scope).toBe('SUP');
      const site0 = await site.call<State>('getAdminState', {});
      expect(site0.ok && [site0.data.version, site0.data.config?.template]).toEqual([1, 'altec']);
    });

    it('cannot read or change the site default or another project, and nothing is read before the refusal', async () => {
      for (const [fn, payload, page] of [
        ['getAdminState', {}, SUP_PAGE],
        ['saveConfig', { config: barier, baseVersion: 1 }, SUP_PAGE],
        ['listVersions', {}, SUP_PAGE],
        ['restoreVersion', { version: 1 }, SUP_PAGE],
        ['getAdminState', { scope: 'OPS' }, OPS_PAGE],
        ['saveConfig', { scope: 'OPS', config: barier, baseVersion: null }, OPS_PAGE],
        ['listVersions', { scope: 'OPS' }, OPS_PAGE],
        ['listJiraStatuses', {}, OPS_PAGE],
        ['applyTemplate', { scope: 'SUP', templateId: 'barier' }, SUP_PAGE],
        ['getRecomputeProgress', {}, { type: 'jira:adminPage' }],
      ] as const) {
        site.emu.resetCalls();
        const r = await site.call(fn, payload, PROJECT_ADMIN, page);
        expect([fn, payload, r.ok ? 'ok' : r.error.code]).toEqual([fn, payload, 'FORBIDDEN']);
        expect([fn, payload, site.emu.calls.every((c) => c.route === 'GET /rest/api/3/mypermissions')]).toEqual([fn, payload, true]);
      }
      const def = await site.call<State>('getAdminState', {});
      const ops = await site.call<State>('getAdminState', { scope: 'OPS' });
      expect([def.ok && def.data.version, ops.ok && ops.data.version]).toEqual([1, null]);
    });

    it('still refuses customers and agents everywhere, a project scope included', async () => {
      for (const who of [CUSTOMER, AGENT]) {
        for (const [fn, payload] of [
          ['getAdminState', { scope: 'SUP' }],
          ['saveConfig', { scope: 'SUP', config: barier, baseVersion: null }],
          ['listVersions', { scope: 'SUP' }],
          ['restoreVersion', { scope: 'SUP', version: 1 }],
          ['validateConfig', { scope: 'SUP', config: barier }],
          ['previewCalendar', { calendar: {} }],
          ['importCalendar', { format: 'csv', text: '' }],
          ['listJiraStatuses', {}],
          ['getRecomputeProgress', {}],
          ['getAdminState', {}],
        ] as const) {
          site.emu.resetCalls();
          const r = await site.call(fn, payload, who, SUP_PAGE);
          expect([who, fn, r.ok ? 'ok' : r.error.code]).toEqual([who, fn, 'FORBIDDEN']);
          expect([who, fn, site.emu.calls.every((c) => c.route === 'GET /rest/api/3/mypermissions')]).toEqual([who, fn, true]);
        }
      }
      const sup = await site.call<State>('getAdminState', { scope: 'SUP' });
      expect(sup.ok && sup.data.version).toBe(null);
    });
  });

  it('names who saved each version, asking Jira once per person', async () => {
    await configure(site, 'barier');
    site.emu.resetCalls();
    const list = await site.call<ConfigVersionMeta[]>('listVersions', {});
    if (!list.ok) throw new Error(list.error.message);
    expect(list.data.map((v) => [v.version, v.savedBy, v.savedByName])).toEqual([
      [2, ADMIN, 'Анна Админова'],
      [1, ADMIN, 'Анна Админова'],
    ]);
    expect(site.emu.calls.filter((c) => c.route === 'GET /rest/api/3/user')).toHaveLength(1);
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

  it('keeps both scopes when two saves of different scopes race, and lets one of two same-base saves win (CONFLICT says who)', async () => {
    site.emu.seedSite({ projects: [{ key: 'SUP', name: 'Support' }, { key: 'OPS', name: 'Operations' }] });
    const t = await site.call<{ config: unknown }>('applyTemplate', { templateId: 'barier' });
    if (!t.ok) throw new Error(t.error.message);
    const [a, b] = await Promise.all([
      site.call('saveConfig', { scope: 'SUP', config: t.data.config, baseVersion: null }),
      site.call('saveConfig', { scope: 'OPS', config: t.data.config, baseVersion: null }),
    ]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    const state = await site.call<{ scopes: Array<{ scope: string; version: number | null }> }>('getAdminState', {});
    if (!state.ok) throw new Error(state.error.message);
    expect(state.data.scopes.filter((s) => s.scope !== 'default').map((s) => [s.scope, s.version])).toEqual([['OPS', 1], ['SUP', 1]]);
    const same = await Promise.all([
      site.call('saveConfig', { scope: 'SUP', config: t.data.config, baseVersion: 1, comment: 'first' }),
      site.call('saveConfig', { scope: 'SUP', config: t.data.config, baseVersion: 1, comment: 'second' }),
    ]);
    expect(same.filter((r) => r.ok)).toHaveLength(1);
    const lost = same.find((r) => !r.ok);
    if (!lost || lost.ok) throw new Error('expected one CONFLICT');
    expect(lost.error.code).toBe('CONFLICT');
    expect(lost.error.conflict).toMatchObject({ version: 2, savedBy: ADMIN, savedByName: 'Анна Админова' });
    const versions = await site.call<ConfigVersionMeta[]>('listVersions', { scope: 'SUP' });
    expect(versions.ok && versions.data.map((v) => v.version)).toEqual([2, 1]);
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
