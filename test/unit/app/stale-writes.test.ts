// Issue 11, stale overwrites: a result computed from an older read of the issue, or on an older
// configuration, is never stored over a newer one. The fake's loadRequests is where a slow batch
// is overtaken: the newer writer runs and finishes while the older one reads histories.
import { ConfigStore } from '../../../src/app/config-store';
import { silentLogger } from '../../../src/app/ports';
import { recomputeBatch } from '../../../src/app/recompute-issue';
import type { SlaConfig } from '../../../src/domain/sla/types';
import { TEMPLATES } from '../../../src/domain/templates';
import { FakeJira } from '../../fakes/fake-jira';
import { MemoryStore } from '../../fakes/memory-store';

const NOW = Date.parse('2026-03-02T07:00:00Z');
const MIN = 60_000;

function altec(reaction3: string): SlaConfig {
  const c = JSON.parse(JSON.stringify(TEMPLATES.altec)) as { goals: { reaction: Record<string, string> } };
  c.goals.reaction['3'] = reaction3;
  return c as unknown as SlaConfig;
}

async function setup() {
  const store = new MemoryStore();
  const configs = new ConfigStore(store);
  await configs.save({ scope: 'default', config: altec('60m'), baseVersion: null, savedBy: 'a', nowMs: NOW });
  const v1 = await configs.active();
  const jira = new FakeJira();
  jira.add('1', { key: 'SUP-1', created: NOW, priority: '3', events: [] }, { name: 'Open', category: 'new' });
  return { store, configs, v1, jira, deps: { jira, store, log: silentLogger } };
}

/** Runs `overtake` once, while the next batch is reading histories. */
function overtakeDuringRead(jira: FakeJira, overtake: () => Promise<void>): void {
  const original = jira.loadRequests.bind(jira);
  let done = false;
  jira.loadRequests = async (facts, rule) => {
    const out = await original(facts, rule);
    if (!done) {
      done = true;
      await overtake();
    }
    return out;
  };
}

describe('stale overwrites', () => {
  it('drops a result computed on an older configuration when the newer job has already written', async () => {
    const { configs, v1, jira, deps } = await setup();
    await configs.save({ scope: 'default', config: altec('120m'), baseVersion: 1, savedBy: 'a', nowMs: NOW });
    const v2 = await configs.active();
    const before = jira.issues.get('1')!.facts;
    // The old chunk (v1) reads, the new job (v2) runs to the end meanwhile, then the old one writes.
    overtakeDuringRead(jira, async () => {
      await recomputeBatch(deps, v2, [jira.issues.get('1')!.facts], { nowMs: NOW, after: [] });
    });
    await recomputeBatch(deps, v1, [before], { nowMs: NOW, after: [] });
    const stored = jira.issues.get('1')!.facts.stored!;
    expect(stored.configVersion).toBe(2);
    expect(stored.reactionDue).toBe('2026-03-02T09:00:00Z');
  });

  it('recomputes, instead of storing, a result whose issue changed after it was read', async () => {
    const { v1, jira, deps } = await setup();
    const stale = jira.issues.get('1')!.facts;
    overtakeDuringRead(jira, async () => {
      // An agent resolves the request; the trigger recomputes and writes the resolved state.
      const issue = jira.issues.get('1')!;
      issue.request = { ...issue.request, events: [{ at: NOW + MIN, type: 'status', to: 'Resolved' }] };
      issue.facts = { ...issue.facts, status: { name: 'Resolved', category: 'done' } };
      await recomputeBatch(deps, v1, [issue.facts], { nowMs: NOW + MIN, after: [] });
    });
    await recomputeBatch(deps, v1, [stale], { nowMs: NOW + MIN, after: [] });
    const stored = jira.issues.get('1')!.facts.stored!;
    expect(stored.autoCloseAt).not.toBeNull();
    expect(stored.resolutionDue).toBeNull();
  });
});
