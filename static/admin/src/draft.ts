// Pure helpers of the admin page: the editable draft of a configuration, paths of its fields in
// the same notation the backend's validation uses, and parsers of the small text formats the
// forms accept (date lists, date-specific hours, customer CSV). No DOM, so Jest tests them.
import Papa from 'papaparse';
import { formatConfigPath } from '../../../src/config/path';
import { calendarNames } from '../../../src/domain/calendar/calendar-def';
import { channel } from '../../../src/domain/templates/common';
import type { Locale } from '../../../src/shared/contract';
import type { SlaConfig } from '../../../src/domain/sla/types';

type DeepMutable<T> = T extends readonly [infer A, infer B] ? [DeepMutable<A>, DeepMutable<B>] : T extends ReadonlyArray<infer U> ? DeepMutable<U>[] : T extends object ? { -readonly [K in keyof T]: DeepMutable<T[K]> } : T;

/** The configuration being edited: the `SlaConfig` JSON, made mutable for immer-style updates on a clone. */
export type Draft = DeepMutable<SlaConfig>;
export type CalendarDraft = Draft['calendars'][string];
export type Issue = { path: string; message: string };

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Field paths exactly as the backend names them (`goals.resolution["2"]`). */
export const pathOf = (...segments: Array<string | number>): string => formatConfigPath(segments);

/** Narrows what getAdminState/applyTemplate sent; anything else is treated as "no configuration". */
export function asDraft(config: unknown): Draft | null {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return null;
  const c = config as Record<string, unknown>;
  if (c.schemaVersion !== 2 || typeof c.calendars !== 'object' || !Array.isArray(c.packages)) return null;
  return structuredClone(config) as Draft;
}

/** Returns a changed copy; the original (React state) is never mutated. */
export function edit(draft: Draft, change: (d: Draft) => void): Draft {
  const next = structuredClone(draft);
  change(next);
  return next;
}

/** A small valid configuration to start from scratch: one calendar, one package, one goal. */
export function scratchConfig(): Draft {
  const nineToSix: Array<[string, string]> = [['09:00', '18:00']];
  return {
    schemaVersion: 2,
    name: { ru: 'Регламент технической поддержки', en: 'Support regulation' },
    template: null,
    calendarId: 'main',
    calendars: {
      main: {
        name: 'Mon–Fri 09:00–18:00',
        timezone: 'Europe/Moscow',
        week: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix, sat: [], sun: [] },
        holidays: [],
        recurringHolidays: [],
        holidayHours: [],
        workingDates: [],
        shortDates: [],
        shortenBy: 60,
        dates: {},
        productionCalendar: 'RU',
        productionYears: {},
      },
    },
    packages: [
      {
        id: 'standard',
        name: { ru: 'Стандартный', en: 'Standard' },
        description: null,
        price: null,
        validity: { kind: 'unlimited' },
        channels: [],
        products: [],
        extras: [],
        skypeContacts: 0,
        calendarId: null,
      },
    ],
    defaultPackage: 'standard',
    priorities: [],
    defaultPriority: null,
    goalsBy: { reaction: 'package' },
    goals: { reaction: { standard: '4h' } },
    atRiskThreshold: 0.25,
    statuses: { initial: ['Open'], customerWait: ['Waiting for customer'], resolved: ['Resolved'], closed: ['Closed'] },
    agentRule: { kind: 'notReporter' },
    autoClose: null,
    customers: [],
    acknowledgement: { enabled: false, text: { ru: 'Обращение {key} зарегистрировано.', en: 'Request {key} is registered.' } },
    minimumAnswerMinutes: null,
  };
}

/** Issues at exactly this path, or (with `within`) at it and anything below it. */
export function issuesAt(issues: readonly Issue[], path: string, within = false): Issue[] {
  return issues.filter((i) => i.path === path || (within && (i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`))));
}

/** What is wrong with one line; the page renders it in its language (messages `line.<code>`). */
export type LineProblemCode =
  | 'notDate' | 'notDateHours' | 'notMonthDay' | 'intervals' | 'notChannel'
  | 'csvHeader' | 'csvRow' | 'needsOrgOrDomain' | 'unknownPackage' | 'fromNotDate' | 'toNotDate' | 'endsBeforeStarts';

export interface LineProblem {
  line: number;
  code: LineProblemCode;
  /** The offending text and other values the message names. */
  vars?: Readonly<Record<string, string>>;
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** "one date per line" lists; blank lines are ignored, bad lines reported by number. */
export function parseDateLines(text: string): { dates: string[]; problems: LineProblem[] } {
  const dates: string[] = [];
  const problems: LineProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    if (isRealDate(line)) dates.push(line);
    else problems.push({ line: i + 1, code: 'notDate', vars: { text: line } });
  });
  return { dates: [...new Set(dates)].sort(), problems };
}

/** Intervals typed as "09:00-13:00, 14:00-18:00" (or "off" for none). */
export function parseIntervals(text: string): Array<[string, string]> | null {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'off' || t === '-' || t === 'выходной') return [];
  const out: Array<[string, string]> = [];
  for (const part of t.split(/[,;]\s*|\s+(?=\d{1,2}:\d{2}\s*[-–])/)) {
    const m = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(part.trim());
    if (!m || !m[1] || !m[2]) return null;
    out.push([m[1].padStart(5, '0'), m[2].padStart(5, '0')]);
  }
  return out;
}

export function formatIntervals(list: ReadonlyArray<readonly [string, string]>): string {
  return list.length === 0 ? 'off' : list.map(([a, b]) => `${a}-${b}`).join(', ');
}

/** Date-specific hours, one per line: "2026-12-31 09:00-13:00, 14:00-16:00" or "2026-12-30 off". */
export function parseDateHours(text: string): { dates: Record<string, Array<[string, string]>>; problems: LineProblem[] } {
  const dates: Record<string, Array<[string, string]>> = {};
  const problems: LineProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const m = /^(\d{4}-\d{2}-\d{2})\s+(.+)$/.exec(line);
    const intervals = m?.[2] !== undefined ? parseIntervals(m[2]) : null;
    if (!m || !m[1] || !isRealDate(m[1]) || intervals === null) problems.push({ line: i + 1, code: 'notDateHours', vars: { text: line } });
    else dates[m[1]] = intervals;
  });
  return { dates, problems };
}

export function formatDateHours(dates: Readonly<Record<string, ReadonlyArray<readonly [string, string]>>>): string {
  return Object.keys(dates)
    .sort()
    .map((d) => `${d} ${formatIntervals(dates[d] ?? [])}`)
    .join('\n');
}

export type CustomerDraft = Draft['customers'][number];

const HEADER_ALIASES: Record<string, 'organization' | 'emailDomain' | 'package' | 'validFrom' | 'validTo' | 'note'> = {
  organization: 'organization', organisation: 'organization', org: 'organization', customer: 'organization', 'организация': 'organization', 'клиент': 'organization',
  domain: 'emailDomain', emaildomain: 'emailDomain', email_domain: 'emailDomain', 'домен': 'emailDomain',
  package: 'package', 'пакет': 'package',
  validfrom: 'validFrom', valid_from: 'validFrom', from: 'validFrom', 'с': 'validFrom', 'начало': 'validFrom',
  validto: 'validTo', valid_to: 'validTo', to: 'validTo', until: 'validTo', 'по': 'validTo', 'окончание': 'validTo',
  note: 'note', comment: 'note', 'примечание': 'note',
};

/**
 * Customer → package assignments from CSV with a header row (organization or domain, package,
 * validFrom, validTo, note; Russian headers accepted; comma or semicolon). Rows that cannot be
 * used are reported with their line number and not imported.
 */
export function customersFromCsv(text: string, packageIds: readonly string[]): { customers: CustomerDraft[]; problems: LineProblem[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => HEADER_ALIASES[h.trim().toLowerCase().replace(/\s+/g, '')] ?? h.trim(),
  });
  // Papa's messages are English; the row number is what the admin needs.
  const problems: LineProblem[] = parsed.errors.map((e) => ({ line: (e.row ?? 0) + 2, code: 'csvRow' }));
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes('package') || !(fields.includes('organization') || fields.includes('emailDomain'))) {
    return { customers: [], problems: [{ line: 1, code: 'csvHeader' }] };
  }
  const known = new Set(packageIds);
  const customers: CustomerDraft[] = [];
  parsed.data.forEach((row, i) => {
    const line = i + 2;
    const org = row.organization?.trim() ?? '';
    const domain = row.emailDomain?.trim() ?? '';
    const pkg = row.package?.trim() ?? '';
    const from = row.validFrom?.trim() ?? '';
    const to = row.validTo?.trim() ?? '';
    const bad = (code: LineProblemCode, vars?: Record<string, string>) => problems.push({ line, code, ...(vars ? { vars } : {}) });
    if (!org && !domain) return bad('needsOrgOrDomain');
    if (!known.has(pkg)) return bad('unknownPackage', { package: pkg });
    if (from && !isRealDate(from)) return bad('fromNotDate', { text: from });
    if (to && !isRealDate(to)) return bad('toNotDate', { text: to });
    if (from && to && to < from) return bad('endsBeforeStarts', { from, to });
    customers.push({
      match: org ? { organization: org } : { emailDomain: domain },
      package: pkg,
      validFrom: from || null,
      validTo: to || null,
      note: row.note?.trim() || null,
    });
  });
  return { customers, problems };
}

/** Every package/priority id a goal table must have, for the matrix editor. */
export function goalRows(draft: Draft, by: 'package' | 'priority' | 'matrix'): string[] {
  return by === 'priority' ? draft.priorities.map((p) => p.id) : draft.packages.map((p) => p.id);
}

/** Re-keys a goal table when the admin switches how a clock is keyed, keeping what still fits. */
export function rekeyGoals(draft: Draft, clock: 'reaction' | 'resolution', by: 'package' | 'priority' | 'matrix'): void {
  const old = draft.goals[clock] ?? {};
  const firstString = Object.values(old).find((v): v is string => typeof v === 'string') ?? '4h';
  const table: Record<string, string | Record<string, string>> = {};
  for (const id of goalRows(draft, by)) {
    const prev = old[id];
    if (by === 'matrix') {
      const row: Record<string, string> = {};
      for (const p of draft.priorities) row[p.id] = typeof prev === 'object' ? (prev[p.id] ?? firstString) : (typeof prev === 'string' ? prev : firstString);
      table[id] = row;
    } else {
      table[id] = typeof prev === 'string' ? prev : firstString;
    }
  }
  draft.goals[clock] = table;
  draft.goalsBy[clock] = by;
}

/** Goals of the first package or priority (both clocks), for the calendar preview's sample due instants. */
export function sampleGoals(draft: Draft): string[] {
  const out: string[] = [];
  for (const clock of ['reaction', 'resolution'] as const) {
    const table = draft.goals[clock];
    const first = table ? Object.values(table)[0] : undefined;
    if (typeof first === 'string') out.push(first);
    else if (first) { const v = Object.values(first)[0]; if (v) out.push(v); }
  }
  return [...new Set(out)].slice(0, 10);
}

const CHANNEL_KINDS = ['email', 'phone', 'freePhone', 'skype', 'portal', 'form', 'chat', 'other'] as const;
type ChannelKind = (typeof CHANNEL_KINDS)[number];
export type ChannelDraft = Draft['packages'][number]['channels'][number];

/** Channels as "kind | address" lines (e.g. "email | support@example.ru"). */
export function channelsToLines(list: readonly ChannelDraft[]): string {
  return list.map((c) => (c.address ? `${c.kind} | ${c.address}` : c.kind)).join('\n');
}

/** Parses channel lines; the channel names come from the kind (as in the templates) unless a line keeps its old name. */
export function linesToChannels(text: string, previous: readonly ChannelDraft[] = []): { channels: ChannelDraft[]; problems: LineProblem[] } {
  const channels: ChannelDraft[] = [];
  const problems: LineProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const [kindText = '', ...rest] = line.split('|');
    const kind = kindText.trim() as ChannelKind;
    if (!CHANNEL_KINDS.includes(kind)) {
      problems.push({ line: i + 1, code: 'notChannel', vars: { text: kindText.trim(), kinds: CHANNEL_KINDS.join(', ') } });
      return;
    }
    const address = rest.join('|').trim();
    const old = previous.find((c) => c.kind === kind && c.address === address);
    channels.push(old ? structuredClone(old) : (structuredClone(channel(kind, address)) as ChannelDraft));
  });
  return { channels, problems };
}

/** Month-day lines ("01-07") for holidays that repeat every year. */
export function parseMonthDays(text: string): { days: string[]; problems: LineProblem[] } {
  const days: string[] = [];
  const problems: LineProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    if (/^\d{2}-\d{2}$/.test(line) && isRealDate(`2000-${line}`)) days.push(line);
    else problems.push({ line: i + 1, code: 'notMonthDay', vars: { text: line } });
  });
  return { days: [...new Set(days)].sort(), problems };
}

/**
 * A calendar's name in the page language: the domain's `calendarNames` rule (the translated name
 * while its English side still matches the typed `name`, else `name`, else the id).
 */
export function calendarName(cal: Pick<CalendarDraft, 'name' | 'names'> | undefined, id: string, lang: Locale): string {
  return cal ? calendarNames(cal, id)[lang] : id;
}

/** For the calendar picker: the name in the page language and the id; an unnamed calendar shows its id alone. */
export function calendarLabel(cal: Pick<CalendarDraft, 'name' | 'names'> | undefined, id: string, lang: Locale): string {
  if (!cal || (cal.name === undefined && cal.names === undefined)) return id;
  return `${calendarName(cal, id, lang)} (${id})`;
}
