// CSV `date,type[,…]` with types non_working | short | working_weekend (also `working`), as in
// ru-production-calendar.csv. A header row is optional; extra columns are ignored.

import Papa from 'papaparse';
import { parseDate } from '../time/day';
import { CalendarError } from './errors';
import { ImportCollector, type CalendarImport } from './import-result';

const TYPES = 'non_working, short or working_weekend';

/**
 * Reads production-calendar days from CSV.
 * @example importCsvCalendar('date,type\n2028-01-01,non_working\n').holidays // ["2028-01-01"]
 */
export function importCsvCalendar(text: string): CalendarImport {
  const parsed = Papa.parse<string[]>(text, { header: false, delimiter: ',', skipEmptyLines: false });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) {
    throw new CalendarError('INVALID_IMPORT', [{ path: `line ${(fatal.row ?? 0) + 1}`, message: `malformed CSV: ${fatal.message}` }]);
  }
  const out = new ImportCollector();
  let dateCol = 0;
  let typeCol = 1;
  parsed.data.forEach((row, index) => {
    const line = index + 1;
    const cells = row.map((c) => c.trim());
    if (cells.length === 0 || (cells.length === 1 && cells[0] === '')) return;
    if (index === 0 && parseDate(cells[0] ?? '') === null) {
      const lower = cells.map((c) => c.toLowerCase());
      dateCol = lower.indexOf('date');
      typeCol = lower.indexOf('type');
      if (dateCol < 0 || typeCol < 0) {
        throw new CalendarError('INVALID_IMPORT', [
          { path: 'line 1', message: 'expected a header with "date" and "type" columns, or data rows "YYYY-MM-DD,type"' },
        ]);
      }
      return;
    }
    const date = cells[dateCol] ?? '';
    const type = (cells[typeCol] ?? '').toLowerCase();
    if (parseDate(date) === null) {
      out.problem(`line ${line}`, `"${date}" is not a date YYYY-MM-DD`);
      return;
    }
    if (type === 'non_working' || type === 'holiday') out.holiday(date);
    else if (type === 'short') out.shortDay(date);
    else if (type === 'working_weekend' || type === 'working') out.workingWeekend(date);
    else out.problem(`line ${line}`, `type "${cells[typeCol] ?? ''}" must be ${TYPES}`);
  });
  return out.finish('csv', 'no data rows in the CSV');
}
