// Jira → SlaRequest: the only place Jira words (changelog items, accountType, jsdPublic) become the
// support words the clocks read (status, comment by agent/customer, priority, package). Pure.

import type { Actor, AgentRule, SlaEvent, SlaRequest } from '../../domain/sla/types';
import { parseJiraInstant } from '../../app/stored-sla';
import type { IssueFacts } from '../../app/ports';
import type { JiraChangelog, JiraComment } from './jira-schemas';
import { choiceIdFromText } from '../../shared/choice-value';

export interface TimelineFieldIds {
  package: string;
  priority: string;
}

export interface AuthorInfo {
  accountId: string | null;
  accountType: string | null;
  /** Group names, only loaded when the agent rule needs them. */
  groups?: readonly string[];
}

/** Who counts as an agent, by the configured rule (DOMAIN.md: anyone but the customer by default). */
export function classifyAuthor(author: AuthorInfo, reporterAccountId: string | null, rule: AgentRule): Actor {
  // JSM portal customers are customers whatever the rule says.
  if (author.accountType === 'customer') return 'customer';
  switch (rule.kind) {
    case 'notReporter':
      return author.accountId !== null && author.accountId === reporterAccountId ? 'customer' : 'agent';
    case 'accounts':
      return author.accountId !== null && rule.accountIds.includes(author.accountId) ? 'agent' : 'customer';
    case 'groups':
      return (author.groups ?? []).some((g) => rule.groups.includes(g)) ? 'agent' : 'customer';
  }
}

function isField(item: { field?: string | undefined; fieldId?: string | undefined }, id: string, name?: string): boolean {
  return item.fieldId === id || (name !== undefined && item.fieldId === undefined && item.field === name);
}

/** Jira instants: ISO strings (with `+0000` offsets), or epoch numbers (seconds or ms) in bulkfetch. */
export function instant(value: string | number | undefined): number | null {
  if (value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? (value < 1e11 ? value * 1000 : value) : null;
  return parseJiraInstant(value);
}

export interface TimelineInput {
  facts: IssueFacts;
  changelog: readonly JiraChangelog[];
  comments: readonly JiraComment[];
  fieldIds: TimelineFieldIds;
  rule: AgentRule;
  /** Group names per accountId, when the rule is `groups`. */
  groupsOf?: (accountId: string) => readonly string[];
}

/**
 * Builds the request the clocks read. Initial status/package/priority are the `from` side of the
 * first change of each (else today's value). The app's own comments (the acknowledgement) and
 * JSM internal notes are not answers to the customer, so they are left out.
 */
export function toSlaRequest(input: TimelineInput): SlaRequest {
  const { facts, fieldIds, rule } = input;
  const reporter = facts.reporter.accountId;
  const author = (u: { accountId?: string | undefined; accountType?: string | undefined } | undefined): AuthorInfo => {
    const accountId = u?.accountId ?? null;
    return {
      accountId,
      accountType: u?.accountType ?? null,
      ...(rule.kind === 'groups' && accountId !== null && input.groupsOf ? { groups: input.groupsOf(accountId) } : {}),
    };
  };
  const events: SlaEvent[] = [];
  let initialStatus: string | null = null;
  let initialPackage: string | null | undefined;
  let initialPriority: string | null | undefined;
  const histories = [...input.changelog].sort((a, b) => (instant(a.created) ?? 0) - (instant(b.created) ?? 0));
  for (const h of histories) {
    const at = instant(h.created);
    if (at === null) continue;
    for (const item of h.items ?? []) {
      const to = item.toString ?? item.to ?? null;
      const from = item.fromString ?? item.from ?? null;
      if (isField(item, 'status', 'status')) {
        if (initialStatus === null && from !== null) initialStatus = from;
        if (to !== null) events.push({ at, type: 'status', to });
      } else if (isField(item, fieldIds.priority)) {
        // The choice fields hold { id, name } objects (their JSON here); older values are bare ids.
        if (initialPriority === undefined) initialPriority = choiceIdFromText(from);
        events.push({ at, type: 'priority', to: choiceIdFromText(to), by: classifyAuthor(author(h.author), reporter, rule) });
      } else if (isField(item, fieldIds.package)) {
        if (initialPackage === undefined) initialPackage = choiceIdFromText(from);
        events.push({ at, type: 'package', to: choiceIdFromText(to) });
      }
    }
  }
  for (const c of input.comments) {
    if (c.jsdPublic === false) continue;
    if (c.author?.accountType === 'app') continue;
    const at = instant(c.created);
    if (at === null) continue;
    events.push({ at, type: 'comment', by: classifyAuthor(author(c.author), reporter, rule) });
  }
  events.sort((a, b) => a.at - b.at);
  return {
    key: facts.key,
    created: facts.createdMs,
    package: initialPackage === undefined ? facts.packageId : initialPackage,
    priority: initialPriority === undefined ? facts.priorityId : initialPriority,
    status: initialStatus ?? facts.status.name,
    customer: { organization: facts.reporter.organization, organizations: facts.reporter.organizations ?? [], emailDomain: facts.reporter.emailDomain },
    events,
  };
}
