// `npm start` end to end in Chromium: the local host (real app, real Custom UI bundles, emulated
// Jira) on a free port with a temporary data folder. A customer raises a request and sees the
// reaction countdown; an agent answers (reaction met) and classifies it with the field editor;
// time jumps past the resolution goal (breached); after a server restart everything is as it was.
// Saves docs/screenshots/local-host.png for the README.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { start, type Started } from '../../local/main';
import { browserAvailable, launchBrowser, missingBuilds, REPO } from './ui-harness';
import { localGet } from './local-token';

jest.setTimeout(300_000);

const APPS = ['issue-panel', 'field-editor'];
const buildsMissing = missingBuilds(APPS);
if (buildsMissing.length > 0) {
  const msg = `local-host: static/{${buildsMissing.join(',')}}/build is missing; run \`npm run build\` first`;
  if (process.env.CI === 'true') throw new Error(msg);
  console.warn(`\n\n*** SKIPPED *** ${msg}\n\n`);
}
const describeIf = browserAvailable('local-host') && buildsMissing.length === 0 ? describe : describe.skip;

const CUSTOMER = 'qm:customer-romashka';
const AGENT = '557058:agent-ivan';

describeIf('the local host in the browser', () => {
  let browser: Browser;
  let host: Started | null = null;
  let page: Page;
  const dataDir = mkdtempSync(join(tmpdir(), 'reglament-host-'));
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  let logSpy: jest.SpyInstance;

  async function boot(port = 0): Promise<void> {
    host = await start({ port, dataDir, reset: false, demo: true, log: () => undefined });
    await host.ready;
  }

  async function frame(testId: string): Promise<Frame> {
    const handle = await page.getByTestId(testId).elementHandle();
    const f = await handle?.contentFrame();
    if (!f) throw new Error(`iframe ${testId} has no content`);
    return f;
  }

  /** The panel's clock row of a kind once it shows one of the states. */
  async function clockState(kind: string, states: string[]): Promise<string> {
    const panel = await frame('frame-panel');
    const selector = states.map((s) => `li.clock[data-clock="${kind}"][data-state="${s}"]`).join(', ');
    const row = panel.locator(selector).first();
    await row.waitFor({ timeout: 30_000 });
    return (await row.getAttribute('data-state')) ?? '';
  }

  async function useAs(accountId: string): Promise<void> {
    await page.locator('#user-select').selectOption(accountId);
    await page.getByTestId('issue-key').waitFor();
  }

  beforeAll(async () => {
    logSpy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    browser = await launchBrowser();
    await boot();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'ru-RU' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Every frame's console (the host page and the app's iframes): a support lead opening the
    // developer tools should find nothing red, not even a missing favicon.
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${m.text()} (${m.location().url})`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    logSpy?.mockRestore();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs a request from creation to breach and keeps it across a restart', async () => {
    await page.goto(host!.url);
    await page.locator('#project-select').selectOption('ALTEC');
    await page.locator('#user-select').selectOption(CUSTOMER);
    await page.getByTestId('issue-key').waitFor();

    // The customer raises a request, as on the portal.
    await page.locator('#create-open').click();
    await page.locator('#create-form input[name=summary]').fill('Касса не печатает чеки');
    await page.locator('#create-form textarea[name=description]').fill('После обновления драйвера принтер молчит.');
    await page.locator('#create-form button[type=submit]').click();
    await page.getByTestId('issue-summary').filter({ hasText: 'Касса не печатает чеки' }).waitFor();
    const key = (await page.getByTestId('issue-key').innerText()).trim();
    expect(key).toMatch(/^ALTEC-\d+$/);

    // The SLA panel counts the reaction down.
    expect(await clockState('reaction', ['running', 'atRisk'])).toMatch(/running|atRisk/);
    const panel = await frame('frame-panel');
    const countdown = await panel.locator('li.clock[data-clock="reaction"] .clock__countdown').innerText();
    expect(countdown).toMatch(/\d/);

    // An agent answers: the reaction is met.
    await useAs(AGENT);
    // The agent's queue is in the order requests are handled: the nearest due first (DOMAIN.md).
    const dues = await page.locator('#queue button').evaluateAll((bs) => bs.map((b) => (b as unknown as { getAttribute(n: string): string | null }).getAttribute('data-due')));
    const ticking = dues.filter((d): d is string => d !== null).map(Number);
    expect(ticking.length).toBeGreaterThan(3);
    expect(dues.slice(0, ticking.length).every((d) => d !== null)).toBe(true);
    expect([...ticking].sort((a, b) => a - b)).toEqual(ticking);

    await page.getByTestId('comment-text').fill('Добрый день! Приняли в работу.');
    await page.getByTestId('comment-send').click();
    await page.getByTestId('comments').filter({ hasText: 'Приняли в работу' }).waitFor();
    expect(await clockState('reaction', ['met'])).toBe('met');

    // The agent classifies it as priority 1 in the field editor (view.submit → the field).
    await page.locator('[data-edit=priority]').click();
    const editor = await frame('frame-editor');
    await editor.locator('input[type=radio][value="1"]').check();
    await editor.locator('button[type=submit]').click();
    // The field holds { id, name } and shows the name, as Jira's formatter does in the navigator.
    await page.locator('[data-field=sla-priority]').filter({ hasText: /^(Приоритет|Priority) 1/ }).waitFor();
    expect(await clockState('resolution', ['running', 'atRisk', 'paused'])).toMatch(/running|atRisk|paused/);

    // Two weeks later (simulated) the 4 working hours are long gone: breached.
    // The picker is read in the user's zone (Moscow), whatever the browser's zone is.
    const state = await localGet<{ now: number }>(host!.url, '/__local/state');
    const jumpTo = Math.floor((state.now + 14 * 86_400_000) / 60_000) * 60_000;
    const iso = new Date(jumpTo + 3 * 3_600_000).toISOString();
    // The picker speaks the page's format (dd.mm.yyyy hh:mm on a Russian page), whatever the browser's locale.
    expect(await page.locator('#jump-to').inputValue()).toMatch(/^\d\d\.\d\d\.\d{4} \d\d:\d\d$/);
    await page.locator('#jump-to').fill('31.02.2027 10:00');
    await page.locator('#jump').click();
    await page.locator('#toast').filter({ hasText: 'не дата и время; введите как дд.мм.гггг чч:мм' }).waitFor();
    await page.locator('#jump-to').fill(`${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)} ${iso.slice(11, 16)}`);
    await page.locator('#jump').click();
    expect(await clockState('resolution', ['breached'])).toBe('breached');
    const jumped = await localGet<{ now: number }>(host!.url, '/__local/state');
    expect(jumped.now - jumpTo).toBeGreaterThanOrEqual(0);
    expect(jumped.now - jumpTo).toBeLessThan(60_000);
    // The queue shows the state the app wrote to its SLA field; the field has its Russian name.
    await page.locator(`#queue button[data-key="${key}"] [data-sla="breached"]`).waitFor();
    await page.locator('.details dt', { hasText: 'Приоритет SLA' }).waitFor();
    expect(await page.getByTestId('issue-status').innerText()).not.toBe('');

    await page.locator('#toast').waitFor({ state: 'hidden', timeout: 10_000 });
    mkdirSync(join(REPO, 'docs', 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(REPO, 'docs', 'screenshots', 'local-host.png') });
    // At 800 px the page fits the window and the SLA panel is whole (it went under the request).
    const wide = page.viewportSize();
    await page.setViewportSize({ width: 800, height: 900 });
    expect(await page.locator('html').evaluate((el) => (el as unknown as { scrollWidth: number }).scrollWidth)).toBeLessThanOrEqual(800);
    const ctx = await page.locator('.context').boundingBox();
    expect(ctx && ctx.x + ctx.width).toBeLessThanOrEqual(800);
    await page.screenshot({ path: join(REPO, 'docs', 'screenshots', 'local-host-800.png'), fullPage: true });
    if (wide) await page.setViewportSize(wide);
    const before = await localGet<{
      now: number;
      issue: { comments: unknown[]; fields: Record<string, { value: unknown }> };
    }>(host!.url, `/__local/state?user=${encodeURIComponent(AGENT)}&project=ALTEC&issue=${key}`);

    // Restart the server on the same port and data folder: nothing is lost.
    const port = Number(new URL(host!.url).port);
    await host!.close();
    host = null;
    await boot(port);
    await page.goto(host!.url);
    await page.getByTestId('issue-key').filter({ hasText: key }).waitFor();
    await page.getByTestId('issue-summary').filter({ hasText: 'Касса не печатает чеки' }).waitFor();
    await page.getByTestId('comments').filter({ hasText: 'Приняли в работу' }).waitFor();
    expect(await clockState('resolution', ['breached'])).toBe('breached');
    expect(await clockState('reaction', ['met'])).toBe('met');
    const after: typeof before = await localGet(host!.url, `/__local/state?user=${encodeURIComponent(AGENT)}&project=ALTEC&issue=${key}`);
    expect(after.issue.comments).toEqual(before.issue.comments);
    expect(after.issue.fields).toEqual(before.issue.fields);
    expect(after.now).toBeGreaterThanOrEqual(before.now);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
