// JiraPort on the Jira Cloud REST API v3. Every call goes through JiraHttp (retry, zod); every
// path is built with `route` so @forge/lint can check the scopes and path parameters are checked.
// Batched: enhanced search with nextPageToken, bulk changelog (≤ 1000 issues), bulk app-field
// writes and bulk issue properties, each written only when it differs from what Jira has.

import { route } from '@forge/api';
import type { z } from 'zod/v3';
import type { AgentRule, SlaRequest } from '../../domain/sla/types';
import { AmbiguousWriteError, AppError, RefusedError } from '../../app/errors';
import type {
  ComputedWrite,
  IssueFacts,
  JiraPort,
  NotifyMessage,
  OpenScope,
  Page,
  StatusCategory,
  TransitionOutcome,
  VisibleCandidate,
  WriteStats,
} from '../../app/ports';
import {
  emptyFields,
  jsonEqual,
  PROPERTY_KEY,
  parseJiraInstant,
  sameInstant,
  storedSlaSchema,
  type ComputedFields,
  type SlaStateFieldValue,
} from '../../app/stored-sla';
import type { JiraStatusOption, Locale } from '../../shared/contract';
import type { AppFieldIds } from './field-directory';
import { JiraClientError, type JiraHttp } from './jira-http';
import {
  bulkChangelogSchema,
  bulkIssuesSchema,
  editMetaSchema,
  createdCommentSchema,
  groupNamesSchema,
  issueBeanSchema,
  myPermissionsSchema,
  taskProgressSchema,
  organizationsSchema,
  pageOfCommentsSchema,
  projectPageSchema,
  searchIdsSchema,
  searchKeysSchema,
  searchResultsSchema,
  statusListSchema,
  transitionsSchema,
  userSchema,
  type IssueBean,
  type JiraChangelog,
  type JiraComment,
} from './jira-schemas';
import { toSlaRequest } from './jira-timeline';

/** Page sizes: issues with fields per search page, ids per page, issues per bulk write. */
export const LIMITS = {
  searchPage: 100,
  idPage: 5000,
  changelogIssues: 1000,
  changelogPage: 10000,
  writeIssues: 100,
  bulkFetch: 100,
} as const;

/** Tries of a comment or transition whose answer was lost (each after checking it did not apply). */
const AMBIGUOUS_ATTEMPTS = 3;

const RESERVED_JQL = /^[A-Z][A-Z0-9_]*$/;

/** `cf[10050]` for `customfield_10050`: a field's name can be translated or carry "(Dev)", its id cannot. */
function clauseOf(fieldId: string): string {
  const m = /^customfield_(\d+)$/.exec(fieldId);
  if (!m) throw new AppError('UPSTREAM', `"${fieldId}" is not a custom field id`);
  return `cf[${m[1]}]`;
}

function category(key: string | undefined): StatusCategory {
  if (key === 'done') return 'done';
  if (key === 'new') return 'new';
  return 'indeterminate';
}

function asString(v: unknown): string | null {
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && 'value' in v && typeof (v as { value: unknown }).value === 'string') return (v as { value: string }).value;
  return null;
}

function asStateValue(v: unknown): SlaStateFieldValue | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (typeof o.state !== 'string') return null;
  return {
    state: o.state as SlaStateFieldValue['state'],
    breached: o.breached === 'yes' ? 'yes' : 'no',
    paused: o.paused === 'yes' ? 'yes' : 'no',
    ...(typeof o.nextCheck === 'string' ? { nextCheck: o.nextCheck } : {}),
  };
}

function localeOf(text: string | undefined): Locale | null {
  if (!text) return null;
  return text.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/** An ADF document of plain paragraphs (one per line). */
export function adfParagraphs(text: string): unknown {
  return {
    type: 'doc',
    version: 1,
    content: text.split('\n').map((line) => (line === '' ? { type: 'paragraph', content: [] } : { type: 'paragraph', content: [{ type: 'text', text: line }] })),
  };
}

/** The plain text of an ADF document, one line per block: Jira may normalise the ADF it stores, not the words. */
export function adfText(doc: unknown): string {
  const lines: string[] = [];
  const walk = (node: unknown, line: string[]): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: unknown; text?: unknown; content?: unknown };
    if (typeof n.text === 'string') line.push(n.text);
    if (Array.isArray(n.content)) {
      const block = n.type === 'paragraph' || n.type === 'heading';
      const inner = block ? [] : line;
      for (const child of n.content) walk(child, inner);
      if (block) lines.push(inner.join(''));
    } else if (n.type === 'paragraph') lines.push('');
  };
  walk(doc, []);
  return lines.join('\n');
}

interface CommentsInfo {
  comments: JiraComment[];
  total: number;
}

/** Reads of a bulk property task before the write counts as failed, and the wait step between them. */
const PROPERTY_TASK_POLLS = 6;
const PROPERTY_TASK_WAIT_MS = 250;

export class ForgeJiraAdapter implements JiraPort {
  /** Raw comments seen with each issue's facts, so loadRequests need not fetch them again. */
  private readonly commentsOf = new WeakMap<IssueFacts, CommentsInfo>();
  private readonly groupsCache = new Map<string, readonly string[]>();
  /** GET /user once per person per invocation: a sweep meets the same agents and customers on many issues. */
  private readonly usersCache = new Map<string, Promise<z.infer<typeof userSchema> | null>>();
  private bulkProperties = true;

  constructor(
    private readonly http: JiraHttp,
    private readonly fieldIds: () => Promise<AppFieldIds>,
  ) {}

  private async searchFields(): Promise<string[]> {
    const f = await this.fieldIds();
    const base = ['summary', 'status', 'created', 'updated', 'project', 'reporter', 'assignee', 'comment', f.package, f.priority, f.reactionDue, f.resolutionDue, f.state];
    return f.organizations ? [...base, f.organizations] : base;
  }

  private toFacts(bean: IssueBean, f: AppFieldIds): IssueFacts {
    const fields = bean.fields ?? {};
    const status = (fields.status ?? {}) as { name?: string; statusCategory?: { key?: string } };
    const project = (fields.project ?? {}) as { key?: string; projectTypeKey?: string };
    const reporter = (fields.reporter ?? null) as { accountId?: string; emailAddress?: string } | null;
    const assignee = (fields.assignee ?? null) as { accountId?: string; displayName?: string } | null;
    const created = typeof fields.created === 'string' ? parseJiraInstant(fields.created) : null;
    if (created === null) throw new AppError('UPSTREAM', `issue ${bean.key} has no readable "created" date`);
    const storedRaw = bean.properties?.[PROPERTY_KEY];
    const stored = storedRaw === undefined ? null : storedSlaSchema.safeParse(storedRaw);
    const commentPage = pageOfCommentsSchema.safeParse(fields.comment ?? {});
    // Most users' e-mail is hidden from apps (privacy settings): the JSM organizations identify the customer.
    const email = reporter?.emailAddress ?? null;
    const orgs = f.organizations ? organizationsSchema.safeParse(fields[f.organizations] ?? []) : null;
    const organizations = orgs?.success ? [...new Set(orgs.data.map((o) => o.name.trim()).filter((n) => n !== ''))] : [];
    const comments = commentPage.success ? (commentPage.data.comments ?? []) : [];
    const commentTotal = commentPage.success ? (commentPage.data.total ?? comments.length) : 0;
    const facts: IssueFacts = {
      id: bean.id,
      key: bean.key,
      projectKey: project.key ?? bean.key.replace(/-\d+$/, ''),
      projectTypeKey: project.projectTypeKey ?? null,
      summary: typeof fields.summary === 'string' ? fields.summary : '',
      status: { name: status.name ?? '', category: category(status.statusCategory?.key) },
      createdMs: created,
      updatedMs: typeof fields.updated === 'string' ? parseJiraInstant(fields.updated) : null,
      commentTotal,
      reporter: {
        accountId: reporter?.accountId ?? null,
        emailDomain: email && email.includes('@') ? email.slice(email.indexOf('@') + 1).toLowerCase() : null,
        organization: organizations.length > 0 ? organizations.join(', ') : null,
        organizations,
      },
      assignee: assignee ? (assignee.displayName ?? assignee.accountId ?? null) : null,
      assigneeAccountId: assignee?.accountId ?? null,
      packageId: asString(fields[f.package]),
      priorityId: asString(fields[f.priority]),
      stored: stored && stored.success ? stored.data : null,
      written: {
        reactionDue: asString(fields[f.reactionDue]),
        resolutionDue: asString(fields[f.resolutionDue]),
        state: asStateValue(fields[f.state]),
      },
    };
    this.commentsOf.set(facts, { comments, total: commentTotal });
    return facts;
  }

  private async search(jql: string, fields: string[], maxResults: number, pageToken: string | null, withProperty: boolean) {
    const body: Record<string, unknown> = { jql, fields, maxResults };
    if (withProperty) body.properties = [PROPERTY_KEY];
    if (pageToken) body.nextPageToken = pageToken;
    return this.http.requestJira(route`/rest/api/3/search/jql`, { method: 'POST', body, schema: searchResultsSchema, idempotent: true });
  }

  private async searchFacts(jql: string, pageToken: string | null, maxResults: number = LIMITS.searchPage): Promise<Page<IssueFacts>> {
    const f = await this.fieldIds();
    const res = await this.search(jql, await this.searchFields(), maxResults, pageToken, true);
    return { items: (res.issues ?? []).map((b) => this.toFacts(b, f)), nextPageToken: res.isLast === true ? null : (res.nextPageToken ?? null) };
  }

  async findDue(pageToken: string | null): Promise<Page<IssueFacts>> {
    // The worklist comes from the read-only SLA state field, which only the app can write: the
    // issue property is a cache any agent can PUT (a far-future nextCheckAt would silence breaches).
    const f = await this.fieldIds();
    return this.searchFacts(`${clauseOf(f.state)}.NextCheck <= now() ORDER BY key ASC`, pageToken);
  }

  async findUpdatedSince(minutes: number, projectKeys: readonly string[] | null, pageToken: string | null): Promise<Page<IssueFacts>> {
    const projects = projectKeys === null ? null : projectKeys.filter((k) => RESERVED_JQL.test(k));
    if (projects !== null && projects.length === 0) return { items: [], nextPageToken: null };
    // A relative date: no time zone question between the app and the site.
    const window = `updated >= "-${Math.max(1, Math.ceil(minutes))}m"`;
    return this.searchFacts(`${projects === null ? '' : `project in (${projects.join(', ')}) AND `}${window} ORDER BY updated ASC, key ASC`, pageToken);
  }

  /** Status names → ids on this site, read once per invocation. */
  private statusIds: Promise<Map<string, string>> | null = null;

  private async idsOfStatuses(names: readonly string[]): Promise<string[]> {
    if (names.length === 0) return [];
    this.statusIds ??= this.listStatuses().then((list) => new Map(list.map((s) => [s.name.toLowerCase(), s.id])));
    const byName = await this.statusIds.catch((e: unknown) => {
      this.statusIds = null;
      throw e;
    });
    return [...new Set(names.map((n) => byName.get(n.toLowerCase())).filter((id): id is string => id !== undefined))];
  }

  async findOpenIds(scope: OpenScope, pageToken: string | null): Promise<Page<string>> {
    // Status ids, not names: Jira refuses the whole query (400) for a name the site does not have
    // (renamed or deleted since the configuration was saved), and such a status has no issues anyway.
    const also = await this.idsOfStatuses(scope.alsoStatuses);
    const open = also.length > 0 ? `(statusCategory != Done OR status in (${also.join(', ')}))` : 'statusCategory != Done';
    const projects = scope.projectKeys === null ? null : scope.projectKeys.filter((k) => RESERVED_JQL.test(k));
    if (projects !== null && projects.length === 0) return { items: [], nextPageToken: null };
    const jql = `${projects === null ? '' : `project in (${projects.join(', ')}) AND `}${open} ORDER BY key ASC`;
    const body: Record<string, unknown> = { jql, fields: ['id'], maxResults: LIMITS.idPage };
    if (pageToken) body.nextPageToken = pageToken;
    const res = await this.http.requestJira(route`/rest/api/3/search/jql`, { method: 'POST', body, schema: searchIdsSchema });
    return { items: (res.issues ?? []).map((i) => i.id), nextPageToken: res.isLast === true ? null : (res.nextPageToken ?? null) };
  }

  async loadFacts(idsOrKeys: readonly string[]): Promise<IssueFacts[]> {
    if (idsOrKeys.length === 0) return [];
    if (idsOrKeys.length === 1) {
      const idOrKey = idsOrKeys[0]!;
      const f = await this.fieldIds();
      const params = new URLSearchParams({ fields: (await this.searchFields()).join(','), properties: PROPERTY_KEY });
      const bean = await this.http.requestJira(route`/rest/api/3/issue/${idOrKey}?${params}`, {
        method: 'GET',
        schema: issueBeanSchema,
        allow: [404],
      });
      return bean ? [this.toFacts(bean, f)] : [];
    }
    // Bulk fetch, not `id in (…)`: Jira refuses a whole JQL query (400) when one listed issue was
    // deleted or is hidden, while bulk fetch leaves such issues out.
    const f = await this.fieldIds();
    const fields = await this.searchFields();
    const out: IssueFacts[] = [];
    for (let i = 0; i < idsOrKeys.length; i += LIMITS.bulkFetch) {
      const chunk = idsOrKeys.slice(i, i + LIMITS.bulkFetch);
      let res = await this.bulkFetch(chunk, fields);
      const beans = [...(res.issues ?? [])];
      // issueErrors: issues Jira could not load this time (not missing ones): ask once more.
      const again = (res.issueErrors ?? []).map((e) => e.id).filter((id): id is string => typeof id === 'string');
      if (again.length > 0) {
        res = await this.bulkFetch(again, fields);
        beans.push(...(res.issues ?? []));
        if ((res.issueErrors ?? []).length > 0) {
          throw new AppError('UPSTREAM', `Jira could not load ${(res.issueErrors ?? []).length} issue(s): ${(res.issueErrors ?? []).map((e) => e.errorMessage ?? e.id).join('; ')}`);
        }
      }
      out.push(...beans.map((b) => this.toFacts(b, f)));
    }
    return out;
  }

  private bulkFetch(idsOrKeys: readonly string[], fields: string[]) {
    return this.http.requestJira(route`/rest/api/3/issue/bulkfetch`, {
      method: 'POST',
      body: { issueIdsOrKeys: idsOrKeys, fields, properties: [PROPERTY_KEY] },
      schema: bulkIssuesSchema,
    });
  }

  async findOpenInProject(projectKey: string, limit: number): Promise<IssueFacts[]> {
    if (!RESERVED_JQL.test(projectKey)) throw new AppError('BAD_REQUEST', `projectKey: "${projectKey}" is not a Jira project key`);
    const page = await this.searchFacts(`project = ${projectKey} AND statusCategory != Done ORDER BY created ASC`, null, Math.min(limit, LIMITS.searchPage));
    return page.items;
  }

  private async changelogs(ids: readonly string[], f: AppFieldIds): Promise<Map<string, JiraChangelog[]>> {
    const out = new Map<string, JiraChangelog[]>();
    for (let i = 0; i < ids.length; i += LIMITS.changelogIssues) {
      const chunk = ids.slice(i, i + LIMITS.changelogIssues);
      let token: string | null = null;
      do {
        const body: Record<string, unknown> = {
          issueIdsOrKeys: chunk,
          fieldIds: ['status', f.package, f.priority],
          maxResults: LIMITS.changelogPage,
        };
        if (token) body.nextPageToken = token;
        const res = await this.http.requestJira(route`/rest/api/3/changelog/bulkfetch`, { method: 'POST', body, schema: bulkChangelogSchema, idempotent: true });
        for (const log of res.issueChangeLogs ?? []) {
          const list = out.get(log.issueId) ?? [];
          list.push(...(log.changeHistories ?? []));
          out.set(log.issueId, list);
        }
        token = res.nextPageToken ?? null;
      } while (token);
    }
    return out;
  }

  /** Comments beyond what the issue's `comment` field carried (long conversations only). */
  private async allComments(facts: IssueFacts): Promise<JiraComment[]> {
    const seen = this.commentsOf.get(facts);
    if (seen && seen.comments.length >= seen.total) return seen.comments;
    const out: JiraComment[] = [];
    for (let startAt = 0; ; ) {
      const params = new URLSearchParams({ startAt: String(startAt), maxResults: '100', orderBy: 'created' });
      const page = await this.http.requestJira(route`/rest/api/3/issue/${facts.id}/comment?${params}`, { method: 'GET', schema: pageOfCommentsSchema });
      const list = page.comments ?? [];
      out.push(...list);
      startAt += list.length;
      if (list.length === 0 || startAt >= (page.total ?? 0)) break;
    }
    return out;
  }

  private async groupsOf(accountId: string): Promise<readonly string[]> {
    const hit = this.groupsCache.get(accountId);
    if (hit) return hit;
    const params = new URLSearchParams({ accountId });
    // 403 without "Browse users and groups" (a site setting the app cannot change): the author's
    // groups are unknown, read as none, so the panel and the sweep still work.
    const res = await this.http.requestJira(route`/rest/api/3/user/groups?${params}`, { method: 'GET', schema: groupNamesSchema, allow: [403, 404] });
    const names = (res ?? []).map((g) => g.name ?? '').filter((n) => n !== '');
    this.groupsCache.set(accountId, names);
    return names;
  }

  async loadRequests(facts: readonly IssueFacts[], agentRuleFor: (projectKey: string) => AgentRule): Promise<Map<string, SlaRequest>> {
    const out = new Map<string, SlaRequest>();
    if (facts.length === 0) return out;
    const f = await this.fieldIds();
    const logs = await this.changelogs(
      facts.map((x) => x.id),
      f,
    );
    for (const fact of facts) {
      const rule = agentRuleFor(fact.projectKey);
      const comments = await this.allComments(fact);
      const changelog = logs.get(fact.id) ?? [];
      let groups: Map<string, readonly string[]> | undefined;
      if (rule.kind === 'groups') {
        groups = new Map();
        const authors = new Set<string>();
        for (const c of comments) if (c.author?.accountId) authors.add(c.author.accountId);
        for (const h of changelog) if (h.author?.accountId) authors.add(h.author.accountId);
        for (const a of authors) groups.set(a, await this.groupsOf(a));
      }
      out.set(
        fact.id,
        toSlaRequest({
          facts: fact,
          changelog,
          comments,
          fieldIds: { package: f.package, priority: f.priority },
          rule,
          ...(groups ? { groupsOf: (id: string) => groups.get(id) ?? [] } : {}),
        }),
      );
    }
    return out;
  }

  async writeComputed(writes: readonly ComputedWrite[]): Promise<WriteStats> {
    const f = await this.fieldIds();
    const stats: WriteStats = { fieldWrites: 0, propertyWrites: 0 };
    // Group identical values per field so one update entry covers many issues.
    type Update = { customField: string; value: unknown; issueIds: number[] };
    const fieldChanges: Array<{ issueId: number; field: string; value: unknown }> = [];
    const propertyChanges: Array<{ issueID: number; properties: Record<string, unknown> }> = [];
    for (const w of writes) {
      const issueId = Number(w.facts.id);
      const before: ComputedFields = w.facts.written ?? emptyFields;
      if (!sameInstant(before.reactionDue, w.fields.reactionDue)) fieldChanges.push({ issueId, field: f.reactionDue, value: w.fields.reactionDue });
      if (!sameInstant(before.resolutionDue, w.fields.resolutionDue)) fieldChanges.push({ issueId, field: f.resolutionDue, value: w.fields.resolutionDue });
      if (!jsonEqual(before.state, w.fields.state)) fieldChanges.push({ issueId, field: f.state, value: w.fields.state });
      if (!jsonEqual(w.facts.stored, w.stored)) propertyChanges.push({ issueID: issueId, properties: { [PROPERTY_KEY]: w.stored } });
    }
    const byIssue = new Map<number, Array<{ field: string; value: unknown }>>();
    for (const c of fieldChanges) byIssue.set(c.issueId, [...(byIssue.get(c.issueId) ?? []), c]);
    const issueIds = [...byIssue.keys()];
    for (let i = 0; i < issueIds.length; i += LIMITS.writeIssues) {
      const updates = new Map<string, Update>();
      for (const id of issueIds.slice(i, i + LIMITS.writeIssues)) {
        for (const c of byIssue.get(id)!) {
          const k = `${c.field}\u0000${JSON.stringify(c.value)}`;
          const u = updates.get(k) ?? { customField: c.field, value: c.value, issueIds: [] };
          u.issueIds.push(id);
          updates.set(k, u);
        }
      }
      const params = new URLSearchParams({ generateChangelog: 'false' });
      // Sets values: repeating it after a lost answer sets the same values again.
      await this.http.requestJira(route`/rest/api/3/app/field/value?${params}`, { method: 'POST', body: { updates: [...updates.values()] }, idempotent: true });
      stats.fieldWrites++;
    }
    for (let i = 0; i < propertyChanges.length; i += LIMITS.writeIssues) {
      const slice = propertyChanges.slice(i, i + LIMITS.writeIssues);
      if (slice.length === 1 || !this.bulkProperties) {
        for (const one of slice) await this.putProperty(one.issueID, one.properties[PROPERTY_KEY]);
        stats.propertyWrites += slice.length;
        continue;
      }
      try {
        // 303 = accepted as an asynchronous, non-transactional task: only its end state says whether
        // every property was set. Should the platform follow the redirect, the 2xx body is the task.
        let location: string | null = null;
        const followed = await this.http.requestJira(route`/rest/api/3/issue/properties/multi`, {
          method: 'POST',
          body: { issues: slice },
          allow: [303],
          schema: taskProgressSchema,
          idempotent: true,
          onAllowed: (_status, headers) => {
            location = headers.get('location');
          },
        });
        stats.propertyWrites++;
        await this.awaitPropertyTask(followed, location);
      } catch (e) {
        // 404 is not an answer the spec lists for this route: a Jira (or proxy) without the bulk
        // endpoint. Fall back to one PUT per issue for the rest of this invocation.
        if (!(e instanceof JiraClientError && e.status === 404)) throw e;
        this.bulkProperties = false;
        for (const one of slice) await this.putProperty(one.issueID, one.properties[PROPERTY_KEY]);
        stats.propertyWrites += slice.length;
      }
    }
    return stats;
  }

  /**
   * Polls the bulk property task until it ends (bounded: PROPERTY_TASK_POLLS reads, waits from the
   * retry budget). FAILED, CANCELLED, DEAD or still running is a failed write: the caller's chunk
   * fails and its normal retry writes the same values again (idempotent).
   */
  private async awaitPropertyTask(first: z.infer<typeof taskProgressSchema> | null, location: string | null): Promise<void> {
    let task = first;
    const taskId = task?.id ?? (location ? /\/rest\/api\/3\/task\/([^/?#]+)/.exec(location)?.[1] ?? null : null);
    if (taskId === null) throw new AppError('UPSTREAM', `Jira accepted the bulk property write without a task location (${location ?? 'none'})`);
    for (let read = 0; task === null || task.status === 'ENQUEUED' || task.status === 'RUNNING'; read++) {
      if (read >= PROPERTY_TASK_POLLS) throw new AppError('UPSTREAM', `bulk property task ${taskId} still ${task?.status ?? 'unread'} after ${read} reads`);
      if (read > 0 && !(await this.http.pause(PROPERTY_TASK_WAIT_MS * read))) throw new AppError('UPSTREAM', `bulk property task ${taskId} still ${task?.status ?? 'unread'}: wait budget spent`);
      task = await this.http.requestJira(route`/rest/api/3/task/${taskId}`, { method: 'GET', schema: taskProgressSchema });
    }
    if (task.status !== 'COMPLETE') throw new AppError('UPSTREAM', `bulk property task ${taskId} ended ${task.status}${task.message ? `: ${task.message}` : ''}`);
  }

  private async putProperty(issueId: number, value: unknown): Promise<void> {
    await this.http.requestJira(route`/rest/api/3/issue/${String(issueId)}/properties/${PROPERTY_KEY}`, { method: 'PUT', body: value });
  }

  async currentStatus(issueId: string): Promise<{ name: string; category: StatusCategory } | null> {
    const params = new URLSearchParams({ fields: 'status' });
    const bean = await this.http.requestJira(route`/rest/api/3/issue/${issueId}?${params}`, {
      method: 'GET',
      schema: issueBeanSchema,
      allow: [404],
    });
    if (!bean) return null;
    const status = (bean.fields?.status ?? {}) as { name?: string; statusCategory?: { key?: string } };
    return { name: status.name ?? '', category: category(status.statusCategory?.key) };
  }

  async transitionTo(issueId: string, statusNames: readonly string[]): Promise<TransitionOutcome> {
    const wanted = new Set(statusNames.map((s) => s.toLowerCase()));
    const now = await this.currentStatus(issueId);
    if (!now) return 'unavailable';
    if (wanted.has(now.name.toLowerCase())) return 'alreadyThere';
    const expand = new URLSearchParams({ expand: 'transitions.fields' });
    const list = await this.http.requestJira(route`/rest/api/3/issue/${issueId}/transitions?${expand}`, { method: 'GET', schema: transitionsSchema });
    const t = (list.transitions ?? []).find((x) => x.to && wanted.has(x.to.name.toLowerCase()));
    if (!t) return 'unavailable';
    // Closing screens often require a resolution: give the first one the workflow allows.
    const body: { transition: { id: string }; fields?: Record<string, unknown> } = { transition: { id: t.id } };
    const resolution = t.fields?.resolution;
    if (resolution?.required) {
      const first = resolution.allowedValues?.find((v): v is { id: string } => typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string');
      if (first) body.fields = { resolution: { id: first.id } };
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.http.requestJira(route`/rest/api/3/issue/${issueId}/transitions`, { method: 'POST', body });
        return 'transitioned';
      } catch (e) {
        // Someone (or a concurrent sweep) moved it meanwhile: fine if it is where we wanted it.
        if (e instanceof JiraClientError && (e.status === 400 || e.status === 409)) {
          const after = await this.currentStatus(issueId);
          return after && wanted.has(after.name.toLowerCase()) ? 'alreadyThere' : 'unavailable';
        }
        if (!(e instanceof AmbiguousWriteError) || attempt >= AMBIGUOUS_ATTEMPTS) throw e;
        // The answer was lost: the status says whether Jira applied it; only if not, try again.
        const after = await this.currentStatus(issueId);
        if (after && wanted.has(after.name.toLowerCase())) return 'transitioned';
        if (!after || after.name.toLowerCase() !== now.name.toLowerCase()) return 'unavailable';
      }
    }
  }

  async addComment(issueId: string, text: string, opts: { internal?: boolean } = {}): Promise<void> {
    const adf = adfParagraphs(text);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.http.requestJira(route`/rest/api/3/issue/${issueId}/comment`, {
          method: 'POST',
          // JSM reads this entity property: an internal note, hidden from the customer.
          body: { body: adf, ...(opts.internal ? { properties: [{ key: 'sd.public.comment', value: { internal: true } }] } : {}) },
          schema: createdCommentSchema,
        });
        return;
      } catch (e) {
        if (!(e instanceof AmbiguousWriteError) || attempt >= AMBIGUOUS_ATTEMPTS) throw e;
        // The answer was lost: post again only if the issue does not show this comment by the app.
        if (await this.hasOwnComment(issueId, text, opts.internal === true)) return;
      }
    }
  }

  /** Whether one of the issue's latest comments is the app's with exactly this body. */
  private async hasOwnComment(issueId: string, text: string, internal: boolean): Promise<boolean> {
    const params = new URLSearchParams({ startAt: '0', maxResults: '50', orderBy: '-created' });
    let page: z.infer<typeof pageOfCommentsSchema>;
    try {
      page = await this.http.requestJira(route`/rest/api/3/issue/${issueId}/comment?${params}`, { method: 'GET', schema: pageOfCommentsSchema });
    } catch (e) {
      // Cannot tell: the outcome stays unknown and the caller must not repeat it.
      throw new AmbiguousWriteError(`comment on ${issueId}: outcome unknown and the comments could not be read (${e instanceof Error ? e.message : String(e)})`, null);
    }
    return (page.comments ?? []).some((c) => c.author?.accountType === 'app' && (c.jsdPublic === false) === internal && adfText(c.body) === text);
  }

  async notify(issueId: string, message: NotifyMessage): Promise<void> {
    const { accountIds, groups, ...roles } = message.to;
    const to = {
      ...roles,
      ...(accountIds && accountIds.length > 0 ? { users: accountIds.map((accountId) => ({ accountId })) } : {}),
      ...(groups && groups.length > 0 ? { groups: groups.map((name) => ({ name })) } : {}),
    };
    await this.http.requestJira(route`/rest/api/3/issue/${issueId}/notify`, {
      method: 'POST',
      body: { subject: message.subject, textBody: message.textBody, htmlBody: message.htmlBody, to },
    });
  }

  async editIssue(issueId: string, change: { readonly assigneeAccountId?: string; readonly priorityName?: string }): Promise<void> {
    const fields: Record<string, unknown> = {};
    if (change.assigneeAccountId !== undefined) fields.assignee = { accountId: change.assigneeAccountId };
    if (change.priorityName !== undefined) fields.priority = { name: change.priorityName };
    if (Object.keys(fields).length === 0) return;
    const meta = await this.http.requestJira(route`/rest/api/3/issue/${issueId}/editmeta`, { method: 'GET', schema: editMetaSchema });
    for (const k of Object.keys(fields)) {
      if (!meta.fields || !(k in meta.fields)) throw new RefusedError(`${k} is not on the issue's edit screen, so it cannot be set`, 400);
    }
    await this.http.requestJira(route`/rest/api/3/issue/${issueId}`, { method: 'PUT', body: { fields } });
  }

  async addLabel(issueId: string, label: string): Promise<void> {
    // Jira refuses a field that is not on the edit screen (400 "Field 'labels' cannot be set"):
    // editmeta says beforehand, and the refusal is permanent for this issue's screen.
    const meta = await this.http.requestJira(route`/rest/api/3/issue/${issueId}/editmeta`, { method: 'GET', schema: editMetaSchema });
    if (!meta.fields || !('labels' in meta.fields)) throw new RefusedError("Labels is not on the issue's edit screen, so the label cannot be set", 400);
    // notifyUsers stays default: turning it off needs admin rights; the edit is the app's own (ignoreSelf).
    await this.http.requestJira(route`/rest/api/3/issue/${issueId}`, { method: 'PUT', body: { update: { labels: [{ add: label }] } } });
  }

  private user(accountId: string): Promise<z.infer<typeof userSchema> | null> {
    const hit = this.usersCache.get(accountId);
    if (hit) return hit;
    const params = new URLSearchParams({ accountId });
    const user = this.http.requestJira(route`/rest/api/3/user?${params}`, { method: 'GET', schema: userSchema, allow: [403, 404] });
    // A failed read is not remembered: the next caller in this invocation asks again.
    user.catch(() => this.usersCache.delete(accountId));
    this.usersCache.set(accountId, user);
    return user;
  }

  async userLocale(accountId: string): Promise<Locale | null> {
    return localeOf((await this.user(accountId))?.locale);
  }

  /** Sets the Service package / SLA priority field as the app (Automation actions); changelog kept, people see who changed it. */
  async setChoice(issueId: string, field: 'package' | 'priority', value: string | null): Promise<void> {
    const f = await this.fieldIds();
    const params = new URLSearchParams({ generateChangelog: 'true' });
    await this.http.requestJira(route`/rest/api/3/app/field/value?${params}`, {
      method: 'POST',
      body: { updates: [{ customField: f[field], issueIds: [Number(issueId)], value }] },
    });
  }

  async listStatuses(): Promise<JiraStatusOption[]> {
    const list = await this.http.requestJira(route`/rest/api/3/status`, { method: 'GET', schema: statusListSchema });
    return list.map((s) => ({ id: s.id, name: s.name, category: category(s.statusCategory?.key) }));
  }

  async listProjects(): Promise<Array<{ key: string; name: string }>> {
    const out: Array<{ key: string; name: string }> = [];
    for (let startAt = 0; startAt < 5000; startAt += 50) {
      const params = new URLSearchParams({ startAt: String(startAt), maxResults: '50' });
      const page = await this.http.requestJira(route`/rest/api/3/project/search?${params}`, { method: 'GET', schema: projectPageSchema });
      const values = page.values ?? [];
      out.push(...values.map((p) => ({ key: p.key, name: p.name ?? p.key })));
      if (values.length < 50 || page.isLast !== false) break;
    }
    return out;
  }

  async isJiraAdmin(): Promise<boolean> {
    const params = new URLSearchParams({ permissions: 'ADMINISTER' });
    const res = await this.http.requestJira(route`/rest/api/3/mypermissions?${params}`, { method: 'GET', schema: myPermissionsSchema });
    return res.permissions?.ADMINISTER?.havePermission === true;
  }

  async isProjectAdmin(projectKey: string): Promise<boolean> {
    const params = new URLSearchParams({ projectKey, permissions: 'ADMINISTER_PROJECTS' });
    // 404: no such project, or one the caller cannot see; either way not theirs to administer.
    const res = await this.http.requestJira(route`/rest/api/3/mypermissions?${params}`, { method: 'GET', schema: myPermissionsSchema, allow: [404] });
    return res?.permissions?.ADMINISTER_PROJECTS?.havePermission === true;
  }

  async canEditIssue(issueIdOrKey: string): Promise<boolean> {
    const params = new URLSearchParams({ issueKey: issueIdOrKey, permissions: 'EDIT_ISSUES' });
    // 404: no such issue, or one the caller cannot see; either way not theirs to edit.
    const res = await this.http.requestJira(route`/rest/api/3/mypermissions?${params}`, { method: 'GET', schema: myPermissionsSchema, allow: [404] });
    return res?.permissions?.EDIT_ISSUES?.havePermission === true;
  }

  async visibleRequests(rows: readonly VisibleCandidate[], limit: number): Promise<ReadonlySet<string> | null> {
    const seen = new Set<string>();
    if (rows.length === 0) return seen;
    const projects = [...new Set(rows.map((r) => r.project))].filter((k) => RESERVED_JQL.test(k)).sort();
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rows) {
      if (r.createdMs < lo) lo = r.createdMs;
      if (r.createdMs > hi) hi = r.createdMs;
    }
    // Whole UTC days, widened by one on each side: Jira reads the dates in the user's zone (±14 h).
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const window = `created >= "${day(lo - 86_400_000)}" AND created < "${day(hi + 2 * 86_400_000)}"`;
    let listed = 0;
    for (let i = 0; i < projects.length; i += 100) {
      const jql = `project in (${projects.slice(i, i + 100).join(', ')}) AND ${window} ORDER BY key ASC`;
      let token: string | null = null;
      do {
        const body: Record<string, unknown> = { jql, fields: ['key'], maxResults: LIMITS.idPage };
        if (token) body.nextPageToken = token;
        const res = await this.http.requestJira(route`/rest/api/3/search/jql`, { method: 'POST', body, schema: searchKeysSchema, idempotent: true });
        for (const issue of res.issues ?? []) seen.add(issue.key);
        listed += (res.issues ?? []).length;
        if (listed > limit) return null;
        token = res.isLast === true ? null : (res.nextPageToken ?? null);
      } while (token);
    }
    return new Set(rows.map((r) => r.key).filter((k) => seen.has(k)));
  }

  async canBrowseProject(projectKey: string | null): Promise<boolean> {
    // Without a project Jira answers whether the user has the permission in at least one project.
    const params = new URLSearchParams({ ...(projectKey === null ? {} : { projectKey }), permissions: 'BROWSE_PROJECTS' });
    // 404: no such project, or one the caller cannot see.
    const res = await this.http.requestJira(route`/rest/api/3/mypermissions?${params}`, { method: 'GET', schema: myPermissionsSchema, allow: [404] });
    return res?.permissions?.BROWSE_PROJECTS?.havePermission === true;
  }

  async userDisplayName(accountId: string): Promise<string | null> {
    // The same few people save most versions: one GET per person per invocation.
    return (await this.user(accountId))?.displayName ?? null;
  }
}
