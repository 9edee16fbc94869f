import type { RecomputeProgress } from '../../src/shared/contract';
import { CUSTOMER, startSite, type Site } from './forge-harness';

async function seed(site: Site, n: number): Promise<void> {
  const hook = site.emu.jira.onChange;
  site.emu.jira.onChange = null;
  for (let i = 0; i < n; i++) site.emu.jira.createIssue({ projectKey: 'SUP', summary: `r${i}`, reporter: CUSTOMER, custom: { 'sla-priority': { id: String((i % 4) + 1) } } });
  site.emu.jira.onChange = hook;
}

async function resave(site: Site): Promise<RecomputeProgress> {
  const state = await site.call<{ version: number; config: unknown }>('getAdminState', {});
  if (!state.ok) throw new Error(state.error.message);
  const saved = await site.call<{ version: number; progress: RecomputeProgress }>('saveConfig', { config: state.data.config, baseVersion: state.data.version });
  if (!saved.ok) throw new Error(saved.error.message);
  return saved.data.progress;
}

const withProperty = (site: Site, n: number) =>
  Array.from({ length: n }, (_, i) => site.emu.jira.issue(`SUP-${i + 1}`)?.properties['reglament-sla']).filter((p) => p !== undefined).length;

describe('full recompute through the queue', () => {
  let site: Site;
  beforeEach(async () => {
    site = await startSite({ template: 'altec' });
    await seed(site, 250);
  });
  afterEach(() => site.close());

  it('starts on save, reports progress, and finishes with every request computed', async () => {
    const started = await resave(site);
    expect(started).toEqual(expect.objectContaining({ state: 'queued', done: 0 }));
    await site.emu.drainQueue({ ignoreDelays: true });
    const p = await site.call<RecomputeProgress>('getRecomputeProgress', { jobId: started.jobId });
    expect(p.ok && p.data).toEqual(expect.objectContaining({ jobId: started.jobId, total: 250, done: 250, failed: 0, state: 'done' }));
    expect(p.ok && p.data?.finishedAt).toEqual(expect.any(String));
    expect(withProperty(site, 250)).toBe(250);
  });

  it('completes after saveConfig on a site whose search returns ids only (fields ["id"], as the spec says)', async () => {
    // The emulator answers `fields: ["id"]` with `{ id }` per issue, no key: the plan must not need one.
    const started = await resave(site);
    await site.emu.drainQueue({ ignoreDelays: true });
    const p = await site.call<RecomputeProgress>('getRecomputeProgress', { jobId: started.jobId });
    expect(p.ok && p.data).toEqual(expect.objectContaining({ total: 250, done: 250, failed: 0, state: 'done' }));
    expect(site.emu.errors).toEqual([]);
  });

  it('counts nothing twice when every event is delivered twice', async () => {
    const started = await resave(site);
    await site.emu.drainQueue({ ignoreDelays: true, duplicate: true });
    const p = await site.call<RecomputeProgress>('getRecomputeProgress', {});
    expect(p.ok && p.data).toEqual(expect.objectContaining({ jobId: started.jobId, total: 250, done: 250, failed: 0, state: 'done' }));
  });

  it('treats a bulk property task that ends FAILED part-way as a failed write: the chunk is retried and no issue is left without its property', async () => {
    // Jira's issue/properties/multi is asynchronous and non-transactional (OpenAPI): 303 only says a task started.
    site.emu.jira.failPropertyTasks = 2;
    const started = await resave(site);
    await site.emu.drainQueue({ ignoreDelays: true });
    const p = await site.call<RecomputeProgress>('getRecomputeProgress', { jobId: started.jobId });
    expect(site.emu.jira.failPropertyTasks).toBe(0);
    expect(p.ok && p.data).toEqual(expect.objectContaining({ total: 250, done: 250, failed: 0, state: 'done' }));
    expect(withProperty(site, 250)).toBe(250);
  });

  it('retries chunks that hit Jira failures and loses none', async () => {
    site.emu.setFaults({ rate: 0.5, statuses: [429, 500, 503], seed: 3 });
    const started = await resave(site);
    const drained = await site.emu.drainQueue({ ignoreDelays: true });
    site.emu.setFaults(undefined);
    const p = await site.call<RecomputeProgress>('getRecomputeProgress', { jobId: started.jobId });
    expect(p.ok && p.data).toEqual(expect.objectContaining({ total: 250, done: 250, failed: 0, state: 'done' }));
    expect(withProperty(site, 250)).toBe(250);
    expect(drained.failed).toBe(0);
  });

  it('says why when its chunks could not be queued after every retry, instead of stalling silently', async () => {
    // The platform refuses every push of chunk events (429 → RateLimitError), as when the
    // installation's 500 events a minute are spent by something else for long.
    type ForgeFetch = (target: { remote?: string }, path: string, init?: { body?: string }) => Promise<Response>;
    const g = globalThis as unknown as { __forge_fetch__: ForgeFetch };
    const inner = g.__forge_fetch__;
    g.__forge_fetch__ = async (target, path, init) =>
      path.startsWith('/webhook/queue/publish/') && (init?.body ?? '').includes('"type":"chunk"')
        ? new Response(JSON.stringify({ message: 'rate limited' }), { status: 429 })
        : inner(target, path, init);
    try {
      const started = await resave(site);
      const drained = await site.emu.drainQueue({ ignoreDelays: true });
      expect(drained.retried).toBe(4);
      const p = await site.call<RecomputeProgress>('getRecomputeProgress', { jobId: started.jobId });
      expect(p.ok && p.data).toEqual(expect.objectContaining({ state: 'failed', total: 250, done: 0 }));
      expect(p.ok && p.data?.problem).toMatch(/queueing wave 0 failed after retries: .*Too many requests/);
    } finally {
      g.__forge_fetch__ = inner;
    }
  });
});
