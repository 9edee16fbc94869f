// RequestSource on the Jira Cloud REST API v3: the sweep's and the reconciliation pass's
// worklists (enhanced search with nextPageToken), facts by id (bulk fetch), histories (bulk
// changelog ≤ 1000 issues, comments, the authors' groups). Paths are built with `route`.

import { route } from '@forge/api';
import type { AgentRule, SlaRequest } from '../../domain/sla/types';
import { AppError } from '../../app/errors';
import type { Directory, IssueFacts, OpenScope, Page, RequestSource } from '../../app/ports';
import { PROPERTY_KEY, parseJiraInstant, storedSlaSchema, type SlaStateFieldValue } from '../../app/stored-sla';
import { choiceId } from '../../shared/choice-value';
import type { AppFieldIds } from './field-directory';
import type { JiraHttp } from './jira-http';
import {
  bulkChangelogSchema,
  bulkIssuesSchema,
  groupNamesSchema,
  issueBeanSchema,
  organizationsSchema,
  pageOfCommentsSchema,
  searchIdsSchema,
  searchResultsSchema,
  type IssueBean,
  type JiraChangelog,
  type JiraComment,
} from './jira-schemas';
import { asString, category, LIMITS, RESERVED_JQL } from './jira-shared';
import { toSlaRequest } from './jira-timeline';

/** `cf[10050]` for `customfield_10050`: a field's name can be translated or carry "(Dev)", its id cannot. */
function clauseOf(fieldId: string): string {
  const m = /^customfield_(\d+)$/.exec(fieldId);
  if (!m) throw new AppError('UPSTREAM', `"${fieldId}" is not a custom field id`);
  return `cf[${m[1]}]`;
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

interface CommentsInfo {
  comments: JiraComment[];
  total: number;
}

export class ForgeRequestSource implements RequestSource {
  /** Raw comments seen with each issue's facts, so loadRequests need not fetch them again. */
  private readonly commentsOf = new WeakMap<IssueFacts, CommentsInfo>();
  private readonly groupsCache = new Map<string, readonly string[]>();

  constructor(
    private readonly http: JiraHttp,
    private readonly fieldIds: () => Promise<AppFieldIds>,
    /** Status names → ids for the full recompute's JQL. */
    private readonly statuses: Pick<Directory, 'listStatuses'>,
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
      packageId: choiceId(fields[f.package]),
      priorityId: choiceId(fields[f.priority]),
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
    this.statusIds ??= this.statuses.listStatuses().then((list) => new Map(list.map((s) => [s.name.toLowerCase(), s.id])));
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
}
