// The issue resource: one issue's IssueBean (Jira's `fields` rules), editing it (system fields,
// labels, the app's fields validated like Forge validates them, the edit screen respected) and
// its edit metadata.
import { PRIORITIES, bad, RestError, type SiteField } from './model';
import { checkFieldValue, valueSchema } from './field';
import { actorOf, type RouteTable } from './routes';

export const issueRoutes = {
  'GET /rest/api/3/issue/{issueIdOrKey}': ({ site, p, params, q }) => {
    const issue = site.visibleIssue(p, params.issueIdOrKey);
    const fields = q.getAll('fields').flatMap((f) => f.split(','));
    const expand = (q.get('expand') ?? '').split(',');
    const properties = q.getAll('properties').flatMap((f) => f.split(','));
    return { status: 200, body: site.issueJson(issue, fields.length > 0 ? fields : undefined, { expand, properties, defaultAll: true }) };
  },

  'PUT /rest/api/3/issue/{issueIdOrKey}': ({ site, p, params, body }) => {
    const issue = site.visibleIssue(p, params.issueIdOrKey);
    const actor = actorOf(p);
    if (!site.hasIssue(p, 'EDIT_ISSUES', issue)) throw new RestError(403, 'You do not have permission to edit issues in this project.');
    const labelOps = ((body.update ?? {}) as { labels?: Array<{ add?: unknown; remove?: unknown; set?: unknown }> }).labels ?? [];
    const off = site.project(issue.projectKey)?.offEditScreen ?? [];
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
        if (id !== null && (typeof id !== 'string' || !site.users.some((u) => u.accountId === id))) bad(`User '${String(id)}' cannot be assigned issues.`, { assignee: `User '${String(id)}' cannot be assigned issues.` });
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
      const f = site.field(k);
      if (!f) bad(`Field '${k}' cannot be set. It is not on the appropriate screen, or unknown.`, { [k]: 'Field cannot be set.' });
      if (f.readOnly) bad(`Field '${k}' is read-only.`, { [k]: 'Field cannot be set. It is read-only.' });
      checkFieldValue(f, v, k, valueSchema(site, f));
      values.push({ field: f, value: v });
    }
    if (values.length > 0) site.setCustom(issue, values, { by: actor, selfGenerated: true });
    else site.save(issue);
    return { status: 204 };
  },

  'GET /rest/api/3/issue/{issueIdOrKey}/editmeta': ({ site, p, params }) => {
    const issue = site.visibleIssue(p, params.issueIdOrKey);
    // The edit screen's fields the caller may set; none without Edit issues.
    const off = site.project(issue.projectKey)?.offEditScreen ?? [];
    const fields: Record<string, unknown> = {};
    if (site.hasIssue(p, 'EDIT_ISSUES', issue)) {
      const meta = (key: string, name: string, schema: Record<string, unknown>, operations: string[]) => {
        if (!off.includes(key)) fields[key] = { key, name, required: false, schema, operations };
      };
      meta('summary', 'Summary', { type: 'string', system: 'summary' }, ['set']);
      meta('labels', 'Labels', { type: 'array', items: 'string', system: 'labels' }, ['add', 'set', 'remove']);
      meta('assignee', 'Assignee', { type: 'user', system: 'assignee' }, ['set']);
      meta('priority', 'Priority', { type: 'priority', system: 'priority' }, ['set']);
      for (const f of site.fields.filter((x) => !x.readOnly)) meta(f.id, f.name, { type: f.type, customId: Number(f.id.replace('customfield_', '')) }, ['set']);
    }
    return { status: 200, body: { fields } };
  },
} satisfies Partial<RouteTable>;
