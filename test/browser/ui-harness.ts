// Shared pieces of the UI browser tests: Debian Chromium through playwright-core, a tiny static
// server for static/<app>/build, a `window.__bridge` whose calls are answered in Node (so tests
// drive the real bundles with resolvers they control), axe-core, and the UI metrics file.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';
import { createDevBridge, type DevBridgeOptions } from '../../static/shared/dev-bridge';

/**
 * The little of the DOM the evaluate callbacks use. The root tsconfig deliberately has no DOM lib
 * (src/domain must not see one), so callbacks cast `globalThis` to this; the cast is erased.
 */
export interface BrowserGlobals {
  document: {
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
    activeElement: unknown;
    body: unknown;
  };
  getComputedStyle(el: unknown): { backgroundColor: string };
  performance: { getEntriesByName(name: string): Array<{ startTime: number }> };
}

export const REPO = resolve(__dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

/**
 * True when the browser tests can run. Without Chromium they are skipped with a loud warning,
 * except in CI (CI=true), where a missing browser is a failure.
 */
export function browserAvailable(suite: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  const msg = `${suite}: ${CHROMIUM} is missing (apt-get install chromium); the UI browser tests did NOT run`;
  if (process.env.CI === 'true') throw new Error(msg);
  console.warn(`\n\n*** SKIPPED *** ${msg}\n\n`);
  return false;
}

export function missingBuilds(apps: readonly string[]): string[] {
  return apps.filter((a) => !existsSync(join(REPO, 'static', a, 'build', 'index.html')));
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

const MIME: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/** Serves static/<app>/build at /app/<app>/ with Forge-like CSP (no inline styles or scripts). */
export async function serveBuilds(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const m = /^\/app\/([a-z-]+)\/(.*)$/.exec(path);
    const rel = m ? normalize(m[2] || 'index.html') : '';
    const file = m && !rel.startsWith('..') ? join(REPO, 'static', m[1] ?? '', 'build', rel) : '';
    if (!file || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      // What Forge enforces on Custom UI by default: resources from the app's own origin only.
      'content-security-policy': "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:",
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export interface FakeHost {
  /** Fires a frontend event (JIRA_ISSUE_CHANGED) in the page. */
  emit: (event: string, payload?: unknown) => Promise<void>;
  calls: Array<{ name: string; payload: unknown }>;
  submitted: unknown[];
}

export type BridgeHandler = (name: string, payload: unknown) => Promise<unknown>;

/**
 * Installs `window.__bridge` in every page the browser opens: `events.on` is kept in the page
 * (callbacks cannot cross to Node), every other call is answered in Node by `handler`, or by the
 * dev bridge when given resolver functions. The local host's own shim, if the server injects
 * one, is replaced so the test decides who the user is.
 */
export async function installBridge(page: Page, opts: DevBridgeOptions | { handler: BridgeHandler }): Promise<FakeHost> {
  const dev = 'handler' in opts ? null : createDevBridge(opts);
  const calls: Array<{ name: string; payload: unknown }> = dev ? dev.calls : [];
  const handler: BridgeHandler = dev ? dev.callBridge : async (name, payload) => {
    calls.push({ name, payload });
    return (opts as { handler: BridgeHandler }).handler(name, payload);
  };
  await page.route('**/bridge-shim.js', (route) => route.fulfill({ contentType: 'text/javascript', body: '/* replaced by the test bridge */' }));
  await page.exposeFunction('__devBridgeCall', (name: string, payload: unknown) => handler(name, payload));
  // A string, not a function: transpilers that add helpers to functions (esbuild's keepNames
  // under tsx) would break a serialized function inside the page.
  await page.addInitScript(`
    (() => {
      const listeners = new Map();
      window.__fakeListeners = listeners;
      window.__bridge = {
        callBridge: async (name, payload) => {
          if (name === 'on' && payload && payload.event && payload.callback) {
            const set = listeners.get(payload.event) || new Set();
            set.add(payload.callback);
            listeners.set(payload.event, set);
            const cb = payload.callback;
            return { unsubscribe: () => set.delete(cb) };
          }
          return window.__devBridgeCall(name, payload === undefined ? null : payload);
        },
      };
    })();
  `);
  return {
    calls,
    submitted: dev ? dev.submitted : [],
    emit: async (event, payload) => {
      await page.evaluate(
        ([e, p]) => {
          const w = globalThis as unknown as { __fakeListeners: Map<string, Set<(x: unknown) => unknown>> };
          for (const cb of w.__fakeListeners.get(e as string) ?? []) cb(p);
        },
        [event, payload] as const,
      );
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** Runs axe-core in a page or frame and returns the serious and critical violations. */
export async function seriousViolations(target: Page | Frame): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol rather than a <script> tag, which the CSP would block.
  await target.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await target.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run((globalThis as unknown as BrowserGlobals).document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === (globalThis as unknown as BrowserGlobals).document.activeElement);
}

/** Presses Tab until `target` has the focus (at most `max` times); true when it got there. */
export async function tabTo(page: Page, target: Locator, max = 40): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return true;
    await page.keyboard.press('Tab');
  }
  return isFocused(target);
}
