// Permissions by the site's role rules: GET /mypermissions (the caller's global, project or issue
// permissions) and POST /permissions/check (a user's grants over many projects and issues).
import { GLOBAL_PERMISSIONS, PROJECT_PERMISSIONS, RestError, bad, type IssueDoc, type Principal, type SiteProject } from './model';
import type { RouteTable } from './routes';

export const permissionRoutes = {
  'GET /rest/api/3/mypermissions': ({ site, p, q }) => {
    const wanted = (q.get('permissions') ?? '').split(',').filter((x) => x.length > 0);
    if (wanted.length === 0) bad('The permissions query parameter is required.');
    const projectRef = q.get('projectKey') ?? q.get('projectId');
    const issueRef = q.get('issueKey') ?? q.get('issueId');
    const issue = issueRef ? site.issue(issueRef) : undefined;
    if (issueRef && !issue) throw new RestError(404, 'Issue does not exist or you do not have permission to see it.');
    const project = projectRef ? site.project(projectRef) : undefined;
    if (projectRef && !project) throw new RestError(404, 'No project could be found with key or id.');
    const out: Record<string, unknown> = {};
    for (const perm of wanted) {
      const global = (GLOBAL_PERMISSIONS as readonly string[]).includes(perm);
      if (!global && !(PROJECT_PERMISSIONS as readonly string[]).includes(perm)) bad(`Unrecognized permission: ${perm}`);
      let have: boolean;
      if (global) have = site.hasGlobal(p, perm);
      else if (issue) have = site.hasIssue(p, perm, issue);
      else if (project) have = site.hasProject(p, perm, project);
      else have = site.projects.some((pr) => site.hasProject(p, perm, pr));
      out[perm] = { id: String(wanted.indexOf(perm) + 1), key: perm, name: perm.replace(/_/g, ' ').toLowerCase(), type: global ? 'GLOBAL' : 'PROJECT', description: perm, havePermission: have };
    }
    return { status: 200, body: { permissions: out } };
  },

  /**
   * BulkPermissionsRequestBean → BulkPermissionGrants. Another user's permissions only for a Jira
   * administrator or an app calling from its server; invalid project and issue ids are ignored, at
   * most 1000 of each, an unknown permission or account is a 400.
   */
  'POST /rest/api/3/permissions/check': ({ site, p, body }) => {
    const allowed = new Set(['accountId', 'globalPermissions', 'projectPermissions']);
    const extra = Object.keys(body).filter((k) => !allowed.has(k));
    if (extra.length > 0) bad(`Unrecognized field "${extra[0]}"`);
    let subject: Principal = p;
    if (body.accountId !== undefined && body.accountId !== null) {
      if (typeof body.accountId !== 'string' || !site.user(body.accountId)) bad('The accountId is not valid.', { accountId: 'Invalid account ID' });
      if (p.kind === 'user' && p.accountId !== body.accountId && !site.hasGlobal(p, 'ADMINISTER')) throw new RestError(403, 'Only Jira administrators can perform this operation.');
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
      if (site.hasGlobal(subject, perm)) globalOut.push(perm);
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
      const projects = ids(item.projects, `projectPermissions[${i}].projects`).map((id) => site.projects.find((pr) => pr.id === String(id))).filter((pr): pr is SiteProject => pr !== undefined);
      const issues = ids(item.issues, `projectPermissions[${i}].issues`).map((id) => site.issue(String(id))).filter((x): x is IssueDoc => x !== undefined);
      projectCount += projects.length;
      issueCount += issues.length;
      if (projectCount > 1000 || issueCount > 1000) bad('A maximum of 1000 projects and 1000 issues can be checked.');
      for (const perm of perms) {
        const g = grants.get(perm) ?? { projects: new Set<number>(), issues: new Set<number>() };
        for (const pr of projects) if (site.hasProject(subject, perm, pr)) g.projects.add(Number(pr.id));
        for (const is of issues) if (site.hasIssue(subject, perm, is)) g.issues.add(Number(is.id));
        grants.set(perm, g);
      }
    }
    return {
      status: 200,
      body: {
        globalPermissions: globalOut,
        projectPermissions: [...grants].map(([permission, g]) => ({ permission, projects: [...g.projects], issues: [...g.issues] })),
      },
    };
  },
} satisfies Partial<RouteTable>;
