// Platform budgets the app spends, measured on the emulator (which counts and refuses as Forge
// does): KVS read/write units (10 KB each; 4 000 of each a minute per installation) and
// async-event pushes (500 events a minute), for one change, for 200 changes in one minute and
// for a full recompute. Used by the bench's `limits` section and by forge-limits.test.ts.
import type { RecomputeProgress } from '../../src/shared/contract';
import { KVS_LIMITS, type KvsUsage } from '../../local/emulator/kvs';
import { QUEUE_LIMITS } from '../../local/emulator/queue';
import { AGENT, CUSTOMER, startSite, type Site } from './forge-harness';

export interface Spend {
  readUnits: number;
  writeUnits: number;
  kvsRequests: number;
  kvsRefused: number;
  peakReadUnitsPerMinute: number;
  peakWriteUnitsPerMinute: number;
  events: number;
  pushes: number;
  pushesRefused: number;
  peakEventsPerMinute: number;
}

export interface LimitsResult {
  openIssues: number;
  perChange: Spend;
  changes200: Spend;
  recompute: Spend & { issues: number; done: number; minutes: number };
  budget: { readUnitsPerMinute: number; writeUnitsPerMinute: number; eventsPerMinute: number };
}

function spend(site: Site): Spend {
  const k: KvsUsage = site.emu.kvs.usage();
  const q = site.emu.queue.pushUsage();
  return {
    readUnits: k.readUnits,
    writeUnits: k.writeUnits,
    kvsRequests: k.reads + k.writes,
    kvsRefused: k.refused,
    peakReadUnitsPerMinute: k.peakReadUnitsPerMinute,
    peakWriteUnitsPerMinute: k.peakWriteUnitsPerMinute,
    events: q.events,
    pushes: q.pushes,
    pushesRefused: q.refused,
    peakEventsPerMinute: q.peakEventsPerMinute,
  };
}

function reset(site: Site): void {
  site.emu.kvs.resetUsage();
  site.emu.queue.resetUsage();
}

export async function measureLimits(opts: { openIssues: number; log?: (line: string) => void }): Promise<LimitsResult> {
  const log = opts.log ?? (() => undefined);
  const site = await startSite({ template: 'altec' });
  try {
    const hook = site.emu.jira.onChange;
    site.emu.jira.onChange = null;
    for (let i = 0; i < opts.openIssues; i++) site.emu.jira.createIssue({ projectKey: 'SUP', summary: `Request ${i}`, reporter: CUSTOMER, custom: { 'sla-priority': { id: String((i % 4) + 1) } } });
    site.emu.jira.onChange = hook;
    log(`limits: seeded ${opts.openIssues} open requests`);

    // A configuration change: the full recompute through the queue, measured from the plan on.
    const state = await site.call<{ version: number; config: unknown }>('getAdminState', {});
    if (!state.ok) throw new Error(state.error.message);
    const saved = await site.call<{ version: number; progress: RecomputeProgress }>('saveConfig', { config: state.data.config, baseVersion: state.data.version, comment: 'bench' });
    if (!saved.ok) throw new Error(saved.error.message);
    reset(site);
    const t0 = site.emu.platformNow();
    await site.emu.drainQueue({ ignoreDelays: true });
    const minutes = (site.emu.platformNow() - t0) / 60_000;
    const progress = await site.call<RecomputeProgress>('getRecomputeProgress', { jobId: saved.data.progress.jobId });
    if (!progress.ok || !progress.data) throw new Error('no progress');
    const recompute = { ...spend(site), issues: opts.openIssues, done: progress.data.done, minutes: Math.round(minutes * 10) / 10 };
    log(`limits: recompute ${progress.data.done}/${progress.data.total} in ${recompute.minutes} platform minutes`);

    // Two minutes after the platform's clock (a drain may have moved it ahead): a fresh window.
    const freshWindow = (): void => site.advance(Math.max(0, site.emu.platformNow() - site.now()) + 2 * 60_000);
    freshWindow();
    reset(site);
    await site.emu.actions.setField('SUP-1', 'priority', '2', AGENT);
    const perChange = spend(site);
    freshWindow();
    reset(site);
    for (let i = 0; i < 200; i++) await site.emu.actions.setField(`SUP-${i + 2}`, 'priority', String(((i + 2) % 4) + 1), AGENT);
    const changes200 = spend(site);
    return {
      openIssues: opts.openIssues,
      perChange,
      changes200,
      recompute,
      budget: { readUnitsPerMinute: KVS_LIMITS.readUnitsPerMinute, writeUnitsPerMinute: KVS_LIMITS.writeUnitsPerMinute, eventsPerMinute: QUEUE_LIMITS.eventsPerMinute },
    };
  } finally {
    site.close();
  }
}
