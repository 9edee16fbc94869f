import { ActiveConfigs } from '../../../src/app/config-store';
import type { IssueFacts } from '../../../src/app/ports';
import { CountingStore as MemoryStore } from '../../fakes/counting-store';
import { computeOne } from '../../../src/app/recompute-issue';
import { forgetRequest, LEGACY_INDEX_KEY, loadReportRows, monthIndexKeyOf, reportRowChanged, rowKeyOf, saveReportRows } from '../../../src/app/report-rows';
import { clk, row as handRow } from '../domain/report/rows';
import { getReport, recordReportRows, reportRowOf } from '../../../src/app/report-service';
import { slaRequestSchema } from '../../../src/config';
import { buildReport, packReportRow, unpackReportRow } from '../../../src/domain/report';
import { emptyFields } from '../../../src/app/stored-sla';
import { TEMPLATES } from '../../../src/domain/templates';
import { generateRequests } from '../../fixtures/report/requests';

const log = { info() {}, warn() {}, error() {} };
const NOW = Date.parse('2026-04-08T12:00:00+03:00');
const configs = new ActiveConfigs(new Map([['default', { scope: 'default', version: 1, config: TEMPLATES.barier }]]));

function facts(key: string, projectKey: string, organization: string | null): IssueFacts {
  return {
    id: key,
    key,
    projectKey,
    summary: key,
    status: { name: 'Open', category: 'new' },
    createdMs: 0,
    reporter: { accountId: null, emailDomain: null, organization },
    packageId: null,
    priorityId: null,
    stored: null,
    written: emptyFields,
  };
}

/** Requests of two projects computed the way the recompute does. */
function computedFor(project: string, count: number, seed: number, nowMs = NOW) {
  return generateRequests('barier', count, seed)
    .filter((r) => Date.parse(r.created) <= nowMs)
    .map((r) => {
      const key = `${project}-${r.key.split('-')[1]}`;
      const request = slaRequestSchema.parse({ ...r, key });
      return computeOne(facts(key, project, r.customer?.organization ?? null), configs.forProject(project)!, request, nowMs, false);
    });
}

describe('stored report rows', () => {
  it('writes one small value per request, and only when a row changed in a way the report shows', async () => {
    const store = new MemoryStore();
    const computed = computedFor('SUP', 60, 1);
    const written = await recordReportRows({ store, log }, computed, NOW);
    expect(written).toBe(computed.length);
    for (const [k, v] of store.data) if (k.startsWith('rrow:')) expect(Buffer.byteLength(JSON.stringify(v))).toBeLessThan(1024);
    store.calls.set = 0;
    // The same requests recomputed a minute later: running clocks' minutes moved, states did not (mostly).
    const again = await recordReportRows({ store, log }, computedFor('SUP', 60, 1, NOW + 60_000), NOW + 60_000);
    expect(again).toBe(store.calls.set);
    expect(again).toBeLessThan(written);
  });

  it('reads back every row of a project and period, and the report equals aggregating the clocks directly', async () => {
    const store = new MemoryStore();
    const computed = computedFor('SUP', 120, 2);
    await recordReportRows({ store, log }, computed, NOW);
    const { rows, invalid } = await loadReportRows({ store, log }, ['SUP'], Date.UTC(2026, 0, 1), Date.UTC(2026, 5, 1));
    expect(invalid).toBe(0);
    const direct = computed.map((c) => reportRowOf(c, NOW));
    expect(buildReport(rows)).toEqual(buildReport(direct));
    expect(rows).toHaveLength(direct.length);
  });

  it('reads only the months of the period: the project\'s month index, then one prefix query per month', async () => {
    const store = new MemoryStore();
    await recordReportRows({ store, log }, computedFor('SUP', 120, 3), NOW);
    store.calls.list = 0;
    const { rows } = await loadReportRows({ store, log }, ['SUP'], Date.UTC(2026, 1, 1), Date.UTC(2026, 1, 20));
    expect(store.calls.list).toBe(1 + 2); // the index, January (a day's margin for the zone) and February
    expect(rows.every((r) => r.month === '2026-01' || r.month === '2026-02')).toBe(true);
  });

  it('visits only project-months that have rows, however many projects the viewer may browse', async () => {
    const store = new MemoryStore();
    await recordReportRows({ store, log }, computedFor('SUP', 60, 9), NOW);
    expect([...store.data.keys()].filter((k) => k.startsWith('rrix:')).sort()).toEqual(['2026-01', '2026-02', '2026-03', '2026-04'].map((m) => monthIndexKeyOf('SUP', m)));
    store.calls.list = 0;
    const many = Array.from({ length: 200 }, (_, i) => `P${i}`);
    const { rows } = await loadReportRows({ store, log }, [...many, 'SUP'], Date.UTC(2025, 0, 1), Date.UTC(2026, 11, 31));
    expect(store.calls.list).toBe(1 + 4); // one listing of the whole month index, then SUP's four months
    expect(rows.length).toBeGreaterThan(0);
  });

  it('indexes any number of project-months: 1 100 projects × 24 months, each found (one index value stopped at ~975 × 24)', async () => {
    const store = new MemoryStore();
    const months = Array.from({ length: 24 }, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const rows = [];
    for (let p = 0; p < 1100; p++) {
      for (const m of months) rows.push(handRow({ key: `P${p}-${m.replace('-', '')}`, project: `P${p}`, month: m, createdMs: Date.parse(`${m}-10T09:00:00Z`) }));
    }
    const saved = await saveReportRows({ store, log }, rows);
    expect(saved).toEqual({ written: rows.length, failed: 0 });
    const last = await loadReportRows({ store, log }, ['P1099'], Date.UTC(2025, 0, 1), Date.UTC(2026, 11, 31));
    expect(last.rows).toHaveLength(24);
    // 30 of them: past 20 projects the reader lists the whole month index once.
    const some = await loadReportRows({ store, log }, Array.from({ length: 30 }, (_, p) => `P${1070 + p}`), Date.UTC(2026, 11, 5), Date.UTC(2026, 11, 31));
    expect(some.rows.filter((r) => r.month === '2026-12')).toHaveLength(30);
  });

  it('keys rows by project, month and issue key, within the KVS key alphabet', () => {
    expect(rowKeyOf({ key: 'SUP-1', project: 'SUP', month: '2026-03' })).toBe('rrow:SUP:2026-03:SUP-1');
    expect(rowKeyOf({ key: 'x/y', project: 'a/b%c', month: '2026-03' })).toMatch(/^[a-zA-Z0-9:._\s#-]+$/);
    expect(monthIndexKeyOf('a/b', '2026-03')).toMatch(/^[a-zA-Z0-9:._\s#-]+$/);
  });

  it('ignores the minutes of clocks still running and the computation instant when comparing rows', () => {
    const [c] = computedFor('SUP', 1, 4);
    const a = { ...reportRowOf(c!, NOW), resolution: { state: 'running' as const, stopped: false, elapsedMinutes: 100, goalMinutes: 480 } };
    expect(reportRowChanged(a, { ...a, computedAtMs: NOW + 1, resolution: { ...a.resolution!, elapsedMinutes: a.resolution!.elapsedMinutes + 5 } })).toBe(false);
    expect(reportRowChanged(a, { ...a, resolution: { ...a.resolution!, state: 'atRisk' } })).toBe(true);
    expect(reportRowChanged(a, { ...a, customer: 'другой' })).toBe(true);
  });

  it('keeps both rows when two recomputes of different requests of one month save at once (no shared document)', async () => {
    const store = new MemoryStore();
    const [a, b] = computedFor('SUP', 2, 5).map((c) => reportRowOf(c, NOW));
    await Promise.all([saveReportRows({ store, log }, [a!]), saveReportRows({ store, log }, [{ ...b!, month: a!.month }])]);
    const { rows } = await loadReportRows({ store, log }, ['SUP'], Date.UTC(2025, 0, 1), Date.UTC(2026, 11, 31));
    expect(rows.map((r) => r.key).sort()).toEqual([a!.key, b!.key].sort());
  });

  it('holds 12 000 rows of one month, updates a row in place and forgets one', async () => {
    const store = new MemoryStore();
    const march = Date.parse('2026-03-02T09:00:00+03:00');
    const many = Array.from({ length: 12_000 }, (_, i) =>
      handRow({ key: `BIG-${i + 1}`, project: 'BIG', month: '2026-03', createdMs: march + i * 1000, customer: 'ООО «Очень длинное название заказчика»', reaction: clk('met', i % 100, 180), resolution: clk('running', 5, 480) }),
    );
    await saveReportRows({ store, log }, many);
    const back = await loadReportRows({ store, log }, ['BIG'], Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 1));
    expect(back.rows).toHaveLength(many.length);
    expect(buildReport(back.rows)).toEqual(buildReport(many));
    const victim = 'BIG-777';
    const updated = { ...many.find((r) => r.key === victim)!, resolution: clk('met', 200, 480) };
    store.calls.set = 0;
    expect(await saveReportRows({ store, log }, [updated])).toEqual({ written: 1, failed: 0 });
    expect(store.calls.set).toBe(1);
    const again = await loadReportRows({ store, log }, ['BIG'], Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 1));
    expect(again.rows.filter((r) => r.key === victim)).toEqual([updated]);
    expect(await forgetRequest({ store, log }, 'BIG', victim)).toBe(true);
    expect((await loadReportRows({ store, log }, ['BIG'], Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 1))).rows).toHaveLength(many.length - 1);
  });

  it('forgets a deleted request by its key alone', async () => {
    const store = new MemoryStore();
    const computed = computedFor('SUP', 20, 10);
    await recordReportRows({ store, log }, computed, NOW);
    const victim = computed[3]!.facts.key;
    expect(await forgetRequest({ store, log }, 'SUP', victim)).toBe(true);
    expect(await forgetRequest({ store, log }, 'SUP', victim)).toBe(false);
    const { rows } = await loadReportRows({ store, log }, ['SUP'], Date.UTC(2026, 0, 1), Date.UTC(2026, 5, 1));
    expect(rows.map((r) => r.key)).not.toContain(victim);
    expect(rows).toHaveLength(computed.length - 1);
  });

  it('skips a stored row it cannot read and says so', async () => {
    const store = new MemoryStore();
    const computed = computedFor('SUP', 10, 6);
    await recordReportRows({ store, log }, computed, NOW);
    const victimKey = [...store.data.keys()].find((k) => k.startsWith('rrow:'))!;
    store.data.set(victimKey, ['garbage']);
    const { rows, invalid } = await loadReportRows({ store, log }, ['SUP'], Date.UTC(2026, 0, 1), Date.UTC(2026, 5, 1));
    expect(invalid).toBe(1);
    expect(rows).toHaveLength(computed.length - 1);
  });

  it('still reads rows stored in the earlier shard layout; a newer row of the same request wins; a forgotten one stays gone', async () => {
    const store = new MemoryStore();
    const march = Date.parse('2026-03-02T09:00:00+03:00');
    const old = Array.from({ length: 5 }, (_, i) => handRow({ key: `SUP-${i + 1}`, project: 'SUP', month: '2026-03', createdMs: march + i * 1000, reaction: clk('met', 10, 180) }));
    // What the shard layout left behind: the single index value and a shard document.
    store.data.set(LEGACY_INDEX_KEY, { v: 1, months: { SUP: ['2026-03'] } });
    store.data.set('rpt:SUP:2026-03:3', { v: 1, rows: Object.fromEntries(old.map((r) => [r.key, packReportRow(r)])) });
    const first = await loadReportRows({ store, log }, ['SUP'], Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 1));
    expect(first.rows.map((r) => r.key).sort()).toEqual(old.map((r) => r.key).sort());
    const newer = { ...old[0]!, reaction: clk('breached', 300, 180) };
    await saveReportRows({ store, log }, [newer]);
    expect(await forgetRequest({ store, log }, 'SUP', 'SUP-2')).toBe(true);
    const after = await loadReportRows({ store, log }, ['SUP'], Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 1));
    expect(after.rows.filter((r) => r.key === 'SUP-1')).toEqual([newer]);
    expect(after.rows.map((r) => r.key).sort()).toEqual(['SUP-1', 'SUP-3', 'SUP-4', 'SUP-5']);
  });
});

describe('getReport', () => {
  async function seeded() {
    const store = new MemoryStore();
    await recordReportRows({ store, log }, [...computedFor('SUP', 80, 7), ...computedFor('SEC', 40, 8)], NOW);
    return store;
  }
  const jiraSeeing = (...keys: string[]) => ({
    listProjects: async () => keys.map((key) => ({ key, name: `Project ${key}` })),
    visibleRequests: async (rows: readonly { key: string }[]) => new Set(rows.map((r) => r.key)),
  });

  it('shows a viewer only the projects Jira lets them browse', async () => {
    const store = await seeded();
    const onlySup = await getReport({ store, log, userJira: jiraSeeing('SUP') }, configs, { from: '2026-01-01', to: '2026-04-30' }, NOW);
    expect(onlySup.projects.map((p) => p.key)).toEqual(['SUP']);
    expect(onlySup.rows.map((r) => unpackReportRow(r)).every((r) => r.ok && r.row.project === 'SUP')).toBe(true);
    const both = await getReport({ store, log, userJira: jiraSeeing('SUP', 'SEC') }, configs, { from: '2026-01-01', to: '2026-04-30' }, NOW);
    expect(both.total.requests).toBeGreaterThan(onlySup.total.requests);
    await expect(getReport({ store, log, userJira: jiraSeeing('SUP') }, configs, { from: '2026-01-01', to: '2026-04-30', projectKey: 'SEC' }, NOW)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('matches the report of the clocks computed directly for the same period', async () => {
    const store = await seeded();
    const view = await getReport({ store, log, userJira: jiraSeeing('SUP') }, configs, { from: '2026-02-01', to: '2026-02-28', projectKey: 'SUP' }, NOW);
    const from = Date.parse('2026-02-01T00:00:00+03:00');
    const to = Date.parse('2026-03-01T00:00:00+03:00');
    const direct = buildReport(computedFor('SUP', 80, 7).map((c) => reportRowOf(c, NOW)).filter((r) => r.createdMs >= from && r.createdMs < to));
    expect(view.total).toEqual(direct.total);
    expect(view.byPriority).toEqual(direct.byPriority);
    expect(view.from).toBe('2026-02-01T00:00:00+03:00');
    expect(view.to).toBe('2026-03-01T00:00:00+03:00'); // a date `to` covers the whole day
    expect(view.names.priority['1']?.ru).toBeTruthy();
    expect(view.rows).toHaveLength(direct.total.requests);
    expect(view.rowsTruncated).toBe(false);
  });

  it('leaves out rows Jira does not show the viewer, and refuses (not cuts) a period too large to check', async () => {
    const store = await seeded();
    const all = await getReport({ store, log, userJira: jiraSeeing('SUP') }, configs, { from: '2026-01-01', to: '2026-04-30' }, NOW);
    const hiding = (hidden: string) => ({ ...jiraSeeing('SUP'), visibleRequests: async (rows: readonly { key: string }[]) => new Set(rows.map((r) => r.key).filter((k) => k !== hidden)) });
    const firstKey = (() => {
      const r = unpackReportRow(all.rows[0]!);
      return r.ok ? r.row.key : '';
    })();
    const less = await getReport({ store, log, userJira: hiding(firstKey) }, configs, { from: '2026-01-01', to: '2026-04-30' }, NOW);
    expect(less.total.requests).toBe(all.total.requests - 1);
    expect(less.rows.map((r) => unpackReportRow(r)).some((r) => r.ok && r.row.key === firstKey)).toBe(false);
    const tooMany = { ...jiraSeeing('SUP'), visibleRequests: async () => null };
    await expect(getReport({ store, log, userJira: tooMany }, configs, { from: '2026-01-01', to: '2026-04-30' }, NOW)).rejects.toMatchObject({ code: 'BAD_REQUEST', issues: [{ path: 'from' }] });
  });

  it('names a bad period by field', async () => {
    const store = await seeded();
    await expect(getReport({ store, log, userJira: jiraSeeing('SUP') }, configs, { from: 'вчера', to: '2026-01-01' }, NOW)).rejects.toMatchObject({ code: 'BAD_REQUEST', issues: [{ path: 'from' }] });
    await expect(getReport({ store, log, userJira: jiraSeeing('SUP') }, configs, { from: '2026-03-01', to: '2026-02-01' }, NOW)).rejects.toMatchObject({ code: 'BAD_REQUEST', issues: [{ path: 'to', message: 'must be after from' }] });
  });
});
