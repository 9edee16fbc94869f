/**
 * Report section: how long the compliance report takes for 50 000 requests.
 *
 * - reportMs: from stored report rows (what the Reports page and getReport do): aggregate all
 *   groups with medians and 90th percentiles. Median of several runs.
 * - withClocksMs: from request histories: computeClocks + report row for every request, then the
 *   same aggregate (what `sla report` does, and the cost of rebuilding every row at once).
 * - reportCpuMs / withClocksCpuMs: the same in CPU time of the process (robust on a busy machine).
 * - unpackMs: reading the rows back from their stored (packed JSON) form first.
 * - upsertUs: keeping the report current when one request is recomputed (accumulator upsert +
 *   reading the report again is not included; the upsert alone).
 * Workload: seeded Barier-template histories (arrivals at any hour, 0–5 customer rounds with
 * waits and follow-ups, resolutions, reopenings) over 90 days, the same in every run.
 */
import { slaRequestSchema } from '../../../src/config';
import { buildReport, packReportRow, ReportAccumulator, reportRowFromClocks, unpackReportRow, type ReportRow } from '../../../src/domain/report';
import { computeClocks } from '../../../src/domain/sla';
import type { SlaRequest } from '../../../src/domain/sla/types';
import { TEMPLATES } from '../../../src/domain/templates';
import { generateRequests } from '../../fixtures/report/requests';
import { formatInt, formatTable } from '../lib/table';
import type { BenchOptions, SectionResult } from '../lib/types';

const SEED = 20_261_122;
const NOW = Date.parse('2026-04-08T12:00:00+03:00');

let lastCpuMs = 0;

/** Wall-clock ms of `fn`; its CPU ms (user + system of this process) is left in `lastCpuMs`. */
function timeMs(fn: () => void): number {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  lastCpuMs = (c.user + c.system) / 1000;
  return wall;
}

function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

export async function run(opts: BenchOptions): Promise<SectionResult> {
  const n = opts.quick ? 5_000 : 50_000;
  const config = TEMPLATES.barier;
  opts.log(`generating ${n} request histories…`);
  const requests: SlaRequest[] = generateRequests('barier', n, SEED).map((r) => slaRequestSchema.parse(r));
  const events = requests.reduce((s, r) => s + r.events.length, 0);

  const rounds = opts.quick ? 1 : 3;
  let rows: ReportRow[] = [];
  const withClocks: number[] = [];
  const withClocksCpu: number[] = [];
  for (let i = 0; i < rounds; i++) {
    withClocks.push(
      timeMs(() => {
        rows = requests.map((r) => reportRowFromClocks(config, r, computeClocks(config, r, NOW), NOW));
        buildReport(rows);
      }),
    );
    withClocksCpu.push(lastCpuMs);
  }
  opts.log(`computeClocks + rows + report: ${withClocks.map(round1).join(', ')} ms`);

  const reportRuns: number[] = [];
  const reportCpu: number[] = [];
  let requestsCounted = 0;
  for (let i = 0; i < (opts.quick ? 3 : 9); i++) {
    reportRuns.push(timeMs(() => void (requestsCounted = buildReport(rows).total.requests)));
    reportCpu.push(lastCpuMs);
  }
  if (requestsCounted !== rows.length) throw new Error(`report counted ${requestsCounted} of ${rows.length} rows`);

  const stored = rows.map((r) => JSON.stringify(packReportRow(r)));
  const bytes = stored.reduce((s, x) => s + Buffer.byteLength(x, 'utf8'), 0);
  const unpack = timeMs(() => {
    const back: ReportRow[] = [];
    for (const s of stored) {
      const u = unpackReportRow(JSON.parse(s));
      if (u.ok) back.push(u.row);
    }
    buildReport(back);
  });

  // Incremental: recompute 1 000 requests later in time and upsert their rows into a kept report.
  const acc = new ReportAccumulator(rows);
  acc.report();
  const later = NOW + 4 * 3_600_000;
  const changed = requests.slice(0, 1_000).map((r) => reportRowFromClocks(config, r, computeClocks(config, r, later), later));
  const upsertMs = timeMs(() => {
    for (const row of changed) acc.upsert(row);
  });
  const reportAfterUpsert = timeMs(() => void acc.report());

  return {
    report: {
      requests: rows.length,
      reportMs: round1(medianOf(reportRuns)),
      withClocksMs: round1(medianOf(withClocks)),
      // CPU time of this process: what the work costs when a shared machine is busy (wall time then includes waiting).
      reportCpuMs: round1(medianOf(reportCpu)),
      withClocksCpuMs: round1(medianOf(withClocksCpu)),
      eventsPerRequest: round1(events / n),
      unpackAndReportMs: round1(unpack),
      storedBytesPerRow: Math.round(bytes / n),
      upsertUs: round1((upsertMs * 1000) / changed.length),
      reportAfterUpsertMs: round1(reportAfterUpsert),
    },
  };
}

export function print(result: SectionResult): string {
  const r = result.report as Record<string, number>;
  return formatTable(
    ['measure', 'value'],
    [
      ['requests', formatInt(r.requests!)],
      ['report from stored rows, ms', String(r.reportMs)],
      ['computeClocks + rows + report, ms', String(r.withClocksMs)],
      ['  same, CPU ms (report / with clocks)', `${r.reportCpuMs} / ${r.withClocksCpuMs}`],
      ['events per request', String(r.eventsPerRequest)],
      ['unpack stored rows + report, ms', String(r.unpackAndReportMs)],
      ['stored row, bytes', String(r.storedBytesPerRow)],
      ['incremental upsert of one row, µs', String(r.upsertUs)],
      ['report after 1 000 upserts, ms', String(r.reportAfterUpsertMs)],
    ],
  );
}
