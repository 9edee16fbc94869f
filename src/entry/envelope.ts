// Maps use-case outcomes to the resolver envelope of src/shared/contract.ts; the UI never sees a
// thrown error. Unexpected errors are logged with detail and answered without internals.

import { ZodError } from 'zod/v3';
import { AppError } from '../app/errors';
import type { Envelope, ResolverError } from '../shared/contract';
import { JiraClientError } from '../adapters/forge/jira-http';
import type { Logger } from '../app/ports';

export function zodIssues(e: ZodError): Array<{ path: string; message: string }> {
  return e.issues.map((i) => ({
    path: i.path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s === '' ? String(p) : `${s}.${String(p)}`), ''),
    message: i.message,
  }));
}

export function toError(e: unknown, log: Logger): ResolverError {
  if (e instanceof AppError) {
    const conflict = (e as { conflict?: ResolverError['conflict'] | null }).conflict;
    return { code: e.code, message: e.message, ...(e.issues ? { issues: e.issues } : {}), ...(conflict ? { conflict } : {}) };
  }
  if (e instanceof ZodError) {
    const issues = zodIssues(e);
    return { code: 'BAD_REQUEST', message: `invalid request: ${issues.map((i) => `${i.path || '(payload)'}: ${i.message}`).join('; ')}`, issues };
  }
  if (e instanceof JiraClientError) {
    if (e.status === 403) return { code: 'FORBIDDEN', message: 'Jira refused the request: you lack the permission for it' };
    if (e.status === 404) return { code: 'NOT_FOUND', message: 'Jira does not know that item, or you cannot see it' };
    return { code: 'UPSTREAM', message: e.message };
  }
  log.error('resolver failed', { message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  return { code: 'INTERNAL', message: 'unexpected error; see the app logs' };
}

export async function envelope<T>(fn: () => Promise<T>, log: Logger): Promise<Envelope<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (e) {
    return { ok: false, error: toError(e, log) };
  }
}
