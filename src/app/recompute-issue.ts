// Recomputing requests: read their history, compute the clocks, write the fields and the property
// where they changed, acknowledge newly classified requests, and report which are due to auto-close.
// Used by the trigger (one issue), the sweep (due issues) and the queue worker (chunks).

import { computeClocks } from '../domain/sla';
import type { SlaRequest } from '../domain/sla/types';
import { acknowledgeStep, type AcknowledgeDeps } from './acknowledge';
import { loadRequestsWithAgreements } from './agreements';
import type { AfterComputeStep, Computed } from './computed';
import { ActiveConfigs, type ActiveConfig } from './config-store';
import type { ComputedSink, ComputedWrite, IssueFacts, KeyValueStore, Logger, RequestSource, WriteStats } from './ports';
import { recordReportRows } from './report-service';
import { dueActionsStep, nextCheckWithNotice, type ActionDeps } from './sla-actions';
import { isRole } from './status-role';
import { inputsStamp, isoSecond, jsonEqual, parseJiraInstant, sameInstant, toComputedFields, toStoredSla, type StoredSla } from './stored-sla';

/** What a batch reads and writes; the after-compute steps bring their own ports. */
export interface BatchDeps {
  jira: RequestSource & ComputedSink;
  store: KeyValueStore;
  log: Logger;
}

/** A recompute that also runs the standard after-compute steps (trigger, sweep, Automation). */
export interface RecomputeDeps extends BatchDeps, AcknowledgeDeps, ActionDeps {
  jira: BatchDeps['jira'] & AcknowledgeDeps['jira'] & ActionDeps['jira'];
  store: KeyValueStore;
  log: Logger;
}

/** The steps after the first write, in order: the customer acknowledgement, then the due actions (escalation included). */
export function afterComputeSteps(deps: RecomputeDeps): AfterComputeStep[] {
  return [acknowledgeStep(deps), dueActionsStep(deps)];
}

export interface BatchResult {
  computed: Computed[];
  /** Issues in scope of no configuration: left untouched. */
  skipped: string[];
  failed: Array<{ issueId: string; message: string }>;
  writes: WriteStats;
  acknowledged: string[];
}

/** Auto-close is due: the clocks say so and Jira still shows a resolved status. */
export function autoCloseDue(c: Computed, nowMs: number): boolean {
  return c.clocks.autoClose !== null && c.clocks.autoClose.at <= nowMs && isRole(c.active.config, 'resolved', c.facts.status.name);
}

export function computeOne(facts: IssueFacts, active: ActiveConfig, request: SlaRequest, nowMs: number, acknowledged: boolean): Computed {
  const clocks = computeClocks(active.config, request, nowMs);
  let stored: StoredSla = { ...toStoredSla(clocks, { scope: active.scope, configVersion: active.version, acknowledged }), inputs: inputsStamp(facts) };
  // The before-auto-close notice is a moment the sweep must wake for, though no clock changes then.
  const next = nextCheckWithNotice(active.config, clocks, nowMs);
  if (next !== clocks.nextCheckAt) stored = { ...stored, nextCheckAt: next === null ? null : isoSecond(next) };
  // A new stamp alone (a comment that moved no clock) is not worth a write: the old one stays, and
  // the reconciliation pass looks at such an issue again only while it is in its window.
  if (facts.stored && facts.stored.inputs !== stored.inputs && jsonEqual({ ...facts.stored, inputs: undefined }, { ...stored, inputs: undefined })) {
    stored = facts.stored.inputs === undefined ? { ...facts.stored } : { ...stored, inputs: facts.stored.inputs };
  }
  return { facts, active, request, clocks, stored };
}

export interface BatchOptions {
  nowMs: number;
  /**
   * Run on every computed request after the first write, step by step (each over the whole batch):
   * `afterComputeSteps(deps)` for triggers and sweeps, none for a bulk recompute.
   */
  after: readonly AfterComputeStep[];
  /** Issues to leave out of the writes (another sweep holds their auto-close). */
  hold?: ReadonlySet<string>;
  /** Decide which computed issues to hold back before writing (auto-close locking). */
  beforeWrite?: (computed: Computed[]) => Promise<ReadonlySet<string>>;
}

export async function recomputeBatch(deps: BatchDeps, configs: ActiveConfigs, facts: readonly IssueFacts[], opts: BatchOptions): Promise<BatchResult> {
  const result: BatchResult = { computed: [], skipped: [], failed: [], writes: { fieldWrites: 0, propertyWrites: 0 }, acknowledged: [] };
  const inScope: Array<{ facts: IssueFacts; active: ActiveConfig }> = [];
  for (const f of facts) {
    const active = configs.forProject(f.projectKey);
    if (active) inScope.push({ facts: f, active });
    else result.skipped.push(f.id);
  }
  if (inScope.length === 0) return result;
  const activeById = new Map(inScope.map((x) => [x.facts.id, x.active]));
  const requests = await loadRequestsWithAgreements(
    deps.jira,
    deps.store,
    inScope.map((x) => x.facts),
    (projectKey) => (configs.forProject(projectKey) ?? inScope[0]!.active).config.agentRule,
  );
  for (const { facts: f } of inScope) {
    const request = requests.get(f.id);
    const active = activeById.get(f.id)!;
    if (!request) {
      result.failed.push({ issueId: f.id, message: 'no history loaded' });
      continue;
    }
    try {
      result.computed.push(computeOne(f, active, request, opts.nowMs, f.stored?.acknowledged ?? false));
    } catch (e) {
      // One broken request must not stop the batch; it is reported and retried next time.
      const message = e instanceof Error ? e.message : String(e);
      deps.log.warn('clock computation failed', { issue: f.key, message });
      result.failed.push({ issueId: f.id, message });
    }
  }
  const held = new Set<string>(opts.hold ?? []);
  if (opts.beforeWrite) for (const id of await opts.beforeWrite(result.computed)) held.add(id);
  const written = result.computed.filter((c) => !held.has(c.facts.id));
  // Only results computed from what Jira has now are written (and acted on): see freshen.
  const current = await freshen(deps, configs, written, opts.nowMs);
  const freshById = new Map(current.map((c) => [c.facts.id, c]));
  const dropped = new Set(written.filter((c) => !freshById.has(c.facts.id)).map((c) => c.facts.id));
  result.computed = result.computed.filter((c) => !dropped.has(c.facts.id)).map((c) => freshById.get(c.facts.id) ?? c);
  // Fields and property first: a write Jira refuses stops the batch before any comment or action,
  // so nothing the customer sees is done for values that were never stored.
  const first = current.map((c) => ({ facts: c.facts, stored: c.stored, fields: toComputedFields(c.stored) }));
  result.writes = await deps.jira.writeComputed(first);
  const wasAcknowledged = new Map(result.computed.map((c) => [c, c.stored.acknowledged]));
  for (const step of opts.after) {
    for (const c of result.computed) {
      try {
        await step.run(c, opts.nowMs);
      } catch (e) {
        deps.log.warn(step.failure, { issue: c.facts.key, message: e instanceof Error ? e.message : String(e) });
      }
    }
  }
  result.acknowledged = result.computed.filter((c) => c.stored.acknowledged && wasAcknowledged.get(c) === false).map((c) => c.facts.id);
  // What the acknowledgement and the actions changed (acknowledged flag, a retry time), measured
  // against what was just written: usually nothing, so no second call.
  const second: ComputedWrite[] = [];
  current.forEach((c, i) => {
    const prev = first[i]!;
    const fields = toComputedFields(c.stored);
    if (c.stored !== prev.stored) second.push({ facts: { ...c.facts, stored: prev.stored, written: prev.fields }, stored: c.stored, fields });
  });
  if (second.length > 0) {
    const more = await deps.jira.writeComputed(second);
    result.writes = { fieldWrites: result.writes.fieldWrites + more.fieldWrites, propertyWrites: result.writes.propertyWrites + more.propertyWrites };
  }
  // Reports read these rows, never the histories; a failure here is logged, not thrown.
  await recordReportRows(deps, current, opts.nowMs, (c) => c.facts.assignee ?? null);
  return result;
}

/** Whether writing this result would change anything Jira has (the adapter writes only differences). */
function changesSomething(c: Computed): boolean {
  const before = c.facts.written;
  const after = toComputedFields(c.stored);
  return (
    !jsonEqual(c.facts.stored, c.stored) ||
    !sameInstant(before.reactionDue, after.reactionDue) ||
    !sameInstant(before.resolutionDue, after.resolutionDue) ||
    !jsonEqual(before.state, after.state)
  );
}

/**
 * Stale overwrites: between reading an issue and writing its result, a trigger (after an event) or
 * a job on a newer configuration may have written a newer one. The issues about to change are read
 * again; a result whose issue changed since (status, package, priority or comments differ) is recomputed from the
 * fresh read, one whose stored value came from a newer configuration of the same scope is dropped,
 * and every write is diffed against what Jira has now.
 */
export async function freshen(deps: BatchDeps, configs: ActiveConfigs, computed: readonly Computed[], nowMs: number): Promise<Computed[]> {
  const changing = new Set(computed.filter(changesSomething));
  if (changing.size === 0) return [...computed];
  const fresh = new Map((await deps.jira.loadFacts([...changing].map((c) => c.facts.id))).map((f) => [f.id, f]));
  const out: Computed[] = [];
  const redo: Array<{ c: Computed; f: IssueFacts }> = [];
  for (const c of computed) {
    if (!changing.has(c)) {
      out.push(c);
      continue;
    }
    const f = fresh.get(c.facts.id);
    if (!f) continue; // deleted, or hidden from the app, meanwhile
    const theirs = f.stored;
    if (theirs && theirs.scope === c.active.scope && theirs.configVersion > c.active.version) {
      deps.log.info('skipped a write computed on an older configuration', { issue: c.facts.key, mine: c.active.version, stored: theirs.configVersion });
      continue;
    }
    if (inputsStamp(f) !== inputsStamp(c.facts)) redo.push({ c, f });
    else out.push({ ...c, facts: f });
  }
  if (redo.length > 0) {
    const requests = await loadRequestsWithAgreements(
      deps.jira,
      deps.store,
      redo.map((r) => r.f),
      (projectKey) => (configs.forProject(projectKey) ?? redo[0]!.c.active).config.agentRule,
    );
    for (const { c, f } of redo) {
      const request = requests.get(f.id);
      if (!request) continue;
      const again = computeOne(f, c.active, request, nowMs, c.stored.acknowledged || (f.stored?.acknowledged ?? false));
      // Keep an earlier retry instant a failed action asked for.
      const retry = c.stored.nextCheckAt === null ? null : parseJiraInstant(c.stored.nextCheckAt);
      const next = again.stored.nextCheckAt === null ? null : parseJiraInstant(again.stored.nextCheckAt);
      if (retry !== null && (next === null || retry < next)) again.stored = { ...again.stored, nextCheckAt: c.stored.nextCheckAt };
      out.push(again);
    }
  }
  return out;
}

/** Trigger path: one issue, by id or key, read fresh (GET issue, not the eventually consistent search). */
export async function recomputeIssue(deps: RecomputeDeps, configs: ActiveConfigs, issueIdOrKey: string, nowMs: number): Promise<BatchResult | null> {
  if (configs.empty) return null;
  const facts = await deps.jira.loadFacts([issueIdOrKey]);
  if (facts.length === 0) return null;
  return recomputeBatch(deps, configs, facts, { nowMs, after: afterComputeSteps(deps) });
}
