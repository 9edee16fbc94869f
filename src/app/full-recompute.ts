// Full recompute after a configuration change, through the async-events queue:
//   saveConfig → job record in KVS + one `plan` event
//   worker(plan)  → search the ids of the open requests in scope, store them in segments of one
//                   wave each, then run wave 0
//   worker(wave n) → push the chunk events of segment n (≤ 50 a push), then the `wave n+1` event
//                   delayed by a minute
//   worker(chunk) → recompute ≤ CHUNK_SIZE issues (one search, one changelog call, bulk writes)
// Why waves: Forge accepts 500 pushed events a minute per installation (a push past it throws
// RateLimitError) and 4 000 KVS write units a minute; pushing every chunk at once stalled at
// 50 000 issues and would saturate storage. A wave is WAVE_CHUNKS chunks spread over its minute
// (delayInSeconds), so a recompute pushes ≤ WAVE_CHUNKS + 1 events a minute and its chunks run
// at that pace, leaving the rest of both budgets to triggers, sweeps and the UI. A push request
// count stays far below the 1 000 cyclic pushes Forge allows from one original invocation
// (3 pushes a wave: 1 000 waves ≈ 6 million issues).
// Resume: the job record counts the chunks pushed (`pushed`) and the waves queued (`queuedWave`)
// after every push, so a retry (InvocationError after RateLimitError or a timeout) pushes only
// what is missing; a duplicate delivery finds its wave done and stops.
// Progress is the job record plus one marker per finished chunk (created only if absent), so a
// duplicate delivery neither recomputes twice nor counts twice, and concurrent workers never
// overwrite each other's counts. A failing chunk is retried by the platform (InvocationError) and
// counted as failed only after its last retry.

import type { RecomputeProgress } from '../shared/contract';
import { ConfigStore, DEFAULT_SCOPE } from './config-store';
import type { ComputedSink, IssueFacts, KeyValueStore, Logger, QueuePort, RequestSource } from './ports';
import { QueueRateLimitError } from './ports';
import { recomputeBatch } from './recompute-issue';

/** Issues per chunk: ~1 search + 1 changelog call + 2 writes, a few seconds of work. */
export const CHUNK_SIZE = 100;
/** Platform retries of one event (InvocationError) before the chunk is recorded as failed. */
export const MAX_CHUNK_RETRIES = 4;
/**
 * Chunks pushed per wave (one wave a minute): 60 chunks = 6 000 issues a minute, 61 of the 500
 * events a minute Forge allows, and (bench `limits`) well under a tenth of the KVS write budget.
 */
export const WAVE_CHUNKS = 60;
/** Seconds between two waves: the push-rate window is one minute. */
export const WAVE_SECONDS = 60;
/** Chunks of one wave run spread over its minute, not all at once (KVS and Jira budgets). */
export const CHUNK_SPREAD_SECONDS = 60;
/** At most this many chunks of one recompute run at once (Forge push-level `concurrency`). */
export const CHUNK_CONCURRENCY = 4;

export type RecomputeEvent =
  | { type: 'plan'; jobId: string; scope: string }
  | { type: 'wave'; jobId: string; wave: number }
  | { type: 'chunk'; jobId: string; index: number; issueIds: string[] };

export interface RecomputeJob {
  jobId: string;
  scope: string;
  total: number;
  chunks: number;
  state: 'queued' | 'running' | 'failed';
  startedAt: string;
  startedBy: string;
  /** Chunk events pushed so far (resume point); absent on jobs planned before waves existed. */
  pushed?: number;
  /** The highest wave whose event is queued (or running). */
  queuedWave?: number;
  /** Why the job failed, for the admin page. */
  problem?: string;
}

interface ChunkMarker {
  done: number;
  failed: number;
  /** Measured work of the chunk's last attempt. */
  ms: number;
  at: string;
}

export interface FullRecomputeDeps {
  jira: RequestSource & ComputedSink;
  store: KeyValueStore;
  queue: QueuePort<RecomputeEvent>;
  log: Logger;
}

const jobKey = (jobId: string) => `job:${jobId}`;
const chunkPrefix = (jobId: string) => `jobchunk:${jobId}:`;
const chunkKey = (jobId: string, index: number) => `${chunkPrefix(jobId)}${String(index).padStart(6, '0')}`;
/** The issue ids of one wave (WAVE_CHUNKS × CHUNK_SIZE ids ≈ 55 KB, under the 240 KiB value limit). */
const segmentKey = (jobId: string, wave: number) => `jobids:${jobId}:${String(wave).padStart(5, '0')}`;
const LATEST_KEY = 'job:latest';
/** The latest job of one scope, so the admin page shows the progress of the configuration it shows. */
const scopeLatestKey = (scope: string) => `job:latest:${scope}`;
const JOB_TTL = { ttlSeconds: 30 * 86_400 };
/** Segments are needed only while the job pushes its waves. */
const SEGMENT_TTL = { ttlSeconds: 7 * 86_400 };

export function newJobId(nowMs: number, random: () => number = Math.random): string {
  return `r${nowMs.toString(36)}${Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0')}`;
}

export async function startFullRecompute(deps: FullRecomputeDeps, scope: string, by: string, nowMs: number, jobId = newJobId(nowMs)): Promise<RecomputeProgress> {
  const job: RecomputeJob = { jobId, scope, total: 0, chunks: 0, state: 'queued', startedAt: new Date(nowMs).toISOString(), startedBy: by };
  await deps.store.set(jobKey(jobId), job, JOB_TTL);
  await deps.store.set(LATEST_KEY, jobId);
  await deps.store.set(scopeLatestKey(scope), jobId);
  await deps.queue.push([{ body: { type: 'plan', jobId, scope } }]);
  return toProgress(job, []);
}

/**
 * Worker, `plan` event: find the requests in scope, store their ids per wave and push wave 0.
 * Idempotent per job: a retry after the ids were stored resumes wave 0 where it stopped.
 */
export async function planFullRecompute(deps: FullRecomputeDeps, jobId: string, scope: string): Promise<void> {
  let job = await deps.store.get<RecomputeJob>(jobKey(jobId));
  if (!job) return; // an unknown job
  if (job.state === 'queued') {
    const configs = await new ConfigStore(deps.store).active();
    const active = scope === DEFAULT_SCOPE ? configs.byScope.get(DEFAULT_SCOPE) : configs.byScope.get(scope);
    const ids: string[] = [];
    if (active) {
      let token: string | null = null;
      do {
        const page = await deps.jira.findOpenIds(
          { projectKeys: scope === DEFAULT_SCOPE ? null : [scope], alsoStatuses: active.config.statuses.resolved },
          token,
        );
        ids.push(...page.items);
        token = page.nextPageToken;
      } while (token);
    }
    const unique = [...new Set(ids)];
    const perWave = WAVE_CHUNKS * CHUNK_SIZE;
    for (let w = 0; w * perWave < unique.length; w++) {
      await deps.store.set(segmentKey(jobId, w), unique.slice(w * perWave, (w + 1) * perWave), SEGMENT_TTL);
    }
    job = { ...job, total: unique.length, chunks: Math.ceil(unique.length / CHUNK_SIZE), state: 'running', pushed: 0, queuedWave: 0 };
    await deps.store.set(jobKey(jobId), job, JOB_TTL);
  }
  if (job.state !== 'running' || job.pushed === undefined) return; // failed, or planned before waves existed
  await pushWave(deps, job, 0);
}

/** Worker, `wave` event. */
export async function continueFullRecompute(deps: FullRecomputeDeps, jobId: string, wave: number): Promise<void> {
  const job = await deps.store.get<RecomputeJob>(jobKey(jobId));
  if (!job || job.state !== 'running' || job.pushed === undefined) return;
  await pushWave(deps, job, wave);
}

/**
 * Pushes the chunks of wave `wave` not pushed yet, then queues the next wave a minute later.
 * The job record is updated after every push, so whatever stops this (a RateLimitError, a
 * timeout) leaves a resume point, and the retry of the same event pushes only the rest.
 */
async function pushWave(deps: FullRecomputeDeps, start: RecomputeJob, wave: number): Promise<void> {
  let job = start;
  const first = wave * WAVE_CHUNKS;
  const end = Math.min(job.chunks, first + WAVE_CHUNKS);
  const pushed = job.pushed ?? 0;
  const nextQueued = (job.queuedWave ?? 0) > wave;
  if (pushed >= end && (nextQueued || end >= job.chunks)) return; // a duplicate delivery of a finished wave
  if (pushed < first) {
    // An earlier wave stopped short (its retries ran out): refuse to leave a hole silently.
    await failJob(deps, job, `wave ${wave} started with chunks ${pushed}–${first - 1} never queued`);
    return;
  }
  if (pushed < end) {
    const ids = (await deps.store.get<string[]>(segmentKey(job.jobId, wave))) ?? null;
    if (ids === null) {
      await failJob(deps, job, `the issue list of wave ${wave} is missing (expired or deleted)`);
      return;
    }
    const events = [];
    for (let index = pushed; index < end; index++) {
      const offset = (index - first) * CHUNK_SIZE;
      events.push({
        body: { type: 'chunk' as const, jobId: job.jobId, index, issueIds: ids.slice(offset, offset + CHUNK_SIZE) },
        // Spread over the wave's minute: chunk i of the wave starts i × (60 / WAVE_CHUNKS) s in.
        delaySeconds: Math.floor(((index - first) * CHUNK_SPREAD_SECONDS) / WAVE_CHUNKS),
        concurrency: { key: `recompute-${job.jobId}`, limit: CHUNK_CONCURRENCY },
      });
    }
    for (let i = 0; i < events.length; i += MAX_PUSH) {
      const part = events.slice(i, i + MAX_PUSH);
      await deps.queue.push(part);
      job = { ...job, pushed: (job.pushed ?? 0) + part.length };
      await deps.store.set(jobKey(job.jobId), job, JOB_TTL);
    }
  }
  if (end < job.chunks && (job.queuedWave ?? 0) <= wave) {
    await deps.queue.push([{ body: { type: 'wave', jobId: job.jobId, wave: wave + 1 }, delaySeconds: WAVE_SECONDS }]);
    job = { ...job, queuedWave: wave + 1 };
    await deps.store.set(jobKey(job.jobId), job, JOB_TTL);
  }
}

/** Events per push (the adapter splits too; here so the resume point moves after each push). */
const MAX_PUSH = 50;

async function failJob(deps: FullRecomputeDeps, job: RecomputeJob, problem: string): Promise<void> {
  deps.log.error('recompute job failed', { jobId: job.jobId, problem });
  await deps.store.set(jobKey(job.jobId), { ...job, state: 'failed', problem } satisfies RecomputeJob, JOB_TTL);
}

/**
 * A wave's pushes were refused or failed and the platform will not retry it again: the job is
 * marked failed with the reason (the admin page shows it) instead of stalling silently.
 */
export async function abandonWave(deps: FullRecomputeDeps, jobId: string, wave: number, reason: string): Promise<void> {
  const job = await deps.store.get<RecomputeJob>(jobKey(jobId));
  if (!job || job.state === 'failed') return;
  const what = job.state === 'queued' ? 'planning' : `queueing wave ${wave}`;
  await failJob(deps, job, `${what} failed after retries: ${reason}; save the configuration again to restart`);
}

export { QueueRateLimitError };

export class ChunkRetry extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'ChunkRetry';
  }
}

/**
 * Worker, `chunk` event. Throws ChunkRetry when some issues failed and retries remain (the entry
 * turns it into an InvocationError); records the chunk otherwise.
 */
export async function processChunk(
  deps: FullRecomputeDeps,
  event: { jobId: string; index: number; issueIds: string[] },
  ctx: { nowMs: number; retryCount: number; elapsedMs: () => number },
): Promise<ChunkMarker | null> {
  const key = chunkKey(event.jobId, event.index);
  if ((await deps.store.get<ChunkMarker>(key)) !== undefined) return null; // already done
  const started = ctx.elapsedMs();
  const configs = await new ConfigStore(deps.store).active();
  let facts: IssueFacts[];
  let failed: number;
  let done: number;
  try {
    facts = await deps.jira.loadFacts(event.issueIds);
    const batch = await recomputeBatch(deps, configs, facts, { nowMs: ctx.nowMs, after: [] });
    failed = batch.failed.length;
    done = batch.computed.length + batch.skipped.length;
  } catch (e) {
    if (ctx.retryCount < MAX_CHUNK_RETRIES) {
      const retryAfter = (e as { retryAfterSeconds?: number | null }).retryAfterSeconds ?? 30;
      throw new ChunkRetry(e instanceof Error ? e.message : String(e), Math.min(900, Math.max(5, retryAfter)));
    }
    deps.log.error('recompute chunk failed after retries', { jobId: event.jobId, index: event.index, message: e instanceof Error ? e.message : String(e) });
    failed = event.issueIds.length;
    done = 0;
  }
  // Issues that vanished (deleted, moved) count as done: there is nothing left to compute.
  done += Math.max(0, event.issueIds.length - done - failed);
  if (failed > 0 && ctx.retryCount < MAX_CHUNK_RETRIES) throw new ChunkRetry(`${failed} issue(s) of chunk ${event.index} failed`, 30);
  const marker: ChunkMarker = { done, failed, ms: ctx.elapsedMs() - started, at: new Date(ctx.nowMs).toISOString() };
  await deps.store.setIfAbsent(key, marker, { ttlSeconds: 30 * 86_400 });
  return marker;
}

function toProgress(job: RecomputeJob, markers: ChunkMarker[]): RecomputeProgress {
  const done = markers.reduce((s, m) => s + m.done, 0);
  const failed = markers.reduce((s, m) => s + m.failed, 0);
  const finished = job.state === 'running' && markers.length >= job.chunks;
  return {
    ...(job.problem ? { problem: job.problem } : {}),
    jobId: job.jobId,
    total: job.total,
    done,
    failed,
    state: finished ? (failed > 0 ? 'failed' : 'done') : job.state,
    startedAt: job.startedAt,
    finishedAt: finished ? markers.reduce((max, m) => (m.at > max ? m.at : max), job.startedAt) : null,
  };
}

export async function recomputeProgress(store: KeyValueStore, jobId?: string): Promise<RecomputeProgress | null> {
  const id = jobId ?? (await store.get<string>(LATEST_KEY));
  if (!id) return null;
  const job = await store.get<RecomputeJob>(jobKey(id));
  if (!job) return null;
  const markers = job.chunks > 0 ? (await store.listByPrefix<ChunkMarker>(chunkPrefix(id))).map((m) => m.value) : [];
  return toProgress(job, markers);
}

/**
 * The latest recompute of one scope (null when that scope never started one). Jobs started before
 * the per-scope pointer existed are found through the site-wide pointer when they belong to the scope.
 */
export async function scopeRecomputeProgress(store: KeyValueStore, scope: string): Promise<RecomputeProgress | null> {
  const own = await store.get<string>(scopeLatestKey(scope));
  if (own) return recomputeProgress(store, own);
  const latest = await store.get<string>(LATEST_KEY);
  if (!latest) return null;
  const job = await store.get<RecomputeJob>(jobKey(latest));
  return job && job.scope === scope ? recomputeProgress(store, latest) : null;
}
