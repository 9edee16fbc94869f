// recomputeBatch runs its after-compute steps as a list: each step over the whole batch before the
// next, a failing step logged without stopping the others, and what the steps changed in the
// property written in one second call.
import type { AfterComputeStep } from '../../../src/app/computed';
import { ConfigStore } from '../../../src/app/config-store';
import { recomputeBatch } from '../../../src/app/recompute-issue';
import type { SlaConfig } from '../../../src/domain/sla/types';
import { TEMPLATES } from '../../../src/domain/templates';
import { FakeJira } from '../../fakes/fake-jira';
import { MemoryStore } from '../../fakes/memory-store';

const NOW = Date.parse('2026-03-02T07:00:00Z');

async function setup() {
  const store = new MemoryStore();
  const configs = new ConfigStore(store);
  await configs.save({ scope: 'default', config: TEMPLATES.altec as unknown as SlaConfig, baseVersion: null, savedBy: 'a', nowMs: NOW });
  const jira = new FakeJira();
  for (const id of ['1', '2']) jira.add(id, { key: `SUP-${id}`, created: NOW, priority: '3', events: [] }, { name: 'Open', category: 'new' });
  const warnings: Array<{ message: string; data: unknown }> = [];
  const log = { info() {}, error() {}, warn: (message: string, data?: unknown) => warnings.push({ message, data }) };
  return { jira, store, configs: await configs.active(), warnings, deps: { jira, store, log } };
}

describe('after-compute steps', () => {
  it('run in order, each over the whole batch, and a failure of one request does not stop the rest', async () => {
    const { jira, configs, warnings, deps } = await setup();
    const seen: string[] = [];
    const first: AfterComputeStep = {
      failure: 'first failed',
      async run(c) {
        seen.push(`first:${c.facts.id}`);
        if (c.facts.id === '1') throw new Error('boom');
      },
    };
    const second: AfterComputeStep = {
      failure: 'second failed',
      async run(c) {
        seen.push(`second:${c.facts.id}`);
        c.stored = { ...c.stored, acknowledged: true };
      },
    };
    const facts = ['1', '2'].map((id) => jira.issues.get(id)!.facts);
    const result = await recomputeBatch(deps, configs, facts, { nowMs: NOW, after: [first, second] });
    expect(seen).toEqual(['first:1', 'first:2', 'second:1', 'second:2']);
    expect(warnings).toEqual([{ message: 'first failed', data: { issue: 'SUP-1', message: 'boom' } }]);
    // The flag a step set is reported and stored by the second write.
    expect(result.acknowledged).toEqual(['1', '2']);
    expect(jira.counts.writeComputed).toBe(2);
    expect(jira.issues.get('2')!.facts.stored?.acknowledged).toBe(true);
  });

  it('none: one write, nothing acknowledged', async () => {
    const { jira, configs, deps } = await setup();
    const result = await recomputeBatch(deps, configs, [jira.issues.get('1')!.facts], { nowMs: NOW, after: [] });
    expect(result.acknowledged).toEqual([]);
    expect(jira.counts.writeComputed).toBe(1);
  });
});
