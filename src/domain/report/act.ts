// The customer act (issue 15): per customer and month, the document a support team hands its
// customer under the regulation — requests, clocks met / breached per priority, the hours accounted
// against the package's quota, and the package's validity. Built from the stored report rows (the
// same numbers as the compliance report), so the act and the report never disagree.

import type { SlaConfig } from '../sla/types';
import { type ReportClock, type ReportClockKind, type ReportRow } from './report-row';

export interface ActClockCounts {
  /** Clocks (follow-up: cycles) that stopped within the goal. */
  readonly met: number;
  /** Clocks that breached, stopped or still running. */
  readonly breached: number;
  /** Still running within the goal at the end of the act's data. */
  readonly open: number;
  /** met ÷ (met + breached), in percent; null when none is decided. */
  readonly metPercent: number | null;
  /** Of `met`, met only thanks to an agreed deadline (issue 15); absent = none. */
  readonly metAsAgreed?: number;
}

export interface ActLine {
  /** Priority id; null for requests without one. */
  readonly priority: string | null;
  readonly requests: number;
  readonly clocks: Readonly<Record<ReportClockKind, ActClockCounts>>;
}

export interface ActAssignment {
  readonly package: string;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  /** Whether the assignment covers the whole month, a part of it, or none of it. */
  readonly coverage: 'whole' | 'part' | 'none';
}

export interface CustomerAct {
  readonly customer: string;
  /** `YYYY-MM`: requests created in this month (in the calendar's zone). */
  readonly month: string;
  readonly assignment: ActAssignment | null;
  /** Packages the month's requests were measured by, most used first. */
  readonly packages: readonly string[];
  readonly requests: number;
  /** Requests whose resolution clock has not stopped yet. */
  readonly unresolved: number;
  readonly byPriority: readonly ActLine[];
  readonly total: ActLine;
  readonly answers: number;
  /** Support time accounted (answers × the regulation's minimum per answer). */
  readonly accountedMinutes: number;
  /** The package's monthly quota of support hours, in minutes; null when it has none. */
  readonly quotaMinutes: number | null;
  /** Accounted minutes beyond the quota (0 within it or without one). */
  readonly overQuotaMinutes: number;
  /** Clocks whose deadline was agreed with the customer (extended or an agreed due), issue 15. */
  readonly agreedExtensions: number;
  /** The newest row's computation instant: the act shows the state at that moment. */
  readonly asOfMs: number | null;
}

const norm = (s: string | null | undefined): string | null => {
  const t = s?.trim().toLowerCase().replace(/^@/, '');
  return t ? t : null;
};

interface Counts {
  met: number;
  breached: number;
  open: number;
  metAsAgreed: number;
}

function emptyCounts(): Counts {
  return { met: 0, breached: 0, open: 0, metAsAgreed: 0 };
}

function count(c: Counts, clock: ReportClock): void {
  if (clock.state === 'breached') c.breached++;
  else if (clock.stopped && clock.state === 'met') {
    c.met++;
    if (clock.agreed) c.metAsAgreed++;
  } else c.open++;
}

function finish(c: Counts): ActClockCounts {
  const decided = c.met + c.breached;
  const { metAsAgreed, ...rest } = c;
  return { ...rest, metPercent: decided === 0 ? null : Math.round((c.met / decided) * 1000) / 10, ...(metAsAgreed > 0 ? { metAsAgreed } : {}) };
}

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(d).padStart(2, '0')}`;
}

function assignmentOf(config: SlaConfig, customer: string, month: string): ActAssignment | null {
  const key = norm(customer);
  const a = config.customers.find((c) => norm('organization' in c.match ? c.match.organization : c.match.emailDomain) === key);
  if (!a) return null;
  const first = `${month}-01`;
  const last = lastDay(month);
  const from = a.validFrom ?? '0000-01-01';
  const to = a.validTo ?? '9999-12-31';
  const coverage = to < first || from > last ? 'none' : from <= first && to >= last ? 'whole' : 'part';
  return { package: a.package, validFrom: a.validFrom, validTo: a.validTo, coverage };
}

/** The act of one customer for one month, from the report rows (any superset of them: rows are filtered here). */
export function customerAct(config: SlaConfig, rows: Iterable<ReportRow>, customer: string, month: string): CustomerAct {
  const key = norm(customer);
  const lines = new Map<string | null, { requests: number; clocks: Record<ReportClockKind, ReturnType<typeof emptyCounts>> }>();
  const total = { requests: 0, clocks: { reaction: emptyCounts(), resolution: emptyCounts(), followUp: emptyCounts() } };
  const packages = new Map<string, number>();
  let unresolved = 0;
  let answers = 0;
  let accountedMinutes = 0;
  let asOfMs: number | null = null;
  let agreedExtensions = 0;
  for (const row of rows) {
    if (row.month !== month || norm(row.customer) !== key) continue;
    let line = lines.get(row.priority);
    if (!line) {
      line = { requests: 0, clocks: { reaction: emptyCounts(), resolution: emptyCounts(), followUp: emptyCounts() } };
      lines.set(row.priority, line);
    }
    line.requests++;
    total.requests++;
    for (const [kind, list] of [
      ['reaction', row.reaction ? [row.reaction] : []],
      ['resolution', row.resolution ? [row.resolution] : []],
      ['followUp', row.followUp],
    ] as const) {
      for (const clock of list) {
        count(line.clocks[kind], clock);
        count(total.clocks[kind], clock);
        if (clock.extended) agreedExtensions++;
      }
    }
    if (row.resolution && !row.resolution.stopped) unresolved++;
    if (row.package !== null) packages.set(row.package, (packages.get(row.package) ?? 0) + 1);
    answers += row.answers;
    accountedMinutes += row.accountedMinutes;
    if (asOfMs === null || row.computedAtMs > asOfMs) asOfMs = row.computedAtMs;
  }
  const order = new Map(config.priorities.map((p, i) => [p.id, i]));
  const rank = (p: string | null) => (p === null ? Number.MAX_SAFE_INTEGER : (order.get(p) ?? Number.MAX_SAFE_INTEGER - 1));
  const done = (l: { requests: number; clocks: Record<ReportClockKind, ReturnType<typeof emptyCounts>> }) => ({
    requests: l.requests,
    clocks: { reaction: finish(l.clocks.reaction), resolution: finish(l.clocks.resolution), followUp: finish(l.clocks.followUp) },
  });
  const assignment = assignmentOf(config, customer, month);
  const quotaPackage = config.packages.find((p) => p.id === (assignment?.package ?? [...packages.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]));
  const quotaMinutes = quotaPackage?.hoursQuota ? quotaPackage.hoursQuota.hoursPerMonth * 60 : null;
  return {
    customer,
    month,
    assignment,
    packages: [...packages.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([p]) => p),
    requests: total.requests,
    unresolved,
    byPriority: [...lines.entries()].sort((a, b) => rank(a[0]) - rank(b[0]) || String(a[0]).localeCompare(String(b[0]))).map(([priority, l]) => ({ priority, ...done(l) })),
    total: { priority: null, ...done(total) },
    answers,
    accountedMinutes,
    quotaMinutes,
    overQuotaMinutes: quotaMinutes === null ? 0 : Math.max(0, accountedMinutes - quotaMinutes),
    agreedExtensions,
    asOfMs,
  };
}

/** Customers that have requests in the month, for the act's picker (sorted). */
export function actCustomers(rows: Iterable<ReportRow>, month: string): string[] {
  const out = new Set<string>();
  for (const r of rows) if (r.month === month && r.customer) out.add(r.customer);
  return [...out].sort((a, b) => a.localeCompare(b));
}

export const ACT_TEXT = {
  ru: {
    title: 'Акт оказания услуг технической поддержки',
    customer: 'Заказчик',
    month: 'Период',
    package: 'Пакет',
    validity: 'Срок действия пакета',
    coverage: { whole: 'действует весь месяц', part: 'действует часть месяца', none: 'не действует в этом месяце' },
    noAssignment: 'пакет заказчика не назначен; обращения измерены по пакету по умолчанию',
    unlimited: 'бессрочно',
    requests: 'Обращений',
    unresolved: 'Не решено на дату акта',
    priority: 'Приоритет',
    noPriority: 'Без приоритета',
    total: 'Итого',
    clock: { reaction: 'Реакция', resolution: 'Решение', followUp: 'Реакция на доп. информацию' },
    met: 'в срок',
    breached: 'нарушено',
    open: 'в работе',
    metPercent: '% в срок',
    answers: 'Ответов специалистов',
    accounted: 'Учтённое время, ч',
    accountedTime: 'Учтённое время',
    quota: 'Норма пакета, ч в месяц',
    over: 'Сверх нормы, ч',
    agreed: 'Сроков, согласованных с заказчиком',
    metAsAgreed: 'из них выполнено только по согласованному сроку',
    noQuota: 'без нормы',
    asOf: 'Данные на',
  },
  en: {
    title: 'Technical support services act',
    customer: 'Customer',
    month: 'Period',
    package: 'Package',
    validity: 'Package validity',
    coverage: { whole: 'valid the whole month', part: 'valid part of the month', none: 'not valid this month' },
    noAssignment: "no package assigned to the customer; requests were measured by the default package",
    unlimited: 'unlimited',
    requests: 'Requests',
    unresolved: 'Unresolved as of the act',
    priority: 'Priority',
    noPriority: 'No priority',
    total: 'Total',
    clock: { reaction: 'Reaction', resolution: 'Resolution', followUp: 'Follow-up' },
    met: 'met',
    breached: 'breached',
    open: 'in progress',
    metPercent: 'met %',
    answers: 'Answers',
    accounted: 'Accounted time, h',
    accountedTime: 'Accounted time',
    quota: 'Package quota, h per month',
    over: 'Over the quota, h',
    agreed: 'Deadlines agreed with the customer',
    metAsAgreed: 'of which met only as agreed',
    noQuota: 'no quota',
    asOf: 'Data as of',
  },
} as const;
