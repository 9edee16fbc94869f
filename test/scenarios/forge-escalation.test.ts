// The escalation ladder (issue 15) through the real handlers on the Jira emulator: Altec priority 1
// (resolution 4 working hours, 09:00–18:00 MSK), created Monday 10:00, never answered. Levels:
// 50 % (12:00) notify the assignee; due (14:00) raise Jira's priority and label; +2 h (16:00) and
// every 2 working hours after (18:00, Tue 11:00) reassign to the lead and write an internal note.
// The sweep runs every 5 minutes for 26 hours, with 20 % of calls failing and half of the failed
// POSTs and PUTs applied before their answer is lost: each step fires exactly once.

import { adfToText } from '../../local/emulator';
import { ADMIN, AGENT, CUSTOMER, HOUR, MINUTE, startSite, type Site } from './forge-harness';

type Json = Record<string, unknown>;

const LADDER = [
  { id: 'half', at: '50%', actions: [{ kind: 'notify', to: { assignee: true } }] },
  { id: 'due', at: 'due', actions: [{ kind: 'priority', jiraPriority: 'Highest' }, { kind: 'label', label: 'sla-escalated' }] },
  { id: 'late', at: '+2h', repeat: '2h', actions: [{ kind: 'reassign', accountId: ADMIN }, { kind: 'comment' }] },
];

async function configure(site: Site): Promise<void> {
  const t = await site.call<{ config: Json }>('applyTemplate', { templateId: 'altec' });
  if (!t.ok) throw new Error(t.error.message);
  // Only the ladder acts: the template's own at-risk/breach actions are switched off.
  const config = { ...t.data.config, actions: { reaction: { atRisk: [], breached: [] }, resolution: { atRisk: [], breached: [] }, followUp: { atRisk: [], breached: [] } }, escalation: { resolution: LADDER } };
  const s = await site.call('saveConfig', { config, baseVersion: null });
  if (!s.ok) throw new Error(`saveConfig: ${s.error.message}`);
  await site.emu.drainQueue({ ignoreDelays: true });
}

interface Seen {
  notifications: string[];
  notes: number;
  labels: string[];
  priority: string;
  assignee: string | null;
}

async function run(faults: boolean): Promise<{ seen: Seen; timeline: Array<[string, string]>; errors: number; injected: number }> {
  const site = await startSite({ configure: false });
  try {
    await configure(site);
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Не проходит оплата', reporter: CUSTOMER, priority: '1' });
    site.emu.jira.issue(key)!.assignee = AGENT;
    // The reaction is answered, so only the resolution climbs its ladder.
    await site.emu.actions.comment(key, { author: AGENT, body: 'Смотрим.' });
    if (faults) site.emu.setFaults({ rate: 0.2, statuses: [500, 502, 504], applied: 0.5, seed: 23 });
    const timeline: Array<[string, string]> = [];
    let last: Seen | null = null;
    for (let t = 0; t < 26 * HOUR; t += 5 * MINUTE) {
      site.advance(5 * MINUTE);
      await site.emu.runSweep();
      const issue = site.emu.jira.issue(key)!;
      const seen: Seen = {
        notifications: site.emu.jira.notifications.filter((n) => n.issueKey === key).map((n) => n.subject),
        notes: issue.comments.filter((c) => c.author !== AGENT && c.author !== CUSTOMER && !c.jsdPublic).length,
        labels: [...(issue.labels ?? [])],
        priority: issue.priorityId,
        assignee: issue.assignee,
      };
      if (last && JSON.stringify(seen) !== JSON.stringify(last)) timeline.push([new Date(site.now()).toISOString(), JSON.stringify(seen)]);
      last = seen;
    }
    site.emu.setFaults(undefined);
    const injected = Object.values(site.emu.faults.injected).reduce((s, n) => s + n, 0);
    const notes = site.emu.jira.issue(key)!.comments.filter((c) => c.author !== AGENT && c.author !== CUSTOMER && !c.jsdPublic).map((c) => adfToText(c.body));
    expect(notes.every((n) => n.includes('нарушен срок'))).toBe(true);
    return { seen: last!, timeline, errors: site.emu.errors.length, injected };
  } finally {
    site.close();
  }
}

describe('escalation ladder on the Jira emulator', () => {
  it('fires each level once at its working-time instant with sweeps every 5 minutes', async () => {
    const { seen, timeline } = await run(false);
    expect(seen).toEqual({ notifications: [expect.stringContaining('срок под угрозой (время решения)')], notes: 3, labels: ['sla-escalated'], priority: '1', assignee: ADMIN });
    // When each change became visible (the sweep at or just after the step's instant, MSK = UTC+3).
    expect(timeline.map(([t]) => t)).toEqual([
      '2026-03-02T09:00:00.000Z', // 12:00 MSK: 50 % → the assignee is told
      '2026-03-02T11:00:00.000Z', // 14:00: due → Highest priority and the label
      '2026-03-02T13:00:00.000Z', // 16:00: +2 h → reassigned to the lead, first note
      '2026-03-02T15:00:00.000Z', // 18:00: first repeat → second note
      '2026-03-03T08:00:00.000Z', // Tue 11:00: second repeat → third note
    ]);
  });

  it('fires each step exactly once when 20 % of calls fail and half the failed writes were applied', async () => {
    const { seen, injected } = await run(true);
    expect(injected).toBeGreaterThan(20);
    expect(seen.notifications).toHaveLength(1);
    expect(seen.notes).toBe(3);
    expect(seen.labels).toEqual(['sla-escalated']);
    expect(seen.priority).toBe('1');
    expect(seen.assignee).toBe(ADMIN);
  });
});
