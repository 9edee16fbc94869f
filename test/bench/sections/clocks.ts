/**
 * Clocks section: requests per second through computeClocks on one core.
 *
 * Workload (seeded, identical in every run): Barier-template requests with priority 4, whose
 * resolution goal is 10wd (ten 9-hour working days) and reaction 3h, arriving at any hour of
 * 2026, each with a realistic history of 10–30 events over up to three weeks: first answer,
 * status changes into work, waits for the customer and answers, follow-up comments, a priority
 * change, resolution and sometimes a reopening; `now` falls anywhere in that history.
 * Key in `bench --json`: clocksPerSec (median of rounds, wall clock); target ≥ 50 000. Also the
 * rate per CPU-second, which stays meaningful when other processes share the CPU.
 */
import { computeClocks, type SlaEvent, type SlaRequest } from '../../../src/domain/sla';
import { TEMPLATES } from '../../../src/domain/templates';
import { createRandom, randomInt } from '../lib/random';
import { formatInt, formatTable } from '../lib/table';
import { measure } from '../lib/timing';
import type { BenchOptions, SectionResult } from '../lib/types';

const SEED = 20_260_317;
const MIN = 60_000;
const TARGET = 50_000;

interface Item {
  request: SlaRequest;
  now: number;
}

function makeItems(n: number): Item[] {
  const rand = createRandom(SEED);
  const start = Date.parse('2026-01-12T00:00:00+03:00');
  const span = Date.parse('2026-12-01T00:00:00+03:00') - start;
  const items: Item[] = [];
  for (let k = 0; k < n; k++) {
    const created = start + Math.floor(rand() * span);
    const target = randomInt(rand, 10, 30);
    const events: SlaEvent[] = [];
    let t = created;
    const step = (): number => (t += randomInt(rand, 5, 12 * 60) * MIN);
    events.push({ at: step(), type: 'comment', by: 'agent' });
    events.push({ at: step(), type: 'status', to: 'In Progress' });
    while (events.length < target - 2) {
      const r = rand();
      if (r < 0.25) {
        events.push({ at: step(), type: 'status', to: 'Waiting for customer' });
        events.push({ at: step(), type: 'comment', by: 'customer' });
        events.push({ at: step(), type: 'status', to: 'In Progress' });
      } else if (r < 0.6) {
        events.push({ at: step(), type: 'comment', by: 'customer' });
        events.push({ at: step(), type: 'comment', by: 'agent' });
      } else if (r < 0.7) {
        events.push({ at: step(), type: 'priority', to: String(randomInt(rand, 3, 4)) });
      } else if (r < 0.8) {
        events.push({ at: step(), type: 'status', to: 'Resolved' });
        events.push({ at: step(), type: 'status', to: 'In Progress' });
      } else events.push({ at: step(), type: 'comment', by: 'agent' });
    }
    events.push({ at: step(), type: 'status', to: 'Resolved' });
    if (rand() < 0.5) events.push({ at: step(), type: 'comment', by: 'customer' });
    const now = created + Math.floor(rand() * (t - created + 3 * 24 * 60 * MIN));
    items.push({ request: { key: `BENCH-${k}`, created, priority: '4', events }, now });
  }
  return items;
}

export async function run(opts: BenchOptions): Promise<SectionResult> {
  const config = TEMPLATES.barier;
  const items = makeItems(opts.quick ? 500 : 4_000);
  const events = items.reduce((s, x) => s + x.request.events.length, 0);
  // Sanity: the workload really exercises the 10wd goal and every clock.
  const sample = computeClocks(config, items[0]!.request, items[0]!.now);
  if (sample.resolution?.goal !== '10wd' || sample.resolution.goalMinutes !== 10 * 9 * 60) {
    throw new Error(`expected a 10wd resolution goal, got ${sample.resolution?.goal}`);
  }
  opts.log(`clocks: ${items.length} requests, ${(events / items.length).toFixed(1)} events each`);
  const t = measure(
    (i) => {
      const x = items[i]!;
      const set = computeClocks(config, x.request, x.now);
      return (set.resolution?.elapsedMinutes ?? 0) + (set.nextCheckAt ?? 0);
    },
    items.length,
    opts.quick ? { budgetMs: 200, rounds: 2, warmupMs: 50, batch: 16 } : { budgetMs: 3_000, rounds: 5, warmupMs: 500, batch: 64 },
  );
  return {
    clocksPerSec: t.opsPerSec,
    clocks: {
      requests: items.length,
      eventsPerRequest: Math.round((events / items.length) * 10) / 10,
      goal: '10wd resolution, 3h reaction (barier, priority 4)',
      bestPerSec: t.bestOpsPerSec,
      // Rate per second of this process's CPU time: what one core does when the machine is shared.
      perCpuSecond: t.opsPerCpuSec,
      microsPerRequest: Math.round((1e6 / t.opsPerSec) * 100) / 100,
      target: TARGET,
      meetsTarget: t.opsPerSec >= TARGET,
    },
  };
}

export function print(result: SectionResult): string {
  const c = result.clocks as Record<string, number | string | boolean>;
  return formatTable(
    ['measure', 'value'],
    [
      ['computeClocks, requests/s (median)', formatInt(result.clocksPerSec as number)],
      ['best round, requests/s', formatInt(c.bestPerSec as number)],
      ['per CPU-second (one core)', formatInt(c.perCpuSecond as number)],
      ['µs per request', String(c.microsPerRequest)],
      ['events per request', String(c.eventsPerRequest)],
      ['goal', String(c.goal)],
      [`target ≥ ${formatInt(TARGET)}/s`, c.meetsTarget ? 'met' : 'NOT met'],
    ],
  );
}
