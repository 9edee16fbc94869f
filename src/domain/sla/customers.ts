// Which package a customer has on a date and who counts as an agent: the parts of
// a regulation around the clocks that the adapters (Jira, local host) apply before and after them.

import { dateParts, dayNumber, formatDate } from '../time/day';
import { localDayOf } from '../time/zone';
import type { AgentRule, CustomerAssignment, SlaConfig } from './types';
import { warning, type WarningDetail } from './warnings';

export interface CustomerRef {
  readonly organization?: string | null;
  /** Every JSM organization of the request (its Organizations field); any of them may match. */
  readonly organizations?: readonly string[];
  readonly emailDomain?: string | null;
}

/** Whether anything identifies the customer: an organization or an e-mail domain (Jira hides most e-mails from apps). */
export function customerKnown(customer: CustomerRef | undefined): boolean {
  return orgsOf(customer).length > 0 || norm(customer?.emailDomain) !== null;
}

function orgsOf(customer: CustomerRef | undefined): string[] {
  return [customer?.organization, ...(customer?.organizations ?? [])].map(norm).filter((o): o is string => o !== null);
}

export interface CustomerPackage {
  /** The package that applies: the customer's own, or the default one. */
  readonly packageId: string;
  /** True when the customer's own package is missing or not valid on the date. */
  readonly fallback: boolean;
  readonly assignment: CustomerAssignment | null;
  /** Validity of the customer's own package (YYYY-MM-DD, inclusive); null = open-ended. */
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly expired: boolean;
  readonly warning: WarningDetail | null;
}

function norm(text: string | null | undefined): string | null {
  const t = text?.trim().toLowerCase().replace(/^@/, '');
  return t ? t : null;
}

/** Last day (inclusive) of a validity of `months` starting on `date`: 15 Jan + 12 months → 14 Jan; 31 Jan + 1 month → 28/29 Feb. */
export function lastDayOfValidity(date: string, months: number): string {
  const p = dateParts(dayNumber(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))));
  const monthIndex = p.month - 1 + months;
  const year = p.year + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastOfMonth = dateParts(dayNumber(year, month + 1, 1) - 1).day;
  // The day before the same calendar day `months` later; when that month is too short, its last day.
  if (p.day > lastOfMonth) return formatDate(dayNumber(year, month, lastOfMonth));
  return formatDate(dayNumber(year, month, p.day) - 1);
}

/** End of an assignment: its own `validTo`, else the package's validity in months from `validFrom`. */
export function assignmentValidTo(config: SlaConfig, a: CustomerAssignment): string | null {
  if (a.validTo !== null) return a.validTo;
  const pkg = config.packages.find((p) => p.id === a.package);
  if (pkg?.validity.kind === 'months' && a.validFrom !== null) return lastDayOfValidity(a.validFrom, pkg.validity.months);
  return null;
}

/**
 * The package of a customer (organization or e-mail domain) on the local date of `atMs` in `zone`;
 * an expired or missing assignment falls back to the default package.
 * @example resolveCustomerPackage(config, { emailDomain: 'omega.ru' }, Date.parse('2026-03-17T09:00:00+03:00'), 'Europe/Moscow')
 */
export function resolveCustomerPackage(config: SlaConfig, customer: CustomerRef | undefined, atMs: number, zone: string): CustomerPackage {
  const orgs = orgsOf(customer);
  const domain = norm(customer?.emailDomain);
  if (orgs.length === 0 && domain === null) return defaultPackage(config, null, null, null, false);
  const day = formatDate(localDayOf(zone, atMs));
  let lapsed: CustomerPackage | null = null;
  for (const a of config.customers) {
    const wanted = 'organization' in a.match ? norm(a.match.organization) : null;
    const hit = 'organization' in a.match ? wanted !== null && orgs.includes(wanted) : domain !== null && norm(a.match.emailDomain) === domain;
    if (!hit) continue;
    const validTo = assignmentValidTo(config, a);
    if ((a.validFrom !== null && day < a.validFrom) || (validTo !== null && day > validTo)) {
      lapsed ??= defaultPackage(
        config,
        a,
        warning('packageNotValid', { package: a.package, customer: ('organization' in a.match ? a.match.organization : null) ?? domain ?? '', day, from: a.validFrom ?? '…', to: validTo ?? '…', default: config.defaultPackage }),
        validTo,
        validTo !== null && day > validTo,
      );
      continue;
    }
    return { packageId: a.package, fallback: false, assignment: a, validFrom: a.validFrom, validTo, expired: false, warning: null };
  }
  return lapsed ?? defaultPackage(config, null, null, null, false);
}

function defaultPackage(config: SlaConfig, assignment: CustomerAssignment | null, warning: WarningDetail | null, validTo: string | null, expired: boolean): CustomerPackage {
  return { packageId: config.defaultPackage, fallback: true, assignment, validFrom: assignment?.validFrom ?? null, validTo, expired, warning };
}

export interface CommentAuthor {
  readonly accountId: string;
  readonly groups?: readonly string[];
}

/**
 * Whether a comment's author counts as an agent (support) under the configuration's rule; the
 * Jira adapter labels comments `agent`/`customer` with it before the clocks read them.
 */
export function isAgent(rule: AgentRule, author: CommentAuthor, reporterAccountId: string | null): boolean {
  switch (rule.kind) {
    case 'notReporter':
      return author.accountId !== reporterAccountId;
    case 'groups':
      return (author.groups ?? []).some((g) => rule.groups.includes(g));
    case 'accounts':
      return rule.accountIds.includes(author.accountId);
  }
}
