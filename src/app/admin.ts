// The admin page's use cases. The entry checks that the caller is a Jira administrator before any
// of these runs (see src/entry/resolvers); here: configuration per scope, versions, templates,
// recompute progress, calendar preview and import, Jira statuses.

import { z } from 'zod/v3';
import { formatConfigPath, validateConfig as checkConfig } from '../config';
import {
  CalendarError,
  compileCalendar,
  coverageGaps,
  goalToMs,
  addWorking,
  officialTotals,
  parseCalendarDef,
  yearStats,
  type CalendarImport,
} from '../domain/calendar';
import { coverageWarningDetails } from '../domain/sla';
import { formatInstant } from '../domain/time/zone';
import type { ActionLogView, CalendarImportResult, CalendarPreview, ConfigVersionMeta, RecomputeProgress, ResolverMap } from '../shared/contract';
import { ConfigConflictError, ConfigStore, DEFAULT_SCOPE, checkScope } from './config-store';
import { AppError } from './errors';
import { recomputeProgress, scopeRecomputeProgress, startFullRecompute, type FullRecomputeDeps } from './full-recompute';
import type { ComputedSink, Directory, RequestSource } from './ports';
import { ACTION_LOG_PREFIX, type ActionLogEntry } from './sla-actions';

export interface AdminDeps extends FullRecomputeDeps {
  /** asApp: projects and statuses for the forms. */
  jira: RequestSource & ComputedSink & Directory;
}

type AdminState = ResolverMap['getAdminState']['res'];

/**
 * `site`: a Jira administrator sees every scope, project and template. `project`: a project's
 * administrator (already checked to administer `scope`) sees that project's scope only.
 */
export type AdminView = 'site' | 'project';

export async function getAdminState(deps: AdminDeps, scopeIn: string | undefined, view: AdminView = 'site'): Promise<AdminState> {
  const scope = checkScope(scopeIn);
  if (view === 'project' && scope === DEFAULT_SCOPE) throw new AppError('FORBIDDEN', 'only Jira administrators can see the site-wide configuration');
  const configs = new ConfigStore(deps.store);
  const [projects, statuses, head, progress] = await Promise.all([
    deps.jira.listProjects(),
    deps.jira.listStatuses(),
    configs.head(scope).catch((e: unknown) => {
      // A stored config that no longer parses is shown as absent; its versions stay restorable.
      if (e instanceof AppError && e.code === 'INVALID_CONFIG') return null;
      throw e;
    }),
    // Only this scope's job: another scope's finished recompute says nothing about this one.
    scopeRecomputeProgress(deps.store, scope),
  ]);
  const scopes = await configs.summaries(new Map(projects.map((p) => [p.key, p.name])));
  const own = view === 'project';
  const actionLog = await readActionLog(deps, own ? scope : null);
  return {
    scope,
    // A project administrator learns nothing about other projects or the site-wide default.
    scopes: own ? scopes.filter((s) => s.scope === scope) : scopes,
    projects: own ? projects.filter((p) => p.key === scope) : projects,
    config: head ? head.raw : null,
    version: head ? head.meta.version : null,
    templates: own ? [] : (await templates()).TEMPLATE_SUMMARIES.map((t) => ({ id: t.id, name: { ...t.name }, regulation: t.regulation })),
    progress,
    statuses,
    ...(actionLog.length > 0 ? { actionLog } : {}),
  };
}

/** The refused actions (newest 50), of one project or of the site; an unreadable log hides nothing else. */
async function readActionLog(deps: AdminDeps, projectKey: string | null): Promise<ActionLogView[]> {
  const rows = await deps.store.listByPrefix<ActionLogEntry>(ACTION_LOG_PREFIX).catch(() => []);
  return rows
    .map((r) => r.value)
    .filter((e) => projectKey === null || e.projectKey === projectKey)
    .sort((a, b) => b.at - a.at)
    .slice(0, 50)
    .map((e) => ({ at: new Date(e.at).toISOString(), issueKey: e.issueKey, action: e.action, status: e.status, message: e.message }));
}

export function validateConfig(config: unknown, nowMs: number): { valid: boolean; issues: Array<{ path: string; message: string }> } {
  const r = checkConfig(config, nowMs);
  return r.ok ? { valid: true, issues: [] } : { valid: false, issues: r.issues.map((i) => ({ path: i.path, message: i.message })) };
}

export async function saveConfig(
  deps: AdminDeps,
  req: { scope?: string | undefined; config: unknown; baseVersion: number | null; comment?: string | undefined },
  by: string,
  nowMs: number,
): Promise<{ version: number; progress: RecomputeProgress }> {
  const scope = checkScope(req.scope);
  // The recompute plan searches `project in (<scope>)`, which Jira refuses (400) for a project the site does not have.
  if (scope !== DEFAULT_SCOPE && !(await deps.jira.listProjects()).some((p) => p.key === scope)) {
    throw new AppError('NOT_FOUND', `scope: this Jira site has no project "${scope}"`, [{ path: 'scope', message: 'no such project on this Jira site' }]);
  }
  const missing = await unknownStatuses(deps.jira, req.config);
  if (missing.length > 0) {
    // Shown next to the status roles with any other problem of the same draft, nothing saved.
    const other = validateConfig(req.config, nowMs).issues;
    throw new AppError('INVALID_CONFIG', `configuration is invalid: ${missing[0]!.path}: ${missing[0]!.message}`, [...missing, ...other]);
  }
  const saved = await new ConfigStore(deps.store)
    .save({
      scope,
      config: req.config,
      baseVersion: req.baseVersion,
      savedBy: by,
      nowMs,
      ...(req.comment ? { comment: req.comment } : {}),
    })
    .catch(async (e: unknown) => {
      // The admin page says who saved in between, by name when Jira shows it.
      if (e instanceof ConfigConflictError && e.conflict) {
        const name = await deps.jira.userDisplayName(e.conflict.savedBy).catch(() => null);
        if (name) e.conflict.savedByName = name;
      }
      throw e;
    });
  const progress = await startFullRecompute(deps, scope, by, nowMs);
  return { version: saved.version, progress };
}

const STATUS_ROLES = ['initial', 'customerWait', 'resolved', 'closed'] as const;
const rawStatusesSchema = z.object({ statuses: z.record(z.string(), z.array(z.unknown())).optional() }).passthrough();

/**
 * Configured statuses this Jira site does not have (GET /rest/api/3/status, names compared as Jira
 * does, case-insensitively): the recompute plan's JQL and the clocks both depend on them.
 */
async function unknownStatuses(jira: Pick<Directory, 'listStatuses'>, config: unknown): Promise<Array<{ path: string; message: string }>> {
  const raw = rawStatusesSchema.safeParse(config);
  const statuses = raw.success ? raw.data.statuses : undefined;
  if (!statuses) return []; // a missing or malformed list is the schema check's to report
  const known = new Set((await jira.listStatuses()).map((s) => s.name.toLowerCase()));
  const out: Array<{ path: string; message: string }> = [];
  for (const role of STATUS_ROLES) {
    (statuses[role] ?? []).forEach((name, i) => {
      if (typeof name === 'string' && name.trim() !== '' && !known.has(name.trim().toLowerCase())) {
        out.push({ path: formatConfigPath(['statuses', role, i]), message: `this Jira site has no status "${name}": map an existing status to the role or remove it` });
      }
    });
  }
  return out;
}

export async function restoreVersion(deps: AdminDeps, scopeIn: string | undefined, version: number, by: string, nowMs: number) {
  const scope = checkScope(scopeIn);
  const restored = await new ConfigStore(deps.store).restore(scope, version, by, nowMs);
  const progress = await startFullRecompute(deps, scope, by, nowMs);
  return { version: restored.version, progress };
}

export async function listVersions(deps: AdminDeps, scopeIn: string | undefined): Promise<ConfigVersionMeta[]> {
  const versions = await new ConfigStore(deps.store).versions(checkScope(scopeIn));
  const names = new Map<string, string | null>();
  for (const id of new Set(versions.map((v) => v.savedBy))) {
    // A name Jira will not give (deleted user, outage) leaves the account id shown, not an error.
    names.set(id, await deps.jira.userDisplayName(id).catch(() => null));
  }
  return versions.map((v) => {
    const name = names.get(v.savedBy);
    return name ? { ...v, savedByName: name } : v;
  });
}

/** The five regulations' templates, loaded only by the admin resolvers that show or apply them (they stay out of every other invocation's module load). */
const templates = () => import('../domain/templates');

export async function applyTemplate(templateId: string): Promise<{ config: unknown }> {
  const { TEMPLATES, isTemplateId } = await templates();
  if (!isTemplateId(templateId)) {
    throw new AppError('NOT_FOUND', `templateId: no template "${templateId}" (known: ${Object.keys(TEMPLATES).join(', ')})`, [
      { path: 'templateId', message: 'unknown template' },
    ]);
  }
  // A deep copy: the admin edits it before saving.
  return { config: JSON.parse(JSON.stringify(TEMPLATES[templateId])) as unknown };
}

function calendarIssues(e: unknown): AppError {
  if (e instanceof CalendarError) {
    return new AppError('BAD_REQUEST', e.message, e.issues.map((i) => ({ path: i.path, message: i.message })));
  }
  return new AppError('BAD_REQUEST', e instanceof Error ? e.message : String(e));
}

export function previewCalendar(req: { calendar: unknown; years?: number[] | undefined; goals?: string[] | undefined }, nowMs: number): CalendarPreview {
  const parsed = parseCalendarDef(req.calendar);
  if (!parsed.ok) {
    throw new AppError('INVALID_CONFIG', `calendar: ${parsed.issues[0]?.path ?? ''}: ${parsed.issues[0]?.message ?? 'invalid'}`, parsed.issues.map((i) => ({ path: `calendar.${i.path}`.replace(/\.$/, ''), message: i.message })));
  }
  try {
    const def = parsed.value;
    const cal = compileCalendar(def);
    const thisYear = Number(formatInstant(def.timezone, nowMs).slice(0, 4));
    const years = req.years && req.years.length > 0 ? req.years : [thisYear, thisYear + 1];
    const out: CalendarPreview = { timezone: def.timezone, years: [], sampleDue: [], warnings: [], warningDetails: [] };
    for (const year of years) {
      const stats = yearStats(cal, year);
      const official = def.productionCalendar === 'RU' ? officialTotals(year) : undefined;
      out.years.push({
        year,
        workingDays: stats.workingDays,
        workingHours: stats.workingHours,
        ...(official ? { official: { workingDays: official.workingDays, hours40: official.hours40 } } : {}),
      });
    }
    for (const goal of req.goals && req.goals.length > 0 ? req.goals : ['4h', '1wd', '5bd']) {
      const due = addWorking(cal, nowMs, goalToMs(cal, nowMs, goal));
      out.sampleDue.push({ goal, due: formatInstant(def.timezone, due) });
    }
    out.warningDetails = coverageWarningDetails(coverageGaps(cal, nowMs, nowMs + 400 * 86_400_000)).map((w) => ({ code: w.code, params: { ...w.params }, text: w.text }));
    out.warnings = out.warningDetails.map((w) => w.text);
    return out;
  } catch (e) {
    throw calendarIssues(e);
  }
}

/**
 * The parsers (fast-xml-parser, papaparse, ical.js) are loaded on first use: every Forge function
 * shares one bundle, and only this admin action needs them (the bundler emits them as separate
 * chunks, so the SLA triggers, sweep and worker do not load them on a cold start).
 */
async function loadImporter(format: 'xml' | 'csv' | 'ics'): Promise<(text: string) => CalendarImport> {
  if (format === 'xml') return (await import('../domain/calendar/import-xml')).importXmlCalendar;
  if (format === 'csv') return (await import('../domain/calendar/import-csv')).importCsvCalendar;
  return (await import('../domain/calendar/import-ics')).importIcsCalendar;
}

export async function importCalendar(req: { format: 'xml' | 'csv' | 'ics'; text: string }): Promise<CalendarImportResult> {
  const parse = await loadImporter(req.format);
  let imp: CalendarImport;
  try {
    imp = parse(req.text);
  } catch (e) {
    throw calendarIssues(e);
  }
  return { format: imp.format, years: imp.years, holidays: imp.holidays, workingDates: imp.workingDates, shortDates: imp.shortDates, warnings: imp.warnings };
}

export async function getRecomputeProgress(deps: AdminDeps, jobId: string | undefined): Promise<RecomputeProgress | null> {
  return recomputeProgress(deps.store, jobId);
}
