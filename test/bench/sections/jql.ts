/**
 * JQL section: the app's JQL functions (manifest jira:jqlFunction) on a site of 10 000 stored
 * requests (1 000 with --quick). Each function's handler time is what counts against the
 * function's time limit: it answers with a clause over indexed aliases, so it should not grow
 * with the site. The emulator's evaluation of the expanded query (Jira's side) is shown next to it.
 * Key in `bench --json`: `jql` = { requests, functions: { [call]: { handlerMs, searchMs, hits } } }.
 */
import { createEmulator } from '../../../local/emulator';
import * as app from '../../../local/app-handlers';
import { configure, type Site } from '../../scenarios/forge-harness';
import { formatInt, formatTable } from '../lib/table';
import type { BenchOptions, SectionResult } from '../lib/types';

const CALLS = [
  'slaBreached()',
  'slaBreached("resolution")',
  'slaAtRisk()',
  'slaPaused("resolution")',
  'slaEverBreached()',
  'slaRemaining("resolution", "<", "2h")',
];
const STATES = ['running', 'atRisk', 'paused', 'met', 'breached'] as const;

export async function run(opts: BenchOptions): Promise<SectionResult> {
  const requests = opts.quick ? 1000 : 10_000;
  const original = console.log;
  console.log = (...args: unknown[]) => opts.log(args.map(String).join(' '));
  process.env.REGLAMENT_RETRY_DELAY_SCALE = '0';
  const now = Date.parse('2026-03-02T07:00:00Z');
  const emu = createEmulator({ clock: { now: () => now }, appHandlers: app });
  try {
    emu.seedSite();
    emu.install();
    const site = { call: (fn: string, payload: unknown) => emu.invokeResolver(fn, payload, { accountId: '557058:admin-anna', extension: { type: 'jira:adminPage' } }), emu } as unknown as Site;
    await configure(site, 'altec');
    // Stored state written straight to the property (what recomputes leave behind), spread over states.
    for (let n = 0; n < requests; n++) {
      const issue = emu.jira.createIssue({ projectKey: 'SUP', summary: `bench ${n}`, reporter: 'qm:customer-romashka', at: now - n * 60_000 });
      const st = (k: number) => STATES[(n * 7 + k) % STATES.length]!;
      const due = (k: number) => (st(k) === 'met' || st(k) === 'paused' ? null : new Date(now + ((n % 600) - 120) * 60_000).toISOString());
      const value = {
        v: 1, scope: 'default', configVersion: 1, state: st(1), breached: st(0) === 'breached' || st(1) === 'breached' ? 'yes' : 'no', paused: st(1) === 'paused' ? 'yes' : 'no',
        nextCheckAt: null, reactionDue: due(0), resolutionDue: due(1), autoCloseAt: null, package: String(1 + (n % 3)), priority: String(1 + (n % 4)),
        clocks: [], acknowledged: true, reactionState: st(0), resolutionState: st(1), followUpState: 'none', everBreached: n % 5 === 0 ? 'yes' : 'no', followUpEverBreached: 'no',
      };
      const r = emu.jira.handle('PUT', `/rest/api/3/issue/${issue.key}/properties/reglament-sla`, JSON.stringify(value), { kind: 'app' });
      if (r.status >= 300) throw new Error(`jql bench: property write answered ${r.status}`);
    }
    const functions: Record<string, { handlerMs: number; searchMs: number; hits: number }> = {};
    for (const call of CALLS) {
      const [name, argText = ''] = call.replace(/\)$/, '').split('(');
      const args = argText === '' ? [] : argText.split(',').map((s) => s.trim().replace(/^"|"$/g, ''));
      const rounds = opts.quick ? 1 : 5;
      let handlerMs = Infinity;
      for (let i = 0; i < rounds; i++) {
        const t0 = performance.now();
        const answer = (await app.jqlFunction({ clause: { field: 'key', type: ['issue'], operator: 'in', functionName: name!, arguments: args } }, {})) as { jql?: string; error?: string };
        handlerMs = Math.min(handlerMs, performance.now() - t0);
        if (!answer.jql) throw new Error(`jql bench: ${call} answered ${JSON.stringify(answer)}`);
      }
      emu.precomputations.clear();
      const t1 = performance.now();
      const r = await emu.searchKeys(`issue in ${call}`, '557058:admin-anna');
      const searchMs = performance.now() - t1;
      if (!r.ok) throw new Error(`jql bench: ${call}: ${r.error}`);
      functions[call] = { handlerMs: Math.round(handlerMs * 10) / 10, searchMs: Math.round(searchMs), hits: r.keys.length };
    }
    return { jql: { requests, functions } };
  } finally {
    console.log = original;
    emu.close();
  }
}

export function print(result: SectionResult): string {
  const j = result.jql as { requests: number; functions: Record<string, { handlerMs: number; searchMs: number; hits: number }> };
  const rows = Object.entries(j.functions).map(([call, f]) => [`issue in ${call}`, f.handlerMs.toFixed(1), formatInt(f.searchMs), formatInt(f.hits)]);
  return [
    `jql: the app's JQL functions on ${formatInt(j.requests)} stored requests (handler = the app's answer, best of 5; search = the emulator evaluating the expanded query)`,
    formatTable(['query', 'handler ms', 'search ms', 'hits'], rows),
    `jql: ${JSON.stringify(j)}`,
  ].join('\n');
}
