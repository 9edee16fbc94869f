// An issue's comments: the page of comments (customers never see internal notes) and adding one,
// public or internal (JSM's sd.public.comment property).
import { RestError, bad } from './model';
import { actorOf, type RouteTable } from './routes';

export const commentRoutes = {
  'GET /rest/api/3/issue/{issueIdOrKey}/comment': ({ site, p, params, q }) => {
    const issue = site.visibleIssue(p, params.issueIdOrKey);
    const startAt = Number(q.get('startAt') ?? 0);
    const maxResults = Math.min(Number(q.get('maxResults') ?? 5000), 5000);
    const order = q.get('orderBy') ?? 'created';
    const list = [...issue.comments].sort((a, b) => (order.startsWith('-') ? b.created - a.created : a.created - b.created));
    // Customers never see internal notes.
    const visible = p.kind === 'user' && site.userRole(p.accountId) === 'customer' ? list.filter((c) => c.jsdPublic) : list;
    const page = visible.slice(startAt, startAt + maxResults);
    return { status: 200, body: { comments: page.map((c) => site.commentJson(issue, c)), maxResults, startAt, total: visible.length } };
  },

  'POST /rest/api/3/issue/{issueIdOrKey}/comment': ({ site, p, params, body }) => {
    const issue = site.visibleIssue(p, params.issueIdOrKey);
    const actor = actorOf(p);
    if (!site.hasIssue(p, 'ADD_COMMENTS', issue)) throw new RestError(403, 'You do not have permission to comment on this issue.');
    if (body.body === undefined) bad('Comment body can not be empty!', { comment: 'Comment body can not be empty!' });
    const props = Array.isArray(body.properties) ? (body.properties as Array<{ key?: string; value?: { internal?: boolean } }>) : [];
    const internal = props.some((x) => x.key === 'sd.public.comment' && x.value?.internal === true);
    const c = site.addComment(issue, { author: actor, body: body.body, internal, selfGenerated: true });
    return { status: 201, body: site.commentJson(issue, c) };
  },
} satisfies Partial<RouteTable>;
