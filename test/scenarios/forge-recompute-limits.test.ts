// A full recompute of 50 000 requests on the emulator, whose queue refuses more than 500 pushed
// events a minute as Forge does. Before the waves, the plan pushed all 500 chunk events at once:
// the push past 500 threw, and the retry found the job no longer `queued` and stopped, leaving
// the chunks after the limit never queued. Chunk events are recorded here rather than recomputed
// (50 000 recomputes would take minutes); the planning, waves and resume run the real worker.
import * as app from '../../local/app-handlers';
import { CHUNK_SIZE, WAVE_CHUNKS } from '../../src/app/full-recompute';
import type { RecomputeProgress } from '../../src/shared/contract';
import { Queue } from '@forge/events';
import { CUSTOMER, startSite, type Site } from './forge-harness';

jest.setTimeout(300_000);

interface ChunkSeen {
  index: number;
  ids: number;
  /** Platform time when the chunk was delivered. */
  at: number;
}

async function siteRecordingChunks(): Promise<{ site: Site; chunks: ChunkSeen[] }> {
  const chunks: ChunkSeen[] = [];
  let site: Site | undefined;
  const worker = async (event: unknown, context: unknown): Promise<unknown> => {
    const body = (event as { body?: { type?: string; index?: number; issueIds?: string[] } }).body;
    if (body?.type === 'chunk') {
      chunks.push({ index: body.index!, ids: body.issueIds!.length, at: site!.emu.platformNow() });
      return undefined;
    }
    return app.worker(event, context);
  };
  site = await startSite({ template: 'altec', appHandlers: { ...app, worker } });
  return { site, chunks };
}

function seed(site: Site, n: number): void {
  const hook = site.emu.jira.onChange;
  site.emu.jira.onChange = null;
  for (let i = 0; i < n; i++) site.emu.jira.createIssue({ projectKey: 'SUP', summary: `r${i}`, reporter: CUSTOMER, custom: { 'sla-priority': { id: '4' } } });
  site.emu.jira.onChange = hook;
}

async function resave(site: Site): Promise<RecomputeProgress> {
  const state = await site.call<{ version: number; config: unknown }>('getAdminState', {});
  if (!state.ok) throw new Error(state.error.message);
  const saved = await site.call<{ version: number; progress: RecomputeProgress }>('saveConfig', { config: state.data.config, baseVersion: state.data.version });
  if (!saved.ok) throw new Error(saved.error.message);
  return saved.data.progress;
}

describe('a full recompute of 50 000 requests under the push limit', () => {
  let site: Site;
  let chunks: ChunkSeen[];
  beforeAll(async () => {
    ({ site, chunks } = await siteRecordingChunks());
    seed(site, 50_000);
  });
  afterAll(() => site.close());
  beforeEach(() => {
    chunks.length = 0;
    site.emu.queue.resetUsage();
  });

  it('queues every chunk exactly once, at most 500 events a minute, without a refused push', async () => {
    const started = await resave(site);
    const drained = await site.emu.drainQueue({ ignoreDelays: true });
    expect(drained.failed).toBe(0);
    const indexes = chunks.map((c) => c.index).sort((a, b) => a - b);
    expect(indexes).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(chunks.reduce((s, c) => s + c.ids, 0)).toBe(50_000);
    expect(chunks.every((c) => c.ids <= CHUNK_SIZE)).toBe(true);
    expect(site.emu.queue.pushUsage().refused).toBe(0);
    // Chunks run at the waves' pace: no minute sees more than one wave of chunks start.
    const sorted = chunks.map((c) => c.at).sort((a, b) => a - b);
    for (let i = 0; i + WAVE_CHUNKS < sorted.length; i++) expect(sorted[i + WAVE_CHUNKS]! - sorted[i]!).toBeGreaterThanOrEqual(59_000);
    const p = await site.call<RecomputeProgress>('getRecomputeProgress', { jobId: started.jobId });
    expect(p.ok && p.data).toEqual(expect.objectContaining({ total: 50_000, state: 'running' }));
  });

  it('resumes after a refused push: the retry queues only the chunks that were missing', async () => {
    // Another job of the installation has just pushed 470 events: wave 0 (60 chunks) does not fit.
    const other = new Queue({ key: 'other-queue' });
    for (let i = 0; i < 47; i++) await other.push(Array.from({ length: 10 }, (_, j) => ({ body: { j } })));
    await resave(site);
    const drained = await site.emu.drainQueue({ ignoreDelays: true });
    expect(site.emu.queue.pushUsage().refused).toBeGreaterThan(0);
    expect(drained.retried).toBeGreaterThan(0);
    const indexes = chunks.map((c) => c.index).sort((a, b) => a - b);
    expect(indexes).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });
});
