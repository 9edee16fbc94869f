import { ConfigStore } from '../../../src/app/config-store';
import { silentLogger } from '../../../src/app/ports';
import { runSweep } from '../../../src/app/sweep';
import { TEMPLATES } from '../../../src/domain/templates';
import { FakeJira } from '../../fakes/fake-jira';
import { MemoryStore } from '../../fakes/memory-store';

const MON_10 = Date.parse('2026-03-02T07:00:00Z');
const DAY = 86_400_000;

async function site() {
  const store = new MemoryStore();
  await new ConfigStore(store).save({ scope: 'default', config: JSON.parse(JSON.stringify(TEMPLATES.altec)), baseVersion: null, savedBy: 'a', nowMs: MON_10 });
  const jira = new FakeJira();
  return { store, jira, deps: { jira, store, log: silentLogger } };
}

describe('runSweep', () => {
  // Two searches: the due requests, and the reconciliation pass's recently updated ones.
  it('makes two searches and nothing else when no request is due and nothing was updated', async () => {
    const { jira, deps } = await site();
    const r = await runSweep(deps, MON_10);
    expect(r.due).toBe(0);
    expect(jira.counts).toEqual({ findDue: 1, findUpdatedSince: 1 });
  });

  it('does nothing at all before any configuration exists', async () => {
    const jira = new FakeJira();
    await runSweep({ jira, store: new MemoryStore(), log: silentLogger }, MON_10);
    expect(jira.counts).toEqual({});
  });

  it('transitions a request due for auto-close exactly once when two sweeps run concurrently', async () => {
    const { jira, deps } = await site();
    jira.add(
      '1',
      {
        key: 'SUP-1',
        created: MON_10,
        priority: '3',
        events: [
          { at: MON_10 + 60_000, type: 'comment', by: 'agent' },
          { at: MON_10 + 120_000, type: 'status', to: 'Resolved' },
        ],
      },
      { name: 'Resolved', category: 'done' },
    );
    jira.dueIds = ['1'];
    const now = MON_10 + 15 * DAY;
    const [a, b] = await Promise.all([runSweep(deps, now), runSweep(deps, now)]);
    expect(jira.transitions).toEqual([{ issueId: '1', to: 'Closed' }]);
    expect(a.autoClosed + b.autoClosed).toBe(1);
    // The sweep that lost the lock left the issue's fields to the winner.
    const last = jira.writes.filter((w) => w.facts.id === '1').at(-1)!;
    expect(last.stored.nextCheckAt).toBeNull();
    expect(last.stored.autoCloseAt).toBeNull();
  });

  it('writes the at-risk state of a request whose next check has passed', async () => {
    const { jira, deps } = await site();
    jira.add('2', { key: 'SUP-2', created: MON_10, priority: '1', events: [] }, { name: 'Open', category: 'new' });
    jira.dueIds = ['2'];
    await runSweep(deps, MON_10 + 23 * 60_000);
    expect(jira.writes.at(-1)?.stored).toEqual(expect.objectContaining({ state: 'atRisk', breached: 'no', nextCheckAt: '2026-03-02T07:30:00Z' }));
  });
});
