// Agreed deadlines on the issue panel (issue 15): the agreement line under a clock and the
// "Agree a deadline" form, real bundle in Chromium through the fake bridge (the resolver's rules are
// proven on the emulator in test/scenarios/forge-agreements.test.ts).
import type { Browser, Page } from 'playwright-core';
import type { ClockView, Envelope, IssueSlaView } from '../../src/shared/contract';
import { countingView } from './ui-fixtures';
import { browserAvailable, installBridge, launchBrowser, missingBuilds, serveBuilds, type FakeHost } from './ui-harness';

const run = browserAvailable('ui-agree') && missingBuilds(['issue-panel']).length === 0;
if (!run && missingBuilds(['issue-panel']).length > 0) {
  const msg = 'ui-agree: static/issue-panel/build is missing; run `npm run build` first';
  if (process.env.CI === 'true') throw new Error(msg);
  console.warn(`\n\n*** SKIPPED *** ${msg}\n\n`);
}
jest.setTimeout(60_000);
const describeIf = run ? describe : describe.skip;

function agreedView(nowMs: number): IssueSlaView {
  const v = countingView(nowMs);
  const clocks = v.clocks.map((c): ClockView =>
    c.kind === 'resolution'
      ? {
          ...c,
          agreement: {
            originalGoalMinutes: 720,
            originalDue: '2026-03-04T14:00:00+03:00',
            count: 1,
            lastReason: 'waiting for a vendor fix',
            lastAt: '2026-03-02T11:00:00+03:00',
            lastBy: 'agent-1',
            lastByName: 'Ivan Petrov',
            metAsAgreed: false,
          },
        }
      : c,
  );
  return { ...v, clocks };
}

describeIf('agreed deadlines on the issue panel', () => {
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

  async function open(locale: string, agreeAnswer: (payload: unknown) => Envelope<IssueSlaView>): Promise<{ page: Page; host: FakeHost; saved: unknown[] }> {
    // An American browser in New York: the form must follow the page's language and the user's zone.
    const page = await browser.newPage({ viewport: { width: 560, height: 1000 }, locale: 'en-US', timezoneId: 'America/New_York' });
    page.setDefaultTimeout(15_000);
    const saved: unknown[] = [];
    let view: IssueSlaView = countingView(Date.now());
    const host = await installBridge(page, {
      context: {
        accountId: 'agent-1',
        locale,
        timezone: 'Europe/Moscow',
        moduleKey: 'sla-issue-panel',
        theme: { colorMode: 'light' },
        extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'SUP-1' }, project: { id: '10000', key: 'SUP' } },
      },
      resolvers: {
        getIssueSla: () => ({ ok: true, data: view }),
        agreeDeadline: (payload: unknown) => {
          saved.push(payload);
          const answer = agreeAnswer(payload);
          if (answer.ok) view = answer.data;
          return answer;
        },
      },
    });
    await page.goto(`${server.url}/app/issue-panel/`);
    return { page, host, saved };
  }

  it('extends the resolution clock from the form and then shows the moved due, the reason and who (English)', async () => {
    const { page, saved } = await open('en_US', () => ({ ok: true, data: agreedView(Date.now()) }));
    await page.locator('[data-clock="resolution"]').waitFor();
    expect(await page.locator('.clock__agreement').count()).toBe(0);
    await page.getByRole('button', { name: 'Agree a deadline' }).click();
    await page.locator('select[name="clock"]').selectOption('resolution');
    await page.locator('input[name="extend"]').fill('4h');
    await page.locator('textarea[name="reason"]').fill('waiting for a vendor fix');
    await page.getByRole('button', { name: 'Save' }).click();
    const line = page.locator('[data-clock="resolution"] .clock__agreement');
    await line.waitFor();
    expect(saved).toEqual([{ issueKey: 'SUP-1', clock: 'resolution', reason: 'waiting for a vendor fix', extend: '4h' }]);
    const text = await line.innerText();
    expect(text).toMatch(/^agreed: due moved from .+ to .+/);
    expect(text).toContain('waiting for a vendor fix — Ivan Petrov');
    // The form closed after saving.
    expect(await page.locator('form.agree').count()).toBe(0);
  });

  it('says in Russian why the backend refused, and keeps the form open', async () => {
    const { page } = await open('ru_RU', () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'Package "Basic" does not allow agreed deadlines / Пакет «Базовый» не допускает согласованных сроков' } }));
    await page.locator('[data-clock="resolution"]').waitFor();
    await page.getByRole('button', { name: 'Согласовать срок' }).click();
    await page.getByLabel('Согласованный срок').check();
    await page.locator('input[name="due"]').fill('06.03.2030 18:00');
    await page.locator('textarea[name="reason"]').fill('заказчик согласовал');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/^Не сохранено: .*не допускает согласованных сроков/);
    expect(await page.locator('form.agree').count()).toBe(1);
  });

  it.each([
    ['ru_RU', 'Согласовать срок', 'Согласованный срок', 'Сохранить', 'дд.мм.гггг чч:мм', '06.03.2030 18:00', '31.02.2030 10:00', '«31.02.2030 10:00» — не дата и время; введите как дд.мм.гггг чч:мм.'],
    ['en_US', 'Agree a deadline', 'Agreed due', 'Save', 'yyyy-mm-dd hh:mm', '2030-03-06 18:00', '2030-02-31 10:00', '"2030-02-31 10:00" is not a date and time; type it as yyyy-mm-dd hh:mm.'],
  ])('takes the agreed due in the page format and 24-hour time, read in the user zone, not the browser (%s)', async (locale, open_, dueMode, save, placeholder, typed, wrong, wrongText) => {
    const { page, saved } = await open(locale, () => ({ ok: true, data: agreedView(Date.now()) }));
    await page.locator('[data-clock="resolution"]').waitFor();
    await page.getByRole('button', { name: open_ }).click();
    await page.getByLabel(dueMode).check();
    const due = page.locator('input[name="due"]');
    // Not the native picker, which shows the browser's 03/06/2030, 06:00 PM whatever the page language.
    expect(await due.getAttribute('type')).toBe('text');
    expect(await due.getAttribute('placeholder')).toBe(placeholder);
    await page.locator('textarea[name="reason"]').fill('agreed');
    await due.fill(wrong);
    await page.getByRole('button', { name: save }).click();
    const alert = page.locator('.agree__error');
    await alert.waitFor();
    expect(await alert.innerText()).toBe(wrongText);
    expect(saved).toEqual([]);
    await due.fill(typed);
    await page.getByRole('button', { name: save }).click();
    await page.locator('form.agree').waitFor({ state: 'detached' });
    // 18:00 in Moscow (the user's Jira zone), not in New York (the browser's).
    expect(saved).toEqual([{ issueKey: 'SUP-1', clock: 'resolution', reason: 'agreed', due: '2030-03-06T15:00:00.000Z' }]);
    await page.close();
  });
});
