// The clocks of one request, derived from its history (DOMAIN.md "Clocks on a request").
// Nothing is accumulated in place: the same (config, request, now) always gives the same result.
// Cost: one pass over the events plus a handful of binary searches in the compiled calendar per
// clock; no loops over minutes or days.

import { formatDate, MS_PER_MINUTE } from '../time/day';
import { formatInstant, localDayOf } from '../time/zone';
import { parsePeriod } from './period';
import type {
  Clock,
  ClockHistoryEntry,
  ClockSet,
  FollowUpClock,
  GoalClock,
  SlaConfig,
  SlaEvent,
  SlaRequest,
} from './types';
import {
  addWorkingMs,
  calendarWarnings,
  compile,
  goalLengthMs,
  isWorkingAt,
  nextWorkingAt,
  type Pause,
  type WorkCalendar,
  workingMsBetween,
} from './working-time';

type Role = 'initial' | 'customerWait' | 'resolved' | 'closed' | 'open';
type Mode = 'run' | 'pause' | 'stop';

interface Prepared {
  readonly roles: Map<string, Role>;
  readonly initialStatus: string;
  readonly packages: ReadonlySet<string>;
  readonly priorities: ReadonlySet<string>;
  readonly calendars: Map<string, WorkCalendar>;
  readonly autoCloseMs: number | null;
}

const preparedCache = new WeakMap<SlaConfig, Prepared>();

function prepare(config: SlaConfig): Prepared {
  const hit = preparedCache.get(config);
  if (hit) return hit;
  const roles = new Map<string, Role>();
  // Later roles win on a conflict the schema already rejects; order keeps it deterministic.
  for (const s of config.statuses.initial) roles.set(s.toLowerCase(), 'initial');
  for (const s of config.statuses.customerWait) roles.set(s.toLowerCase(), 'customerWait');
  for (const s of config.statuses.resolved) roles.set(s.toLowerCase(), 'resolved');
  for (const s of config.statuses.closed) roles.set(s.toLowerCase(), 'closed');
  const p: Prepared = {
    roles,
    initialStatus: config.statuses.initial[0] ?? 'Open',
    packages: new Set(config.packages.map((x) => x.id)),
    priorities: new Set(config.priorities.map((x) => x.id)),
    calendars: new Map(),
    autoCloseMs: config.autoClose ? parsePeriod(config.autoClose.period) : null,
  };
  preparedCache.set(config, p);
  return p;
}

function calendarFor(config: SlaConfig, prep: Prepared, packageId: string): WorkCalendar {
  const pkg = config.packages.find((x) => x.id === packageId);
  const id = pkg?.calendarId ?? config.calendarId;
  let cal = prep.calendars.get(id);
  if (!cal) {
    const def = config.calendars[id];
    if (!def) throw new Error(`calendar "${id}" is not defined in the configuration`);
    cal = compile(def);
    prep.calendars.set(id, cal);
  }
  return cal;
}

/** The goal string for a clock, package and priority; null when the configuration sets none. */
export function goalFor(config: SlaConfig, clock: GoalClock, packageId: string, priorityId: string | null): string | null {
  const table = config.goals[clock];
  const by = config.goalsBy[clock];
  if (!table || !by) return null;
  if (by === 'package') {
    const g = table[packageId];
    return typeof g === 'string' ? g : null;
  }
  if (priorityId === null) return null;
  if (by === 'priority') {
    const g = table[priorityId];
    return typeof g === 'string' ? g : null;
  }
  const row = table[packageId];
  if (row === undefined || typeof row === 'string') return null;
  return row[priorityId] ?? null;
}

function roleOf(prep: Prepared, status: string): Role {
  return prep.roles.get(status.toLowerCase()) ?? 'open';
}

function modeOf(role: Role): Mode {
  if (role === 'customerWait') return 'pause';
  if (role === 'resolved' || role === 'closed') return 'stop';
  return 'run';
}

/** The customer's package on the creation date, or null (with the reason) when none applies. */
function customerPackage(config: SlaConfig, request: SlaRequest, zone: string, warnings: string[]): string | null {
  const c = request.customer;
  if (!c) return null;
  const org = c.organization?.trim().toLowerCase() || null;
  const domain = c.emailDomain?.trim().toLowerCase().replace(/^@/, '') || null;
  const day = formatDate(localDayOf(zone, request.created));
  for (const a of config.customers) {
    const hit =
      'organization' in a.match
        ? org !== null && a.match.organization.trim().toLowerCase() === org
        : domain !== null && a.match.emailDomain.trim().toLowerCase().replace(/^@/, '') === domain;
    if (!hit) continue;
    if ((a.validFrom !== null && day < a.validFrom) || (a.validTo !== null && day > a.validTo)) {
      warnings.push(
        `package "${a.package}" of customer "${org ?? domain}" is not valid on ${day} (${a.validFrom ?? '…'} – ${a.validTo ?? '…'}); default package "${config.defaultPackage}" applies`,
      );
      continue;
    }
    return a.package;
  }
  return null;
}

interface KeySnapshot {
  readonly pkg: string;
  readonly prio: string | null;
}

interface Cycle {
  readonly start: number;
  stop: number | null;
  stopKey: KeySnapshot | null;
}

const byTime = (a: SlaEvent, b: SlaEvent): number => a.at - b.at;

function minutes(ms: number): number {
  return ms / MS_PER_MINUTE;
}

/**
 * Every clock of `request` at `nowMs` under `config` (already parsed by `parseSlaConfig`).
 * @example
 * computeClocks(TEMPLATES.altec, { created: Date.parse('2026-03-06T16:30:00+03:00'), priority: '2', events: [] },
 *   Date.parse('2026-03-06T17:00:00+03:00')).reaction?.state // 'breached' (30m goal)
 */
export function computeClocks(config: SlaConfig, request: SlaRequest, nowMs: number): ClockSet {
  const prep = prepare(config);
  const warnings: string[] = [];
  const history: ClockHistoryEntry[] = [];
  const created = request.created;
  if (!Number.isFinite(created) || !Number.isFinite(nowMs)) throw new Error('created and now must be finite instants');

  // --- package and priority at creation ---------------------------------------------------
  const defaultCal = calendarFor(config, prep, config.defaultPackage);
  let pkg = config.defaultPackage;
  const reqPkg = request.package ?? null;
  if (reqPkg !== null && reqPkg !== '') {
    if (prep.packages.has(reqPkg)) pkg = reqPkg;
    else warnings.push(`unknown package "${reqPkg}"; default package "${config.defaultPackage}" applies`);
  } else {
    const own = customerPackage(config, request, defaultCal.zone, warnings);
    if (own !== null && prep.packages.has(own)) pkg = own;
  }
  const hasPriorities = prep.priorities.size > 0;
  let prio: string | null = hasPriorities ? config.defaultPriority : null;
  const reqPrio = request.priority ?? null;
  if (hasPriorities && reqPrio !== null && reqPrio !== '') {
    if (prep.priorities.has(reqPrio)) prio = reqPrio;
    else warnings.push(`unknown priority "${reqPrio}"; default priority "${config.defaultPriority ?? ''}" applies`);
  }

  if (created > nowMs) {
    // The request does not exist yet at `now`.
    return {
      reaction: null,
      resolution: null,
      followUp: null,
      autoClose: null,
      nextCheckAt: null,
      packageId: pkg,
      priorityId: prio,
      timezone: defaultCal.zone,
      history: [],
      warnings: [...warnings, 'the request is created after now'],
    };
  }

  // --- one pass over the history -----------------------------------------------------------
  const events = request.events.filter((e) => e.at <= nowMs).sort(byTime);
  const hasReaction = config.goals.reaction !== undefined;
  const hasResolution = config.goals.resolution !== undefined;

  let status = request.status ?? prep.initialStatus;
  let role = roleOf(prep, status);
  let mode = modeOf(role);
  let modeSince = created;
  let resStopKey: KeySnapshot | null = null;
  const resPauses: Pause[] = [];

  let reactionStop: number | null = null;
  let reactionStopKey: KeySnapshot | null = null;
  let reactionCause = '';

  let agentCommented = false;
  const cycles: Cycle[] = [];
  let openCycle: Cycle | null = null;

  let resolvedEntry: number | null = role === 'resolved' ? created : null;
  let customerSinceResolved = false;

  history.push({ at: created, clock: 'request', what: 'started' });
  if (hasReaction) history.push({ at: created, clock: 'reaction', what: 'started' });
  if (hasResolution) history.push({ at: created, clock: 'resolution', what: mode === 'run' ? 'started' : mode === 'pause' ? 'paused' : 'stopped' });

  const goalText = (clock: GoalClock, p: string, q: string | null): string => goalFor(config, clock, p, q) ?? '—';
  const noteGoalChange = (at: number, oldPkg: string, oldPrio: string | null): void => {
    for (const clock of ['reaction', 'resolution'] as const) {
      const live = clock === 'reaction' ? reactionStop === null : mode !== 'stop';
      if (!live || config.goals[clock] === undefined) continue;
      const before = goalText(clock, oldPkg, oldPrio);
      const after = goalText(clock, pkg, prio);
      if (before !== after) history.push({ at, clock, what: 'goalChanged', detail: `${before} → ${after}` });
    }
    if (openCycle && config.goals.reaction !== undefined) {
      const before = goalText('reaction', oldPkg, oldPrio);
      const after = goalText('reaction', pkg, prio);
      if (before !== after) history.push({ at, clock: 'followUp', what: 'goalChanged', detail: `${before} → ${after}` });
    }
  };
  const stopReaction = (at: number, cause: string): void => {
    if (reactionStop !== null) return;
    reactionStop = at;
    reactionStopKey = { pkg, prio };
    reactionCause = cause;
  };

  for (const ev of events) {
    const at = ev.at < created ? created : ev.at;
    switch (ev.type) {
      case 'status': {
        const nextRole = roleOf(prep, ev.to);
        if (ev.to === status) break;
        if (nextRole !== 'initial') stopReaction(at, `status ${ev.to}`);
        const nextMode = modeOf(nextRole);
        if (nextMode !== mode) {
          if (mode !== 'run') resPauses.push([modeSince, at]);
          if (hasResolution) {
            const what = nextMode === 'run' ? 'resumed' : nextMode === 'pause' ? 'paused' : 'stopped';
            history.push({ at, clock: 'resolution', what, detail: ev.to });
          }
          if (nextMode === 'stop') resStopKey = { pkg, prio };
          mode = nextMode;
          modeSince = at;
        }
        if (nextRole === 'resolved' && role !== 'resolved') {
          history.push({ at, clock: 'request', what: 'resolved', detail: ev.to });
          resolvedEntry = at;
          customerSinceResolved = false;
          if (prep.autoCloseMs !== null) history.push({ at, clock: 'autoClose', what: 'scheduled', detail: ev.to });
        } else if (nextRole === 'closed' && role !== 'closed') {
          history.push({ at, clock: 'request', what: 'closed', detail: ev.to });
        } else if ((role === 'resolved' || role === 'closed') && nextMode !== 'stop') {
          history.push({ at, clock: 'request', what: 'reopened', detail: ev.to });
        }
        if (nextRole !== 'resolved') resolvedEntry = null;
        // A closed request's conversation is over: a cycle left open there ends with it.
        if (nextRole === 'closed' && openCycle) {
          openCycle.stop = at;
          openCycle.stopKey = { pkg, prio };
          history.push({ at, clock: 'followUp', what: 'stopped', detail: ev.to });
          openCycle = null;
        }
        status = ev.to;
        role = nextRole;
        break;
      }
      case 'comment': {
        if (ev.by === 'agent') {
          stopReaction(at, 'agent comment');
          agentCommented = true;
          if (openCycle) {
            openCycle.stop = at;
            openCycle.stopKey = { pkg, prio };
            history.push({ at, clock: 'followUp', what: 'stopped', detail: 'agent comment' });
            openCycle = null;
          }
        } else {
          if (role === 'resolved' && resolvedEntry !== null && !customerSinceResolved) {
            customerSinceResolved = true;
            if (prep.autoCloseMs !== null) history.push({ at, clock: 'autoClose', what: 'cancelled', detail: 'customer comment' });
          }
          if (agentCommented && !openCycle && role !== 'closed') {
            openCycle = { start: at, stop: null, stopKey: null };
            cycles.push(openCycle);
            if (hasReaction) history.push({ at, clock: 'followUp', what: 'started', detail: `cycle ${cycles.length}` });
          }
        }
        break;
      }
      case 'priority': {
        const to = ev.to ?? null;
        if (to === prio) break;
        if ((ev.by ?? 'agent') === 'agent') stopReaction(at, 'priority set');
        if (!hasPriorities) break;
        if (to !== null && !prep.priorities.has(to)) {
          warnings.push(`unknown priority "${to}" at ${formatInstant(defaultCal.zone, at)}; the change is ignored`);
          break;
        }
        const oldPrio = prio;
        prio = to ?? config.defaultPriority;
        if (prio !== oldPrio) noteGoalChange(at, pkg, oldPrio);
        break;
      }
      case 'package': {
        const to = ev.to ?? config.defaultPackage;
        if (to === pkg) break;
        if (!prep.packages.has(to)) {
          warnings.push(`unknown package "${to}" at ${formatInstant(defaultCal.zone, at)}; the change is ignored`);
          break;
        }
        const oldPkg = pkg;
        pkg = to;
        noteGoalChange(at, oldPkg, prio);
        break;
      }
    }
  }
  if (mode !== 'run') resPauses.push([modeSince, nowMs]);

  // The calendar of the package in effect now counts the whole request (one schedule per request).
  const cal = calendarFor(config, prep, pkg);
  const threshold = config.atRiskThreshold;
  const nowKey: KeySnapshot = { pkg, prio };
  const checks: number[] = [];
  let horizon = nowMs;

  const makeClock = (
    clock: GoalClock,
    start: number,
    stop: number | null,
    key: KeySnapshot,
    pauses: readonly Pause[],
    pausedSince: number | null,
    label: 'reaction' | 'resolution' | 'followUp',
    live: boolean,
  ): Clock | null => {
    const goal = goalFor(config, clock, key.pkg, key.prio);
    if (goal === null) {
      warnings.push(`${label}: no goal for package "${key.pkg}"${key.prio === null ? '' : ` and priority "${key.prio}"`}`);
      return null;
    }
    try {
      return clockAt(clock, start, stop, key, pauses, pausedSince, label, live, goal);
    } catch (e) {
      // A schema-valid calendar can still be too sparse for a goal (holidays all year, a goal of
      // years); the other clocks stay usable and the reason is reported.
      warnings.push(`${label}: cannot be computed (${e instanceof Error ? e.message : String(e)})`);
      return null;
    }
  };

  const clockAt = (
    clock: GoalClock,
    start: number,
    stop: number | null,
    key: KeySnapshot,
    pauses: readonly Pause[],
    pausedSince: number | null,
    label: 'reaction' | 'resolution' | 'followUp',
    live: boolean,
    goal: string,
  ): Clock => {
    void clock;
    const goalMs = goalLengthMs(cal, start, goal);
    const end = stop ?? nowMs;
    const elapsedMs = workingMsBetween(cal, start, end, pauses);
    const reached = (): number => addWorkingMs(cal, start, goalMs, pauses);
    let state: Clock['state'];
    let due: number | null = null;
    if (stop !== null) {
      state = elapsedMs <= goalMs ? 'met' : 'breached';
      if (state === 'breached') due = reached();
    } else if (elapsedMs >= goalMs) {
      state = 'breached';
      due = reached();
    } else if (pausedSince !== null) {
      state = 'paused';
    } else {
      due = reached();
      // At risk once the time left is at or below the threshold's share of the goal.
      const riskElapsedMs = goalMs - threshold * goalMs;
      state = threshold > 0 && elapsedMs >= riskElapsedMs ? 'atRisk' : 'running';
      if (live) {
        const risk = state === 'running' && threshold > 0 ? addWorkingMs(cal, start, riskElapsedMs, pauses) : null;
        checks.push(due);
        if (risk !== null) checks.push(risk);
      }
    }
    if (due !== null && due > horizon) horizon = due;
    if (state === 'breached' && due !== null && due <= nowMs) history.push({ at: due, clock: label, what: 'breached', detail: goal });
    const counting = stop === null && pausedSince === null;
    const outside = counting && !isWorkingAt(cal, nowMs);
    return {
      state,
      goal,
      goalMinutes: minutes(goalMs),
      atRiskRemainingMinutes: minutes(threshold * goalMs),
      elapsedMinutes: minutes(elapsedMs),
      remainingMinutes: minutes(goalMs - elapsedMs),
      due,
      startedAt: start,
      stoppedAt: stop,
      pausedSince,
      pauseReason: pausedSince !== null ? 'customerWait' : outside ? 'outsideWorkingHours' : null,
      resumesAt: outside ? nextWorkingAt(cal, nowMs) : null,
      packageId: key.pkg,
      priorityId: key.prio,
    };
  };

  // --- reaction ----------------------------------------------------------------------------
  let reaction: Clock | null = null;
  if (hasReaction) {
    if (reactionStop !== null) history.push({ at: reactionStop, clock: 'reaction', what: 'stopped', detail: reactionCause });
    reaction = makeClock('reaction', created, reactionStop, reactionStopKey ?? nowKey, [], null, 'reaction', true);
  }

  // --- resolution --------------------------------------------------------------------------
  let resolution: Clock | null = null;
  if (hasResolution) {
    const stop = mode === 'stop' ? modeSince : null;
    // Pauses after the stop do not matter; the open pause up to now matters for elapsed only.
    const pauses = stop === null ? resPauses : resPauses.filter((p) => p[0] < stop);
    const key = stop === null ? nowKey : (resStopKey ?? nowKey);
    resolution = makeClock('resolution', created, stop, key, pauses, mode === 'pause' ? modeSince : null, 'resolution', true);
  }

  // --- follow-up ---------------------------------------------------------------------------
  let followUp: FollowUpClock | null = null;
  if (hasReaction && cycles.length > 0) {
    const built: Clock[] = [];
    cycles.forEach((c, i) => {
      const last = i === cycles.length - 1;
      const clock = makeClock('reaction', c.start, c.stop, c.stopKey ?? nowKey, [], null, 'followUp', last);
      if (clock) built.push(clock);
    });
    const latest = built[built.length - 1];
    if (latest) followUp = { ...latest, cycles: built };
  }

  // --- auto-close --------------------------------------------------------------------------
  let autoClose: { at: number } | null = null;
  if (prep.autoCloseMs !== null && role === 'resolved' && resolvedEntry !== null && !customerSinceResolved) {
    autoClose = { at: resolvedEntry + prep.autoCloseMs };
  }

  let nextCheckAt: number | null = null;
  for (const t of checks) if (t > nowMs && (nextCheckAt === null || t < nextCheckAt)) nextCheckAt = t;
  if (autoClose !== null && (nextCheckAt === null || autoClose.at < nextCheckAt)) nextCheckAt = autoClose.at;

  for (const w of calendarWarnings(cal, created, horizon)) warnings.push(w);
  history.sort((a, b) => a.at - b.at);

  return {
    reaction,
    resolution,
    followUp,
    autoClose,
    nextCheckAt,
    packageId: pkg,
    priorityId: prio,
    timezone: cal.zone,
    history,
    warnings: [...new Set(warnings)],
  };
}
