// The README's screenshots of the three surfaces on the local host page (`npm start`, demo site),
// at 1400 and 800 px, light and dark: the SLA panel beside (1400) or under (800) the request, the
// admin page, the reports. Each shot also checks that nothing is cut: no page wider than the
// window, no app frame whose content is wider than the frame, the reports table whole at 1400 px.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { start, type Started } from '../../local/main';
import { compileCalendar, isWorking, nextWorkingStart, CALENDAR_PRESETS } from '../../src/domain/calendar';
import { browserAvailable, launchBrowser, missingBuilds, REPO } from './ui-harness';
import { localGet, localPost } from './local-token';

jest.setTimeout(300_000);

const APPS = ['issue-panel', 'admin', 'reports'];
const buildsMissing = missingBuilds(APPS);
if (buildsMissing.length > 0) {
  const msg = `ui-screenshots: static/{${buildsMissing.join(',')}}/build is missing; run \`npm run build\` first`;
  if (process.env.CI === 'true') throw new Error(msg);
  console.warn(`\n\n*** SKIPPED *** ${msg}\n\n`);
}
const describeIf = browserAvailable('ui-screenshots') && buildsMissing.length === 0 ? describe : describe.skip;

const SHOTS = join(REPO, 'docs', 'screenshots');
const AGENT = '557058:agent-ivan';
const ADMIN = '557058:admin-anna';

interface Box {
  scrollWidth: number;
  clientWidth: number;
}

describeIf('screenshots of the panel, admin and reports at 1400 and 800 px', () => {
  let browser: Browser;
  let host: Started;
  const dataDir = mkdtempSync(join(tmpdir(), 'reglament-shots-'));
  let logSpy: jest.SpyInstance;

  beforeAll(async () => {
    logSpy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    browser = await launchBrowser();
    host = await start({ port: 0, dataDir, reset: true, demo: true, log: () => undefined });
    await host.ready;
    mkdirSync(SHOTS, { recursive: true });
    // Into working hours (an hour after the altec calendar's next opening), so the clocks count.
    const { now } = await localGet<{ now: number }>(host.url, '/__local/state');
    const cal = compileCalendar(CALENDAR_PRESETS.altec);
    let t = now;
    while (isWorking(cal, t)) t += 15 * 60_000;
    const res = await localPost(host.url, '/__local/time', { op: 'to', to: new Date(nextWorkingStart(cal, t) + 3_600_000).toISOString() });
    expect(res.ok).toBe(true);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    logSpy?.mockRestore();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function frame(page: Page, testId: string): Promise<Frame> {
    const f = await (await page.getByTestId(testId).elementHandle())?.contentFrame();
    if (!f) throw new Error(`iframe ${testId} has no content`);
    return f;
  }

  /** Nothing wider than the window, and the frame's own content no wider than the frame. */
  async function expectUncut(page: Page, f: Frame, width: number): Promise<void> {
    expect(await page.locator('html').evaluate((el) => (el as unknown as Box).scrollWidth)).toBeLessThanOrEqual(width);
    const doc = await f.locator('html').evaluate((el) => ({ scroll: (el as unknown as Box).scrollWidth, client: (el as unknown as Box).clientWidth }));
    expect(doc.scroll).toBeLessThanOrEqual(doc.client);
  }

  async function openHost(width: number, theme: 'light' | 'dark', user: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'ru-RU' });
    page.setDefaultTimeout(30_000);
    await page.goto(host.url);
    await page.getByTestId('issue-key').waitFor();
    await page.locator('#project-select').selectOption('ALTEC');
    await page.locator('#user-select').selectOption(user);
    await page.locator('#theme-select').selectOption(theme);
    await page.getByTestId('issue-key').waitFor();
    return page;
  }

  it.each([
    [1400, 'light'],
    [1400, 'dark'],
    [800, 'light'],
    [800, 'dark'],
  ] as const)('panel, admin and reports at %i px (%s)', async (width, theme) => {
    // The SLA panel of the request the queue puts first.
    const page = await openHost(width, theme, AGENT);
    const panel = await frame(page, 'frame-panel');
    await panel.locator('li.clock').first().waitFor();
    await panel.locator(`main[data-color-mode="${theme}"]`).waitFor();
    await expectUncut(page, panel, width);
    const ctx = await page.locator('.context').boundingBox();
    expect(ctx && ctx.x + ctx.width).toBeLessThanOrEqual(width);
    // At 800 px the panel is under the request: scrolled to, as a person would.
    if (width === 800) await page.locator('.context').evaluate((el) => (el as unknown as { scrollIntoView(o: unknown): void }).scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SHOTS, `panel-${width}-${theme}.png`) });

    // The reports of the project: the group table whole at 1400 px (a wrapper scrolls it at 800).
    await page.locator('.tabs button[data-tab="reports"]').click();
    const reports = await frame(page, 'frame-reports');
    const table = reports.locator('.table-wrap').first();
    await table.waitFor();
    await expectUncut(page, reports, width);
    if (width === 1400) {
      const wrap = await table.evaluate((e) => ({ scroll: (e as unknown as Box).scrollWidth, client: (e as unknown as Box).clientWidth }));
      expect(wrap.scroll).toBeLessThanOrEqual(wrap.client);
    }
    await page.screenshot({ path: join(SHOTS, `reports-${width}-${theme}.png`) });
    await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `reports-table-${width}-${theme}.png`) });

    // The admin page as an administrator.
    await page.locator('#user-select').selectOption(ADMIN);
    await page.locator('.tabs button[data-tab="admin"]').click();
    const admin = await frame(page, 'frame-admin');
    await admin.locator('.section').first().waitFor();
    await expectUncut(page, admin, width);
    await page.screenshot({ path: join(SHOTS, `admin-${width}-${theme}.png`) });
    await page.close();
  });
});
