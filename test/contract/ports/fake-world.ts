// The port contracts' world on FakeJira (test/fakes/fake-jira.ts): the same accounts, statuses and
// project as the emulator's default site.

import { FakeJira } from '../../fakes/fake-jira';
import { START, type PortWorld } from './world';

export async function fakeJiraWorld(): Promise<PortWorld> {
  let now = START;
  const jira = new FakeJira({ now: () => now });
  let next = 10001;
  const idOf = (key: string) => [...jira.issues.values()].find((i) => i.facts.key === key)!.facts.id;
  return {
    app: jira,
    asUser: (accountId) => jira.asUser(accountId),
    now: () => now,
    advance(ms) {
      now += ms;
    },
    async createRequest(input = {}) {
      const id = String(next++);
      jira.add(id, { key: `SUP-${id}`, created: now, events: [], ...(input.package ? { package: input.package } : {}), ...(input.priority ? { priority: input.priority } : {}) }, { name: 'Open', category: 'new' });
      return { id, key: `SUP-${id}` };
    },
    async moveTo(key, status) {
      jira.move(idOf(key), status, now);
    },
    commentsOf: (key) => jira.comments.filter((c) => c.issueId === idOf(key)).map((c) => ({ text: c.text, internal: c.internal === true })),
    // The fake logs every call; Jira keeps a set of labels.
    labelsOf: (key) => [...new Set(jira.labels.filter((l) => l.issueId === idOf(key)).map((l) => l.label))],
    notificationsOf: (key) => jira.notifications.filter((n) => n.issueId === idOf(key)).length,
    close() {},
  };
}
