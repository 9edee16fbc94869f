// What the role adapters of Jira (jira-*.ts beside this file) share: page sizes, the JQL project
// key guard and the reading of Jira's loosely typed values.

import type { StatusCategory } from '../../app/ports';

/** Page sizes: issues with fields per search page, ids per page, issues per bulk write. */
export const LIMITS = {
  searchPage: 100,
  idPage: 5000,
  changelogIssues: 1000,
  changelogPage: 10000,
  writeIssues: 100,
  bulkFetch: 100,
} as const;

/** Project keys that may be written into JQL unquoted. */
export const RESERVED_JQL = /^[A-Z][A-Z0-9_]*$/;

export function category(key: string | undefined): StatusCategory {
  if (key === 'done') return 'done';
  if (key === 'new') return 'new';
  return 'indeterminate';
}

export function asString(v: unknown): string | null {
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && 'value' in v && typeof (v as { value: unknown }).value === 'string') return (v as { value: string }).value;
  return null;
}
