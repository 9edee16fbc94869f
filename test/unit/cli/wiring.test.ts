// Wiring tests: the CLI compared with its own pipeline (src/domain/report over computeClocks,
// the batch form against the argv form). They catch a command wired to the wrong code or options,
// not a wrong number: both sides share the engine. The independent checks (hand aggregations,
// hand-worked values) are in report.test.ts, evaluate.test.ts, sla.test.ts and test/acceptance.
import { runSla } from './run-in-process';
import { slaRequestSchema } from '../../../src/config';
import { buildReport, compactReport, reportRowFromClocks } from '../../../src/domain/report';
import { computeClocks } from '../../../src/domain/sla';
import { TEMPLATE_IDS, TEMPLATES } from '../../../src/domain/templates';
import { generateRequests } from '../../fixtures/report/requests';

const run = runSla;
const NOW = '2026-04-08T12:00:00+03:00';
const NOW_MS = Date.parse(NOW);
const LATE = '2026-04-20T12:00:00+03:00';

describe('wiring: sla report against src/domain/report', () => {
  it.each(TEMPLATE_IDS)('wiring: prints exactly what aggregating computeClocks directly gives (%s)', async (template) => {
    const requests = generateRequests(template, 120, 99);
    const report = await run(['report', '--template', template, '--now', NOW], requests.map((r) => JSON.stringify(r)));
    const config = TEMPLATES[template];
    const rows = requests.filter((r) => Date.parse(r.created) <= NOW_MS).map((r) => {
      const req = slaRequestSchema.parse(r);
      return reportRowFromClocks(config, req, computeClocks(config, req, NOW_MS), NOW_MS);
    });
    expect(JSON.parse(report.out[0]!)).toEqual(compactReport(buildReport(rows)));
  });

});

describe('wiring: sla batch op "report" against sla report', () => {
  it('wiring: answers the batch op "report" with what the argv form prints', async () => {
    const requests = generateRequests('pass24', 30, 8);
    const argvForm = await run(['report', '--template', 'pass24', '--now', LATE], requests.map((x) => JSON.stringify(x)));
    const batch = await run(['batch'], [JSON.stringify({ op: 'report', template: 'pass24', now: LATE, requests })]);
    expect(batch.out).toEqual(argvForm.out);
  });
});
