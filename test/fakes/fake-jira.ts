// A small in-memory JiraPort for use-case tests: issues with a status and a fixed history,
// counting what the use cases ask of Jira. Awaits a tick on every call so concurrent runs
// interleave the way they do against a real network.

import type { AgentRule, SlaRequest } from '../../src/domain/sla/types';
import type { ComputedWrite, IssueFacts, JiraPort, NotifyMessage, Page, StatusCategory, TransitionOutcome, WriteStats } from '../../src/app/ports';
import { emptyFields } from '../../src/app/stored-sla';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface FakeIssue {
  facts: IssueFacts;
  request: SlaRequest;
}

export class FakeJira implements JiraPort {
  readonly issues = new Map<string, FakeIssue>();
  readonly counts: Record<string, number> = {};
  readonly transitions: Array<{ issueId: string; to: string }> = [];
  readonly comments: Array<{ issueId: string; text: string; internal?: boolean }> = [];
  readonly notifications: Array<{ issueId: string; message: NotifyMessage }> = [];
  readonly labels: Array<{ issueId: string; label: string }> = [];
  /** Calls of notify/addLabel/addComment that fail (once each) before any succeeds. */
  failNext = 0;
  readonly writes: ComputedWrite[] = [];
  dueIds: string[] = [];

  private count(name: string): void {
    this.counts[name] = (this.counts[name] ?? 0) + 1;
  }

  add(id: string, request: SlaRequest, status: { name: string; category: StatusCategory }): void {
    this.issues.set(id, {
      request,
      facts: {
        id,
        key: `SUP-${id}`,
        projectKey: 'SUP',
        summary: 'x',
        status,
        createdMs: request.created,
        reporter: { accountId: 'cust', emailDomain: null, organization: null },
        assignee: null,
        packageId: request.package ?? null,
        priorityId: request.priority ?? null,
        stored: null,
        written: emptyFields,
      },
    });
  }

  async findDue(): Promise<Page<IssueFacts>> {
    this.count('findDue');
    await tick();
    return { items: this.dueIds.map((id) => this.issues.get(id)!.facts), nextPageToken: null };
  }
  /** Issues listed in `updatedIds` (tests set it), as Jira's `updated >= -Nm` would find them. */
  updatedIds: string[] = [];
  async findUpdatedSince(): Promise<Page<IssueFacts>> {
    this.count('findUpdatedSince');
    await tick();
    return { items: this.updatedIds.map((id) => this.issues.get(id)!.facts), nextPageToken: null };
  }
  async findOpenIds(): Promise<Page<string>> {
    this.count('findOpenIds');
    return { items: [...this.issues.keys()], nextPageToken: null };
  }
  async loadFacts(ids: readonly string[]): Promise<IssueFacts[]> {
    this.count('loadFacts');
    await tick();
    return ids.map((id) => this.issues.get(id)?.facts).filter((f): f is IssueFacts => f !== undefined);
  }
  async findOpenInProject(): Promise<IssueFacts[]> {
    return [...this.issues.values()].map((i) => i.facts);
  }
  async loadRequests(facts: readonly IssueFacts[], _rule: (p: string) => AgentRule): Promise<Map<string, SlaRequest>> {
    this.count('loadRequests');
    await tick();
    return new Map(facts.map((f) => [f.id, this.issues.get(f.id)!.request]));
  }
  async writeComputed(writes: readonly ComputedWrite[]): Promise<WriteStats> {
    this.count('writeComputed');
    await tick();
    this.writes.push(...writes);
    for (const w of writes) {
      const issue = this.issues.get(w.facts.id);
      if (issue) issue.facts = { ...issue.facts, stored: w.stored, written: w.fields };
    }
    return { fieldWrites: writes.length > 0 ? 1 : 0, propertyWrites: writes.length > 0 ? 1 : 0 };
  }
  async currentStatus(issueId: string) {
    return this.issues.get(issueId)?.facts.status ?? null;
  }
  async transitionTo(issueId: string, names: readonly string[]): Promise<TransitionOutcome> {
    this.count('transitionTo');
    await tick();
    const issue = this.issues.get(issueId)!;
    if (names.includes(issue.facts.status.name)) return 'alreadyThere';
    await tick();
    // Unlike Jira, this fake would happily transition twice: only the app's lock prevents it.
    this.transitions.push({ issueId, to: names[0]! });
    issue.facts = { ...issue.facts, status: { name: names[0]!, category: 'done' } };
    return 'transitioned';
  }
  private maybeFail(): void {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('Jira is unavailable (fake)');
    }
  }
  async addComment(issueId: string, text: string, opts: { internal?: boolean } = {}): Promise<void> {
    this.maybeFail();
    this.comments.push({ issueId, text, ...(opts.internal ? { internal: true } : {}) });
  }
  async notify(issueId: string, message: NotifyMessage): Promise<void> {
    await tick();
    this.maybeFail();
    this.notifications.push({ issueId, message });
  }
  async addLabel(issueId: string, label: string): Promise<void> {
    await tick();
    this.maybeFail();
    this.labels.push({ issueId, label });
  }
  readonly edits: Array<{ issueId: string; change: { assigneeAccountId?: string; priorityName?: string } }> = [];
  async editIssue(issueId: string, change: { assigneeAccountId?: string; priorityName?: string }): Promise<void> {
    await tick();
    this.maybeFail();
    this.edits.push({ issueId, change: { ...change } });
  }
  async userLocale() {
    return 'ru' as const;
  }
  async listStatuses() {
    return [];
  }
  async listProjects() {
    return [{ key: 'SUP', name: 'Support' }];
  }
  async isJiraAdmin() {
    return true;
  }
  async isProjectAdmin() {
    return true;
  }
  async canEditIssue() {
    return true;
  }
  async canBrowseProject() {
    return true;
  }
  async browsableProjects(_accountId: string, keys: readonly string[]) {
    return new Set(keys);
  }
  async visibleRequests(rows: readonly { key: string }[]) {
    return new Set(rows.map((r) => r.key));
  }
  async userDisplayName() {
    return null;
  }
}
