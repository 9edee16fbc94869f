// The request journal (Barier appendix 1) from Jira issues: pure, so it is tested in Node.
import type { JournalEntry, JournalProgress, JournalStatus, ReportRow } from '../../../src/domain/report';
import type { Locale } from '../../../src/shared/contract';

/** Plain text of an Atlassian Document Format node (comments and descriptions in API v3). */
export function adfText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (typeof node !== 'object' || node === null) return '';
  const n = node as { type?: unknown; text?: unknown; content?: unknown };
  if (typeof n.text === 'string') return n.text;
  if (n.type === 'hardBreak') return '\n';
  const inner = Array.isArray(n.content) ? n.content.map(adfText).join('') : '';
  return n.type === 'paragraph' || n.type === 'heading' || n.type === 'listItem' ? `${inner}\n` : inner;
}

export interface JiraIssue {
  key: string;
  fields: {
    summary?: string;
    description?: unknown;
    created?: string;
    status?: { name?: string; statusCategory?: { key?: string } };
    reporter?: { displayName?: string; emailAddress?: string } | null;
    comment?: { comments?: Array<{ created?: string; body?: unknown; author?: { displayName?: string }; jsdPublic?: boolean }> };
  };
  changelog?: { histories?: Array<{ created?: string; items?: Array<{ field?: string; fieldId?: string; toString?: string | null }> }> };
}

const PROGRESS = {
  ru: { created: 'Заявка зарегистрирована, передано в ТП.', status: (s: string) => `Статус: ${s}.` },
  en: { created: 'Request registered, passed to support.', status: (s: string) => `Status: ${s}.` },
} as const;

/** Open / resolved / closed from the Jira status: the Done category is closed unless it is named like Resolved. */
export function journalStatusOf(status: JiraIssue['fields']['status']): JournalStatus {
  const name = (status?.name ?? '').toLowerCase();
  if (/resolved|решен|выполнен|заверш/.test(name)) return 'resolved';
  return status?.statusCategory?.key === 'done' ? 'closed' : 'open';
}

/** One journal entry from a Jira issue (search result with comments and changelog) and its report row. */
export function entryOf(issue: JiraIssue, row: ReportRow, lang: Locale): JournalEntry {
  const f = issue.fields;
  const progress: JournalProgress[] = [{ atMs: row.createdMs, text: PROGRESS[lang].created }];
  for (const h of issue.changelog?.histories ?? []) {
    const at = Date.parse(h.created ?? '');
    if (!Number.isFinite(at)) continue;
    for (const item of h.items ?? []) {
      if ((item.fieldId ?? item.field) === 'status' && item.toString) progress.push({ atMs: at, text: PROGRESS[lang].status(item.toString) });
    }
  }
  for (const c of f.comment?.comments ?? []) {
    const at = Date.parse(c.created ?? '');
    if (!Number.isFinite(at) || c.jsdPublic === false) continue;
    const text = adfText(c.body).trim();
    if (text) progress.push({ atMs: at, text: c.author?.displayName ? `${c.author.displayName}: ${text}` : text });
  }
  progress.sort((a, b) => a.atMs - b.atMs);
  const description = adfText(f.description).trim();
  return {
    key: issue.key,
    createdMs: row.createdMs,
    priority: row.priority,
    organization: row.customer,
    text: [f.summary ?? '', description].filter(Boolean).join('\n'),
    status: journalStatusOf(f.status),
    contacts: { name: f.reporter?.displayName ?? null, email: f.reporter?.emailAddress ?? null },
    progress,
  };
}

