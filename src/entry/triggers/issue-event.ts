// `onIssueEvent`: product trigger on issue created / updated / commented (ignoreSelf in the
// manifest). Recomputes that one issue and writes its fields and property; well inside 25 s.
// Jira failing after retries asks the platform to redeliver (InvocationError, ≤ 4 retries).

import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod/v3';
import { ConfigStore } from '../../app/config-store';
import { UpstreamError } from '../../app/errors';
import { recomputeIssue } from '../../app/recompute-issue';
import { forgeDeps, isUnlicensed } from '../compose';

const eventSchema = z.object({
  eventType: z.string().optional(),
  selfGenerated: z.boolean().optional(),
  issue: z.object({ id: z.union([z.string(), z.number()]).transform(String), key: z.string().optional() }),
});

export async function onIssueEvent(event: unknown, context: unknown): Promise<InvocationError | undefined> {
  if (isUnlicensed(context)) return undefined;
  const parsed = eventSchema.safeParse(event);
  const deps = forgeDeps('trigger');
  if (!parsed.success) {
    deps.log.warn('issue event without an issue id ignored', { eventType: (event as { eventType?: unknown } | null)?.eventType });
    return undefined;
  }
  // Our own writes would loop; ignoreSelf should drop them, this is the belt to its braces.
  if (parsed.data.selfGenerated === true) return undefined;
  try {
    const configs = await new ConfigStore(deps.store).active();
    await recomputeIssue(deps, configs, parsed.data.issue.id, deps.clock.now());
    return undefined;
  } catch (e) {
    if (e instanceof UpstreamError) {
      deps.log.warn('Jira unavailable; asking for a retry', { issue: parsed.data.issue.key, message: e.message });
      return new InvocationError({
        retryAfter: Math.min(900, Math.max(1, e.retryAfterSeconds ?? 30)),
        retryReason: e.status === 429 ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      });
    }
    throw e;
  }
}
