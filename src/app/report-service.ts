// The Reports page's data (resolver getReport) and the hook that keeps it current.
//
// - recordReportRows: called by the recompute (trigger, sweep, worker) right after the fields
//   are written; derives each request's report row from the clocks just computed and stores it
//   (src/app/report-rows.ts). No history is read for reports, ever.
// - getReport: reads the stored rows of the projects the viewer may browse for the period and
//   aggregates them (src/domain/report). A user without access to a project sees none of its data:
//   the project list comes from Jira as that user.

import { buildReport, packReportRow, reportRowFromClocks, type ReportRow } from '../domain/report';
import type { LocalizedText } from '../domain/sla/types';
import { formatInstant, parseInstant } from '../domain/time/zone';
import type { ReportView } from '../shared/contract';
import { DEFAULT_SCOPE, type ActiveConfigs } from './config-store';
import { AppError } from './errors';
import type { Computed } from './computed';
import type { Directory, KeyValueStore, Logger, UserPermissions } from './ports';
import { loadReportRows, saveReportRows } from './report-rows';

/** Rows sent to the browser for drill-down (~175 bytes each packed: ≤ 1.8 MB). */
export const REPORT_ROW_LIMIT = 10_000;

/**
 * Requests a report may check against Jira's issue security: key-only searches of 5000 per call,
 * so at most 20 searches (per 100 projects) as the viewer; a larger period is refused, not cut.
 */
export const REPORT_VISIBILITY_LIMIT = 100_000;

/**
 * Only the rows of requests the viewer may open: a project they may browse can still hold requests
 * an issue security level hides from them, and a report must neither list nor count those.
 */
export async function visibleRows<R extends ReportRow>(deps: ReportDeps, rows: readonly R[], path: string): Promise<R[]> {
  if (rows.length === 0) return [];
  const visible = await deps.userJira.visibleRequests(rows, REPORT_VISIBILITY_LIMIT);
  if (visible === null) {
    throw new AppError('BAD_REQUEST', `${path}: more than ${REPORT_VISIBILITY_LIMIT} requests in this period; choose a shorter period or one project`, [
      { path, message: `more than ${REPORT_VISIBILITY_LIMIT} requests` },
    ]);
  }
  return rows.filter((r) => visible.has(r.key));
}

/** The report row of one recomputed request (customer: organization, else e-mail domain). */
export function reportRowOf(c: Computed, nowMs: number, agent: string | null = null): ReportRow {
  return reportRowFromClocks(c.active.config, { ...c.request, key: c.facts.key }, c.clocks, nowMs, {
    project: c.facts.projectKey,
    agent,
    customer: c.facts.reporter.organization ?? c.facts.reporter.emailDomain ?? c.request.customer?.organization ?? null,
  });
}

export interface RecordDeps {
  readonly store: KeyValueStore;
  readonly log: Logger;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * The recompute's hook: `await recordReportRows(deps, result.computed, opts.nowMs)` after
 * writeComputed. Never throws (a report row must not fail the SLA fields); problems are logged.
 * `agentOf` gives the assignee's name when the caller knows it.
 */
export async function recordReportRows(deps: RecordDeps, computed: readonly Computed[], nowMs: number, agentOf?: (c: Computed) => string | null): Promise<number> {
  const rows: ReportRow[] = [];
  for (const c of computed) {
    try {
      rows.push(reportRowOf(c, nowMs, agentOf?.(c) ?? null));
    } catch (e) {
      deps.log.warn('report row not derived', { issue: c.facts.key, message: e instanceof Error ? e.message : String(e) });
    }
  }
  try {
    return (await saveReportRows(deps, rows)).written;
  } catch (e) {
    deps.log.warn('report rows not saved', { message: e instanceof Error ? e.message : String(e) });
    return 0;
  }
}

export interface ReportDeps {
  readonly store: KeyValueStore;
  readonly log: Logger;
  /** Jira as the invoking user: its project list is what the viewer may browse, its search what they may open. */
  readonly userJira: Pick<Directory, 'listProjects'> & Pick<UserPermissions, 'visibleRequests'>;
}

export type ReportRequest =
  | { readonly from: string; readonly to: string; readonly projectKey?: string | undefined }
  | { readonly lastDays: number; readonly projectKey?: string | undefined };

/**
 * `from`/`to` are ISO instants, or dates (YYYY-MM-DD) in the calendar's zone; a date `to` is
 * inclusive (the whole day), an instant `to` exclusive. `lastDays` ends just after the server's now.
 */
function periodOf(req: ReportRequest, zone: string, nowMs: number): { fromMs: number; toMs: number } {
  if ('lastDays' in req) return { fromMs: nowMs - req.lastDays * 86_400_000, toMs: nowMs + 1000 };
  const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
  const issues: Array<{ path: string; message: string }> = [];
  const fromMs = parseInstant(req.from, zone);
  let toMs = parseInstant(req.to, zone);
  if (fromMs === null) issues.push({ path: 'from', message: `expected a date (YYYY-MM-DD) or an ISO-8601 instant, got ${JSON.stringify(req.from)}` });
  if (toMs === null) issues.push({ path: 'to', message: `expected a date (YYYY-MM-DD) or an ISO-8601 instant, got ${JSON.stringify(req.to)}` });
  if (toMs !== null && DATE_ONLY.test(req.to.trim())) {
    const next = new Date(`${req.to.trim()}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    toMs = parseInstant(next.toISOString().slice(0, 10), zone);
  }
  if (fromMs !== null && toMs !== null && toMs <= fromMs) issues.push({ path: 'to', message: 'must be after from' });
  if (issues.length > 0 || fromMs === null || toMs === null) throw new AppError('BAD_REQUEST', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  return { fromMs, toMs };
}

function zoneOf(configs: ActiveConfigs, projectKey: string | undefined): string {
  const active = projectKey === undefined ? (configs.byScope.get(DEFAULT_SCOPE) ?? configs.byScope.values().next().value ?? null) : configs.forProject(projectKey);
  const cfg = active?.config;
  return (cfg && cfg.calendars[cfg.calendarId]?.timezone) ?? 'UTC';
}

/** The compliance report of the period over the projects the viewer may browse. */
export async function getReport(deps: ReportDeps, configs: ActiveConfigs, req: ReportRequest, nowMs: number): Promise<ReportView> {
  if (configs.empty) throw new AppError('NOT_CONFIGURED', 'Reglament is not configured yet: apply a template on the admin page');
  const zone = zoneOf(configs, req.projectKey);
  const { fromMs, toMs } = periodOf(req, zone, nowMs);
  const visible = await deps.userJira.listProjects();
  const projects = req.projectKey === undefined ? visible : visible.filter((p) => p.key === req.projectKey);
  if (req.projectKey !== undefined && projects.length === 0) {
    // Same answer for a project that does not exist and one the viewer may not browse.
    throw new AppError('FORBIDDEN', `project ${req.projectKey}: not found or you may not browse it`, [{ path: 'projectKey', message: 'not found or not browsable' }]);
  }
  const { rows, invalid } = await loadReportRows(deps, projects.map((p) => p.key), fromMs, toMs);
  const stored = rows.filter((r) => r.createdMs >= fromMs && r.createdMs < toMs && r.createdMs <= nowMs);
  const inPeriod = (await visibleRows(deps, stored, 'from')).sort((a, b) => a.createdMs - b.createdMs);
  const report = buildReport(inPeriod);

  const names: ReportView['names'] = { package: {}, priority: {} };
  const nameMap = (target: Record<string, LocalizedText>, id: string, name: LocalizedText): void => {
    if (!(id in target)) target[id] = { ru: name.ru, en: name.en };
  };
  for (const p of projects) {
    const cfg = configs.forProject(p.key)?.config;
    if (!cfg) continue;
    for (const x of cfg.packages) nameMap(names.package, x.id, x.name);
    for (const x of cfg.priorities) nameMap(names.priority, x.id, x.name);
  }
  return {
    from: formatInstant(zone, fromMs),
    to: formatInstant(zone, toMs),
    now: formatInstant(zone, nowMs),
    timezone: zone,
    projects,
    ...report,
    names,
    rows: inPeriod.slice(0, REPORT_ROW_LIMIT).map(packReportRow),
    rowsTruncated: inPeriod.length > REPORT_ROW_LIMIT,
    invalidRows: invalid,
  };
}
