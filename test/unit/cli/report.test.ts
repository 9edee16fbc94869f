import Papa from 'papaparse';
import { runSla } from './run-in-process';
import type { buildReport } from '../../../src/domain/report';
import { TEMPLATE_IDS } from '../../../src/domain/templates';
import { generateRequests } from '../../fixtures/report/requests';

// Independent checks: the expected numbers come from a hand aggregation or hand counts over
// `sla evaluate`, never from src/domain/report. The CLI-versus-its-own-pipeline checks are in
// wiring.test.ts.
const run = runSla;

// Inside the requests' 90-day span, so some are still open and some not created yet.
const NOW = '2026-04-08T12:00:00+03:00';
const NOW_MS = Date.parse(NOW);
/** After every generated request. */
const LATE = '2026-04-20T12:00:00+03:00';

interface EvalClock { state: string; elapsedMinutes: number; stoppedAt: string | null }
interface EvalLine { key: string; package: string; priority: string | null; reaction: EvalClock | null; resolution: EvalClock | null; followUp: (EvalClock & { cycles: EvalClock[] }) | null }

/** An aggregation written independently of src/domain/report, over `sla evaluate` output. */
function aggregateByHand(lines: EvalLine[]) {
  const median = (xs: number[], p: number): number | null => {
    if (xs.length === 0) return null;
    const s = [...xs].sort((a, b) => a - b);
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    return s[lo]! + (lo + 1 < s.length ? (h - lo) * (s[lo + 1]! - s[lo]!) : 0);
  };
  const stats = (clocks: EvalClock[]) => {
    const n = (st: string) => clocks.filter((c) => c.state === st).length;
    const met = n('met');
    const breached = n('breached');
    const stopped = clocks.filter((c) => c.stoppedAt !== null).map((c) => c.elapsedMinutes);
    return { met, breached, running: n('running'), atRisk: n('atRisk'), paused: n('paused'), metPercent: met + breached === 0 ? null : (100 * met) / (met + breached), medianMinutes: median(stopped, 0.5), p90Minutes: median(stopped, 0.9) };
  };
  const clocksOf = (ls: EvalLine[]) => ({
    reaction: stats(ls.flatMap((l) => (l.reaction ? [l.reaction] : []))),
    resolution: stats(ls.flatMap((l) => (l.resolution ? [l.resolution] : []))),
    followUp: stats(ls.flatMap((l) => l.followUp?.cycles ?? [])),
  });
  const by = (f: (l: EvalLine) => string) => {
    const groups = new Map<string, EvalLine[]>();
    for (const l of lines) groups.set(f(l), [...(groups.get(f(l)) ?? []), l]);
    return Object.fromEntries([...groups].map(([k, ls]) => [k, clocksOf(ls)]));
  };
  return { clocks: clocksOf(lines), byPackage: by((l) => l.package), byPriority: by((l) => l.priority ?? '(none)') };
}

/** Same numbers, compared with the report's 2-decimal rounding. */
function expectSameNumbers(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number') {
    expect(typeof actual).toBe('number');
    if (Math.abs((actual as number) - expected) > 0.005 + 1e-9) throw new Error(`${path}: ${String(actual)} ≠ ${expected}`);
    return;
  }
  if (expected === null || typeof expected !== 'object') {
    expect({ path, value: actual }).toEqual({ path, value: expected });
    return;
  }
  expect(Object.keys(actual as object).sort()).toEqual(Object.keys(expected).sort());
  for (const [k, v] of Object.entries(expected)) expectSameNumbers((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
}

describe('sla report', () => {
  it.each(TEMPLATE_IDS)('matches an independent aggregation of sla evaluate outputs (%s)', async (template) => {
    const requests = generateRequests(template, 150, 7 + template.length).filter((r) => Date.parse(r.created) <= NOW_MS);
    const evaluated = await run(['evaluate', '--template', template, '--now', NOW], [JSON.stringify({ requests })]);
    expect(evaluated.code).toBe(0);
    const lines = evaluated.out.map((l) => JSON.parse(l) as EvalLine);
    const report = await run(['report', '--template', template, '--now', NOW], requests.map((r) => JSON.stringify(r)));
    expect(report.err).toEqual([]);
    expect(report.code).toBe(0);
    const printed = JSON.parse(report.out[0]!) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual(['clocks', 'byPackage', 'byPriority']);
    expectSameNumbers(printed, aggregateByHand(lines));
    // The comparison means something only when the numbers are varied.
    const live = lines.filter((l) => [l.reaction, l.resolution, l.followUp].some((c) => c !== null && c.stoppedAt === null)).length;
    expect(live).toBeGreaterThan(0);
    expect(lines.some((l) => [l.reaction, l.resolution].some((c) => c?.state === 'breached'))).toBe(true);
  });

  it('prints the customer act of one customer and month, matching a hand count over sla evaluate (altec)', async () => {
    const requests = generateRequests('altec', 150, 21).filter((r) => Date.parse(r.created) <= NOW_MS);
    const customer = 'ООО «Ромашка»';
    const month = requests[0]!.created.slice(0, 7);
    const mine = requests.filter((r) => r.customer?.organization === customer && r.created.slice(0, 7) === month);
    const evaluated = await run(['evaluate', '--template', 'altec', '--now', NOW], [JSON.stringify({ requests: mine })]);
    const lines = evaluated.out.map((l) => JSON.parse(l) as EvalLine);
    const act = await run(['report', '--template', 'altec', '--now', NOW, '--format', 'act', '--customer', customer, '--month', month], requests.map((r) => JSON.stringify(r)));
    expect(act.code).toBe(0);
    const printed = JSON.parse(act.out[0]!) as { requests: number; total: { clocks: Record<'reaction' | 'resolution', { met: number; breached: number }> } };
    expect(mine.length).toBeGreaterThan(3);
    expect(printed.requests).toBe(mine.length);
    for (const clock of ['reaction', 'resolution'] as const) {
      expect(printed.total.clocks[clock].met).toBe(lines.filter((l) => l[clock]?.state === 'met').length);
      expect(printed.total.clocks[clock].breached).toBe(lines.filter((l) => l[clock]?.state === 'breached').length);
    }
    const csv = await run(['report', '--template', 'altec', '--now', NOW, '--format', 'act-csv', '--locale', 'ru', '--customer', customer, '--month', month], requests.map((r) => JSON.stringify(r)));
    expect(csv.out.join('\n')).toContain(`"Заказчик";"${customer}"`);
    const missing = await run(['report', '--template', 'altec', '--now', NOW, '--format', 'act'], []);
    expect(missing.code).not.toBe(0);
    expect(missing.err.join(' ')).toContain('--customer');
  });

  it('counts follow-up cycles and every group with --full', async () => {
    const requests = generateRequests('altec', 80, 5);
    const r = await run(['report', '--template', 'altec', '--now', LATE, '--full'], requests.map((x) => JSON.stringify(x)));
    const full = JSON.parse(r.out[0]!) as ReturnType<typeof buildReport>;
    expect(full.total.requests).toBe(80);
    expect(full.total.followUpCycles).toBe(full.total.clocks.followUp.met + full.total.clocks.followUp.breached + full.total.clocks.followUp.running + full.total.clocks.followUp.atRisk + full.total.clocks.followUp.paused);
    expect(full.total.followUpCycles).toBeGreaterThan(0);
    expect(Object.keys(full.byCustomer)).toContain('АКБ Барьер');
    expect(Object.keys(full.byMonth)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
  });

  it('reads {"requests": […]} and a pretty-printed document as well as JSON lines', async () => {
    const requests = generateRequests('barier', 5, 1);
    const lines = await run(['report', '--template', 'barier', '--now', LATE], requests.map((x) => JSON.stringify(x)));
    const wrapped = await run(['report', '--template', 'barier', '--now', LATE], [JSON.stringify({ requests })]);
    const pretty = await run(['report', '--template', 'barier', '--now', LATE], JSON.stringify(requests, null, 2).split('\n'));
    expect(wrapped.out).toEqual(lines.out);
    expect(pretty.out).toEqual(lines.out);
  });

  it('leaves out requests created after --now and outside --from/--to', async () => {
    const requests = generateRequests('barier', 60, 3);
    const all = await run(['report', '--template', 'barier', '--now', '2026-02-01T00:00:00+03:00', '--full'], requests.map((x) => JSON.stringify(x)));
    const expected = requests.filter((r) => Date.parse(r.created) <= Date.parse('2026-02-01T00:00:00+03:00')).length;
    expect((JSON.parse(all.out[0]!) as { total: { requests: number } }).total.requests).toBe(expected);
    const jan = await run(['report', '--template', 'barier', '--now', LATE, '--from', '2026-01-01T00:00', '--to', '2026-02-01T00:00', '--full'], requests.map((x) => JSON.stringify(x)));
    expect((JSON.parse(jan.out[0]!) as { total: { requests: number } }).total.requests).toBe(expected);
  });

  it('prints CSV with a BOM and Russian headers with --locale ru', async () => {
    const requests = generateRequests('barier', 20, 2);
    const r = await run(['report', '--template', 'barier', '--now', LATE, '--format', 'csv', '--locale', 'ru'], requests.map((x) => JSON.stringify(x)));
    const csv = r.out.join('\n');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const data = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(data[0]![0]).toBe('Раздел');
    expect(data[1]!.slice(0, 4)).toEqual(['Итого', '', 'Реакция', '20']);
  });

  it('prints the request journal of one customer', async () => {
    const requests = generateRequests('barier', 40, 4);
    const r = await run(['report', '--template', 'barier', '--now', LATE, '--format', 'journal', '--locale', 'ru', '--customer', 'АКБ Барьер'], requests.map((x) => JSON.stringify(x)));
    const data = Papa.parse<string[]>(r.out.join('\n').slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(data[0]).toEqual(['№ заявки', 'Приоритет', 'Организация', 'Текст обращения', 'Статус заявки', 'Контакты', 'Дата\\\\Ход решения']);
    const mine = requests.filter((x) => x.customer?.organization === 'АКБ Барьер').length;
    expect(data.length - 1).toBe(mine);
    expect(new Set(data.slice(1).map((row) => row[2]))).toEqual(new Set(['АКБ Барьер']));
  });

  it('names the line and the field of a bad request and prints nothing else', async () => {
    const good = JSON.stringify(generateRequests('altec', 1, 1)[0]);
    const r = await run(['report', '--template', 'altec', '--now', LATE], [good, '{"key":"X-1","created":"yesterday","events":[]}']);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err[0]).toMatch(/^sla report: line 2: created: expected an ISO-8601 instant/);
  });

  it('rejects an unknown template and a missing --now', async () => {
    expect((await run(['report', '--template', 'nope', '--now', LATE])).err[0]).toContain('unknown template "nope"');
    expect((await run(['report', '--template', 'altec'])).err[0]).toContain('--now: required');
  });
});
