// Derives a request's report row from computeClocks' output. The recompute calls this right
// after computeClocks and stores the row next to the Jira fields; the CLI does the same for
// each input line. Pure: the same (config, request, clocks, now) always gives the same row.

import { workingBetween } from '../calendar';
import { calendarForPackage } from '../sla/calendar-of';
import type { Clock, ClockSet, SlaConfig, SlaRequest } from '../sla/types';
import { instantToLocal } from '../time/zone';
import { progressFromEvents, type JournalContacts, type JournalEntry, type JournalEvent, type JournalStatus } from './journal';
import type { ReportClock, ReportRow } from './report-row';

export interface ReportRowContext {
  /** Jira project key; defaults to the part of the request key before the last '-'. */
  readonly project?: string;
  /** The assignee (display name or accountId), if any. */
  readonly agent?: string | null;
  /** Overrides the customer taken from the request (organization, else e-mail domain). */
  readonly customer?: string | null;
}

function reportClock(c: Clock): ReportClock {
  const base: ReportClock = { state: c.state, stopped: c.stoppedAt !== null, elapsedMinutes: c.elapsedMinutes, goalMinutes: c.goalMinutes };
  if (!c.agreement) return base;
  return { ...base, extended: true, ...(c.agreement.metAsAgreed ? { agreed: true } : {}) };
}

// Offsets per zone and UTC day: Intl lookups cost microseconds each, and a report derives a month
// for every request. A day whose start and end share an offset has it throughout (no zone
// changes its offset twice within one day); a transition day is looked up exactly.
const DAY_MS = 86_400_000;
const dayOffsets = new Map<string, Map<number, number | null>>();

function offsetAt(zone: string, ms: number): number {
  let byDay = dayOffsets.get(zone);
  if (byDay === undefined) {
    byDay = new Map();
    dayOffsets.set(zone, byDay);
  }
  const day = Math.floor(ms / DAY_MS);
  let off = byDay.get(day);
  if (off === undefined) {
    const a = instantToLocal(zone, day * DAY_MS) - day * DAY_MS;
    const b = instantToLocal(zone, (day + 1) * DAY_MS - 1) - ((day + 1) * DAY_MS - 1);
    off = a === b ? a : null;
    if (byDay.size > 50_000) byDay.clear();
    byDay.set(day, off);
  }
  return off ?? instantToLocal(zone, ms) - ms;
}

/** `YYYY-MM` of instant `ms` in `zone`. */
export function monthOf(ms: number, zone: string): string {
  const d = new Date(ms + offsetAt(zone, ms));
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * Working minutes the request spent in a customer-wait status up to `nowMs`, whether or not the
 * configuration has a resolution goal (the wait is worth reporting either way). Counted in the
 * calendar of the package in effect, like the clocks.
 */
export function customerWaitMinutes(config: SlaConfig, request: SlaRequest, packageId: string, nowMs: number): number {
  const wait = new Set(config.statuses.customerWait.map((s) => s.toLowerCase()));
  if (wait.size === 0) return 0;
  const statusEvents = request.events.filter((e) => e.type === 'status' && e.at <= nowMs).sort((a, b) => a.at - b.at);
  let waiting = wait.has((request.status ?? config.statuses.initial[0] ?? '').toLowerCase());
  let since = request.created;
  const pauses: Array<readonly [number, number]> = [];
  for (const e of statusEvents) {
    if (e.type !== 'status') continue;
    const at = Math.max(e.at, request.created);
    const next = wait.has(e.to.toLowerCase());
    if (next === waiting) continue;
    if (waiting) pauses.push([since, at]);
    waiting = next;
    since = at;
  }
  if (waiting && nowMs > since) pauses.push([since, nowMs]);
  if (pauses.length === 0) return 0;
  const cal = calendarForPackage(config, packageId).cal;
  let ms = 0;
  for (const [from, to] of pauses) if (to > from) ms += workingBetween(cal, from, to);
  return ms / 60_000;
}

/**
 * @example
 * const clocks = computeClocks(config, request, now);
 * const row = reportRowFromClocks(config, request, clocks, now, { agent: 'Рудаков А.' });
 */
export function reportRowFromClocks(config: SlaConfig, request: SlaRequest, clocks: ClockSet, nowMs: number, ctx: ReportRowContext = {}): ReportRow {
  const key = request.key ?? '';
  const dash = key.lastIndexOf('-');
  const customerFromRequest = request.customer?.organization ?? request.customer?.emailDomain ?? null;
  let answers = 0;
  for (const e of request.events) if (e.type === 'comment' && e.by === 'agent' && e.at <= nowMs) answers++;
  return {
    key,
    project: ctx.project ?? (dash > 0 ? key.slice(0, dash) : ''),
    createdMs: request.created,
    month: monthOf(request.created, clocks.timezone),
    package: clocks.packageId,
    priority: clocks.priorityId,
    customer: ctx.customer !== undefined ? ctx.customer : customerFromRequest,
    agent: ctx.agent ?? null,
    reaction: clocks.reaction === null ? null : reportClock(clocks.reaction),
    resolution: clocks.resolution === null ? null : reportClock(clocks.resolution),
    followUp: clocks.followUp === null ? [] : clocks.followUp.cycles.map(reportClock),
    pausedMinutes: request.created > nowMs ? 0 : customerWaitMinutes(config, request, clocks.packageId, nowMs),
    computedAtMs: nowMs,
    answers,
    accountedMinutes: answers * (config.minimumAnswerMinutes ?? 0),
  };
}

/** What the journal needs beyond the clocks' history (from Jira, or extra fields of a CLI line). */
export interface JournalContext {
  readonly text: string;
  readonly organization?: string | null;
  readonly contacts?: JournalContacts;
  /** The request's events with comment texts, for the progress column; defaults to the clock events. */
  readonly events?: readonly JournalEvent[];
  readonly locale: 'ru' | 'en';
}

/** Open / resolved (Завершена) / closed by the status role the request is in at `nowMs`. */
export function journalStatusAt(config: SlaConfig, request: SlaRequest, nowMs: number): JournalStatus {
  let status = request.status ?? config.statuses.initial[0] ?? '';
  let lastAt = -Infinity;
  for (const e of request.events) if (e.type === 'status' && e.at <= nowMs && e.at >= lastAt) [status, lastAt] = [e.to, e.at];
  const s = status.toLowerCase();
  if (config.statuses.closed.some((x) => x.toLowerCase() === s)) return 'closed';
  if (config.statuses.resolved.some((x) => x.toLowerCase() === s)) return 'resolved';
  return 'open';
}

/** Comment text for the request event at the same position (a CLI line's `events[i]`). */
export interface JournalCommentBody {
  readonly body?: string | null;
  readonly internal?: boolean;
}

/**
 * The request's clock events in journal terms. With `bodies`, comments carry their text
 * (null when missing) and internal flag, matched to the events by position.
 */
export function journalEventsFromRequest(config: SlaConfig, request: SlaRequest, bodies?: ReadonlyArray<JournalCommentBody | undefined>): JournalEvent[] {
  return request.events.map((e, i): JournalEvent => {
    switch (e.type) {
      case 'status':
        return { atMs: e.at, type: 'status', to: e.to };
      case 'comment':
        return bodies
          ? { atMs: e.at, type: 'comment', by: e.by, body: bodies[i]?.body ?? null, internal: bodies[i]?.internal === true }
          : { atMs: e.at, type: 'comment', by: e.by };
      case 'priority':
        return { atMs: e.at, type: 'priority', to: e.to ?? '—' };
      case 'package':
        return { atMs: e.at, type: 'package', to: e.to ?? config.defaultPackage };
    }
  });
}

/** One line of the Barier request journal, from the same inputs as the report row. */
export function journalEntryFromRequest(config: SlaConfig, request: SlaRequest, clocks: ClockSet, nowMs: number, ctx: JournalContext): JournalEntry {
  const events: readonly JournalEvent[] = ctx.events ?? journalEventsFromRequest(config, request);
  return {
    key: request.key ?? '',
    createdMs: request.created,
    priority: clocks.priorityId,
    organization: ctx.organization ?? request.customer?.organization ?? request.customer?.emailDomain ?? null,
    text: ctx.text,
    status: journalStatusAt(config, request, nowMs),
    contacts: ctx.contacts ?? {},
    progress: progressFromEvents(
      request.created,
      events.filter((e) => e.atMs <= nowMs),
      ctx.locale,
    ),
  };
}
