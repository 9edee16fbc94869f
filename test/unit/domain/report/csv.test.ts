import Papa from 'papaparse';
import { buildReport, progressFromEvents, type JournalEntry } from '../../../../src/domain/report';
import { CSV_BOM, formatJournalInstant, journalCsv, reportCsv } from '../../../../src/domain/report/csv';
import { clk, row } from './rows';

/** Parses our CSV back the way a spreadsheet would (RFC 4180), after checking and dropping the BOM. */
function parse(csv: string, delimiter: string): string[][] {
  expect(csv.startsWith(CSV_BOM)).toBe(true);
  const res = Papa.parse<string[]>(csv.slice(1), { delimiter, newline: '\r\n', skipEmptyLines: true });
  expect(res.errors).toEqual([]);
  return res.data;
}

const report = buildReport([
  row({ customer: 'ООО "Ромашка", филиал', priority: '1', reaction: clk('met', 20.5, 180), resolution: clk('breached', 300, 240) }),
  row({ customer: '=HYPERLINK("http://evil")', priority: '2', reaction: clk('met', 40, 180), followUp: [clk('met', 5)] }),
]);
const hostile = buildReport([
  row({ customer: '=HYPERLINK("http://evil")', priority: '2', reaction: clk('met', 40, 180) }),
  row({ customer: 'Acme;=cmd|" /c calc"!A1,+1\t\t-2\n@SUM(A1)', priority: '3', reaction: clk('met', 10, 180) }),
]);

/** Every way a spreadsheet may cut the file into cells: on , ; TAB or a line break, with or without honouring quotes. */
function cellStarts(csv: string): string[] {
  const text = csv.slice(1);
  const naive = text.split(/[,;\t\r\n]/).map((c) => c.replace(/^"/, ''));
  const quoted = [',', ';', '\t'].flatMap((d) => Papa.parse<string[]>(text, { delimiter: d, newline: '\r\n' }).data.flat());
  return [...naive, ...quoted];
}

describe('reportCsv', () => {
  it('starts with a UTF-8 byte-order mark and ends lines with CRLF', () => {
    const csv = reportCsv(report, { locale: 'ru' });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.split('\r\n').length).toBeGreaterThan(3);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes Russian headers, section and clock names with ; and decimal commas in ru', () => {
    const data = parse(reportCsv(report, { locale: 'ru' }), ';');
    expect(data[0]).toEqual(['Раздел', 'Группа', 'Срок SLA', 'Обращений', 'Выполнено', 'Нарушено', 'В работе', 'Под угрозой', 'На паузе', '% выполнения', 'Медиана, мин', '90-й перцентиль, мин', 'Ожидание заказчика, мин', 'Циклов доп. реакции', 'Ответов специалистов', 'Учтённое время, мин', 'Выполнено по согласованному сроку']);
    expect(data[1]!.slice(0, 6)).toEqual(['Итого', '', 'Реакция', '2', '2', '0']);
    // median of 20.5 and 40 = 30.25
    expect(data[1]![10]).toBe('30,25');
    expect(data.some((r) => r[0] === 'Приоритет' && r[1] === '1' && r[2] === 'Решение' && r[5] === '1')).toBe(true);
  });

  it('writes English headers with commas and decimal points in en', () => {
    const data = parse(reportCsv(report, { locale: 'en' }), ',');
    expect(data[0]!.slice(0, 4)).toEqual(['Section', 'Group', 'SLA clock', 'Requests']);
    expect(data[1]![10]).toBe('30.25');
  });

  it('quotes fields with the delimiter or quotes and doubles inner quotes (RFC 4180)', () => {
    const csv = reportCsv(report, { locale: 'en' });
    expect(csv).toContain('"ООО ""Ромашка"", филиал"');
    const data = parse(csv, ',');
    expect(data.some((r) => r[1] === 'ООО "Ромашка", филиал')).toBe(true);
  });

  it('quotes every cell, so a reader with the other list separator keeps each cell whole', () => {
    for (const [locale, delimiter] of [['en', ','], ['ru', ';']] as const) {
      const lines = reportCsv(hostile, { locale }).slice(1).split('\r\n').filter((l) => l !== '');
      const cell = '"(?:[^"]|"")*"';
      for (const line of lines.filter((l) => !l.includes('\n'))) expect(line).toMatch(new RegExp(`^${cell}(?:${delimiter}${cell})*$`));
    }
  });

  it('leaves no cell starting with a formula character, whichever separator the spreadsheet splits on', () => {
    for (const locale of ['en', 'ru'] as const) {
      const csv = reportCsv(hostile, { locale });
      const bad = cellStarts(csv).filter((c) => /^[=+\-@\t\r]/.test(c));
      expect(bad).toEqual([]);
      // The text itself survives, marked as text where a cell could start.
      const data = parse(csv, locale === 'en' ? ',' : ';');
      expect(data.some((r) => r[1] === `Acme;'=cmd|" /c calc"!A1,'+1\t'\t'-2\n'@SUM(A1)`)).toBe(true);
    }
  });

  it('keeps a customer name that looks like a formula from running as one', () => {
    const data = parse(reportCsv(report, { locale: 'en' }), ',');
    expect(data.some((r) => r[1] === `'=HYPERLINK("http://evil")`)).toBe(true);
  });

  it('names groups with the names it is given and includes only the sections asked for', () => {
    const data = parse(reportCsv(report, { locale: 'ru', dimensions: ['priority'], groupName: (_d, k) => `Приоритет ${k}` }), ';');
    expect(new Set(data.slice(1).map((r) => r[0]))).toEqual(new Set(['Итого', 'Приоритет']));
    expect(data.filter((r) => r[0] === 'Приоритет').map((r) => r[1])).toContain('Приоритет 1');
  });
});

describe('journalCsv (Barier appendix 1)', () => {
  const created = Date.parse('2016-11-21T16:39:00+03:00');
  const entry: JournalEntry = {
    key: 'SUP-1',
    createdMs: created,
    priority: '1',
    organization: 'АКБ Барьер',
    text: 'Не запускается АРМ; ошибка "E42"\nпосле обновления',
    status: 'closed',
    contacts: { name: 'Иванов И. И.', position: 'инженер', phone: '+7 (473) 202-24-64', email: 'ivanov@example.ru', contract: '0123-45' },
    progress: [
      { atMs: created, text: 'Передано в ТП.' },
      { atMs: Date.parse('2016-11-21T17:30:00+03:00'), text: 'Провел необходимые работы, нашел и устранил причину сбоя. Заявку можно закрывать.' },
    ],
  };

  it('has the columns of the form: priority, organization, text, status, contacts, date and progress', () => {
    const data = parse(journalCsv([entry], { locale: 'ru', timeZone: 'Europe/Moscow' }), ';');
    expect(data[0]).toEqual(['№ заявки', 'Приоритет', 'Организация', 'Текст обращения', 'Статус заявки', 'Контакты', 'Дата\\\\Ход решения']);
    const r = data[1]!;
    expect(r.slice(0, 5)).toEqual(['SUP-1', '1', 'АКБ Барьер', 'Не запускается АРМ; ошибка "E42"\nпосле обновления', 'Закрыта']);
    expect(r[5]).toBe('1. ФИО: Иванов И. И.\n2. Должность: инженер\n3. Контактный телефон: +7 (473) 202-24-64\n4. Адрес электронной почты: ivanov@example.ru\n5. № Гос. Контракта: 0123-45');
    expect(r[6]).toBe('21.11.16 16:39 \\\\Передано в ТП.\n21.11.16 17:30 \\\\Провел необходимые работы, нашел и устранил причину сбоя. Заявку можно закрывать.');
  });

  it('leaves unknown contacts blank after their number and writes statuses in the regulation words', () => {
    const open = { ...entry, status: 'open' as const, contacts: { name: 'Петров' } };
    const resolved = { ...entry, key: 'SUP-2', status: 'resolved' as const };
    const data = parse(journalCsv([open, resolved], { locale: 'ru', timeZone: 'Europe/Moscow', priorityName: (id) => `Приоритет ${id}` }), ';');
    expect(data[1]![4]).toBe('Открыта');
    expect(data[2]![4]).toBe('Завершена');
    expect(data[1]![1]).toBe('Приоритет 1');
    expect(data[1]![5]!.split('\n')).toEqual(['1. ФИО: Петров', '2. Должность:', '3. Контактный телефон:', '4. Адрес электронной почты:', '5. № Гос. Контракта:']);
  });

  it('writes dates on the support team wall clock, not the host zone', () => {
    expect(formatJournalInstant(Date.parse('2026-12-31T21:30:00Z'), 'Europe/Moscow')).toBe('01.01.27 00:30');
    expect(formatJournalInstant(Date.parse('2026-12-31T21:30:00Z'), 'UTC')).toBe('31.12.26 21:30');
  });
});

describe('progressFromEvents', () => {
  it('turns the history into journal lines, hiding internal comments', () => {
    const c = Date.parse('2026-03-02T09:00:00+03:00');
    const lines = progressFromEvents(
      c,
      [
        { atMs: c + 3_600_000, type: 'comment', by: 'agent', body: 'Уточните версию.' },
        { atMs: c + 600_000, type: 'priority', to: '2' },
        { atMs: c + 7_200_000, type: 'comment', by: 'agent', body: 'секрет', internal: true },
        { atMs: c + 9_000_000, type: 'comment', by: 'customer' },
        { atMs: c + 10_000_000, type: 'status', to: 'Resolved' },
      ],
      'ru',
    );
    expect(lines.map((l) => l.text)).toEqual(['Заявка зарегистрирована, передано в ТП.', 'Присвоен приоритет 2.', 'Уточните версию.', 'Получена информация от Заказчика.', 'Статус: Resolved.']);
  });
});
