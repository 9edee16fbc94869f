// UserPermissions on the Jira Cloud REST API v3 (asUser): Jira's own answer to "may this person
// administer / browse / edit", and which requests of a report they may open (issue security).

import { route } from '@forge/api';
import type { UserPermissions, VisibleCandidate } from '../../app/ports';
import type { JiraHttp } from './jira-http';
import { bulkPermissionGrantsSchema, myPermissionsSchema, projectPageSchema, searchKeysSchema } from './jira-schemas';
import { LIMITS, RESERVED_JQL } from './jira-shared';

export class ForgeUserPermissions implements UserPermissions {
  constructor(private readonly http: JiraHttp) {}

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

  async browsableProjects(accountId: string, projectKeys: readonly string[]): Promise<ReadonlySet<string>> {
    const keys = [...new Set(projectKeys)].filter((k) => RESERVED_JQL.test(k));
    const out = new Set<string>();
    if (keys.length === 0) return out;
    // The check takes project ids: the app reads them (it sees every project), 50 keys per page as the spec allows.
    const keyOf = new Map<number, string>();
    for (let i = 0; i < keys.length; i += 50) {
      const params = new URLSearchParams({ maxResults: '50' });
      for (const k of keys.slice(i, i + 50)) params.append('keys', k);
      const page = await this.http.requestJira(route`/rest/api/3/project/search?${params}`, { method: 'GET', schema: projectPageSchema });
      for (const p of page.values ?? []) if (p.id !== undefined && /^\d+$/.test(p.id)) keyOf.set(Number(p.id), p.key);
    }
    const ids = [...keyOf.keys()];
    // At most 1000 projects per check (the spec); a read, so retrying it is safe.
    for (let i = 0; i < ids.length; i += 1000) {
      const body = { accountId, projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: ids.slice(i, i + 1000) }] };
      const res = await this.http.requestJira(route`/rest/api/3/permissions/check`, { method: 'POST', body, schema: bulkPermissionGrantsSchema, idempotent: true });
      for (const grant of res.projectPermissions ?? []) {
        if (grant.permission !== 'BROWSE_PROJECTS') continue;
        for (const id of grant.projects ?? []) {
          const key = keyOf.get(id);
          if (key !== undefined) out.add(key);
        }
      }
    }
    return out;
  }
}
