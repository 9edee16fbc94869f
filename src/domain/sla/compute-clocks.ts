// The clocks of one request, derived from its history (DOMAIN.md "Clocks on a request").
// Nothing is accumulated in place: the same (config, request, now) always gives the same result.
// Cost: one pass over the events plus a handful of binary searches in the compiled calendar per
// clock; no loops over minutes or days.

import { coverageGaps, coveredByProductionData } from '../calendar';
import { calendarForPackage } from './calendar-of';
import { withChoiceIds } from './choice-ref';
import { clockFor, clockWithGoal, NO_PAUSES, type KeySnapshot } from './clock';
import { customerKnown, resolveCustomerPackage } from './customers';
import { updateGoalFor } from './goals';
import { statusRole } from './status-roles';
import { modeOf, prepare, Timeline } from './timeline';
import { coverageWarningDetails, warning, type WarningDetail } from './warnings';
import type { Clock, ClockSet, FollowUpClock, SlaConfig, SlaEvent, SlaRequest } from './types';

export { goalFor, updateGoalFor } from './goals';

const byTime = (a: SlaEvent, b: SlaEvent): number => a.at - b.at;


/**
 * Every clock of `request` at `nowMs` under `config` (already parsed by `parseSlaConfig`).
 * @example
 * computeClocks(TEMPLATES.altec, { created: Date.parse('2026-03-06T16:30:00+03:00'), priority: '2', events: [] },
 *   Date.parse('2026-03-06T17:00:00+03:00')).reaction?.state // 'breached' (30m goal)
 */
export function computeClocks(config: SlaConfig, requestAsRead: SlaRequest, nowMs: number): ClockSet {
  const request = withChoiceIds(config, requestAsRead);
  const prep = prepare(config);
  const created = request.created;
  if (!Number.isFinite(created) || !Number.isFinite(nowMs)) throw new Error('created and now must be finite instants');
  const ev = new Timeline(config, prep, created, nowMs);
  const warnings = ev.warnings;

  // --- package and priority at creation ---------------------------------------------------
  const defaultCal = calendarForPackage(config, config.defaultPackage).cal;
  const reqPkg = request.package ?? null;
  if (reqPkg !== null && reqPkg !== '') {
    if (prep.packages.has(reqPkg)) ev.pkg = reqPkg;
    else warnings.push(warning('unknownPackage', { package: reqPkg, default: config.defaultPackage }));
  } else if (config.customers.length > 0 && !customerKnown(request.customer)) {
    // Neither an organization nor an e-mail domain: the customer's own package cannot be found.
    warnings.push(warning('customerUnknown', { default: config.defaultPackage }));
  } else if (request.customer !== undefined && config.customers.length > 0) {
    const own = resolveCustomerPackage(config, request.customer, created, defaultCal.zone);
    if (own.warning !== null) warnings.push(own.warning);
    if (prep.packages.has(own.packageId)) ev.pkg = own.packageId;
  }
  const hasPriorities = prep.priorities.size > 0;
  ev.prio = hasPriorities ? config.defaultPriority : null;
  const reqPrio = request.priority ?? null;
  if (hasPriorities && reqPrio !== null && reqPrio !== '') {
    if (prep.priorities.has(reqPrio)) ev.prio = reqPrio;
    else warnings.push(warning('unknownPriority', { priority: reqPrio, default: config.defaultPriority ?? '' }));
  }

  if (created > nowMs) {
    // The request does not exist yet at `now`.
    warnings.push(warning('createdAfterNow', {}));
    return {
      reaction: null,
      resolution: null,
      followUp: null,
      autoClose: null,
      nextCheckAt: null,
      packageId: ev.pkg,
      priorityId: ev.prio,
      timezone: defaultCal.zone,
      history: [],
      ...warningFields(warnings),
    };
  }

  // --- one pass over the history -----------------------------------------------------------
  const source = request.events;
  let events: SlaEvent[] = [];
  let sorted = true;
  for (let i = 0; i < source.length; i++) {
    const e = source[i]!;
    if (e.at > nowMs) continue;
    if (events.length > 0 && e.at < events[events.length - 1]!.at) sorted = false;
    events.push(e);
  }
  if (!sorted) events = events.sort(byTime);
  const hasReaction = config.goals.reaction !== undefined;
  const hasResolution = config.goals.resolution !== undefined;

  ev.status = request.status ?? prep.initialStatus;
  ev.role = statusRole(config, ev.status);
  ev.mode = modeOf(ev.role);
  ev.resolvedEntry = ev.role === 'resolved' ? created : null;
  if (ev.mode === 'stop') ev.resStopKey = { pkg: ev.pkg, prio: ev.prio };
  const history = ev.history;
  history.push({ at: created, clock: 'request', what: 'started' });
  if (hasReaction) history.push({ at: created, clock: 'reaction', what: 'started' });
  if (hasResolution) history.push({ at: created, clock: 'resolution', what: ev.mode === 'run' ? 'started' : ev.mode === 'pause' ? 'paused' : 'stopped' });

  const zone = defaultCal.zone;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const at = e.at < created ? created : e.at;
    switch (e.type) {
      case 'status': ev.onStatus(at, e.to, hasResolution); break;
      case 'comment': ev.onComment(at, e.by, hasReaction); break;
      case 'priority': ev.onPriority(at, e.to ?? null, e.by ?? 'agent', zone); break;
      case 'package': ev.onPackage(at, e.to ?? null, zone); break;
    }
  }
  if (ev.mode !== 'run') ev.resPauses.push([ev.modeSince, nowMs]);

  // The calendar of the package in effect now counts the whole request (one schedule per request).
  const cal = calendarForPackage(config, ev.pkg).cal;
  ev.cal = cal;
  if (request.agreements && request.agreements.length > 0) ev.agreements = [...request.agreements].sort((a, b) => a.at - b.at);
  const nowKey: KeySnapshot = { pkg: ev.pkg, prio: ev.prio };

  // --- reaction ----------------------------------------------------------------------------
  let reaction: Clock | null = null;
  if (hasReaction) {
    if (ev.reactionStop !== null) history.push({ at: ev.reactionStop, clock: 'reaction', what: 'stopped', detail: ev.reactionCause });
    reaction = clockFor(ev, 'reaction', { start: created, stop: ev.reactionStop, key: ev.reactionStopKey ?? nowKey, pauses: NO_PAUSES, pausedSince: null, label: 'reaction', live: true });
  }

  // --- resolution --------------------------------------------------------------------------
  let resolution: Clock | null = null;
  if (hasResolution) {
    const stop = ev.mode === 'stop' ? ev.modeSince : null;
    // Pauses after the stop do not matter; the open pause up to now matters for elapsed only.
    const pauses = stop === null ? ev.resPauses : ev.resPauses.filter((p) => p[0] < stop);
    const key = stop === null ? nowKey : (ev.resStopKey ?? nowKey);
    resolution = clockFor(ev, 'resolution', { start: created, stop, key, pauses, pausedSince: ev.mode === 'pause' ? ev.modeSince : null, label: 'resolution', live: true });
  }

  // --- follow-up ---------------------------------------------------------------------------
  let followUp: FollowUpClock | null = null;
  const cycles = ev.cycles;
  if (hasReaction && cycles.length > 0) {
    const built: Clock[] = [];
    for (let i = 0; i < cycles.length; i++) {
      const c = cycles[i]!;
      const clock = clockFor(ev, 'reaction', { start: c.start, stop: c.stop, key: c.stopKey ?? nowKey, pauses: NO_PAUSES, pausedSince: null, label: 'followUp', live: i === cycles.length - 1 });
      if (clock) built.push(clock);
    }
    const latest = built[built.length - 1];
    if (latest) followUp = { ...latest, cycles: built };
  }

  // --- update (keep the customer informed) --------------------------------------------------
  // A cycle starts at each agent answer and ends at the next one or when the request stops;
  // customer-wait pauses it. Only packages and priorities with an interval have the clock.
  let update: FollowUpClock | null = null;
  if (config.updates && ev.agentAnswers.length > 0) {
    const built: Clock[] = [];
    const answers = ev.agentAnswers;
    for (let i = 0; i < answers.length; i++) {
      const start = answers[i]!;
      const nextAnswer = answers[i + 1] ?? null;
      const nextStop = ev.stops.find((t) => t >= start) ?? null;
      const stop = nextAnswer !== null && (nextStop === null || nextAnswer <= nextStop) ? nextAnswer : nextStop;
      const last = stop === null;
      const key = last ? nowKey : (ev.resStopKey ?? nowKey);
      const goal = updateGoalFor(config, key.pkg, key.prio);
      if (goal === null) continue;
      const end = stop ?? nowMs;
      const pauses = ev.resPauses.filter((p) => p[1] > start && p[0] < end);
      try {
        built.push(clockWithGoal(ev, goal, { start, stop, key, pauses, pausedSince: last && ev.mode === 'pause' ? ev.modeSince : null, label: 'update', live: last }));
      } catch (e) {
        warnings.push(warning('cannotCompute', { clock: 'update', reason: e instanceof Error ? e.message : String(e) }));
      }
    }
    const latest = built[built.length - 1];
    if (latest) update = { ...latest, cycles: built };
  }

  // --- auto-close --------------------------------------------------------------------------
  let autoClose: { at: number } | null = null;
  if (prep.autoCloseMs !== null && ev.role === 'resolved' && ev.resolvedEntry !== null && !ev.customerSinceResolved) {
    autoClose = { at: ev.resolvedEntry + prep.autoCloseMs };
  }

  let nextCheckAt: number | null = null;
  for (const t of ev.checks) if (t > nowMs && (nextCheckAt === null || t < nextCheckAt)) nextCheckAt = t;
  if (autoClose !== null && (nextCheckAt === null || autoClose.at < nextCheckAt)) nextCheckAt = autoClose.at;

  if (!coveredByProductionData(cal, created, ev.horizon)) warnings.push(...coverageWarningDetails(coverageGaps(cal, created, ev.horizon)));
  history.sort((a, b) => a.at - b.at);

  return {
    reaction,
    resolution,
    followUp,
    ...(config.updates ? { update } : {}),
    autoClose,
    nextCheckAt,
    packageId: ev.pkg,
    priorityId: ev.prio,
    timezone: cal.zone,
    history,
    ...warningFields(warnings),
  };
}

/** Each warning once (by its text), as data and as the English texts the CLI prints. */
function warningFields(list: readonly WarningDetail[]): Pick<ClockSet, 'warnings' | 'warningDetails'> {
  const seen = new Set<string>();
  const details = list.length > 1 ? list.filter((w) => !seen.has(w.text) && seen.add(w.text)) : list;
  return { warnings: details.map((w) => w.text), warningDetails: details };
}
