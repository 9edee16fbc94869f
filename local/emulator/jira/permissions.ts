// GET /mypermissions: the caller's global, project or issue permissions, by the site's role rules.
import { GLOBAL_PERMISSIONS, PROJECT_PERMISSIONS, RestError, bad } from './model';
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
} satisfies Partial<RouteTable>;
