// The emulator's public shapes: its options, the app's handlers it calls, the records it keeps of
// the app's calls, and the Emulator interface itself (implemented in index.ts).
import type { AuditEntry } from './automation';
import type { Db, Meta } from './db';
import type { FaultInjector, FaultOptions } from './faults';
import type { JiraSite, SiteSpec } from './jira';
import type { PrecomputationStore } from './jql-functions';
import type { KvsStore } from './kvs';
import type { AppManifest } from './manifest';
import type { QueueStore } from './queue';
import type { ChoiceValue } from '../../src/shared/choice-value';

export interface Clock {
  now(): number;
}

/**
 * The app's Forge functions by export name (local/app-handlers.ts lists them). Method syntax keeps parameters bivariant, so the
 * app's precisely typed handlers fit without casts.
 */
export interface AppHandlers {
  uiResolver(request: unknown, context: unknown): unknown;
  onIssueEvent(event: unknown, context: unknown): unknown;
  sweep(request: unknown, context: unknown): unknown;
  worker(event: unknown, context: unknown): unknown;
  fieldSuggestions(request: unknown, context: unknown): unknown;
  /** manifest jira:jqlFunction (optional so that handler sets without it still load). */
  jqlFunction?(request: unknown, context: unknown): unknown;
  recomputeSlaAction?(request: unknown, context: unknown): unknown;
  setPackageAction?(request: unknown, context: unknown): unknown;
  setPriorityAction?(request: unknown, context: unknown): unknown;
  agreeDeadlineAction?(request: unknown, context: unknown): unknown;
}

export interface EmulatorOptions {
  /** SQLite file; ':memory:' (the default) keeps nothing after close(). */
  dbPath?: string;
  clock: Clock;
  faults?: FaultOptions;
  /** Defaults to the real handlers the manifest names, loaded on first use. */
  appHandlers?: AppHandlers;
  /** Defaults to manifest.yml in the repository root. */
  manifestPath?: string;
  /** Answer license.active = false to the app (for unlicensed-site tests). */
  licensed?: boolean;
}

export type FieldName = 'package' | 'priority';

export interface ExtensionContext {
  type: string;
  issue?: { id: string; key: string; type?: string; typeId?: string };
  project?: { id: string; key: string; type?: string };
  [k: string]: unknown;
}

export interface CallRecord {
  kind: 'jira' | 'kvs' | 'queue' | 'other';
  method: string;
  /** Route template, e.g. `POST /rest/api/3/search/jql` or `POST /api/v1/get`. */
  route: string;
  path: string;
  provider: string;
  accountId?: string;
  status: number;
  moduleKey?: string;
}

export interface HandlerError {
  handler: keyof AppHandlers;
  message: string;
  at: number;
}

export interface DrainOptions {
  /** Deliver each event twice (true) or with this probability (0..1): consumers must be idempotent. */
  duplicate?: boolean | number;
  /** Deliver delayed and retried events now instead of waiting for the simulated clock. */
  ignoreDelays?: boolean;
  /** Safety cap on deliveries in one drain; default 100 000. */
  maxDeliveries?: number;
}

export interface DrainResult {
  delivered: number;
  retried: number;
  failed: number;
  productEvents: number;
  /** Events still waiting (delayed into the future). */
  pending: number;
}

export interface Emulator {
  readonly clock: Clock;
  readonly manifest: AppManifest;
  readonly jira: JiraSite;
  readonly kvs: KvsStore;
  readonly queue: QueueStore;
  readonly meta: Meta;
  readonly db: Db;
  readonly cloudId: string;
  install(): void;
  uninstall(): void;
  seedSite(spec?: SiteSpec): void;
  actions: {
    /** package/priority: a person's choice as the field stores it ({ id, name }); a bare id is stored as { id }. */
    createIssue(input: { projectKey: string; summary: string; description?: string; reporter: string; package?: string | ChoiceValue; priority?: string | ChoiceValue }): Promise<{ id: string; key: string }>;
    comment(key: string, input: { author: string; body: string; internal?: boolean }): Promise<{ id: string }>;
    transition(key: string, statusName: string, by: string): Promise<void>;
    setField(key: string, field: FieldName, value: string | ChoiceValue | null, by: string): Promise<void>;
  };
  runSweep(): Promise<unknown>;
  /** The platform's clock (rate-limit windows, queue delays): never behind the test's clock. */
  platformNow(): number;
  drainQueue(opts?: DrainOptions): Promise<DrainResult>;
  invokeResolver(functionKey: string, payload: unknown, opts: { accountId: string; extension: ExtensionContext; moduleKey?: string; locale?: string; timezone?: string }): Promise<unknown>;
  /** searchAlias: the object property JQL searches ("Service package".Id → 'Id'), as Forge passes it. */
  fieldSuggestions(moduleKey: string, query: string, accountId?: string, searchAlias?: string | null): Promise<unknown>;
  /** `jql` with the app's JQL functions replaced by their answers (precomputations), as Jira runs it. */
  expandJql(jql: string, accountId?: string): Promise<string>;
  /** Issue keys `jql` finds for this user (the app's JQL functions included), or Jira's error text. */
  searchKeys(jql: string, accountId: string): Promise<{ ok: true; keys: string[] } | { ok: false; error: string }>;
  /** The JQL-function answers Jira keeps (one per function, field, operator and arguments). */
  readonly precomputations: PrecomputationStore;
  /**
   * Runs one of the app's Automation actions as a rule would: `inputs` may hold smart values
   * ({{issue.key}}) rendered for `issueKey`; a missing required input is refused like the rule editor does.
   */
  runAutomationAction(actionKey: string, inputs: Record<string, string>, opts?: { issueKey?: string; actor?: string }): Promise<AuditEntry>;
  /** Every call the app made through the globals since the last resetCalls(). */
  readonly calls: readonly CallRecord[];
  /** Counts by route template, Jira calls only unless `all`. */
  callCounts(all?: boolean): Record<string, number>;
  resetCalls(): void;
  setFaults(opts: FaultOptions | undefined): void;
  /** What `license.active` the app sees (unlicensed-site tests). */
  setLicensed(licensed: boolean): void;
  readonly faults: FaultInjector;
  /** Exceptions thrown by handlers (they never escape to the caller of an action). */
  readonly errors: readonly HandlerError[];
  close(): void;
}
