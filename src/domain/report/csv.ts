// CSV exports: the compliance report and the request journal (Barier appendix 1).
//
// - UTF-8 with a byte-order mark, so Excel opens Cyrillic correctly on a double click.
// - RFC 4180: CRLF line ends, every field quoted and inner quotes doubled (papaparse's unparse).
//   Every field, not only those holding the delimiter: a ',' file opened with the ';' list
//   separator (or the reverse) must still keep each cell whole.
// - The delimiter follows the locale unless given: ';' for ru, because Russian Excel splits
//   columns on its list separator ';' (a comma file would open as one column), ',' for en;
//   numbers use the locale's decimal separator for the same reason.
// - Cells that start with = + - @ TAB CR get a leading apostrophe, and so does any such character
//   right after a delimiter character (, ; TAB) or a line break inside a cell: request text and
//   names come from customers, and a spreadsheet that splits a cell on another separator than the
//   file's (or ignores quotes) must not find a cell starting with a formula.

import Papa from 'papaparse';
import { instantToLocal } from '../time/zone';
import { REPORT_DIMENSIONS, type ComplianceReport, type GroupStats, type ReportDimension } from './aggregate';
import type { JournalEntry, JournalStatus } from './journal';
import { REPORT_CLOCK_KINDS, type ReportClockKind } from './report-row';

export type CsvLocale = 'ru' | 'en';

export interface CsvOptions {
  readonly locale: CsvLocale;
  /** Defaults to ';' for ru and ',' for en (see above). */
  readonly delimiter?: ',' | ';' | '\t';
}

export const CSV_BOM = '\uFEFF';

const FORMULA_CHARS = '=+\\-@\\t\\r';
const FORMULA_START = new RegExp(`^[${FORMULA_CHARS}]`);
// A formula character right after anything a spreadsheet may split a cell on.
// A lookahead, so a formula character that is itself a split character (TAB, CR) is also checked.
const FORMULA_AFTER_SPLIT = new RegExp(`([,;\\t\\n\\r])(?=[${FORMULA_CHARS}])`, 'g');

/** The cell with every possible cell start that looks like a formula turned into text. */
export function neutraliseCell(cell: string): string {
  const inner = cell.replace(FORMULA_AFTER_SPLIT, "$1'");
  return FORMULA_START.test(inner) ? `'${inner}` : inner;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>, o: CsvOptions): string {
  const body = Papa.unparse(
    { fields: header.map(neutraliseCell), data: rows.map((r) => r.map(neutraliseCell)) },
    { delimiter: o.delimiter ?? (o.locale === 'ru' ? ';' : ','), newline: '\r\n', quotes: true, escapeFormulae: false },
  );
  return `${CSV_BOM}${body}\r\n`;
}

function formatNumber(x: number | null, locale: CsvLocale): string {
  if (x === null) return '';
  const s = String(Math.round(x * 100) / 100);
  return locale === 'ru' ? s.replace('.', ',') : s;
}

const REPORT_TEXT = {
  ru: {
    header: ['Раздел', 'Группа', 'Срок SLA', 'Обращений', 'Выполнено', 'Нарушено', 'В работе', 'Под угрозой', 'На паузе', '% выполнения', 'Медиана, мин', '90-й перцентиль, мин', 'Ожидание заказчика, мин', 'Циклов доп. реакции', 'Ответов специалистов', 'Учтённое время, мин', 'Выполнено по согласованному сроку'],
    total: 'Итого',
    dimension: { package: 'Пакет', priority: 'Приоритет', customer: 'Заказчик', agent: 'Специалист', month: 'Месяц' },
    clock: { reaction: 'Реакция', resolution: 'Решение', followUp: 'Реакция на доп. информацию' },
  },
  en: {
    header: ['Section', 'Group', 'SLA clock', 'Requests', 'Met', 'Breached', 'Running', 'At risk', 'Paused', 'Met %', 'Median, min', '90th percentile, min', 'Waiting for customer, min', 'Follow-up cycles', 'Answers', 'Accounted time, min', 'Met as agreed'],
    total: 'Total',
    dimension: { package: 'Package', priority: 'Priority', customer: 'Customer', agent: 'Agent', month: 'Month' },
    clock: { reaction: 'Reaction', resolution: 'Resolution', followUp: 'Follow-up' },
  },
} as const;

const GROUP_FIELD: Record<ReportDimension, keyof ComplianceReport> = {
  package: 'byPackage',
  priority: 'byPriority',
  customer: 'byCustomer',
  agent: 'byAgent',
  month: 'byMonth',
};

export interface ReportCsvOptions extends CsvOptions {
  /** Which sections to include (default all); the totals always come first. */
  readonly dimensions?: readonly ReportDimension[];
  /** Display names for group keys (package/priority ids → names); ids are used when absent. */
  readonly groupName?: (dimension: ReportDimension, key: string) => string;
}

/**
 * One line per section × group × clock, totals first.
 * @example reportCsv(report, { locale: 'ru' }).startsWith('\uFEFFРаздел;Группа') // true
 */
export function reportCsv(report: ComplianceReport, o: ReportCsvOptions): string {
  const t = REPORT_TEXT[o.locale];
  const rows: string[][] = [];
  const emit = (section: string, group: string, g: GroupStats): void => {
    for (const kind of REPORT_CLOCK_KINDS as readonly ReportClockKind[]) {
      const c = g.clocks[kind];
      rows.push([
        section,
        group,
        t.clock[kind],
        String(g.requests),
        String(c.met),
        String(c.breached),
        String(c.running),
        String(c.atRisk),
        String(c.paused),
        formatNumber(c.metPercent, o.locale),
        formatNumber(c.medianMinutes, o.locale),
        formatNumber(c.p90Minutes, o.locale),
        formatNumber(g.pausedMinutes, o.locale),
        String(g.followUpCycles),
        String(g.answers),
        formatNumber(g.accountedMinutes, o.locale),
        // Last, so readers of the older columns by position are not disturbed.
        String(c.metAsAgreed ?? 0),
      ]);
    }
  };
  emit(t.total, '', report.total);
  for (const dim of o.dimensions ?? REPORT_DIMENSIONS) {
    const groups = report[GROUP_FIELD[dim]] as Readonly<Record<string, GroupStats>>;
    for (const [key, g] of Object.entries(groups)) emit(t.dimension[dim], o.groupName?.(dim, key) ?? key, g);
  }
  return toCsv(t.header, rows, o);
}

const JOURNAL_TEXT = {
  ru: {
    header: ['№ заявки', 'Приоритет', 'Организация', 'Текст обращения', 'Статус заявки', 'Контакты', 'Дата\\\\Ход решения'],
    status: { open: 'Открыта', resolved: 'Завершена', closed: 'Закрыта' } satisfies Record<JournalStatus, string>,
    contacts: ['ФИО', 'Должность', 'Контактный телефон', 'Адрес электронной почты', '№ Гос. Контракта'],
  },
  en: {
    header: ['Request', 'Priority', 'Organization', 'Request text', 'Status', 'Contacts', 'Date / progress'],
    status: { open: 'Open', resolved: 'Resolved', closed: 'Closed' } satisfies Record<JournalStatus, string>,
    contacts: ['Full name', 'Position', 'Phone', 'E-mail', 'State contract No.'],
  },
} as const;

// The form writes the date and the step with a doubled backslash ("21.11.16 16:39 \\Передано в ТП.").
const SEP = '\\\\';
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "21.11.16 16:39": the date form of the regulation's journal, in the calendar's zone. */
export function formatJournalInstant(ms: number, timeZone: string): string {
  const d = new Date(instantToLocal(timeZone, ms));
  return `${pad2(d.getUTCDate())}.${pad2(d.getUTCMonth() + 1)}.${pad2(d.getUTCFullYear() % 100)} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

export interface JournalCsvOptions extends CsvOptions {
  /** The calendar's IANA zone: journal dates are the support team's wall clock. */
  readonly timeZone: string;
  readonly priorityName?: (id: string) => string;
}

/**
 * The request journal in the appendix-1 form; contacts and progress are multi-line cells,
 * numbered like the form ("1. ФИО …", "21.11.16 16:39 \\Передано в ТП.").
 */
export function journalCsv(entries: readonly JournalEntry[], o: JournalCsvOptions): string {
  const t = JOURNAL_TEXT[o.locale];
  const rows = entries.map((e) => {
    const c = e.contacts;
    const contactValues = [c.name, c.position, c.phone, c.email, c.contract];
    const contacts = contactValues.map((v, i) => `${i + 1}. ${t.contacts[i]}: ${v ?? ''}`.trimEnd()).join('\n');
    const progress = e.progress.map((p) => `${formatJournalInstant(p.atMs, o.timeZone)} ${SEP}${p.text}`).join('\n');
    return [e.key, e.priority === null ? '' : (o.priorityName?.(e.priority) ?? e.priority), e.organization ?? '', e.text, t.status[e.status], contacts, progress];
  });
  return toCsv(t.header, rows, o);
}
