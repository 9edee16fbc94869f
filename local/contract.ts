// The contract between the local host's server (local/server.ts) and its page (local/page/*):
// every /__local/* endpoint with the request the server parses (zod, since the page's input is
// untrusted) and the response it returns. The server's handlers are typed by it and the page
// imports its types, so neither side redeclares the other's shapes. Self-contained on purpose
// (zod only): the page is type-checked with DOM types and no Node, and imports this file by type
// alone (erased when the server transpiles the page).
import { z } from 'zod/v3';

// ------------------------------------------------------------------ requests

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const invokeRequestSchema = z.object({
  functionKey: z.string().min(1),
  payload: z.unknown().optional(),
  context: z.object({
    accountId: z.string().min(1),
    moduleKey: z.string().min(1),
    extension: z.object({ type: z.string() }).passthrough(),
    locale: z.string().optional(),
    timezone: z.string().optional(),
  }),
});

/** A human action on the site as a user of it (`as`): raise, comment, transition, edit a field. */
export const actionRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('create'), as: z.string(), projectKey: z.string(), summary: z.string().trim().min(1).max(255), description: z.string().max(5000).optional(), package: z.string().optional(), priority: z.string().optional() }),
  z.object({ kind: z.literal('comment'), as: z.string(), key: z.string(), body: z.string().trim().min(1).max(5000), internal: z.boolean().optional() }),
  z.object({ kind: z.literal('transition'), as: z.string(), key: z.string(), status: z.string() }),
  z.object({
    kind: z.literal('setField'),
    as: z.string(),
    key: z.string(),
    field: z.enum(['package', 'priority']),
    // What the field editor submits ({ id, name }); Jira checks it against the field's schema.
    value: z.union([z.string(), z.object({ id: z.string(), name: z.string().optional() }).strict()]).nullable(),
  }),
]);

export const timeRequestSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('workingHour'), projectKey: z.string().optional() }),
  z.object({ op: z.literal('hour') }),
  z.object({ op: z.literal('day') }),
  z.object({ op: z.literal('to'), to: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO date-time') }),
  // A wall-clock time as the page's date picker gives it, read in the user's time zone (the zone
  // the page shows simulated time in), not in the zone of the browser or the server.
  z.object({
    op: z.literal('toLocal'),
    local: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'expected a date and time like 2026-11-23T10:00'),
    timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone like Europe/Moscow'),
  }),
]);

/** null (or rate 0) turns fault injection off. */
export const faultsRequestSchema = z
  .object({ rate: z.number().min(0).max(1), statuses: z.array(z.number().int().min(400).max(599)).optional(), delayMs: z.number().int().min(0).max(10_000).optional() })
  .nullable();

/** The JQL box: a query run as a user, the app's JQL functions replaced by their answers. */
export const jqlRequestSchema = z.object({ jql: z.string().min(1).max(4000), as: z.string().min(1) });

/**
 * The rule runner: one of the app's Automation actions, as a rule step on one issue. `as`: the
 * user of the rule's connection, whom Automation invokes the action as.
 */
export const automationRequestSchema = z.object({ action: z.string().min(1), inputs: z.record(z.string(), z.string()), issueKey: z.string().optional(), as: z.string().optional() });

/** The local dashboard and its Reglament gadget (Jira's dashboard id and dashboard item id). */
export const LOCAL_DASHBOARD = '10000';
export const LOCAL_GADGET = 'local-gadget-1';

/** The gadget edit view's view.submit: Jira stores the value as that gadget's configuration. */
export const gadgetRequestSchema = z.object({ dashboardId: z.literal(LOCAL_DASHBOARD), itemId: z.literal(LOCAL_GADGET), configuration: z.record(z.string(), z.unknown()) });

/** @forge/bridge requestJira from a frame, always as the current user. */
export const jiraRequestSchema = z.object({ accountId: z.string(), restPath: z.string().startsWith('/rest/'), method: z.string().default('GET'), body: z.string().optional() });

export const sweepRequestSchema = z.object({});

// ------------------------------------------------------------------ responses

export type Role = 'admin' | 'agent' | 'customer';

export interface HostUser {
  accountId: string;
  displayName: string;
  role: Role;
  timeZone: string;
  locale: string;
}

export interface HostProject {
  id: string;
  key: string;
  name: string;
  template?: string;
}

export interface QueueRow {
  key: string;
  summary: string;
  status: string;
  statusCategory: string;
  /** The reporter's display name. */
  reporter: string;
  created: number;
  /** The app's overall SLA state field: running, atRisk, paused, met, breached (null before the app computed it). */
  sla: string | null;
  /** The nearest reaction/resolution due the app wrote to the request, epoch ms. */
  due: number | null;
}

export interface IssueView {
  id: string;
  key: string;
  project: { id: string; key: string; name: string; template: string | null };
  summary: string;
  description: string;
  status: { id: string; name: string; category: string };
  reporter: { accountId: string; name: string | null };
  created: number;
  updated: number;
  resolutionDate: number | null;
  /** The app's fields by module key; `names` by locale (ru-RU, en-US) from the manifest. */
  fields: Record<string, { id: string; name: string; names: Record<string, string>; type: string; value: unknown }>;
  comments: Array<{ id: string; author: string | null; authorId: string; body: string; created: number; internal: boolean }>;
  history: Array<{ at: number; author: string | null; items: Array<{ field: string; from: string | null; to: string | null }> }>;
  transitions: Array<{ id: string; to: string; category: string }>;
}

/** A UI module of the manifest and the static app folder that serves it. */
export interface ModuleRef {
  key: string;
  app: string;
}

export interface HostModules {
  issuePanel: ModuleRef;
  issueContext: ModuleRef;
  adminPage: ModuleRef;
  projectPage: ModuleRef;
  fieldEditors: Record<'package' | 'priority', ModuleRef & { fieldId: string | null }>;
  gadget: ModuleRef;
  portal: ModuleRef;
}

export interface AutomationActionInfo {
  key: string;
  /** "English / Русский", as the manifest names it. */
  name: string;
  inputs: Record<string, { title: string; type: string; required: boolean }>;
  /** The static app of its configuration form (manifest `config.resource`), null when it has none. */
  form: string | null;
}

/** The dashboard's gadget and the configuration Jira keeps for it (null until its edit view saved one). */
export interface GadgetInfo {
  dashboardId: typeof LOCAL_DASHBOARD;
  itemId: typeof LOCAL_GADGET;
  configuration: unknown;
}

export interface FaultsInfo {
  rate: number;
  statuses?: number[];
  delayMs?: number;
}

/** GET /__local/state?user&project&issue: everything the page draws. */
export interface HostState {
  ready: boolean;
  preparing: string;
  now: number;
  dataPath: string;
  users: HostUser[];
  user: HostUser | null;
  projects: HostProject[];
  project: string;
  queue: QueueRow[];
  issue: IssueView | null;
  statuses: Array<{ id: string; name: string; category: string }>;
  modules: HostModules;
  /** The rule runner's choice: the manifest's Automation actions and their inputs. */
  automationActions: AutomationActionInfo[];
  gadget: GadgetInfo;
  faults: FaultsInfo | null;
  cloudId: string;
  siteUrl: string;
  appId: string;
  pendingEvents: number;
}

export interface TimeResponse {
  from: number;
  to: number;
  sweeps: number;
  delivered: number;
  /** For "+1 working hour": the calendar it was counted in. */
  calendar?: string;
  calendarNames?: { ru: string; en: string };
}

export type AutomationAudit = { status: 'SUCCESS'; action: string; output: unknown } | { status: 'FAILURE'; action: string; messages: string[] };

export type JqlResponse = { ok: true; keys: string[]; expanded: string | null } | { ok: false; error: string };

/** What the bridge's requestJira resolves to, before the shim makes it a Response. */
export interface JiraResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

/** Every non-2xx answer; `code` and `params` let the page say it in the user's language. */
export interface ErrorBody {
  error: string;
  code?: string;
  params?: Record<string, string | number>;
}

/** The POST endpoints: what each takes (as the page sends it) and what it answers. */
export interface LocalPostApi {
  /** A resolver invocation from a frame (what the resolver returned). */
  '/__local/invoke': { request: z.input<typeof invokeRequestSchema>; response: unknown };
  /** `result`: the created issue's key for `create`. */
  '/__local/action': { request: z.input<typeof actionRequestSchema>; response: { ok: true; result: { key?: string } | null } };
  '/__local/time': { request: z.input<typeof timeRequestSchema>; response: TimeResponse };
  '/__local/jql': { request: z.input<typeof jqlRequestSchema>; response: JqlResponse };
  '/__local/automation': { request: z.input<typeof automationRequestSchema>; response: AutomationAudit };
  /** `result`: the sweep handler's summary. */
  '/__local/sweep': { request: z.input<typeof sweepRequestSchema>; response: { result: unknown } };
  '/__local/gadget': { request: z.input<typeof gadgetRequestSchema>; response: { configuration: unknown } };
  '/__local/faults': { request: z.input<typeof faultsRequestSchema>; response: { faults: FaultsInfo | null } };
  '/__local/jira': { request: z.input<typeof jiraRequestSchema>; response: JiraResponse };
}

export type LocalPostPath = keyof LocalPostApi;
export type LocalRequest<P extends LocalPostPath> = LocalPostApi[P]['request'];
export type LocalResponse<P extends LocalPostPath> = LocalPostApi[P]['response'];
