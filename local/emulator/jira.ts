// The emulated Jira site: projects, statuses with categories and a free workflow, users with
// permissions, issues with fields (the app's custom fields included), JSM-style public/internal
// comments, changelog and issue properties, persisted in SQLite. `handle()` answers the REST
// routes the app calls with the JSON shapes of the Jira Cloud platform OpenAPI spec (v3).
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Db, Meta } from './db';
import { JIRA_OPERATIONS } from '../../src/adapters/forge/jira-operations';
import { compileJql, JqlError, type FieldAccessor, type FieldRef, type JqlFields } from './jql';
import { appUuid, ENV_ID, type AppManifest, type ManifestField } from './manifest';

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
/** `METHOD /path/{template}` of every operation the emulator answers: exactly those the app calls. */
const SERVED_OPERATIONS: ReadonlySet<string> = new Set(JIRA_OPERATIONS.map(([m, path]) => `${m} ${path}`));
const BASE_URL_DEFAULT = 'https://reglament-local.atlassian.net';

export const DEFAULT_STATUSES: SiteStatus[] = [
  { id: '1', name: 'Open', category: 'new' },
  { id: '3', name: 'In Progress', category: 'indeterminate' },
  { id: '10001', name: 'Waiting for customer', category: 'indeterminate' },
  { id: '5', name: 'Resolved', category: 'done' },
  { id: '6', name: 'Closed', category: 'done' },
];

const CATEGORY = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
} as const;

const PRIORITIES = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
];

const ISSUE_TYPE = { id: '10100', name: 'Support request', description: 'A request from a customer', subtask: false, hierarchyLevel: 0 };

const PROJECT_PERMISSIONS = [
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
const GLOBAL_PERMISSIONS = ['ADMINISTER', 'SYSTEM_ADMIN', 'USER_PICKER', 'BROWSE_USERS'] as const;
/** What a JSM customer may do on the requests they raised. */
const CUSTOMER_ISSUE_PERMISSIONS = new Set(['BROWSE_PROJECTS', 'ADD_COMMENTS', 'CREATE_ISSUES']);

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

class RestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: Record<string, string> = {},
  ) {
    super(message);
  }
}

function bad(message: string, errors: Record<string, string> = {}): never {
  throw new RestError(400, message, errors);
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeToken(token: string | undefined | null): number {
  if (!token) return 0;
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString()) as { o?: unknown };
    if (typeof v.o === 'number' && v.o >= 0) return v.o;
  } catch {
    /* falls through to the error below */
  }
  bad('The provided next page token is invalid or expired.');
}

function getPath(obj: unknown, path: string[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

export class JiraSite {
  private readonly issuesById = new Map<number, IssueDoc>();
  private readonly issuesByKey = new Map<string, IssueDoc>();
  private readonly saveStmt;
  private readonly schemaCache = new Map<string, ValidateFunction>();
  cloudId = 'local-cloud';
  siteUrl = BASE_URL_DEFAULT;
  projects: SiteProject[] = [];
  /** The site's "Browse users and groups" grant for the app: without it GET /user/groups answers 403. */
  browseUsersAndGroups = true;
  /**
   * Whether Jira shows users' e-mail addresses to the app. Off by default, as on most sites: under
   * Atlassian account privacy settings (the default "only you and admins") `emailAddress` is left out.
   */
  showEmails = false;
  /**
   * Bulk property tasks (POST issue/properties/multi) that fail part-way, next first: Jira's task is
   * non-transactional, so a failing one sets the first half of its issues and ends FAILED.
   */
  failPropertyTasks = 0;
  /** Async tasks by id: each read while RUNNING advances it, so the first read sees RUNNING, the next the end. */
  private readonly tasks = new Map<string, { status: 'RUNNING' | 'COMPLETE' | 'FAILED'; end: 'COMPLETE' | 'FAILED'; submitted: number; reads: number; owner: string }>();
  users: SiteUser[] = [];
  statuses: SiteStatus[] = DEFAULT_STATUSES;
  fields: SiteField[] = [];
  /** Notifications the app sent through Jira's notify API, oldest first (tests and the host page read them). */
  readonly notifications: SentNotification[] = [];
  /** Set by the emulator: receives every change that may produce a product event. */
  onChange: ((e: ProductEvent, opts: { generateAppEvents: boolean }) => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly meta: Meta,
    private readonly manifest: AppManifest,
    private readonly now: () => number,
  ) {
    this.saveStmt = db.prepare<[number, string, string]>('INSERT INTO issues (id, key, doc) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET key = excluded.key, doc = excluded.doc');
    const site = meta.get<{ cloudId: string; siteUrl: string; projects: SiteProject[]; users: SiteUser[]; statuses: SiteStatus[]; fields: SiteField[] }>('site');
    if (site) Object.assign(this, site);
    // Loaded in id order, so the maps iterate in creation order without sorting.
    for (const row of db.prepare<[], { doc: string }>('SELECT doc FROM issues ORDER BY id').all()) {
      const doc = JSON.parse(row.doc) as IssueDoc;
      this.issuesById.set(doc.id, doc);
      this.issuesByKey.set(doc.key, doc);
    }
  }

  get seeded(): boolean {
    return this.projects.length > 0;
  }

  // ------------------------------------------------------------ site setup

  seed(spec: SiteSpec = {}): void {
    this.cloudId = spec.cloudId ?? this.cloudId;
    this.siteUrl = spec.siteUrl ?? this.siteUrl;
    this.statuses = spec.statuses ?? DEFAULT_STATUSES;
    const existing = new Map(this.projects.map((p) => [p.key, p]));
    let nextProjectId = 10000 + this.projects.length;
    for (const p of spec.projects ?? [{ key: 'SUP', name: 'Support' }]) {
      if (!/^[A-Z][A-Z0-9_]{1,9}$/.test(p.key)) throw new Error(`seedSite: project key '${p.key}' must match ^[A-Z][A-Z0-9_]{1,9}$`);
      const prev = existing.get(p.key);
      if (prev) Object.assign(prev, p);
      else this.projects.push({ id: String(nextProjectId++), key: p.key, name: p.name, ...(p.template ? { template: p.template } : {}) });
    }
    const users = spec.users ?? DEFAULT_USERS;
    const byId = new Map(this.users.map((u) => [u.accountId, u]));
    for (const u of users) byId.set(u.accountId, u);
    this.users = [...byId.values()];
    // The app's custom fields get stable ids in manifest order, as a fresh install would.
    const uuid = appUuid(this.manifest.appId);
    this.fields = this.manifest.fields.map((f, i) => ({
      id: this.fields.find((x) => x.moduleKey === f.moduleKey)?.id ?? `customfield_${10050 + i}`,
      key: `${uuid}__DEVELOPMENT__${f.moduleKey}`,
      name: f.name,
      moduleKey: f.moduleKey,
      type: f.type,
      readOnly: f.readOnly,
      properties: f.properties,
    }));
    this.saveSite();
  }

  private saveSite(): void {
    this.meta.set('site', { cloudId: this.cloudId, siteUrl: this.siteUrl, projects: this.projects, users: this.users, statuses: this.statuses, fields: this.fields });
  }

  // ------------------------------------------------------------ direct access

  /**
   * A dashboard gadget's configuration as Jira keeps it for a Forge gadget (what its edit view
   * passed to view.submit; the gadget reads it as extension.gadgetConfiguration): per dashboard
   * item, for every viewer, kept across restarts.
   */
  gadgetConfiguration(dashboardId: string, itemId: string): unknown {
    return this.meta.get<unknown>(`gadget:${dashboardId}:${itemId}`) ?? null;
  }

  setGadgetConfiguration(dashboardId: string, itemId: string, value: unknown): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RestError(400, 'The gadget configuration must be an object.');
    this.meta.set(`gadget:${dashboardId}:${itemId}`, value);
  }

  issue(idOrKey: string | number): IssueDoc | undefined {
    if (typeof idOrKey === 'number' || /^\d+$/.test(idOrKey)) return this.issuesById.get(Number(idOrKey));
    return this.issuesByKey.get(idOrKey.toUpperCase());
  }

  allIssues(): IssueDoc[] {
    return [...this.issuesById.values()];
  }

  user(accountId: string): SiteUser | undefined {
    return this.users.find((u) => u.accountId === accountId);
  }

  status(idOrName: string): SiteStatus | undefined {
    return this.statuses.find((s) => s.id === idOrName || s.name.toLowerCase() === idOrName.toLowerCase());
  }

  project(idOrKey: string): SiteProject | undefined {
    return this.projects.find((p) => p.id === idOrKey || p.key.toLowerCase() === idOrKey.toLowerCase());
  }

  field(idOrKeyOrModule: string): SiteField | undefined {
    return this.fields.find((f) => f.id === idOrKeyOrModule || f.key === idOrKeyOrModule || f.moduleKey === idOrKeyOrModule);
  }

  /** The value of one of the app's custom fields, by module key or field id. */
  fieldValue(issueKey: string, field: string): unknown {
    const f = this.field(field);
    const issue = this.issue(issueKey);
    if (!f || !issue) return undefined;
    return issue.custom[f.id] ?? null;
  }

  private save(issue: IssueDoc): void {
    this.issuesById.set(issue.id, issue);
    this.issuesByKey.set(issue.key, issue);
    this.saveStmt.run(issue.id, issue.key, JSON.stringify(issue));
  }

  /** Sets (or clears) the issue's security level, as an agent choosing a level on the issue would. */
  setSecurityLevel(idOrKey: string | number, level: { id: string; name: string; members: string[] } | null): void {
    const issue = this.issue(idOrKey);
    if (!issue) throw new Error(`no issue ${idOrKey}`);
    if (level === null) delete issue.security;
    else issue.security = { id: level.id, name: level.name, members: [...level.members] };
    this.save(issue);
  }

  /** Deletes an issue, as someone deleting it in Jira would (tests: an issue that vanished mid-job). */
  deleteIssue(idOrKey: string | number): boolean {
    const issue = this.issue(idOrKey);
    if (!issue) return false;
    this.issuesById.delete(issue.id);
    this.issuesByKey.delete(issue.key);
    this.db.prepare<[number]>('DELETE FROM issues WHERE id = ?').run(issue.id);
    return true;
  }

  /** Runs several writes in one SQLite transaction (bulk seeding). */
  batch<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  private counter(name: string, start: number): number {
    const v = (this.meta.get<number>(`counter:${name}`) ?? start) + 1;
    this.meta.set(`counter:${name}`, v);
    return v;
  }

  // ------------------------------------------------------------ permissions

  private userRole(accountId: string): Role | undefined {
    return this.user(accountId)?.role;
  }

  hasGlobal(p: Principal, perm: string): boolean {
    if (p.kind === 'app') return perm !== 'SYSTEM_ADMIN';
    const role = this.userRole(p.accountId);
    if (perm === 'ADMINISTER' || perm === 'SYSTEM_ADMIN') return role === 'admin';
    return role === 'admin' || role === 'agent';
  }

  hasProject(p: Principal, perm: string, project: SiteProject): boolean {
    if (p.kind === 'app') return true;
    const role = this.userRole(p.accountId);
    if (role === 'admin') return true;
    if (role === 'agent') {
      const only = this.user(p.accountId)?.projects;
      if (only && !only.includes(project.key)) return false;
      return perm !== 'ADMINISTER_PROJECTS' || (this.user(p.accountId)?.adminOf ?? []).includes(project.key);
    }
    if (role === 'customer') return perm === 'CREATE_ISSUES';
    return false;
  }

  hasIssue(p: Principal, perm: string, issue: IssueDoc): boolean {
    // A security level hides the issue from everyone outside it, whatever their project permissions.
    if (issue.security && p.kind === 'user' && !issue.security.members.includes(p.accountId)) return false;
    const project = this.project(issue.projectKey)!;
    if (this.hasProject(p, perm, project)) return true;
    // JSM customers reach only the requests they raised.
    return p.kind === 'user' && this.userRole(p.accountId) === 'customer' && issue.reporter === p.accountId && CUSTOMER_ISSUE_PERMISSIONS.has(perm);
  }

  private visibleIssue(p: Principal, idOrKey: string): IssueDoc {
    const issue = this.issue(idOrKey);
    if (!issue || !this.hasIssue(p, 'BROWSE_PROJECTS', issue)) throw new RestError(404, 'Issue does not exist or you do not have permission to see it.');
    return issue;
  }

  // ------------------------------------------------------------ JSON shapes

  /** UserDetails (changelog, comments, issue fields); `full` adds what only the User bean has. */
  private userJson(accountId: string | null, full = false): unknown {
    if (!accountId) return null;
    if (accountId === APP_ACCOUNT_ID) {
      return { self: `${this.siteUrl}/rest/api/3/user?accountId=${accountId}`, accountId, accountType: 'app', displayName: 'Reglament', active: true, timeZone: 'UTC', avatarUrls: this.avatars(accountId) };
    }
    const u = this.user(accountId);
    return {
      self: `${this.siteUrl}/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`,
      accountId,
      accountType: u?.role === 'customer' ? 'customer' : 'atlassian',
      ...(this.showEmails && u ? { emailAddress: u.emailAddress } : {}),
      displayName: u?.displayName ?? accountId,
      active: true,
      timeZone: u?.timeZone ?? 'UTC',
      ...(full && u ? { locale: u.locale } : {}),
      avatarUrls: this.avatars(accountId),
    };
  }

  private avatars(id: string): Record<string, string> {
    const base = `${this.siteUrl}/secure/useravatar?ownerId=${encodeURIComponent(id)}`;
    return { '48x48': base, '24x24': `${base}&size=small`, '16x16': `${base}&size=xsmall`, '32x32': `${base}&size=medium` };
  }

  private categoryJson(key: StatusCategoryKey): unknown {
    const c = CATEGORY[key];
    return { self: `${this.siteUrl}/rest/api/3/statuscategory/${c.id}`, id: c.id, key: c.key, colorName: c.colorName, name: c.name };
  }

  statusJson(s: SiteStatus): unknown {
    return {
      self: `${this.siteUrl}/rest/api/3/status/${s.id}`,
      description: '',
      iconUrl: `${this.siteUrl}/images/icons/statuses/generic.png`,
      name: s.name,
      id: s.id,
      statusCategory: this.categoryJson(s.category),
    };
  }

  private projectJson(p: SiteProject): Record<string, unknown> {
    return {
      self: `${this.siteUrl}/rest/api/3/project/${p.id}`,
      id: p.id,
      key: p.key,
      name: p.name,
      projectTypeKey: p.projectTypeKey ?? 'service_desk',
      simplified: false,
      style: 'classic',
      isPrivate: false,
      avatarUrls: { '48x48': `${this.siteUrl}/secure/projectavatar?pid=${p.id}` },
    };
  }

  private fieldJson(f: SiteField): unknown {
    const num = f.id.replace('customfield_', '');
    const custom = `${this.manifest.appId.replace('::app/', '::extension/')}/${ENV_ID}/static/${f.moduleKey}`;
    return {
      id: f.id,
      key: f.id,
      name: f.name,
      custom: true,
      orderable: !f.readOnly,
      navigable: true,
      searchable: true,
      clauseNames: [`cf[${num}]`, f.name],
      schema: { type: f.type === 'datetime' ? 'datetime' : f.type === 'object' ? 'any' : f.type, custom, customId: Number(num) },
    };
  }

  /** JSM's Organizations field, on a site with a service project (Jira Service Management installed). */
  private organizationsFieldJson(): unknown[] {
    if (!this.projects.some((p) => (p.projectTypeKey ?? 'service_desk') === 'service_desk')) return [];
    return [
      {
        id: ORGANIZATIONS_FIELD_ID,
        key: ORGANIZATIONS_FIELD_ID,
        name: 'Organizations',
        custom: true,
        orderable: true,
        navigable: true,
        searchable: true,
        clauseNames: ['cf[10002]', 'Organizations', 'organizations'],
        schema: { type: 'array', items: 'sd-customerorganization', custom: 'com.atlassian.servicedesk:sd-customer-organizations', customId: 10002 },
      },
    ];
  }

  /** The site's JSM organizations, numbered in the order their first member is listed. */
  organizations(): Array<{ id: string; name: string }> {
    const names = [...new Set(this.users.map((u) => u.organization).filter((n): n is string => typeof n === 'string' && n !== ''))];
    return names.map((name, i) => ({ id: String(i + 1), name }));
  }

  /** A service-desk request's Organizations value: the reporter's organization (JSM shares the request with it). */
  private organizationsValue(issue: IssueDoc): unknown {
    const org = this.user(issue.reporter)?.organization;
    const o = org ? this.organizations().find((x) => x.name === org) : undefined;
    if (!o) return [];
    return [{ id: o.id, name: o.name, _links: { self: `${this.siteUrl}/rest/servicedeskapi/organization/${o.id}` } }];
  }

  private systemFieldsJson(): unknown[] {
    const sys = (id: string, name: string, type: string, extra: Record<string, unknown> = {}) => ({
      id,
      key: id,
      name,
      custom: false,
      orderable: true,
      navigable: true,
      searchable: true,
      clauseNames: [id],
      schema: { type, system: id },
      ...extra,
    });
    return [
      sys('summary', 'Summary', 'string'),
      sys('description', 'Description', 'string'),
      sys('status', 'Status', 'status'),
      sys('priority', 'Priority', 'priority'),
      sys('reporter', 'Reporter', 'user'),
      sys('assignee', 'Assignee', 'user'),
      sys('created', 'Created', 'datetime'),
      sys('updated', 'Updated', 'datetime'),
      sys('resolution', 'Resolution', 'resolution'),
      sys('resolutiondate', 'Resolved', 'datetime', { clauseNames: ['resolutiondate', 'resolved'] }),
      sys('project', 'Project', 'project'),
      sys('issuetype', 'Issue Type', 'issuetype', { clauseNames: ['issuetype', 'type'] }),
      sys('comment', 'Comment', 'comments-page'),
    ];
  }

  private commentJson(issue: IssueDoc, c: CommentDoc): unknown {
    return {
      self: `${this.siteUrl}/rest/api/3/issue/${issue.id}/comment/${c.id}`,
      id: c.id,
      author: this.userJson(c.author),
      updateAuthor: this.userJson(c.author),
      body: c.body,
      created: jiraDate(c.created),
      updated: jiraDate(c.updated),
      jsdPublic: c.jsdPublic,
      ...(c.jsdPublic ? {} : { properties: [{ key: 'sd.public.comment', value: { internal: true } }] }),
    };
  }

  private historyJson(h: HistoryDoc, fieldIds?: Set<string>): unknown {
    return {
      id: h.id,
      author: this.userJson(h.author),
      created: jiraDate(h.created),
      // The spec types from/to as strings: an absent value is left out rather than sent as null.
      items: h.items
        .filter((i) => !fieldIds || fieldIds.has(i.fieldId) || fieldIds.has(i.field))
        .map(({ from, to, ...rest }) => ({ ...rest, ...(from !== null ? { from } : {}), ...(to !== null ? { to } : {}) })),
    };
  }

  private customValueJson(f: SiteField, v: unknown): unknown {
    if (v === null || v === undefined) return null;
    if (f.type === 'datetime' && typeof v === 'string') return jiraDate(Date.parse(v));
    return v;
  }

  private fieldsJson(issue: IssueDoc, wanted: (id: string) => boolean): Record<string, unknown> {
    const status = this.status(issue.statusId)!;
    const project = this.project(issue.projectKey)!;
    const priority = PRIORITIES.find((p) => p.id === issue.priorityId) ?? PRIORITIES[2]!;
    const out: Record<string, unknown> = {};
    const put = (id: string, v: () => unknown): void => {
      if (wanted(id)) out[id] = v();
    };
    put('summary', () => issue.summary);
    put('description', () => issue.description ?? null);
    put('status', () => this.statusJson(status));
    put('statuscategorychangedate', () => jiraDate(issue.statusCategoryChangeDate));
    put('priority', () => ({ self: `${this.siteUrl}/rest/api/3/priority/${priority.id}`, iconUrl: `${this.siteUrl}/images/icons/priorities/${priority.name.toLowerCase()}.svg`, name: priority.name, id: priority.id }));
    put('reporter', () => this.userJson(issue.reporter));
    put('creator', () => this.userJson(issue.creator));
    put('assignee', () => this.userJson(issue.assignee));
    put('created', () => jiraDate(issue.created));
    put('updated', () => jiraDate(issue.updated));
    put('resolutiondate', () => (issue.resolutionDate === null ? null : jiraDate(issue.resolutionDate)));
    put('resolution', () =>
      issue.resolutionDate === null ? null : { self: `${this.siteUrl}/rest/api/3/resolution/10000`, id: '10000', name: 'Done', description: 'Work has been completed on this issue.' },
    );
    put('project', () => this.projectJson(project));
    put('issuetype', () => ({ self: `${this.siteUrl}/rest/api/3/issuetype/${ISSUE_TYPE.id}`, ...ISSUE_TYPE, iconUrl: `${this.siteUrl}/images/icons/issuetypes/task.svg` }));
    put('labels', () => issue.labels ?? []);
    put('comment', () => ({
      comments: issue.comments.map((c) => this.commentJson(issue, c)),
      self: `${this.siteUrl}/rest/api/3/issue/${issue.id}/comment`,
      maxResults: issue.comments.length,
      total: issue.comments.length,
      startAt: 0,
    }));
    for (const f of this.fields) put(f.id, () => this.customValueJson(f, issue.custom[f.id]));
    if ((project.projectTypeKey ?? 'service_desk') === 'service_desk') put(ORGANIZATIONS_FIELD_ID, () => this.organizationsValue(issue));
    return out;
  }

  /** IssueBean for the given `fields` list (Jira's rules: *all, *navigable, -x exclusions). */
  issueJson(issue: IssueDoc, fieldsParam: string[] | undefined, opts: { expand?: string[]; properties?: string[]; defaultAll: boolean }): Record<string, unknown> {
    const list = (fieldsParam ?? []).flatMap((f) => f.split(',')).map((f) => f.trim()).filter((f) => f.length > 0);
    const include = new Set(list.filter((f) => !f.startsWith('-')));
    const exclude = new Set(list.filter((f) => f.startsWith('-')).map((f) => f.slice(1)));
    const all = include.has('*all') || include.has('*navigable') || (include.size === 0 && opts.defaultAll);
    const resolveId = (id: string): string => this.field(id)?.id ?? id;
    const includeIds = new Set([...include].map(resolveId));
    const wanted = (id: string): boolean => !exclude.has(id) && (all || includeIds.has(id));
    const fields = this.fieldsJson(issue, wanted);
    const out: Record<string, unknown> = {
      expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
      id: String(issue.id),
      self: `${this.siteUrl}/rest/api/3/issue/${issue.id}`,
      key: issue.key,
    };
    if (Object.keys(fields).length > 0 || all || include.size > 0) out.fields = fields;
    if (opts.expand?.includes('changelog')) {
      out.changelog = { startAt: 0, maxResults: issue.histories.length, total: issue.histories.length, histories: issue.histories.map((h) => this.historyJson(h)) };
    }
    if (opts.properties && opts.properties.length > 0) {
      const props: Record<string, unknown> = {};
      const keys = opts.properties.includes('*all') ? Object.keys(issue.properties) : opts.properties;
      for (const k of keys) if (k in issue.properties) props[k] = issue.properties[k];
      out.properties = props;
    }
    return out;
  }

  /** A search hit when only `id` was asked for (plus any requested issue properties). */
  private idOnlyJson(issue: IssueDoc, properties: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = { id: String(issue.id) };
    if (properties.length > 0) out.properties = this.issueJson(issue, [], { properties, defaultAll: false }).properties;
    return out;
  }

  // ------------------------------------------------------------ JQL

  /** `p`: who searches; an issue they cannot see is, to them, an issue that does not exist. */
  private jqlFields(p?: Principal): JqlFields<IssueDoc> {
    const byName = (name: string): SiteField | undefined => this.fields.find((f) => f.name.toLowerCase() === name.toLowerCase() || f.id === name);
    const customAccessor = (f: SiteField, path: string[]): FieldAccessor<IssueDoc> => {
      if (f.type === 'object') {
        if (path.length === 0) throw new JqlError(`Field '${f.name}' is an object: search one of its properties, e.g. "${f.name}".state.`);
        const prop = f.properties[path[0]!];
        if (!prop) throw new JqlError(`Field '${f.name}.${path.join('.')}' does not exist or you do not have permission to view it.`);
        if (prop.type === 'datetime' || prop.type === 'date') {
          return { type: 'date', get: (i) => toMs(getPath(i.custom[f.id], [prop.name])) };
        }
        if (prop.type === 'number') return { type: 'number', get: (i) => { const v = getPath(i.custom[f.id], [prop.name]); return typeof v === 'number' ? v : null; } };
        return { type: 'string', get: (i) => toStr(getPath(i.custom[f.id], [prop.name])) };
      }
      if (f.type === 'datetime' || f.type === 'date') return { type: 'date', get: (i) => toMs(i.custom[f.id]) };
      if (f.type === 'number') return { type: 'number', get: (i) => (typeof i.custom[f.id] === 'number' ? (i.custom[f.id] as number) : null) };
      return { type: 'string', get: (i) => toStr(i.custom[f.id]) };
    };
    const propertyAccessor = (key: string, path: string[], type: string): FieldAccessor<IssueDoc> => {
      if (type === 'date') return { type: 'date', get: (i) => toMs(getPath(i.properties[key], path)) };
      if (type === 'number') return { type: 'number', get: (i) => { const v = getPath(i.properties[key], path); return typeof v === 'number' ? v : null; } };
      return { type: 'string', get: (i) => toStr(getPath(i.properties[key], path)), equals: (a, b) => a === b };
    };
    return {
      resolve: (ref: FieldRef): FieldAccessor<IssueDoc> => {
        if (ref.kind === 'cf') {
          const f = this.fields.find((x) => x.id === `customfield_${ref.id}`);
          if (!f) throw new JqlError(`Field 'cf[${ref.id}]' does not exist or you do not have permission to view it.`);
          return customAccessor(f, ref.path);
        }
        if (ref.kind === 'property') {
          const declared = this.manifest.entityValues.find((v) => v.propertyKey === ref.key && v.path === ref.path.join('.'));
          return propertyAccessor(ref.key, ref.path, declared?.type ?? 'string');
        }
        const name = ref.name.toLowerCase();
        if (!ref.quoted) {
          switch (name) {
            case 'project':
              return {
                type: 'string',
                get: (i) => i.projectKey,
                equals: (a, b) => { const pr = this.project(b); return pr ? pr.key === a : a.toLowerCase() === b.toLowerCase(); },
                // Jira refuses the whole query for a project that does not exist or the searcher may not browse.
                check: (b) => {
                  const pr = this.project(b);
                  if (!pr || (p && !this.hasProject(p, 'BROWSE_PROJECTS', pr) && !(p.kind === 'user' && this.userRole(p.accountId) === 'customer'))) {
                    throw new JqlError(`The value '${b}' does not exist for the field 'project'.`);
                  }
                },
              };
            case 'status':
              return {
                type: 'string',
                get: (i) => i.statusId,
                equals: (a, b) => this.status(b)?.id === a,
                // Jira refuses the whole query for a status name (or id) the site does not have.
                check: (b) => {
                  if (!this.status(b)) throw new JqlError(`The value '${b}' does not exist for the field 'status'.`);
                },
              };
            case 'statuscategory':
              return {
                type: 'string',
                get: (i) => this.status(i.statusId)!.category,
                equals: (a, b) => { const c = CATEGORY[a as StatusCategoryKey]; const l = b.toLowerCase(); return c.key === l || c.name.toLowerCase() === l || String(c.id) === l; },
                check: (b) => {
                  const l = b.toLowerCase();
                  if (!Object.values(CATEGORY).some((c) => c.key === l || c.name.toLowerCase() === l || String(c.id) === l)) throw new JqlError(`The value '${b}' does not exist for the field 'statusCategory'.`);
                },
              };
            case 'issuekey':
            case 'key':
            case 'id':
              return {
                type: 'string',
                get: (i) => i.key,
                equals: (a, b) => a === b.toUpperCase() || this.issue(a)?.id === Number(b),
                // Jira answers 400 for the whole query when one listed issue is deleted or not visible.
                check: (b) => {
                  const issue = this.issue(b);
                  if (!issue || (p && !this.hasIssue(p, 'BROWSE_PROJECTS', issue))) throw new JqlError(`An issue with key '${b}' does not exist for field '${name}'.`);
                },
              };
            case 'summary':
              return { type: 'string', get: (i) => i.summary };
            case 'text':
              return { type: 'string', get: (i) => [i.summary, adfToText(i.description), ...i.comments.map((c) => adfToText(c.body))] };
            case 'reporter':
              return { type: 'string', get: (i) => i.reporter, equals: (a, b) => a === b };
            case 'assignee':
              return { type: 'string', get: (i) => i.assignee, equals: (a, b) => a === b };
            case 'priority':
              return { type: 'string', get: (i) => PRIORITIES.find((p) => p.id === i.priorityId)!.name, equals: (a, b) => a.toLowerCase() === b.toLowerCase() || PRIORITIES.find((p) => p.name === a)?.id === b };
            case 'created':
            case 'createddate':
              return { type: 'date', get: (i) => i.created };
            case 'updated':
            case 'updateddate':
              return { type: 'date', get: (i) => i.updated };
            case 'resolved':
            case 'resolutiondate':
              return { type: 'date', get: (i) => i.resolutionDate };
            case 'resolution':
              return { type: 'string', get: (i) => (i.resolutionDate === null ? null : 'Done') };
            case 'issuetype':
            case 'type':
              return { type: 'string', get: () => ISSUE_TYPE.name, equals: (a, b) => a.toLowerCase() === b.toLowerCase() || b === ISSUE_TYPE.id };
            default:
              break;
          }
          const alias = this.manifest.entityValues.find((v) => v.searchAlias?.toLowerCase() === name);
          if (alias) return propertyAccessor(alias.propertyKey, [...alias.path.split('.'), ...ref.path], alias.type);
          if (/^customfield_\d+$/.test(name)) {
            const f = this.fields.find((x) => x.id === name);
            if (f) return customAccessor(f, ref.path);
          }
        }
        const f = byName(ref.name);
        if (f) return customAccessor(f, ref.path);
        throw new JqlError(`Field '${ref.name}' does not exist or you do not have permission to view it.`);
      },
    };
  }

  search(p: Principal, jql: string): IssueDoc[] {
    const compiled = compileJql(jql, this.jqlFields(p), { nowMs: this.now(), ...(p.kind === 'user' ? { currentUser: p.accountId } : {}) });
    if (!compiled.hasRestriction) {
      throw new RestError(400, 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
    }
    const hits = this.allIssues().filter((i) => this.hasIssue(p, 'BROWSE_PROJECTS', i) && compiled.matches(i));
    // Without ORDER BY: newest first, like Jira's issue navigator; ties keep creation order.
    hits.sort((a, b) => (compiled.ordered ? compiled.compare(a, b) || a.id - b.id : b.id - a.id));
    return hits;
  }

  // ------------------------------------------------------------ writes (shared by REST and actions)

  createIssue(input: { projectKey: string; summary: string; description?: string; reporter: string; custom?: Record<string, unknown>; at?: number }): IssueDoc {
    const project = this.project(input.projectKey);
    if (!project) throw new RestError(400, `project '${input.projectKey}' does not exist`, { project: 'valid project is required' });
    if (!this.user(input.reporter)) throw new RestError(400, `reporter '${input.reporter}' is not a user of this site`, { reporter: 'unknown user' });
    const at = input.at ?? this.now();
    const id = this.counter('issue', 10000);
    const num = this.counter(`project:${project.key}`, 0);
    const initial = this.statuses.find((s) => s.category === 'new') ?? this.statuses[0]!;
    const custom: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input.custom ?? {})) {
      const f = this.field(k);
      if (!f) throw new RestError(400, `field '${k}' does not exist`);
      // Creating an issue checks field values as editing one does (type and manifest schema).
      checkFieldValue(f, v, k, this.valueSchema(f));
      if (v !== null && v !== undefined) custom[f.id] = v;
    }
    const issue: IssueDoc = {
      id,
      key: `${project.key}-${num}`,
      projectKey: project.key,
      summary: input.summary,
      description: input.description ? textToAdf(input.description) : null,
      statusId: initial.id,
      reporter: input.reporter,
      creator: input.reporter,
      assignee: null,
      priorityId: '3',
      created: at,
      updated: at,
      resolutionDate: null,
      statusCategoryChangeDate: at,
      custom,
      comments: [],
      histories: [],
      properties: {},
    };
    this.save(issue);
    this.onChange?.({ eventType: 'avi:jira:created:issue', issueId: issue.id, actor: input.reporter, selfGenerated: false }, { generateAppEvents: true });
    return issue;
  }

  addComment(issue: IssueDoc, input: { author: string; body: unknown; internal: boolean; at?: number; selfGenerated: boolean }): CommentDoc {
    const at = input.at ?? this.now();
    const c: CommentDoc = { id: String(this.counter('comment', 10000)), author: input.author, body: input.body, created: at, updated: at, jsdPublic: !input.internal };
    issue.comments.push(c);
    issue.updated = Math.max(issue.updated, at);
    this.save(issue);
    this.onChange?.({ eventType: 'avi:jira:commented:issue', issueId: issue.id, actor: input.author, selfGenerated: input.selfGenerated, comment: c }, { generateAppEvents: true });
    return c;
  }

  private addHistory(issue: IssueDoc, author: string, items: ChangeItem[], at: number): HistoryDoc {
    const h: HistoryDoc = { id: String(this.counter('history', 10000)), author, created: at, items };
    issue.histories.push(h);
    return h;
  }

  transitionTo(issue: IssueDoc, statusName: string, input: { by: string; at?: number; selfGenerated: boolean }): HistoryDoc | null {
    const to = this.status(statusName);
    if (!to) throw new RestError(400, `status '${statusName}' does not exist`);
    const from = this.status(issue.statusId)!;
    if (from.id === to.id) return null;
    const at = input.at ?? this.now();
    const items: ChangeItem[] = [{ field: 'status', fieldtype: 'jira', fieldId: 'status', from: from.id, fromString: from.name, to: to.id, toString: to.name }];
    if (to.category === 'done' && issue.resolutionDate === null) {
      items.push({ field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: null, fromString: null, to: '10000', toString: 'Done' });
      issue.resolutionDate = at;
    } else if (to.category !== 'done' && issue.resolutionDate !== null) {
      items.push({ field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: '10000', fromString: 'Done', to: null, toString: null });
      issue.resolutionDate = null;
    }
    if (from.category !== to.category) issue.statusCategoryChangeDate = at;
    issue.statusId = to.id;
    issue.updated = Math.max(issue.updated, at);
    const h = this.addHistory(issue, input.by, items, at);
    this.save(issue);
    this.onChange?.(
      { eventType: 'avi:jira:updated:issue', issueId: issue.id, actor: input.by, selfGenerated: input.selfGenerated, changelog: h, associatedStatuses: [from.id, to.id] },
      { generateAppEvents: true },
    );
    return h;
  }

  /** Sets custom field values; one changelog entry for the changed ones. */
  setCustom(
    issue: IssueDoc,
    values: Array<{ field: SiteField; value: unknown }>,
    input: { by: string; at?: number; selfGenerated: boolean; generateChangelog?: boolean; generateAppEvents?: boolean },
  ): HistoryDoc | null {
    const at = input.at ?? this.now();
    const items: ChangeItem[] = [];
    for (const { field, value } of values) {
      const prev = issue.custom[field.id] ?? null;
      const next = value ?? null;
      if (JSON.stringify(prev) === JSON.stringify(next)) continue;
      if (next === null) delete issue.custom[field.id];
      else issue.custom[field.id] = next;
      const str = (v: unknown): string | null => (v === null ? null : typeof v === 'string' ? v : JSON.stringify(v));
      items.push({ field: field.name, fieldtype: 'custom', fieldId: field.id, from: null, fromString: str(prev), to: null, toString: str(next) });
    }
    if (items.length === 0) return null;
    issue.updated = Math.max(issue.updated, at);
    const h = input.generateChangelog === false ? null : this.addHistory(issue, input.by, items, at);
    this.save(issue);
    this.onChange?.(
      { eventType: 'avi:jira:updated:issue', issueId: issue.id, actor: input.by, selfGenerated: input.selfGenerated, changelog: h ?? { id: '0', author: input.by, created: at, items } },
      { generateAppEvents: input.generateAppEvents !== false },
    );
    return h;
  }

  setProperty(issue: IssueDoc, key: string, value: unknown): void {
    issue.properties[key] = value;
    this.save(issue);
  }

  deleteProperty(issue: IssueDoc, key: string): boolean {
    if (!(key in issue.properties)) return false;
    delete issue.properties[key];
    this.save(issue);
    return true;
  }

  transitionsFor(issue: IssueDoc): Array<{ id: string; status: SiteStatus }> {
    return this.statuses.map((s, i) => ({ id: String(11 + i * 10), status: s })).filter((t) => t.status.id !== issue.statusId);
  }

  // ------------------------------------------------------------ REST

  handle(method: string, rawPath: string, bodyText: string | undefined, p: Principal): RestReply {
    const url = new URL(rawPath, 'http://jira.local');
    const path = url.pathname.replace(/\/+$/, '');
    const q = url.searchParams;
    let body: Record<string, unknown> = {};
    try {
      if (bodyText) body = JSON.parse(bodyText) as Record<string, unknown>;
    } catch {
      return { status: 400, body: { errorMessages: ['The request body is not valid JSON.'], errors: {} } };
    }
    const op = JiraSite.routeOf(method, path);
    if (!SERVED_OPERATIONS.has(op)) {
      // Only what the app calls, each in the trimmed spec and checked by the contract tests.
      return { status: 404, body: { errorMessages: [`The emulator serves only the Jira operations the app calls (src/adapters/forge/jira-operations.ts); ${op} is not one of them.`], errors: {} } };
    }
    try {
      return this.route(method.toUpperCase(), path, q, body, p);
    } catch (e) {
      if (e instanceof RestError) return { status: e.status, body: { errorMessages: [e.message], errors: e.errors } };
      if (e instanceof JqlError) return { status: 400, body: { errorMessages: [e.message], warningMessages: [] } };
      throw e;
    }
  }

  /** The route template a path matched, for call counting (`GET /rest/api/3/issue/{issueIdOrKey}`). */
  static routeOf(method: string, rawPath: string): string {
    const path = rawPath.split('?')[0]!.replace(/\/+$/, '');
    const t = path
      .replace(/^(\/rest\/api\/3\/issue\/)(?!properties\/multi$|bulkfetch$)[^/]+/, '$1{issueIdOrKey}')
      .replace(/(\/\{issueIdOrKey\}\/properties\/)[^/]+$/, '$1{propertyKey}')
      .replace(/^(\/rest\/api\/3\/app\/field\/)(?!value$)[^/]+/, '$1{fieldIdOrKey}')
      .replace(/^(\/rest\/api\/3\/task\/)[^/]+$/, '$1{taskId}');
    return `${method.toUpperCase()} ${t}`;
  }

  private route(method: string, path: string, q: URLSearchParams, body: Record<string, unknown>, p: Principal): RestReply {
    const ok = (b: unknown): RestReply => ({ status: 200, body: b });
    const m = (re: RegExp): RegExpExecArray | null => re.exec(path);
    let r: RegExpExecArray | null;

    if (method === 'GET' && path === '/rest/api/3/user') {
      const id = q.get('accountId') ?? '';
      if (id !== APP_ACCOUNT_ID && !this.user(id)) throw new RestError(404, `Specified user does not exist or you do not have required permissions`);
      return ok(this.userJson(id, true));
    }
    if (method === 'GET' && path === '/rest/api/3/user/groups') {
      if (!this.browseUsersAndGroups) throw new RestError(403, 'You do not have the permission to browse users and groups.');
      const id = q.get('accountId') ?? '';
      const u = this.user(id);
      if (!u) throw new RestError(404, 'Specified user does not exist or you do not have required permissions');
      return ok(groupsOf(u.role).map((name) => ({ name, groupId: `group-${name}`, self: `${this.siteUrl}/rest/api/3/group?groupId=group-${name}` })));
    }
    if (method === 'GET' && path === '/rest/api/3/field') {
      // The same app installed from another environment (a developer's) on this site: its fields
      // carry the same module keys under another environment id, listed after ours.
      const otherEnv = this.fields.map((f, i) => {
        const json = this.fieldJson(f) as { schema: { custom: string; customId: number } } & Record<string, unknown>;
        const id = `customfield_${20050 + i}`;
        return { ...json, id, key: id, name: `${f.name} (${OTHER_ENV_ID})`, clauseNames: [`cf[${20050 + i}]`], schema: { ...json.schema, custom: json.schema.custom.replace(`/${ENV_ID}/`, `/${OTHER_ENV_ID}/`), customId: 20050 + i } };
      });
      return ok([...this.systemFieldsJson(), ...this.organizationsFieldJson(), ...this.fields.map((f) => this.fieldJson(f)), ...otherEnv]);
    }
    if (method === 'GET' && path === '/rest/api/3/status') return ok(this.statuses.map((s) => this.statusJson(s)));
    if (method === 'GET' && path === '/rest/api/3/project/search') {
      const startAt = Number(q.get('startAt') ?? 0);
      const maxResults = Math.min(Number(q.get('maxResults') ?? 50), 100);
      const keys = q.getAll('keys').flatMap((k) => k.split(','));
      const visible = this.projects.filter((pr) => (keys.length === 0 || keys.includes(pr.key)) && this.hasProject(p, 'BROWSE_PROJECTS', pr));
      const page = visible.slice(startAt, startAt + maxResults);
      const isLast = startAt + page.length >= visible.length;
      return ok({
        self: `${this.siteUrl}${path}?startAt=${startAt}&maxResults=${maxResults}`,
        ...(isLast ? {} : { nextPage: `${this.siteUrl}${path}?startAt=${startAt + maxResults}&maxResults=${maxResults}` }),
        maxResults,
        startAt,
        total: visible.length,
        isLast,
        values: page.map((pr) => this.projectJson(pr)),
      });
    }
    if (method === 'GET' && path === '/rest/api/3/mypermissions') return ok(this.myPermissions(p, q));
    if (method === 'POST' && path === '/rest/api/3/permissions/check') return ok(this.bulkPermissions(p, body));
    if (method === 'POST' && path === '/rest/api/3/search/jql') return ok(this.searchJql(p, body));
    if (method === 'POST' && path === '/rest/api/3/changelog/bulkfetch') return ok(this.bulkChangelog(p, body));
    if (method === 'POST' && path === '/rest/api/3/app/field/value') return this.appFieldValues(p, body, q);
    if (method === 'POST' && path === '/rest/api/3/issue/properties/multi') return this.multiProperties(p, body);
    {
      const m = method === 'GET' ? /^\/rest\/api\/3\/task\/([^/]+)$/.exec(path) : null;
      if (m) return ok(this.taskJson(p, decodeURIComponent(m[1]!)));
    }
    if (method === 'POST' && path === '/rest/api/3/issue/bulkfetch') return ok(this.bulkFetchIssues(p, body));
    if ((r = m(/^\/rest\/api\/3\/issue\/([^/]+)(\/.*)?$/))) return this.issueRoute(method, decodeURIComponent(r[1]!), r[2] ?? '', q, body, p);
    return { status: 404, body: { errorMessages: [`The emulator does not implement ${method} ${path}`], errors: {} } };
  }

  /** Bulk set issue properties by issue: Jira runs it as an async task (303); here it is done at once. */
  private multiProperties(p: Principal, body: Record<string, unknown>): RestReply {
    const list = body.issues;
    if (!Array.isArray(list) || list.length === 0) bad('issues must be a non-empty array');
    if (list.length > 100) bad(`issues holds ${list.length} entries, the limit is 100`);
    const plan: Array<{ issue: IssueDoc; props: Record<string, unknown> }> = [];
    for (const [i, raw] of (list as Array<{ issueID?: unknown; properties?: unknown }>).entries()) {
      const issue = typeof raw.issueID === 'number' ? this.issue(raw.issueID) : undefined;
      if (!issue) bad(`issues[${i}].issueID: issue ${String(raw.issueID)} does not exist`);
      if (!this.hasIssue(p, 'EDIT_ISSUES', issue)) throw new RestError(403, `issues[${i}]: no permission to edit issue ${issue.key}`);
      const props = raw.properties;
      if (!props || typeof props !== 'object' || Array.isArray(props) || Object.keys(props).length === 0) bad(`issues[${i}].properties must be an object with 1–10 properties`);
      if (Object.keys(props).length > 10) bad(`issues[${i}].properties holds more than 10 properties`);
      for (const [k, v] of Object.entries(props)) {
        if (k.length > 255) bad(`issues[${i}].properties: key '${k.slice(0, 40)}…' is longer than 255 characters`);
        if (JSON.stringify(v).length > 32768) bad(`issues[${i}].properties.${k}: value is longer than 32768 characters`);
      }
      plan.push({ issue, props: props as Record<string, unknown> });
    }
    const fail = this.failPropertyTasks > 0;
    if (fail) this.failPropertyTasks--;
    const applied = fail ? plan.slice(0, Math.floor(plan.length / 2)) : plan;
    this.batch(() => {
      for (const { issue, props } of applied) for (const [k, v] of Object.entries(props)) this.setProperty(issue, k, v);
    });
    const task = String(this.counter('task', 10000));
    this.tasks.set(task, { status: 'RUNNING', end: fail ? 'FAILED' : 'COMPLETE', submitted: this.now(), reads: 0, owner: p.kind === 'app' ? APP_ACCOUNT_ID : p.accountId });
    // The answer has no body: the task's location is the only outcome (OpenAPI: 303 "Follow the location link").
    return { status: 303, headers: { location: `${this.siteUrl}/rest/api/3/task/${task}` } };
  }

  /** GET /rest/api/3/task/{taskId}: TaskProgressBeanObject; only the task's creator (or a Jira admin) may read it. */
  private taskJson(p: Principal, id: string): unknown {
    const t = this.tasks.get(id);
    const who = p.kind === 'app' ? APP_ACCOUNT_ID : p.accountId;
    if (!t) throw new RestError(404, `Task ${id} does not exist.`);
    if (t.owner !== who && !(p.kind === 'user' && this.user(p.accountId)?.role === 'admin')) throw new RestError(403, 'You are not the creator of this task.');
    t.reads++;
    if (t.status === 'RUNNING' && t.reads > 1) t.status = t.end;
    const done = t.status !== 'RUNNING';
    const at = this.now();
    return {
      self: `${this.siteUrl}/rest/api/3/task/${id}`,
      id,
      description: 'Bulk set issue properties by issue',
      status: t.status,
      ...(t.status === 'FAILED' ? { message: 'Some of the entity properties could not be set.' } : {}),
      submittedBy: 10000,
      progress: done ? 100 : 50,
      elapsedRuntime: at - t.submitted,
      submitted: t.submitted,
      started: t.submitted,
      ...(done ? { finished: at } : {}),
      lastUpdate: at,
    };
  }

  private myPermissions(p: Principal, q: URLSearchParams): unknown {
    const wanted = (q.get('permissions') ?? '').split(',').filter((x) => x.length > 0);
    if (wanted.length === 0) bad('The permissions query parameter is required.');
    const projectRef = q.get('projectKey') ?? q.get('projectId');
    const issueRef = q.get('issueKey') ?? q.get('issueId');
    const issue = issueRef ? this.issue(issueRef) : undefined;
    if (issueRef && !issue) throw new RestError(404, 'Issue does not exist or you do not have permission to see it.');
    const project = projectRef ? this.project(projectRef) : undefined;
    if (projectRef && !project) throw new RestError(404, 'No project could be found with key or id.');
    const out: Record<string, unknown> = {};
    for (const perm of wanted) {
      const global = (GLOBAL_PERMISSIONS as readonly string[]).includes(perm);
      if (!global && !(PROJECT_PERMISSIONS as readonly string[]).includes(perm)) bad(`Unrecognized permission: ${perm}`);
      let have: boolean;
      if (global) have = this.hasGlobal(p, perm);
      else if (issue) have = this.hasIssue(p, perm, issue);
      else if (project) have = this.hasProject(p, perm, project);
      else have = this.projects.some((pr) => this.hasProject(p, perm, pr));
      out[perm] = { id: String(wanted.indexOf(perm) + 1), key: perm, name: perm.replace(/_/g, ' ').toLowerCase(), type: global ? 'GLOBAL' : 'PROJECT', description: perm, havePermission: have };
    }
    return { permissions: out };
  }

  /**
   * POST /permissions/check (BulkPermissionsRequestBean → BulkPermissionGrants). Another user's
   * permissions only for a Jira administrator or an app calling from its server; invalid project
   * and issue ids are ignored, at most 1000 of each, an unknown permission or account is a 400.
   */
  private bulkPermissions(p: Principal, body: Record<string, unknown>): unknown {
    const allowed = new Set(['accountId', 'globalPermissions', 'projectPermissions']);
    const extra = Object.keys(body).filter((k) => !allowed.has(k));
    if (extra.length > 0) bad(`Unrecognized field "${extra[0]}"`);
    let subject: Principal = p;
    if (body.accountId !== undefined && body.accountId !== null) {
      if (typeof body.accountId !== 'string' || !this.user(body.accountId)) bad('The accountId is not valid.', { accountId: 'Invalid account ID' });
      if (p.kind === 'user' && p.accountId !== body.accountId && !this.hasGlobal(p, 'ADMINISTER')) throw new RestError(403, 'Only Jira administrators can perform this operation.');
      subject = { kind: 'user', accountId: body.accountId };
    }
    const strings = (v: unknown, where: string): string[] => {
      if (v === undefined || v === null) return [];
      if (!Array.isArray(v)) bad(`${where} must be an array`);
      return v.filter((x): x is string => typeof x === 'string' && x !== '');
    };
    const ids = (v: unknown, where: string): number[] => {
      if (v === undefined || v === null) return [];
      if (!Array.isArray(v) || v.some((x) => x !== null && !Number.isInteger(x))) bad(`${where} must be an array of integer ids`);
      return (v as Array<number | null>).filter((x): x is number => x !== null);
    };
    const globalOut: string[] = [];
    for (const perm of strings(body.globalPermissions, 'globalPermissions')) {
      if (!(GLOBAL_PERMISSIONS as readonly string[]).includes(perm)) bad(`Unrecognized permission: ${perm}`, { [perm]: 'Unrecognized permission' });
      if (this.hasGlobal(subject, perm)) globalOut.push(perm);
    }
    const grants = new Map<string, { projects: Set<number>; issues: Set<number> }>();
    const items = body.projectPermissions === undefined || body.projectPermissions === null ? [] : body.projectPermissions;
    if (!Array.isArray(items)) bad('projectPermissions must be an array');
    let projectCount = 0;
    let issueCount = 0;
    for (const [i, raw] of (items as unknown[]).entries()) {
      if (raw === null) continue;
      if (typeof raw !== 'object' || Array.isArray(raw)) bad(`projectPermissions[${i}] must be an object`);
      const item = raw as Record<string, unknown>;
      const perms = strings(item.permissions, `projectPermissions[${i}].permissions`);
      if (perms.length === 0) bad('At least one project permission is required in projectPermissions.');
      for (const perm of perms) if (!(PROJECT_PERMISSIONS as readonly string[]).includes(perm)) bad(`Unrecognized permission: ${perm}`, { [perm]: 'Unrecognized permission' });
      // Invalid ids are ignored; the limit counts valid ones.
      const projects = ids(item.projects, `projectPermissions[${i}].projects`).map((id) => this.projects.find((pr) => pr.id === String(id))).filter((pr): pr is SiteProject => pr !== undefined);
      const issues = ids(item.issues, `projectPermissions[${i}].issues`).map((id) => this.issue(String(id))).filter((x): x is IssueDoc => x !== undefined);
      projectCount += projects.length;
      issueCount += issues.length;
      if (projectCount > 1000 || issueCount > 1000) bad('A maximum of 1000 projects and 1000 issues can be checked.');
      for (const perm of perms) {
        const g = grants.get(perm) ?? { projects: new Set<number>(), issues: new Set<number>() };
        for (const pr of projects) if (this.hasProject(subject, perm, pr)) g.projects.add(Number(pr.id));
        for (const is of issues) if (this.hasIssue(subject, perm, is)) g.issues.add(Number(is.id));
        grants.set(perm, g);
      }
    }
    return {
      globalPermissions: globalOut,
      projectPermissions: [...grants].map(([permission, g]) => ({ permission, projects: [...g.projects], issues: [...g.issues] })),
    };
  }

  private searchJql(p: Principal, body: Record<string, unknown>): unknown {
    if (typeof body.jql !== 'string' || body.jql.trim() === '') {
      throw new RestError(400, 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
    }
    const fields = Array.isArray(body.fields) ? (body.fields as string[]) : typeof body.fields === 'string' ? [body.fields] : ['id'];
    // The spec: `id` (the default) "returns only issue IDs": no key, self or fields.
    const idsOnly = fields.flatMap((f) => f.split(',')).map((f) => f.trim()).filter((f) => f.length > 0).every((f) => f === 'id');
    const expand = typeof body.expand === 'string' ? body.expand.split(',') : Array.isArray(body.expand) ? (body.expand as string[]) : [];
    const properties = Array.isArray(body.properties) ? (body.properties as string[]) : typeof body.properties === 'string' ? body.properties.split(',') : [];
    if (properties.length > 5) bad('At most 5 issue properties can be requested.');
    const onlyIds = fields.every((f) => f === 'id' || f === 'key');
    const requested = typeof body.maxResults === 'number' ? body.maxResults : 50;
    if (requested < 0) bad('maxResults must not be negative');
    const maxResults = Math.min(requested, onlyIds ? 5000 : 100);
    const offset = decodeToken(typeof body.nextPageToken === 'string' ? body.nextPageToken : null);
    const hits = this.search(p, body.jql);
    const page = hits.slice(offset, offset + maxResults);
    const isLast = offset + page.length >= hits.length;
    return {
      issues: page.map((i) => (idsOnly ? this.idOnlyJson(i, properties) : this.issueJson(i, fields, { expand, properties, defaultAll: false }))),
      ...(isLast ? {} : { nextPageToken: encodeToken(offset + page.length) }),
      isLast,
    };
  }

  /**
   * POST /issue/bulkfetch: up to 100 issues by id or key (keys case-insensitively), ascending id.
   * Issues that do not exist or that the caller may not browse are left out, not reported: the
   * spec's `issueErrors` are only for issues Jira could not load this time.
   */
  private bulkFetchIssues(p: Principal, body: Record<string, unknown>): unknown {
    const refs = body.issueIdsOrKeys;
    if (!Array.isArray(refs) || refs.length === 0 || refs.length > 100) {
      bad('issueIdsOrKeys must hold 1 to 100 issue IDs or keys.', { issueIdsOrKeys: 'size must be between 1 and 100' });
    }
    const fields = Array.isArray(body.fields) ? (body.fields as string[]) : ['*navigable'];
    const expand = Array.isArray(body.expand) ? (body.expand as string[]) : [];
    const properties = Array.isArray(body.properties) ? (body.properties as string[]) : [];
    if (properties.length > 5) bad('At most 5 issue properties can be requested.');
    const found = new Map<number, IssueDoc>();
    for (const ref of refs as unknown[]) {
      const issue = this.issue(String(ref));
      if (issue && this.hasIssue(p, 'BROWSE_PROJECTS', issue)) found.set(issue.id, issue);
    }
    const issues = [...found.values()].sort((a, b) => a.id - b.id).map((issue) => {
      const bean = this.issueJson(issue, fields, { expand, properties, defaultAll: true });
      // expand=changelog here carries at most the 40 most recent histories (the spec).
      const log = bean.changelog as { histories: unknown[]; total: number } | undefined;
      if (log && log.histories.length > 40) bean.changelog = { ...log, startAt: log.histories.length - 40, maxResults: 40, histories: log.histories.slice(-40) };
      return bean;
    });
    return { issues, issueErrors: [] };
  }

  private bulkChangelog(p: Principal, body: Record<string, unknown>): unknown {
    const refs = body.issueIdsOrKeys;
    if (!Array.isArray(refs) || refs.length < 1 || refs.length > 1000) bad('issueIdsOrKeys must hold 1 to 1000 issue IDs or keys.', { issueIdsOrKeys: 'size must be between 1 and 1000' });
    const fieldIds = Array.isArray(body.fieldIds) ? (body.fieldIds as string[]) : undefined;
    if (fieldIds && fieldIds.length > 10) bad('fieldIds may hold at most 10 fields.', { fieldIds: 'size must be between 0 and 10' });
    const maxResults = typeof body.maxResults === 'number' ? body.maxResults : 1000;
    if (maxResults < 1 || maxResults > 10000) bad('maxResults must be between 1 and 10000.');
    const offset = decodeToken(typeof body.nextPageToken === 'string' ? body.nextPageToken : null);
    const fieldSet = fieldIds ? new Set(fieldIds.map((f) => this.field(f)?.id ?? f)) : undefined;
    // Flatten (issue, history) pairs so the page boundary can fall inside an issue's changelog.
    const flat: Array<{ issue: IssueDoc; h: HistoryDoc }> = [];
    for (const ref of refs as Array<string | number>) {
      const issue = this.issue(String(ref));
      if (!issue || !this.hasIssue(p, 'BROWSE_PROJECTS', issue)) continue;
      for (const h of issue.histories) {
        if (!fieldSet || h.items.some((i) => fieldSet.has(i.fieldId))) flat.push({ issue, h });
      }
    }
    const page = flat.slice(offset, offset + maxResults);
    const grouped = new Map<number, unknown[]>();
    for (const { issue, h } of page) {
      const list = grouped.get(issue.id) ?? [];
      list.push(this.historyJson(h, fieldSet));
      grouped.set(issue.id, list);
    }
    return {
      issueChangeLogs: [...grouped.entries()].map(([issueId, changeHistories]) => ({ issueId: String(issueId), changeHistories })),
      ...(offset + page.length < flat.length ? { nextPageToken: encodeToken(offset + page.length) } : {}),
    };
  }

  /** Refuses (400) a value Jira would refuse for this field on an issue edit: its type and manifest schema. */
  checkValue(f: SiteField, value: unknown, where: string): void {
    checkFieldValue(f, value, where, this.valueSchema(f));
  }

  /** The compiled manifest `schema` of an app field (object fields), or null when it has none. */
  private valueSchema(f: SiteField): ValidateFunction | null {
    const schema = this.manifest.fields.find((m) => m.moduleKey === f.moduleKey)?.schema;
    if (!schema) return null;
    let v = this.schemaCache.get(f.moduleKey);
    if (!v) {
      v = fieldSchemaAjv().compile(schema);
      this.schemaCache.set(f.moduleKey, v);
    }
    return v;
  }

  private appFieldValues(p: Principal, body: Record<string, unknown>, q: URLSearchParams): RestReply {
    if (p.kind !== 'app') throw new RestError(403, 'Only the app that provides the field can set its value, and only as the app.');
    const updates = body.updates;
    if (!Array.isArray(updates) || updates.length === 0) bad('updates must be a non-empty array');
    const generateChangelog = q.get('generateChangelog') !== 'false';
    const generateAppEvents = q.get('generateAppEvents') !== 'false';
    // Validate everything first: a rejected request writes nothing.
    const plan = new Map<number, Array<{ field: SiteField; value: unknown }>>();
    const seen = new Set<string>();
    for (const [i, u] of (updates as Array<Record<string, unknown>>).entries()) {
      const f = this.field(String(u.customField));
      if (!f) throw new RestError(404, `updates[${i}].customField: field '${String(u.customField)}' does not exist or is not provided by this app`);
      if (!Array.isArray(u.issueIds)) bad(`updates[${i}].issueIds must be an array of issue IDs`);
      checkFieldValue(f, u.value, `updates[${i}].value`, this.valueSchema(f));
      for (const raw of u.issueIds as unknown[]) {
        if (typeof raw !== 'number' && !(typeof raw === 'string' && /^\d+$/.test(raw))) bad(`updates[${i}].issueIds: '${String(raw)}' is not an issue ID`);
        const issue = this.issue(Number(raw));
        if (!issue) throw new RestError(404, `updates[${i}].issueIds: issue ${String(raw)} does not exist`);
        const pairKey = `${f.id}:${issue.id}`;
        if (seen.has(pairKey)) bad(`updates[${i}]: field ${f.id} is set twice for issue ${issue.id}`);
        seen.add(pairKey);
        const list = plan.get(issue.id) ?? [];
        list.push({ field: f, value: u.value });
        plan.set(issue.id, list);
      }
    }
    this.batch(() => {
      for (const [issueId, values] of plan) {
        this.setCustom(this.issue(issueId)!, values, { by: APP_ACCOUNT_ID, selfGenerated: true, generateChangelog, generateAppEvents });
      }
    });
    return { status: 204 };
  }

  private issueRoute(method: string, ref: string, sub: string, q: URLSearchParams, body: Record<string, unknown>, p: Principal): RestReply {
    const issue = this.visibleIssue(p, ref);
    const selfGenerated = true; // every REST write comes from the app's own code
    const actor = p.kind === 'app' ? APP_ACCOUNT_ID : p.accountId;
    let r: RegExpExecArray | null;
    if (sub === '' && method === 'GET') {
      const fields = q.getAll('fields').flatMap((f) => f.split(','));
      const expand = (q.get('expand') ?? '').split(',');
      const properties = q.getAll('properties').flatMap((f) => f.split(','));
      return { status: 200, body: this.issueJson(issue, fields.length > 0 ? fields : undefined, { expand, properties, defaultAll: true }) };
    }
    if (sub === '' && method === 'PUT') {
      if (!this.hasIssue(p, 'EDIT_ISSUES', issue)) throw new RestError(403, 'You do not have permission to edit issues in this project.');
      const labelOps = ((body.update ?? {}) as { labels?: Array<{ add?: unknown; remove?: unknown; set?: unknown }> }).labels ?? [];
      const off = this.project(issue.projectKey)?.offEditScreen ?? [];
      for (const k of [...Object.keys((body.update ?? {}) as object), ...Object.keys((body.fields ?? {}) as object)]) {
        if (off.includes(k)) bad(`Field '${k}' cannot be set. It is not on the appropriate screen, or unknown.`, { [k]: `Field '${k}' cannot be set. It is not on the appropriate screen, or unknown.` });
      }
      for (const op of labelOps) {
        const labels = new Set(issue.labels ?? []);
        for (const [verb, v] of Object.entries(op)) {
          if (verb === 'set' && Array.isArray(v)) {
            labels.clear();
            for (const x of v) labels.add(String(x));
            continue;
          }
          if (typeof v !== 'string' || v.trim() === '' || /\s/.test(v)) bad(`The label '${String(v)}' contains spaces which is invalid.`, { labels: 'The label contains spaces which is invalid.' });
          if (verb === 'add') labels.add(v);
          else if (verb === 'remove') labels.delete(v);
        }
        issue.labels = [...labels];
      }
      const fields = (body.fields ?? {}) as Record<string, unknown>;
      const values: Array<{ field: SiteField; value: unknown }> = [];
      for (const [k, v] of Object.entries(fields)) {
        if (k === 'summary' && typeof v === 'string') {
          issue.summary = v;
          continue;
        }
        if (k === 'assignee') {
          const id = v === null ? null : (v as { accountId?: unknown } | undefined)?.accountId;
          if (id !== null && (typeof id !== 'string' || !this.users.some((u) => u.accountId === id))) bad(`User '${String(id)}' cannot be assigned issues.`, { assignee: `User '${String(id)}' cannot be assigned issues.` });
          issue.assignee = id ?? null;
          continue;
        }
        if (k === 'priority') {
          const ref = (v ?? {}) as { id?: unknown; name?: unknown };
          const pr = PRIORITIES.find((x) => x.id === ref.id || (typeof ref.name === 'string' && x.name.toLowerCase() === ref.name.toLowerCase()));
          if (!pr) bad(`The priority selected is invalid.`, { priority: 'The priority selected is invalid.' });
          issue.priorityId = pr.id;
          continue;
        }
        const f = this.field(k);
        if (!f) bad(`Field '${k}' cannot be set. It is not on the appropriate screen, or unknown.`, { [k]: 'Field cannot be set.' });
        if (f.readOnly) bad(`Field '${k}' is read-only.`, { [k]: 'Field cannot be set. It is read-only.' });
        checkFieldValue(f, v, k, this.valueSchema(f));
        values.push({ field: f, value: v });
      }
      if (values.length > 0) this.setCustom(issue, values, { by: actor, selfGenerated });
      else this.save(issue);
      return { status: 204 };
    }
    if (sub === '/editmeta' && method === 'GET') {
      // The edit screen's fields the caller may set; none without Edit issues.
      const off = this.project(issue.projectKey)?.offEditScreen ?? [];
      const fields: Record<string, unknown> = {};
      if (this.hasIssue(p, 'EDIT_ISSUES', issue)) {
        const meta = (key: string, name: string, schema: Record<string, unknown>, operations: string[]) => {
          if (!off.includes(key)) fields[key] = { key, name, required: false, schema, operations };
        };
        meta('summary', 'Summary', { type: 'string', system: 'summary' }, ['set']);
        meta('labels', 'Labels', { type: 'array', items: 'string', system: 'labels' }, ['add', 'set', 'remove']);
        meta('assignee', 'Assignee', { type: 'user', system: 'assignee' }, ['set']);
        meta('priority', 'Priority', { type: 'priority', system: 'priority' }, ['set']);
        for (const f of this.fields.filter((x) => !x.readOnly)) meta(f.id, f.name, { type: f.type, customId: Number(f.id.replace('customfield_', '')) }, ['set']);
      }
      return { status: 200, body: { fields } };
    }
    if (sub === '/comment' && method === 'GET') {
      const startAt = Number(q.get('startAt') ?? 0);
      const maxResults = Math.min(Number(q.get('maxResults') ?? 5000), 5000);
      const order = q.get('orderBy') ?? 'created';
      const list = [...issue.comments].sort((a, b) => (order.startsWith('-') ? b.created - a.created : a.created - b.created));
      // Customers never see internal notes.
      const visible = p.kind === 'user' && this.userRole(p.accountId) === 'customer' ? list.filter((c) => c.jsdPublic) : list;
      const page = visible.slice(startAt, startAt + maxResults);
      return { status: 200, body: { comments: page.map((c) => this.commentJson(issue, c)), maxResults, startAt, total: visible.length } };
    }
    if (sub === '/comment' && method === 'POST') {
      if (!this.hasIssue(p, 'ADD_COMMENTS', issue)) throw new RestError(403, 'You do not have permission to comment on this issue.');
      if (body.body === undefined) bad('Comment body can not be empty!', { comment: 'Comment body can not be empty!' });
      const props = Array.isArray(body.properties) ? (body.properties as Array<{ key?: string; value?: { internal?: boolean } }>) : [];
      const internal = props.some((x) => x.key === 'sd.public.comment' && x.value?.internal === true);
      const c = this.addComment(issue, { author: actor, body: body.body, internal, selfGenerated });
      return { status: 201, body: this.commentJson(issue, c) };
    }
    if (sub === '/notify' && method === 'POST') {
      if (typeof body.subject !== 'string' && typeof body.textBody !== 'string' && typeof body.htmlBody !== 'string') bad('The notification needs a subject or a body.');
      const to = (body.to ?? {}) as { assignee?: boolean; watchers?: boolean; reporter?: boolean; users?: Array<{ accountId?: string }>; groups?: Array<{ name?: string; groupId?: string }> };
      const recipients = new Set<string>();
      if (to.assignee && issue.assignee) recipients.add(issue.assignee);
      if (to.reporter) recipients.add(issue.reporter);
      if (to.watchers) for (const w of issue.watchers ?? []) recipients.add(w);
      for (const u of to.users ?? []) {
        if (!u.accountId || !this.users.some((x) => x.accountId === u.accountId)) bad(`The user '${String(u.accountId)}' does not exist.`, { to: 'The recipient is invalid.' });
        recipients.add(u.accountId);
      }
      for (const g of to.groups ?? []) {
        const name = g.name ?? g.groupId?.replace(/^group-/, '');
        const members = this.users.filter((x) => name !== undefined && groupsOf(x.role).includes(name));
        if (!name || (members.length === 0 && !KNOWN_GROUPS.includes(name))) bad(`The group '${String(name)}' does not exist.`, { to: 'The recipient is invalid.' });
        for (const m of members) recipients.add(m.accountId);
      }
      // Spec: 400 when "the recipient is set to the assignee, but the issue is unassigned".
      if (to.assignee && !issue.assignee) bad('The issue has no assignee to notify.', { to: 'The recipient is invalid: the issue is unassigned.' });
      if (!to.assignee && !to.reporter && !to.watchers && (to.users ?? []).length === 0 && (to.groups ?? []).length === 0) bad('The notification names no recipient.', { to: 'No recipients.' });
      this.notifications.push({
        issueKey: issue.key,
        at: this.now(),
        subject: String(body.subject ?? ''),
        textBody: String(body.textBody ?? ''),
        htmlBody: String(body.htmlBody ?? ''),
        to: to as Record<string, unknown>,
        recipients: [...recipients],
      });
      return { status: 204 };
    }
    if (sub === '/transitions' && method === 'GET') {
      const transitions = this.hasIssue(p, 'TRANSITION_ISSUES', issue)
        ? this.transitionsFor(issue).map((t) => ({
            id: t.id,
            name: transitionName(t.status),
            to: this.statusJson(t.status),
            hasScreen: false,
            isGlobal: true,
            isInitial: false,
            isAvailable: true,
            isConditional: false,
            isLooped: false,
          }))
        : [];
      return { status: 200, body: { expand: 'transitions', transitions } };
    }
    if (sub === '/transitions' && method === 'POST') {
      if (!this.hasIssue(p, 'TRANSITION_ISSUES', issue)) throw new RestError(403, 'You do not have permission to transition this issue.');
      const tid = String((body.transition as { id?: unknown } | undefined)?.id ?? '');
      const t = this.transitionsFor(issue).find((x) => x.id === tid);
      if (!t) bad(`Transition id '${tid}' is not valid for this issue.`, { transition: `Transition id '${tid}' is not valid for this issue.` });
      this.transitionTo(issue, t.status.name, { by: actor, selfGenerated });
      const comments = ((body.update as { comment?: Array<{ add?: { body?: unknown } }> } | undefined)?.comment ?? []).filter((c) => c.add?.body !== undefined);
      for (const c of comments) this.addComment(issue, { author: actor, body: c.add!.body, internal: false, selfGenerated });
      return { status: 204 };
    }
    if ((r = /^\/properties\/([^/]+)$/.exec(sub))) {
      const key = decodeURIComponent(r[1]!);
      if (method === 'PUT') {
        if (!this.hasIssue(p, 'EDIT_ISSUES', issue)) throw new RestError(403, 'You do not have permission to edit this issue.');
        if (key.length > 255) bad(`The property key is ${key.length} characters long, the limit is 255.`);
        if (JSON.stringify(body).length > 32768) bad('The property value is longer than 32768 characters.');
        const existed = key in issue.properties;
        this.setProperty(issue, key, body);
        return { status: existed ? 200 : 201, body: existed ? undefined : {} };
      }
    }
    return { status: 404, body: { errorMessages: [`The emulator does not implement ${method} /rest/api/3/issue/{issueIdOrKey}${sub}`], errors: {} } };
  }
}

/** Jira groups by role, so an agent rule by group ("support-agents") works on the demo site. */
/** The site's groups (members come from roles). */
const KNOWN_GROUPS = ['jira-administrators', 'support-agents'];

export function groupsOf(role: Role): string[] {
  if (role === 'admin') return ['jira-administrators', 'support-agents'];
  if (role === 'agent') return ['support-agents'];
  return [];
}

function transitionName(s: SiteStatus): string {
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

function toMs(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
}

function toStr(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : String(v);
}

let ajvInstance: Ajv | null = null;
/** JSON Schema as Forge applies a field's manifest `schema`; Forge's own keywords (searchAlias, searchType) are annotations. */
function fieldSchemaAjv(): Ajv {
  if (!ajvInstance) {
    ajvInstance = new Ajv({ strict: false, allErrors: true });
    addFormats(ajvInstance);
  }
  return ajvInstance;
}

/** Forge validates every value of an app field against its type and manifest schema and refuses the whole request (400). */
function checkFieldValue(f: SiteField, v: unknown, where: string, schema: ValidateFunction | null = null): void {
  if (v === null || v === undefined) return;
  switch (f.type) {
    case 'string':
      if (typeof v !== 'string') bad(`${where}: field ${f.id} (${f.name}) takes a string`);
      if (v.length > 255) bad(`${where}: a string field value is limited to 255 characters`);
      return;
    case 'number':
      if (typeof v !== 'number') bad(`${where}: field ${f.id} (${f.name}) takes a number`);
      return;
    case 'datetime':
    case 'date':
      if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) bad(`${where}: field ${f.id} (${f.name}) takes an ISO date-time string`);
      return;
    case 'object':
      if (typeof v !== 'object' || Array.isArray(v)) bad(`${where}: field ${f.id} (${f.name}) takes a JSON object`);
      if (JSON.stringify(v).length > 32768) bad(`${where}: an object field value is limited to 32768 characters`);
      if (schema && !schema(v)) {
        const why = (schema.errors ?? []).map((e) => `${e.instancePath || '(value)'} ${e.message ?? 'is invalid'}`).join('; ');
        bad(`${where}: the value of field ${f.id} (${f.name}) does not match the field's schema: ${why}`, { [f.id]: `The value does not match the field's schema: ${why}` });
      }
      return;
    default:
      return;
  }
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
