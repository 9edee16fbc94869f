// What the issue panel, the context badge, the field editor and the queue view show. The panel
// reads through the *user's* Jira port, so someone who cannot browse an issue gets NOT_FOUND and
// never its clocks; the clocks are computed fresh from the history (not from the stored property).

import { workingBetween, workingSegmentsFrom, type CompiledCalendar } from '../domain/calendar';
import { calendarForPackage, type PackageCalendar } from '../domain/sla/calendar-of';
import { assignmentValidTo, computeClocks, resolveCustomerPackage } from '../domain/sla';
import type { Clock, ClockSet, CustomerAssignment, FollowUpClock, SlaConfig } from '../domain/sla/types';
import { formatDate } from '../domain/time/day';
import { formatInstant, localDayOf } from '../domain/time/zone';
import type {
  ClockKind,
  ClockState,
  ClockView,
  FieldOption,
  HistoryEntry,
  IssueBadgeView,
  IssueSlaView,
  PackageView,
  PriorityView,
  QueueRow,
} from '../shared/contract';
import { calendarNames } from '../domain/calendar';
import type { ActiveConfig, ConfigLookup } from './config-store';
import { AppError } from './errors';
import { withAgreements } from './agreements';
import type { Directory, IssueFacts, KeyValueStore, RequestSource } from './ports';
import { mostUrgentClock, parseJiraInstant } from './stored-sla';

const MINUTE = 60_000;
export function calendarOf(config: SlaConfig, packageId: string | null): PackageCalendar {
  try {
    return calendarForPackage(config, packageId);
  } catch (e) {
    throw new AppError('INVALID_CONFIG', `calendarId: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function iso(zone: string, ms: number | null): string | null {
  return ms === null ? null : formatInstant(zone, ms);
}

function clockView(kind: ClockKind, c: Clock | FollowUpClock, set: ClockSet, config: SlaConfig, cal: CompiledCalendar, nowMs: number, original?: Clock | null): ClockView {
  const zone = set.timezone;
  const ticking = c.state === 'running' || c.state === 'atRisk' || c.state === 'breached' || (c.state === 'paused' && c.pauseReason === 'outsideWorkingHours');
  const neededMs = Math.max(0, c.remainingMinutes) * MINUTE + cal.nominalDayMs;
  const segments = ticking ? workingSegmentsFrom(cal, nowMs, neededMs) : [];
  const view: ClockView = {
    kind,
    state: c.state,
    goalMinutes: c.goalMinutes,
    goal: c.goal,
    elapsedMinutes: c.elapsedMinutes,
    remainingMinutes: c.remainingMinutes,
    due: iso(zone, c.due),
    startedAt: formatInstant(zone, c.startedAt),
    stoppedAt: iso(zone, c.stoppedAt),
    pausedSince: iso(zone, c.pausedSince),
    pauseReason: c.pauseReason,
    resumesAt: iso(zone, c.resumesAt),
    workingSegmentsAhead: segments.map(([s, e]) => [formatInstant(zone, s), formatInstant(zone, e)]),
    atRiskRemainingMinutes: c.goalMinutes * config.atRiskThreshold,
  };
  if ('cycles' in c) view.cycle = { index: c.cycles.length, count: c.cycles.length };
  if (c.agreement) {
    view.agreement = {
      originalGoalMinutes: c.agreement.originalGoalMinutes,
      originalDue: iso(zone, original?.due ?? null),
      count: c.agreement.count,
      lastReason: c.agreement.lastReason,
      lastAt: formatInstant(zone, c.agreement.lastAt),
      lastBy: c.agreement.lastBy,
      metAsAgreed: c.agreement.metAsAgreed,
    };
  }
  return view;
}

/** An assignment's validity as the panel shows it; `expired` judged on today's local date in `zone`. */
function assignmentValidity(config: SlaConfig, a: CustomerAssignment, zone: string, nowMs: number): { validFrom: string | null; validTo: string | null; expired: boolean } {
  const validTo = assignmentValidTo(config, a);
  return { validFrom: a.validFrom, validTo, expired: validTo !== null && formatDate(localDayOf(zone, nowMs)) > validTo };
}

function packageView(config: SlaConfig, set: ClockSet, facts: IssueFacts, nowMs: number): PackageView | null {
  const pkg = config.packages.find((p) => p.id === set.packageId);
  if (!pkg) return null;
  const zone = set.timezone;
  const ref = { organization: facts.reporter.organization, organizations: facts.reporter.organizations ?? [], emailDomain: facts.reporter.emailDomain };
  // The clocks pick the customer's package on the day the request came in (computeClocks); today's
  // answer may name another assignment (renewed, replaced), so both are looked at.
  const atCreation = resolveCustomerPackage(config, ref, facts.createdMs, zone);
  const today = resolveCustomerPackage(config, ref, nowMs, zone);
  const own = [atCreation.assignment, today.assignment].find((a) => a !== null && a.package === pkg.id) ?? null;
  const automatic = facts.packageId === null;
  // Set when the default package is in effect and the customer has an assignment that did not hold
  // on the creation day — also when an agent set the default package on the request by hand.
  const lapsedAssignment = atCreation.fallback && pkg.id === config.defaultPackage ? atCreation.assignment : null;
  const lapsedPkg = lapsedAssignment ? config.packages.find((p) => p.id === lapsedAssignment.package) : undefined;
  const view: PackageView = {
    id: pkg.id,
    name: { ru: pkg.name.ru, en: pkg.name.en },
    channels: pkg.channels.map((ch) => `${ch.name.en}: ${ch.address}`),
    channelsLocalized: pkg.channels.map((ch) => ({ ru: `${ch.name.ru}: ${ch.address}`, en: `${ch.name.en}: ${ch.address}` })),
    extras: pkg.extras.map((x) => x.en),
    extrasLocalized: pkg.extras.map((x) => ({ ru: x.ru, en: x.en })),
    // The package in effect: its validity is the customer's assignment of it, if any; the default
    // package applied as a fallback has no end.
    ...(own && own !== lapsedAssignment ? assignmentValidity(config, own, zone, nowMs) : { validFrom: null, validTo: null, expired: false }),
    fallback: automatic && atCreation.fallback && pkg.id === config.defaultPackage,
    source: !automatic ? 'field' : own !== null && own !== lapsedAssignment ? 'customer' : 'default',
  };
  if (lapsedAssignment && lapsedPkg) {
    view.lapsed = {
      id: lapsedPkg.id,
      name: { ru: lapsedPkg.name.ru, en: lapsedPkg.name.en },
      validFrom: lapsedAssignment.validFrom,
      validTo: atCreation.validTo,
      expired: atCreation.expired,
    };
  }
  return view;
}

function priorityView(config: SlaConfig, id: string | null, fieldValue: string | null): PriorityView | null {
  const p = config.priorities.find((x) => x.id === id);
  // Unset field (and no earlier value in the history): the configured default priority applies.
  const source = fieldValue === null && id === config.defaultPriority ? 'default' : 'field';
  return p ? { id: p.id, name: { ...p.name }, definition: { ...p.definition }, source } : null;
}

/** `original`: the same clocks without agreed deadlines, so the panel says the regulation's due next to the agreed one. */
export function buildIssueView(facts: IssueFacts, active: ActiveConfig, set: ClockSet, nowMs: number, licensed: boolean, original?: ClockSet | null): IssueSlaView {
  const config = active.config;
  const { id, def, cal } = calendarOf(config, set.packageId);
  const zone = set.timezone;
  const clocks: ClockView[] = [];
  if (set.reaction) clocks.push(clockView('reaction', set.reaction, set, config, cal, nowMs, original?.reaction));
  if (set.resolution) clocks.push(clockView('resolution', set.resolution, set, config, cal, nowMs, original?.resolution));
  if (set.followUp) clocks.push(clockView('followUp', set.followUp, set, config, cal, nowMs));
  const history: HistoryEntry[] = set.history.map((h) => ({ at: formatInstant(zone, h.at), clock: h.clock, what: h.what, ...(h.detail ? { detail: h.detail } : {}) }));
  return {
    issueKey: facts.key,
    configured: true,
    licensed,
    calendar: { id, timezone: def.timezone, name: def.name ?? id, names: calendarNames(def, id) },
    package: packageView(config, set, facts, nowMs),
    priority: priorityView(config, set.priorityId, facts.priorityId),
    clocks,
    autoClose: set.autoClose ? { at: formatInstant(zone, set.autoClose.at) } : null,
    history,
    warnings: [...set.warnings],
    warningDetails: set.warningDetails.map((w) => ({ code: w.code, params: { ...w.params }, text: w.text })),
    now: formatInstant(zone, nowMs),
  };
}

/** The panel of an issue with no clocks to show: no configuration for its project, or an unlicensed site. */
export function emptyIssueView(issueKey: string, nowMs: number, licensed: boolean): IssueSlaView {
  return {
    issueKey,
    configured: false,
    licensed,
    calendar: { id: '', timezone: 'UTC', name: '' },
    package: null,
    priority: null,
    clocks: [],
    autoClose: null,
    history: [],
    warnings: [],
    warningDetails: [],
    now: new Date(nowMs).toISOString(),
  };
}

/** One issue read as the user (BROWSE enforced by Jira) and its clocks computed fresh; no clocks outside every scope. */
async function freshClocks(
  userJira: Pick<RequestSource, 'loadFacts' | 'loadRequests'>,
  configs: ConfigLookup,
  issueKey: string,
  nowMs: number,
  store: KeyValueStore | null,
  /** The panel shows the regulation's own due beside an agreed one; the badge does not need it. */
  withOriginal = false,
): Promise<{ facts: IssueFacts; active: ActiveConfig; set: ClockSet; original?: ClockSet | null } | { facts: IssueFacts; active: null; set: null; original?: null }> {
  const [facts] = await userJira.loadFacts([issueKey]);
  if (!facts) throw new AppError('NOT_FOUND', `issue ${issueKey} does not exist or you do not have permission to browse it`);
  const active = await configs.forProject(facts.projectKey);
  if (!active) return { facts, active: null, set: null };
  const loaded = await userJira.loadRequests([facts], () => active.config.agentRule);
  // Agreed deadlines live in the app's storage, not in Jira: the panel computes with them as the sweep does.
  const request = (store ? await withAgreements(store, loaded) : loaded).get(facts.id);
  if (!request) throw new AppError('UPSTREAM', `the history of ${issueKey} could not be read`);
  const set = computeClocks(active.config, request, nowMs);
  // Only with agreements: the regulation's own due, for "due moved from X to Y".
  const original = withOriginal && request.agreements && request.agreements.length > 0 ? computeClocks(active.config, { ...request, agreements: [] }, nowMs) : null;
  return { facts, active, set, original };
}

/** Panel: read as the user (BROWSE enforced by Jira), compute fresh. */
export async function getIssueSla(
  userJira: Pick<RequestSource, 'loadFacts' | 'loadRequests'> & Pick<Directory, 'userDisplayName'>,
  configs: ConfigLookup,
  issueKey: string,
  nowMs: number,
  licensed: boolean,
  store: KeyValueStore | null = null,
): Promise<IssueSlaView> {
  const { facts, active, set, original } = await freshClocks(userJira, configs, issueKey, nowMs, store, true);
  if (!active) return emptyIssueView(facts.key, nowMs, licensed);
  const view = buildIssueView(facts, active, set, nowMs, licensed, original);
  // Who agreed, by name (one GET per person; unknown names stay null).
  for (const c of view.clocks) {
    if (c.agreement?.lastBy) c.agreement.lastByName = await userJira.userDisplayName(c.agreement.lastBy).catch(() => null);
  }
  return view;
}

const badgeWords: Record<string, { ru: string; en: string }> = {
  reaction: { ru: 'Реакция', en: 'Reaction' },
  resolution: { ru: 'Решение', en: 'Resolution' },
  followUp: { ru: 'Ответ', en: 'Follow-up' },
};

export function badgeOf(view: IssueSlaView, set: ClockSet | null): IssueBadgeView {
  if (!view.configured || !set) return { label: 'SLA', state: 'none', due: null };
  const urgent = mostUrgentClock(set);
  if (!urgent) return { label: 'SLA', state: 'none', due: null };
  const clock = view.clocks.find((c) => c.kind === urgent.kind);
  return { label: badgeWords[urgent.kind]!.en, state: urgent.clock.state, due: clock?.due ?? null };
}

export async function getIssueBadge(
  userJira: Pick<RequestSource, 'loadFacts' | 'loadRequests'>,
  configs: ConfigLookup,
  issueKey: string,
  nowMs: number,
  licensed: boolean,
  store: KeyValueStore | null = null,
): Promise<IssueBadgeView> {
  const { facts, active, set } = await freshClocks(userJira, configs, issueKey, nowMs, store);
  if (!active) return { label: 'SLA', state: 'none', due: null };
  return badgeOf(buildIssueView(facts, active, set, nowMs, licensed), set);
}

export async function fieldOptions(configs: ConfigLookup, projectKey: string | null, field: 'package' | 'priority'): Promise<FieldOption[]> {
  const active = projectKey ? await configs.forProject(projectKey) : await configs.siteDefault();
  if (!active) return [];
  if (field === 'package') {
    return active.config.packages.map((p) => ({ id: p.id, name: { ...p.name }, ...(p.description ? { description: { ...p.description } } : {}) }));
  }
  return active.config.priorities.map((p) => ({ id: p.id, name: { ...p.name }, description: { ...p.definition } }));
}

/**
 * The queue: open requests of a project, most urgent first, from the stored property (no history
 * reads). Remaining time is working time of the request's calendar.
 */
export async function getQueue(userJira: Pick<RequestSource, 'findOpenInProject'>, configs: ConfigLookup, projectKey: string, nowMs: number): Promise<QueueRow[]> {
  const active = await configs.forProject(projectKey);
  const facts = await userJira.findOpenInProject(projectKey, 100);
  const rows = facts.map((f): QueueRow & { sortDue: number; created: number } => {
    const stored = f.stored;
    let mostUrgent: QueueRow['mostUrgent'] = null;
    let sortDue = Number.POSITIVE_INFINITY;
    if (stored && active) {
      // Urgency and order come from clocks still counting; a breached clock that already stopped
      // (reaction answered late) is shown only when nothing else is open, as history.
      const ticking = stored.clocks.filter((c) => c.state !== 'met' && c.state !== 'paused' && c.due !== null && c.stopped !== true);
      const first = ticking.reduce<(typeof ticking)[number] | null>(
        (a, c) => (a === null || (parseJiraInstant(c.due!) ?? Infinity) < (parseJiraInstant(a.due!) ?? Infinity) ? c : a),
        null,
      );
      const stoppedLate = stored.clocks.find((c) => c.stopped === true) ?? null;
      const pick = first ?? stored.clocks.find((c) => c.state === 'paused') ?? stoppedLate;
      if (pick) {
        const dueMs = pick.due === null ? null : parseJiraInstant(pick.due);
        const { cal } = calendarOf(active.config, stored.package);
        const remaining =
          pick.remainingMinutes ?? (dueMs === null ? 0 : dueMs >= nowMs ? workingBetween(cal, nowMs, dueMs) / MINUTE : -workingBetween(cal, dueMs, nowMs) / MINUTE);
        if (pick.stopped === true) mostUrgent = { kind: pick.kind, state: pick.state, due: pick.due, remainingMinutes: 0, stopped: true };
        else {
          // The stored state is as of the last recompute (a sweep may be minutes away); a counting
          // clock's state follows from its due and now alone, so the queue says what the panel says.
          const threshold = active.config.atRiskThreshold;
          const state: ClockState =
            pick.state !== 'running' && pick.state !== 'atRisk'
              ? pick.state
              : remaining <= 0
                ? 'breached'
                : threshold > 0 && remaining < threshold * pick.goalMinutes
                  ? 'atRisk'
                  : 'running';
          mostUrgent = { kind: pick.kind, state, due: pick.due, remainingMinutes: Math.round(remaining * 100) / 100 };
          if (dueMs !== null) sortDue = dueMs;
        }
      }
    }
    const pkg = stored?.package ?? f.packageId;
    const prio = stored?.priority ?? f.priorityId;
    const pkgName = pkg === null ? undefined : active?.config.packages.find((p) => p.id === pkg)?.name;
    const prioName = prio === null ? undefined : active?.config.priorities.find((p) => p.id === prio)?.name;
    return {
      issueKey: f.key,
      summary: f.summary,
      status: f.status.name,
      package: pkg,
      priority: prio,
      ...(pkgName ? { packageName: { ...pkgName } } : {}),
      ...(prioName ? { priorityName: { ...prioName } } : {}),
      mostUrgent,
      sortDue,
      created: f.createdMs,
    };
  });
  rows.sort((a, b) => a.sortDue - b.sortDue || a.created - b.created);
  return rows.map(({ sortDue: _d, created: _c, ...row }) => row);
}
