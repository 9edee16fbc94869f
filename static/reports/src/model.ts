// What the Reports page shows, computed from the resolver's ReportView: pure functions, so the
// page's numbers can be tested in Node against the domain's own report.
import { NO_GROUP, unpackReportRow, type ReportClockKind, type ReportDimension, type ReportRow } from '../../../src/domain/report';
import { instantToLocal } from '../../../src/domain/time/zone';
import type { Locale, ReportGroupView, ReportView } from '../../../src/shared/contract';

export const CLOCKS: readonly ReportClockKind[] = ['reaction', 'resolution', 'followUp'];
export const DIMENSIONS: readonly ReportDimension[] = ['package', 'priority', 'customer', 'agent', 'month'];

const FIELD: Record<ReportDimension, 'byPackage' | 'byPriority' | 'byCustomer' | 'byAgent' | 'byMonth'> = {
  package: 'byPackage',
  priority: 'byPriority',
  customer: 'byCustomer',
  agent: 'byAgent',
  month: 'byMonth',
};

/** The rows sent with the report, read back into the domain's form; unreadable ones are dropped. */
export function rowsOf(view: ReportView): ReportRow[] {
  const out: ReportRow[] = [];
  for (const packed of view.rows) {
    const r = unpackReportRow(packed);
    if (r.ok) out.push(r.row);
  }
  return out;
}

/** Clocks the configuration has at all in this report (a regulation without resolution shows none). */
export function clocksInUse(view: ReportView): ReportClockKind[] {
  return CLOCKS.filter((k) => {
    const c = view.total.clocks[k];
    return c.met + c.breached + c.running + c.atRisk + c.paused > 0;
  });
}

/**
 * Packages and priorities in the configured order (the order of `names`, which the server builds
 * from the configuration), ids it does not name after them, "(not set)" last; other groups as sent.
 */
function configuredOrder<T>(view: ReportView, dimension: ReportDimension, entries: Array<[string, T]>): Array<[string, T]> {
  if (dimension !== 'package' && dimension !== 'priority') return entries;
  const order = Object.keys(view.names[dimension]);
  const rank = (k: string): number => (k === NO_GROUP ? Number.MAX_SAFE_INTEGER : order.includes(k) ? order.indexOf(k) : order.length);
  return [...entries].sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
}

export function groupsOf(view: ReportView, dimension: ReportDimension): Array<[string, ReportGroupView]> {
  return configuredOrder(view, dimension, Object.entries(view[FIELD[dimension]]));
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();
/** "2026-03" → "March 2026" / "март 2026 г." (short: "Mar 26" for chart axes). */
export function monthLabel(month: string, locale: string, short = false): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  const key = `${locale}|${short}`;
  let f = monthFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, short ? { month: 'short', year: '2-digit', timeZone: 'UTC' } : { month: 'long', year: 'numeric', timeZone: 'UTC' });
    monthFormats.set(key, f);
  }
  return f.format(Date.UTC(y, m - 1, 15));
}

/** A group key as people read it: package and priority names, month names, "(not set)". */
export function groupLabel(view: ReportView, dimension: ReportDimension, key: string, lang: Locale, locale: string, none: string): string {
  if (key === NO_GROUP) return none;
  if (dimension === 'package') return view.names.package[key]?.[lang] ?? key;
  if (dimension === 'priority') {
    const name = view.names.priority[key]?.[lang];
    return name ? (name.includes(key) ? name : `${key} — ${name}`) : key;
  }
  if (dimension === 'month') return monthLabel(key, locale);
  return key;
}

/** Open clocks of a group: running, at risk or paused. */
export function openCount(g: ReportGroupView, clock: ReportClockKind): number {
  const c = g.clocks[clock];
  return c.running + c.atRisk + c.paused;
}

export interface SeriesPoint {
  readonly x: string;
  readonly y: number | null;
}

/** % met per month for each clock in use: the compliance-over-time chart. */
export function complianceSeries(view: ReportView): Array<{ clock: ReportClockKind; points: SeriesPoint[] }> {
  const months = Object.keys(view.byMonth);
  return clocksInUse(view).map((clock) => ({
    clock,
    points: months.map((m) => ({ x: m, y: view.byMonth[m]!.clocks[clock].metPercent })),
  }));
}

/** "2026-03-02" → "2 Mar" / "2 мар.": a week on a chart axis. */
export function weekLabel(monday: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.parse(`${monday}T12:00:00Z`));
}

/** Monday (YYYY-MM-DD) of the week of instant `ms` on the wall clock of `zone`. */
export function weekOf(ms: number, zone: string): string {
  const local = new Date(instantToLocal(zone, ms));
  const back = (local.getUTCDay() + 6) % 7;
  local.setUTCDate(local.getUTCDate() - back);
  return local.toISOString().slice(0, 10);
}

/**
 * % met per week for each clock in use, from the rows: a short period (one or two months) would
 * be one or two points per month. Every week from the first to the last row is present, a week
 * with nothing judged has null.
 */
export function weeklyComplianceSeries(view: ReportView, rows: readonly ReportRow[]): { weeks: string[]; series: Array<{ clock: ReportClockKind; points: SeriesPoint[] }> } {
  const byWeek = new Map<string, Record<ReportClockKind, { met: number; breached: number }>>();
  for (const r of rows) {
    const w = weekOf(r.createdMs, view.timezone);
    let t = byWeek.get(w);
    if (!t) {
      t = { reaction: { met: 0, breached: 0 }, resolution: { met: 0, breached: 0 }, followUp: { met: 0, breached: 0 } };
      byWeek.set(w, t);
    }
    const tally = t;
    const add = (k: ReportClockKind, c: { state: string } | null): void => {
      if (c?.state === 'met') tally[k].met++;
      else if (c?.state === 'breached') tally[k].breached++;
    };
    add('reaction', r.reaction);
    add('resolution', r.resolution);
    for (const c of r.followUp) add('followUp', c);
  }
  const sorted = [...byWeek.keys()].sort();
  const weeks: string[] = [];
  if (sorted.length > 0) {
    const end = sorted[sorted.length - 1]!;
    for (let d = new Date(`${sorted[0]!}T00:00:00Z`); d.toISOString().slice(0, 10) <= end; d.setUTCDate(d.getUTCDate() + 7)) weeks.push(d.toISOString().slice(0, 10));
  }
  const series = clocksInUse(view).map((clock) => ({
    clock,
    points: weeks.map((w) => {
      const c = byWeek.get(w)?.[clock];
      const judged = c ? c.met + c.breached : 0;
      return { x: w, y: c && judged > 0 ? Math.round((c.met / judged) * 10_000) / 100 : null };
    }),
  }));
  return { weeks, series };
}

/** Breached clocks per priority and clock: the breaches-by-priority chart. */
export function breachesByPriority(view: ReportView): Array<{ priority: string; counts: Record<ReportClockKind, number> }> {
  return Object.entries(view.byPriority).map(([priority, g]) => ({
    priority,
    counts: { reaction: g.clocks.reaction.breached, resolution: g.clocks.resolution.breached, followUp: g.clocks.followUp.breached },
  }));
}

/**
 * The dimension the breaches chart splits by: priority, or package when the regulation has no
 * priorities (Agent Plus, AdvantShop key their goals by package only).
 */
export function breachDimension(view: ReportView): 'priority' | 'package' {
  const keys = Object.keys(view.byPriority);
  return keys.length === 0 || keys.every((k) => k === NO_GROUP) ? 'package' : 'priority';
}

/** Breached clocks per group of `dimension`, for the breaches chart. */
export function breachesBy(view: ReportView, dimension: 'priority' | 'package'): Array<{ key: string; counts: Record<ReportClockKind, number> }> {
  const groups = dimension === 'priority' ? view.byPriority : view.byPackage;
  return configuredOrder(view, dimension, Object.entries(groups)).map(([key, g]) => ({
    key,
    counts: { reaction: g.clocks.reaction.breached, resolution: g.clocks.resolution.breached, followUp: g.clocks.followUp.breached },
  }));
}

/** YYYY-MM-DD of a local calendar date. */
function ymd(y: number, m: number, d: number): string {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.toISOString().slice(0, 10);
}

export type PeriodPreset = 'thisMonth' | 'lastMonth' | 'quarter' | 'year';

/** Period presets around `today` (the viewer's local date); `to` is inclusive. */
export function presetPeriod(preset: PeriodPreset, today: { y: number; m: number; d: number }): { from: string; to: string } {
  const { y, m, d } = today;
  switch (preset) {
    case 'thisMonth':
      return { from: ymd(y, m, 1), to: ymd(y, m, d) };
    case 'lastMonth':
      return { from: ymd(y, m - 1, 1), to: ymd(y, m, 0) };
    case 'quarter':
      return { from: ymd(y, m - 2, 1), to: ymd(y, m, d) };
    case 'year':
      return { from: ymd(y, 1, 1), to: ymd(y, m, d) };
  }
}

/** The viewer's local date in `timeZone`. */
export function todayIn(timeZone: string, nowMs: number): { y: number; m: number; d: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(nowMs);
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? '0');
  return { y: get('year'), m: get('month'), d: get('day') };
}

/** Requests in the report whose customer is not known (no organization, e-mail hidden): a warning's count. */
export function unknownCustomers(view: Pick<ReportView, 'byCustomer'>): number {
  return view.byCustomer[NO_GROUP]?.requests ?? 0;
}
