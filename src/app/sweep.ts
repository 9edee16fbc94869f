// The scheduled sweep (every 5 minutes). Each request stores its next check instant (the earliest
// moment its clocks can change by time alone: at-risk, breach, auto-close) in the read-only SLA
// state field, so the sweep searches only `cf[id].NextCheck <= now()`: its cost follows the number
// of requests whose state changes, not the number of open requests. The field, not the issue
// property, because only the app can write it (an agent can PUT the property). A second search,
// the reconciliation pass, catches what a lost trigger event left behind. Idle: two search calls.

import { computeClocks } from '../domain/sla';
import type { SlaRequest } from '../domain/sla/types';
import { ActiveConfigs, ConfigStore, DEFAULT_SCOPE } from './config-store';
import type { Computed } from './computed';
import type { ComputedWrite, IssueFacts } from './ports';
import { afterComputeSteps, autoCloseDue, computeOne, recomputeBatch, type RecomputeDeps } from './recompute-issue';
import { loadRequestsWithAgreements } from './agreements';
import { recordReportRows } from './report-service';
import { runCloseNotice } from './sla-actions';
import { inputsStamp, isoSecond, parseJiraInstant, toComputedFields, toStoredSla } from './stored-sla';

export type SweepDeps = RecomputeDeps;

export interface SweepResult {
  due: number;
  computed: number;
  failed: number;
  fieldWrites: number;
  propertyWrites: number;
  autoClosed: number;
  acknowledged: number;
  /** Issues the reconciliation pass found behind their stored state and recomputed. */
  reconciled: number;
}

/** Issues per recompute batch: one bulk changelog call (≤ 1000 issues), then writes of ≤ 100. */
export const SWEEP_BATCH = 1000;
/** Stop collecting after this many due issues; the rest stay due for the next run. */
export const SWEEP_MAX_ISSUES = 5000;
/** An auto-close Jira refused is retried after this long, not on every sweep. */
export const AUTO_CLOSE_RETRY_MS = 60 * 60_000;

const lockKey = (c: Computed) => `autoclose:${c.facts.id}:${c.stored.autoCloseAt ?? ''}`;

/**
 * Takes the auto-close lock of every issue due for it. The lock (KVS create-if-absent) is what
 * makes two concurrent sweeps transition an issue exactly once; issues another sweep holds are
 * returned so this sweep leaves their fields and property to that one.
 */
async function lockAutoClose(deps: SweepDeps, computed: Computed[], nowMs: number, mine: Computed[]): Promise<Set<string>> {
  const held = new Set<string>();
  for (const c of computed) {
    if (!autoCloseDue(c, nowMs)) continue;
    if (await deps.store.setIfAbsent(lockKey(c), { at: nowMs }, { ttlSeconds: 86_400 })) mine.push(c);
    else held.add(c.facts.id);
  }
  // Ours are written after their transition, with the closed state.
  for (const c of mine) held.add(c.facts.id);
  return held;
}

/**
 * The issue as Jira has it now, recomputed: the batch read its history up to a few minutes ago,
 * and a customer reply or a reopen since then must stop the close. Null when it is gone.
 */
async function reread(deps: SweepDeps, c: Computed, nowMs: number): Promise<Computed | null> {
  const [facts] = await deps.jira.loadFacts([c.facts.id]);
  if (!facts) return null;
  const requests = await loadRequestsWithAgreements(deps.jira, deps.store, [facts], () => c.active.config.agentRule);
  const request = requests.get(facts.id);
  if (!request) return null;
  return computeOne(facts, c.active, request, nowMs, c.stored.acknowledged || (facts.stored?.acknowledged ?? false));
}

async function autoClose(deps: SweepDeps, stale: Computed, nowMs: number): Promise<{ closed: boolean; write: ComputedWrite | null; after: Computed }> {
  const config = stale.active.config;
  const fresh = await reread(deps, stale, nowMs);
  if (fresh === null || !autoCloseDue(fresh, nowMs) || fresh.stored.autoCloseAt !== stale.stored.autoCloseAt) {
    // Answered, reopened or rescheduled meanwhile: not closed; store what holds now.
    await deps.store.delete(lockKey(stale));
    deps.log.info('auto-close: the request changed since the sweep read it; not closed', { issue: stale.facts.key });
    return { closed: false, after: fresh ?? stale, write: fresh ? { facts: fresh.facts, stored: fresh.stored, fields: toComputedFields(fresh.stored) } : null };
  }
  const c = fresh;
  const outcome = await deps.jira.transitionTo(c.facts.id, config.statuses.closed);
  let stored = c.stored;
  let after: Computed = c;
  let closed = false;
  if (outcome === 'transitioned' || outcome === 'alreadyThere') {
    // The app's own transition fires no trigger (ignoreSelf): store the closed state now.
    const closedStatus = config.statuses.closed[0]!;
    const request: SlaRequest = { ...c.request, events: [...c.request.events, { at: nowMs, type: 'status', to: closedStatus }] };
    const clocks = computeClocks(config, request, nowMs);
    const facts: IssueFacts = { ...c.facts, status: { name: closedStatus, category: 'done' } };
    stored = { ...toStoredSla(clocks, { scope: c.active.scope, configVersion: c.active.version, acknowledged: c.stored.acknowledged }), inputs: inputsStamp(facts) };
    after = { ...c, request, clocks, stored, facts };
    closed = outcome === 'transitioned';
    const autoCloseAt = c.stored.autoCloseAt === null ? null : parseJiraInstant(c.stored.autoCloseAt);
    if (closed && autoCloseAt !== null) {
      // Only the sweep that closed it (it holds the lock) tells the customer; a failure is logged inside.
      await runCloseNotice(deps, after, autoCloseAt, nowMs);
      stored = after.stored;
    }
  } else {
    deps.log.warn('auto-close: no transition to a closed status', { issue: c.facts.key, closed: config.statuses.closed });
    await deps.store.delete(lockKey(c));
    stored = { ...stored, nextCheckAt: isoSecond(nowMs + AUTO_CLOSE_RETRY_MS) };
  }
  return { closed, after, write: { facts: c.facts, stored, fields: toComputedFields(stored) } };
}

/** Pages of recently updated issues (100 each) the reconciliation pass reads per sweep. */
export const RECONCILE_PAGES = 1;
/** How far back the pass looks at most (a sweep that did not run for days catches up on one day). */
export const RECONCILE_MAX_WINDOW_MS = 24 * 60 * 60_000;
/** Overlap with the previous window: search is eventually consistent and `updated` has minute precision in JQL. */
export const RECONCILE_OVERLAP_MS = 10 * 60_000;
const RECONCILE_KEY = 'sweep:reconcile';

/**
 * A trigger event lost while Jira or Forge was down leaves the stored state behind the issue, and
 * a paused request has no next check to bring the sweep back. So each sweep also reads the issues
 * updated since its previous pass (oldest first, RECONCILE_PAGES pages at most) and recomputes
 * those whose stored version stamp does not match the issue (or that have none). A pass that did
 * not reach the end leaves its cursor at the last issue read, so the next sweep goes on from there
 * (after a full recompute, which updates every issue, the pass walks that backlog page by page).
 */
async function reconcile(deps: SweepDeps, configs: ActiveConfigs, nowMs: number, visited: ReadonlySet<string>, result: SweepResult): Promise<void> {
  const last = await deps.store.get<{ at: number; capped?: boolean }>(RECONCILE_KEY);
  const floor = nowMs - RECONCILE_MAX_WINDOW_MS;
  const since = last === undefined ? floor : Math.max(floor, last.capped ? last.at : last.at - RECONCILE_OVERLAP_MS);
  const projects = configs.byScope.has(DEFAULT_SCOPE) ? null : [...configs.byScope.keys()];
  const stale: IssueFacts[] = [];
  let lastSeen: number | null = null;
  let token: string | null = null;
  let pages = 0;
  do {
    const page = await deps.jira.findUpdatedSince((nowMs - since) / 60_000, projects, token);
    token = page.nextPageToken;
    pages++;
    for (const f of page.items) {
      if (f.updatedMs !== undefined && f.updatedMs !== null) lastSeen = f.updatedMs;
      const active = configs.forProject(f.projectKey);
      if (!active || visited.has(f.id)) continue;
      if (f.stored !== null && f.stored.inputs === inputsStamp(f)) continue;
      stale.push(f);
    }
  } while (token && pages < RECONCILE_PAGES);
  result.reconciled = stale.length;
  if (stale.length > 0) {
    const batch = await recomputeBatch(deps, configs, stale, { nowMs, after: afterComputeSteps(deps) });
    result.computed += batch.computed.length;
    result.failed += batch.failed.length;
    result.fieldWrites += batch.writes.fieldWrites;
    result.propertyWrites += batch.writes.propertyWrites;
    result.acknowledged += batch.acknowledged.length;
  }
  // Capped: resume at the last issue read; JQL counts whole minutes, so always move on by at least one.
  const cursor = token && lastSeen !== null ? { at: Math.max(lastSeen, since + 60_000), capped: true } : { at: nowMs };
  await deps.store.set(RECONCILE_KEY, cursor);
}

export async function runSweep(deps: SweepDeps, nowMs: number): Promise<SweepResult> {
  const result: SweepResult = { due: 0, computed: 0, failed: 0, fieldWrites: 0, propertyWrites: 0, autoClosed: 0, acknowledged: 0, reconciled: 0 };
  const configs = await new ConfigStore(deps.store).active();
  if (configs.empty) return result;
  // Collect first, then write: writing moves next checks forward, which would shift later pages.
  const due: IssueFacts[] = [];
  let token: string | null = null;
  do {
    const page = await deps.jira.findDue(token);
    due.push(...page.items);
    token = page.nextPageToken;
  } while (token && due.length < SWEEP_MAX_ISSUES);
  result.due = due.length;
  for (let i = 0; i < due.length; i += SWEEP_BATCH) {
    const mine: Computed[] = [];
    const batch = await recomputeBatch(deps, configs, due.slice(i, i + SWEEP_BATCH), {
      nowMs,
      after: afterComputeSteps(deps),
      beforeWrite: (computed) => lockAutoClose(deps, computed, nowMs, mine),
    });
    result.computed += batch.computed.length;
    result.failed += batch.failed.length;
    result.fieldWrites += batch.writes.fieldWrites;
    result.propertyWrites += batch.writes.propertyWrites;
    result.acknowledged += batch.acknowledged.length;
    const closedWrites: ComputedWrite[] = [];
    const closedComputed: Computed[] = [];
    for (const c of mine) {
      try {
        const done = await autoClose(deps, c, nowMs);
        if (done.closed) result.autoClosed++;
        if (done.write) {
          closedWrites.push(done.write);
          closedComputed.push(done.after);
        }
      } catch (e) {
        deps.log.error('auto-close failed; the next sweep retries', { issue: c.facts.key, message: e instanceof Error ? e.message : String(e) });
        await deps.store.delete(lockKey(c)).catch(() => undefined);
        result.failed++;
      }
    }
    if (closedWrites.length > 0) {
      const w = await deps.jira.writeComputed(closedWrites);
      result.fieldWrites += w.fieldWrites;
      result.propertyWrites += w.propertyWrites;
      await recordReportRows(deps, closedComputed, nowMs, (x) => x.facts.assignee ?? null);
    }
  }
  try {
    await reconcile(deps, configs, nowMs, new Set(due.map((f) => f.id)), result);
  } catch (e) {
    // The due work is done; the next sweep's window overlaps this one.
    deps.log.warn('reconciliation pass failed; the next sweep retries', { message: e instanceof Error ? e.message : String(e) });
  }
  return result;
}
