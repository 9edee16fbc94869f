// The emulated Jira site's data model: what is stored (issues, users, projects, statuses, the
// app's fields), the constants of the demo site, and the helpers every resource shares (dates,
// ADF, errors, page tokens).
import type { ManifestField } from '../manifest';

/** Another environment of the same app on this site (its fields collide by module key). */
export const OTHER_ENV_ID = 'other-env';

export type Role = 'admin' | 'agent' | 'customer';
export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface SiteUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
  /** Jira's form, e.g. ru_RU, en_US. */
  locale: string;
  timeZone: string;
  role: Role;
  /** The JSM customer organization this customer belongs to: a request they raise carries it in the Organizations field. */
  organization?: string;
  /** Project keys this user administers (ADMINISTER_PROJECTS) without being a Jira administrator. */
  adminOf?: string[];
  /** An agent whose project permissions cover only these projects (every project when absent). */
  projects?: string[];
}

export interface SiteProject {
  id: string;
  key: string;
  name: string;
  /** Which Reglament template the demo configures for it (informational). */
  template?: string;
  /** Jira's project type; absent = a JSM service project (the demo's). */
  projectTypeKey?: 'service_desk' | 'software' | 'business';
  /** Fields left off the issue edit screen (Jira answers 400 to setting them, editmeta omits them). */
  offEditScreen?: string[];
}

export interface SiteStatus {
  id: string;
  name: string;
  category: StatusCategoryKey;
}

export interface SiteField {
  id: string;
  /** `<appUuid>__DEVELOPMENT__<moduleKey>`, accepted wherever a field id is. */
  key: string;
  name: string;
  moduleKey: string;
  type: ManifestField['type'];
  readOnly: boolean;
  properties: ManifestField['properties'];
}

export interface SiteSpec {
  cloudId?: string;
  siteUrl?: string;
  projects?: Array<{ key: string; name: string; template?: string }>;
  users?: SiteUser[];
  statuses?: SiteStatus[];
}

export interface CommentDoc {
  id: string;
  author: string;
  /** Atlassian Document Format. */
  body: unknown;
  created: number;
  updated: number;
  jsdPublic: boolean;
}

export interface ChangeItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface HistoryDoc {
  id: string;
  author: string;
  created: number;
  items: ChangeItem[];
}

export interface IssueDoc {
  id: number;
  key: string;
  projectKey: string;
  summary: string;
  description: unknown;
  statusId: string;
  reporter: string;
  creator: string;
  assignee: string | null;
  priorityId: string;
  created: number;
  updated: number;
  resolutionDate: number | null;
  statusCategoryChangeDate: number;
  custom: Record<string, unknown>;
  comments: CommentDoc[];
  histories: HistoryDoc[];
  properties: Record<string, unknown>;
  /** Absent on issues stored before labels/watchers were emulated. */
  labels?: string[];
  watchers?: string[];
  /**
   * Issue security level: when set, only these accounts (the level's members, however Jira granted
   * it: users, groups, roles, reporter) may see or act on the issue; the app (its own user is given
   * the level, as admins set up for apps that must read every request) still sees it.
   */
  security?: { id: string; name: string; members: string[] };
}

/** One call of POST /rest/api/3/issue/{key}/notify, with the accounts Jira would e-mail. */
export interface SentNotification {
  issueKey: string;
  at: number;
  subject: string;
  textBody: string;
  htmlBody: string;
  to: Record<string, unknown>;
  recipients: string[];
}

/** Who makes a REST call: the app itself (asApp) or a user (asUser). */
export type Principal = { kind: 'app' } | { kind: 'user'; accountId: string };

export interface RestReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A change to Jira data that a product event may report to the app. */
export interface ProductEvent {
  eventType: 'avi:jira:created:issue' | 'avi:jira:updated:issue' | 'avi:jira:commented:issue';
  issueId: number;
  actor: string;
  /** True when the app itself caused the change (REST call from a handler). */
  selfGenerated: boolean;
  changelog?: HistoryDoc;
  comment?: CommentDoc;
  associatedStatuses?: [string, string];
}

export const APP_ACCOUNT_ID = '557058:reglament-app';

export const BASE_URL_DEFAULT = 'https://reglament-local.atlassian.net';

export const DEFAULT_STATUSES: SiteStatus[] = [
  { id: '1', name: 'Open', category: 'new' },
  { id: '3', name: 'In Progress', category: 'indeterminate' },
  { id: '10001', name: 'Waiting for customer', category: 'indeterminate' },
  { id: '5', name: 'Resolved', category: 'done' },
  { id: '6', name: 'Closed', category: 'done' },
];

export const CATEGORY = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
} as const;

export const PRIORITIES = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
];

export const ISSUE_TYPE = { id: '10100', name: 'Support request', description: 'A request from a customer', subtask: false, hierarchyLevel: 0 };

export const PROJECT_PERMISSIONS = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'TRANSITION_ISSUES',
  'ADD_COMMENTS',
  'ASSIGN_ISSUES',
  'ASSIGNABLE_USER',
  'RESOLVE_ISSUES',
  'CLOSE_ISSUES',
  'SERVICEDESK_AGENT',
  'ADMINISTER_PROJECTS',
] as const;
export const GLOBAL_PERMISSIONS = ['ADMINISTER', 'SYSTEM_ADMIN', 'USER_PICKER', 'BROWSE_USERS'] as const;
/** What a JSM customer may do on the requests they raised. */
export const CUSTOMER_ISSUE_PERMISSIONS = new Set(['BROWSE_PROJECTS', 'ADD_COMMENTS', 'CREATE_ISSUES']);

export function jiraDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function textToAdf(text: string): unknown {
  return {
    type: 'doc',
    version: 1,
    content: text.split(/\n{2,}/).map((p) => ({ type: 'paragraph', content: p.length > 0 ? [{ type: 'text', text: p }] : [] })),
  };
}

export function adfToText(adf: unknown): string {
  if (typeof adf === 'string') return adf;
  const parts: string[] = [];
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    const node = n as { type?: string; text?: string; content?: unknown[] };
    if (node.type === 'text' && typeof node.text === 'string') parts.push(node.text);
    if (node.type === 'hardBreak') parts.push('\n');
    node.content?.forEach(walk);
    if (node.type === 'paragraph') parts.push('\n\n');
  };
  walk(adf);
  return parts.join('').trim();
}

/** JSM's Organizations field id on the emulated site (a JSM site's is customfield_10002 unless renumbered). */
export const ORGANIZATIONS_FIELD_ID = 'customfield_10002';

export class RestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function bad(message: string, errors: Record<string, string> = {}): never {
  throw new RestError(400, message, errors);
}

export function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

export function decodeToken(token: string | undefined | null): number {
  if (!token) return 0;
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString()) as { o?: unknown };
    if (typeof v.o === 'number' && v.o >= 0) return v.o;
  } catch {
    /* falls through to the error below */
  }
  bad('The provided next page token is invalid or expired.');
}

export function getPath(obj: unknown, path: string[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}


/** The site's groups; members come from roles, so an agent rule by group ("support-agents") works on the demo site. */
export const KNOWN_GROUPS = ['jira-administrators', 'support-agents'];

export function groupsOf(role: Role): string[] {
  if (role === 'admin') return ['jira-administrators', 'support-agents'];
  if (role === 'agent') return ['support-agents'];
  return [];
}

export function transitionName(s: SiteStatus): string {
  switch (s.name) {
    case 'Open':
      return 'Reopen';
    case 'In Progress':
      return 'Start progress';
    case 'Waiting for customer':
      return 'Wait for customer';
    case 'Resolved':
      return 'Resolve';
    case 'Closed':
      return 'Close';
    default:
      return s.name;
  }
}

export function toMs(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
}

export function toStr(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : String(v);
}


export const DEFAULT_USERS: SiteUser[] = [
  { accountId: '557058:admin-anna', displayName: 'Анна Админова', emailAddress: 'anna.admin@reglament.example', locale: 'ru_RU', timeZone: 'Europe/Moscow', role: 'admin' },
  { accountId: '557058:agent-ivan', displayName: 'Иван Петров', emailAddress: 'ivan.petrov@reglament.example', locale: 'ru_RU', timeZone: 'Europe/Moscow', role: 'agent' },
  { accountId: '557058:agent-maria', displayName: 'Maria Smirnova', emailAddress: 'maria.smirnova@reglament.example', locale: 'en_US', timeZone: 'Europe/Moscow', role: 'agent' },
  { accountId: 'qm:customer-romashka', displayName: 'Ольга Ромашкина (ООО «Ромашка»)', emailAddress: 'olga@romashka.example', locale: 'ru_RU', timeZone: 'Europe/Moscow', role: 'customer', organization: 'ООО «Ромашка»' },
  { accountId: 'qm:customer-vektor', displayName: 'Павел Векторов (АО «Вектор»)', emailAddress: 'pavel@vektor.example', locale: 'ru_RU', timeZone: 'Asia/Yekaterinburg', role: 'customer', organization: 'АО «Вектор»' },
  { accountId: 'qm:customer-north', displayName: 'John North (North Ltd)', emailAddress: 'john@north.example', locale: 'en_US', timeZone: 'Europe/London', role: 'customer', organization: 'North Ltd' },
  // A support lead who administers SUP (project settings) but not the Jira site.
  { accountId: '557058:lead-olga', displayName: 'Ольга Лидова', emailAddress: 'olga.lead@reglament.example', locale: 'ru_RU', timeZone: 'Europe/Moscow', role: 'agent', adminOf: ['SUP'] },
];