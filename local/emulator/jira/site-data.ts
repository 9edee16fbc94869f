// The emulated Jira site's state: projects, statuses, users, the app's fields and issues, persisted
// in SQLite, with the permission rules every REST resource applies.
import type { ValidateFunction } from 'ajv';
import type { Db, Meta } from '../db';
import { appUuid, type AppManifest } from '../manifest';
import {
  BASE_URL_DEFAULT,
  CUSTOMER_ISSUE_PERMISSIONS,
  DEFAULT_STATUSES,
  DEFAULT_USERS,
  RestError,
  type IssueDoc,
  type Principal,
  type ProductEvent,
  type Role,
  type SentNotification,
  type SiteField,
  type SiteProject,
  type SiteSpec,
  type SiteStatus,
  type SiteUser,
} from './model';

/** The site's stored state, lookups and permissions; JSON shapes, writes and REST build on it. */
export class SiteData {
  private readonly issuesById = new Map<number, IssueDoc>();
  private readonly issuesByKey = new Map<string, IssueDoc>();
  private readonly saveStmt;
  /** Compiled manifest schemas of object fields, by module key. */
  readonly schemaCache = new Map<string, ValidateFunction>();
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
  readonly tasks = new Map<string, { status: 'RUNNING' | 'COMPLETE' | 'FAILED'; end: 'COMPLETE' | 'FAILED'; submitted: number; reads: number; owner: string }>();
  users: SiteUser[] = [];
  statuses: SiteStatus[] = DEFAULT_STATUSES;
  fields: SiteField[] = [];
  /** Notifications the app sent through Jira's notify API, oldest first (tests and the host page read them). */
  readonly notifications: SentNotification[] = [];
  /** Set by the emulator: receives every change that may produce a product event. */
  onChange: ((e: ProductEvent, opts: { generateAppEvents: boolean }) => void) | null = null;

  constructor(
    protected readonly db: Db,
    private readonly meta: Meta,
    readonly manifest: AppManifest,
    readonly now: () => number,
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

  save(issue: IssueDoc): void {
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

  counter(name: string, start: number): number {
    const v = (this.meta.get<number>(`counter:${name}`) ?? start) + 1;
    this.meta.set(`counter:${name}`, v);
    return v;
  }

  // ------------------------------------------------------------ permissions

  userRole(accountId: string): Role | undefined {
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

  /** The issue as `p` may see it, or Jira's 404 (an issue you cannot see does not exist). */
  visibleIssue(p: Principal, idOrKey: string): IssueDoc {
    const issue = this.issue(idOrKey);
    if (!issue || !this.hasIssue(p, 'BROWSE_PROJECTS', issue)) throw new RestError(404, 'Issue does not exist or you do not have permission to see it.');
    return issue;
  }

}
