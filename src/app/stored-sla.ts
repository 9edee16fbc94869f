// What the app stores on each issue: the `reglament-sla` issue property (indexed for JQL by the
// manifest's jira:entityProperty: nextCheckAt → slaNextCheck, state → slaState, breached →
// slaBreached, reactionDue/resolutionDue) and the three computed custom fields.
// Everything stored is a pure function of (config, history, now) and holds no timestamp of the
// computation itself, so an unchanged result compares equal and is not written again.

import { z } from 'zod/v3';
import type { Clock, ClockSet } from '../domain/sla/types';
import type { ClockKind, ClockState } from '../shared/contract';

export const PROPERTY_KEY = 'reglament-sla';

const clockStates = ['running', 'atRisk', 'paused', 'met', 'breached'] as const;
const yesNo = z.enum(['yes', 'no']);
const iso = z.string().min(1);

const storedClockSchema = z.object({
  kind: z.enum(['reaction', 'resolution', 'followUp']),
  state: z.enum(clockStates),
  goalMinutes: z.number(),
  due: iso.nullable(),
  /** Only for paused clocks (fixed while paused); running ones are derived from `due`. */
  remainingMinutes: z.number().nullable(),
  /** A breached clock that has already stopped (answered or resolved late): history, not urgency. */
  stopped: z.literal(true).optional(),
});

export const storedSlaSchema = z.object({
  v: z.literal(1),
  scope: z.string(),
  configVersion: z.number().int(),
  state: z.enum([...clockStates, 'none']),
  breached: yesNo,
  paused: yesNo,
  nextCheckAt: iso.nullable(),
  reactionDue: iso.nullable(),
  resolutionDue: iso.nullable(),
  autoCloseAt: iso.nullable(),
  package: z.string().nullable(),
  priority: z.string().nullable(),
  clocks: z.array(storedClockSchema),
  /** The customer acknowledgement comment was posted (DOMAIN.md: once per request). */
  acknowledged: z.boolean(),
  /**
   * Version stamp of the issue this was computed from (inputsStamp): a write whose stamp no longer
   * matches the issue is recomputed instead of stored, and the reconciliation pass finds issues an
   * event changed without a recompute. Absent in properties written before it existed.
   */
  inputs: z.string().optional(),
  // Per-clock states, flat so that each is one indexed entity-property value (slaReactionState…):
  // the JQL functions answer with clauses over them instead of listing issue ids. Optional only
  // because properties written before they existed lack them (the next recompute adds them).
  reactionState: z.enum([...clockStates, 'none']).optional(),
  resolutionState: z.enum([...clockStates, 'none']).optional(),
  followUpState: z.enum([...clockStates, 'none']).optional(),
  /** Any clock, or any earlier follow-up cycle, ever breached (a later cycle may be running). */
  everBreached: yesNo.optional(),
  /** The follow-up clock breached in any cycle, the current one included. */
  followUpEverBreached: yesNo.optional(),
});
export type StoredSla = z.infer<typeof storedSlaSchema>;

export interface SlaStateFieldValue {
  state: StoredSla['state'];
  breached: 'yes' | 'no';
  paused: 'yes' | 'no';
  /**
   * Absent when nothing is scheduled: the manifest schema types it as a date-time string, and
   * Forge refuses a field value that breaks its schema (null included).
   */
  nextCheck?: string;
}

/** Values of the read-only custom fields sla-reaction-due, sla-resolution-due, sla-state. */
export interface ComputedFields {
  reactionDue: string | null;
  resolutionDue: string | null;
  state: SlaStateFieldValue | null;
}

export const emptyFields: ComputedFields = { reactionDue: null, resolutionDue: null, state: null };

/** Jira stores datetimes to the second; writing the same second keeps "unchanged" comparable. */
export function isoSecond(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Parses Jira's datetime forms (`…+0000`, `…+03:00`, `…Z`) to epoch ms truncated to the second. */
export function parseJiraInstant(text: string): number | null {
  const normalised = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(normalised);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) * 1000 : null;
}

export function sameInstant(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return parseJiraInstant(a) === parseJiraInstant(b);
}

const severity: Record<ClockState, number> = { breached: 5, atRisk: 4, running: 3, paused: 2, met: 1 };

function liveClocks(set: ClockSet): Array<{ kind: ClockKind; clock: Clock }> {
  const out: Array<{ kind: ClockKind; clock: Clock }> = [];
  if (set.reaction) out.push({ kind: 'reaction', clock: set.reaction });
  if (set.resolution) out.push({ kind: 'resolution', clock: set.resolution });
  if (set.followUp) out.push({ kind: 'followUp', clock: set.followUp });
  return out;
}

/**
 * The clock a person should look at first: a running/at-risk/breached clock with the earliest due,
 * else the most severe one.
 */
export function mostUrgentClock(set: ClockSet): { kind: ClockKind; clock: Clock } | null {
  const all = liveClocks(set);
  // A breached clock that stopped (answered late) is history: only clocks still counting are urgent.
  const ticking = all.filter((c) => c.clock.due !== null && c.clock.state !== 'met' && c.clock.stoppedAt === null);
  if (ticking.length > 0) return ticking.reduce((a, b) => ((b.clock.due ?? Infinity) < (a.clock.due ?? Infinity) ? b : a));
  if (all.length === 0) return null;
  return all.reduce((a, b) => (severity[b.clock.state] > severity[a.clock.state] ? b : a));
}

function overallState(set: ClockSet): StoredSla['state'] {
  const all = liveClocks(set);
  if (all.length === 0) return 'none';
  return all.reduce<ClockState>((s, c) => (severity[c.clock.state] > severity[s] ? c.clock.state : s), 'met');
}

export function toStoredSla(
  set: ClockSet,
  ctx: { scope: string; configVersion: number; acknowledged: boolean },
): StoredSla {
  const clocks = liveClocks(set).map(({ kind, clock }) => ({
    kind,
    state: clock.state,
    goalMinutes: round2(clock.goalMinutes),
    due: clock.due === null ? null : isoSecond(clock.due),
    remainingMinutes: clock.state === 'paused' ? round2(clock.remainingMinutes) : null,
    ...(clock.state === 'breached' && clock.stoppedAt !== null ? { stopped: true as const } : {}),
  }));
  const dueOf = (c: Clock | null): string | null => (c && c.due !== null && c.state !== 'met' ? isoSecond(c.due) : null);
  return {
    v: 1,
    scope: ctx.scope,
    configVersion: ctx.configVersion,
    state: overallState(set),
    breached: clocks.some((c) => c.state === 'breached') ? 'yes' : 'no',
    paused: set.resolution?.state === 'paused' ? 'yes' : 'no',
    nextCheckAt: set.nextCheckAt === null ? null : isoSecond(set.nextCheckAt),
    reactionDue: dueOf(set.followUp && set.followUp.state !== 'met' ? set.followUp : set.reaction),
    resolutionDue: dueOf(set.resolution),
    autoCloseAt: set.autoClose ? isoSecond(set.autoClose.at) : null,
    package: set.packageId,
    priority: set.priorityId,
    clocks,
    acknowledged: ctx.acknowledged,
    reactionState: set.reaction?.state ?? 'none',
    resolutionState: set.resolution?.state ?? 'none',
    followUpState: set.followUp?.state ?? 'none',
    everBreached: clocks.some((c) => c.state === 'breached') || followUpEverBreached(set) ? 'yes' : 'no',
    followUpEverBreached: followUpEverBreached(set) ? 'yes' : 'no',
  };
}

function followUpEverBreached(set: ClockSet): boolean {
  return set.followUp !== null && (set.followUp.state === 'breached' || set.followUp.cycles.some((c) => c.state === 'breached'));
}

export function toComputedFields(stored: StoredSla): ComputedFields {
  return {
    reactionDue: stored.reactionDue,
    resolutionDue: stored.resolutionDue,
    state: { state: stored.state, breached: stored.breached, paused: stored.paused, ...(stored.nextCheckAt === null ? {} : { nextCheck: stored.nextCheckAt }) },
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Deep equality for JSON values (property and object-field comparisons). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * What the clocks read from an issue besides its history's timestamps: status, package, priority
 * and the number of comments. Each event that can move a clock changes one of them; the app's own
 * field and property writes change none (so a stored stamp does not churn). FNV-1a, 8 hex digits.
 */
export function inputsStamp(facts: { status: { name: string }; packageId: string | null; priorityId: string | null; commentTotal?: number }): string {
  const text = [facts.status.name, facts.packageId ?? '', facts.priorityId ?? '', String(facts.commentTotal ?? 0)].join('\u0000');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
