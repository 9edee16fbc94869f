// The customer acknowledgement (DOMAIN.md: "the customer is told the request's number, priority and
// due dates once classified"): one comment per request, in the customer's language. "Once" holds
// across concurrent trigger/sweep runs through a KVS create-if-absent marker, and the property's
// `acknowledged` flag keeps later recomputes from even asking.

import type { Clock, SlaConfig } from '../domain/sla/types';
import type { Locale } from '../shared/contract';
import { customerDateTime } from './customer-text';
import { AmbiguousWriteError } from './errors';
import type { AfterComputeStep, Computed } from './computed';
import type { Directory, IssueActions, KeyValueStore, Logger } from './ports';
import { isRole } from './status-role';

const markerKey = (issueId: string) => `ack:${issueId}`;

export interface AcknowledgeDeps {
  readonly jira: Pick<IssueActions, 'addComment'> & Pick<Directory, 'userLocale'>;
  readonly store: KeyValueStore;
  readonly log: Logger;
}

/**
 * Classified = support has processed the request: with priorities, an agent set or changed the
 * SLA priority; without them, support reacted (the reaction clock stopped).
 */
export function isClassified(config: SlaConfig, c: Pick<Computed, 'request' | 'clocks'>): boolean {
  if (config.priorities.length > 0) {
    return c.request.events.some((e) => e.type === 'priority' && e.to !== null && e.by !== 'customer');
  }
  return c.clocks.reaction !== null && c.clocks.reaction.stoppedAt !== null;
}

/** The due instant to tell the customer: only for a clock still counting (a stopped one was answered or is done). */
function dueOf(clock: Clock | null): number | null {
  return clock !== null && clock.stoppedAt === null ? clock.due : null;
}

// A sentence ends at . ! ? (followed by a space or the end) or at a line break; the separator stays with it.
const SENTENCE = /(?:[^.!?\n]|[.!?]+(?![.!?]|\s|$))*(?:[.!?]+[ \t]*|\n+|$)/g;

/**
 * Fills `{name}` placeholders; a sentence (or line) whose placeholder has no value is left out, so
 * a regulation without priorities or a reaction already answered does not print "not set".
 * @example fillLeavingOut('A {x}. B: {y}. C.', { x: '1', y: null }) // "A 1. C."
 */
export function fillLeavingOut(template: string, values: Readonly<Record<string, string | null>>): string {
  const parts = (template.match(SENTENCE) ?? [template]).filter((p) => p !== '');
  const kept = parts.filter((part) => ![...part.matchAll(/\{(\w+)\}/g)].some((m) => m[1]! in values && values[m[1]!] === null));
  return kept
    .join('')
    .replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m)
    .replace(/[ \t]+$/gm, '')
    .trim();
}

/**
 * The acknowledgement in the customer's language: number, package, priority and the due dates of
 * the clocks still counting, dates in the calendar's zone ("20.11.2026 18:00 (МСК)").
 */
export function acknowledgementText(c: Computed, locale: Locale): string {
  const config = c.active.config;
  const zone = c.clocks.timezone;
  const prio = config.priorities.find((p) => p.id === c.clocks.priorityId);
  const pkg = config.packages.find((p) => p.id === c.clocks.packageId);
  const at = (ms: number | null): string | null => (ms === null ? null : customerDateTime(zone, ms, locale));
  // The follow-up cycle is the reaction the customer waits for once a first answer was given.
  const reaction = c.clocks.followUp !== null && c.clocks.followUp.stoppedAt === null ? c.clocks.followUp : c.clocks.reaction;
  const values: Record<string, string | null> = {
    key: c.facts.key,
    priority: config.priorities.length === 0 ? null : prio ? prio.name[locale] : (c.clocks.priorityId ?? (locale === 'ru' ? 'не указан' : 'none')),
    package: pkg ? pkg.name[locale] : c.clocks.packageId,
    reactionDue: at(dueOf(reaction)),
    resolutionDue: at(dueOf(c.clocks.resolution)),
  };
  return fillLeavingOut(config.acknowledgement.text[locale], values);
}

/** Posts the acknowledgement if it is due and nobody has; true when the request is now acknowledged. */
export async function acknowledgeOnce(deps: AcknowledgeDeps, c: Computed): Promise<boolean> {
  const config = c.active.config;
  if (!config.acknowledgement.enabled || c.stored.acknowledged) return false;
  if (!isClassified(config, c) || c.facts.reporter.accountId === null) return false;
  // Do not greet requests that are already finished.
  if (isRole(config, 'resolved', c.facts.status.name) || isRole(config, 'closed', c.facts.status.name)) return false;
  const key = markerKey(c.facts.id);
  if (!(await deps.store.setIfAbsent(key, { posted: false }, { ttlSeconds: 3600 }))) {
    const marker = await deps.store.get<{ posted: boolean }>(key);
    return marker?.posted === true;
  }
  try {
    const locale = (await deps.jira.userLocale(c.facts.reporter.accountId)) ?? 'ru';
    await deps.jira.addComment(c.facts.id, acknowledgementText(c, locale));
  } catch (e) {
    // Outcome unknown even after the adapter looked for it: counted as posted, never posted twice.
    if (!(e instanceof AmbiguousWriteError)) {
      await deps.store.delete(key);
      throw e;
    }
    deps.log.warn('acknowledgement outcome unknown (answer lost); not repeated', { issue: c.facts.key, message: e.message });
  }
  // Kept for a year: the property flag is the lasting record, this only guards the race.
  await deps.store.set(key, { posted: true }, { ttlSeconds: 365 * 86_400 });
  return true;
}

/** The after-compute step: acknowledges where due and records it in the property (`acknowledged`). */
export function acknowledgeStep(deps: AcknowledgeDeps): AfterComputeStep {
  return {
    failure: 'acknowledgement failed; will retry on the next recompute',
    async run(c) {
      if (await acknowledgeOnce(deps, c)) c.stored = { ...c.stored, acknowledged: true };
    },
  };
}
