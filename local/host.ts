// The local host without HTTP: the emulator, a persisted simulated clock and the platform's
// schedule (a sweep at every 5-minute boundary the clock crosses, queue deliveries), plus the
// read model the host page shows. server.ts puts HTTP in front of it; tests use it directly.
import { z } from 'zod/v3';
import { addWorking, calendarDefSchema, calendarNames, compileCalendar, type CompiledCalendar } from '../src/domain/calendar';
import { TEMPLATES, isTemplateId } from '../src/domain/templates';
import { PROPERTY_KEY } from '../src/app/stored-sla';
import { adfToText, createEmulator, type AppHandlers, type Emulator, type FaultOptions, type SiteUser } from './emulator';
import type { IssueView, QueueRow } from './contract';

/** The part of the app's issue property the host's queue reads. */
const storedClocks = z.object({
  clocks: z.array(z.object({ state: z.string(), due: z.string().nullable(), stopped: z.literal(true).optional() })),
});

export const SWEEP_INTERVAL_MS = 5 * 60_000;

/** The part of a saved SlaConfig the host needs: which calendar is in effect. */
const savedCalendarSchema = z.object({ calendarId: z.string(), calendars: z.record(z.string(), z.unknown()) }).passthrough();
/** Sweeps run for at most this many boundaries per advance; longer jumps thin them out evenly. */
export const MAX_SWEEPS_PER_ADVANCE = 288;

/**
 * Simulated time: the only clock the app sees in the local host. Frozen by default (tests);
 * the server lets it run along with real time between jumps, so countdowns move.
 */
export class SimClock {
  private realBase: number | null = null;
  constructor(
    private base: number,
    private readonly onSet: (ms: number) => void = () => {},
  ) {}
  now(): number {
    return this.realBase === null ? this.base : this.base + (Date.now() - this.realBase);
  }
  set(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`clock: ${ms} is not an instant`);
    this.base = Math.round(ms);
    if (this.realBase !== null) this.realBase = Date.now();
    this.onSet(this.base);
  }
  /** Lets simulated time flow with real time from now on. */
  run(): void {
    if (this.realBase !== null) return;
    this.realBase = Date.now();
  }
  freeze(): void {
    if (this.realBase === null) return;
    this.base = this.now();
    this.realBase = null;
  }
  get running(): boolean {
    return this.realBase !== null;
  }
}

export interface HostOptions {
  /** SQLite file; ':memory:' for tests. */
  dbPath: string;
  /** Simulated start instant when the database has no clock yet; default Date.now(). */
  startMs?: number;
  appHandlers?: AppHandlers;
  faults?: FaultOptions;
  manifestPath?: string;
}

export interface AdvanceResult {
  from: number;
  to: number;
  sweeps: number;
  delivered: number;
}

export class LocalHost {
  readonly emulator: Emulator;
  readonly clock: SimClock;
  /** Serialises everything that moves the clock or writes data (HTTP requests may overlap). */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(opts: HostOptions) {
    let pending: number | null = null;
    this.clock = new SimClock(opts.startMs ?? Date.now(), (ms) => {
      pending = ms;
      // The emulator (and its meta table) may not exist yet during construction.
      if (this.emulator) this.emulator.meta.set('clock', ms);
    });
    this.emulator = createEmulator({
      dbPath: opts.dbPath,
      clock: this.clock,
      ...(opts.appHandlers ? { appHandlers: opts.appHandlers } : {}),
      ...(opts.faults ? { faults: opts.faults } : {}),
      ...(opts.manifestPath ? { manifestPath: opts.manifestPath } : {}),
    });
    const saved = this.emulator.meta.get<number>('clock');
    if (saved !== undefined) this.clock.set(saved);
    else this.emulator.meta.set('clock', pending ?? this.clock.now());
    this.emulator.install();
  }

  /** Runs `fn` after everything queued before it (one writer at a time). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  close(): void {
    this.emulator.close();
  }

  /** Delivers queued events that are due and product events the app's writes caused. */
  async settle(): Promise<number> {
    const r = await this.emulator.drainQueue();
    return r.delivered + r.productEvents;
  }

  /**
   * Moves the clock forward to `toMs`, running the scheduled sweep at each 5-minute boundary
   * crossed (thinned to MAX_SWEEPS_PER_ADVANCE for long jumps) and delivering due queue events.
   */
  async advanceTo(toMs: number, maxSweeps = MAX_SWEEPS_PER_ADVANCE): Promise<AdvanceResult> {
    const from = this.clock.now();
    if (toMs < from) throw new RangeError(`time only moves forward: ${new Date(toMs).toISOString()} is before ${new Date(from).toISOString()}`);
    const first = Math.floor(from / SWEEP_INTERVAL_MS) * SWEEP_INTERVAL_MS + SWEEP_INTERVAL_MS;
    const boundaries: number[] = [];
    for (let b = first; b <= toMs; b += SWEEP_INTERVAL_MS) boundaries.push(b);
    const stride = Math.max(1, Math.ceil(boundaries.length / Math.max(1, maxSweeps)));
    const chosen = boundaries.filter((_, i) => i % stride === stride - 1 || i === boundaries.length - 1);
    let delivered = 0;
    let sweeps = 0;
    for (const b of chosen) {
      this.clock.set(b);
      this.lastSweepSlot = Math.floor(b / SWEEP_INTERVAL_MS);
      delivered += await this.settle();
      await this.emulator.runSweep();
      sweeps++;
      delivered += await this.settle();
    }
    if (this.clock.now() < toMs) {
      this.clock.set(toMs);
      delivered += await this.settle();
    }
    return { from, to: toMs, sweeps, delivered };
  }

  private lastSweepSlot: number | null = null;

  /**
   * Called periodically while the server runs: fires the scheduled sweep once per 5-minute slot
   * of simulated time (as Forge's fiveMinute trigger does) and persists the clock.
   */
  async tick(): Promise<boolean> {
    return this.exclusive(async () => {
      const now = this.clock.now();
      this.emulator.meta.set('clock', now);
      const slot = Math.floor(now / SWEEP_INTERVAL_MS);
      if (this.lastSweepSlot === null) this.lastSweepSlot = slot;
      await this.settle();
      if (slot === this.lastSweepSlot) return false;
      this.lastSweepSlot = slot;
      await this.emulator.runSweep();
      await this.settle();
      return true;
    });
  }

  /**
   * The calendar in effect for a project's requests (for "+1 working hour"): the configuration the
   * admin saved for the project, else the site-wide one, read through the app's own getAdminState
   * resolver; the project's template (or 9–18 Moscow) only when nothing is saved yet.
   */
  async calendarFor(projectKey: string | undefined): Promise<{ calendar: CompiledCalendar; source: string; name: string; names: { ru: string; en: string } }> {
    const admin = this.emulator.jira.users.find((u) => u.role === 'admin');
    const scopes = [...(projectKey ? [projectKey] : []), 'default'];
    if (admin) {
      for (const scope of scopes) {
        const r = (await this.emulator.invokeResolver('getAdminState', { scope }, { accountId: admin.accountId, extension: { type: 'jira:adminPage' } })) as {
          ok?: boolean;
          data?: { scope?: string; config?: unknown };
        } | null;
        const saved = savedCalendarSchema.safeParse(r?.ok ? r.data?.config : null);
        if (!saved.success || r?.data?.scope !== scope) continue;
        const def = calendarDefSchema.safeParse(saved.data.calendars[saved.data.calendarId]);
        if (def.success) return { calendar: compileCalendar(def.data), source: `config:${scope}`, name: def.data.name ?? saved.data.calendarId, names: calendarNames(def.data, saved.data.calendarId) };
      }
    }
    const template = projectKey ? this.emulator.jira.project(projectKey)?.template : undefined;
    const cfg = template && isTemplateId(template) ? TEMPLATES[template] : TEMPLATES.pass24;
    const def = cfg.calendars[cfg.calendarId];
    if (!def) throw new Error(`template ${template ?? 'pass24'} has no calendar ${cfg.calendarId}`);
    return { calendar: compileCalendar(def), source: `template:${template ?? 'pass24'}`, name: def.name ?? cfg.calendarId, names: calendarNames(def, cfg.calendarId) };
  }

  /** The instant one hour of working time after now in the project's calendar (not now + 60 min). */
  async nextWorkingHour(projectKey: string | undefined): Promise<{ to: number; calendar: string; calendarNames: { ru: string; en: string } }> {
    const { calendar, name, names } = await this.calendarFor(projectKey);
    return { to: addWorking(calendar, this.clock.now(), 3_600_000), calendar: name, calendarNames: names };
  }

  // ------------------------------------------------------------------ read model for the page

  users(): SiteUser[] {
    return this.emulator.jira.users;
  }

  /** Requests of a project the user may see, newest first. */
  queue(projectKey: string, accountId: string): QueueRow[] {
    const jira = this.emulator.jira;
    const p = { kind: 'user' as const, accountId };
    return jira
      .allIssues()
      .filter((i) => i.projectKey === projectKey && jira.hasIssue(p, 'BROWSE_PROJECTS', i))
      .sort((a, b) => b.id - a.id)
      .map((i) => {
        const s = jira.status(i.statusId)!;
        // The overall state the app wrote to its "SLA state" field (what a Jira queue column shows).
        const sla = jira.fieldValue(i.key, 'sla-state') as { state?: unknown } | null | undefined;
        const state = typeof sla?.state === 'string' && sla.state !== 'none' ? sla.state : null;
        // The nearest due of a clock still counting, from the app's issue property; a breached
        // clock that already stopped (answered late) is history and does not make the request urgent.
        // Without the property: the due fields the app wrote (what a queue sorted by SLA orders by).
        const stored = storedClocks.safeParse(i.properties[PROPERTY_KEY]);
        const dues = (
          stored.success
            ? stored.data.clocks.filter((c) => c.state !== 'met' && c.state !== 'paused' && c.stopped !== true).map((c) => c.due)
            : ['sla-reaction-due', 'sla-resolution-due'].map((f) => jira.fieldValue(i.key, f))
        )
          .map((v) => (typeof v === 'string' ? Date.parse(v) : NaN))
          .filter((v) => Number.isFinite(v));
        const due = dues.length > 0 ? Math.min(...dues) : null;
        return { key: i.key, summary: i.summary, status: s.name, statusCategory: s.category, reporter: jira.user(i.reporter)?.displayName ?? i.reporter, created: i.created, sla: state, due };
      });
  }

  issueView(key: string, accountId: string): IssueView | null {
    const jira = this.emulator.jira;
    const issue = jira.issue(key);
    const p = { kind: 'user' as const, accountId };
    if (!issue || !jira.hasIssue(p, 'BROWSE_PROJECTS', issue)) return null;
    const customer = jira.user(accountId)?.role === 'customer';
    const name = (id: string | null): string | null => (id ? (jira.user(id)?.displayName ?? (id.includes('reglament-app') ? 'Reglament' : id)) : null);
    const fieldValue = (module: string): unknown => jira.fieldValue(issue.key, module);
    const project = jira.project(issue.projectKey)!;
    return {
      id: String(issue.id),
      key: issue.key,
      project: { id: project.id, key: project.key, name: project.name, template: project.template ?? null },
      summary: issue.summary,
      description: adfToText(issue.description),
      status: jira.status(issue.statusId)!,
      reporter: { accountId: issue.reporter, name: name(issue.reporter) },
      created: issue.created,
      updated: issue.updated,
      resolutionDate: issue.resolutionDate,
      fields: Object.fromEntries(
        jira.fields.map((f) => {
          const names = this.emulator.manifest.fields.find((m) => m.moduleKey === f.moduleKey)?.names ?? {};
          return [f.moduleKey, { id: f.id, name: f.name, names, type: f.type, value: fieldValue(f.moduleKey) }];
        }),
      ),
      comments: issue.comments
        .filter((c) => !customer || c.jsdPublic)
        .map((c) => ({ id: c.id, author: name(c.author), authorId: c.author, body: adfToText(c.body), created: c.created, internal: !c.jsdPublic })),
      history: issue.histories.map((h) => ({ at: h.created, author: name(h.author), items: h.items.map((i) => ({ field: i.field, from: i.fromString, to: i.toString })) })),
      transitions: customer ? [] : jira.transitionsFor(issue).map((t) => ({ id: t.id, to: t.status.name, category: t.status.category })),
    };
  }
}
