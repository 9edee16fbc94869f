// IssueActions on the Jira Cloud REST API v3: transitions (with the resolution a closing screen
// requires), comments and internal notes, notify e-mails, labels and escalation edits. A comment
// or transition whose answer was lost is checked before it is tried again.

import { route } from '@forge/api';
import type { z } from 'zod/v3';
import { AmbiguousWriteError, RefusedError } from '../../app/errors';
import type { IssueActions, NotifyMessage, StatusCategory, TransitionOutcome } from '../../app/ports';
import { JiraClientError, type JiraHttp } from './jira-http';
import { createdCommentSchema, editMetaSchema, issueBeanSchema, pageOfCommentsSchema, transitionsSchema } from './jira-schemas';
import { category } from './jira-shared';

/** Tries of a comment or transition whose answer was lost (each after checking it did not apply). */
const AMBIGUOUS_ATTEMPTS = 3;

/** An ADF document of plain paragraphs (one per line). */
function adfParagraphs(text: string): unknown {
  return {
    type: 'doc',
    version: 1,
    content: text.split('\n').map((line) => (line === '' ? { type: 'paragraph', content: [] } : { type: 'paragraph', content: [{ type: 'text', text: line }] })),
  };
}

/** The plain text of an ADF document, one line per block: Jira may normalise the ADF it stores, not the words. */
function adfText(doc: unknown): string {
  const lines: string[] = [];
  const walk = (node: unknown, line: string[]): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: unknown; text?: unknown; content?: unknown };
    if (typeof n.text === 'string') line.push(n.text);
    if (Array.isArray(n.content)) {
      const block = n.type === 'paragraph' || n.type === 'heading';
      const inner = block ? [] : line;
      for (const child of n.content) walk(child, inner);
      if (block) lines.push(inner.join(''));
    } else if (n.type === 'paragraph') lines.push('');
  };
  walk(doc, []);
  return lines.join('\n');
}

export class ForgeIssueActions implements IssueActions {
  constructor(private readonly http: JiraHttp) {}

  async currentStatus(issueId: string): Promise<{ name: string; category: StatusCategory } | null> {
    const params = new URLSearchParams({ fields: 'status' });
    const bean = await this.http.requestJira(route`/rest/api/3/issue/${issueId}?${params}`, {
      method: 'GET',
      schema: issueBeanSchema,
      allow: [404],
    });
    if (!bean) return null;
    const status = (bean.fields?.status ?? {}) as { name?: string; statusCategory?: { key?: string } };
    return { name: status.name ?? '', category: category(status.statusCategory?.key) };
  }

  async transitionTo(issueId: string, statusNames: readonly string[]): Promise<TransitionOutcome> {
    const wanted = new Set(statusNames.map((s) => s.toLowerCase()));
    const now = await this.currentStatus(issueId);
    if (!now) return 'unavailable';
    if (wanted.has(now.name.toLowerCase())) return 'alreadyThere';
    const expand = new URLSearchParams({ expand: 'transitions.fields' });
    const list = await this.http.requestJira(route`/rest/api/3/issue/${issueId}/transitions?${expand}`, { method: 'GET', schema: transitionsSchema });
    const t = (list.transitions ?? []).find((x) => x.to && wanted.has(x.to.name.toLowerCase()));
    if (!t) return 'unavailable';
    // Closing screens often require a resolution: give the first one the workflow allows.
    const body: { transition: { id: string }; fields?: Record<string, unknown> } = { transition: { id: t.id } };
    const resolution = t.fields?.resolution;
    if (resolution?.required) {
      const first = resolution.allowedValues?.find((v): v is { id: string } => typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string');
      if (first) body.fields = { resolution: { id: first.id } };
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.http.requestJira(route`/rest/api/3/issue/${issueId}/transitions`, { method: 'POST', body });
        return 'transitioned';
      } catch (e) {
        // Someone (or a concurrent sweep) moved it meanwhile: fine if it is where we wanted it.
        if (e instanceof JiraClientError && (e.status === 400 || e.status === 409)) {
          const after = await this.currentStatus(issueId);
          return after && wanted.has(after.name.toLowerCase()) ? 'alreadyThere' : 'unavailable';
        }
        if (!(e instanceof AmbiguousWriteError) || attempt >= AMBIGUOUS_ATTEMPTS) throw e;
        // The answer was lost: the status says whether Jira applied it; only if not, try again.
        const after = await this.currentStatus(issueId);
        if (after && wanted.has(after.name.toLowerCase())) return 'transitioned';
        if (!after || after.name.toLowerCase() !== now.name.toLowerCase()) return 'unavailable';
      }
    }
  }

  async addComment(issueId: string, text: string, opts: { internal?: boolean } = {}): Promise<void> {
    const adf = adfParagraphs(text);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.http.requestJira(route`/rest/api/3/issue/${issueId}/comment`, {
          method: 'POST',
          // JSM reads this entity property: an internal note, hidden from the customer.
          body: { body: adf, ...(opts.internal ? { properties: [{ key: 'sd.public.comment', value: { internal: true } }] } : {}) },
          schema: createdCommentSchema,
        });
        return;
      } catch (e) {
        if (!(e instanceof AmbiguousWriteError) || attempt >= AMBIGUOUS_ATTEMPTS) throw e;
        // The answer was lost: post again only if the issue does not show this comment by the app.
        if (await this.hasOwnComment(issueId, text, opts.internal === true)) return;
      }
    }
  }

  /** Whether one of the issue's latest comments is the app's with exactly this body. */
  private async hasOwnComment(issueId: string, text: string, internal: boolean): Promise<boolean> {
    const params = new URLSearchParams({ startAt: '0', maxResults: '50', orderBy: '-created' });
    let page: z.infer<typeof pageOfCommentsSchema>;
    try {
      page = await this.http.requestJira(route`/rest/api/3/issue/${issueId}/comment?${params}`, { method: 'GET', schema: pageOfCommentsSchema });
    } catch (e) {
      // Cannot tell: the outcome stays unknown and the caller must not repeat it.
      throw new AmbiguousWriteError(`comment on ${issueId}: outcome unknown and the comments could not be read (${e instanceof Error ? e.message : String(e)})`, null);
    }
    return (page.comments ?? []).some((c) => c.author?.accountType === 'app' && (c.jsdPublic === false) === internal && adfText(c.body) === text);
  }

  async notify(issueId: string, message: NotifyMessage): Promise<void> {
    const { accountIds, groups, ...roles } = message.to;
    const to = {
      ...roles,
      ...(accountIds && accountIds.length > 0 ? { users: accountIds.map((accountId) => ({ accountId })) } : {}),
      ...(groups && groups.length > 0 ? { groups: groups.map((name) => ({ name })) } : {}),
    };
    await this.http.requestJira(route`/rest/api/3/issue/${issueId}/notify`, {
      method: 'POST',
      body: { subject: message.subject, textBody: message.textBody, htmlBody: message.htmlBody, to },
    });
  }

  async editIssue(issueId: string, change: { readonly assigneeAccountId?: string; readonly priorityName?: string }): Promise<void> {
    const fields: Record<string, unknown> = {};
    if (change.assigneeAccountId !== undefined) fields.assignee = { accountId: change.assigneeAccountId };
    if (change.priorityName !== undefined) fields.priority = { name: change.priorityName };
    if (Object.keys(fields).length === 0) return;
    const meta = await this.http.requestJira(route`/rest/api/3/issue/${issueId}/editmeta`, { method: 'GET', schema: editMetaSchema });
    for (const k of Object.keys(fields)) {
      if (!meta.fields || !(k in meta.fields)) throw new RefusedError(`${k} is not on the issue's edit screen, so it cannot be set`, 400);
    }
    await this.http.requestJira(route`/rest/api/3/issue/${issueId}`, { method: 'PUT', body: { fields } });
  }

  async addLabel(issueId: string, label: string): Promise<void> {
    // Jira refuses a field that is not on the edit screen (400 "Field 'labels' cannot be set"):
    // editmeta says beforehand, and the refusal is permanent for this issue's screen.
    const meta = await this.http.requestJira(route`/rest/api/3/issue/${issueId}/editmeta`, { method: 'GET', schema: editMetaSchema });
    if (!meta.fields || !('labels' in meta.fields)) throw new RefusedError("Labels is not on the issue's edit screen, so the label cannot be set", 400);
    // notifyUsers stays default: turning it off needs admin rights; the edit is the app's own (ignoreSelf).
    await this.http.requestJira(route`/rest/api/3/issue/${issueId}`, { method: 'PUT', body: { update: { labels: [{ add: label }] } } });
  }
}
