// The emulator the local host and the integration tests run on: a Jira site, Forge KVS and the
// async-events queue behind the two globals the Forge SDK calls (`__forge_fetch__`,
// `__forge_runtime__`), plus the platform's side: product events to the app's trigger, the
// scheduled sweep, queue delivery and UI resolver invocations. The app never knows.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Meta, openDb } from './db';
import { FaultInjector, faultResponse, seededRandom } from './faults';
import { APP_ACCOUNT_ID, JiraSite, jiraDate, textToAdf, type IssueDoc, type Principal, type ProductEvent } from './jira';
import { KvsStore } from './kvs';
import { JqlError } from './jql';
import { expandJqlFunctions, PrecomputationStore } from './jql-functions';
import { auditOf, checkRuleConfiguration, renderSmartValues } from './automation';
import { loadManifest, type AppManifest } from './manifest';
import { QueueStore, type QueuedEvent } from './queue';
import { createRuntime, invocations, runInvocation } from './runtime';
import type { ChoiceValue } from '../../src/shared/choice-value';

export { JiraSite, jiraDate, textToAdf, adfToText, APP_ACCOUNT_ID, DEFAULT_USERS, DEFAULT_STATUSES } from './jira';
export type { IssueDoc, CommentDoc, HistoryDoc, SiteUser, SiteSpec, SiteProject, SiteStatus, SiteField, Role } from './jira';
export { APP_ID, ENV_ID } from './manifest';
export type { FaultOptions } from './faults';

export type { AppHandlers, CallRecord, Clock, DrainOptions, DrainResult, Emulator, EmulatorOptions, ExtensionContext, FieldName, HandlerError } from './types';
import type { AppHandlers, CallRecord, DrainResult, Emulator, EmulatorOptions, FieldName, HandlerError } from './types';

const REPO_ROOT = join(__dirname, '..', '..');
/** Forge's cap on a Custom UI invoke payload (500 KB). */
export const INVOKE_MAX_PAYLOAD_BYTES = 500 * 1024;

/**
 * Each function from the module its manifest handler names (`entry/resolvers/index.uiResolver` →
 * src/entry/resolvers/index, export uiResolver), as Forge loads it; a handler without its file or
 * export fails here as `forge deploy` would.
 */
async function loadAppHandlers(handlerRefs: readonly string[]): Promise<AppHandlers> {
  const out: Record<string, unknown> = {};
  for (const ref of handlerRefs) {
    const dot = ref.lastIndexOf('.');
    const [modulePath, name] = [ref.slice(0, dot), ref.slice(dot + 1)];
    // A computed specifier keeps the type check independent of the handler modules.
    const mod = (await import(join(REPO_ROOT, 'src', modulePath))) as Record<string, unknown>;
    if (typeof mod[name] !== 'function') throw new Error(`manifest handler ${ref}: src/${modulePath} exports no function ${name}`);
    out[name] = mod[name];
  }
  const missing = (['uiResolver', 'onIssueEvent', 'sweep', 'worker', 'fieldSuggestions'] as const).filter((k) => typeof out[k] !== 'function');
  if (missing.length > 0) throw new Error(`the manifest names no handlers ${missing.join(', ')}`);
  return out as unknown as AppHandlers;
}

function isInvocationError(v: unknown): v is { _retry: true; retryOptions?: { retryAfter?: number; retryReason?: string; retryData?: unknown } } {
  return typeof v === 'object' && v !== null && (v as { _retry?: unknown })._retry === true;
}

function respond(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const noBody = body === undefined || status === 204;
  return new Response(noBody ? null : JSON.stringify(body), { status, headers: { ...(noBody ? {} : { 'content-type': 'application/json' }), ...headers } });
}

function bodyText(init: RequestInit | undefined): string | undefined {
  const b = init?.body;
  if (b === undefined || b === null) return undefined;
  if (typeof b === 'string') return b;
  if (b instanceof URLSearchParams) return b.toString();
  if (b instanceof Uint8Array) return Buffer.from(b).toString();
  throw new Error('emulator: request bodies must be strings');
}

export function createEmulator(opts: EmulatorOptions): Emulator {
  const clock = opts.clock;
  const now = (): number => clock.now();
  const db = openDb(opts.dbPath ?? ':memory:');
  const meta = new Meta(db);
  const manifest = loadManifest(opts.manifestPath ?? join(REPO_ROOT, 'manifest.yml'));
  const jira = new JiraSite(db, meta, manifest, now);
  // The platform's clock for rate windows and queue delays: the test's clock, moved forward when a
  // drain delivers a delayed event early (`ignoreDelays`), as if the platform had waited for it.
  let platformAhead = 0;
  const platformNow = (): number => Math.max(now(), platformAhead);
  const kvs = new KvsStore(db, now, manifest.entityIndexes, platformNow);
  const queue = new QueueStore(db, platformNow, () => randomUUID(), platformNow);
  const faults = new FaultInjector(opts.faults);
  const calls: CallRecord[] = [];
  const errors: HandlerError[] = [];
  const pendingEvents: unknown[] = [];
  let handlers: AppHandlers | undefined = opts.appHandlers;
  let licensed = opts.licensed ?? true;
  const runtime = createRuntime({ appId: manifest.appId, scopes: manifest.scopes, licensed: () => licensed });
  const dupRandom = seededRandom(7);
  const g = globalThis as Record<string, unknown>;
  let saved: { fetch: unknown; runtime: unknown; clock: unknown } | null = null;

  const getHandlers = async (): Promise<AppHandlers> => {
    handlers ??= await loadAppHandlers(manifest.handlers ?? []);
    return handlers;
  };
  const installContext = (): string => `ari:cloud:jira::site/${jira.cloudId}`;

  // ---------------------------------------------------------------- product events

  const triggersFor = (eventType: string) => manifest.triggers.filter((t) => t.events.includes(eventType));

  jira.onChange = (e: ProductEvent, o) => {
    if (!o.generateAppEvents) return;
    const triggers = triggersFor(e.eventType);
    if (triggers.length === 0) return;
    // ignoreSelf drops what the app itself caused; otherwise the app sees selfGenerated: true.
    if (e.selfGenerated && triggers.every((t) => t.ignoreSelf)) return;
    // filter.appIsLicensed: Forge does not invoke the trigger on an unlicensed site.
    if (!licensed && triggers.every((t) => t.appIsLicensed)) return;
    pendingEvents.push(buildEvent(e));
  };

  function buildEvent(e: ProductEvent): unknown {
    const issue = jira.issue(e.issueId)!;
    const json = jira.issueJson(issue, ['summary', 'issuetype', 'creator', 'created', 'project', 'reporter', 'assignee', 'updated', 'status', 'priority', 'labels', 'resolution'], { defaultAll: false });
    const base: Record<string, unknown> = {
      eventType: e.eventType,
      selfGenerated: e.selfGenerated,
      timestamp: now(),
      atlassianId: e.actor,
      issue: { id: json.id, key: json.key, fields: json.fields },
      associatedUsers: [{ accountId: e.actor }],
    };
    if (e.changelog) {
      base.changelog = { id: e.changelog.id, items: e.changelog.items };
      const resolved = e.changelog.items.some((i) => i.fieldId === 'resolution' && i.to !== null);
      base.jiraEventTypeName = resolved ? 'issue_resolved' : e.changelog.items.some((i) => i.fieldId === 'status') ? 'issue_generic' : 'issue_updated';
    }
    if (e.associatedStatuses) base.associatedStatuses = e.associatedStatuses.map((id) => jira.statusJson(jira.status(id)!));
    if (e.comment) {
      base.comment = {
        id: e.comment.id,
        self: `${jira.siteUrl}/rest/api/3/issue/${issue.id}/comment/${e.comment.id}`,
        author: { accountId: e.comment.author },
        updateAuthor: { accountId: e.comment.author },
        body: e.comment.body,
        created: jiraDate(e.comment.created),
        updated: jiraDate(e.comment.updated),
        jsdPublic: e.comment.jsdPublic,
      };
    }
    return base;
  }

  async function callHandler(name: keyof AppHandlers, moduleKey: string, timeoutMs: number, accountId: string | undefined, args: [unknown, unknown]): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
    const h = await getHandlers();
    try {
      const f = h[name];
      if (typeof f !== 'function') throw new Error(`the app exports no handler ${name}`);
      const value = await runInvocation(moduleKey, timeoutMs, accountId, async () => f(args[0], args[1]));
      return { ok: true, value };
    } catch (error) {
      errors.push({ handler: name, message: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error), at: now() });
      return { ok: false, error };
    }
  }

  async function deliverProductEvents(): Promise<number> {
    let n = 0;
    while (pendingEvents.length > 0) {
      const ev = pendingEvents.shift() as { atlassianId?: string };
      const trigger = triggersFor((ev as { eventType: string }).eventType)[0];
      await callHandler('onIssueEvent', trigger?.key ?? 'sla-issue-events', 55_000, undefined, [
        ev,
        { installContext: installContext(), ...(ev.atlassianId ? { principal: { accountId: ev.atlassianId } } : {}) },
      ]);
      n++;
    }
    return n;
  }

  // ---------------------------------------------------------------- the globals

  async function forgeFetch(target: { type?: string; provider?: string; remote?: string; accountId?: string }, path: string, init?: RequestInit): Promise<Response> {
    const method = (init?.method ?? 'GET').toUpperCase();
    const text = bodyText(init);
    const inv = invocations.getStore();
    const record = (kind: CallRecord['kind'], route: string, status: number, accountId?: string): void => {
      calls.push({ kind, method, route, path, provider: target.provider ?? 'none', status, ...(accountId ? { accountId } : {}), ...(inv ? { moduleKey: inv.moduleKey } : {}) });
    };
    if (target.type === 'kvs') {
      const r = kvs.handle(path, text);
      record('kvs', `${method} ${path}`, r.status);
      return respond(r.status, r.body);
    }
    if (target.remote === 'stargate' && path.startsWith('/webhook/queue/')) {
      const r = queue.handle(path, text);
      record('queue', `${method} ${path.split('/').slice(0, 4).join('/')}`, r.status);
      return respond(r.status, r.body);
    }
    if (target.remote === 'jira') {
      const route = JiraSite.routeOf(method, path);
      let principal: Principal;
      if (target.provider === 'app') principal = { kind: 'app' };
      else if (target.provider === 'user') {
        const accountId = target.accountId ?? inv?.accountId;
        if (!accountId) {
          record('jira', route, 401);
          return respond(401, { message: 'asUser() was called without a user in the invocation context' }, { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' });
        }
        principal = { kind: 'user', accountId };
      } else {
        record('jira', route, 401);
        return respond(401, { errorMessages: ['You are not authenticated. Use asApp() or asUser().'], errors: {} });
      }
      const accountId = principal.kind === 'user' ? principal.accountId : undefined;
      const fault = faults.decide(method, path);
      if (fault.kind === 'status') {
        record('jira', route, fault.status, accountId);
        return faultResponse(fault.status, fault.retryAfterSeconds);
      }
      if (fault.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
      let searchText = text;
      if (route === 'POST /rest/api/3/search/jql') {
        // Jira replaces the app's JQL functions before it evaluates the query.
        try {
          searchText = await expandSearch(text, accountId);
        } catch (e) {
          if (!(e instanceof JqlError)) throw e;
          record('jira', route, 400, accountId);
          return respond(400, { errorMessages: [e.message], errors: {} });
        }
      }
      const r = jira.handle(method, path, searchText, principal);
      if (fault.kind === 'lost') {
        // Jira did it (r is discarded); the caller never learns.
        record('jira', route, fault.drop ? 0 : fault.status, accountId);
        if (fault.drop) throw new TypeError(`fetch failed: connection reset after ${method} ${path.split('?')[0]} (injected by the emulator)`);
        return faultResponse(fault.status, 1);
      }
      record('jira', route, r.status, accountId);
      return respond(r.status, r.body, r.headers);
    }
    record('other', `${method} ${path}`, 404);
    return respond(404, { message: `the emulator does not serve ${JSON.stringify(target)} ${path}` });
  }

  // ---------------------------------------------------------------- app JQL functions

  const precomputations = new PrecomputationStore();
  const expandJql = (jql: string, accountId?: string): Promise<string> =>
    expandJqlFunctions(
      jql,
      manifest.jqlFunctions ?? [],
      async (fn, payload) => {
        const r = await callHandler(fn.handler as keyof AppHandlers, fn.key, 25_000, accountId, [
          payload,
          { installContext: installContext(), ...(accountId ? { principal: { accountId } } : {}), license: { isActive: licensed } },
        ]);
        if (!r.ok) throw new JqlError(`Error in the JQL Query: the function '${fn.name}' failed.`);
        return r.value;
      },
      precomputations,
      now(),
    );

  /** Jira replaces the app's JQL functions in a search body before it evaluates the query. */
  async function expandSearch(text: string | undefined, accountId: string | undefined): Promise<string | undefined> {
    if (!text) return text;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return text;
    }
    if (typeof body !== 'object' || body === null || typeof (body as { jql?: unknown }).jql !== 'string') return text;
    const jql = (body as { jql: string }).jql;
    return JSON.stringify({ ...body, jql: await expandJql(jql, accountId) });
  }

  // ---------------------------------------------------------------- actions

  const mustIssue = (key: string): IssueDoc => {
    const i = jira.issue(key);
    if (!i) throw new Error(`no issue ${key}`);
    return i;
  };
  // The fields hold { id, name } objects; a caller naming only the id stores { id }.
  const asChoice = (v: string | ChoiceValue): ChoiceValue => (typeof v === 'string' ? { id: v } : v);
  const moduleOf = (f: FieldName): string => (f === 'package' ? 'sla-service-package' : 'sla-priority');
  const checkUser = (accountId: string): void => {
    if (!jira.user(accountId)) throw new Error(`no user ${accountId} on the emulated site`);
  };

  const emulator: Emulator = {
    clock,
    manifest,
    jira,
    kvs,
    queue,
    meta,
    db,
    get cloudId() {
      return jira.cloudId;
    },
    install() {
      if (saved) return;
      saved = { fetch: g.__forge_fetch__, runtime: g.__forge_runtime__, clock: g.__reglament_clock__ };
      g.__forge_fetch__ = forgeFetch;
      g.__forge_runtime__ = runtime;
      g.__reglament_clock__ = clock;
    },
    uninstall() {
      if (!saved) return;
      g.__forge_fetch__ = saved.fetch;
      g.__forge_runtime__ = saved.runtime;
      g.__reglament_clock__ = saved.clock;
      saved = null;
    },
    seedSite(spec) {
      jira.seed(spec);
    },
    actions: {
      async createIssue(input) {
        checkUser(input.reporter);
        const custom: Record<string, unknown> = {};
        if (input.package) custom['sla-service-package'] = asChoice(input.package);
        if (input.priority) custom['sla-priority'] = asChoice(input.priority);
        const issue = jira.createIssue({ projectKey: input.projectKey, summary: input.summary, reporter: input.reporter, custom, ...(input.description ? { description: input.description } : {}) });
        await deliverProductEvents();
        return { id: String(issue.id), key: issue.key };
      },
      async comment(key, input) {
        checkUser(input.author);
        const c = jira.addComment(mustIssue(key), { author: input.author, body: textToAdf(input.body), internal: input.internal === true, selfGenerated: false });
        await deliverProductEvents();
        return { id: c.id };
      },
      async transition(key, statusName, by) {
        checkUser(by);
        const issue = mustIssue(key);
        if (!jira.status(statusName)) throw new Error(`no status '${statusName}'; statuses: ${jira.statuses.map((s) => s.name).join(', ')}`);
        jira.transitionTo(issue, statusName, { by, selfGenerated: false });
        await deliverProductEvents();
      },
      async setField(key, field, value, by) {
        checkUser(by);
        const f = jira.field(moduleOf(field));
        if (!f) throw new Error(`the manifest declares no custom field ${moduleOf(field)}`);
        const stored = value === null ? null : asChoice(value);
        jira.checkValue(f, stored, f.id);
        jira.setCustom(mustIssue(key), [{ field: f, value: stored }], { by, selfGenerated: false });
        await deliverProductEvents();
      },
    },
    platformNow,
    async runSweep() {
      if (!licensed && manifest.scheduledLicensedOnly) return undefined;
      const r = await callHandler('sweep', manifest.scheduledTriggerKey, 900_000, undefined, [
        { context: { cloudId: jira.cloudId, moduleKey: manifest.scheduledTriggerKey }, contextToken: 'local-context-token' },
        { installContext: installContext(), principal: undefined },
      ]);
      if (!r.ok) throw r.error;
      return r.value;
    },
    async drainQueue(o = {}) {
      const result: DrainResult = { delivered: 0, retried: 0, failed: 0, productEvents: 0, pending: 0 };
      const cap = o.maxDeliveries ?? 100_000;
      const dupP = o.duplicate === true ? 1 : typeof o.duplicate === 'number' ? o.duplicate : 0;
      for (;;) {
        result.productEvents += await deliverProductEvents();
        const next: QueuedEvent | undefined = (o.ignoreDelays ? queue.pending() : queue.due(platformNow()))[0];
        if (!next || result.delivered >= cap) break;
        if (next.dueAtMs > platformNow()) platformAhead = next.dueAtMs;
        const ev = queue.markAttempt(next);
        const times = dupP > 0 && dupRandom() < dupP ? 2 : 1;
        let outcome: { retry: false } | { retry: true; delayMs: number; reason: string; data?: unknown } = { retry: false };
        for (let t = 0; t < times; t++) {
          const r = await callHandler('worker', `consumer:${ev.queueName}`, 900_000, undefined, [
            { body: ev.body, queueName: ev.queueName, jobId: ev.jobId, eventId: ev.id, ...(ev.retryContext ? { retryContext: ev.retryContext } : {}) },
            { installContext: installContext() },
          ]);
          result.delivered++;
          if (!r.ok) outcome = { retry: true, delayMs: 0, reason: 'FUNCTION_ERROR' };
          else if (isInvocationError(r.value)) {
            const ro = r.value.retryOptions ?? {};
            outcome = { retry: true, delayMs: (ro.retryAfter ?? 1) * 1000, reason: ro.retryReason ?? 'FUNCTION_RETRY_REQUEST', data: ro.retryData };
          }
        }
        if (outcome.retry) {
          if (queue.retry(ev, outcome.delayMs, outcome.reason, outcome.data)) result.retried++;
          else result.failed++;
        } else queue.complete(ev);
      }
      result.pending = queue.pending().length;
      return result;
    },
    async invokeResolver(functionKey, payload, o) {
      checkUser(o.accountId);
      // Custom UI's invoke() carries at most 500 KB of payload; the bridge refuses more before the app runs.
      const payloadBytes = Buffer.byteLength(JSON.stringify(payload ?? null));
      if (payloadBytes > INVOKE_MAX_PAYLOAD_BYTES) throw new Error(`invoke payload is ${payloadBytes} bytes, over the 500 KB limit`);
      const moduleKey = o.moduleKey ?? moduleKeyFor(manifest, o.extension.type);
      const localId = `${manifest.appId.replace('::app/', '::extension/')}/local-env/static/${moduleKey}`;
      const r = await callHandler('uiResolver', moduleKey, 25_000, o.accountId, [
        {
          call: { functionKey, payload },
          context: {
            accountId: o.accountId,
            cloudId: jira.cloudId,
            siteUrl: jira.siteUrl,
            localId,
            moduleKey,
            environmentId: 'local-env',
            environmentType: 'DEVELOPMENT',
            extension: o.extension,
            ...(o.locale ? { locale: o.locale } : {}),
            ...(o.timezone ? { timezone: o.timezone } : {}),
          },
        },
        // Forge's context.license: `active` (isActive is its deprecated alias, left out so the app cannot lean on it).
        { principal: { accountId: o.accountId }, installContext: installContext(), license: { active: licensed } },
      ]);
      if (!r.ok) throw r.error;
      return r.value === undefined ? undefined : JSON.parse(JSON.stringify(r.value));
    },
    async fieldSuggestions(moduleKey, query, accountId = APP_ACCOUNT_ID, searchAlias = null) {
      const f = jira.field(moduleKey);
      if (!f) throw new Error(`no custom field ${moduleKey}`);
      const r = await callHandler('fieldSuggestions', moduleKey, 25_000, undefined, [
        { fieldId: f.id, fieldType: f.type, fieldName: f.name, query, searchAlias, user: { accountId }, context: { cloudId: jira.cloudId } },
        { installContext: installContext(), principal: { accountId } },
      ]);
      if (!r.ok) throw r.error;
      return r.value;
    },
    expandJql,
    async searchKeys(jql, accountId) {
      checkUser(accountId);
      try {
        const expanded = await expandJql(jql, accountId);
        return { ok: true, keys: jira.search({ kind: 'user', accountId }, expanded).map((i) => i.key) };
      } catch (e) {
        if (e instanceof JqlError) return { ok: false, error: e.message };
        if (e instanceof Error && 'status' in e) return { ok: false, error: e.message };
        throw e;
      }
    },
    precomputations,
    async runAutomationAction(actionKey, inputs, o = {}) {
      const action = (manifest.automationActions ?? []).find((a) => a.key === actionKey);
      if (!action) throw new Error(`the app provides no Automation action ${actionKey}`);
      const issue = o.issueKey ? jira.issue(o.issueKey) : undefined;
      if (o.issueKey && !issue) throw new Error(`no issue ${o.issueKey}`);
      const rendered: Record<string, string> = {};
      for (const [k, v] of Object.entries(inputs)) rendered[k] = renderSmartValues(v, issue ? { key: issue.key, id: String(issue.id), projectKey: issue.projectKey } : null);
      checkRuleConfiguration(action, inputs, rendered);
      const actor = o.actor ?? APP_ACCOUNT_ID;
      const r = await callHandler(action.handler as keyof AppHandlers, action.key, 25_000, actor, [
        rendered,
        { principal: { accountId: actor }, installContext: installContext(), license: { isActive: licensed } },
      ]);
      if (!r.ok) return { status: 'FAILURE', action: action.key, messages: ['Action failed with an error'] };
      const entry = auditOf(action, r.value === undefined ? undefined : JSON.parse(JSON.stringify(r.value)));
      await deliverProductEvents();
      return entry;
    },
    get calls() {
      return calls;
    },
    callCounts(all = false) {
      const out: Record<string, number> = {};
      for (const c of calls) if (all || c.kind === 'jira') out[c.route] = (out[c.route] ?? 0) + 1;
      return out;
    },
    resetCalls() {
      calls.length = 0;
    },
    setFaults(f) {
      faults.configure(f);
    },
    setLicensed(v) {
      licensed = v;
    },
    faults,
    get errors() {
      return errors;
    },
    close() {
      emulator.uninstall();
      db.close();
    },
  };
  return emulator;
}

function moduleKeyFor(manifest: AppManifest, type: string): string {
  return manifest.uiModules[type]?.[0]?.key ?? type.replace(/^jira:/, 'sla-');
}
