// The request journal (Barier appendix 1) for one customer and period, built in the browser: the
// report rows say which requests and their priority; Jira, read as the viewer through the bridge,
// gives the text, contacts, status and the course of the solution (comments, status changes).
import { requestJira } from '@forge/bridge';
import type { JournalEntry, ReportRow } from '../../../src/domain/report';
import type { Locale } from '../../../src/shared/contract';
import { entryOf, type JiraIssue } from './journal-model';

const CHUNK = 50;

/** Reads the rows' issues from Jira (as the viewer) in chunks and builds the journal, oldest first. */
export async function loadJournal(rows: readonly ReportRow[], lang: Locale): Promise<JournalEntry[]> {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const out: JournalEntry[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const keys = rows.slice(i, i + CHUNK).map((r) => r.key);
    const res = await requestJira('/rest/api/3/search/jql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ jql: `key in (${keys.join(',')})`, fields: ['summary', 'description', 'status', 'reporter', 'created', 'comment'], expand: 'changelog', maxResults: CHUNK }),
    });
    if (!res.ok) throw new Error(`Jira answered ${res.status}`);
    const body = (await res.json()) as { issues?: JiraIssue[] };
    for (const issue of body.issues ?? []) {
      const row = byKey.get(issue.key);
      if (row) out.push(entryOf(issue, row, lang));
    }
  }
  return out.sort((a, b) => a.createdMs - b.createdMs);
}
