// Calendar-import errors and warnings in the page language. The importers report English data
// (`line 5`, `"2026-13-45" is not a date YYYY-MM-DD`, zod's "Too big: …"); a person reads them in
// words, with no JSON path and no English on a Russian page.
import type { ResolverError } from '../../../src/shared/contract';
import type { AdminKey } from './messages';

type T = (key: AdminKey, vars?: Record<string, string | number>) => string;
const FORMAT = { xml: 'XML', csv: 'CSV', ics: 'iCalendar' } as const;

function where(path: string, t: T): string | null {
  const line = /^line (\d+)/.exec(path);
  const day = /<day> #(\d+)/.exec(path);
  if (day?.[1]) return `${line?.[1] ? `${t('import.where.line', { n: line[1] })}, ` : ''}${t('import.where.day', { n: day[1] })}`;
  if (line?.[1]) return t('import.where.line', { n: line[1] });
  const event = /^VEVENT #(\d+)(?: \((.*)\))?$/.exec(path);
  if (event?.[1]) return `${t('import.where.event', { n: event[1] })}${event[2] ? ` «${event[2]}»` : ''}`;
  return null;
}

function what(message: string, format: keyof typeof FORMAT, t: T, maxKb: number): string {
  const quoted = /"([^"]*)"/.exec(message)?.[1] ?? '';
  if (/^malformed (CSV|XML|iCalendar)/.test(message)) return t('import.err.malformed', { format: FORMAT[format] });
  if (/^expected a header/.test(message)) return t('import.err.csvHeader');
  if (/is not a date YYYY-MM-DD/.test(message)) return t('import.err.csvDate', { value: quoted });
  if (/^type ".*" must be/.test(message)) return t('import.err.csvType', { value: quoted });
  if (/^expected BEGIN:VCALENDAR/.test(message)) return t('import.err.icsRoot');
  if (/DTSTART/.test(message) && /missing|invalid/.test(message)) return t('import.err.icsStart');
  if (/DTEND is before DTSTART/.test(message)) return t('import.err.icsEnd');
  const long = /spans (\d+) days/.exec(message);
  if (long?.[1]) return t('import.err.icsLong', { days: long[1] });
  if (/^expected a <calendar/.test(message)) return t('import.err.xmlRoot');
  if (/four-digit year/.test(message)) return t('import.err.xmlYear', { value: quoted });
  if (/^d=".*" is not a date MM\.DD/.test(message)) return t('import.err.xmlDate', { value: quoted });
  if (/^t=".*" must be/.test(message)) return t('import.err.xmlType', { value: quoted });
  if (/^no /.test(message)) return t('import.err.empty');
  if (/too big|larger than|too large|characters/i.test(message)) return t('import.err.size', { max: maxKb });
  return t('import.err.other');
}

/** One line per problem: "строка 5: «2026-13-45» — не дата вида ГГГГ-ММ-ДД". */
export function importErrorLines(error: ResolverError, format: keyof typeof FORMAT, t: T, maxKb: number): string[] {
  const issues = error.issues && error.issues.length > 0 ? error.issues : [{ path: '', message: error.message }];
  return issues.map((i) => {
    const place = where(i.path, t);
    // A message may carry its place too ("text: …" from the resolver's schema).
    const text = what(i.message.replace(/^text: /, ''), format, t, maxKb);
    return place ? `${place}: ${text}` : text;
  });
}

export function importWarningText(warning: string, t: T): string {
  if (/^iCalendar \(\.ics\) cannot mark/.test(warning)) return t('import.warn.icsLimits');
  const timed = /^(\d+) timed event/.exec(warning);
  if (timed?.[1]) return t('import.warn.timed', { count: timed[1] });
  return warning;
}
