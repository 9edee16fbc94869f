// A small in-memory JiraPort for use-case tests: issues with a status and a fixed history,
// counting what the use cases ask of Jira. Awaits a tick on every call so concurrent runs
// interleave the way they do against a real network. It answers as the Forge adapter on the
// emulator's default site does (same people, statuses, project): test/contract/ports holds it to that.

import type { AgentRule, SlaRequest } from '../../src/domain/sla/types';
import type { ComputedWrite, IssueFacts, JiraPort, NotifyMessage, OpenScope, Page, StatusCategory, TransitionOutcome, VisibleCandidate, WriteStats } from '../../src/app/ports';
import { emptyFields, jsonEqual, parseJiraInstant, sameInstant } from '../../src/app/stored-sla';
import { DEFAULT_STATUSES, DEFAULT_USERS } from '../../local/emulator/jira';

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

  /** Jira's clock, for `NextCheck <= now()`; without it only `dueIds` are due. */
  constructor(private readonly opts: { now?: () => number } = {}) {}

  /** The invoking user of an asUser view (null: the app, which may do everything). */
  viewer: string | null = null;
  /** The same site as `accountId` sees it: shares every issue and record, only the permission answers differ. */
  asUser(accountId: string): FakeJira {
    const view = Object.create(this) as FakeJira;
    view.viewer = accountId;
    return view;
  }
  /** An agent moves the issue (the emulator's free workflow): the history gains the status change. */
  move(issueId: string, status: string, at: number): void {
    const issue = this.issues.get(issueId)!;
    issue.facts = { ...issue.facts, status: { name: status, category: categoryOf(status) } };
    issue.request = { ...issue.request, events: [...issue.request.events, { at, type: 'status', to: status }] };
  }
  private byIdOrKey(idOrKey: string): FakeIssue | undefined {
    return this.issues.get(idOrKey) ?? [...this.issues.values()].find((i) => i.facts.key === idOrKey);
  }
  private role(): 'admin' | 'agent' | 'customer' | null {
    if (this.viewer === null) return 'admin';
    return DEFAULT_USERS.find((u) => u.accountId === this.viewer)?.role ?? null;
  }

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

  /** `dueIds` (tests set them, as if an earlier write had) and, with a clock, the issues whose written NextCheck has passed. */
  async findDue(): Promise<Page<IssueFacts>> {
    this.count('findDue');
    await tick();
    const now = this.opts.now?.();
    const ids = new Set(this.dueIds);
    for (const [id, i] of this.issues) {
      const next = i.facts.written.state?.nextCheck;
      if (now !== undefined && next !== undefined && (parseJiraInstant(next) ?? Infinity) <= now) ids.add(id);
    }
    return { items: [...ids].map((id) => this.issues.get(id)!.facts), nextPageToken: null };
  }
  /** Issues listed in `updatedIds` (tests set it), as Jira's `updated >= -Nm` would find them. */
  updatedIds: string[] = [];
  async findUpdatedSince(): Promise<Page<IssueFacts>> {
    this.count('findUpdatedSince');
    await tick();
    return { items: this.updatedIds.map((id) => this.issues.get(id)!.facts), nextPageToken: null };
  }
  async findOpenIds(scope: OpenScope): Promise<Page<string>> {
    this.count('findOpenIds');
    const also = new Set(scope.alsoStatuses.map((s) => s.toLowerCase()));
    const items = [...this.issues.values()]
      .filter((i) => scope.projectKeys === null || scope.projectKeys.includes(i.facts.projectKey))
      .filter((i) => i.facts.status.category !== 'done' || also.has(i.facts.status.name.toLowerCase()))
      .map((i) => i.facts.id);
    return { items, nextPageToken: null };
  }
  async loadFacts(idsOrKeys: readonly string[]): Promise<IssueFacts[]> {
    this.count('loadFacts');
    await tick();
    return idsOrKeys.map((id) => this.byIdOrKey(id)?.facts).filter((f): f is IssueFacts => f !== undefined);
  }
  async findOpenInProject(projectKey: string, limit: number): Promise<IssueFacts[]> {
    return [...this.issues.values()]
      .map((i) => i.facts)
      .filter((f) => f.projectKey === projectKey && f.status.category !== 'done')
      .sort((a, b) => a.createdMs - b.createdMs)
      .slice(0, limit);
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
    // Like the adapter: one bulk call for the fields and one for the properties that differ.
    let fields = false;
    let properties = false;
    for (const w of writes) {
      const before = w.facts.written;
      if (!sameInstant(before.reactionDue, w.fields.reactionDue) || !sameInstant(before.resolutionDue, w.fields.resolutionDue) || !jsonEqual(before.state, w.fields.state)) fields = true;
      if (!jsonEqual(w.facts.stored, w.stored)) properties = true;
      const issue = this.issues.get(w.facts.id);
      if (issue) issue.facts = { ...issue.facts, stored: w.stored, written: w.fields };
    }
    return { fieldWrites: fields ? 1 : 0, propertyWrites: properties ? 1 : 0 };
  }
  async currentStatus(issueId: string) {
    return this.issues.get(issueId)?.facts.status ?? null;
  }
  async transitionTo(issueId: string, names: readonly string[]): Promise<TransitionOutcome> {
    this.count('transitionTo');
    await tick();
    const issue = this.issues.get(issueId);
    if (!issue) return 'unavailable';
    const wanted = names.map((n) => n.toLowerCase());
    if (wanted.includes(issue.facts.status.name.toLowerCase())) return 'alreadyThere';
    await tick();
    // The emulator's free workflow: every status of the site is one transition away.
    const to = DEFAULT_STATUSES.find((s) => wanted.includes(s.name.toLowerCase()));
    if (!to) return 'unavailable';
    // Unlike Jira, this fake would happily transition twice: only the app's lock prevents it.
    this.transitions.push({ issueId, to: to.name });
    issue.facts = { ...issue.facts, status: { name: to.name, category: to.category } };
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
  async userLocale(accountId: string) {
    const locale = DEFAULT_USERS.find((u) => u.accountId === accountId)?.locale;
    return locale === undefined ? null : locale.toLowerCase().startsWith('ru') ? ('ru' as const) : ('en' as const);
  }
  async listStatuses() {
    return DEFAULT_STATUSES.map((s) => ({ id: s.id, name: s.name, category: s.category }));
  }
  async listProjects() {
    return [{ key: 'SUP', name: 'Support' }];
  }
  async isJiraAdmin() {
    return this.role() === 'admin';
  }
  async isProjectAdmin(projectKey: string) {
    if (projectKey !== 'SUP') return false;
    return this.role() === 'admin' || (DEFAULT_USERS.find((u) => u.accountId === this.viewer)?.adminOf ?? []).includes(projectKey);
  }
  async canEditIssue(issueIdOrKey: string) {
    const role = this.role();
    return this.byIdOrKey(issueIdOrKey) !== undefined && (role === 'admin' || role === 'agent');
  }
  async canBrowseProject(projectKey: string | null) {
    return (projectKey === null || projectKey === 'SUP') && this.role() !== null;
  }
  async browsableProjects(accountId: string, keys: readonly string[]) {
    // The fake site has one project, SUP, which every known person may browse.
    return new Set(keys.filter((k) => k === 'SUP' && DEFAULT_USERS.some((u) => u.accountId === accountId)));
  }
  async visibleRequests(rows: readonly VisibleCandidate[]) {
    const keys = new Set([...this.issues.values()].map((i) => i.facts.key));
    return new Set(rows.map((r) => r.key).filter((k) => keys.has(k)));
  }
  async userDisplayName(accountId: string) {
    return DEFAULT_USERS.find((u) => u.accountId === accountId)?.displayName ?? null;
  }
}

function categoryOf(status: string): StatusCategory {
  return DEFAULT_STATUSES.find((s) => s.name === status)?.category ?? 'indeterminate';
}
