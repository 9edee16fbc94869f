// Expected failures the entry points translate into the resolver envelope (contract.ts ErrorCode).
// Thrown only where a use case cannot continue; messages say what was wrong and where.

import type { ErrorCode } from '../shared/contract';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: Array<{ path: string; message: string }> | undefined;
  constructor(code: ErrorCode, message: string, issues?: Array<{ path: string; message: string }>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
  }
}

/** Jira kept failing (429/5xx) after the retry budget, or answered something we cannot parse. */
export class UpstreamError extends AppError {
  readonly status: number | null;
  readonly retryAfterSeconds: number | null;
  constructor(message: string, status: number | null, retryAfterSeconds: number | null = null) {
    super('UPSTREAM', message);
    this.name = 'UpstreamError';
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * A call that changes something (a comment, an e-mail, a transition) failed in a way that does not
 * say whether Jira applied it (5xx after sending, a dropped connection). It is never repeated
 * blindly: the caller checks for its effect, or keeps its once-only marker and does not retry.
 */
export class AmbiguousWriteError extends UpstreamError {
  readonly ambiguous = true;
  constructor(message: string, status: number | null) {
    super(message, status);
    this.name = 'AmbiguousWriteError';
  }
}

/**
 * Jira refused the request itself (a 4xx other than 429: no recipient, a field not on the screen,
 * no permission, the issue gone). Asking again gives the same answer, so callers record it and stop.
 */
export class RefusedError extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.name = 'RefusedError';
    this.status = status;
  }
}
