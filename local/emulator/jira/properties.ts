// Issue properties: one property set on one issue, and the bulk "set properties by issue", which
// Jira runs as an async task (303 to the task; GET /task/{taskId} reports it). The bulk task is
// not transactional: a failing one (site.failPropertyTasks) sets the first half and ends FAILED.
import { APP_ACCOUNT_ID, RestError, bad, type IssueDoc } from './model';
import type { RouteTable } from './routes';

export const propertyRoutes = {
  'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': ({ site, p, params, body }) => {
    const issue = site.visibleIssue(p, params.issueIdOrKey);
    const key = params.propertyKey;
    if (!site.hasIssue(p, 'EDIT_ISSUES', issue)) throw new RestError(403, 'You do not have permission to edit this issue.');
    if (key.length > 255) bad(`The property key is ${key.length} characters long, the limit is 255.`);
    if (JSON.stringify(body).length > 32768) bad('The property value is longer than 32768 characters.');
    const existed = key in issue.properties;
    site.setProperty(issue, key, body);
    return { status: existed ? 200 : 201, body: existed ? undefined : {} };
  },

  'POST /rest/api/3/issue/properties/multi': ({ site, p, body }) => {
    const list = body.issues;
    if (!Array.isArray(list) || list.length === 0) bad('issues must be a non-empty array');
    if (list.length > 100) bad(`issues holds ${list.length} entries, the limit is 100`);
    const plan: Array<{ issue: IssueDoc; props: Record<string, unknown> }> = [];
    for (const [i, raw] of (list as Array<{ issueID?: unknown; properties?: unknown }>).entries()) {
      const issue = typeof raw.issueID === 'number' ? site.issue(raw.issueID) : undefined;
      if (!issue) bad(`issues[${i}].issueID: issue ${String(raw.issueID)} does not exist`);
      if (!site.hasIssue(p, 'EDIT_ISSUES', issue)) throw new RestError(403, `issues[${i}]: no permission to edit issue ${issue.key}`);
      const props = raw.properties;
      if (!props || typeof props !== 'object' || Array.isArray(props) || Object.keys(props).length === 0) bad(`issues[${i}].properties must be an object with 1–10 properties`);
      if (Object.keys(props).length > 10) bad(`issues[${i}].properties holds more than 10 properties`);
      for (const [k, v] of Object.entries(props)) {
        if (k.length > 255) bad(`issues[${i}].properties: key '${k.slice(0, 40)}…' is longer than 255 characters`);
        if (JSON.stringify(v).length > 32768) bad(`issues[${i}].properties.${k}: value is longer than 32768 characters`);
      }
      plan.push({ issue, props: props as Record<string, unknown> });
    }
    const fail = site.failPropertyTasks > 0;
    if (fail) site.failPropertyTasks--;
    const applied = fail ? plan.slice(0, Math.floor(plan.length / 2)) : plan;
    site.batch(() => {
      for (const { issue, props } of applied) for (const [k, v] of Object.entries(props)) site.setProperty(issue, k, v);
    });
    const task = String(site.counter('task', 10000));
    site.tasks.set(task, { status: 'RUNNING', end: fail ? 'FAILED' : 'COMPLETE', submitted: site.now(), reads: 0, owner: p.kind === 'app' ? APP_ACCOUNT_ID : p.accountId });
    // The answer has no body: the task's location is the only outcome (OpenAPI: 303 "Follow the location link").
    return { status: 303, headers: { location: `${site.siteUrl}/rest/api/3/task/${task}` } };
  },

  /** TaskProgressBeanObject; only the task's creator (or a Jira admin) may read it. */
  'GET /rest/api/3/task/{taskId}': ({ site, p, params }) => {
    const id = params.taskId;
    const t = site.tasks.get(id);
    const who = p.kind === 'app' ? APP_ACCOUNT_ID : p.accountId;
    if (!t) throw new RestError(404, `Task ${id} does not exist.`);
    if (t.owner !== who && !(p.kind === 'user' && site.user(p.accountId)?.role === 'admin')) throw new RestError(403, 'You are not the creator of this task.');
    t.reads++;
    if (t.status === 'RUNNING' && t.reads > 1) t.status = t.end;
    const done = t.status !== 'RUNNING';
    const at = site.now();
    return {
      status: 200,
      body: {
        self: `${site.siteUrl}/rest/api/3/task/${id}`,
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
      },
    };
  },
} satisfies Partial<RouteTable>;
