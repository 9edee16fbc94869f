// `worker`: consumer of the `sla-recompute` queue (full recompute after a configuration change).
// Delivery is at least once; the use case makes duplicates harmless. A chunk that failed asks the
// platform to retry it (InvocationError) until its retries run out.

import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { UpstreamError } from '../../app/errors';
import { ChunkRetry, planFullRecompute, processChunk } from '../../app/full-recompute';
import { forgeDeps, isUnlicensed } from '../compose';

const bodySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('plan'), jobId: z.string().min(1), scope: z.string().min(1) }),
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
  try {
    if (body.type === 'plan') await planFullRecompute(deps, body.jobId, body.scope);
    else {
      await processChunk(deps, body, {
        nowMs: deps.clock.now(),
        retryCount: parsed.data.retryContext?.retryCount ?? 0,
        elapsedMs: () => performance.now() - started,
      });
    }
    return undefined;
  } catch (e) {
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
