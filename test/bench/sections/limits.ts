/**
 * Limits section: Forge platform budgets the app spends, measured on the emulator, which counts
 * KVS units (10 KB each, 4 000 read and 4 000 write a minute per installation) and async-event
 * pushes (500 events a minute) and refuses past them as Forge does.
 *
 * Workload: 10 000 open requests (Altec template; 1 000 with --quick); a configuration save and
 * its full recompute through the queue (waves of 60 chunks a minute); then one field change;
 * then 200 field changes within one minute. Key in `bench --json`: `limits` =
 * {openIssues, perChange, changes200, recompute, budget}, each spend =
 * {readUnits, writeUnits, kvsRequests, kvsRefused, peakReadUnitsPerMinute,
 * peakWriteUnitsPerMinute, events, pushes, pushesRefused, peakEventsPerMinute}.
 */
import { measureLimits, type Spend } from '../../scenarios/limits-measure';
import { formatInt, formatTable } from '../lib/table';
import type { BenchOptions, SectionResult } from '../lib/types';

export async function run(opts: BenchOptions): Promise<SectionResult> {
  const original = console.log;
  const originalWarn = console.warn;
  console.log = (...args: unknown[]) => opts.log(args.map(String).join(' '));
  console.warn = (...args: unknown[]) => opts.log(args.map(String).join(' '));
  try {
    const r = await measureLimits({ openIssues: opts.quick ? 1000 : 10_000, log: opts.log });
    for (const [name, s] of [['perChange', r.perChange], ['changes200', r.changes200], ['recompute', r.recompute]] as const) {
      if (s.kvsRefused > 0 || s.pushesRefused > 0) throw new Error(`limits: ${name} was refused by the platform budget (${s.kvsRefused} KVS, ${s.pushesRefused} pushes)`);
    }
    if (r.recompute.done !== r.recompute.issues) throw new Error(`limits: recompute did ${r.recompute.done} of ${r.recompute.issues}`);
    return { limits: r };
  } finally {
    console.log = original;
    console.warn = originalWarn;
  }
}

export function print(result: SectionResult): string {
  const r = result.limits as { openIssues: number; perChange: Spend; changes200: Spend; recompute: Spend & { minutes: number }; budget: { readUnitsPerMinute: number; writeUnitsPerMinute: number; eventsPerMinute: number } };
  const row = (name: string, s: Spend): string[] => [
    name,
    formatInt(s.readUnits),
    formatInt(s.writeUnits),
    `${formatInt(s.peakReadUnitsPerMinute)} / ${formatInt(s.peakWriteUnitsPerMinute)}`,
    formatInt(s.events),
    formatInt(s.peakEventsPerMinute),
    formatInt(s.kvsRefused + s.pushesRefused),
  ];
  return [
    `limits: platform budgets on a site of ${formatInt(r.openIssues)} open requests (budget a minute: ${formatInt(r.budget.readUnitsPerMinute)} read / ${formatInt(r.budget.writeUnitsPerMinute)} write KVS units, ${formatInt(r.budget.eventsPerMinute)} pushed events)`,
    formatTable(
      ['run', 'KVS read units', 'KVS write units', 'peak units/min (r / w)', 'events pushed', 'peak events/min', 'refused'],
      [row('one change', r.perChange), row('200 changes in a minute', r.changes200), row(`full recompute (${r.recompute.minutes} min)`, r.recompute)],
    ),
    `limits: ${JSON.stringify(r)}`,
  ].join('\n');
}
