// The admin page in Chromium against in-memory admin resolvers that use the real templates and
// the real configuration validation (ui-local-host.test.ts runs the same flows on the local host).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RecomputeProgress } from '../../src/shared/contract';
import { TEMPLATES } from '../../src/domain/templates';
import { SITE_STATUSES, fakeAdminBackend, type FakeAdminBackend } from './ui-admin-fake';
import { browserAvailable, tabTo, installBridge, launchBrowser, missingBuilds, seriousViolations, serveBuilds } from './ui-harness';

const buildsMissing = missingBuilds(['admin']).length > 0;
if (buildsMissing) {
  const msg = 'ui-admin: static/admin/build is missing; run `npm run build` first';
  if (process.env.CI === 'true') throw new Error(msg);
  console.warn(`\n\n*** SKIPPED *** ${msg}\n\n`);
}
jest.setTimeout(60_000);

const describeIf = browserAvailable('ui-admin') && !buildsMissing ? describe : describe.skip;

describeIf('admin page in the browser', () => {
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

  async function open(backend: FakeAdminBackend, locale = 'en_US', colorMode: 'light' | 'dark' = 'light'): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => console.error('page error:', e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await installBridge(page, {
      context: { accountId: 'admin-1', locale, timezone: 'Europe/Moscow', moduleKey: 'sla-admin', theme: { colorMode }, extension: { type: 'jira:adminPage' } },
      resolvers: backend.resolvers,
    });
    await page.goto(`${server.url}/app/admin/`);
    return page;
  }

  it('applies the altec template, edits a goal, shows a bad interval at its field, saves and follows the recompute', async () => {
    const backend = fakeAdminBackend();
    const page = await open(backend);
    await page.getByLabel('Template', { exact: true }).selectOption('altec');
    await page.getByRole('button', { name: 'Apply template' }).click();
    await page.getByText(/Template "Altec: Optima Win 8\.X Favorite Exprof" is in the draft/).waitFor();
    expect(await page.locator('.regulation').innerText()).toContain('Optima Win 8.X Favorite Exprof');

    const goal = page.getByLabel('Resolution goal for Priority 1', { exact: true });
    expect(await goal.inputValue()).toBe('4h');
    await goal.fill('6h');

    const mondayEnd = page.getByLabel('Monday, interval 1: end', { exact: true });
    await mondayEnd.fill('08:00');
    const error = page.locator('tr[data-day="mon"] .field-error', { hasText: 'interval ends (08:00) before or when it starts (09:00)' });
    await error.waitFor();
    expect(await mondayEnd.getAttribute('aria-invalid')).toBe('true');
    await mondayEnd.fill('18:00');
    await error.waitFor({ state: 'detached' });
    await page.getByText('Unsaved changes; no problems found.').waitFor();

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved as version 1.').waitFor();
    await page.locator('[data-progress-state="done"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-progress-state="done"] [role="status"]').innerText()).toMatch(/All 6 open requests recomputed/);
    expect(await page.locator('table.versions tr[data-version="1"]').innerText()).toContain('Ada Admin');

    // Status roles are picked from the site's statuses, which can be read again from Jira.
    await page.getByLabel('Role of status Waiting for customer').selectOption('');
    expect(await page.getByLabel('Role of status Waiting for customer').inputValue()).toBe('');
    backend.resolvers.listJiraStatuses = () => ({ ok: true, data: [...SITE_STATUSES, { id: '11', name: 'Escalated', category: 'indeterminate' }] });
    expect(await page.getByLabel('Role of status Escalated').count()).toBe(0);
    await page.getByRole('button', { name: 'Reload the statuses from Jira' }).click();
    await page.getByLabel('Role of status Escalated').waitFor();

    const saved = backend.versions[0]?.config as { goals: { resolution: Record<string, string> }; template: string };
    expect(saved.template).toBe('altec');
    expect(saved.goals.resolution['1']).toBe('6h');
    await page.close();
  });

  it('saves nothing and says so when someone else saved meanwhile', async () => {
    const backend = fakeAdminBackend();
    const page = await open(backend);
    await page.getByLabel('Template', { exact: true }).selectOption('barier');
    await page.getByRole('button', { name: 'Apply template' }).click();
    await page.getByLabel('Reaction goal for Priority 1', { exact: true }).fill('2h');
    backend.saveBehindTheScenes({ schemaVersion: 2 });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Someone saved this configuration while you were editing/).waitFor();
    expect(backend.versions).toHaveLength(1);
    await page.close();
  });

  it('refuses an invalid configuration on save and lists every problem by path', async () => {
    const backend = fakeAdminBackend();
    const page = await open(backend, 'ru_RU');
    await page.getByLabel('Шаблон', { exact: true }).selectOption('pass24');
    await page.getByRole('button', { name: 'Применить шаблон' }).click();
    const goal = page.getByLabel(/^Решение: норматив для /).first();
    await goal.fill('soon');
    await page.locator('.savebar__issues').waitFor();
    // The place is named in words and the message is Russian; the JSON path stays data only.
    const listed = await page.locator('.savebar__issues li[data-path="goals.resolution[\\"high\\"]"]').innerText();
    expect(listed).toMatch(/^Нормативы решения → .+: норматив «soon»: «soon» — не норматив/);
    expect(await page.locator('.savebar__issues').innerText()).not.toMatch(/goals\.|\[|expected/);
    expect(await goal.getAttribute('aria-invalid')).toBe('true');
    await page.close();
  });

  it('restores an older version in one click', async () => {
    const backend = fakeAdminBackend({ jobSize: 2 });
    const page = await open(backend);
    await page.getByLabel('Template', { exact: true }).selectOption('altec');
    await page.getByRole('button', { name: 'Apply template' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved as version 1.').waitFor();
    await page.getByLabel('Resolution goal for Priority 4', { exact: true }).fill('10wd');
    await page.getByText('Unsaved changes; no problems found.').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved as version 2.').waitFor();
    await page.getByRole('button', { name: 'Restore version 1' }).click();
    // Nothing happens before the admin confirms a dialog that names both versions.
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.innerText()).toMatch(/Restore version 1 of "Site default[^"]*"\? It replaces the current version 2 \(saved .+\) and is saved as a new version; there are no unsaved changes/);
    expect(backend.versions).toHaveLength(2);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(backend.versions).toHaveLength(2);
    await page.getByRole('button', { name: 'Restore version 1' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Restore version 1' }).click();
    await page.getByText('Version 1 is restored as version 3.').waitFor();
    // The versions list says the restore in the page language, not the store's English note.
    await page.locator('td', { hasText: 'restored from version 1' }).first().waitFor();
    expect(await page.getByLabel('Resolution goal for Priority 4', { exact: true }).inputValue()).toBe('9wd');
    await page.close();
  });

  it('refuses to save a date list while a line is wrong, and keeps every valid date', async () => {
    const backend = fakeAdminBackend();
    const page = await open(backend, 'ru_RU');
    await page.getByLabel('Шаблон', { exact: true }).selectOption('altec');
    await page.getByRole('button', { name: 'Применить шаблон' }).click();
    const holidays = page.getByLabel('Праздники (нерабочие дни)', { exact: true });
    await holidays.fill('2026-12-17\n2026-13-45\nзавтра\n2026-12-24');
    await page.locator('[data-local-problems="2"]').waitFor();
    expect(await page.locator('.field-error__item', { hasText: 'Строка 2' }).innerText()).toBe('Строка 2: «2026-13-45» — не дата в формате ГГГГ-ММ-ДД');
    await page.waitForTimeout(600);
    expect(await page.locator('.savebar [role="status"]').innerText()).not.toMatch(/ошибок не найдено/);
    const save = page.getByRole('button', { name: 'Сохранить', exact: true });
    expect(await save.isDisabled()).toBe(true);
    expect(backend.versions).toHaveLength(0);

    await holidays.fill('2026-12-17\n2026-12-24');
    await page.locator('[data-local-problems]').waitFor({ state: 'detached' });
    await page.getByText('Есть несохранённые изменения; ошибок не найдено.').waitFor();
    await save.click();
    await page.getByText('Сохранено как версия 1.').waitFor();
    const saved = backend.versions[0]?.config as { calendars: Record<string, { holidays: string[] }>; calendarId: string };
    expect(saved.calendars[saved.calendarId]?.holidays).toEqual(expect.arrayContaining(['2026-12-17', '2026-12-24']));
    await page.close();
  });

  it('edits the escalation ladder as JSON: refuses saving broken JSON, names a bad level by its path, saves a good one', async () => {
    const backend = fakeAdminBackend();
    const page = await open(backend, 'en_US');
    await page.getByLabel('Template', { exact: true }).selectOption('altec');
    await page.getByRole('button', { name: 'Apply template' }).click();
    const box = page.getByLabel('Escalation ladder (JSON)', { exact: true });
    await box.fill('{"resolution": [');
    await page.getByRole('alert').filter({ hasText: /^Not JSON:/ }).waitFor();
    const save = page.getByRole('button', { name: 'Save', exact: true });
    expect(await save.isDisabled()).toBe(true);
    await box.fill(JSON.stringify({ resolution: [{ id: 'late', at: 'soon', actions: [{ kind: 'comment' }] }] }));
    await page.locator('[data-issue-path="escalation"] .field-error__item').first().waitFor();
    expect(await save.isDisabled()).toBe(false);
    await box.fill(JSON.stringify({ resolution: [{ id: 'late', at: '+2h', repeat: '2h', actions: [{ kind: 'reassign', accountId: 'lead-1' }] }] }));
    await page.getByText('Unsaved changes; no problems found.').waitFor();
    await save.click();
    await page.getByText('Saved as version 1.').waitFor();
    const saved = backend.versions[0]?.config as { escalation?: { resolution: Array<{ at: string; repeat: string }> } };
    expect(saved.escalation?.resolution[0]).toMatchObject({ at: '+2h', repeat: '2h' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('asks before a scope switch throws away unsaved edits', async () => {
    const backend = fakeAdminBackend();
    const page = await open(backend);
    await page.getByLabel('Template', { exact: true }).selectOption('altec');
    await page.getByRole('button', { name: 'Apply template' }).click();
    await page.getByLabel('Resolution goal for Priority 1', { exact: true }).fill('6h');
    const selector = page.getByLabel('Configuration for');
    await selector.selectOption('ALT');
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.innerText()).toMatch(/unsaved changes in "Site default.*"\. Switch to "Altec support \(ALT\)" and discard them\?/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await selector.inputValue()).toBe('default');
    expect(await page.getByLabel('Resolution goal for Priority 1', { exact: true }).inputValue()).toBe('6h');
    await selector.selectOption('ALT');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Discard changes and switch' }).click();
    await page.getByText('Until you save, no SLA applies to this project', { exact: false }).waitFor();
    expect(await selector.inputValue()).toBe('ALT');
    await page.close();
  });

  it('loads the chosen scope, and a project settings page edits only its project', async () => {
    const backend = fakeAdminBackend();
    const seen: unknown[] = [];
    const getAdminState = backend.resolvers.getAdminState;
    backend.resolvers.getAdminState = (req) => {
      seen.push(req.scope);
      if (!getAdminState) throw new Error('no getAdminState');
      return getAdminState(req);
    };
    const page = await open(backend);
    await page.getByLabel('Configuration for').selectOption('ALT');
    // The fake's site default is not saved either, so nothing applies to the project yet.
    await page.getByText('Until you save, no SLA applies to this project: the site default is not configured either.', { exact: false }).waitFor();
    expect(seen).toEqual(['default', 'ALT']);
    await page.close();

    const projectPage = await browser.newPage();
    await installBridge(projectPage, {
      context: { accountId: 'admin-1', locale: 'en_US', timezone: 'Europe/Moscow', moduleKey: 'sla-project-settings', extension: { type: 'jira:projectSettingsPage', project: { id: '10001', key: 'SUP' } } },
      resolvers: backend.resolvers,
    });
    await projectPage.goto(`${server.url}/app/admin/`);
    await projectPage.getByRole('heading', { name: 'SLA configuration for project SUP' }).waitFor();
    expect(await projectPage.getByLabel('Configuration for').count()).toBe(0);
    expect(seen.at(-1)).toBe('SUP');
    await projectPage.close();
  });

  it('opens on the first configured project when the site default has none, marks configured scopes and shows only their own recompute', async () => {
    const backend = fakeAdminBackend();
    const base = backend.resolvers.getAdminState!;
    const supJob: RecomputeProgress = { jobId: 'job-sup', total: 3, done: 3, failed: 0, state: 'done', startedAt: '2026-11-20T09:00:00Z', finishedAt: '2026-11-20T09:00:05Z' };
    const seen: unknown[] = [];
    backend.resolvers.getAdminState = async (req) => {
      seen.push(req.scope);
      const env = await base(req);
      if (!env.ok) return env;
      const scopes = [{ scope: 'default', version: null }, { scope: 'SUP', projectName: 'Support', version: 2 }];
      return req.scope === 'SUP'
        ? { ok: true, data: { ...env.data, scope: 'SUP', scopes, config: structuredClone(TEMPLATES.agentplus), version: 2, progress: supJob } }
        : { ok: true, data: { ...env.data, scopes, config: null, version: null, progress: null } };
    };
    const page = await open(backend);
    const selector = page.getByLabel('Configuration for');
    await page.locator('.scope-version[data-version="2"]').waitFor();
    expect(await selector.inputValue()).toBe('SUP');
    expect(seen).toEqual(['default', 'SUP']);
    expect(await selector.locator('option').allInnerTexts()).toEqual([
      'Site default (every project without its own) — not configured',
      'Support (SUP) — own configuration, version 2',
      'Altec support (ALT) — not configured',
    ]);
    expect(await page.locator('[data-progress-state="done"]').count()).toBe(1);

    // The site default has no recompute of its own: none is shown there.
    await selector.selectOption('default');
    await page.getByText('Not saved yet.').waitFor();
    expect(await page.locator('[data-progress-state]').count()).toBe(0);
    await selector.selectOption('ALT');
    await page.getByText('Until you save, no SLA applies to this project', { exact: false }).waitFor();
    expect(await page.locator('[data-progress-state]').count()).toBe(0);
    expect(seen).toEqual(['default', 'SUP', 'default', 'ALT']);
    await page.close();

    // The project settings page of an unconfigured project stays on that project.
    const projectPage = await browser.newPage();
    await installBridge(projectPage, {
      context: { accountId: 'admin-1', locale: 'ru_RU', timezone: 'Europe/Moscow', moduleKey: 'sla-project-settings', extension: { type: 'jira:projectSettingsPage', project: { id: '10002', key: 'ALT' } } },
      resolvers: backend.resolvers,
    });
    await projectPage.goto(`${server.url}/app/admin/`);
    await projectPage.getByText('Пока вы не сохраните, SLA в проекте не действует', { exact: false }).waitFor();
    expect(seen.at(-1)).toBe('ALT');
    expect(seen.filter((x) => x === 'SUP')).toHaveLength(1);
    await projectPage.close();
  });

  it('imports customers from CSV and reports the rows it skipped', async () => {
    const page = await open(fakeAdminBackend());
    await page.getByLabel('Template', { exact: true }).selectOption('agentplus');
    await page.getByRole('button', { name: 'Apply template' }).click();
    const csv = join(mkdtempSync(join(tmpdir(), 'ui-csv-')), 'customers.csv');
    writeFileSync(csv, 'organization;package;validFrom;validTo\nООО Ромашка;optimal;2026-01-01;2026-12-31\nАО Вектор;gold;;\n');
    await page.getByLabel('Import from CSV').setInputFiles(csv);
    await page.getByText('1 customers added to the draft.').waitFor();
    expect(await page.getByText('Line 3: unknown package "gold"').count()).toBe(1);
    expect(await page.getByLabel('Customer 1: organization or domain').inputValue()).toBe('ООО Ромашка');
    expect(await page.getByLabel('Customer 1: valid to').inputValue()).toBe('2026-12-31');
    await page.getByText('Unsaved changes; no problems found.').waitFor();
    await page.close();
  });

  it('explains the page is for administrators when the resolvers answer FORBIDDEN', async () => {
    const page = await open(fakeAdminBackend({ forbidden: true }));
    const msg = page.locator('[data-error-code="FORBIDDEN"]');
    await msg.waitFor();
    expect(await msg.innerText()).toMatch(/Only Jira administrators/);
    expect(await page.locator('input, select').count()).toBe(0);
    await page.close();
  });

  it('has no serious accessibility violations and works from the keyboard', async () => {
    const page = await open(fakeAdminBackend());
    const apply = page.getByRole('button', { name: 'Apply template' });
    await apply.waitFor();
    expect(await tabTo(page, apply)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByLabel('Monday, interval 1: start', { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('is accessible in Russian and in the dark theme too, validation messages included', async () => {
    const page = await open(fakeAdminBackend(), 'ru_RU', 'dark');
    await page.getByLabel('Шаблон', { exact: true }).selectOption('advantshop');
    await page.getByRole('button', { name: 'Применить шаблон' }).click();
    await page.getByLabel('Суббота, интервал 1: конец', { exact: true }).fill('07:00');
    await page.locator('tr[data-day="sat"] .field-error').waitFor();
    expect(await page.locator('html').getAttribute('data-color-mode')).toBe('dark');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('names the calendars and says the preview coverage warnings in Russian on the Russian page', async () => {
    // A preview from November 2027 reaches into 2028, for which the shipped production calendar has no data.
    const page = await open(fakeAdminBackend({ previewNowMs: Date.parse('2027-11-01T10:00:00+03:00') }), 'ru_RU');
    await page.getByLabel('Шаблон', { exact: true }).selectOption('altec');
    await page.getByRole('button', { name: 'Применить шаблон' }).click();
    const picker = page.getByLabel('Редактируемый календарь', { exact: true });
    await picker.waitFor();
    expect(await picker.locator('option:checked').innerText()).toBe('Алтек: пн–пт 09:00–18:00 МСК (altec)');
    expect(await page.getByLabel('Календарь этого пакета', { exact: true }).first().locator('option[value="altec"]').innerText()).toBe('Алтек: пн–пт 09:00–18:00 МСК');
    const warnings = page.locator('[data-testid="calendar-preview"] .warnings li');
    await warnings.first().waitFor();
    expect(await warnings.allInnerTexts()).toEqual(['01.01.2028: нет данных производственного календаря на 2028 год; будни считаются рабочими днями.']);

    // Renamed by hand, the calendar shows the name typed: the Russian one no longer translates it.
    await page.locator('#calendar').getByLabel('Название', { exact: true }).fill('Altec support');
    expect(await picker.locator('option:checked').innerText()).toBe('Altec support (altec)');
    await page.close();
  });

  it('needs no inline styles or scripts (Forge CSP)', () => {
    expect(cspErrors).toEqual([]);
  });
});
