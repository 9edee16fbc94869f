// An issue's transitions: the ones open to the caller (none without Transition issues) and
// performing one, with the comments the transition screen adds.
import { RestError, bad, transitionName } from './model';
import { actorOf, type RouteTable } from './routes';

export const transitionRoutes = {
  'GET /rest/api/3/issue/{issueIdOrKey}/transitions': ({ site, p, params }) => {
    const issue = site.visibleIssue(p, params.issueIdOrKey);
    const transitions = site.hasIssue(p, 'TRANSITION_ISSUES', issue)
      ? site.transitionsFor(issue).map((t) => ({
          id: t.id,
          name: transitionName(t.status),
          to: site.statusJson(t.status),
          hasScreen: false,
          isGlobal: true,
          isInitial: false,
          isAvailable: true,
          isConditional: false,
          isLooped: false,
        }))
      : [];
    return { status: 200, body: { expand: 'transitions', transitions } };
  },

  'POST /rest/api/3/issue/{issueIdOrKey}/transitions': ({ site, p, params, body }) => {
    const issue = site.visibleIssue(p, params.issueIdOrKey);
    const actor = actorOf(p);
    if (!site.hasIssue(p, 'TRANSITION_ISSUES', issue)) throw new RestError(403, 'You do not have permission to transition this issue.');
    const tid = String((body.transition as { id?: unknown } | undefined)?.id ?? '');
    const t = site.transitionsFor(issue).find((x) => x.id === tid);
    if (!t) bad(`Transition id '${tid}' is not valid for this issue.`, { transition: `Transition id '${tid}' is not valid for this issue.` });
    site.transitionTo(issue, t.status.name, { by: actor, selfGenerated: true });
    const comments = ((body.update as { comment?: Array<{ add?: { body?: unknown } }> } | undefined)?.comment ?? []).filter((c) => c.add?.body !== undefined);
    for (const c of comments) site.addComment(issue, { author: actor, body: c.add!.body, internal: false, selfGenerated: true });
    return { status: 204 };
  },
} satisfies Partial<RouteTable>;
