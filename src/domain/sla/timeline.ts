// The walk over a request's history: one pass over its events in time order, tracking the status
// role (run / pause / stop), package and priority, the reaction's stop, follow-up cycles, agent
// answers, resolution pauses and stops, and the history and warnings they produce. A class rather
// than closures: nothing is allocated per call but this object, which keeps the hot path (tens of
// thousands of requests per second in a sweep) cheap.

import { formatInstant } from '../time/zone';
import type { ClockContext, KeySnapshot, Pause } from './clock';
import type { CompiledCalendar } from '../calendar';
import { goalFor } from './goals';
import { parsePeriod } from './period';
import { statusRole, type StatusRole } from './status-roles';
import { warning, type WarningDetail } from './warnings';
import type { ClockHistoryEntry, GoalClock, SlaAgreement, SlaConfig } from './types';

type Role = StatusRole;
export type Mode = 'run' | 'pause' | 'stop';

export interface Prepared {
  readonly initialStatus: string;
  readonly packages: ReadonlySet<string>;
  readonly priorities: ReadonlySet<string>;
  readonly autoCloseMs: number | null;
}

const preparedCache = new WeakMap<SlaConfig, Prepared>();

export function prepare(config: SlaConfig): Prepared {
  const hit = preparedCache.get(config);
  if (hit) return hit;
  const p: Prepared = {
    initialStatus: config.statuses.initial[0] ?? 'Open',
    packages: new Set(config.packages.map((x) => x.id)),
    priorities: new Set(config.priorities.map((x) => x.id)),
    autoCloseMs: config.autoClose ? parsePeriod(config.autoClose.period) : null,
  };
  preparedCache.set(config, p);
  return p;
}

export function modeOf(role: Role): Mode {
  if (role === 'customerWait') return 'pause';
  if (role === 'resolved' || role === 'closed') return 'stop';
  return 'run';
}

export interface Cycle {
  readonly start: number;
  stop: number | null;
  stopKey: KeySnapshot | null;
}

const CLOCKS: readonly GoalClock[] = ['reaction', 'resolution'];


/**
 * The state of one evaluation. A class rather than closures inside computeClocks: nothing is
 * allocated per call but this object, which keeps the hot path (tens of thousands of requests
 * per second in a sweep) cheap.
 */
export class Timeline implements ClockContext {
  readonly warnings: WarningDetail[] = [];
  readonly history: ClockHistoryEntry[] = [];
  readonly checks: number[] = [];
  horizon: number;
  cal!: CompiledCalendar;
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
    const nextRole = statusRole(this.config, to);
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
      this.warnings.push(warning('unknownPriorityChange', { priority: to, at: formatInstant(zone, at) }));
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
      this.warnings.push(warning('unknownPackageChange', { package: to, at: formatInstant(zone, at) }));
      return;
    }
    const oldPkg = this.pkg;
    this.pkg = to;
    this.noteGoalChange(at, oldPkg, this.prio);
  }

}
