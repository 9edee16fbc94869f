import { ActiveConfigs } from '../../../src/app/config-store';
import type { IssueFacts, KeyValueStore } from '../../../src/app/ports';
import { computeOne } from '../../../src/app/recompute-issue';
import { forgetRequest, loadReportRows, reportRowChanged, saveReportRows, SHARD_BYTES, shardKeyOf, SHARDS } from '../../../src/app/report-rows';
import { clk, row as handRow } from '../domain/report/rows';
import { getReport, recordReportRows, reportRowOf } from '../../../src/app/report-service';
import { slaRequestSchema } from '../../../src/config';
import { buildReport, unpackReportRow } from '../../../src/domain/report';
import { emptyFields } from '../../../src/app/stored-sla';
import { TEMPLATES } from '../../../src/domain/templates';
import { generateRequests } from '../../fixtures/report/requests';

/** An in-memory key-value store with the port's semantics (setIfAbsent, prefix listing), counting calls. */
class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  calls = { get: 0, set: 0, list: 0 };
  async get<T>(key: string) {
    this.calls.get++;
    return structuredClone(this.data.get(key)) as T | undefined;
  }
  async set<T>(key: string, value: T) {
    this.calls.set++;
    this.data.set(key, structuredClone(value));
  }
  async setIfAbsent<T>(key: string, value: T) {
    if (this.data.has(key)) return false;
    this.data.set(key, value);
    return true;
  }
  async delete(key: string) {
    this.data.delete(key);
  }
  async transact(ops: ReadonlyArray<{ set: string; value: unknown } | { delete: string }>) {
    for (const op of ops) if ('set' in op) this.data.set(op.set, op.value);
    else this.data.delete(op.delete);
  }
  async listByPrefix<T>(prefix: string) {
    this.calls.list++;
    return [...this.data].filter(([k]) => k.startsWith(prefix)).map(([key, value]) => ({ key, value: structuredClone(value) as T }));
  }
}

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
  it('writes a shard only when a row changed in a way the report shows', async () => {
    const store = new MemoryStore();
    const computed = computedFor('SUP', 60, 1);
    const written = await recordReportRows({ store, log }, computed, NOW);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThanOrEqual(4 * SHARDS); // 3-4 months × 8 shards at most
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

  it('reads only the months of the period, one prefix query per month', async () => {
    const store = new MemoryStore();
    await recordReportRows({ store, log }, computedFor('SUP', 120, 3), NOW);
    store.calls.list = 0;
    const { rows } = await loadReportRows({ store, log }, ['SUP'], Date.UTC(2026, 1, 1), Date.UTC(2026, 1, 20));
    expect(store.calls.list).toBe(2); // January (a day's margin for the zone) and February
    expect(rows.every((r) => r.month === '2026-01' || r.month === '2026-02')).toBe(true);
  });

  it('visits only project-months that have rows, however many projects the viewer may browse', async () => {
    const store = new MemoryStore();
    await recordReportRows({ store, log }, computedFor('SUP', 60, 9), NOW);
    expect(store.data.get('rpt-index')).toEqual({ v: 1, months: { SUP: ['2026-01', '2026-02', '2026-03', '2026-04'] } });
    store.calls.list = 0;
    const many = Array.from({ length: 200 }, (_, i) => `P${i}`);
    const { rows } = await loadReportRows({ store, log }, [...many, 'SUP'], Date.UTC(2025, 0, 1), Date.UTC(2026, 11, 31));
    expect(store.calls.list).toBe(4);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('keys shards by project, month and a hash of the issue key, within the KVS key alphabet', () => {
    const key = shardKeyOf({ key: 'SUP-1', project: 'SUP', month: '2026-03' });
    expect(key).toMatch(/^rpt:SUP:2026-03:[0-7]$/);
    expect(shardKeyOf({ key: 'x', project: 'a/b%c', month: '2026-03' })).toMatch(/^[a-zA-Z0-9:._\s#-]+$/);
  });

  it('ignores the minutes of clocks still running and the computation instant when comparing rows', () => {
    const [c] = computedFor('SUP', 1, 4);
    const a = { ...reportRowOf(c!, NOW), resolution: { state: 'running' as const, stopped: false, elapsedMinutes: 100, goalMinutes: 480 } };
    expect(reportRowChanged(a, { ...a, computedAtMs: NOW + 1, resolution: { ...a.resolution!, elapsedMinutes: a.resolution!.elapsedMinutes + 5 } })).toBe(false);
    expect(reportRowChanged(a, { ...a, resolution: { ...a.resolution!, state: 'atRisk' } })).toBe(true);
    expect(reportRowChanged(a, { ...a, customer: 'другой' })).toBe(true);
  });

  it('waits for a shard another writer holds and then writes', async () => {
    const store = new MemoryStore();
    const [c] = computedFor('SUP', 1, 5);
    const row = reportRowOf(c!, NOW);
    const lock = `rpt-lock:${shardKeyOf(row).slice('rpt:'.length)}`;
    store.data.set(lock, { at: 0 });
    let waits = 0;
    const saving = saveReportRows({ store, log, sleep: async () => void (++waits === 3 && store.data.delete(lock)) }, [row]);
    expect(await saving).toBe(1);
    expect(waits).toBe(3);
    expect(store.data.has(lock)).toBe(false);
  });

  it('continues a full shard in overflow documents, each under the KVS value limit', async () => {
    const store = new MemoryStore();
    const march = Date.parse('2026-03-02T09:00:00+03:00');
    const many = Array.from({ length: 12_000 }, (_, i) =>
      handRow({ key: `BIG-${i + 1}`, project: 'BIG', month: '2026-03', createdMs: march + i * 1000, customer: 'ООО «Очень длинное название заказчика»', reaction: clk('met', i % 100, 180), resolution: clk('running', 5, 480) }),
    );
    await saveReportRows({ store, log }, many);
    const docs = [...store.data].filter(([k]) => k.startsWith('rpt:BIG:'));
    expect(docs.length).toBeGreaterThan(SHARDS);
    for (const [, v] of docs) expect(Buffer.byteLength(JSON.stringify(v), 'utf8')).toBeLessThanOrEqual(SHARD_BYTES + 1024);
    const back = await loadReportRows({ store, log }, ['BIG'], Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 1));
    expect(back.rows).toHaveLength(many.length);
    expect(buildReport(back.rows)).toEqual(buildReport(many));
    // A row that landed in an overflow document is updated there, not duplicated.
    const overflowKey = docs.find(([k]) => k.includes('.'))![0];
    const victim = Object.keys((store.data.get(overflowKey) as { rows: Record<string, unknown> }).rows)[0]!;
    const updated = { ...many.find((r) => r.key === victim)!, resolution: clk('met', 200, 480) };
    await saveReportRows({ store, log }, [updated]);
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
    const [shardKey, shard] = [...store.data].find(([k]) => k.startsWith('rpt:'))! as [string, { v: 1; rows: Record<string, unknown> }];
    const victim = Object.keys(shard.rows)[0]!;
    store.data.set(shardKey, { v: 1, rows: { ...shard.rows, [victim]: ['garbage'] } });
    const { rows, invalid } = await loadReportRows({ store, log }, ['SUP'], Date.UTC(2026, 0, 1), Date.UTC(2026, 5, 1));
    expect(invalid).toBe(1);
    expect(rows.map((r) => r.key)).not.toContain(victim);
  });
});

describe('getReport', () => {
  async function seeded() {
    const store = new MemoryStore();
    await recordReportRows({ store, log }, [...computedFor('SUP', 80, 7), ...computedFor('SEC', 40, 8)], NOW);
    return store;
  }
  const jiraSeeing = (...keys: string[]) => ({ listProjects: async () => keys.map((key) => ({ key, name: `Project ${key}` })) });

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

  it('names a bad period by field', async () => {
    const store = await seeded();
    await expect(getReport({ store, log, userJira: jiraSeeing('SUP') }, configs, { from: 'вчера', to: '2026-01-01' }, NOW)).rejects.toMatchObject({ code: 'BAD_REQUEST', issues: [{ path: 'from' }] });
    await expect(getReport({ store, log, userJira: jiraSeeing('SUP') }, configs, { from: '2026-03-01', to: '2026-02-01' }, NOW)).rejects.toMatchObject({ code: 'BAD_REQUEST', issues: [{ path: 'to', message: 'must be after from' }] });
  });
});
