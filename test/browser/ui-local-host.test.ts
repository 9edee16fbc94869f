// The Custom UI apps on the real local host (`local/`, the real resolvers, triggers and queue
// on the Jira emulator): an admin configures the site from the altec template, agents watch the
// panel count down in both languages and themes, a customer is refused the admin page and its
// resolvers. The bridge is the test's own (who the user is, which module), talking to the host's
// /__local/invoke exactly as the host page's shim does.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { writeUiMetrics } from '../../scripts/bundle-size';
import { compileCalendar, isWorking, nextWorkingStart, CALENDAR_PRESETS } from '../../src/domain/calendar';
import { RESOLVERS, type ResolverName } from '../../src/shared/contract';
import { start } from '../../local/main';
import { REPO, browserAvailable, installBridge, launchBrowser, missingBuilds, seriousViolations, tabTo, type BridgeHandler, type BrowserGlobals, type FakeHost } from './ui-harness';
import { localGet, localPost } from './local-token';

const APPS = ['issue-panel', 'admin', 'field-editor'];
const buildsMissing = missingBuilds(APPS);
if (buildsMissing.length > 0) {
  const msg = `ui-local-host: ${buildsMissing.map((a) => `static/${a}/build`).join(', ')} missing; run \`npm run build\` first`;
  if (process.env.CI === 'true') throw new Error(msg);
  console.warn(`\n\n*** SKIPPED *** ${msg}\n\n`);
}
const describeIf = browserAvailable('ui-local-host') && buildsMissing.length === 0 ? describe : describe.skip;

const ADMIN = '557058:admin-anna';
const AGENT_EN = '557058:agent-maria';
const AGENT_RU = '557058:agent-ivan';
const CUSTOMER = 'qm:customer-romashka';
const SCREENSHOTS = join(REPO, 'docs', 'screenshots');
const H = 3_600_000;

jest.setTimeout(120_000);

describeIf('Custom UI on the local host', () => {
  let browser: Browser;
  let host: { url: string; close: () => Promise<void> };
  let base: string;
  let dataDir: string;

  const post = async <T,>(path: string, body: unknown): Promise<T> => {
    const res = await localPost(base, path, body);
    const json = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new Error(`${path}: ${json.error ?? res.status}`);
    return json;
  };

  interface As {
    accountId: string;
    lang: 'en' | 'ru';
    module: 'panel' | 'context' | 'admin' | 'priority';
    colorMode?: 'light' | 'dark';
    issueKey?: string;
  }

  function moduleOf(as: As): { moduleKey: string; extension: Record<string, unknown> } {
    const issue = as.issueKey ? { issue: { id: as.issueKey, key: as.issueKey, type: 'Task', typeId: '10002' }, project: { id: '10000', key: 'SUP', type: 'service_desk' } } : {};
    switch (as.module) {
      case 'panel':
        return { moduleKey: 'sla-issue-panel', extension: { type: 'jira:issuePanel', ...issue } };
      case 'context':
        return { moduleKey: 'sla-issue-context', extension: { type: 'jira:issueContext', ...issue } };
      case 'priority':
        return { moduleKey: 'sla-priority', extension: { type: 'jira:customField', fieldType: 'object', fieldValue: null, ...issue } };
      case 'admin':
        return { moduleKey: 'sla-admin', extension: { type: 'jira:adminPage' } };
    }
  }

  /** What the host page's shim does for a frame: the invoking user, module and locale travel with every call. */
  function bridgeAs(as: As): BridgeHandler {
    const { moduleKey, extension } = moduleOf(as);
    const locale = as.lang === 'ru' ? 'ru-RU' : 'en-US';
    return async (name, payload) => {
      const p = (payload ?? {}) as Record<string, unknown>;
      switch (name) {
        case 'invoke':
          return post('/__local/invoke', { functionKey: p.functionKey, payload: p.payload ?? {}, context: { accountId: as.accountId, moduleKey, extension, locale, timezone: 'Europe/Moscow' } });
        case 'getContext':
          return { accountId: as.accountId, locale, timezone: 'Europe/Moscow', moduleKey, extension, theme: { colorMode: as.colorMode ?? 'light' }, environmentType: 'DEVELOPMENT', environmentId: 'local-env' };
        case 'enableTheming':
        case 'emitReadyEvent':
        case 'close':
          return undefined;
        case 'submit':
          return true;
        default:
          throw new Error(`test bridge: ${name} is not emulated`);
      }
    };
  }

  async function openApp(as: As, app: string, viewport = { width: 600, height: 900 }): Promise<{ page: Page; bridge: FakeHost }> {
    const page = await browser.newPage({ viewport });
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => console.error(`${app} page error:`, e.message));
    const bridge = await installBridge(page, { handler: bridgeAs(as) });
    await page.goto(`${base}/app/${app}/index.html`);
    return { page, bridge };
  }

  const createRequest = (summary: string) =>
    post<{ result: { key: string } }>('/__local/action', { kind: 'create', as: CUSTOMER, projectKey: 'SUP', summary }).then((r) => r.result.key);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'reglament-ui-'));
    host = await start({ port: 0, dataDir, reset: true, demo: false, log: () => {} });
    base = host.url.replace(/\/$/, '');
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Move simulated time an hour into the next working period of the altec calendar, so the
    // clocks of new requests count in real time while the test watches.
    const state = await localGet<{ now: number }>(base, '/__local/state');
    // The start of a working period, not just a working instant: from one late in a period, an hour
    // on would be after hours (the test failed when run in the last hour of a working day).
    const cal = compileCalendar(CALENDAR_PRESETS.altec);
    let t = state.now + 2 * H;
    while (isWorking(cal, t)) t += 15 * 60_000;
    const opens = nextWorkingStart(cal, t);
    await post('/__local/time', { op: 'to', to: new Date(opens + H).toISOString() });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a customer the admin page and every admin resolver', async () => {
    const { page } = await openApp({ accountId: CUSTOMER, lang: 'en', module: 'admin' }, 'admin', { width: 1100, height: 700 });
    const msg = page.locator('[data-error-code="FORBIDDEN"]');
    await msg.waitFor();
    expect(await msg.innerText()).toMatch(/Only Jira administrators/);
    expect(await page.locator('select, input, textarea').count()).toBe(0);
    await page.close();

    const admin: ResolverName[] = ['getAdminState', 'validateConfig', 'saveConfig', 'applyTemplate', 'listVersions', 'restoreVersion', 'getRecomputeProgress', 'previewCalendar', 'importCalendar', 'listJiraStatuses', 'previewImpact'];
    const payloads: Partial<Record<ResolverName, unknown>> = {
      validateConfig: { config: {} },
      saveConfig: { config: {}, baseVersion: null },
      applyTemplate: { templateId: 'altec' },
      restoreVersion: { version: 1 },
      previewCalendar: { calendar: CALENDAR_PRESETS.altec },
      previewImpact: { config: {} },
      importCalendar: { format: 'csv', text: 'x' },
    };
    for (const name of admin) {
      const r = await post<{ ok: boolean; error?: { code: string } }>('/__local/invoke', {
        functionKey: RESOLVERS[name],
        payload: payloads[name] ?? {},
        context: { accountId: CUSTOMER, moduleKey: 'sla-admin', extension: { type: 'jira:adminPage' } },
      });
      expect({ name, ok: r.ok, code: r.error?.code }).toEqual({ name, ok: false, code: 'FORBIDDEN' });
    }
  });

  it('lets an admin apply the altec template, edit a goal, see a bad interval, save and watch the recompute finish', async () => {
    for (let i = 1; i <= 3; i++) await createRequest(`Before configuration #${i}`);
    const { page } = await openApp({ accountId: ADMIN, lang: 'en', module: 'admin' }, 'admin', { width: 1200, height: 1000 });
    await page.getByText(/Nothing is configured for this scope yet/).waitFor();
    await page.getByLabel('Template', { exact: true }).selectOption('altec');
    expect(await page.locator('.regulation').innerText()).toContain('Optima Win 8.X Favorite Exprof');
    await page.getByRole('button', { name: 'Apply template' }).click();
    await page.getByText(/is in the draft/).waitFor();

    // The live preview and an imported production calendar (xmlcalendar.ru format).
    await page.locator('.sample-due li').filter({ hasText: /^A request arriving now with goal 30 minutes is due / }).waitFor();
    await page.getByLabel('Calendar file').setInputFiles(join(REPO, 'test', 'fixtures', 'calendar', 'ru-2027.xml'));
    const imported = page.getByTestId('import-preview');
    await imported.waitFor();
    expect(await imported.innerText()).toMatch(/XML: years 2027; \d+ holidays/);
    await imported.getByRole('button', { name: 'Use these years' }).click();
    await imported.getByRole('button', { name: 'Added to the draft' }).waitFor();
    const preview2027 = page.getByTestId('calendar-preview').locator('tr', { hasText: '2027' });
    expect(await preview2027.innerText()).toMatch(/2027\s+\d+\s+[\d.]+\s+\d+ days, \d+ h/);

    await page.getByLabel('Resolution goal for Priority 2', { exact: true }).fill('12h');
    const mondayEnd = page.getByLabel('Monday, interval 1: end', { exact: true });
    await mondayEnd.fill('08:30');
    await page.locator('tr[data-day="mon"] .field-error').filter({ hasText: /08:30/ }).waitFor();
    expect(await mondayEnd.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Nothing was saved|problems to fix/).first().waitFor();
    expect(await page.locator('.scope-version').innerText()).toMatch(/Not saved yet/);

    await mondayEnd.fill('18:00');
    await page.getByText('Unsaved changes; no problems found.').waitFor();
    // The impact preview computes the site's open requests with the draft before anything is saved.
    await page.getByRole('button', { name: 'Preview the impact' }).click();
    await page.locator('.impact__result [role="status"]').filter({ hasText: /open requests read|changes no running clock/ }).waitFor();
    await page.getByLabel('Comment for this version (optional)').fill('altec with a 12h P2 resolution');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved as version 1.').waitFor();
    await page.locator('[data-progress-state="done"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-progress-state="done"] [role="status"]').innerText()).toMatch(/All \d+ open requests recomputed/);
    const row = page.locator('table.versions tr[data-version="1"]');
    expect(await row.innerText()).toContain('altec with a 12h P2 resolution');

    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, 'admin.png') });
    await page.close();
  });

  it('shows an agent the reaction clock counting down in English, with the first render measured', async () => {
    const key = await createRequest('Программа не запускается после обновления');
    const { page, bridge } = await openApp({ accountId: AGENT_EN, lang: 'en', module: 'panel', issueKey: key }, 'issue-panel');
    const row = page.locator('[data-clock="reaction"]');
    await row.waitFor();
    const marks = () =>
      page.evaluate(() => ['reglament:first-clock-row', 'reglament:data'].map((n) => (globalThis as unknown as BrowserGlobals).performance.getEntriesByName(n)[0]?.startTime ?? null));
    const [coldMs] = await marks();
    expect(coldMs).not.toBeNull();
    // Again with the server and the browser cache warm, as an agent opening the next request;
    // the median of five loads, as the machine may be busy with other work.
    const warm: Array<[number, number]> = [];
    for (let i = 0; i < 5; i++) {
      await page.reload();
      await row.waitFor();
      const [r, d] = await marks();
      expect(r).not.toBeNull();
      warm.push([r ?? 0, d ?? 0]);
    }
    warm.sort((a, b) => a[0] - b[0]);
    const [firstRenderMs, dataMs] = warm[2] ?? [null, null];
    // Reported, never asserted: timings go to `npm run bench` (the issue's target is 300 ms).
    writeUiMetrics({
      panelFirstRenderMs: Math.round(firstRenderMs ?? 0),
      panelDataArrivedMs: Math.round(dataMs ?? 0),
      panelFirstRenderColdMs: Math.round(coldMs ?? 0),
      panelFirstRenderSource: 'local host, real resolvers; navigation start to the first clock row, median of 5 warm loads (cold: first page after the server started)',
    });

    const before = await row.locator('.clock__countdown').innerText();
    expect(before).toMatch(/of working time left$/);
    const left = Number(await row.getAttribute('data-remaining-ms'));
    await page.waitForFunction((l) => Number((globalThis as unknown as BrowserGlobals).document.querySelector('[data-clock="reaction"]')?.getAttribute('data-remaining-ms')) < l - 1000, left);
    expect(await row.locator('.clock__countdown').innerText()).not.toBe(before);
    // One call per page load (six loads here): the countdown itself never calls the backend.
    expect(bridge.calls.filter((c) => c.name === 'invoke')).toHaveLength(6);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'panel-light.png'), fullPage: true });
    await page.close();
  });

  it('shows the same countdown in Russian and in the dark theme', async () => {
    const key = await createRequest('Не приходят уведомления');
    const { page } = await openApp({ accountId: AGENT_RU, lang: 'ru', module: 'panel', issueKey: key, colorMode: 'dark' }, 'issue-panel');
    const row = page.locator('[data-clock="reaction"]');
    await row.waitFor();
    expect(await row.locator('.clock__countdown').innerText()).toMatch(/^осталось .+ рабочего времени$/);
    expect(await page.locator('html').getAttribute('data-color-mode')).toBe('dark');
    const left = Number(await row.getAttribute('data-remaining-ms'));
    await page.waitForFunction((l) => Number((globalThis as unknown as BrowserGlobals).document.querySelector('[data-clock="reaction"]')?.getAttribute('data-remaining-ms')) < l - 1000, left);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'panel-dark.png'), fullPage: true });
    await page.close();
  });

  it('gives the issue context a badge with the most urgent clock', async () => {
    const key = await createRequest('Badge');
    const { page } = await openApp({ accountId: AGENT_EN, lang: 'en', module: 'context', issueKey: key }, 'issue-panel', { width: 320, height: 400 });
    const badge = page.locator('[data-badge]');
    await badge.waitFor();
    expect(await badge.getAttribute('data-badge')).toMatch(/^\d+h( \d+m)?$|^\d+m$/);
    await page.close();
  });

  it('offers an agent the priorities with their definitions and submits the choice from the keyboard', async () => {
    const key = await createRequest('Priority');
    const { page, bridge } = await openApp({ accountId: AGENT_EN, lang: 'en', module: 'priority', issueKey: key }, 'field-editor', { width: 600, height: 700 });
    const first = page.getByRole('radio', { name: /^Priority 1/ });
    await first.waitFor();
    expect(await page.locator('.option__desc').first().innerText()).toMatch(/completely inoperable/);
    // A radio group takes one Tab stop, on its checked radio ("Not set"); arrows move the choice.
    expect(await tabTo(page, page.getByRole('radio', { name: 'Not set' }))).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await first.isChecked()).toBe(true);
    expect(await tabTo(page, page.getByRole('button', { name: 'Save' }))).toBe(true);
    await page.keyboard.press('Enter');
    for (let i = 0; i < 50 && !bridge.calls.some((c) => c.name === 'submit'); i++) await page.waitForTimeout(100);
    // The field is an object: the id for the engine and JQL, the name (viewer's language) for Jira's formatter.
    expect(bridge.calls.filter((c) => c.name === 'submit').map((c) => c.payload)).toEqual([{ id: '1', name: 'Priority 1' }]);
    await page.close();
  });
});
