// HTTP front of the local host (node:http): the host page, the Custom UI bundles from
// static/<app>/build with the bridge shim loaded before them, and /__local/* endpoints the page
// and the shim call (resolver invocations as the selected user, human actions, simulated time).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { z } from 'zod/v3';
import ts from 'typescript';
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import type { LocalHost } from './host';
import { APP_ACCOUNT_ID, type ExtensionContext } from './emulator';
import {
  actionRequestSchema,
  automationRequestSchema,
  faultsRequestSchema,
  gadgetRequestSchema,
  invokeRequestSchema,
  jiraRequestSchema,
  jqlRequestSchema,
  LOCAL_DASHBOARD,
  LOCAL_GADGET,
  sweepRequestSchema,
  timeRequestSchema,
  type ErrorBody,
  type HostModules,
  type HostState,
  type LocalPostPath,
  type LocalResponse,
} from './contract';

export type { HostModules } from './contract';

const REPO_ROOT = resolve(__dirname, '..');
const PAGE_DIR = join(__dirname, 'page');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * The header every /__local/* request carries: a token made when the server starts and served only
 * inside the host page (a meta tag of GET /). Another site open in the same browser cannot read the
 * page (no CORS) nor, through DNS rebinding, reach it under its own name (the Host check), so it
 * cannot drive the emulator: create requests, move time, call resolvers as any user.
 */
export const TOKEN_HEADER = 'x-reglament-token';
export const TOKEN_META = 'reglament-token';

export interface ServerInfo {
  dataPath: string;
  /** While false, the page shows `message` and the write endpoints answer 503. */
  readiness?: { ready: boolean; message: string };
}

/** UI modules of the manifest mapped to the static app folder that serves each. */
export function hostModules(host: LocalHost): HostModules {
  const m = host.emulator.manifest;
  const appOf = (resource: string | undefined, fallback: string): string => {
    const path = resource ? m.resources[resource] : undefined;
    const match = path ? /static\/([^/]+)/.exec(path) : null;
    return match?.[1] ?? fallback;
  };
  const first = (type: string, fallbackKey: string, fallbackApp: string): { key: string; app: string } => {
    const mod = m.uiModules[type]?.[0];
    return { key: mod?.key ?? fallbackKey, app: appOf(mod?.resource, fallbackApp) };
  };
  const editor = (moduleKey: string): { key: string; app: string; fieldId: string | null } => {
    const mod = m.uiModules['jira:customField']?.find((x) => x.key === moduleKey);
    return { key: moduleKey, app: appOf(mod?.resource, 'field-editor'), fieldId: host.emulator.jira.field(moduleKey)?.id ?? null };
  };
  return {
    issuePanel: first('jira:issuePanel', 'sla-issue-panel', 'issue-panel'),
    issueContext: first('jira:issueContext', 'sla-issue-context', 'issue-panel'),
    adminPage: first('jira:adminPage', 'sla-admin', 'admin'),
    projectPage: first('jira:projectPage', 'sla-project-reports', 'reports'),
    fieldEditors: { package: editor('sla-service-package'), priority: editor('sla-priority') },
    gadget: first('jira:dashboardGadget', 'sla-dashboard-gadget', 'gadget'),
    portal: first('jiraServiceManagement:portalRequestDetail', 'sla-portal-request', 'portal'),
  };
}


const transpiled = new Map<string, { mtimeMs: number; js: string }>();

/** The page's own TypeScript, transpiled on request (no build step for the host page). */
function pageScript(name: string): string {
  const file = join(PAGE_DIR, `${name}.ts`);
  const mtimeMs = statSync(file).mtimeMs;
  const cached = transpiled.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.js;
  const out = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, removeComments: false },
    fileName: file,
  });
  transpiled.set(file, { mtimeMs, js: out.outputText });
  return out.outputText;
}

let tokensCss: string | null = null;
function designTokensCss(): string {
  if (tokensCss) return tokensCss;
  const parts = ['atlassian-light', 'atlassian-dark'].map((theme) => {
    // The token package ships each theme as a JS module whose default export is CSS text.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(`@atlaskit/tokens/dist/cjs/artifacts/themes/${theme}.js`) as { default: unknown };
    return typeof mod.default === 'string' ? mod.default : '';
  });
  tokensCss = parts.join('\n');
  return tokensCss;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, JSON.stringify(body ?? null));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  return JSON.parse(text) as unknown;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** A stable code and its values, so the page can say it in the user's language. */
    readonly code?: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
  }
}

function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

export function createHostServer(host: LocalHost, info: ServerInfo): Server {
  const em = host.emulator;
  const jira = em.jira;
  const token = randomBytes(24).toString('base64url');
  let server: Server | null = null;

  /** The Host the request names, when it is this server under a loopback name; else null. */
  const ownHost = (req: IncomingMessage): string | null => {
    const address = server?.address();
    const port = address && typeof address === 'object' ? (address as AddressInfo).port : null;
    const h = (req.headers.host ?? '').toLowerCase();
    if (port === null) return null;
    return [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`].includes(h) ? h : null;
  };

  /** Refuses what another origin (or a rebound DNS name) sends; the page's own requests pass. */
  const guard = (req: IncomingMessage, path: string, method: string): void => {
    const hostName = ownHost(req);
    if (hostName === null) throw new HttpError(421, `Host ${JSON.stringify(req.headers.host ?? '')} is not this local host; open it as http://localhost:PORT/`);
    const origin = req.headers.origin;
    // Browsers send Origin on every POST and on cross-origin GETs; tools (curl, node) send none.
    if (origin !== undefined && origin !== `http://${hostName}`) throw new HttpError(403, `Origin ${origin} may not call the local host`);
    if (!path.startsWith('/__local/')) return;
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new HttpError(403, `a ${site} request may not call the local host`);
    if (method === 'POST' && !/^application\/json(\s*;.*)?$/i.test(req.headers['content-type'] ?? '')) {
      throw new HttpError(415, 'content-type: expected application/json');
    }
    const sent = req.headers[TOKEN_HEADER];
    const given = Buffer.from(typeof sent === 'string' ? sent : '');
    const want = Buffer.from(token);
    if (given.length !== want.length || !timingSafeEqual(given, want)) {
      throw new HttpError(403, `${TOKEN_HEADER}: missing or wrong; the host page sends the token it was served with (reload the page after a restart)`);
    }
  };

  const state = (q: URLSearchParams): HostState => {
    const user = jira.user(q.get('user') ?? '') ?? jira.users.find((u) => u.role === 'agent') ?? jira.users[0];
    const wanted = q.get('project');
    const projectKey = wanted && jira.project(wanted) ? wanted : (jira.projects[0]?.key ?? '');
    // An issue from another project (the user switched projects) is not shown.
    const issueKey = q.get('issue')?.toUpperCase().startsWith(`${projectKey}-`) ? q.get('issue') : null;
    return {
      ready: info.readiness?.ready ?? true,
      preparing: info.readiness?.message ?? '',
      now: host.clock.now(),
      dataPath: info.dataPath,
      users: jira.users,
      user: user ?? null,
      projects: jira.projects,
      project: projectKey,
      queue: user ? host.queue(projectKey, user.accountId) : [],
      issue: user && issueKey ? host.issueView(issueKey, user.accountId) : null,
      statuses: jira.statuses,
      modules: hostModules(host),
      // The dashboard's one Reglament gadget and the configuration Jira keeps for it.
      gadget: { dashboardId: LOCAL_DASHBOARD, itemId: LOCAL_GADGET, configuration: jira.gadgetConfiguration(LOCAL_DASHBOARD, LOCAL_GADGET) },
      // The rule runner's choice: the manifest's Automation actions and their inputs.
      // `form`: the static app of its configuration form (config.resource), which the rule editor shows.
      automationActions: (em.manifest.automationActions ?? []).map((a) => {
        const path = a.configResource ? em.manifest.resources[a.configResource] : undefined;
        const form = path ? (/static\/([^/]+)/.exec(path)?.[1] ?? null) : null;
        return { key: a.key, name: a.name, inputs: a.inputs, form };
      }),
      faults: em.faults.options ?? null,
      cloudId: jira.cloudId,
      siteUrl: jira.siteUrl,
      appId: em.manifest.appId,
      pendingEvents: em.queue.pending().length,
    };
  };

  const act = async (a: z.infer<typeof actionRequestSchema>): Promise<{ key?: string } | null> => {
    const user = jira.user(a.as);
    if (!user) throw new HttpError(400, `as: unknown user ${a.as}`);
    const customer = user.role === 'customer';
    if (a.kind === 'create') {
      const r = await em.actions.createIssue({
        projectKey: a.projectKey,
        summary: a.summary,
        reporter: user.accountId,
        ...(a.description ? { description: a.description } : {}),
        ...(a.package ? { package: a.package } : {}),
        ...(a.priority ? { priority: a.priority } : {}),
      });
      return { key: r.key };
    }
    const issue = jira.issue(a.key);
    if (!issue || !jira.hasIssue({ kind: 'user', accountId: user.accountId }, 'BROWSE_PROJECTS', issue)) throw new HttpError(404, `${a.key}: no such request for ${user.displayName}`, 'noSuchRequest', { key: a.key, user: user.displayName });
    if (a.kind === 'comment') {
      if (customer && a.internal) throw new HttpError(403, 'customers cannot add internal notes', 'customerInternal');
      await em.actions.comment(a.key, { author: user.accountId, body: a.body, internal: a.internal === true });
      return null;
    }
    if (customer) throw new HttpError(403, `${user.displayName} is a customer and cannot ${a.kind === 'transition' ? 'change the status' : 'edit fields'}`, 'customerCannot', { user: user.displayName });
    if (a.kind === 'transition') await em.actions.transition(a.key, a.status, user.accountId);
    else await em.actions.setField(a.key, a.field, a.value, user.accountId);
    return null;
  };

  /** The POST endpoints of the contract (local/contract.ts), each parsing its request with the contract's schema. */
  const endpoints: { [P in LocalPostPath]: (body: unknown) => Promise<LocalResponse<P>> } = {
    '/__local/invoke': async (body) => {
      const b = parse(invokeRequestSchema, body);
      return host.exclusive(async () => {
        const r = await em.invokeResolver(b.functionKey, b.payload ?? {}, {
          accountId: b.context.accountId,
          moduleKey: b.context.moduleKey,
          extension: b.context.extension as ExtensionContext,
          ...(b.context.locale ? { locale: b.context.locale } : {}),
          ...(b.context.timezone ? { timezone: b.context.timezone } : {}),
        });
        await host.settle();
        return r ?? null;
      });
    },
    '/__local/action': async (body) => {
      const a = parse(actionRequestSchema, body);
      return host.exclusive(async () => {
        const r = await act(a);
        await host.settle();
        return { ok: true as const, result: r };
      });
    },
    '/__local/time': async (body) => {
      const t = parse(timeRequestSchema, body);
      return host.exclusive(async () => {
        // Time stands still during a jump, so sweeps land on their boundaries exactly.
        const wasRunning = host.clock.running;
        host.clock.freeze();
        try {
          const now = host.clock.now();
          const working = t.op === 'workingHour' ? await host.nextWorkingHour(t.projectKey) : null;
          const target = (): number => {
            switch (t.op) {
              case 'workingHour':
                return working!.to;
              case 'hour':
                return now + 3_600_000;
              case 'day':
                return now + 86_400_000;
              case 'toLocal':
                return fromZonedTime(t.local, t.timeZone).getTime();
              case 'to':
                return Date.parse(t.to);
            }
          };
          const to = target();
          if (to < now) {
            const zone = t.op === 'toLocal' ? t.timeZone : 'UTC';
            const fmt = (ms: number): string => formatInTimeZone(ms, zone, 'yyyy-MM-dd HH:mm');
            throw new HttpError(400, `${t.op === 'toLocal' ? 'local' : 'to'}: ${fmt(to)} is before the simulated now ${fmt(now)} (${zone}); simulated time only moves forward`, 'timeBackwards', { to, now });
          }
          return { ...(await host.advanceTo(to)), ...(working ? { calendar: working.calendar, calendarNames: working.calendarNames } : {}) };
        } finally {
          if (wasRunning) host.clock.run();
        }
      });
    },
    '/__local/jql': async (body) => {
      // The JQL box: the query as Jira runs it, the app's JQL functions replaced by their answers.
      const b = parse(jqlRequestSchema, body);
      return host.exclusive(async () => {
        const expanded = await em.expandJql(b.jql, b.as).catch(() => null);
        const r = await em.searchKeys(b.jql, b.as);
        return r.ok ? { ok: true as const, keys: r.keys, expanded } : { ok: false as const, error: r.error };
      });
    },
    '/__local/automation': async (body) => {
      // The rule runner: one of the app's Automation actions, as a rule step on one issue.
      const b = parse(automationRequestSchema, body);
      if (b.as !== undefined && !jira.user(b.as)) throw new HttpError(400, `as: unknown user ${b.as}`);
      return host.exclusive(async () => {
        const entry = await em.runAutomationAction(b.action, b.inputs, { ...(b.issueKey ? { issueKey: b.issueKey } : {}), ...(b.as ? { actor: b.as } : {}) }).catch((e: unknown) => {
          throw new HttpError(400, e instanceof Error ? e.message : String(e));
        });
        await host.settle();
        return entry;
      });
    },
    '/__local/sweep': async (body) => {
      parse(sweepRequestSchema, body);
      return host.exclusive(async () => {
        const r = await em.runSweep();
        await host.settle();
        return { result: r ?? null };
      });
    },
    '/__local/gadget': async (body) => {
      const b = parse(gadgetRequestSchema, body);
      jira.setGadgetConfiguration(b.dashboardId, b.itemId, b.configuration);
      return { configuration: jira.gadgetConfiguration(b.dashboardId, b.itemId) };
    },
    '/__local/faults': async (body) => {
      const f = parse(faultsRequestSchema, body);
      em.setFaults(f && f.rate > 0 ? f : undefined);
      return { faults: em.faults.options ?? null };
    },
    '/__local/jira': async (body) => {
      // @forge/bridge requestJira: always as the current user.
      const b = parse(jiraRequestSchema, body);
      if (b.accountId === APP_ACCOUNT_ID) throw new HttpError(403, 'the UI cannot act as the app');
      const r = jira.handle(b.method, b.restPath, b.body, { kind: 'user', accountId: b.accountId });
      return { status: r.status, statusText: '', headers: { 'content-type': 'application/json' }, body: r.body === undefined ? '' : JSON.stringify(r.body) };
    },
  };

  const api = async (method: string, path: string, q: URLSearchParams, req: IncomingMessage): Promise<unknown> => {
    if (method === 'GET' && path === '/__local/state') return state(q);
    if (method !== 'POST') throw new HttpError(405, `${method} ${path} is not allowed`);
    if (info.readiness && !info.readiness.ready) throw new HttpError(503, info.readiness.message || 'the local host is still starting');
    if (!Object.hasOwn(endpoints, path)) throw new HttpError(404, `no endpoint ${path}`);
    const body = await readBody(req).catch(() => {
      throw new HttpError(400, 'body: not JSON');
    });
    return endpoints[path as LocalPostPath](body);
  };

  const serveFile = (res: ServerResponse, file: string, transform?: (text: string) => string): void => {
    if (!existsSync(file) || !statSync(file).isFile()) {
      send(res, 404, `not found: ${file.replace(REPO_ROOT, '')}`, 'text/plain; charset=utf-8');
      return;
    }
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    if (transform) send(res, 200, transform(readFileSync(file, 'utf8')), type);
    else send(res, 200, readFileSync(file), type);
  };

  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    void (async () => {
      try {
        guard(req, path, method);
        if (path.startsWith('/__local/')) {
          sendJson(res, 200, await api(method, path, url.searchParams, req));
          return;
        }
        if (path === '/' || path === '/index.html') {
          return serveFile(res, join(PAGE_DIR, 'index.html'), (html) => html.replace(/<head>/i, `<head><meta name="${TOKEN_META}" content="${token}" />`));
        }
        if (path === '/host.css') return serveFile(res, join(PAGE_DIR, 'host.css'));
        // The page's modules (local/page/*.ts), each transpiled on request; the shim is served below.
        const script = /^\/([a-z][a-z-]*)\.js$/.exec(path);
        if (script && script[1] !== 'bridge-shim' && existsSync(join(PAGE_DIR, `${script[1]!}.ts`))) return send(res, 200, pageScript(script[1]!), MIME['.js']);
        // Loaded as a classic script so it runs before the bundle's module script: no export.
        if (path === '/bridge-shim.js') return send(res, 200, pageScript('bridge-shim').replace(/^export \{\};?\s*$/m, ''), MIME['.js']);
        if (path === '/tokens.css') return send(res, 200, designTokensCss(), MIME['.css']);
        const m = /^\/app\/([a-z0-9-]+)\/(.*)$/.exec(path);
        if (m) {
          const buildDir = join(REPO_ROOT, 'static', m[1]!, 'build');
          const rel = normalize(m[2] === '' ? 'index.html' : m[2]!);
          if (rel.startsWith('..')) return send(res, 400, 'bad path', 'text/plain');
          const file = join(buildDir, rel);
          if (rel === 'index.html') {
            // The bridge must exist before the bundle imports @forge/bridge (FORGE.md §4.1).
            return serveFile(res, file, (html) => html.replace(/<head>/i, '<head><script src="/bridge-shim.js"></script>'));
          }
          return serveFile(res, file);
        }
        send(res, 404, 'not found', 'text/plain');
      } catch (e) {
        const status = e instanceof HttpError ? e.status : 500;
        const message = e instanceof Error ? e.message : String(e);
        if (status === 500) console.error(e);
        const body: ErrorBody = { error: message, ...(e instanceof HttpError && e.code ? { code: e.code, params: e.params ?? {} } : {}) };
        if (!res.headersSent) sendJson(res, status, body);
      }
    })();
  });
  return server;
}
