/**
 * Sweep section: Jira calls of the Forge app's scheduled sweep on a simulated site (the real
 * handlers on the local Jira emulator), next to what a naive per-issue sweep would call.
 *
 * Workload: 10 000 open requests (Altec template), fully recomputed through the queue after a
 * configuration save; then a sweep with nothing due; then, 23 minutes later, a sweep in which the
 * 200 priority-1 requests turn at risk. Key in `bench --json`: `sweep` =
 * {openIssues, idleCalls, changed200Calls, naiveCalls, fullRecomputeChunks, maxChunkMs}.
 * `naiveCalls` is computed (see naiveSweepCalls), the rest measured.
 */
import { measureScale } from '../../scenarios/scale';
import { formatInt, formatTable } from '../lib/table';
import type { BenchOptions, SectionResult } from '../lib/types';

export async function run(opts: BenchOptions): Promise<SectionResult> {
  const openIssues = opts.quick ? 1000 : 10_000;
  // The app logs through console.log; stdout must carry only the bench's JSON.
  const original = console.log;
  console.log = (...args: unknown[]) => opts.log(args.map(String).join(' '));
  try {
    const r = await measureScale({ openIssues, changing: 200, log: opts.log });
    if (r.atRiskAfter !== r.changed) throw new Error(`sweep: expected ${r.changed} requests at risk after the sweep, found ${r.atRiskAfter}`);
    return {
      sweep: {
        openIssues: r.openIssues,
        idleCalls: r.idleCalls,
        changed200Calls: r.changed200Calls,
        naiveCalls: r.naiveCalls,
        fullRecomputeChunks: r.fullRecomputeChunks,
        maxChunkMs: r.maxChunkMs,
      },
    };
  } finally {
    console.log = original;
  }
}

export function print(result: SectionResult): string {
  const s = result.sweep as Record<string, number>;
  const rows = [
    ['sweep, nothing due', formatInt(s.idleCalls!), formatInt(s.naiveCalls!)],
    ['sweep, 200 change state', formatInt(s.changed200Calls!), formatInt(s.naiveCalls!)],
  ];
  return [
    `sweep: Jira calls on a site of ${formatInt(s.openIssues!)} open requests (naive = every request read and written one call at a time)`,
    formatTable(['run', 'calls', 'naive calls'], rows),
    `full recompute: ${formatInt(s.fullRecomputeChunks!)} queue chunks, slowest chunk ${formatInt(s.maxChunkMs!)} ms of work (limit 25 000 ms per invocation here; 900 s for the consumer)`,
    `sweep: ${JSON.stringify(s)}`,
  ].join('\n');
}
