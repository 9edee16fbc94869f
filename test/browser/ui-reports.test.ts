// The Reports page in Chromium: its getReport answered by the real report service over stored rows
// of seeded requests (computed with the real clocks), its Jira reads (journal) by a small fake.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { ActiveConfigs } from '../../src/app/config-store';
import type { IssueFacts } from '../../src/app/ports';
import { computeOne } from '../../src/app/recompute-issue';
import { getCustomerAct } from '../../src/app/customer-act';
import { getReport, recordReportRows } from '../../src/app/report-service';
import { emptyFields } from '../../src/app/stored-sla';
import { slaRequestSchema } from '../../src/config';
import { drillDown, unpackReportRow } from '../../src/domain/report';
import type { CustomerActView, QueueRow, ReportView } from '../../src/shared/contract';
import { TEMPLATES } from '../../src/domain/templates';
import { MemoryStore } from '../fakes/memory-store';
import { generateRequests } from '../fixtures/report/requests';
import { browserAvailable, installBridge, launchBrowser, missingBuilds, seriousViolations, serveBuilds } from './ui-harness';

const buildsMissing = missingBuilds(['reports']).length > 0;
if (buildsMissing) {
  const msg = 'ui-reports: static/reports/build is missing; run `npm run build` first';
  if (process.env.CI === 'true') throw new Error(msg);
  console.warn(`\n\n*** SKIPPED *** ${msg}\n\n`);
}
const describeIf = browserAvailable('ui-reports') && !buildsMissing ? describe : describe.skip;

const NOW = Date.parse('2026-04-08T12:00:00+03:00');
const log = { info() {}, warn() {}, error() {} };
const configs = new ActiveConfigs(new Map([['default', { scope: 'default', version: 1, config: TEMPLATES.barier }]]));
const requests = generateRequests('barier', 150, 11).filter((r) => Date.parse(r.created) <= NOW);

function facts(key: string, organization: string | null): IssueFacts {
  return {
    id: key,
    key,
    projectKey: 'SUP',
    summary: key,
    status: { name: 'Open', category: 'new' },
    createdMs: 0,
    reporter: { accountId: null, emailDomain: null, organization },
    packageId: null,
    priorityId: null,
    stored: null,
    written: emptyFields,
  };
}

async function backend() {
  const store = new MemoryStore();
  const computed = requests.map((r) => computeOne(facts(r.key, r.customer?.organization ?? null), configs.forProject('SUP')!, slaRequestSchema.parse(r), NOW, false));
  await recordReportRows({ store, log }, computed, NOW);
  const deps = { store, log, userJira: { listProjects: async () => [{ key: 'SUP', name: 'Support' }], visibleRequests: async (rows: readonly { key: string }[]) => new Set(rows.map((r) => r.key)) } };
  const report = (payload: { from: string; to: string; projectKey?: string }) => getReport(deps, configs, payload, NOW);
  const act = (payload: { month: string; customer?: string; projectKey?: string }) => getCustomerAct(deps, configs, payload, NOW);
  return { report, act };
}

/**
 * Jira's answers for the journal: bulk fetch gives summary, reporter, status and one agent comment;
 * bulk changelog gives no status change (the requests never moved).
 */
function journalAnswer(path: string, body: string): unknown {
  if (path.startsWith('/rest/api/3/changelog/bulkfetch')) return { issueChangeLogs: [] };
  const keys = (JSON.parse(body) as { issueIdsOrKeys: string[] }).issueIdsOrKeys;
  return {
    issues: keys.map((key, i) => {
      const req = requests.find((r) => r.key === key)!;
      return {
        id: String(10000 + i),
        key,
        fields: {
          summary: `Обращение ${key}: не запускается, "ошибка"`,
          status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
          reporter: { displayName: 'Иванов Иван', emailAddress: 'ivanov@example.ru' },
          comment: { comments: [{ created: new Date(Date.parse(req.created) + 3_600_000).toISOString(), body: 'Передано в ТП.', author: { displayName: 'Рудаков А.' } }] },
        },
      };
    }),
    issueErrors: [],
  };
}

/** What getQueue answers: most urgent first (the backend sorts). */
const QUEUE: QueueRow[] = [
  { issueKey: 'SUP-9', summary: 'Не печатаются пропуска', status: 'In Progress', package: 'contract', priority: '1', mostUrgent: { kind: 'resolution', state: 'breached', due: '2026-04-08T10:00:00+03:00', remainingMinutes: -120 } },
  { issueKey: 'SUP-4', summary: 'Вопрос по настройке прав', status: 'Open', package: 'contract', priority: '3', mostUrgent: { kind: 'reaction', state: 'atRisk', due: '2026-04-08T12:30:00+03:00', remainingMinutes: 30 } },
  { issueKey: 'SUP-2', summary: 'Ждём логи', status: 'Waiting for customer', package: 'contract', priority: '2', mostUrgent: { kind: 'resolution', state: 'paused', due: null, remainingMinutes: 300 } },
];

describeIf('reports page in the browser', () => {
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

  async function open(locale: string, width = 1300): Promise<{ page: Page; views: ReportView[]; acts: CustomerActView[] }> {
    const b = await backend();
    const views: ReportView[] = [];
    const acts: CustomerActView[] = [];
    const page = await browser.newPage({ viewport: { width, height: 1000 }, acceptDownloads: true });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => console.error('page error:', e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await installBridge(page, {
      handler: async (name, payload) => {
        const p = (payload ?? {}) as Record<string, unknown>;
        switch (name) {
          case 'getContext':
            return { accountId: 'lead-1', locale, timezone: 'Europe/Moscow', moduleKey: 'sla-reports', extension: { type: 'jira:adminPage' } };
          case 'invoke': {
            if (p.functionKey === 'getQueue') return { ok: true, data: QUEUE };
            if (p.functionKey === 'getCustomerAct') {
              const act = await b.act(p.payload as { month: string; customer?: string });
              acts.push(act);
              return { ok: true, data: act };
            }
            if (p.functionKey !== 'getReport') return { ok: false, error: { code: 'NOT_FOUND', message: String(p.functionKey) } };
            try {
              const view = await b.report(p.payload as { from: string; to: string });
              views.push(view);
              return { ok: true, data: view };
            } catch (e) {
              return { ok: false, error: { code: (e as { code?: string }).code ?? 'INTERNAL', message: (e as Error).message } };
            }
          }
          case 'fetchProduct': {
            const init = p.fetchRequestInit as { body?: string };
            return { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body: JSON.stringify(journalAnswer(String(p.restPath ?? ''), init.body ?? '{}')) };
          }
          default:
            return true;
        }
      },
    });
    await page.goto(`${server.url}/app/reports/`);
    return { page, views, acts };
  }

  it('shows the numbers of the report, drills down to the requests behind one and exports CSV', async () => {
    const { page, views } = await open('en_US');
    await page.getByRole('button', { name: 'This year' }).click();
    await page.getByRole('table', { name: 'SLA compliance by Priority' }).waitFor();
    const view = views[views.length - 1]!;
    expect(view.from).toBe('2026-01-01T00:00:00+03:00');
    expect(view.total.requests).toBe(requests.length);
    expect(await page.locator('.kpi').first().innerText()).toContain(String(view.total.requests));
    expect(await page.locator('svg.chart[role="img"]').count()).toBe(3);

    // The breached resolution clocks of priority 1, from the table, list exactly the requests behind them.
    const breached = view.byPriority['1']!.clocks.resolution.breached;
    expect(breached).toBeGreaterThan(0);
    await page.getByRole('button', { name: `Priority 1, Resolution: Breached ${breached}`, exact: true }).click();
    const rows = view.rows.map((r) => unpackReportRow(r)).flatMap((r) => (r.ok ? [r.row] : []));
    const expected = drillDown(rows, { group: { dimension: 'priority', key: '1' }, clock: 'resolution', measure: 'breached' }).map((i) => i.key);
    const drill = page.locator('section.drill');
    await drill.getByRole('heading', { name: new RegExp(`: ${breached} requests$`) }).waitFor();
    expect(await drill.locator('tbody a').allInnerTexts()).toEqual(expected);
    expect(await drill.locator('tbody a').first().getAttribute('href')).toBe(`/browse/${expected[0]}`);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const data = Papa.parse<string[]>(bytes.toString('utf8').slice(1), { skipEmptyLines: true }).data;
    expect(data[0]!.slice(0, 4)).toEqual(['Section', 'Group', 'SLA clock', 'Requests']);
    expect(data[1]!.slice(0, 4)).toEqual(['Total', '', 'Reaction', String(view.total.requests)]);

    await page.screenshot({ path: '/tmp/reports-en.png', fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(cspErrors).toEqual([]);
    await page.close();
  });

  it('speaks Russian and exports the request journal of one customer with Cyrillic intact', async () => {
    const { page, views } = await open('ru_RU');
    await page.getByRole('button', { name: 'Этот год' }).click();
    await page.getByRole('heading', { name: 'Отчёты SLA', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Соблюдение SLA: Приоритет' }).waitFor();
    await page.getByLabel('Заказчик для журнала').selectOption('АКБ Барьер');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Журнал обращений (CSV)' }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const data = Papa.parse<string[]>(text.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(data[0]).toEqual(['№ заявки', 'Приоритет', 'Организация', 'Текст обращения', 'Статус заявки', 'Контакты', 'Дата\\\\Ход решения']);
    const view = views[views.length - 1]!;
    expect(data.length - 1).toBe(view.byCustomer['АКБ Барьер']!.requests);
    expect(data[1]![2]).toBe('АКБ Барьер');
    expect(data[1]![3]).toMatch(/^Обращение SUP-\d+: не запускается, "ошибка"$/);
    expect(data[1]![4]).toBe('Открыта');
    expect(data[1]![5]).toContain('1. ФИО: Иванов Иван');
    expect(data[1]![6]).toMatch(/^\d\d\.\d\d\.26 \d\d:\d\d \\\\Заявка зарегистрирована, передано в ТП\.\n\d\d\.\d\d\.26 \d\d:\d\d \\\\Рудаков А\.: Передано в ТП\.$/);
    await page.getByRole('status').filter({ hasText: /Журнал по \d+ обращениям выгружен/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it.each([
    ['ru_RU', 'Соблюдение SLA: Приоритет', 'ru'],
    ['en_US', 'SLA compliance by Priority', 'en'],
  ] as const)('opens on the quarter up to the server\'s today, fits 1400 px, and draws readable charts with priority names in order (%s)', async (locale, tableName, lang) => {
    const { page, views } = await open(locale, 1400);
    await page.getByRole('table', { name: tableName }).waitFor();
    // The simulated server now (8 Apr 2026), not the browser's date, ends the default period.
    // In the page's format (not the browser's en-US): 08.04.2026 on a Russian page.
    const shown = lang === 'ru' ? '08.04.2026' : '2026-04-08';
    await page.waitForFunction(`document.querySelectorAll('.period input')[1]?.value === ${JSON.stringify(shown)}`);
    expect(await page.locator('.period input').first().inputValue()).toBe(lang === 'ru' ? '01.02.2026' : '2026-02-01');
    await page.getByRole('table', { name: tableName }).waitFor();
    const view = views[views.length - 1]!;
    expect([view.from, view.to]).toEqual(['2026-02-01T00:00:00+03:00', '2026-04-09T00:00:00+03:00']);
    // The table fits the page at 1400 px: no horizontal scrolling of its 20 columns.
    await page.locator('.table-wrap').first().screenshot({ path: `/tmp/reports-table-${lang}.png` });
    const wrap = await page.locator('.table-wrap').first().evaluate((e) => {
      const box = e as unknown as { scrollWidth: number; clientWidth: number };
      return { scroll: box.scrollWidth, client: box.clientWidth };
    });
    expect(wrap.scroll).toBeLessThanOrEqual(wrap.client);
    // Axis labels render at least 11 px high on screen.
    const heights = await page.locator('svg.chart .chart__axis text, svg.chart text.chart__axis').evaluateAll((els) => els.map((e) => (e as unknown as { getBoundingClientRect(): { height: number } }).getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(5);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(11);
    // Breaches by priority: the configured names in the configured order.
    // A date typed in the page's format is the period; a non-date is said, not sent.
    const from = page.locator('.period input').first();
    await from.fill(lang === 'ru' ? '31.02.2026' : '2026-02-31');
    await page.getByRole('alert').filter({ hasText: lang === 'ru' ? 'Это не дата: введите как дд.мм.гггг' : 'Not a date: type it as yyyy-mm-dd' }).waitFor();
    await from.fill(lang === 'ru' ? '01.03.2026' : '2026-03-01');
    await page.locator('.period button[type=submit]').click();
    for (let i = 0; i < 50 && views[views.length - 1]!.from !== '2026-03-01T00:00:00+03:00'; i++) await page.waitForTimeout(100);
    expect(views[views.length - 1]!.from).toBe('2026-03-01T00:00:00+03:00');
    await page.getByRole('table', { name: tableName }).waitFor();
    const bars = page.locator('svg.chart').nth(1);
    const labels = await bars.locator('text.chart__axis').evaluateAll((els) =>
      els.map((e) => {
        const node = e as unknown as { querySelector(s: string): { textContent: string | null } | null; textContent: string | null };
        return node.querySelector('title')?.textContent ?? node.textContent;
      }),
    );
    const order = TEMPLATES.barier.priorities.map((p) => p.id).filter((id) => id in view.byPriority);
    expect(labels.slice(0, order.length)).toEqual(order.map((id) => TEMPLATES.barier.priorities.find((p) => p.id === id)!.name[lang]));
    await page.close();
  });

  it('draws a short period by week as lines, bridging weeks without a judged clock', async () => {
    const { page } = await open('en_US', 1400);
    await page.getByRole('button', { name: 'This month' }).click();
    await page.getByRole('heading', { name: /by week/i }).first().waitFor();
    const line = page.locator('svg.chart').first();
    const perSeries = await line.locator('g[class^="series--"]').evaluateAll((gs) =>
      gs.map((g) => {
        const node = g as unknown as { querySelectorAll(s: string): { length: number } };
        return { dots: node.querySelectorAll('circle').length, paths: node.querySelectorAll('path.chart__line').length };
      }),
    );
    expect(perSeries.length).toBeGreaterThan(0);
    for (const s of perSeries) if (s.dots >= 2) expect(s.paths).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/reports-weekly.png', fullPage: true });
    await page.close();
  });

  it('lists the open requests of the project, most urgent first, with the working time left', async () => {
    const { page } = await open('en_US');
    await page.getByRole('tab', { name: 'Queue' }).click();
    const rows = page.locator('table.queue__table tbody tr');
    await rows.first().waitFor();
    expect(await rows.locator('td:first-child a').allInnerTexts()).toEqual(['SUP-9', 'SUP-4', 'SUP-2']);
    expect(await rows.nth(0).innerText()).toMatch(/Resolution\s+breached[\s\S]*overdue by 2h/i);
    expect(await rows.nth(1).innerText()).toMatch(/Reaction\s+at risk[\s\S]*30m left/i);
    expect(await rows.nth(2).innerText()).toMatch(/paused, 5h left/);
    expect(await rows.nth(0).getAttribute('data-state')).toBe('breached');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it.each([
    ['ru_RU', 'Акт для заказчика', 'Акт оказания услуг технической поддержки', 'Заказчик', 'Печать или PDF'],
    ['en_US', 'Customer act', 'Technical support services act', 'Customer', 'Print or save as PDF'],
  ])('prints the customer act of a month (%s) with the numbers of the report rows and hides the controls on paper', async (locale, tab, title, customerLabel, print) => {
    const { page, acts } = await open(locale);
    await page.getByRole('tab', { name: tab }).click();
    await page.getByRole('heading', { name: title }).waitFor();
    const first = acts[acts.length - 1]!;
    expect(first.month).toBe('2026-04');
    expect(first.customers.length).toBeGreaterThan(1);
    // Pick another customer and the month with most requests: the page asks again and shows its act.
    const other = first.customers[1]!;
    await page.getByLabel(customerLabel, { exact: true }).selectOption(other);
    await page.locator(`article.act[data-customer="${other}"]`).waitFor();
    const shown = acts[acts.length - 1]!.act!;
    expect(shown.customer).toBe(other);
    const mine = requests.filter((r) => r.customer?.organization === other && r.created.slice(0, 7) === '2026-04');
    expect(shown.requests).toBe(mine.length);
    expect(await page.locator('[data-act="requests"]').innerText()).toBe(String(mine.length));
    const rowsShown = await page.locator('table.act__table tbody tr').count();
    expect(rowsShown).toBe(shown.byPriority.length + 1);
    expect(await page.getByRole('button', { name: print }).isEnabled()).toBe(true);
    await page.screenshot({ path: `/tmp/act-${locale}.png`, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.act__controls').isVisible()).toBe(false);
    expect(await page.locator('article.act').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
