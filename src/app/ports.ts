// Ports the use cases depend on. Shaped by what the app needs, not by the SDK: the Forge adapters
// (src/adapters/forge) implement them on requestJira / @forge/kvs / @forge/events, tests on fakes.

import type { AgentRule, SlaRequest } from '../domain/sla/types';
import type { JiraStatusOption, Locale } from '../shared/contract';
import type { StoredSla, ComputedFields } from './stored-sla';

export type { Clock } from './clock';

export type StatusCategory = 'new' | 'indeterminate' | 'done';

/** What the app needs to know about one request as Jira has it now. */
export interface IssueFacts {
  readonly id: string;
  readonly key: string;
  readonly projectKey: string;
  /** Jira's project type ('service_desk' = JSM); null when Jira did not say, absent where not modelled. */
  readonly projectTypeKey?: string | null;
  readonly summary: string;
  readonly status: { readonly name: string; readonly category: StatusCategory };
  readonly createdMs: number;
  readonly reporter: {
    readonly accountId: string | null;
    /** Null when Jira hides the reporter's e-mail from the app (most users' privacy settings). */
    readonly emailDomain: string | null;
    /** The request's JSM organizations (names, joined for display); null outside service projects or with none. */
    readonly organization: string | null;
    /** The same organizations one by one; any of them matches a customer. */
    readonly organizations?: readonly string[];
  };
  /** The assignee's display name (reports group by agent), null when unassigned. */
  readonly assignee?: string | null;
  /** The assignee's account, for the language of notifications; null when unassigned. */
  readonly assigneeAccountId?: string | null;
  /** Current values of the Service package / SLA priority fields. */
  readonly packageId: string | null;
  readonly priorityId: string | null;
  /** Comments on the issue, internal notes included (part of the issue's version stamp). */
  readonly commentTotal?: number;
  /** Jira's `updated` instant (the reconciliation pass walks issues by it). */
  readonly updatedMs?: number | null;
  /** Our `reglament-sla` issue property as last written, or null. */
  readonly stored: StoredSla | null;
  /** Current values of the computed fields, so writes happen only when something differs. */
  readonly written: ComputedFields;
}

/** Which open requests a full recompute visits. */
export interface OpenScope {
  /** null = every project. */
  readonly projectKeys: readonly string[] | null;
  /** Statuses in the Done category that still matter (Resolved, awaiting auto-close). */
  readonly alsoStatuses: readonly string[];
}

export interface Page<T> {
  readonly items: T[];
  readonly nextPageToken: string | null;
}

/** One issue's computed values to store; the adapter writes only what differs from `facts`. */
export interface ComputedWrite {
  readonly facts: IssueFacts;
  readonly fields: ComputedFields;
  readonly stored: StoredSla;
}

export interface WriteStats {
  fieldWrites: number;
  propertyWrites: number;
}

export type TransitionOutcome = 'transitioned' | 'alreadyThere' | 'unavailable';

// Jira, by the role a use case needs it in. The Forge adapter serves every role (one instance as
// the app, one as the invoking user); a use case names only the roles it calls, so its fakes and
// its contract (test/contract/ports) are no wider than that.

/** Reads requests: the worklists, their facts and their histories. */
export interface RequestSource {
  /** Requests whose next check (the app-only SLA state field's NextCheck, not the property) is at or before now. */
  findDue(pageToken: string | null): Promise<Page<IssueFacts>>;
  /**
   * Requests updated within the last `minutes` (Jira's `updated`), oldest first, in these projects
   * (null = every project): the reconciliation pass's candidates.
   */
  findUpdatedSince(minutes: number, projectKeys: readonly string[] | null, pageToken: string | null): Promise<Page<IssueFacts>>;
  /** Ids of the requests a full recompute must visit. */
  findOpenIds(scope: OpenScope, pageToken: string | null): Promise<Page<string>>;
  /** Facts for these issue ids (or keys); missing/unbrowsable ones are left out. */
  loadFacts(idsOrKeys: readonly string[]): Promise<IssueFacts[]>;
  /** Open requests of a project (queue view), most recently created last. */
  findOpenInProject(projectKey: string, limit: number): Promise<IssueFacts[]>;
  /**
   * The requests' histories as the clocks read them: status, package and priority changes from the
   * changelog, comments classified agent/customer by `agentRuleFor(projectKey)`, internal notes dropped.
   */
  loadRequests(facts: readonly IssueFacts[], agentRuleFor: (projectKey: string) => AgentRule): Promise<Map<string, SlaRequest>>;
}

/** Stores what the clocks computed: the app's fields and the issue property. */
export interface ComputedSink {
  writeComputed(writes: readonly ComputedWrite[]): Promise<WriteStats>;
}

/** What the app does to an issue: close it, comment, e-mail, label, escalate. */
export interface IssueActions {
  currentStatus(issueId: string): Promise<{ name: string; category: StatusCategory } | null>;
  /** Moves the issue to the first of `statusNames` reachable by a transition; no-op when already there. */
  transitionTo(issueId: string, statusNames: readonly string[]): Promise<TransitionOutcome>;
  /** A comment; `internal` makes it a JSM internal note the customer does not see. */
  addComment(issueId: string, text: string, opts?: { internal?: boolean }): Promise<void>;
  /** Jira's notify API: an e-mail from Jira to the issue's assignee / watchers / reporter. */
  notify(issueId: string, message: NotifyMessage): Promise<void>;
  /** Adds a label (no-op in Jira when the issue has it). */
  addLabel(issueId: string, label: string): Promise<void>;
  /** Sets Jira's own fields an escalation changes (assignee, priority by name); refused (4xx) when not on the edit screen. */
  editIssue(issueId: string, change: { readonly assigneeAccountId?: string; readonly priorityName?: string }): Promise<void>;
}

/** People, statuses and projects as the caller sees them. */
export interface Directory {
  userLocale(accountId: string): Promise<Locale | null>;
  listStatuses(): Promise<JiraStatusOption[]>;
  /** The projects the caller may browse. */
  listProjects(): Promise<Array<{ key: string; name: string }>>;
  /** The person's display name, or null when Jira does not show them to the caller. */
  userDisplayName(accountId: string): Promise<string | null>;
}

/** What the invoking user may do (only meaningful on the asUser port). */
export interface UserPermissions {
  /** Whether the invoking user is a Jira administrator. */
  isJiraAdmin(): Promise<boolean>;
  /** Whether the invoking user administers this project (ADMINISTER_PROJECTS). */
  isProjectAdmin(projectKey: string): Promise<boolean>;
  /** Whether the caller may edit this issue (EDIT_ISSUES); false when they cannot see it. */
  canEditIssue(issueIdOrKey: string): Promise<boolean>;
  /**
   * The keys of these requests the invoking user may open (issue security applies), asked of Jira
   * as one key-only search per 100 projects over the requests' creation window (±1 day: JQL dates
   * are in the user's zone). Null when Jira lists more than `limit` issues in that window.
   */
  visibleRequests(rows: readonly VisibleCandidate[], limit: number): Promise<ReadonlySet<string> | null>;
  /** Whether the invoking user may browse this project, or (null) any project (BROWSE_PROJECTS). */
  canBrowseProject(projectKey: string | null): Promise<boolean>;
  /**
   * Which of these projects (keys) the given user may browse, asked by the app of Jira's bulk
   * permission check (apps calling from the server may check any user; only meaningful on the app port).
   */
  browsableProjects(accountId: string, projectKeys: readonly string[]): Promise<ReadonlySet<string>>;
}

/** Every role: what the composition root (src/entry/compose.ts) wires per principal. */
export type JiraPort = RequestSource & ComputedSink & IssueActions & Directory & UserPermissions;

export interface VisibleCandidate {
  readonly key: string;
  readonly project: string;
  readonly createdMs: number;
}

export interface NotifyMessage {
  readonly subject: string;
  readonly textBody: string;
  readonly htmlBody: string;
  readonly to: {
    readonly assignee: boolean;
    readonly watchers: boolean;
    readonly reporter: boolean;
    /** Named people and groups (escalation levels). */
    readonly accountIds?: readonly string[];
    readonly groups?: readonly string[];
  };
}

export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, opts?: { ttlSeconds?: number }): Promise<void>;
  /** Atomic create: false when the key already exists (KVS keyPolicy FAIL_IF_EXISTS). */
  setIfAbsent<T>(key: string, value: T, opts?: { ttlSeconds?: number }): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** All-or-nothing (KVS transaction, ≤ 25 operations). */
  transact(ops: ReadonlyArray<{ set: string; value: unknown } | { delete: string }>): Promise<void>;
  listByPrefix<T>(prefix: string): Promise<Array<{ key: string; value: T }>>;
  /**
   * Values of up to 25 keys in one request (KVS batchGet): absent keys are left out. Optional:
   * callers fall back to one get per key.
   */
  getMany?<T>(keys: readonly string[]): Promise<Array<{ key: string; value: T }>>;
  /** Writes up to 25 values in one request (KVS batchSet, best effort): returns the keys not written. */
  setMany?(entries: ReadonlyArray<{ key: string; value: unknown }>): Promise<string[]>;
}

export interface QueueEvent<T> {
  readonly body: T;
  /** 0–900 (Forge `delayInSeconds`). */
  readonly delaySeconds?: number;
  /** At most `limit` events with this key are processed at once (Forge push `concurrency`). */
  readonly concurrency?: { readonly key: string; readonly limit: number };
}

export interface QueuePort<T> {
  /**
   * Pushes events; the adapter splits into pushes of ≤ 50. Throws QueueRateLimitError when the
   * platform refuses a push for the per-minute event limit (nothing of that push was queued).
   */
  push(events: ReadonlyArray<QueueEvent<T>>): Promise<void>;
}

/** The key-value store refused a request: the installation's read or write units a minute are spent (Forge: 4 000 each). */
export class StoreRateLimitError extends Error {
  constructor(message = 'storage budget exceeded (4 000 read / 4 000 write units a minute per installation)') {
    super(message);
    this.name = 'StoreRateLimitError';
  }
}

/** The queue refused a push: more than the installation's events a minute (Forge: 500). */
export class QueueRateLimitError extends Error {
  constructor(message = 'the queue accepts at most 500 events a minute per installation') {
    super(message);
    this.name = 'QueueRateLimitError';
  }
}

export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
