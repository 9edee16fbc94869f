// The request journal (Barier appendix 1) for one customer and period, built in the browser: the
// report rows say which requests and their priority; Jira, read as the viewer through the bridge,
// gives the text, contacts, status and the course of the solution (comments, status changes).
//
// Issues are read with POST /issue/bulkfetch (≤ 100 a call), not a `key in (…)` search: Jira
// refuses a whole JQL query when one listed issue was deleted or is hidden from the viewer, while
// bulk fetch leaves such issues out. Status changes come from POST /changelog/bulkfetch, followed
// page by page (nextPageToken): an issue's `expand=changelog` carries only its 40 latest changes.
import { requestJira } from '@forge/bridge';
import type { JournalEntry, ReportRow } from '../../../src/domain/report';
import type { Locale } from '../../../src/shared/contract';
import { entryOf, type JiraIssue } from './journal-model';

/** POSTs a JSON body to a Jira REST path as the viewer and returns the answer's JSON; throws on a non-2xx answer. */
export type JiraPost = (path: string, body: unknown) => Promise<unknown>;

const bridgePost: JiraPost = async (path, body) => {
  const res = await requestJira(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`Jira answered ${res.status} to ${path}`);
  return res.json() as Promise<unknown>;
};

/** Bulk fetch takes at most 100 issues, bulk changelog at most 1000. */
export const JOURNAL_LIMITS = { issues: 100, changelogIssues: 1000, changelogPage: 1000 } as const;

type Histories = NonNullable<NonNullable<JiraIssue['changelog']>['histories']>;
interface BulkIssues {
  issues?: Array<JiraIssue & { id?: string }>;
  issueErrors?: Array<{ id?: string; errorMessage?: string }>;
}
interface BulkChangelogs {
  /** `created`: the spec says date-time; Atlassian's own bulkfetch example shows epoch seconds. */
  issueChangeLogs?: Array<{ issueId?: string; changeHistories?: Array<Omit<Histories[number], 'created'> & { created?: string | number }> }>;
  nextPageToken?: string | null;
}

function isoOf(created: string | number | undefined): string | undefined {
  if (typeof created !== 'number') return created;
  return new Date(created < 1e11 ? created * 1000 : created).toISOString();
}

/** Reads the rows' issues from Jira (as the viewer) and builds the journal, oldest first. */
export async function loadJournal(rows: readonly ReportRow[], lang: Locale, post: JiraPost = bridgePost): Promise<JournalEntry[]> {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const keys = [...byKey.keys()];
  const issues: Array<JiraIssue & { id?: string }> = [];
  for (let i = 0; i < keys.length; i += JOURNAL_LIMITS.issues) {
    const res = (await post('/rest/api/3/issue/bulkfetch', {
      issueIdsOrKeys: keys.slice(i, i + JOURNAL_LIMITS.issues),
      fields: ['summary', 'description', 'status', 'reporter', 'created', 'comment'],
    })) as BulkIssues;
    // issueErrors: issues Jira could not load this time; the journal would silently lack them.
    if ((res.issueErrors ?? []).length > 0) throw new Error(`Jira could not load ${(res.issueErrors ?? []).length} issue(s); try again`);
    issues.push(...(res.issues ?? []));
  }
  const histories = new Map<string, Histories>();
  const ids = issues.map((x) => x.id).filter((id): id is string => typeof id === 'string');
  for (let i = 0; i < ids.length; i += JOURNAL_LIMITS.changelogIssues) {
    const chunk = ids.slice(i, i + JOURNAL_LIMITS.changelogIssues);
    let token: string | null = null;
    do {
      const res = (await post('/rest/api/3/changelog/bulkfetch', {
        issueIdsOrKeys: chunk,
        fieldIds: ['status'],
        maxResults: JOURNAL_LIMITS.changelogPage,
        ...(token ? { nextPageToken: token } : {}),
      })) as BulkChangelogs;
      for (const log of res.issueChangeLogs ?? []) {
        if (!log.issueId) continue;
        const list = histories.get(log.issueId) ?? [];
        for (const h of log.changeHistories ?? []) {
          const created = isoOf(h.created);
          list.push({ ...h, ...(created !== undefined ? { created } : {}) } as Histories[number]);
        }
        histories.set(log.issueId, list);
      }
      token = res.nextPageToken ?? null;
    } while (token);
  }
  const out: JournalEntry[] = [];
  for (const issue of issues) {
    const row = byKey.get(issue.key);
    if (row) out.push(entryOf({ ...issue, changelog: { histories: histories.get(issue.id ?? '') ?? [] } }, row, lang));
  }
  return out.sort((a, b) => a.createdMs - b.createdMs);
}
