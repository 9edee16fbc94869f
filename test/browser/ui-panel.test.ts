// The issue panel and the issue-context badge, real bundles in Debian Chromium, driven through a
// fake `window.__bridge` whose resolvers the test controls (the local-host suite runs them on the
// real backend). Served with Forge's default CSP, so an inline style would show up as an error.
import type { Browser, Page } from 'playwright-core';
import type { Envelope, IssueSlaView } from '../../src/shared/contract';
import { writeUiMetrics } from '../../scripts/bundle-size';
import { warning } from '../../src/domain/sla';
import { countingView, nightView } from './ui-fixtures';
import { browserAvailable, tabTo, type BrowserGlobals, installBridge, launchBrowser, missingBuilds, seriousViolations, serveBuilds, type FakeHost } from './ui-harness';

const run = browserAvailable('ui-panel') && missingBuilds(['issue-panel']).length === 0;
if (!run && missingBuilds(['issue-panel']).length > 0) {
  const msg = 'ui-panel: static/issue-panel/build is missing; run `npm run build` first';
  if (process.env.CI === 'true') throw new Error(msg);
  console.warn(`\n\n*** SKIPPED *** ${msg}\n\n`);
}
jest.setTimeout(60_000);

const describeIf = run ? describe : describe.skip;

describeIf('issue panel in the browser', () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  const cspErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await serveBuilds();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  interface Opened {
    page: Page;
    host: FakeHost;
    setView: (v: Envelope<IssueSlaView>) => void;
  }

  async function open(opts: { locale?: string; colorMode?: 'light' | 'dark'; module?: 'panel' | 'context'; view?: Envelope<IssueSlaView>; timezone?: string }): Promise<Opened> {
    const page = await browser.newPage({ viewport: { width: 560, height: 900 } });
    page.setDefaultTimeout(15_000);
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    let current: Envelope<IssueSlaView> = opts.view ?? { ok: true, data: countingView(Date.now()) };
    const context = opts.module === 'context';
    const host = await installBridge(page, {
      context: {
        accountId: 'agent-1',
        locale: opts.locale ?? 'en_US',
        timezone: opts.timezone ?? 'Europe/Moscow',
        moduleKey: context ? 'sla-issue-context' : 'sla-issue-panel',
        theme: { colorMode: opts.colorMode ?? 'light' },
        extension: { type: context ? 'jira:issueContext' : 'jira:issuePanel', issue: { id: '10001', key: 'SUP-1' }, project: { id: '10000', key: 'SUP' } },
      },
      resolvers: { getIssueSla: () => current },
    });
    await page.goto(`${server.url}/app/issue-panel/`);
    return { page, host, setView: (v) => (current = v) };
  }

  const remaining = (page: Page) => page.locator('[data-clock="resolution"]').getAttribute('data-remaining-ms').then(Number);

  it('counts the resolution clock down in working time, in English, without calling the backend', async () => {
    const { page, host } = await open({ locale: 'en_US' });
    const row = page.locator('[data-clock="resolution"]');
    await row.waitFor();
    const firstRenderMs = await page.evaluate(() => (globalThis as unknown as BrowserGlobals).performance.getEntriesByName('reglament:first-clock-row')[0]?.startTime ?? null);
    expect(firstRenderMs).not.toBeNull();
    // Kept apart from the local-host number the bench reports: here the resolvers answer at once.
    writeUiMetrics({ panelFirstRenderFakeBridgeMs: Math.round(firstRenderMs ?? 0) });

    const text1 = await row.locator('.clock__countdown').innerText();
    const left1 = await remaining(page);
    expect(text1).toMatch(/of working time left$/);
    expect(await page.locator('.facts').innerText()).toContain('Channels: Phone: (812) 320-08-88, E-mail: support@altec.ru');
    await page.waitForFunction((before) => Number((globalThis as unknown as BrowserGlobals).document.querySelector('[data-clock="resolution"]')?.getAttribute('data-remaining-ms')) < before - 1000, left1, { timeout: 10_000 });
    const text2 = await row.locator('.clock__countdown').innerText();
    expect(text2).not.toBe(text1);
    expect(await row.locator('.lozenge').innerText()).toMatch(/at risk/i);
    expect(host.calls.filter((c) => c.name === 'invoke')).toHaveLength(1);
    await page.close();
  });

  it('speaks Russian for a Russian Jira locale', async () => {
    const { page } = await open({ locale: 'ru_RU' });
    const row = page.locator('[data-clock="resolution"]');
    await row.waitFor();
    expect(await row.locator('.clock__countdown').innerText()).toMatch(/^осталось .+ рабочего времени$/);
    expect(await page.locator('[data-clock="reaction"] .lozenge').innerText()).toMatch(/выполнено/i);
    expect(await page.locator('[data-clock="followUp"] .clock__countdown').innerText()).toContain('ожидание ответа клиента');
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    expect(await page.locator('.facts').innerText()).toContain('Каналы: Телефон: (812) 320-08-88, Электронная почта: support@altec.ru');
    expect(await page.locator('[data-clock="resolution"] .clock__meta').innerText()).toContain('норматив 2 рабочих дня');
    const left = await remaining(page);
    await page.waitForFunction((before) => Number((globalThis as unknown as BrowserGlobals).document.querySelector('[data-clock="resolution"]')?.getAttribute('data-remaining-ms')) < before - 1000, left, { timeout: 10_000 });
    await page.close();
  });

  it('uses the dark design tokens when Jira is in the dark theme and still ticks', async () => {
    const { page } = await open({ colorMode: 'dark', locale: 'en_US' });
    await page.locator('[data-clock="resolution"]').waitFor();
    expect(await page.locator('html').getAttribute('data-color-mode')).toBe('dark');
    const bg = await page.evaluate(() => (globalThis as unknown as BrowserGlobals).getComputedStyle((globalThis as unknown as BrowserGlobals).document.body).backgroundColor);
    const [r = 255, g = 255, b = 255] = (bg.match(/\d+/g) ?? []).map(Number);
    expect((0.2126 * r + 0.7152 * g + 0.0722 * b) / 255).toBeLessThan(0.3);
    const left = await remaining(page);
    await page.waitForFunction((before) => Number((globalThis as unknown as BrowserGlobals).document.querySelector('[data-clock="resolution"]')?.getAttribute('data-remaining-ms')) < before - 1000, left, { timeout: 10_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('says when a clock resumes when it is outside working hours', async () => {
    const { page } = await open({ view: { ok: true, data: nightView(Date.now()) }, timezone: 'Europe/Berlin' });
    const note = page.locator('[data-clock="resolution"] .clock__note');
    await note.waitFor();
    // The viewer is in Berlin, the calendar in Moscow: both wall clocks are shown.
    expect(await note.innerText()).toMatch(/^paused: outside working hours, resumes \w{3} .+\(.+GMT\+3\)$/);
    // Not counting, so no seconds that would look stuck.
    expect(await page.locator('[data-clock="resolution"] .clock__countdown').innerText()).toMatch(/^2h 15m of working time left$/);
    const left = await remaining(page);
    await page.waitForTimeout(1500);
    expect(await remaining(page)).toBe(left);
    await page.close();
  });

  it('reloads when Jira says the issue changed', async () => {
    const { page, host, setView } = await open({});
    await page.locator('[data-clock="resolution"][data-state="atRisk"]').waitFor();
    const met = countingView(Date.now());
    const resolution = met.clocks[1];
    if (resolution) Object.assign(resolution, { state: 'met', stoppedAt: new Date().toISOString(), workingSegmentsAhead: [] });
    setView({ ok: true, data: met });
    await host.emit('JIRA_ISSUE_CHANGED', { issueId: '10001', projectId: '10000', changes: [{ changeType: 'updated', atlassianId: 'agent-1' }] });
    await page.locator('[data-clock="resolution"][data-state="met"]').waitFor({ timeout: 10_000 });
    expect(host.calls.filter((c) => c.name === 'invoke')).toHaveLength(2);
    await page.close();
  });

  it.each([
    ['NOT_CONFIGURED', /not configured yet/],
    ['UNLICENSED', /licence .* not active/],
    ['FORBIDDEN', /don't have permission/],
    ['UPSTREAM', /^Could not load the SLA: Jira is busy or did not answer in time\. Try again in a minute\.$/],
    ['INTERNAL', /^Could not load the SLA because of an error in the app\./],
  ] as const)('explains a %s answer instead of showing a blank panel', async (code, text) => {
    const { page } = await open({ view: { ok: false, error: { code, message: 'Jira is down' } } });
    const p = page.locator(`[data-error-code="${code}"]`);
    await p.waitFor();
    expect(await p.innerText()).toMatch(text);
    await page.close();
  });

  it('flags a package in effect that has since expired (without the fallback note) and the auto-close date', async () => {
    const view = countingView(Date.now());
    if (view.package) Object.assign(view.package, { validFrom: '2025-01-01', validTo: '2025-12-31', expired: true, fallback: false });
    view.autoClose = { at: '2026-12-07T18:00:00+03:00' };
    view.warnings = ['the production calendar has no data for 2028'];
    view.warningDetails = [{ code: 'other', params: {}, text: view.warnings[0]! }];
    const { page } = await open({ view: { ok: true, data: view }, locale: 'en_GB' });
    await page.locator('.facts').waitFor();
    const facts = await page.locator('.facts').innerText();
    expect(facts).toMatch(/EXPIRED/i);
    expect(facts).toContain('expired on 31 Dec 2025');
    expect(facts).not.toContain("so the default package applies");
    expect(await page.locator('.autoclose').innerText()).toMatch(/^Closes automatically Mon,? 7 Dec,? 18:00 unless the customer replies\.$/);
    expect(await page.locator('.warnings').innerText()).toContain('no data for 2028');
    await page.close();
  });

  it.each([
    ['ru_RU', 'Действует по умолчанию: поле «Пакет обслуживания» не заполнено.', 'Действует по умолчанию: поле «Приоритет SLA» не заполнено.'],
    ['en_GB', 'Applies by default: the Service package field is not set.', 'Applies by default: the SLA priority field is not set.'],
  ])('says which package and priority apply by default while the fields are not set (%s)', async (locale, pkgLine, prioLine) => {
    const view = countingView(Date.now());
    view.package = { ...view.package!, source: 'default' };
    view.priority = { ...view.priority!, source: 'default' };
    const { page } = await open({ view: { ok: true, data: view }, locale });
    await page.locator('.facts').waitFor();
    expect(await page.locator('.facts [data-source="default"]').allInnerTexts()).toEqual([pkgLine, prioLine]);
    await page.close();
  });

  it.each([
    ['ru_RU', '«Оптимальный» истёк 18.10.2026 — действует «Базовый»', 'бессрочно'],
    ['en_GB', '“Optimal” expired on 18/10/2026 — “Basic” applies', 'no end date'],
  ])('names the lapsed customer package and the default one in effect instead of flagging the default as expired (%s)', async (locale, line, unlimited) => {
    const view = countingView(Date.now());
    view.package = {
      ...view.package!,
      id: 'basic',
      name: { ru: 'Базовый', en: 'Basic' },
      validFrom: null,
      validTo: null,
      expired: false,
      fallback: true,
      lapsed: { id: 'optimal', name: { ru: 'Оптимальный', en: 'Optimal' }, validFrom: '2025-10-18', validTo: '2026-10-18', expired: true },
    };
    const { page } = await open({ view: { ok: true, data: view }, locale });
    await page.locator('.facts').waitFor();
    expect(await page.locator('.package-lapsed').innerText()).toBe(line);
    const facts = await page.locator('.facts').innerText();
    expect(facts).toContain(unlimited);
    expect(facts).not.toMatch(/ИСТЁК|EXPIRED/);
    await page.close();
  });

  it.each([
    ['ru_RU', 'Неизвестный приоритет «p9»; применяется приоритет по умолчанию «p3».'],
    ['en_GB', 'unknown priority "p9"; default priority "p3" applies'],
  ])('says the lapsed customer package once, in the package block, and keeps the other warnings (%s)', async (locale, other) => {
    const view = countingView(Date.now());
    view.package = {
      ...view.package!,
      id: 'basic',
      name: { ru: 'Базовый', en: 'Basic' },
      validFrom: null,
      validTo: null,
      expired: false,
      fallback: true,
      lapsed: { id: 'optimal', name: { ru: 'Оптимальный', en: 'Optimal' }, validFrom: '2025-10-18', validTo: '2026-10-18', expired: true },
    };
    view.warningDetails = [
      warning('packageNotValid', { package: 'optimal', customer: 'Acme', day: '2026-11-20', from: '2025-10-18', to: '2026-10-18', default: 'basic' }),
      warning('unknownPriority', { priority: 'p9', default: 'p3' }),
    ].map((w) => ({ code: w.code, params: { ...w.params }, text: w.text }));
    view.warnings = view.warningDetails.map((w) => w.text);
    const { page } = await open({ view: { ok: true, data: view }, locale });
    await page.locator('.package-lapsed').waitFor();
    expect(await page.locator('.warnings li').allInnerTexts()).toEqual([other]);
    await page.close();
  });

  it.each([
    // The resolver's English message with a REST route is never shown: the person reads what happened.
    ['ru_RU', 'SLA: ошибка', 'Не удалось загрузить SLA: Jira занята или не ответила вовремя. Повторите через минуту.'],
    ['en_US', 'SLA: error', 'Could not load the SLA: Jira is busy or did not answer in time. Try again in a minute.'],
  ])('badges a failed load with a short label and keeps the detail in a tooltip (%s)', async (locale, label, detail) => {
    const error = { ok: false as const, error: { code: 'UPSTREAM' as const, message: 'Jira kept answering 429 to GET /rest/api/3/issue/SUP-1/changelog' } };
    const badge = await open({ view: error, locale, module: 'context' });
    const lozenge = badge.page.locator('[data-error-code="UPSTREAM"]');
    await lozenge.waitFor();
    expect(await lozenge.innerText()).toBe(label);
    expect(await lozenge.getAttribute('title')).toBe(detail);
    await badge.page.close();
    // The full panel keeps the whole sentence.
    const panel = await open({ view: error, locale });
    const p = panel.page.locator('[data-error-code="UPSTREAM"]');
    await p.waitFor();
    expect(await p.innerText()).toBe(detail);
    await panel.page.close();
  });

  it('says so instead of staying blank when the host context cannot be read', async () => {
    const page = await browser.newPage();
    await installBridge(page, {
      handler: async (name) => {
        if (name === 'invoke') return { ok: false, error: { code: 'INTERNAL', message: 'no context' } };
        throw new Error('the host did not answer getContext');
      },
    });
    await page.goto(`${server.url}/app/issue-panel/`);
    const msg = page.locator('[data-error-code="HOST"]');
    await msg.waitFor();
    expect(await msg.innerText()).toBe('Could not load the SLA: Jira did not give this page its context. Reload the page.');
    expect(await msg.getAttribute('data-error-detail')).toBe('the host did not answer getContext');
    await page.close();
  });

  it('shows the most urgent clock as a compact badge in the issue context', async () => {
    const { page } = await open({ module: 'context' });
    const badge = page.locator('[data-badge]');
    await badge.waitFor();
    expect(await badge.getAttribute('data-badge')).toMatch(/^2h 1[45]m$/);
    expect(await badge.innerText()).toContain('Resolution');
    await page.close();
  });

  it('has no serious accessibility violations and works from the keyboard', async () => {
    const { page } = await open({});
    await page.locator('[data-clock="resolution"]').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const more = page.getByRole('button', { name: /Show all 9 events/ });
    expect(await tabTo(page, more)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.locator('.history__list li').count()).toBe(9);
    await page.keyboard.press('Space');
    expect(await page.locator('.history__list li').count()).toBe(6);
    await page.close();
  });

  it('needs no inline styles or scripts (Forge CSP)', () => {
    expect(cspErrors).toEqual([]);
  });
});
