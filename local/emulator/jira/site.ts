// The emulated Jira site: projects, statuses with categories and a free workflow, users with
// permissions, issues with fields (the app's custom fields included), JSM-style public/internal
// comments, changelog and issue properties, persisted in SQLite. `handle()` answers the REST
// operations the app calls through the route table (routes.ts, one file per resource), with the
// JSON shapes of the Jira Cloud platform OpenAPI spec (v3).
import type { Db, Meta } from '../db';
import type { AppManifest } from '../manifest';
import { compileJql, JqlError, type FieldAccessor, type FieldRef, type JqlFields } from '../jql';
import { commentRoutes } from './comment';
import { checkFieldValue, fieldRoutes, valueSchema } from './field';
import { issueRoutes } from './issue';
import { notifyRoutes } from './notify';
import { permissionRoutes } from './permissions';
import { projectRoutes } from './project';
import { propertyRoutes } from './properties';
import { checkRouteTable, matchPath, type RouteContext, type RouteTable } from './routes';
import { searchRoutes } from './search';
import { SiteShapes } from './shapes';
import { transitionRoutes } from './transitions';
import { userRoutes } from './user';
import {
  CATEGORY,
  ISSUE_TYPE,
  PRIORITIES,
  RestError,
  adfToText,
  getPath,
  textToAdf,
  toMs,
  toStr,
  type ChangeItem,
  type CommentDoc,
  type HistoryDoc,
  type IssueDoc,
  type Principal,
  type RestReply,
  type SiteField,
  type SiteStatus,
  type StatusCategoryKey,
} from './model';

const ROUTES: RouteTable = {
  ...fieldRoutes,
  ...searchRoutes,
  ...issueRoutes,
  ...commentRoutes,
  ...notifyRoutes,
  ...transitionRoutes,
  ...propertyRoutes,
  ...userRoutes,
  ...projectRoutes,
  ...permissionRoutes,
};
let routesChecked = false;

export class JiraSite extends SiteShapes {
  constructor(db: Db, meta: Meta, manifest: AppManifest, now: () => number) {
    super(db, meta, manifest, now);
    if (!routesChecked) {
      checkRouteTable(Object.keys(ROUTES));
      routesChecked = true;
    }
  }

  // ------------------------------------------------------------ JQL

  /** `p`: who searches; an issue they cannot see is, to them, an issue that does not exist. */
  jqlFields(p?: Principal): JqlFields<IssueDoc> {
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
      checkFieldValue(f, v, k, valueSchema(this, f));
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

  /** Refuses (400) a value Jira would refuse for this field on an issue edit: its type and manifest schema. */
  checkValue(f: SiteField, value: unknown, where: string): void {
    checkFieldValue(f, value, where, valueSchema(this, f));
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
    let body: Record<string, unknown> = {};
    try {
      if (bodyText) body = JSON.parse(bodyText) as Record<string, unknown>;
    } catch {
      return { status: 400, body: { errorMessages: ['The request body is not valid JSON.'], errors: {} } };
    }
    const { op, params } = matchPath(method, path);
    const route = Object.hasOwn(ROUTES, op) ? (ROUTES[op as keyof RouteTable] as (c: RouteContext) => RestReply) : undefined;
    if (!route) {
      // Only what the app calls, each in the trimmed spec and checked by the contract tests.
      return { status: 404, body: { errorMessages: [`The emulator serves only the Jira operations the app calls (src/adapters/forge/jira-operations.ts); ${op} is not one of them.`], errors: {} } };
    }
    try {
      return route({ site: this, p, params, q: url.searchParams, body, path });
    } catch (e) {
      if (e instanceof RestError) return { status: e.status, body: { errorMessages: [e.message], errors: e.errors } };
      if (e instanceof JqlError) return { status: 400, body: { errorMessages: [e.message], warningMessages: [] } };
      throw e;
    }
  }

  /** The route template a path matched, for call counting (`GET /rest/api/3/issue/{issueIdOrKey}`). */
  static routeOf(method: string, rawPath: string): string {
    return matchPath(method, rawPath).op;
  }
}
