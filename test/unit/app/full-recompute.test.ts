import { ConfigStore } from '../../../src/app/config-store';
import { ChunkRetry, continueFullRecompute, MAX_CHUNK_RETRIES, planFullRecompute, processChunk, recomputeProgress, startFullRecompute, WAVE_CHUNKS, WAVE_SECONDS, type RecomputeEvent } from '../../../src/app/full-recompute';
import { QueueRateLimitError, silentLogger, type QueueEvent } from '../../../src/app/ports';
import { TEMPLATES } from '../../../src/domain/templates';
import { FakeJira } from '../../fakes/fake-jira';
import { MemoryStore } from '../../fakes/memory-store';

const NOW = Date.parse('2026-03-02T07:00:00Z');

async function setup(n: number) {
  const store = new MemoryStore();
  await new ConfigStore(store).save({ scope: 'default', config: JSON.parse(JSON.stringify(TEMPLATES.altec)), baseVersion: null, savedBy: 'a', nowMs: NOW });
  const jira = new FakeJira();
  for (let i = 1; i <= n; i++) jira.add(String(i), { key: `SUP-${i}`, created: NOW, priority: '2', events: [] }, { name: 'Open', category: 'new' });
  const pushes: Array<ReadonlyArray<QueueEvent<RecomputeEvent>>> = [];
  const queue = { push: async (events: ReadonlyArray<QueueEvent<RecomputeEvent>>) => void pushes.push(events) };
  return { store, jira, pushes, deps: { jira, store, queue, log: silentLogger } };
}

const ctx = (retryCount = 0) => ({ nowMs: NOW, retryCount, elapsedMs: () => 0 });

describe('full recompute', () => {
  it('plans chunks of 100 issues and counts each chunk once even when delivered twice', async () => {
    const { deps, pushes, store } = await setup(250);
    const started = await startFullRecompute(deps, 'default', 'anna', NOW, 'job1');
    expect(pushes[0]).toEqual([{ body: { type: 'plan', jobId: 'job1', scope: 'default' } }]);
    await planFullRecompute(deps, 'job1', 'default');
    await planFullRecompute(deps, 'job1', 'default'); // a duplicate plan delivery queues nothing more
    const chunks = pushes.slice(1).flat().map((e) => e.body);
    expect(chunks.map((c) => (c.type === 'chunk' ? c.issueIds.length : 0))).toEqual([100, 100, 50]);
    for (const c of chunks) if (c.type === 'chunk') await processChunk(deps, c, ctx());
    for (const c of chunks) if (c.type === 'chunk') expect(await processChunk(deps, c, ctx())).toBeNull();
    expect(await recomputeProgress(store, started.jobId)).toEqual(expect.objectContaining({ total: 250, done: 250, failed: 0, state: 'done' }));
  });

  it('asks for a retry while retries remain and records the chunk as failed after the last', async () => {
    const { deps, jira, store } = await setup(3);
    await startFullRecompute(deps, 'default', 'anna', NOW, 'job2');
    await planFullRecompute(deps, 'job2', 'default');
    jira.loadRequests = async () => {
      throw Object.assign(new Error('Jira kept answering 503'), { retryAfterSeconds: 42 });
    };
    const event = { jobId: 'job2', index: 0, issueIds: ['1', '2', '3'] };
    const err = await processChunk(deps, event, ctx(0)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChunkRetry);
    expect((err as ChunkRetry).retryAfterSeconds).toBe(42);
    expect((await recomputeProgress(store, 'job2'))?.done).toBe(0);
    await processChunk(deps, event, ctx(MAX_CHUNK_RETRIES));
    expect(await recomputeProgress(store, 'job2')).toEqual(expect.objectContaining({ total: 3, done: 0, failed: 3, state: 'failed' }));
  });

  it('pushes in waves of WAVE_CHUNKS a minute and resumes a wave after a refused push without pushing a chunk twice', async () => {
    const { deps, pushes } = await setup(6_500); // 65 chunks: wave 0 = 60, wave 1 = 5
    let refuse = 2; // the second push call is refused once
    const queue = {
      push: async (events: ReadonlyArray<QueueEvent<RecomputeEvent>>) => {
        if (--refuse === 0) throw new QueueRateLimitError();
        pushes.push(events);
      },
    };
    const d = { ...deps, queue };
    await startFullRecompute(d, 'default', 'anna', NOW, 'job3');
    await expect(planFullRecompute(d, 'job3', 'default')).rejects.toBeInstanceOf(QueueRateLimitError);
    await planFullRecompute(d, 'job3', 'default'); // the platform's retry of the plan event
    const wave = pushes.flat().filter((e) => e.body.type === 'wave');
    expect(wave).toEqual([{ body: { type: 'wave', jobId: 'job3', wave: 1 }, delaySeconds: WAVE_SECONDS }]);
    await continueFullRecompute(d, 'job3', 1);
    await continueFullRecompute(d, 'job3', 1); // duplicate delivery
    await planFullRecompute(d, 'job3', 'default'); // a late duplicate of the plan
    const chunks = pushes.flat().filter((e) => e.body.type === 'chunk');
    expect(chunks.map((e) => (e.body.type === 'chunk' ? e.body.index : -1))).toEqual(Array.from({ length: 65 }, (_, i) => i));
    expect(chunks.every((e) => e.concurrency !== undefined && (e.delaySeconds ?? 0) < 60)).toBe(true);
    expect(chunks.slice(0, WAVE_CHUNKS).map((e) => e.delaySeconds ?? 0)).toEqual(Array.from({ length: WAVE_CHUNKS }, (_, i) => Math.floor((i * 60) / WAVE_CHUNKS)));
    expect(pushes.flat().filter((e) => e.body.type === 'wave')).toHaveLength(1);
    expect(pushes.every((p) => p.length <= 50)).toBe(true);
  });
});
