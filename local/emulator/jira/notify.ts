// POST /issue/{issueIdOrKey}/notify: Jira e-mails the named recipients; the site records each
// notification with the accounts it would reach (tests and the host page read them).
import { KNOWN_GROUPS, bad, groupsOf } from './model';
import type { RouteTable } from './routes';

export const notifyRoutes = {
  'POST /rest/api/3/issue/{issueIdOrKey}/notify': ({ site, p, params, body }) => {
    const issue = site.visibleIssue(p, params.issueIdOrKey);
    if (typeof body.subject !== 'string' && typeof body.textBody !== 'string' && typeof body.htmlBody !== 'string') bad('The notification needs a subject or a body.');
    const to = (body.to ?? {}) as { assignee?: boolean; watchers?: boolean; reporter?: boolean; users?: Array<{ accountId?: string }>; groups?: Array<{ name?: string; groupId?: string }> };
    const recipients = new Set<string>();
    if (to.assignee && issue.assignee) recipients.add(issue.assignee);
    if (to.reporter) recipients.add(issue.reporter);
    if (to.watchers) for (const w of issue.watchers ?? []) recipients.add(w);
    for (const u of to.users ?? []) {
      if (!u.accountId || !site.users.some((x) => x.accountId === u.accountId)) bad(`The user '${String(u.accountId)}' does not exist.`, { to: 'The recipient is invalid.' });
      recipients.add(u.accountId);
    }
    for (const g of to.groups ?? []) {
      const name = g.name ?? g.groupId?.replace(/^group-/, '');
      const members = site.users.filter((x) => name !== undefined && groupsOf(x.role).includes(name));
      if (!name || (members.length === 0 && !KNOWN_GROUPS.includes(name))) bad(`The group '${String(name)}' does not exist.`, { to: 'The recipient is invalid.' });
      for (const m of members) recipients.add(m.accountId);
    }
    // Spec: 400 when "the recipient is set to the assignee, but the issue is unassigned".
    if (to.assignee && !issue.assignee) bad('The issue has no assignee to notify.', { to: 'The recipient is invalid: the issue is unassigned.' });
    if (!to.assignee && !to.reporter && !to.watchers && (to.users ?? []).length === 0 && (to.groups ?? []).length === 0) bad('The notification names no recipient.', { to: 'No recipients.' });
    site.notifications.push({
      issueKey: issue.key,
      at: site.now(),
      subject: String(body.subject ?? ''),
      textBody: String(body.textBody ?? ''),
      htmlBody: String(body.htmlBody ?? ''),
      to: to as Record<string, unknown>,
      recipients: [...recipients],
    });
    return { status: 204 };
  },
} satisfies Partial<RouteTable>;
