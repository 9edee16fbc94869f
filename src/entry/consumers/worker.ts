// `worker`: consumer of the `sla-recompute` queue (full recompute after a configuration change).
// Delivery is at least once; the use case makes duplicates harmless. A chunk that failed asks the
// platform to retry it (InvocationError) until its retries run out.

import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod/v3';
import { UpstreamError } from '../../app/errors';
import { abandonWave, ChunkRetry, continueFullRecompute, MAX_CHUNK_RETRIES, planFullRecompute, processChunk, WAVE_SECONDS } from '../../app/full-recompute';
import { QueueRateLimitError, StoreRateLimitError } from '../../app/ports';
import { forgeDeps, isUnlicensed } from '../compose';

const bodySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('plan'), jobId: z.string().min(1), scope: z.string().min(1) }),
  z.object({ type: z.literal('wave'), jobId: z.string().min(1), wave: z.number().int().min(0) }),
  z.object({ type: z.literal('chunk'), jobId: z.string().min(1), index: z.number().int().min(0), issueIds: z.array(z.string().regex(/^\d+$/)).max(1000) }),
]);

const eventSchema = z.object({
  body: bodySchema,
  retryContext: z.object({ retryCount: z.number().int().min(0) }).partial().optional(),
});

export async function worker(event: unknown, context: unknown): Promise<InvocationError | undefined> {
  const deps = forgeDeps('async');
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) {
    deps.log.error('queue event with an unexpected body dropped', { issues: parsed.error.issues.slice(0, 3) });
    return undefined;
  }
  if (isUnlicensed(context)) return undefined;
  const body = parsed.data.body;
  const started = performance.now();
  const retryCount = parsed.data.retryContext?.retryCount ?? 0;
  try {
    if (body.type === 'plan') await planFullRecompute(deps, body.jobId, body.scope);
    else if (body.type === 'wave') await continueFullRecompute(deps, body.jobId, body.wave);
    else {
      await processChunk(deps, body, {
        nowMs: deps.clock.now(),
        retryCount,
        elapsedMs: () => performance.now() - started,
      });
    }
    return undefined;
  } catch (e) {
    if (body.type !== 'chunk' && retryCount >= MAX_CHUNK_RETRIES) {
      // The platform retries an event at most 4 times: say so on the job instead of stalling.
      await abandonWave(deps, body.jobId, body.type === 'wave' ? body.wave : 0, e instanceof Error ? e.message : String(e));
      return undefined;
    }
    if (e instanceof StoreRateLimitError) {
      deps.log.warn('storage budget spent; retrying in a minute', { jobId: body.jobId, message: e.message });
      return new InvocationError({ retryAfter: WAVE_SECONDS, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
    }
    if (e instanceof QueueRateLimitError) {
      // The push-rate window is one minute; the retry resumes from the job's resume point.
      deps.log.warn('recompute pushes rate-limited; retrying in a minute', { jobId: body.jobId });
      return new InvocationError({ retryAfter: WAVE_SECONDS, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
    }
    if (e instanceof ChunkRetry) {
      deps.log.warn('recompute chunk will be retried', { jobId: body.jobId, message: e.message });
      return new InvocationError({ retryAfter: e.retryAfterSeconds, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
    }
    if (e instanceof UpstreamError) {
      // Planning hit Jira's limits: try again later rather than fail the job.
      return new InvocationError({
        retryAfter: Math.min(900, Math.max(5, e.retryAfterSeconds ?? 30)),
        retryReason: e.status === 429 ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      });
    }
    throw e;
  }
}
