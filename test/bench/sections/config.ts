// KVS reads per panel view with 1, 50 and 200 configured projects: the panel looks up its own
// project's configuration (ConfigStore.lookup), so the count must not grow with the scopes.
// Counted on the in-memory store with KVS semantics (every get/query is one KVS call).

import { ConfigStore } from '../../../src/app/config-store';
import { TEMPLATES } from '../../../src/domain/templates';
import { MemoryStore } from '../../fakes/memory-store';
import type { BenchOptions, SectionResult } from '../lib/types';

const NOW = Date.parse('2026-03-02T07:00:00Z');

async function readsPerView(projects: number): Promise<{ own: number; fallback: number; everyScope: number }> {
  const kvs = new MemoryStore();
  const store = new ConfigStore(kvs);
  await store.save({ scope: 'default', config: structuredClone(TEMPLATES.altec), baseVersion: null, savedBy: 'bench', nowMs: NOW });
  for (let i = 1; i < projects; i++) {
    await store.save({ scope: `P${i}`, config: structuredClone(TEMPLATES.barier), baseVersion: null, savedBy: 'bench', nowMs: NOW });
  }
  const view = new ConfigStore(kvs);
  await view.scopes(); // the one-off check for the older layout, once per process
  const count = async (fn: () => unknown): Promise<number> => {
    const before = kvs.ops;
    await fn();
    return kvs.ops - before;
  };
  return {
    own: await count(() => view.lookup().forProject(projects > 1 ? 'P1' : 'default')),
    fallback: await count(() => view.lookup().forProject('UNCONFIGURED')),
    everyScope: await count(() => view.active()),
  };
}

export async function run(opts: BenchOptions): Promise<SectionResult> {
  const out: Record<string, unknown> = {};
  for (const n of opts.quick ? [1, 50] : [1, 50, 200]) {
    opts.log(`config: ${n} configured projects`);
    out[`configReadsPerPanelView_${n}`] = await readsPerView(n);
  }
  return out;
}

export function print(result: SectionResult): string {
  const lines = ['KVS reads per panel view (configuration lookup)', 'projects  own scope  site default  all scopes (sweep/report)'];
  for (const [k, v] of Object.entries(result)) {
    const r = v as { own: number; fallback: number; everyScope: number };
    lines.push(`${k.replace('configReadsPerPanelView_', '').padStart(8)}  ${String(r.own).padStart(9)}  ${String(r.fallback).padStart(12)}  ${String(r.everyScope).padStart(10)}`);
  }
  return lines.join('\n');
}
