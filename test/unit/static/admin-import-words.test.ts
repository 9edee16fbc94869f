import { CalendarError } from '../../../src/domain/calendar/errors';
import { importCsvCalendar } from '../../../src/domain/calendar/import-csv';
import { importIcsCalendar, ICS_LIMITATION_WARNING } from '../../../src/domain/calendar/import-ics';
import { importXmlCalendar } from '../../../src/domain/calendar/import-xml';
import type { ResolverError } from '../../../src/shared/contract';
import { importErrorLines, importWarningText } from '../../../static/admin/src/import-words';
import { ADMIN_MESSAGES } from '../../../static/admin/src/messages';
import { translator } from '../../../static/shared/i18n';

const ru = translator(ADMIN_MESSAGES, 'ru');
const en = translator(ADMIN_MESSAGES, 'en');

/** What the resolver answers for an importer's refusal (admin.ts calendarIssues). */
function refusal(run: () => unknown): ResolverError {
  try {
    run();
  } catch (e) {
    if (e instanceof CalendarError) return { code: 'BAD_REQUEST', message: e.message, issues: e.issues.map((i) => ({ path: i.path, message: i.message })) };
    throw e;
  }
  throw new Error('the importer accepted it');
}

/** English words outside «quotes»: what must not reach a Russian page. */
const english = (text: string) => text.replace(/«[^»]*»/g, '').match(/\b[A-Za-z]{3,}\b/g) ?? [];

describe('calendar import errors and warnings in words', () => {
  it('says each refused CSV line in Russian and English, with the line and no English or paths on the Russian page', () => {
    const err = refusal(() => importCsvCalendar('date,type\n2026-13-45,holiday\n2026-01-02,someday\n'));
    const lines = importErrorLines(err, 'csv', ru, 500);
    expect(lines).toEqual(['строка 2: «2026-13-45» — не дата вида ГГГГ-ММ-ДД', 'строка 3: тип дня «someday» неизвестен (ожидается «holiday», «working» или «short»)']);
    expect(lines.flatMap(english)).toEqual([]);
    expect(importErrorLines(err, 'csv', en, 500)[0]).toBe('line 2: “2026-13-45” is not a date YYYY-MM-DD');
  });

  it('says a broken XML or iCalendar file, an empty one and an oversized one in words', () => {
    expect(importErrorLines(refusal(() => importXmlCalendar('<calendar year="20x6"><days></days></calendar>')), 'xml', ru, 500)[0]).toMatch(/год календаря «20x6»|ожидается файл xmlcalendar.ru/);
    expect(importErrorLines(refusal(() => importIcsCalendar('BEGIN:VCALENDAR\nEND:VCALENDAR\n')), 'ics', ru, 500)).toEqual(['в файле нет ни выходных, ни рабочих выходных, ни сокращённых дней']);
    const big: ResolverError = { code: 'BAD_REQUEST', message: 'text: Too big: expected string to have <=400000 characters', issues: [{ path: 'text', message: 'Too big: expected string to have <=400000 characters' }] };
    expect(importErrorLines(big, 'csv', ru, 500)).toEqual(['файл слишком большой для отправки (не больше 500 КБ)']);
    for (const text of importErrorLines(big, 'xml', ru, 500)) expect(english(text)).toEqual([]);
  });

  it('says the iCalendar warnings in the page language', () => {
    expect(importWarningText(ICS_LIMITATION_WARNING, ru)).toMatch(/^Файл iCalendar не умеет отмечать рабочие субботы/);
    expect(importWarningText('2 timed event(s) skipped: only all-day events become holidays', ru)).toBe('Пропущены события со временем суток (2): праздниками становятся только события на весь день.');
    expect(importWarningText('2 timed event(s) skipped: only all-day events become holidays', en)).toBe('Events with a time of day were skipped (2): only all-day events become holidays.');
  });
});
