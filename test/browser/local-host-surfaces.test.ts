// The Jira-native surfaces on the local host page (issue 14), in Chromium on the demo site: the
// JQL box runs the app's functions and shows the JQL they became (errors in the user's language),
// the rule runner executes the app's Automation actions and shows the audit entry, the dashboard
// tab shows the gadget with its edit view, and the customer-portal view shows a request as its
// reporter sees it: the SLA, never internal notes or agent names.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { start, type Started } from '../../local/main';
import { browserAvailable, launchBrowser, missingBuilds } from './ui-harness';
import { localPost, localToken } from './local-token';

jest.setTimeout(300_000);

const APPS = ['gadget', 'portal', 'automation'];
const buildsMissing = missingBuilds(APPS);
if (buildsMissing.length > 0) {
  const msg = `local-host-surfaces: static/{${buildsMissing.join(',')}}/build is missing; run \`npm run build\` first`;
  if (process.env.CI === 'true') throw new Error(msg);
  console.warn(`\n\n*** SKIPPED *** ${msg}\n\n`);
}
const describeIf = browserAvailable('local-host-surfaces') && buildsMissing.length === 0 ? describe : describe.skip;

const AGENT_RU = '557058:agent-ivan';

interface StateUser {
  accountId: string;
  displayName: string;
  role: string;
}
interface State {
  users: StateUser[];
  queue: Array<{ key: string; reporter: string }>;
  issue: { key: string; reporter: { accountId: string }; fields: Record<string, { value: unknown }> } | null;
}

describeIf('the Jira surfaces on the local host page', () => {
  let browser: Browser;
  let host: Started;
  let page: Page;
  const dataDir = mkdtempSync(join(tmpdir(), 'reglament-surfaces-'));
  const pageErrors: string[] = [];
  let logSpy: jest.SpyInstance;

  const api = async <T,>(path: string, body?: unknown): Promise<T> => {
    // As the host page does: its per-start token on every /__local call.
    const res = body === undefined ? await fetch(`${host.url}${path.slice(1)}`, { headers: { 'x-reglament-token': await localToken(host.url) } }) : await localPost(host.url, path, body);
    const json = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new Error(`${path}: ${json.error ?? res.status}`);
    return json;
  };
  const stateOf = (q: Record<string, string>): Promise<State> => api<State>(`/__local/state?${new URLSearchParams(q).toString()}`);

  async function frame(testId: string): Promise<Frame> {
    const handle = await page.getByTestId(testId).elementHandle();
    const f = await handle?.contentFrame();
    if (!f) throw new Error(`iframe ${testId} has no content`);
    return f;
  }

  beforeAll(async () => {
    logSpy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    browser = await launchBrowser();
    host = await start({ port: 0, dataDir, reset: false, demo: true, log: () => undefined });
    await host.ready;
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU' });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(host.url);
    await page.locator('#project-select').selectOption('ALTEC');
    await page.locator('#user-select').selectOption(AGENT_RU);
    await page.getByTestId('issue-key').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    logSpy?.mockRestore();
    rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => expect(pageErrors).toEqual([]));

  it('opens a request from a Reports link on the local host, as the link opens the issue in Jira', async () => {
    const current = await page.getByTestId('issue-key').innerText();
    await page.locator('[data-tab=reports]').click();
    const reports = await frame('frame-reports');
    await reports.getByRole('tab', { name: 'Очередь' }).click();
    // A request other than the one open now, so the test sees the page move to it.
    const link = reports.locator('table.queue__table tbody tr td:first-child a').filter({ hasNotText: new RegExp(`^${current}$`) }).first();
    await link.waitFor();
    const key = await link.innerText();
    await link.click();
    await page.locator('#issues-view').waitFor({ state: 'visible' });
    await page.getByTestId('issue-key').filter({ hasText: key }).waitFor();
    expect(await page.getByTestId('issue-key').innerText()).toBe(key);
  });

  it('runs JQL with the app functions, shows the JQL they became and says a bad argument in the language', async () => {
    await page.locator('[data-tab=jql]').click();
    await page.getByTestId('jql-input').fill('project = ALTEC AND issue in slaBreached("resolution")');
    await page.getByTestId('jql-run').click();
    await page.getByTestId('jql-expanded').waitFor();
    // The function became a clause over the app's indexed properties, the rest kept as typed.
    expect(await page.getByTestId('jql-expanded').innerText()).toBe('project = ALTEC AND (slaResolutionState = breached)');
    const shown = await page.locator('[data-testid=jql-keys] button').allInnerTexts();
    const direct = await api<{ ok: true; keys: string[] }>('/__local/jql', { jql: 'project = ALTEC AND slaResolutionState = breached', as: AGENT_RU });
    expect(shown).toEqual(direct.keys);
    expect(await page.getByTestId('jql-count').innerText()).toMatch(shown.length === 0 ? /Подходящих обращений нет/ : new RegExp(`Найдено: ${shown.length}`));

    await page.getByTestId('jql-input').fill('issue in slaBreached("x")');
    await page.getByTestId('jql-run').click();
    await page.getByTestId('jql-error').filter({ hasText: 'неизвестные часы "x"' }).waitFor();

    // The app says a function's error in the user's Jira language (every demo user is Russian);
    // the page's own refusal follows the page language.
    await page.locator('#lang-select').selectOption('en');
    await page.locator('[data-tab=jql]', { hasText: 'JQL & rules' }).waitFor();
    await page.getByTestId('jql-input').fill('  ');
    await page.getByTestId('jql-run').click();
    await page.getByTestId('jql-error').filter({ hasText: 'Type a JQL query first.' }).waitFor();
    await page.locator('#lang-select').selectOption('ru');
  });

  it('runs the Automation actions on a request and shows each audit entry', async () => {
    await page.locator('#lang-select').selectOption('ru');
    await page.locator('[data-tab=jql]').click();
    const key = await page.getByTestId('rule-issue').inputValue();
    expect(key).toMatch(/^ALTEC-\d+$/);

    // The rule editor shows the action's own configuration form (config.resource), in the user's language.
    await page.getByTestId('rule-action').selectOption('set-sla-priority');
    const form = page.frameLocator('[data-testid=rule-form]');
    await form.locator('[data-input=priority]').waitFor();
    expect(await form.locator('[data-input=issueKey]').inputValue()).toBe('{{issue.key}}');
    expect(await form.locator('[data-field=priority] label').innerText()).toBe('Приоритет SLA');
    // Without its required input the rule's validation refuses the step and marks the field in the form.
    await page.getByTestId('rule-run').click();
    await page.getByTestId('rule-error').filter({ hasText: 'Поле «Приоритет SLA (id или название)» обязательно' }).waitFor();
    await form.locator('[data-field=priority] .error', { hasText: 'priority is required' }).waitFor();

    // An unknown priority fails the step with the app's message in the audit log.
    await form.locator('[data-input=priority]').fill('no-such-priority');
    await page.getByTestId('rule-run').click();
    await page.locator('[data-testid=rule-audit] li[data-status=FAILURE]').first().waitFor();
    expect(await page.locator('[data-testid=rule-audit] > li').first().innerText()).toMatch(/Ошибка[\s\S]*Задать приоритет SLA[\s\S]*no-such-priority/i);

    // A valid one succeeds and the request's SLA priority is what the action set.
    await form.locator('[data-input=priority]').fill('1');
    await page.getByTestId('rule-run').click();
    await page.locator('[data-testid=rule-audit] > li[data-status=SUCCESS]').first().waitFor();
    expect(await page.locator('[data-testid=rule-audit] > li').first().innerText()).toContain(key);
    const after = await stateOf({ user: AGENT_RU, project: 'ALTEC', issue: key });
    expect(after.issue?.fields['sla-priority']?.value).toEqual({ id: '1', name: 'Приоритет 1' });

    await page.getByTestId('rule-action').selectOption('recompute-sla');
    await page.getByTestId('rule-run').click();
    await expect_(() => page.locator('[data-testid=rule-audit] > li').count(), 3);
    expect(await page.locator('[data-testid=rule-audit] > li').first().getAttribute('data-status')).toBe('SUCCESS');
    expect(await page.locator('[data-testid=rule-audit] > li').first().innerText()).toContain('Пересчитать SLA');

    // Extend the goal through its form: the form checks the extension, the action runs as the user.
    await page.getByTestId('rule-action').selectOption('agree-deadline');
    await form.locator('[data-input=extend]').waitFor();
    await form.locator('[data-input=extend]').fill('скоро');
    await form.locator('[data-input=reason]').fill('ждём исправления от вендора');
    // Automation's Next (the run button) makes the form check itself; the app refuses the extension too.
    await page.getByTestId('rule-run').click();
    await expect_(() => page.locator('[data-testid=rule-audit] > li').count(), 4);
    expect(await page.locator('[data-testid=rule-audit] > li').first().innerText()).toContain('An extension reads like 4h, 30m or 1h30m');
    // The form reopens with what it submitted (extension.data.inputs), so nothing typed is lost.
    await form.locator('[data-input=reason]').waitFor();
    expect(await form.locator('[data-input=reason]').inputValue()).toBe('ждём исправления от вендора');
    expect(await form.locator('[data-input=extend]').inputValue()).toBe('скоро');
    await form.locator('[data-input=extend]').fill('2h');
    await page.getByTestId('rule-run').click();
    await expect_(() => page.locator('[data-testid=rule-audit] > li').count(), 5);
    const agreed = page.locator('[data-testid=rule-audit] > li').first();
    expect(await agreed.getAttribute('data-status')).toBe('SUCCESS');
    expect(await agreed.innerText()).toContain('"clock": "resolution"');
  });

  it('shows the dashboard gadget: its edit view first, then compliance and the queue for the saved project', async () => {
    await page.locator('[data-tab=dashboard]').click();
    let gadget = await frame('frame-gadget');
    // A new gadget opens in its edit view; a bad project is refused by the form.
    const projectInput = gadget.locator('form input').first();
    await projectInput.waitFor();
    await projectInput.fill('не проект');
    await gadget.locator('form button[type=submit]').click();
    await gadget.locator('.errors[role=alert]').waitFor();
    await projectInput.fill('ALTEC');
    await gadget.locator('form button[type=submit]').click();
    // view.submit stored the configuration and the host shows the gadget itself.
    await page.frameLocator('[data-testid=frame-gadget]').getByTestId('compliance').waitFor();
    gadget = await frame('frame-gadget');
    expect(await gadget.locator('h2').first().innerText()).toContain('ALTEC');
    expect(await gadget.getByTestId('compliance').innerText()).toMatch(/%|—/);
    // The edit button opens the stored configuration again.
    await page.getByTestId('gadget-edit').click();
    await page.frameLocator('[data-testid=frame-gadget]').locator('form input').first().waitFor();
    gadget = await frame('frame-gadget');
    expect(await gadget.locator('form input').first().inputValue()).toBe('ALTEC');
    await page.getByTestId('gadget-edit').click();
    await page.frameLocator('[data-testid=frame-gadget]').getByTestId('compliance').waitFor();
    // Jira keeps the configuration for the gadget, not the browser: the host's Jira has it, and a
    // new browser (another viewer) opens the gadget itself with it in dark mode.
    const kept = await api<{ gadget: { configuration: unknown } }>(`/__local/state?${new URLSearchParams({ user: AGENT_RU, project: 'ALTEC' }).toString()}`);
    expect(kept.gadget.configuration).toEqual({ projectKey: 'ALTEC', periodDays: 30, clock: 'resolution' });
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', colorScheme: 'dark' });
    try {
      const p2 = await other.newPage();
      await p2.goto(host.url);
      await p2.locator('#lang-select').selectOption('en');
      await p2.locator('#theme-select').selectOption('dark');
      await p2.locator('[data-tab=dashboard]').click();
      const g2 = p2.frameLocator('[data-testid=frame-gadget]');
      await g2.getByTestId('compliance').waitFor();
      expect(await g2.locator('h2').first().innerText()).toBe('SLA: ALTEC, last 30 days');
      expect(await g2.locator('html').getAttribute('data-color-mode')).toBe('dark');
    } finally {
      await other.close();
    }
  });

  it('shows a request on the customer portal as its reporter: the SLA, never internal notes or agents', async () => {
    const before = await stateOf({ user: AGENT_RU, project: 'ALTEC' });
    const key = before.queue[0]!.key;
    const secret = 'СЕКРЕТ-внутренняя-заметка-42';
    await api('/__local/action', { kind: 'comment', as: AGENT_RU, key, body: secret, internal: true });
    await api('/__local/action', { kind: 'comment', as: AGENT_RU, key, body: 'Публичный ответ клиенту', internal: false });
    const issue = (await stateOf({ user: AGENT_RU, project: 'ALTEC', issue: key })).issue!;
    const reporter = before.users.find((u) => u.accountId === issue.reporter.accountId)!;
    expect(reporter.role).toBe('customer');

    await page.locator('[data-tab=issues]').click();
    await page.locator(`#queue button[data-key="${key}"]`).click();
    await page.getByTestId('issue-key').filter({ hasText: key }).waitFor();
    await page.locator('[data-tab=portal]').click();
    await page.getByTestId('portal-summary').filter({ hasText: key }).waitFor();
    expect(await page.getByTestId('portal-as').innerText()).toContain(reporter.displayName);
    const portal = await frame('frame-portal');
    await portal.locator('section.portal-sla, p').first().waitFor();
    await portal.locator('[data-testid=portal-clocks], p:not([role=status])').first().waitFor();
    const text = await portal.locator('body').innerText();
    expect(text).not.toContain(secret);
    expect(text).not.toContain('Публичный ответ');
    for (const u of before.users.filter((x) => x.role !== 'customer')) expect(text).not.toContain(u.displayName);
    // The portal frame runs as the reporter, whoever is selected in the page.
    const ctx = await portal.evaluate(() => (globalThis as unknown as { __bridge: { callBridge(n: string): Promise<{ accountId: string }> } }).__bridge.callBridge('getContext'));
    expect(ctx.accountId).toBe(reporter.accountId);
  });
});

async function expect_(count: () => Promise<number>, want: number): Promise<void> {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    if ((await count()) >= want) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected at least ${want} entries`);
}
