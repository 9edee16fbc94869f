// An in-memory stand-in for the admin resolvers, for browser tests of the admin page before or
// without the local host: real templates and the real `validateConfig`, versions kept in memory,
// a recompute that advances a little on every poll. Contract types keep it honest.
import type { ConfigVersionMeta, Envelope, JiraStatusOption, RecomputeProgress } from '../../src/shared/contract';
import { validateConfig } from '../../src/config';
import { compileCalendar, coverageGaps, officialTotals, yearStats } from '../../src/domain/calendar';
import { coverageWarningDetails } from '../../src/domain/sla';
import { TEMPLATES, TEMPLATE_SUMMARIES, isTemplateId } from '../../src/domain/templates';
import type { DevResolvers } from '../../static/shared/dev-bridge';

export const SITE_STATUSES: JiraStatusOption[] = [
  { id: '1', name: 'Open', category: 'new' },
  { id: '3', name: 'In Progress', category: 'indeterminate' },
  { id: '10', name: 'Waiting for customer', category: 'indeterminate' },
  { id: '5', name: 'Resolved', category: 'done' },
  { id: '6', name: 'Closed', category: 'done' },
];

export interface FakeAdminBackend {
  resolvers: DevResolvers;
  versions: Array<{ meta: ConfigVersionMeta; config: unknown }>;
  /** Saves a version as somebody else would, to provoke a conflict. */
  saveBehindTheScenes: (config: unknown) => void;
}

/** `previewNowMs`: the instant the calendar preview counts its coverage warnings from (the real one: now). */
export function fakeAdminBackend(opts: { forbidden?: boolean; jobSize?: number; previewNowMs?: number } = {}): FakeAdminBackend {
  const versions: Array<{ meta: ConfigVersionMeta; config: unknown }> = [];
  let progress: RecomputeProgress | null = null;
  const jobSize = opts.jobSize ?? 6;
  const forbidden = <T,>(): Envelope<T> => ({ ok: false, error: { code: 'FORBIDDEN', message: 'only Jira administrators can do this' } });
  const current = () => versions[versions.length - 1] ?? null;
  const startJob = (): RecomputeProgress => {
    progress = { jobId: `job-${versions.length}`, total: jobSize, done: 0, failed: 0, state: 'queued', startedAt: new Date().toISOString(), finishedAt: null };
    return progress;
  };
  const push = (config: unknown, by: string, comment?: string): number => {
    const version = versions.length + 1;
    const template = (config as { template?: unknown }).template;
    versions.push({ config, meta: { version, savedAt: new Date().toISOString(), savedBy: by, ...(comment ? { comment } : {}), ...(typeof template === 'string' ? { template } : {}) } });
    return version;
  };

  const resolvers: DevResolvers = {
    getAdminState: (req) =>
      opts.forbidden
        ? forbidden()
        : {
            ok: true,
            data: {
              scope: req.scope ?? 'default',
              scopes: [{ scope: 'default', version: current()?.meta.version ?? null }],
              projects: [{ key: 'SUP', name: 'Support' }, { key: 'ALT', name: 'Altec support' }],
              config: current()?.config ?? null,
              version: current()?.meta.version ?? null,
              templates: TEMPLATE_SUMMARIES.map((s) => ({ id: s.id, name: s.name, regulation: s.regulation })),
              progress,
              statuses: SITE_STATUSES,
            },
          },
    applyTemplate: (req) => (opts.forbidden ? forbidden() : isTemplateId(req.templateId) ? { ok: true, data: { config: structuredClone(TEMPLATES[req.templateId]) } } : { ok: false, error: { code: 'NOT_FOUND', message: `no template ${req.templateId}` } }),
    validateConfig: (req) => {
      if (opts.forbidden) return forbidden();
      const r = validateConfig(req.config, Date.now());
      return { ok: true, data: r.ok ? { valid: true, issues: [] } : { valid: false, issues: r.issues.map((i) => ({ path: i.path, message: i.message })) } };
    },
    saveConfig: (req) => {
      if (opts.forbidden) return forbidden();
      const r = validateConfig(req.config, Date.now());
      if (!r.ok) return { ok: false, error: { code: 'INVALID_CONFIG', message: 'the configuration is not valid', issues: r.issues.map((i) => ({ path: i.path, message: i.message })) } };
      if ((current()?.meta.version ?? null) !== req.baseVersion) return { ok: false, error: { code: 'CONFLICT', message: `version ${current()?.meta.version} was saved meanwhile` } };
      const version = push(r.config, 'Ada Admin', req.comment);
      return { ok: true, data: { version, progress: startJob() } };
    },
    listVersions: () => (opts.forbidden ? forbidden() : { ok: true, data: versions.map((v) => v.meta) }),
    restoreVersion: (req) => {
      const v = versions.find((x) => x.meta.version === req.version);
      if (!v) return { ok: false, error: { code: 'NOT_FOUND', message: `no version ${req.version}` } };
      const version = push(v.config, 'Ada Admin', `restored version ${req.version}`);
      return { ok: true, data: { version, progress: startJob() } };
    },
    getRecomputeProgress: () => {
      if (progress && progress.state !== 'done') {
        const done = Math.min(progress.total, progress.done + 2);
        progress = { ...progress, done, state: done >= progress.total ? 'done' : 'running', finishedAt: done >= progress.total ? new Date().toISOString() : null };
      }
      return { ok: true, data: progress };
    },
    previewCalendar: (req) => {
      try {
        const cal = compileCalendar(req.calendar as Parameters<typeof compileCalendar>[0]);
        const years = (req.years ?? [new Date().getFullYear()]).map((year) => {
          const s = yearStats(cal, year);
          const o = officialTotals(year);
          return { year, workingDays: s.workingDays, workingHours: s.workingHours, ...(o ? { official: { workingDays: o.workingDays, hours40: o.hours40 } } : {}) };
        });
        // As the real preview (src/app/admin.ts): the production data it lacks over the next 400 days.
        const nowMs = opts.previewNowMs ?? Date.now();
        const warningDetails = coverageWarningDetails(coverageGaps(cal, nowMs, nowMs + 400 * 86_400_000)).map((w) => ({ code: w.code, params: { ...w.params }, text: w.text }));
        return { ok: true, data: { timezone: (req.calendar as { timezone: string }).timezone, years, sampleDue: [], warnings: warningDetails.map((w) => w.text), warningDetails } };
      } catch (e) {
        return { ok: false, error: { code: 'BAD_REQUEST', message: e instanceof Error ? e.message : String(e) } };
      }
    },
    listJiraStatuses: () => ({ ok: true, data: SITE_STATUSES }),
  };
  return { resolvers, versions, saveBehindTheScenes: (config) => void push(config, 'Someone Else') };
}
