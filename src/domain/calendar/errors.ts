/** One problem in a calendar definition or an imported file: where and what. */
export interface CalendarIssue {
  /** Dotted path with brackets for indexes, e.g. `week.mon[1]`; `line 3` for imports. */
  path: string;
  message: string;
}

/** A calendar (or calendar file) that cannot be used; `issues` says where and why. */
export class CalendarError extends Error {
  readonly code: 'INVALID_CALENDAR' | 'INVALID_IMPORT' | 'INVALID_GOAL' | 'OUT_OF_RANGE';
  readonly issues: readonly CalendarIssue[];

  constructor(
    code: CalendarError['code'],
    issues: readonly CalendarIssue[],
    message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '),
  ) {
    super(message);
    this.name = 'CalendarError';
    this.code = code;
    this.issues = issues;
  }
}

/** `['week', 'mon', 1]` → `week.mon[1]`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
