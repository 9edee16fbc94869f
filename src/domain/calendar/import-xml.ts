// xmlcalendar.ru format: <calendar year="2024"><days><day d="MM.DD" t="1|2|3" [h=".."] [f="MM.DD"]/>…
// t=1 day off, t=2 shortened working day, t=3 worked weekend; unlisted Sat/Sun are days off.

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod/v3';
import { parseDate } from '../time/day';
import { CalendarError } from './errors';
import { ImportCollector, type CalendarImport } from './import-result';

const attrs = z.record(z.string(), z.unknown());
const docSchema = z.object({
  calendar: z.object({
    '@_year': z.union([z.string(), z.number()]),
    days: z.union([z.object({ day: z.array(attrs).optional() }), z.literal('')]).optional(),
  }),
});

/**
 * Line numbers of ascending offsets in one pass over the text (a scan from the start per offset
 * made a year of <day> elements quadratic in the file size).
 */
export function linesOfOffsets(text: string, offsets: readonly number[]): number[] {
  const out: number[] = [];
  let line = 1;
  let pos = 0;
  for (const offset of offsets) {
    const end = Math.min(offset, text.length);
    for (; pos < end; pos++) if (text.charCodeAt(pos) === 10) line++;
    out.push(line);
  }
  return out;
}

/**
 * Reads one year of the xmlcalendar XML format.
 * @example importXmlCalendar('<calendar year="2028"><days><day d="01.01" t="1"/></days></calendar>').holidays // ["2028-01-01"]
 */
export function importXmlCalendar(text: string): CalendarImport {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new CalendarError('INVALID_IMPORT', [{ path: `line ${valid.err.line}`, message: `malformed XML: ${valid.err.msg}` }]);
  }
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseAttributeValue: false,
    isArray: (name) => name === 'day',
  }).parse(text) as unknown;
  const doc = docSchema.safeParse(parsed);
  if (!doc.success) {
    throw new CalendarError('INVALID_IMPORT', [
      { path: '<calendar>', message: 'expected a <calendar year="YYYY"> root element with <days><day d="MM.DD" t="1|2|3"/></days>' },
    ]);
  }
  const yearText = String(doc.data.calendar['@_year']);
  if (!/^\d{4}$/.test(yearText)) {
    throw new CalendarError('INVALID_IMPORT', [{ path: '<calendar year>', message: `expected a four-digit year, got "${yearText}"` }]);
  }
  const days = doc.data.calendar.days === '' || doc.data.calendar.days === undefined ? [] : (doc.data.calendar.days.day ?? []);
  const dayLines = linesOfOffsets(text, [...text.matchAll(/<day\b/g)].map((m) => m.index));
  const out = new ImportCollector();
  days.forEach((day, i) => {
    const where = `line ${dayLines[i] ?? 1}: <day> #${i + 1}`;
    const d = String(day['@_d'] ?? '');
    const t = String(day['@_t'] ?? '');
    const m = /^(\d{2})\.(\d{2})$/.exec(d);
    const date = m ? `${yearText}-${m[1]}-${m[2]}` : '';
    if (!m || parseDate(date) === null) {
      out.problem(where, `d="${d}" is not a date MM.DD in ${yearText}`);
      return;
    }
    if (t === '1') out.holiday(date);
    else if (t === '2') out.shortDay(date);
    else if (t === '3') out.workingWeekend(date);
    else out.problem(where, `t="${t}" must be 1 (day off), 2 (short day) or 3 (worked weekend)`);
  });
  return out.finish('xml', `no <day> elements in the calendar for ${yearText}`);
}
