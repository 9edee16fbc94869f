// `uiResolver`: the one Resolver behind every UI module (issue panel, context, admin page, project
// settings, field editor). Thin: zod-parse the payload, check who may call, run one use case,
// answer the envelope. Admin resolvers check that the caller is a Jira administrator (or, for a
// project's own scope, that project's administrator) BEFORE they read or change anything; panel
// resolvers read Jira as the user.

import Resolver from '@forge/resolver';
import type { AdminView } from '../../app/admin';
import { ConfigStore, DEFAULT_SCOPE, checkScope } from '../../app/config-store';
import { AppError } from '../../app/errors';
import { emptyIssueView, fieldOptions, getIssueBadge, getIssueSla, getQueue } from '../../app/issue-view';
import { toCustomerView } from '../../app/portal-view';
import { RESOLVERS, type Envelope, type ResolverMap, type ResolverName } from '../../shared/contract';
import { forgeUserDeps, isUnlicensed, type UserDeps } from '../compose';
import { envelope } from '../envelope';
import { payloadSchemas } from './schemas';

export interface ResolverContext {
  accountId?: string;
  license?: { active?: boolean; isActive?: boolean };
  extension?: {
    type?: string;
    issue?: { id?: string; key?: string };
    project?: { id?: string; key?: string };
  };
}

type Handler<K extends ResolverName> = (payload: ResolverMap[K]['req'], ctx: ResolverContext, deps: UserDeps) => Promise<ResolverMap[K]['res']>;

async function requireAdmin(deps: UserDeps): Promise<void> {
  if (!(await deps.userJira.isJiraAdmin())) {
    throw new AppError('FORBIDDEN', 'only Jira administrators can see or change the SLA configuration');
  }
}

/**
 * Jira administrators may configure every scope; a project's administrators may configure that
 * project's own scope (`projectKey`, null for the site-wide default). Asked of Jira before anything
 * is read or changed; the Jira administrator check comes first, so for them nothing changes.
 */
async function requireConfigAccess(deps: UserDeps, projectKey: string | null): Promise<AdminView> {
  if (await deps.userJira.isJiraAdmin()) return 'site';
  if (projectKey !== null && (await deps.userJira.isProjectAdmin(projectKey))) return 'project';
  throw new AppError(
    'FORBIDDEN',
    projectKey === null
      ? 'only Jira administrators can see or change the site-wide SLA configuration'
      : `only Jira administrators and administrators of project ${projectKey} can see or change its SLA configuration`,
  );
}

/**
 * Browse permission on the project, asked of Jira as the user. Without a project (the site-wide
 * default), browse permission on at least one project (mypermissions without a project answers that).
 */
async function requireBrowse(deps: UserDeps, projectKey: string | null): Promise<void> {
  if (await deps.userJira.canBrowseProject(projectKey)) return;
  throw new AppError('FORBIDDEN', projectKey === null ? 'you may not browse any project' : `project ${projectKey}: not found or you may not browse it`);
}

/** The project a scoped request is about, or null for the site-wide default. */
function projectOfScope(scope: string | undefined): string | null {
  const s = checkScope(scope);
  return s === DEFAULT_SCOPE ? null : s;
}

/** The project whose settings page made an unscoped request (calendar preview, statuses), if any. */
function settingsPageProject(ctx: ResolverContext): string | null {
  if (ctx.extension?.type !== 'jira:projectSettingsPage') return null;
  const key = ctx.extension.project?.key;
  return key ? projectOfScope(key) : null;
}

function accountOf(ctx: ResolverContext): string {
  if (!ctx.accountId) throw new AppError('FORBIDDEN', 'this action needs a signed-in user');
  return ctx.accountId;
}

function issueKeyOf(payload: { issueKey?: string | undefined }, ctx: ResolverContext): string {
  const key = payload.issueKey ?? ctx.extension?.issue?.key;
  if (!key) throw new AppError('BAD_REQUEST', 'issueKey: required outside an issue view', [{ path: 'issueKey', message: 'required' }]);
  return key;
}

function projectKeyOf(payload: { projectKey?: string | undefined }, ctx: ResolverContext): string {
  const key = payload.projectKey ?? ctx.extension?.project?.key;
  if (!key) throw new AppError('BAD_REQUEST', 'projectKey: required outside a project', [{ path: 'projectKey', message: 'required' }]);
  return key;
}


// The admin page's, Reports', the act's and the recompute pipeline's use cases (an agreed deadline
// recomputes the issue) load on their first call: an issue view, the common invocation, does not
// parse them on a cold start (bench `function`).
const admin = () => import('../../app/admin');
const recompute = () => import('../../app/full-recompute');
const agreements = () => import('../../app/agree-deadline');
const reports = () => import('../../app/report-service');
const acts = () => import('../../app/customer-act');
const impact = () => import('../../app/impact');

const active = (deps: UserDeps) => new ConfigStore(deps.store).active();
/** One project's configuration on demand: a panel view reads ≤ 2 heads, not every scope's. */
const lookup = (deps: UserDeps) => new ConfigStore(deps.store).lookup();

/** Every resolver; the registry below refuses to start if a contract name is missing. */
export const handlers: { [K in ResolverName]: Handler<K> } = {
  async getIssueSla(p, ctx, deps) {
    const key = issueKeyOf(p, ctx);
    const now = deps.clock.now();
    if (isUnlicensed(ctx)) return emptyIssueView(key, now, false);
    return getIssueSla(deps.userJira, lookup(deps), key, now, true, deps.store);
  },
  async getIssueBadge(p, ctx, deps) {
    const key = issueKeyOf(p, ctx);
    if (isUnlicensed(ctx)) return { label: 'SLA', state: 'none', due: null };
    return getIssueBadge(deps.userJira, lookup(deps), key, deps.clock.now(), true, deps.store);
  },
  async getFieldOptions(p, ctx, deps) {
    // The options name a project's packages and priorities: only for those who may browse it.
    const projectKey = ctx.extension?.project?.key ?? null;
    await requireBrowse(deps, projectKey);
    return fieldOptions(lookup(deps), projectKey, p.field);
  },
  async getAdminState(p, _ctx, deps) {
    const view = await requireConfigAccess(deps, projectOfScope(p.scope));
    return (await admin()).getAdminState(deps, p.scope, view);
  },
  async validateConfig(p, _ctx, deps) {
    await requireConfigAccess(deps, projectOfScope(p.scope));
    return (await admin()).validateConfig(p.config, deps.clock.now());
  },
  async saveConfig(p, ctx, deps) {
    await requireConfigAccess(deps, projectOfScope(p.scope));
    return (await admin()).saveConfig(deps, p, accountOf(ctx), deps.clock.now());
  },
  async applyTemplate(p, _ctx, deps) {
    await requireAdmin(deps);
    return (await admin()).applyTemplate(p.templateId);
  },
  async listVersions(p, _ctx, deps) {
    await requireConfigAccess(deps, projectOfScope(p.scope));
    return (await admin()).listVersions(deps, p.scope);
  },
  async restoreVersion(p, ctx, deps) {
    await requireConfigAccess(deps, projectOfScope(p.scope));
    return (await admin()).restoreVersion(deps, p.scope, p.version, accountOf(ctx), deps.clock.now());
  },
  async getRecomputeProgress(p, ctx, deps) {
    const project = settingsPageProject(ctx);
    if ((await requireConfigAccess(deps, project)) === 'project' && project !== null) {
      // A project administrator follows only their project's latest recompute.
      const own = await (await recompute()).scopeRecomputeProgress(deps.store, project);
      if (own === null || (p.jobId !== undefined && own.jobId !== p.jobId)) {
        throw new AppError('FORBIDDEN', `only the recompute of project ${project} can be followed from its settings`);
      }
      return own;
    }
    return (await admin()).getRecomputeProgress(deps, p.jobId);
  },
  async previewCalendar(p, ctx, deps) {
    await requireConfigAccess(deps, settingsPageProject(ctx));
    return (await admin()).previewCalendar(p, deps.clock.now());
  },
  async importCalendar(p, ctx, deps) {
    await requireConfigAccess(deps, settingsPageProject(ctx));
    return (await admin()).importCalendar(p);
  },
  async listJiraStatuses(_p, ctx, deps) {
    await requireConfigAccess(deps, settingsPageProject(ctx));
    return deps.jira.listStatuses();
  },
  async getQueue(p, ctx, deps) {
    return getQueue(deps.userJira, lookup(deps), projectKeyOf(p, ctx), deps.clock.now());
  },
  async getReport(p, _ctx, deps) {
    // Only the projects the viewer may browse (listed as the user) are read.
    // The payload schema admits from + to or lastDays, never a mix.
    const req = p.lastDays !== undefined ? { lastDays: p.lastDays, projectKey: p.projectKey } : { from: p.from ?? '', to: p.to ?? '', projectKey: p.projectKey };
    return (await reports()).getReport({ store: deps.store, log: deps.log, userJira: deps.userJira }, await active(deps), req, deps.clock.now());
  },
  async getPortalSla(p, ctx, deps) {
    // The portal's request detail names the request as extension.request.key.
    const requestKey = (ctx.extension as { request?: { key?: unknown } } | undefined)?.request?.key;
    const key = issueKeyOf({ issueKey: p.issueKey ?? (typeof requestKey === 'string' ? requestKey : undefined) }, ctx);
    const now = deps.clock.now();
    // Read as the customer: Jira decides whether they may see the request at all.
    const view = isUnlicensed(ctx) ? emptyIssueView(key, now, false) : await getIssueSla(deps.userJira, await active(deps), key, now, true, deps.store);
    return toCustomerView(view, p.locale ?? 'en');
  },
  async previewImpact(p, _ctx, deps) {
    await requireConfigAccess(deps, projectOfScope(p.scope));
    return (await impact()).previewImpact({ jira: deps.jira, store: deps.store }, checkScope(p.scope), p.config, deps.clock.now());
  },
  async getCustomerAct(p, _ctx, deps) {
    // As getReport: only the projects the viewer may browse are read.
    return (await acts()).getCustomerAct({ store: deps.store, log: deps.log, userJira: deps.userJira }, await active(deps), p, deps.clock.now());
  },
  async agreeDeadline(p, ctx, deps) {
    const account = accountOf(ctx);
    if (isUnlicensed(ctx)) throw new AppError('FORBIDDEN', 'the app is not licensed on this site');
    const key = issueKeyOf(p, ctx);
    return (await agreements()).agreeDeadline(deps, await active(deps), lookup(deps), account, { issueKey: key, clock: p.clock, extend: p.extend, due: p.due, reason: p.reason }, deps.clock.now());
  },
};

const PORTAL_MODULES: ReadonlySet<string> = new Set(['jiraServiceManagement:portalRequestDetail']);
const PORTAL_RESOLVERS: ReadonlySet<ResolverName> = new Set<ResolverName>(['getPortalSla']);

/** Runs one resolver: parse, authorise inside the handler, envelope. Exported for tests. */
export async function runResolver(name: ResolverName, payload: unknown, ctx: ResolverContext, deps: UserDeps): Promise<Envelope<unknown>> {
  return envelope(async () => {
    // The customer portal module shares this resolver with the agents' modules: from the portal
    // only the customer-safe view may be asked for.
    if (PORTAL_MODULES.has(ctx.extension?.type ?? '') && !PORTAL_RESOLVERS.has(name)) {
      throw new AppError('FORBIDDEN', `${name} is not available on the customer portal`);
    }
    const parsed = payloadSchemas[name].parse(payload ?? {});
    return (handlers[name] as Handler<typeof name>)(parsed as never, ctx, deps);
  }, deps.log);
}

const resolver = new Resolver();
for (const name of Object.keys(RESOLVERS) as ResolverName[]) {
  resolver.define(name, ({ payload, context }) => runResolver(name, payload, context as ResolverContext, forgeUserDeps()));
}

export const uiResolver = resolver.getDefinitions();
