// The resolver contract shared by the backend (src/entry/resolvers) and the Custom UI apps in static/.
// static/ imports this file with `import type` only, so nothing here may have runtime code
// except plain constants. Instants are ISO-8601 strings with offset (they cross JSON).
// Additions are welcome; renames must update both sides in the same commit.

import type { CustomerAct } from '../domain/report/act';
import type { CalendarImport } from '../domain/calendar/import-result';

export type Locale = 'ru' | 'en';

/** Every resolver answers this envelope; the UI never sees a thrown error. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ResolverError };

export type ErrorCode =
  | 'BAD_REQUEST' // payload failed its zod schema
  | 'INVALID_CONFIG' // config failed validation; `issues` says where
  | 'FORBIDDEN' // caller lacks permission (not an admin, cannot browse the issue)
  | 'NOT_FOUND'
  | 'UNLICENSED'
  | 'NOT_CONFIGURED'
  | 'CONFLICT' // stale version on save
  | 'UPSTREAM' // Jira failed after retries
  | 'INTERNAL';

export interface ResolverError {
  code: ErrorCode;
  message: string;
  /** Field-level problems, path joined with dots/brackets like `goals.resolution["2"]`. */
  issues?: Array<{ path: string; message: string }>;
  /** CONFLICT on save: the version saved in between, and who saved it. */
  conflict?: { version: number; savedBy: string; savedByName?: string; savedAt: string };
}

export type ClockKind = 'reaction' | 'resolution' | 'followUp';
export type ClockState = 'running' | 'atRisk' | 'paused' | 'met' | 'breached';

/** Why a running/paused clock is not counting right now. */
export type PauseReason = 'outsideWorkingHours' | 'customerWait' | null;

export interface ClockView {
  kind: ClockKind;
  state: ClockState;
  goalMinutes: number;
  /** The goal as the admin wrote it, e.g. "24h,5bd". */
  goal: string;
  elapsedMinutes: number;
  remainingMinutes: number;
  /** For running/atRisk/breached: when the goal is (was) reached. Null while paused or when met. */
  due: string | null;
  startedAt: string;
  stoppedAt: string | null;
  pausedSince: string | null;
  pauseReason: PauseReason;
  /** When the clock will count again (next working start, or null if paused by status). */
  resumesAt: string | null;
  /**
   * Working segments ahead of now, so the browser can tick the countdown in working time
   * without calling the backend: [startIso, endIso] pairs covering at least the remaining goal.
   */
  workingSegmentsAhead: Array<[string, string]>;
  /** follow-up only: 1-based index of the latest cycle and how many there were. */
  cycle?: { index: number; count: number };
  /**
   * Optional: a running clock with fewer working minutes left than this is at risk (the config's
   * at-risk threshold applied to this goal), so the browser can turn the lozenge to "at risk"
   * while it ticks. Absent: the UI keeps the server's state until the next refresh.
   */
  atRiskRemainingMinutes?: number;
  /**
   * Present when agreed deadlines changed this clock (issue 15): the regulation's goal and due,
   * the latest agreement's reason, who (account id, display name when known) and when.
   */
  agreement?: {
    originalGoalMinutes: number;
    /** The due the regulation alone gives (null when that clock is stopped or paused). */
    originalDue: string | null;
    count: number;
    lastReason: string;
    lastAt: string;
    lastBy: string | null;
    lastByName?: string | null;
    metAsAgreed: boolean;
  };
}

export interface HistoryEntry {
  at: string;
  clock: ClockKind | 'update' | 'autoClose' | 'request';
  /** started | paused | resumed | stopped | met | breached | goalChanged | resolved | reopened | closed */
  what: string;
  detail?: string;
}

export interface LocalizedText {
  ru: string;
  en: string;
}

export interface PackageView {
  id: string;
  name: LocalizedText;
  channels: string[];
  extras: string[];
  /**
   * Validity (YYYY-MM-DD, inclusive) of the package IN EFFECT for this customer: the customer's own
   * assignment of this package; null/null/false when nothing limits it (e.g. the default package).
   */
  validFrom: string | null;
  validTo: string | null;
  expired: boolean;
  /** True when the customer's own package expired/missing and the default applies. */
  fallback: boolean;
  /**
   * Optional: where the package in effect comes from: the Service package field, the customer's
   * assignment, or the default (the field is not set and no assignment holds). The field itself
   * is empty in the last two cases, so the panel says which package applies and why.
   */
  source?: 'field' | 'customer' | 'default';
  /**
   * Optional: the customer's own package that was not valid when the request came in, so the default
   * one applies (`expired`: it had ended; false: it had not started yet).
   */
  lapsed?: { id: string; name: LocalizedText; validFrom: string | null; validTo: string | null; expired: boolean };
  /**
   * Optional: `channels` and `extras` in both languages (same order); the UI shows the viewer's
   * language from these when present and falls back to the plain strings above.
   */
  channelsLocalized?: LocalizedText[];
  extrasLocalized?: LocalizedText[];
}

export interface PriorityView {
  id: string;
  name: LocalizedText;
  definition: LocalizedText;
  /** Optional: 'default' when the SLA priority field is not set and the configured default applies. */
  source?: 'field' | 'default';
}

/** An engine warning: code (src/domain/sla/warnings.ts WARNING_TEMPLATES, or 'other'), parameters, English text. */
export interface WarningDetail {
  code: string;
  params: Record<string, string>;
  text: string;
}

export interface IssueSlaView {
  issueKey: string;
  configured: boolean;
  licensed: boolean;
  /** `names`: the calendar's name in both languages (optional; `name` is the configured one). */
  calendar: { id: string; timezone: string; name: string; names?: LocalizedText };
  package: PackageView | null;
  priority: PriorityView | null;
  clocks: ClockView[];
  autoClose: { at: string } | null;
  history: HistoryEntry[];
  warnings: string[];
  /**
   * `warnings` again (same order) as data: a stable code and parameters, so the UI says them in the
   * viewer's language; `text` is the English warning, shown for a code it does not know.
   */
  warningDetails: WarningDetail[];
  /** Server's now, so the browser can correct its own clock skew. */
  now: string;
}

/**
 * The customer portal's view of a request (src/app/portal-view.ts parses it with a strict schema):
 * package, due instants in the team's zone, why a clock is paused; nothing internal.
 */
export interface CustomerSlaView {
  issueKey: string;
  configured: boolean;
  package: { id: string; name: LocalizedText } | null;
  timezone: string;
  zoneText: string;
  calendar: LocalizedText;
  clocks: Array<{
    kind: ClockKind;
    state: 'running' | 'paused' | 'met' | 'overdue';
    due: string | null;
    dueText: string | null;
    pausedBecause: 'waitingForYou' | 'outsideWorkingHours' | null;
    resumesAt: string | null;
    resumesText: string | null;
  }>;
  now: string;
}

/** Compact form for the issue-context badge. */
export interface IssueBadgeView {
  label: string;
  state: ClockState | 'none';
  due: string | null;
}

export interface FieldOption {
  id: string;
  name: LocalizedText;
  description?: LocalizedText;
}

export interface ConfigVersionMeta {
  version: number;
  savedAt: string;
  savedBy: string;
  /** Optional: the display name of `savedBy` when Jira gives it (the UI shows the account id otherwise). */
  savedByName?: string;
  comment?: string;
  template?: string;
}

export interface TemplateSummary {
  id: string;
  name: LocalizedText;
  /** The regulation's own title, as written in the seed. */
  regulation: string;
}

export interface RecomputeProgress {
  jobId: string;
  total: number;
  done: number;
  failed: number;
  state: 'queued' | 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  /** Why a failed job failed (e.g. its chunks could not be queued), when known. */
  problem?: string;
}

export interface JiraStatusOption {
  id: string;
  name: string;
  category: 'new' | 'indeterminate' | 'done';
}

export interface CalendarPreview {
  timezone: string;
  years: Array<{
    year: number;
    workingDays: number;
    workingHours: number;
    /** Official totals for a 40-hour week when the year is in the shipped production calendar. */
    official?: { workingDays: number; hours40: number };
  }>;
  /** "a request arriving now is due …" for each configured goal of the first package/priority. */
  sampleDue: Array<{ goal: string; due: string }>;
  warnings: string[];
  /** `warnings` as data (production-calendar gaps), said in the page language. */
  warningDetails: WarningDetail[];
}

/** What importCalendar answers: the parsed production-calendar dates (the domain's import result). */
export type CalendarImportResult = CalendarImport;

export interface QueueRow {
  issueKey: string;
  summary: string;
  status: string;
  package: string | null;
  priority: string | null;
  /** Names of `package` / `priority` from the project's configuration (absent for an unknown id). */
  packageName?: LocalizedText;
  priorityName?: LocalizedText;
  /** `stopped`: a breached clock that already stopped (history); nothing is counting any more. */
  mostUrgent: { kind: ClockKind; state: ClockState; due: string | null; remainingMinutes: number; stopped?: true } | null;
}

/** One clock's numbers in the compliance report (issue 7); the same shape `sla report` prints. */
export interface ReportClockStatsView {
  met: number;
  breached: number;
  running: number;
  atRisk: number;
  paused: number;
  /** met ÷ (met + breached) × 100, null when nothing is judged yet. */
  metPercent: number | null;
  /** Of `met`, met only thanks to an agreed deadline (issue 15); absent = none. */
  metAsAgreed?: number;
  /** Clocks an agreed deadline moved; absent = none. */
  extended?: number;
  /** Over the elapsed working minutes of stopped clocks (linear interpolation). */
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface ReportGroupView {
  requests: number;
  clocks: Record<ClockKind, ReportClockStatsView>;
  /** Working minutes spent waiting for the customer. */
  pausedMinutes: number;
  pausedRequests: number;
  followUpCycles: number;
  /** Answers to customers, and the support time accounted for them under the regulation's minimum per answer. */
  answers: number;
  accountedMinutes: number;
}

export interface ReportView {
  /** The period, half-open [from, to), on the requests' creation instant. */
  from: string;
  to: string;
  now: string;
  timezone: string;
  /** The projects in the report: those asked for that the viewer may browse. */
  projects: Array<{ key: string; name: string }>;
  total: ReportGroupView;
  byPackage: Record<string, ReportGroupView>;
  byPriority: Record<string, ReportGroupView>;
  byCustomer: Record<string, ReportGroupView>;
  byAgent: Record<string, ReportGroupView>;
  byMonth: Record<string, ReportGroupView>;
  /** Display names of package and priority ids. */
  names: { package: Record<string, LocalizedText>; priority: Record<string, LocalizedText> };
  /**
   * The rows behind the numbers, for drill-down and charts in the browser: the packed storage form
   * (read with `unpackReportRow` from src/domain/report; instants there are epoch ms to stay small).
   * Up to a limit; `rowsTruncated` says when the numbers cover more rows than are listed.
   */
  rows: unknown[];
  rowsTruncated: boolean;
  /** Stored rows that could not be read (skipped; the next recompute rewrites them). */
  invalidRows: number;
}

/**
 * Configurations are stored per scope: 'default' (applies to every project without its own) or a
 * Jira project key. Admin resolvers take an optional scope; absent means 'default'.
 */
export interface ScopeReq {
  scope?: string;
}
export interface ScopeSummary {
  scope: string;
  projectName?: string;
  template?: string;
  version: number | null;
}

/** Resolver names; the UI calls `invoke(name, payload)`. */
export const RESOLVERS = {
  getIssueSla: 'getIssueSla',
  getIssueBadge: 'getIssueBadge',
  getFieldOptions: 'getFieldOptions',
  getAdminState: 'getAdminState',
  validateConfig: 'validateConfig',
  saveConfig: 'saveConfig',
  applyTemplate: 'applyTemplate',
  listVersions: 'listVersions',
  restoreVersion: 'restoreVersion',
  getRecomputeProgress: 'getRecomputeProgress',
  previewCalendar: 'previewCalendar',
  importCalendar: 'importCalendar',
  listJiraStatuses: 'listJiraStatuses',
  getQueue: 'getQueue',
  getReport: 'getReport',
  getCustomerAct: 'getCustomerAct',
  previewImpact: 'previewImpact',
  getPortalSla: 'getPortalSla',
  agreeDeadline: 'agreeDeadline',
} as const;
export type ResolverName = keyof typeof RESOLVERS;

/** One refused action: when (ISO), the request, the action key, Jira's status and message. */
export interface ActionLogView {
  at: string;
  issueKey: string;
  action: string;
  status: number;
  message: string;
}

/** Payloads (validated by zod on the backend) and responses, per resolver. */
export interface ResolverMap {
  getIssueSla: { req: { issueKey?: string }; res: IssueSlaView };
  getIssueBadge: { req: { issueKey?: string }; res: IssueBadgeView };
  getFieldOptions: { req: { field: 'package' | 'priority' }; res: FieldOption[] };
  getAdminState: {
    req: ScopeReq;
    res: {
      scope: string;
      /** Every configured scope: 'default' (site-wide) and projects with their own configuration. */
      scopes: ScopeSummary[];
      projects: Array<{ key: string; name: string }>;
      /** The current config as JSON (the `SlaConfig` schema), or null before the first save. */
      config: unknown | null;
      version: number | null;
      templates: TemplateSummary[];
      progress: RecomputeProgress | null;
      statuses: JiraStatusOption[];
      /** Actions Jira refused for good (4xx), newest first; they are not retried. Absent = none. */
      actionLog?: ActionLogView[];
    };
  };
  validateConfig: { req: ScopeReq & { config: unknown }; res: { valid: boolean; issues: Array<{ path: string; message: string }> } };
  saveConfig: { req: ScopeReq & { config: unknown; baseVersion: number | null; comment?: string }; res: { version: number; progress: RecomputeProgress } };
  applyTemplate: { req: ScopeReq & { templateId: string }; res: { config: unknown } };
  listVersions: { req: ScopeReq; res: ConfigVersionMeta[] };
  restoreVersion: { req: ScopeReq & { version: number }; res: { version: number; progress: RecomputeProgress } };
  getRecomputeProgress: { req: { jobId?: string }; res: RecomputeProgress | null };
  /** `goals`: goal strings for the "a request arriving now is due …" lines (the backend picks samples when absent). */
  previewCalendar: { req: { calendar: unknown; years?: number[]; goals?: string[] }; res: CalendarPreview };
  importCalendar: { req: { format: 'xml' | 'csv' | 'ics'; text: string }; res: CalendarImportResult };
  listJiraStatuses: { req: Record<string, never>; res: JiraStatusOption[] };
  getQueue: { req: { projectKey?: string }; res: QueueRow[] };
  /** A period as `from` + `to`, or the `lastDays` before the server's now (the gadget: the local host's clock is simulated). */
  getReport: { req: { from?: string; to?: string; lastDays?: number; projectKey?: string; groupBy?: 'package' | 'priority' | 'customer' | 'agent' | 'month' }; res: ReportView };
  getCustomerAct: { req: { month: string; customer?: string; projectKey?: string }; res: CustomerActView };
  previewImpact: { req: ScopeReq & { config: unknown }; res: ImpactView };
  getPortalSla: { req: { issueKey?: string; locale?: Locale }; res: CustomerSlaView };
  /** An agent extends a clock by working time (`extend`, like "4h") or sets an agreed due (ISO); one of the two. */
  agreeDeadline: { req: { issueKey?: string; clock: 'reaction' | 'resolution'; extend?: string; due?: string; reason: string }; res: IssueSlaView };
}

/** The customer act (issue 15) of one customer and month, with the pickers' choices and names. */
export interface CustomerActView {
  month: string;
  timezone: string;
  regulation: LocalizedText;
  /** Customers with requests in the month, for the picker. */
  customers: string[];
  /** null when the month has no requests of any customer. */
  act: CustomerAct | null;
  asOf: string | null;
  names: { package: Record<string, LocalizedText>; priority: Record<string, LocalizedText> };
}

/**
 * A Custom UI invoke carries at most 500 KB. The calendar file travels JSON-encoded inside it, so
 * the cap is on the bytes of that encoding (UTF-8, escapes included), with room for the envelope.
 */
export const CALENDAR_IMPORT_MAX_BYTES = 480_000;

/** Bytes `text` takes inside an invoke payload (JSON string, UTF-8). */
export function invokeTextBytes(text: string): number {
  return new TextEncoder().encode(JSON.stringify(text)).length;
}

/** What saving a draft would change for the scope's open requests (counts over the requests read). */
export interface ImpactView {
  checked: number;
  limit: number;
  /** True when the scope has more open requests than were read. */
  truncated: boolean;
  /** Running clocks whose due instant moves. */
  newDue: number;
  becomeAtRisk: number;
  becomeBreached: number;
  rows: Array<{ issueKey: string; clock: 'reaction' | 'resolution'; oldDue: string | null; newDue: string | null; oldState: ClockState | null; newState: ClockState }>;
}
