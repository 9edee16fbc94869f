// The admin page's Notifications and actions section in Chromium, against the in-memory admin
// resolvers (real templates, real validation): template defaults shown, edits saved as actions,
// a wrong auto-close notice period shown at its field.
import type { Browser, Page } from 'playwright-core';
import { fakeAdminBackend, type FakeAdminBackend } from './ui-admin-fake';
import { browserAvailable, installBridge, launchBrowser, missingBuilds, serveBuilds } from './ui-harness';

const buildsMissing = missingBuilds(['admin']).length > 0;
if (buildsMissing && process.env.CI === 'true') throw new Error('ui-admin-actions: static/admin/build is missing; run `npm run build` first');
jest.setTimeout(60_000);

const describeIf = browserAvailable('ui-admin-actions') && !buildsMissing ? describe : describe.skip;

describeIf('notifications and actions on the admin page', () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await serveBuilds();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(backend: FakeAdminBackend, locale: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    page.setDefaultTimeout(15_000);
    await installBridge(page, {
      context: { accountId: 'admin-1', locale, timezone: 'Europe/Moscow', moduleKey: 'sla-admin', theme: { colorMode: 'light' }, extension: { type: 'jira:adminPage' } },
      resolvers: backend.resolvers,
    });
    await page.goto(`${server.url}/app/admin/`);
    return page;
  }

  it('shows the template defaults, saves an added internal note and the notice period, and points at a period that is too long', async () => {
    const backend = fakeAdminBackend();
    const page = await open(backend, 'en_US');
    await page.getByLabel('Template', { exact: true }).selectOption('altec');
    await page.getByRole('button', { name: 'Apply template' }).click();
    expect(await page.getByLabel('E-mail the assignee: Reaction, Breached', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('E-mail the watchers: Resolution, Breached', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('E-mail the assignee: Resolution, At risk', { exact: true }).isChecked()).toBe(false);
    expect(await page.getByLabel('Add label: Follow-up reaction, Breached', { exact: true }).inputValue()).toBe('sla-breached');

    await page.getByLabel('Internal note: Resolution, At risk', { exact: true }).check();
    const before = page.getByLabel('How long before', { exact: true });
    expect(await before.inputValue()).toBe('3d');
    await before.fill('30d');
    await page.locator('.field-error', { hasText: '"30d" is not shorter than the auto-close period "14d"' }).waitFor();
    expect(await before.getAttribute('aria-invalid')).toBe('true');
    await before.fill('2d');
    await page.getByText('Unsaved changes; no problems found.').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved as version 1.').waitFor();
    const saved = backend.versions[0]?.config as { actions: { resolution: { atRisk: unknown[] }; autoCloseNotice: { before: string; onClose: boolean } } };
    expect(saved.actions.resolution.atRisk).toEqual([{ kind: 'comment' }]);
    expect(saved.actions.autoCloseNotice).toEqual({ before: '2d', onClose: true });
    await page.close();
  });

  it('in Russian, marks the clocks a regulation has no goal for and offers no notice without auto-close', async () => {
    const backend = fakeAdminBackend();
    const page = await open(backend, 'ru_RU');
    await page.getByLabel('Шаблон', { exact: true }).selectOption('pass24');
    await page.getByRole('button', { name: 'Применить шаблон' }).click();
    expect(await page.getByLabel('Письмо исполнителю: Реакция, Нарушен', { exact: true }).isDisabled()).toBe(true);
    expect(await page.getByLabel('Письмо исполнителю: Решение, Нарушен', { exact: true }).isChecked()).toBe(true);
    expect(await page.locator('tr[data-clock="reaction"]').first().innerText()).toContain('цель не задана');
    await page.getByText('Автоматическое закрытие выключено — сообщать не о чем.').waitFor();
    expect(await page.getByLabel('Сообщить клиенту, когда обращение закрыто').isDisabled()).toBe(true);
    await page.close();
  });
});
