// What the Reports page shows, computed from the resolver's ReportView: pure functions, so the
// page's numbers can be tested in Node against the domain's own report.
import { NO_GROUP, unpackReportRow, type ReportClockKind, type ReportDimension, type ReportRow } from '../../../src/domain/report';
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

export function groupsOf(view: ReportView, dimension: ReportDimension): Array<[string, ReportGroupView]> {
  return Object.entries(view[FIELD[dimension]]);
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
  return Object.entries(groups).map(([key, g]) => ({
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
