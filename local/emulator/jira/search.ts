// Reading issues in bulk: JQL search (enhanced search, token-paged, only the asked fields), bulk
// fetch by id or key, and the bulk changelog. An issue the caller may not browse is, to them,
// an issue that does not exist.
import { bad, decodeToken, encodeToken, RestError, type HistoryDoc, type IssueDoc } from './model';
import type { RouteTable } from './routes';

export const searchRoutes = {
  'POST /rest/api/3/search/jql': ({ site, p, body }) => {
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
    const hits = site.search(p, body.jql);
    const page = hits.slice(offset, offset + maxResults);
    const isLast = offset + page.length >= hits.length;
    return {
      status: 200,
      body: {
        issues: page.map((i) => (idsOnly ? site.idOnlyJson(i, properties) : site.issueJson(i, fields, { expand, properties, defaultAll: false }))),
        ...(isLast ? {} : { nextPageToken: encodeToken(offset + page.length) }),
        isLast,
      },
    };
  },

  /**
   * Up to 100 issues by id or key (keys case-insensitively), ascending id. Issues that do not
   * exist or that the caller may not browse are left out, not reported: the spec's `issueErrors`
   * are only for issues Jira could not load this time.
   */
  'POST /rest/api/3/issue/bulkfetch': ({ site, p, body }) => {
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
      const issue = site.issue(String(ref));
      if (issue && site.hasIssue(p, 'BROWSE_PROJECTS', issue)) found.set(issue.id, issue);
    }
    const issues = [...found.values()].sort((a, b) => a.id - b.id).map((issue) => {
      const bean = site.issueJson(issue, fields, { expand, properties, defaultAll: true });
      // expand=changelog here carries at most the 40 most recent histories (the spec).
      const log = bean.changelog as { histories: unknown[]; total: number } | undefined;
      if (log && log.histories.length > 40) bean.changelog = { ...log, startAt: log.histories.length - 40, maxResults: 40, histories: log.histories.slice(-40) };
      return bean;
    });
    return { status: 200, body: { issues, issueErrors: [] } };
  },

  'POST /rest/api/3/changelog/bulkfetch': ({ site, p, body }) => {
    const refs = body.issueIdsOrKeys;
    if (!Array.isArray(refs) || refs.length < 1 || refs.length > 1000) bad('issueIdsOrKeys must hold 1 to 1000 issue IDs or keys.', { issueIdsOrKeys: 'size must be between 1 and 1000' });
    const fieldIds = Array.isArray(body.fieldIds) ? (body.fieldIds as string[]) : undefined;
    if (fieldIds && fieldIds.length > 10) bad('fieldIds may hold at most 10 fields.', { fieldIds: 'size must be between 0 and 10' });
    const maxResults = typeof body.maxResults === 'number' ? body.maxResults : 1000;
    if (maxResults < 1 || maxResults > 10000) bad('maxResults must be between 1 and 10000.');
    const offset = decodeToken(typeof body.nextPageToken === 'string' ? body.nextPageToken : null);
    const fieldSet = fieldIds ? new Set(fieldIds.map((f) => site.field(f)?.id ?? f)) : undefined;
    // Flatten (issue, history) pairs so the page boundary can fall inside an issue's changelog.
    const flat: Array<{ issue: IssueDoc; h: HistoryDoc }> = [];
    for (const ref of refs as Array<string | number>) {
      const issue = site.issue(String(ref));
      if (!issue || !site.hasIssue(p, 'BROWSE_PROJECTS', issue)) continue;
      for (const h of issue.histories) {
        if (!fieldSet || h.items.some((i) => fieldSet.has(i.fieldId))) flat.push({ issue, h });
      }
    }
    const page = flat.slice(offset, offset + maxResults);
    const grouped = new Map<number, unknown[]>();
    for (const { issue, h } of page) {
      const list = grouped.get(issue.id) ?? [];
      list.push(site.historyJson(h, fieldSet));
      grouped.set(issue.id, list);
    }
    return {
      status: 200,
      body: {
        issueChangeLogs: [...grouped.entries()].map(([issueId, changeHistories]) => ({ issueId: String(issueId), changeHistories })),
        ...(offset + page.length < flat.length ? { nextPageToken: encodeToken(offset + page.length) } : {}),
      },
    };
  },
} satisfies Partial<RouteTable>;
