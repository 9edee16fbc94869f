// A site with many open requests, for the call-count test and the bench's `sweep` section:
// how many Jira calls a sweep makes when nothing is due, when 200 requests change state, and how
// a full recompute splits into queue chunks (and how long each chunk's work takes).

import type { RecomputeProgress } from '../../src/shared/contract';
import { CUSTOMER, MINUTE, startSite, type Site } from './forge-harness';

export interface ScaleResult {
  openIssues: number;
  idleCalls: number;
  changed200Calls: number;
  changed: number;
  naiveCalls: number;
  fullRecomputeChunks: number;
  maxChunkMs: number;
  recomputed: number;
  /** Calls of the 200-change sweep by route, to show where they go. */
  changedByRoute: Record<string, number>;
  atRiskAfter: number;
}

/**
 * What a naive per-issue sweep would call for the same site: page through every open request
 * (100 a page), then per request read its changelog and its comments and write its three fields
 * and its property one call each, whether they changed or not.
 */
export function naiveSweepCalls(openIssues: number): number {
  return Math.ceil(openIssues / 100) + openIssues * (2 + 4);
}

function jiraCalls(site: Site): number {
  return site.emu.calls.filter((c) => c.kind === 'jira').length;
}

export async function measureScale(opts: { openIssues: number; changing: number; log?: (line: string) => void }): Promise<ScaleResult> {
  const log = opts.log ?? (() => undefined);
  const site = await startSite({ template: 'altec' });
  try {
    // Seed without product events: the full recompute below is what computes them.
    const hook = site.emu.jira.onChange;
    site.emu.jira.onChange = null;
    for (let i = 0; i < opts.openIssues; i++) {
      // Priority 1 (reaction 30m, at risk after 22.5m) for the ones that will change; 4 (60m) for the rest.
      site.emu.jira.createIssue({ projectKey: 'SUP', summary: `Request ${i}`, reporter: CUSTOMER, custom: { 'sla-priority': { id: i < opts.changing ? '1' : '4' } } });
    }
    site.emu.jira.onChange = hook;
    log(`sweep: seeded ${opts.openIssues} open requests`);

    // A configuration change: the full recompute runs through the queue.
    const state = await site.call<{ version: number; config: unknown }>('getAdminState', {});
    if (!state.ok) throw new Error(state.error.message);
    const saved = await site.call<{ version: number; progress: RecomputeProgress }>('saveConfig', { config: state.data.config, baseVersion: state.data.version, comment: 'bench' });
    if (!saved.ok) throw new Error(saved.error.message);
    await site.emu.drainQueue({ ignoreDelays: true });
    const progress = await site.call<RecomputeProgress>('getRecomputeProgress', { jobId: saved.data.progress.jobId });
    if (!progress.ok || !progress.data) throw new Error('no progress');
    const markers = await site.emu.kvs.handle('/api/v1/query', JSON.stringify({ where: [{ condition: 'BEGINS_WITH', property: 'key', values: [`jobchunk:${saved.data.progress.jobId}:`] }], limit: 100 }));
    const chunkMs: number[] = [];
    let page = markers.body as { data: Array<{ value: { ms: number } }>; cursor?: string };
    for (;;) {
      chunkMs.push(...page.data.map((d) => d.value.ms));
      if (!page.cursor) break;
      page = site.emu.kvs.handle('/api/v1/query', JSON.stringify({ where: [{ condition: 'BEGINS_WITH', property: 'key', values: [`jobchunk:${saved.data.progress.jobId}:`] }], limit: 100, after: page.cursor })).body as typeof page;
    }
    log(`sweep: full recompute ${progress.data.done}/${progress.data.total} in ${chunkMs.length} chunks`);

    site.emu.resetCalls();
    await site.emu.runSweep();
    const idleCalls = jiraCalls(site);

    site.advance(23 * MINUTE);
    site.emu.resetCalls();
    await site.emu.runSweep();
    const changed200Calls = jiraCalls(site);
    const changedByRoute = site.emu.callCounts();
    let atRiskAfter = 0;
    for (let i = 0; i < opts.openIssues; i++) {
      const doc = site.emu.jira.issue(`SUP-${i + 1}`);
      if ((doc?.properties['reglament-sla'] as { state?: string } | undefined)?.state === 'atRisk') atRiskAfter++;
    }
    return {
      openIssues: opts.openIssues,
      idleCalls,
      changed200Calls,
      changed: opts.changing,
      naiveCalls: naiveSweepCalls(opts.openIssues),
      fullRecomputeChunks: chunkMs.length,
      maxChunkMs: Math.round(Math.max(0, ...chunkMs)),
      recomputed: progress.data.done,
      changedByRoute,
      atRiskAfter,
    };
  } finally {
    site.close();
  }
}
