// The customer acknowledgement (DOMAIN.md: "the customer is told the request's number, priority and
// due dates once classified"): one comment per request, in the customer's language. "Once" holds
// across concurrent trigger/sweep runs through a KVS create-if-absent marker, and the property's
// `acknowledged` flag keeps later recomputes from even asking.

import type { SlaConfig } from '../domain/sla/types';
import { formatInstant } from '../domain/time/zone';
import type { Locale } from '../shared/contract';
import type { Computed, RecomputeDeps } from './recompute-issue';
import { parseJiraInstant } from './stored-sla';

const markerKey = (issueId: string) => `ack:${issueId}`;

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

function human(zone: string, iso: string | null, locale: Locale): string {
  const ms = iso === null ? null : parseJiraInstant(iso);
  if (ms === null) return locale === 'ru' ? 'не установлен' : 'not set';
  const local = formatInstant(zone, ms); // 2026-03-06T16:30:00+03:00
  return `${local.slice(0, 10)} ${local.slice(11, 16)} (${zone})`;
}

export function acknowledgementText(c: Computed, locale: Locale): string {
  const config = c.active.config;
  const prio = config.priorities.find((p) => p.id === c.clocks.priorityId);
  const pkg = config.packages.find((p) => p.id === c.clocks.packageId);
  const values: Record<string, string> = {
    key: c.facts.key,
    priority: prio ? prio.name[locale] : (c.clocks.priorityId ?? (locale === 'ru' ? 'не указан' : 'none')),
    package: pkg ? pkg.name[locale] : c.clocks.packageId,
    reactionDue: human(c.clocks.timezone, c.stored.reactionDue, locale),
    resolutionDue: human(c.clocks.timezone, c.stored.resolutionDue, locale),
  };
  return config.acknowledgement.text[locale].replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m);
}

/** Posts the acknowledgement if it is due and nobody has; true when the request is now acknowledged. */
export async function acknowledgeOnce(deps: RecomputeDeps, c: Computed): Promise<boolean> {
  const config = c.active.config;
  if (!config.acknowledgement.enabled || c.stored.acknowledged) return false;
  if (!isClassified(config, c) || c.facts.reporter.accountId === null) return false;
  // Do not greet requests that are already finished.
  if (isClosedOrResolved(config, c.facts.status.name)) return false;
  const key = markerKey(c.facts.id);
  if (!(await deps.store.setIfAbsent(key, { posted: false }, { ttlSeconds: 3600 }))) {
    const marker = await deps.store.get<{ posted: boolean }>(key);
    return marker?.posted === true;
  }
  try {
    const locale = (await deps.jira.userLocale(c.facts.reporter.accountId)) ?? 'ru';
    await deps.jira.addComment(c.facts.id, acknowledgementText(c, locale));
  } catch (e) {
    await deps.store.delete(key);
    throw e;
  }
  // Kept for a year: the property flag is the lasting record, this only guards the race.
  await deps.store.set(key, { posted: true }, { ttlSeconds: 365 * 86_400 });
  return true;
}

function isClosedOrResolved(config: SlaConfig, status: string): boolean {
  const s = status.toLowerCase();
  return [...config.statuses.resolved, ...config.statuses.closed].some((x) => x.toLowerCase() === s);
}
