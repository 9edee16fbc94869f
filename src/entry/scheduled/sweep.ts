// `sweep`: the fiveMinute scheduled trigger. Skips unlicensed sites; must answer {statusCode: 204}
// (anything else is recorded as a failed run, and failed runs are not retried).

import { runSweep } from '../../app/sweep';
import { forgeDeps, isUnlicensed } from '../compose';

export async function sweep(_request: unknown, context: unknown): Promise<{ statusCode: number; body?: string }> {
  if (isUnlicensed(context)) return { statusCode: 204 };
  const deps = forgeDeps('async');
  try {
    const result = await runSweep(deps, deps.clock.now());
    if (result.due > 0) deps.log.info('sweep', { ...result });
    return { statusCode: 204 };
  } catch (e) {
    deps.log.error('sweep failed; the next run retries', { message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    return { statusCode: 500, body: e instanceof Error ? e.message : String(e) };
  }
}
