// iCalendar (.ics): every all-day VEVENT becomes days off. The format has no way to say that a
// Saturday is worked or that a day is shortened, so the result always carries that warning.

import ICAL from 'ical.js';
import { dayNumber, formatDate } from '../time/day';
import { CalendarError } from './errors';
import { ImportCollector, type CalendarImport } from './import-result';

export const ICS_LIMITATION_WARNING =
  'iCalendar (.ics) cannot mark a working Saturday or a shortened day: only days off were imported; add worked weekends and short days by hand';

/** Longest all-day event accepted, so a typo in DTEND cannot create years of holidays. */
const MAX_EVENT_DAYS = 60;

/**
 * Reads all-day events of an .ics file as holidays (best effort, with a warning).
 * @example importIcsCalendar(icsText).warnings[0] // "iCalendar (.ics) cannot mark a working Saturday…"
 */
export function importIcsCalendar(text: string): CalendarImport {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch (e) {
    throw new CalendarError('INVALID_IMPORT', [{ path: 'ics', message: `malformed iCalendar: ${(e as Error).message}` }]);
  }
  if (root.name !== 'vcalendar') {
    throw new CalendarError('INVALID_IMPORT', [{ path: 'ics', message: `expected BEGIN:VCALENDAR, got ${root.name.toUpperCase()}` }]);
  }
  const out = new ImportCollector();
  out.warnings.push(ICS_LIMITATION_WARNING);
  let timed = 0;
  root.getAllSubcomponents('vevent').forEach((ev, i) => {
    const where = `VEVENT #${i + 1}${ev.getFirstPropertyValue('summary') ? ` (${String(ev.getFirstPropertyValue('summary'))})` : ''}`;
    const start = ev.getFirstPropertyValue('dtstart');
    if (!(start instanceof ICAL.Time)) {
      out.problem(where, 'missing or invalid DTSTART');
      return;
    }
    if (!start.isDate) {
      timed++;
      return;
    }
    const endValue = ev.getFirstPropertyValue('dtend');
    const first = dayNumber(start.year, start.month, start.day);
    let last = first; // DTEND is exclusive; without it an all-day event lasts one day
    if (endValue instanceof ICAL.Time) last = dayNumber(endValue.year, endValue.month, endValue.day) - 1;
    if (last < first) {
      out.problem(where, 'DTEND is before DTSTART');
      return;
    }
    if (last - first + 1 > MAX_EVENT_DAYS) {
      out.problem(where, `all-day event spans ${last - first + 1} days (more than ${MAX_EVENT_DAYS})`);
      return;
    }
    for (let d = first; d <= last; d++) out.holiday(formatDate(d));
  });
  if (timed > 0) out.warnings.push(`${timed} timed event(s) skipped: only all-day events become holidays`);
  return out.finish('ics', 'no all-day VEVENTs in the iCalendar file');
}
