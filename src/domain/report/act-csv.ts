// The customer act as CSV. Kept apart from act.ts so the act's numbers (which the Forge functions
// compute) do not pull papaparse into the function bundle; the CSV is made in the browser and by the CLI.

import { ACT_TEXT, type CustomerAct } from './act';
import { toCsv, type CsvOptions } from './csv';
import { REPORT_CLOCK_KINDS } from './report-row';

export interface ActCsvOptions extends CsvOptions {
  readonly priorityName?: (id: string) => string;
  readonly packageName?: (id: string) => string;
}

const hours = (minutes: number, locale: 'ru' | 'en'): string => {
  const s = String(Math.round((minutes / 60) * 100) / 100);
  return locale === 'ru' ? s.replace('.', ',') : s;
};

/** The act as CSV: a header block (customer, period, package, hours), then one line per priority and clock. */
export function actCsv(act: CustomerAct, o: ActCsvOptions): string {
  const t = ACT_TEXT[o.locale];
  const pkg = (id: string) => o.packageName?.(id) ?? id;
  const prio = (id: string | null) => (id === null ? t.noPriority : (o.priorityName?.(id) ?? id));
  const num = (x: number | null) => (x === null ? '' : o.locale === 'ru' ? String(x).replace('.', ',') : String(x));
  const a = act.assignment;
  const rows: string[][] = [
    [t.customer, act.customer, '', '', '', '', ''],
    [t.month, act.month, '', '', '', '', ''],
    [t.package, a ? pkg(a.package) : act.packages.map(pkg).join(', '), a ? `${a.validFrom ?? '…'} – ${a.validTo ?? t.unlimited}` : t.noAssignment, a ? t.coverage[a.coverage] : '', '', '', ''],
    [t.requests, String(act.requests), t.unresolved, String(act.unresolved), '', '', ''],
    [t.answers, String(act.answers), t.accounted, hours(act.accountedMinutes, o.locale), t.quota, act.quotaMinutes === null ? t.noQuota : hours(act.quotaMinutes, o.locale), ''],
    [t.over, hours(act.overQuotaMinutes, o.locale), '', '', '', '', ''],
    // Only when there are agreements, so acts without them read as before.
    ...(act.agreedExtensions > 0
      ? [[t.agreed, String(act.agreedExtensions), t.metAsAgreed, String(REPORT_CLOCK_KINDS.reduce((n, k) => n + (act.total.clocks[k].metAsAgreed ?? 0), 0)), '', '', '']]
      : []),
    ['', '', '', '', '', '', ''],
  ];
  for (const line of [...act.byPriority, act.total]) {
    for (const kind of REPORT_CLOCK_KINDS) {
      const c = line.clocks[kind];
      rows.push([line === act.total ? t.total : prio(line.priority), t.clock[kind], String(line.requests), String(c.met), String(c.breached), String(c.open), num(c.metPercent)]);
    }
  }
  return toCsv([t.priority, 'SLA', t.requests, t.met, t.breached, t.open, t.metPercent], rows, o);
}
