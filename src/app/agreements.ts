// Agreed deadlines and extensions (issue 15): stored by the app alone, one append-only KVS list per
// issue (`agree:<issueId>`), and loaded into every request the clocks read (trigger, sweep, full
// recompute, panel), so each host computes the same agreed due.

import { z } from 'zod/v3';
import type { SlaAgreement, SlaRequest } from '../domain/sla/types';
import type { IssueFacts, KeyValueStore, RequestSource } from './ports';
import type { AgentRule } from '../domain/sla/types';

/** At most this many agreements per issue (the engine's request schema takes ≤ 100). */
export const MAX_AGREEMENTS = 100;
export const REASON_MAX = 500;

export const agreementKey = (issueId: string): string => `agree:${issueId}`;

const storedAgreementSchema = z
  .object({
    at: z.number().int().nonnegative(),
    by: z.string().min(1).max(128),
    clock: z.enum(['reaction', 'resolution']),
    kind: z.enum(['extend', 'agreedDue']),
    minutes: z.number().int().positive().optional(),
    due: z.number().int().nonnegative().optional(),
    reason: z.string().min(1).max(1000),
    /** Set when an Automation rule agreed it (`by` is then the rule's actor). */
    via: z.enum(['automation']).optional(),
  })
  .refine((a) => (a.kind === 'extend' ? a.minutes !== undefined : a.due !== undefined), { message: 'extend needs minutes, agreedDue needs due' });

export type StoredAgreement = z.infer<typeof storedAgreementSchema>;

/** A stored list, entries that do not parse left out (a hand-edited or future entry must not stop the clocks). */
function parseList(value: unknown): StoredAgreement[] {
  if (!Array.isArray(value)) return [];
  const out: StoredAgreement[] = [];
  for (const v of value) {
    const r = storedAgreementSchema.safeParse(v);
    if (r.success) out.push(r.data);
  }
  return out;
}

export function toSlaAgreement(a: StoredAgreement): SlaAgreement {
  return {
    at: a.at,
    clock: a.clock,
    kind: a.kind,
    reason: a.reason,
    by: a.by,
    ...(a.kind === 'extend' ? { minutes: a.minutes! } : { due: a.due! }),
  };
}

/** The agreements of each issue: one batched read per 25 issues where the store has it, else one get per issue. */
export async function loadAgreements(store: KeyValueStore, issueIds: readonly string[]): Promise<Map<string, StoredAgreement[]>> {
  const out = new Map<string, StoredAgreement[]>();
  const ids = [...new Set(issueIds)];
  if (ids.length === 0) return out;
  if (store.getMany) {
    for (let i = 0; i < ids.length; i += 25) {
      const chunk = ids.slice(i, i + 25);
      const got = await store.getMany<unknown>(chunk.map(agreementKey));
      for (const { key, value } of got) {
        const list = parseList(value);
        if (list.length > 0) out.set(key.slice('agree:'.length), list);
      }
    }
    return out;
  }
  for (const id of ids) {
    const list = parseList(await store.get<unknown>(agreementKey(id)));
    if (list.length > 0) out.set(id, list);
  }
  return out;
}

/** The requests with their issue's agreements attached (those without any unchanged). */
export async function withAgreements(store: KeyValueStore, requests: Map<string, SlaRequest>): Promise<Map<string, SlaRequest>> {
  if (requests.size === 0) return requests;
  const agreements = await loadAgreements(store, [...requests.keys()]);
  if (agreements.size === 0) return requests;
  const out = new Map<string, SlaRequest>();
  for (const [id, r] of requests) {
    const list = agreements.get(id);
    out.set(id, list ? { ...r, agreements: list.map(toSlaAgreement) } : r);
  }
  return out;
}

/** `jira.loadRequests` plus the stored agreements: what every host computes from. */
export async function loadRequestsWithAgreements(
  jira: Pick<RequestSource, 'loadRequests'>,
  store: KeyValueStore,
  facts: readonly IssueFacts[],
  agentRuleFor: (projectKey: string) => AgentRule,
): Promise<Map<string, SlaRequest>> {
  return withAgreements(store, await jira.loadRequests(facts, agentRuleFor));
}

/** Appends one agreement (append-only: earlier entries are never changed). Refused past the cap. */
export async function appendAgreement(store: KeyValueStore, issueId: string, entry: StoredAgreement): Promise<StoredAgreement[]> {
  const parsed = storedAgreementSchema.parse(entry);
  const before = parseList(await store.get<unknown>(agreementKey(issueId)));
  if (before.length >= MAX_AGREEMENTS) throw new Error(`an issue holds at most ${MAX_AGREEMENTS} agreements`);
  const after = [...before, parsed];
  await store.set(agreementKey(issueId), after);
  return after;
}
