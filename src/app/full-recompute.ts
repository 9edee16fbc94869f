// Full recompute after a configuration change, through the async-events queue:
//   saveConfig → job record in KVS + one `plan` event
//   worker(plan)  → search the ids of the open requests in scope, push `chunk` events (≤ 50 a push)
//   worker(chunk) → recompute ≤ CHUNK_SIZE issues (one search, one changelog call, bulk writes)
// Progress is the job record plus one marker per finished chunk (created only if absent), so a
// duplicate delivery neither recomputes twice nor counts twice, and concurrent workers never
// overwrite each other's counts. A failing chunk is retried by the platform (InvocationError) and
// counted as failed only after its last retry.

import type { RecomputeProgress } from '../shared/contract';
import { ConfigStore, DEFAULT_SCOPE } from './config-store';
import type { IssueFacts, JiraPort, KeyValueStore, Logger, QueuePort } from './ports';
import { recomputeBatch } from './recompute-issue';

/** Issues per chunk: ~1 search + 1 changelog call + 2 writes, a few seconds of work. */
export const CHUNK_SIZE = 100;
/** Platform retries of one event (InvocationError) before the chunk is recorded as failed. */
export const MAX_CHUNK_RETRIES = 4;

export type RecomputeEvent =
  | { type: 'plan'; jobId: string; scope: string }
  | { type: 'chunk'; jobId: string; index: number; issueIds: string[] };

export interface RecomputeJob {
  jobId: string;
  scope: string;
  total: number;
  chunks: number;
  state: 'queued' | 'running' | 'failed';
  startedAt: string;
  startedBy: string;
}

interface ChunkMarker {
  done: number;
  failed: number;
  /** Measured work of the chunk's last attempt. */
  ms: number;
  at: string;
}

export interface FullRecomputeDeps {
  jira: JiraPort;
  store: KeyValueStore;
  queue: QueuePort<RecomputeEvent>;
  log: Logger;
}

const jobKey = (jobId: string) => `job:${jobId}`;
const chunkPrefix = (jobId: string) => `jobchunk:${jobId}:`;
const chunkKey = (jobId: string, index: number) => `${chunkPrefix(jobId)}${String(index).padStart(6, '0')}`;
const LATEST_KEY = 'job:latest';
/** The latest job of one scope, so the admin page shows the progress of the configuration it shows. */
const scopeLatestKey = (scope: string) => `job:latest:${scope}`;

export function newJobId(nowMs: number, random: () => number = Math.random): string {
  return `r${nowMs.toString(36)}${Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0')}`;
}

export async function startFullRecompute(deps: FullRecomputeDeps, scope: string, by: string, nowMs: number, jobId = newJobId(nowMs)): Promise<RecomputeProgress> {
  const job: RecomputeJob = { jobId, scope, total: 0, chunks: 0, state: 'queued', startedAt: new Date(nowMs).toISOString(), startedBy: by };
  await deps.store.set(jobKey(jobId), job, { ttlSeconds: 30 * 86_400 });
  await deps.store.set(LATEST_KEY, jobId);
  await deps.store.set(scopeLatestKey(scope), jobId);
  await deps.queue.push([{ body: { type: 'plan', jobId, scope } }]);
  return toProgress(job, []);
}

/** Worker, `plan` event: find the requests in scope and queue them in chunks. Idempotent per job. */
export async function planFullRecompute(deps: FullRecomputeDeps, jobId: string, scope: string): Promise<void> {
  const job = await deps.store.get<RecomputeJob>(jobKey(jobId));
  if (!job || job.state !== 'queued') return; // duplicate delivery or an unknown job
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
  const events = [];
  for (let i = 0; i < unique.length; i += CHUNK_SIZE) {
    events.push({ body: { type: 'chunk' as const, jobId, index: i / CHUNK_SIZE, issueIds: unique.slice(i, i + CHUNK_SIZE) } });
  }
  await deps.store.set(jobKey(jobId), { ...job, total: unique.length, chunks: events.length, state: 'running' } satisfies RecomputeJob, { ttlSeconds: 30 * 86_400 });
  await deps.queue.push(events);
}

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
    const batch = await recomputeBatch(deps, configs, facts, { nowMs: ctx.nowMs, acknowledge: false });
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
