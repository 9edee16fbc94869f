// The clocks of one request, derived from its history (DOMAIN.md "Clocks on a request").
// Nothing is accumulated in place: the same (config, request, now) always gives the same result.
// Cost: one pass over the events plus a handful of binary searches in the compiled calendar per
// clock; no loops over minutes or days.

import { MS_PER_MINUTE } from '../time/day';
import { formatInstant } from '../time/zone';
import { resolveCustomerPackage } from './customers';
import { parsePeriod } from './period';
import { warningText } from './warnings';
import type {
  Clock,
  ClockHistoryEntry,
  ClockSet,
  FollowUpClock,
  GoalClock,
  GoalKeying,
  GoalTable,
  SlaConfig,
  SlaEvent,
  SlaRequest,
  SlaAgreement,
} from './types';
import {
  addWorkingMs,
  calendarWarnings,
  compile,
  coveredByProductionData,
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
  readonly roleBySpelling: Map<string, Role>;
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
    roleBySpelling: new Map(),
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
    const def = Object.hasOwn(config.calendars, id) ? config.calendars[id] : undefined;
    if (!def) throw new Error(`calendar "${id}" is not defined in the configuration`);
    cal = compile(def);
    prep.calendars.set(id, cal);
  }
  return cal;
}

/** The goal string for a clock, package and priority; null when the configuration sets none. */
export function goalFor(config: SlaConfig, clock: GoalClock, packageId: string, priorityId: string | null): string | null {
  return goalIn(config.goals[clock], config.goalsBy[clock], packageId, priorityId);
}

/** The update clock's interval for a package and priority; null when none applies to it. */
export function updateGoalFor(config: SlaConfig, packageId: string, priorityId: string | null): string | null {
  const u = config.updates;
  return u ? goalIn(u.every, u.by, packageId, priorityId) : null;
}

function goalIn(table: GoalTable | undefined, by: GoalKeying | undefined, packageId: string, priorityId: string | null): string | null {
  if (!table || !by) return null;
  // Own keys only: an id like "constructor" must not find Object.prototype's members.
  if (by === 'package') {
    const g = Object.hasOwn(table, packageId) ? table[packageId] : undefined;
    return typeof g === 'string' ? g : null;
  }
  if (priorityId === null) return null;
  if (by === 'priority') {
    const g = Object.hasOwn(table, priorityId) ? table[priorityId] : undefined;
    return typeof g === 'string' ? g : null;
  }
  const row = Object.hasOwn(table, packageId) ? table[packageId] : undefined;
  if (row === undefined || typeof row === 'string') return null;
  const g = Object.hasOwn(row, priorityId) ? row[priorityId] : undefined;
  return typeof g === 'string' ? g : null;
}

function roleOf(prep: Prepared, status: string): Role {
  // Status names repeat across requests: remember each spelling once instead of lower-casing it every time.
  let role = prep.roleBySpelling.get(status);
  if (role === undefined) {
    role = prep.roles.get(status.toLowerCase()) ?? 'open';
    if (prep.roleBySpelling.size < 1000) prep.roleBySpelling.set(status, role);
  }
  return role;
}

function modeOf(role: Role): Mode {
  if (role === 'customerWait') return 'pause';
  if (role === 'resolved' || role === 'closed') return 'stop';
  return 'run';
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

type Label = 'reaction' | 'resolution' | 'followUp' | 'update';

const byTime = (a: SlaEvent, b: SlaEvent): number => a.at - b.at;

function minutes(ms: number): number {
  return ms / MS_PER_MINUTE;
}

const CLOCKS: readonly GoalClock[] = ['reaction', 'resolution'];

/**
 * The state of one evaluation. A class rather than closures inside computeClocks: nothing is
 * allocated per call but this object, which keeps the hot path (tens of thousands of requests
 * per second in a sweep) cheap.
 */
class Evaluation {
  readonly warnings: string[] = [];
  readonly history: ClockHistoryEntry[] = [];
  readonly checks: number[] = [];
  horizon: number;
  cal!: WorkCalendar;
  agreements: readonly SlaAgreement[] = [];

  // Walk state.
  pkg: string;
  prio: string | null = null;
  status = '';
  role: Role = 'initial';
  mode: Mode = 'run';
  modeSince: number;
  resStopKey: KeySnapshot | null = null;
  readonly resPauses: Pause[] = [];
  reactionStop: number | null = null;
  reactionStopKey: KeySnapshot | null = null;
  reactionCause = '';
  agentCommented = false;
  readonly cycles: Cycle[] = [];
  openCycle: Cycle | null = null;
  resolvedEntry: number | null = null;
  customerSinceResolved = false;
  /** Agent comments while the request was not stopped: each starts an update-clock cycle. */
  readonly agentAnswers: number[] = [];
  /** Instants the resolution clock stopped (resolved, closed): an update cycle ends there. */
  readonly stops: number[] = [];

  constructor(
    readonly config: SlaConfig,
    readonly prep: Prepared,
    readonly created: number,
    readonly nowMs: number,
  ) {
    this.horizon = nowMs;
    this.modeSince = created;
    this.pkg = config.defaultPackage;
  }

  goalText(clock: GoalClock, p: string, q: string | null): string {
    return goalFor(this.config, clock, p, q) ?? '—';
  }

  noteGoalChange(at: number, oldPkg: string, oldPrio: string | null): void {
    const goals = this.config.goals;
    for (const clock of CLOCKS) {
      const live = clock === 'reaction' ? this.reactionStop === null : this.mode !== 'stop';
      if (!live || goals[clock] === undefined) continue;
      const before = this.goalText(clock, oldPkg, oldPrio);
      const after = this.goalText(clock, this.pkg, this.prio);
      if (before !== after) this.history.push({ at, clock, what: 'goalChanged', detail: `${before} → ${after}` });
    }
    if (this.openCycle && goals.reaction !== undefined) {
      const before = this.goalText('reaction', oldPkg, oldPrio);
      const after = this.goalText('reaction', this.pkg, this.prio);
      if (before !== after) this.history.push({ at, clock: 'followUp', what: 'goalChanged', detail: `${before} → ${after}` });
    }
  }

  stopReaction(at: number, cause: string): void {
    if (this.reactionStop !== null) return;
    this.reactionStop = at;
    this.reactionStopKey = { pkg: this.pkg, prio: this.prio };
    this.reactionCause = cause;
  }

  closeCycle(at: number, detail: string): void {
    const c = this.openCycle;
    if (!c) return;
    c.stop = at;
    c.stopKey = { pkg: this.pkg, prio: this.prio };
    this.history.push({ at, clock: 'followUp', what: 'stopped', detail });
    this.openCycle = null;
  }

  onStatus(at: number, to: string, hasResolution: boolean): void {
    const prep = this.prep;
    if (to === this.status) return;
    const nextRole = roleOf(prep, to);
    const role = this.role;
    if (nextRole !== 'initial') this.stopReaction(at, `status ${to}`);
    const nextMode = modeOf(nextRole);
    if (nextMode !== this.mode) {
      if (this.mode !== 'run') this.resPauses.push([this.modeSince, at]);
      if (hasResolution) {
        const what = nextMode === 'run' ? 'resumed' : nextMode === 'pause' ? 'paused' : 'stopped';
        this.history.push({ at, clock: 'resolution', what, detail: to });
      }
      if (nextMode === 'stop') {
        this.resStopKey = { pkg: this.pkg, prio: this.prio };
        this.stops.push(at);
      }
      this.mode = nextMode;
      this.modeSince = at;
    }
    if (nextRole === 'resolved' && role !== 'resolved') {
      this.history.push({ at, clock: 'request', what: 'resolved', detail: to });
      this.resolvedEntry = at;
      this.customerSinceResolved = false;
      if (prep.autoCloseMs !== null) this.history.push({ at, clock: 'autoClose', what: 'scheduled', detail: to });
    } else if (nextRole === 'closed' && role !== 'closed') {
      this.history.push({ at, clock: 'request', what: 'closed', detail: to });
    } else if ((role === 'resolved' || role === 'closed') && nextMode !== 'stop') {
      this.history.push({ at, clock: 'request', what: 'reopened', detail: to });
    }
    if (nextRole !== 'resolved') this.resolvedEntry = null;
    // A closed request's conversation is over: a cycle left open there ends with it.
    if (nextRole === 'closed') this.closeCycle(at, to);
    this.status = to;
    this.role = nextRole;
  }

  onComment(at: number, by: 'agent' | 'customer', hasReaction: boolean): void {
    if (by === 'agent') {
      if (this.mode !== 'stop') this.agentAnswers.push(at);
      this.stopReaction(at, 'agent comment');
      this.agentCommented = true;
      this.closeCycle(at, 'agent comment');
      return;
    }
    if (this.role === 'resolved' && this.resolvedEntry !== null && !this.customerSinceResolved) {
      this.customerSinceResolved = true;
      if (this.prep.autoCloseMs !== null) this.history.push({ at, clock: 'autoClose', what: 'cancelled', detail: 'customer comment' });
    }
    if (this.agentCommented && !this.openCycle && this.role !== 'closed') {
      const c: Cycle = { start: at, stop: null, stopKey: null };
      this.openCycle = c;
      this.cycles.push(c);
      if (hasReaction) this.history.push({ at, clock: 'followUp', what: 'started', detail: `cycle ${this.cycles.length}` });
    }
  }

  onPriority(at: number, to: string | null, by: 'agent' | 'customer', zone: string): void {
    if (to === this.prio) return;
    if (by === 'agent') this.stopReaction(at, 'priority set');
    if (this.prep.priorities.size === 0) return;
    if (to !== null && !this.prep.priorities.has(to)) {
      this.warnings.push(warningText('unknownPriorityChange', { priority: to, at: formatInstant(zone, at) }));
      return;
    }
    const oldPrio = this.prio;
    this.prio = to ?? this.config.defaultPriority;
    if (this.prio !== oldPrio) this.noteGoalChange(at, this.pkg, oldPrio);
  }

  onPackage(at: number, toRaw: string | null, zone: string): void {
    const to = toRaw ?? this.config.defaultPackage;
    if (to === this.pkg) return;
    if (!this.prep.packages.has(to)) {
      this.warnings.push(warningText('unknownPackageChange', { package: to, at: formatInstant(zone, at) }));
      return;
    }
    const oldPkg = this.pkg;
    this.pkg = to;
    this.noteGoalChange(at, oldPkg, this.prio);
  }

  /** One clock from its run: start, optional stop, pauses; null when no goal applies or it cannot be computed. */
  clock(kind: GoalClock, start: number, stop: number | null, key: KeySnapshot, pauses: readonly Pause[], pausedSince: number | null, label: Label, live: boolean): Clock | null {
    const goal = goalFor(this.config, kind, key.pkg, key.prio);
    if (goal === null) {
      this.warnings.push(
        key.prio === null
          ? warningText('noGoalForPackage', { clock: label, package: key.pkg })
          : warningText('noGoalForPackageAndPriority', { clock: label, package: key.pkg, priority: key.prio }),
      );
      return null;
    }
    try {
      return this.clockWithGoal(goal, start, stop, key, pauses, pausedSince, label, live);
    } catch (e) {
      // A schema-valid calendar can still be too sparse for a goal (holidays all year, a goal of
      // years); the other clocks stay usable and the reason is reported.
      this.warnings.push(warningText('cannotCompute', { clock: label, reason: e instanceof Error ? e.message : String(e) }));
      return null;
    }
  }

  clockWithGoal(goal: string, start: number, stop: number | null, key: KeySnapshot, pauses: readonly Pause[], pausedSince: number | null, label: Label, live: boolean): Clock {
    const cal = this.cal;
    const nowMs = this.nowMs;
    const threshold = this.config.atRiskThreshold;
    const regulationGoalMs = goalLengthMs(cal, start, goal);
    const agreed = label === 'followUp' || label === 'update' ? null : this.agreedGoal(label, regulationGoalMs, start, stop, pauses);
    const goalMs = agreed?.goalMs ?? regulationGoalMs;
    const elapsedMs = workingMsBetween(cal, start, stop ?? nowMs, pauses);
    let state: Clock['state'];
    let due: number | null = null;
    if (stop !== null) {
      state = elapsedMs <= goalMs ? 'met' : 'breached';
      if (state === 'breached') due = addWorkingMs(cal, start, goalMs, pauses);
    } else if (elapsedMs >= goalMs) {
      state = 'breached';
      due = addWorkingMs(cal, start, goalMs, pauses);
    } else if (pausedSince !== null) {
      state = 'paused';
    } else {
      due = addWorkingMs(cal, start, goalMs, pauses);
      // DOMAIN.md: at risk while running with *less than* the threshold's share of the goal left.
      const riskElapsedMs = goalMs - threshold * goalMs;
      state = threshold > 0 && goalMs - elapsedMs < threshold * goalMs ? 'atRisk' : 'running';
      if (live) {
        this.checks.push(due);
        if (state === 'running' && threshold > 0) {
          // The sweep looks again when the boundary is reached; standing exactly on it (state
          // unchanged), the next look is the first millisecond past it.
          let risk = addWorkingMs(cal, start, riskElapsedMs, pauses);
          if (risk <= nowMs) risk = addWorkingMs(cal, start, Math.floor(riskElapsedMs) + 1, pauses);
          this.checks.push(risk);
        }
      }
    }
    if (due !== null && due > this.horizon) this.horizon = due;
    if (state === 'breached' && due !== null && due <= nowMs) this.history.push({ at: due, clock: label, what: 'breached', detail: goal });
    else if (state === 'met') this.history.push({ at: stop!, clock: label, what: 'met', detail: goal });
    const outside = stop === null && pausedSince === null && !isWorkingAt(cal, nowMs);
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
      ...(agreed
        ? {
            agreement: {
              originalGoalMinutes: minutes(regulationGoalMs),
              count: agreed.count,
              lastReason: agreed.last.reason,
              lastAt: agreed.last.at,
              lastBy: agreed.last.by ?? null,
              metAsAgreed: state === 'met' && elapsedMs > regulationGoalMs,
            },
          }
        : {}),
    };
  }

  /**
   * The goal after the clock's agreements made by now and before it stopped, in order: an extension
   * adds working time, an agreed due sets the goal to the working time from the start to that instant.
   */
  agreedGoal(clock: GoalClock, goalMs: number, start: number, stop: number | null, pauses: readonly Pause[]): { goalMs: number; count: number; last: SlaAgreement } | null {
    let g = goalMs;
    let count = 0;
    let last: SlaAgreement | null = null;
    for (const a of this.agreements) {
      if (a.clock !== clock || a.at > this.nowMs || (stop !== null && a.at > stop)) continue;
      if (a.kind === 'extend' && a.minutes !== undefined && a.minutes > 0) g += a.minutes * 60_000;
      else if (a.kind === 'agreedDue' && a.due !== undefined && a.due > start) g = workingMsBetween(this.cal, start, a.due, pauses.filter((p) => p[0] < a.due!));
      else continue;
      count++;
      last = a;
      this.history.push({ at: a.at, clock, what: 'agreed', detail: a.reason });
    }
    return last === null ? null : { goalMs: g, count, last };
  }
}

/**
 * Every clock of `request` at `nowMs` under `config` (already parsed by `parseSlaConfig`).
 * @example
 * computeClocks(TEMPLATES.altec, { created: Date.parse('2026-03-06T16:30:00+03:00'), priority: '2', events: [] },
 *   Date.parse('2026-03-06T17:00:00+03:00')).reaction?.state // 'breached' (30m goal)
 */
export function computeClocks(config: SlaConfig, request: SlaRequest, nowMs: number): ClockSet {
  const prep = prepare(config);
  const created = request.created;
  if (!Number.isFinite(created) || !Number.isFinite(nowMs)) throw new Error('created and now must be finite instants');
  const ev = new Evaluation(config, prep, created, nowMs);
  const warnings = ev.warnings;

  // --- package and priority at creation ---------------------------------------------------
  const defaultCal = calendarFor(config, prep, config.defaultPackage);
  const reqPkg = request.package ?? null;
  if (reqPkg !== null && reqPkg !== '') {
    if (prep.packages.has(reqPkg)) ev.pkg = reqPkg;
    else warnings.push(warningText('unknownPackage', { package: reqPkg, default: config.defaultPackage }));
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
    else warnings.push(warningText('unknownPriority', { priority: reqPrio, default: config.defaultPriority ?? '' }));
  }

  if (created > nowMs) {
    // The request does not exist yet at `now`.
    warnings.push(warningText('createdAfterNow', {}));
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
      warnings,
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
  ev.role = roleOf(prep, ev.status);
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
  const cal = calendarFor(config, prep, ev.pkg);
  ev.cal = cal;
  if (request.agreements && request.agreements.length > 0) ev.agreements = [...request.agreements].sort((a, b) => a.at - b.at);
  const nowKey: KeySnapshot = { pkg: ev.pkg, prio: ev.prio };

  // --- reaction ----------------------------------------------------------------------------
  let reaction: Clock | null = null;
  if (hasReaction) {
    if (ev.reactionStop !== null) history.push({ at: ev.reactionStop, clock: 'reaction', what: 'stopped', detail: ev.reactionCause });
    reaction = ev.clock('reaction', created, ev.reactionStop, ev.reactionStopKey ?? nowKey, NO_PAUSES, null, 'reaction', true);
  }

  // --- resolution --------------------------------------------------------------------------
  let resolution: Clock | null = null;
  if (hasResolution) {
    const stop = ev.mode === 'stop' ? ev.modeSince : null;
    // Pauses after the stop do not matter; the open pause up to now matters for elapsed only.
    const pauses = stop === null ? ev.resPauses : ev.resPauses.filter((p) => p[0] < stop);
    const key = stop === null ? nowKey : (ev.resStopKey ?? nowKey);
    resolution = ev.clock('resolution', created, stop, key, pauses, ev.mode === 'pause' ? ev.modeSince : null, 'resolution', true);
  }

  // --- follow-up ---------------------------------------------------------------------------
  let followUp: FollowUpClock | null = null;
  const cycles = ev.cycles;
  if (hasReaction && cycles.length > 0) {
    const built: Clock[] = [];
    for (let i = 0; i < cycles.length; i++) {
      const c = cycles[i]!;
      const clock = ev.clock('reaction', c.start, c.stop, c.stopKey ?? nowKey, NO_PAUSES, null, 'followUp', i === cycles.length - 1);
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
        built.push(ev.clockWithGoal(goal, start, stop, key, pauses, last && ev.mode === 'pause' ? ev.modeSince : null, 'update', last));
      } catch (e) {
        warnings.push(warningText('cannotCompute', { clock: 'update', reason: e instanceof Error ? e.message : String(e) }));
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

  if (!coveredByProductionData(cal, created, ev.horizon)) for (const w of calendarWarnings(cal, created, ev.horizon)) warnings.push(w);
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
    warnings: warnings.length > 1 ? [...new Set(warnings)] : warnings,
  };
}

const NO_PAUSES: readonly Pause[] = [];
