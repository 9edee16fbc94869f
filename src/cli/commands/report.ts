// `sla report`: the compliance report over requests in the `evaluate` format (one JSON object per
// line on stdin), computed exactly as the app does: computeClocks → report row → aggregate.

import { z } from 'zod/v3';
import { parseSlaConfig, slaRequestSchema } from '../../config';
import {
  buildReport,
  customerAct,
  compactReport,
  journalEntryFromRequest,
  journalEventsFromRequest,
  reportRowFromClocks,
  selectJournal,
  type ComplianceReport,
  type JournalEntry,
  type ReportFilter,
  type ReportRow,
} from '../../domain/report';
import { actCsv } from '../../domain/report/act-csv';
import { journalCsv, reportCsv } from '../../domain/report/csv';
import { computeClocks } from '../../domain/sla';
import type { SlaConfig, SlaRequest } from '../../domain/sla/types';
import { TEMPLATE_IDS, TEMPLATES, type TemplateId } from '../../domain/templates';
import { parseInstant } from '../../domain/time/zone';
import { CliInputError, CONFIG_OPTIONS, readOptions, validate, zodMessage, type CliCommand, type CliContext } from '../cli-kit';

const FORMATS = ['json', 'csv', 'journal', 'act', 'act-csv'] as const;
type Format = (typeof FORMATS)[number];

/** Fields of an input line the report uses beyond the clocks' request format. */
const reportExtrasSchema = z.object({
  project: z.string().min(1).optional(),
  /** The responsible agent; `assignee` is accepted as Jira's word for it. */
  agent: z.string().nullable().optional(),
  assignee: z.string().nullable().optional(),
  summary: z.string().optional(),
  description: z.string().nullable().optional(),
  contacts: z
    .object({
      name: z.string().nullable().optional(),
      position: z.string().nullable().optional(),
      phone: z.string().nullable().optional(),
      email: z.string().nullable().optional(),
      contract: z.string().nullable().optional(),
    })
    .optional(),
  /** Comment texts for the journal's progress column ("body"), matched to events by position. */
  events: z.array(z.object({ body: z.string().nullable().optional(), internal: z.boolean().optional() }).passthrough()).optional(),
});

export interface ReportInputLine {
  readonly request: SlaRequest;
  readonly extras: z.output<typeof reportExtrasSchema>;
}

export interface ReportRun {
  readonly rows: ReportRow[];
  readonly journal: JournalEntry[];
  readonly timezone: string;
  /** The clocks' warnings (unknown ids, years without production-calendar data), each once, with the request key. */
  readonly warnings: string[];
}

function configTimezone(config: SlaConfig): string {
  const cal = config.calendars[config.calendarId];
  if (cal === undefined) throw new CliInputError(`calendarId: calendar "${config.calendarId}" is not defined`);
  return cal.timezone;
}

/** Resolves `--template <id>` or `--config <file>` (or an inline object in batch). */
export function loadConfig(template: string | undefined, config: unknown, where: string, ctx: CliContext): SlaConfig {
  if ((template === undefined) === (config === undefined)) throw new CliInputError(`give exactly one of ${where === 'argv' ? '--template or --config' : 'template or config'}`);
  if (template !== undefined) {
    if (!(TEMPLATE_IDS as readonly string[]).includes(template)) throw new CliInputError(`${where === 'argv' ? '--template' : 'template'}: unknown template "${template}" (${TEMPLATE_IDS.join(', ')})`);
    return TEMPLATES[template as TemplateId];
  }
  let json = config;
  if (typeof config === 'string') {
    let text: string;
    try {
      text = ctx.io.readText(config);
    } catch {
      throw new CliInputError(`--config: cannot read "${config}"`);
    }
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new CliInputError(`--config: ${config} is not valid JSON (${(e as Error).message})`);
    }
  }
  const r = parseSlaConfig(json);
  if (!r.ok) throw new CliInputError(`${where === 'argv' ? '--config' : 'config'}: ${r.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`);
  return r.config;
}

function parseNow(text: string, config: SlaConfig, where: string): number {
  const ms = parseInstant(text, configTimezone(config));
  if (ms === null) throw new CliInputError(`${where}: "${text}" is not an ISO-8601 date-time (e.g. 2026-03-10T09:00:00+03:00)`);
  return ms;
}

/** One input object → the request and its report extras; errors name the line and the field. */
export function parseReportInput(value: unknown, where: string): ReportInputLine {
  const req = slaRequestSchema.safeParse(value);
  if (!req.success) throw new CliInputError(`${where}: ${zodMessage(req.error)}`);
  const extras = reportExtrasSchema.safeParse(value);
  if (!extras.success) throw new CliInputError(`${where}: ${zodMessage(extras.error)}`);
  return { request: req.data, extras: extras.data };
}

/** Input objects from stdin lines: one request per line, or `{"requests":[…]}`, or one JSON document. */
export function inputObjects(lines: readonly string[]): Array<{ value: unknown; where: string }> {
  const out: Array<{ value: unknown; where: string }> = [];
  const push = (value: unknown, where: string): void => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'requests' in value) {
      const list = (value as { requests: unknown }).requests;
      if (!Array.isArray(list)) throw new CliInputError(`${where}: requests: expected an array`);
      list.forEach((v, i) => out.push({ value: v, where: `${where} requests[${i}]` }));
    } else if (Array.isArray(value)) value.forEach((v, i) => out.push({ value: v, where: `${where} [${i}]` }));
    else out.push({ value, where });
  };
  const parsed: Array<{ value: unknown; where: string }> = [];
  let firstBad: { line: number; message: string } | null = null;
  lines.forEach((line, i) => {
    if (line.trim() === '' || firstBad !== null) return;
    try {
      parsed.push({ value: JSON.parse(line), where: `line ${i + 1}` });
    } catch (e) {
      firstBad = { line: i + 1, message: (e as Error).message };
    }
  });
  if (firstBad === null) {
    for (const p of parsed) push(p.value, p.where);
    return out;
  }
  // Not JSON lines: maybe one pretty-printed document.
  try {
    push(JSON.parse(lines.join('\n')), 'input');
    return out;
  } catch {
    const bad = firstBad as { line: number; message: string };
    throw new CliInputError(`line ${bad.line}: not valid JSON (${bad.message})`);
  }
}

/** computeClocks → report row (and journal entry) for every input, exactly as the recompute does. */
export function runReport(config: SlaConfig, inputs: readonly ReportInputLine[], nowMs: number, locale: 'ru' | 'en'): ReportRun {
  const rows: ReportRow[] = [];
  const journal: JournalEntry[] = [];
  const warnings = new Set<string>();
  for (const { request, extras } of inputs) {
    if (request.created > nowMs) continue; // the request does not exist yet at `now`
    const clocks = computeClocks(config, request, nowMs);
    for (const w of clocks.warnings) warnings.add(request.key ? `${request.key}: ${w}` : w);
    const agent = extras.agent ?? extras.assignee ?? null;
    rows.push(reportRowFromClocks(config, request, clocks, nowMs, { agent, ...(extras.project ? { project: extras.project } : {}) }));
    const events = journalEventsFromRequest(config, request, extras.events ?? []);
    const text = [extras.summary, extras.description].filter((x): x is string => typeof x === 'string' && x.trim() !== '').join('\n');
    journal.push(journalEntryFromRequest(config, request, clocks, nowMs, { text, events, locale, ...(extras.contacts ? { contacts: extras.contacts } : {}) }));
  }
  return { rows, journal, timezone: configTimezone(config), warnings: [...warnings] };
}

const argvSchema = z.object({
  template: z.string().min(1).optional(),
  config: z.string().min(1).optional(),
  now: z.string().min(1),
  format: z.enum(FORMATS).default('json'),
  locale: z.enum(['ru', 'en']).default('en'),
  from: z.string().min(1).optional(),
  to: z.string().min(1).optional(),
  customer: z.string().min(1).optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month like 2026-11').optional(),
  full: z.boolean().default(false),
});

const batchSchema = z.object({
  op: z.literal('report'),
  template: z.string().min(1).optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  now: z.string().min(1),
  requests: z.array(z.unknown()),
  full: z.boolean().default(false),
});

/** Like the other commands' JSON: `warnings` only when there are any. */
function withWarnings(out: unknown, warnings: readonly string[]): unknown {
  return warnings.length > 0 && typeof out === 'object' && out !== null ? { ...out, warnings } : out;
}

function output(report: ComplianceReport, full: boolean): unknown {
  return full ? report : compactReport(report);
}

export const reportCommand: CliCommand = {
  summary: 'SLA compliance report over requests (evaluate format, one JSON object per line on stdin)',
  usage:
    'report --template <id>|--config <file.json> --now <ISO> [--format json|csv|journal] [--locale en|ru] [--from <ISO>] [--to <ISO>] [--customer <organization>] [--month YYYY-MM] [--full]; --format act|act-csv: the customer act of --customer for --month',
  async run(argv: string[], ctx: CliContext) {
    const opts = readOptions(argv, {
        ...CONFIG_OPTIONS,
        format: { type: 'string' },
        locale: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        customer: { type: 'string' },
        month: { type: 'string' },
        full: { type: 'boolean' },
      }, argvSchema);
    const config = loadConfig(opts.template, opts.config, 'argv', ctx);
    const nowMs = parseNow(opts.now, config, '--now');
    const lines: string[] = [];
    for await (const line of ctx.io.stdinLines()) lines.push(line);
    const inputs = inputObjects(lines).map((o) => parseReportInput(o.value, o.where));
    const run = runReport(config, inputs, nowMs, opts.locale);
    // Never silent about clocks counted on a guessed calendar (issue 2): stderr keeps stdout parseable.
    for (const w of run.warnings) ctx.io.err(`warning: ${w}`);
    const filter: ReportFilter = {
      ...(opts.from !== undefined ? { fromMs: parseNow(opts.from, config, '--from') } : {}),
      ...(opts.to !== undefined ? { toMs: parseNow(opts.to, config, '--to') } : {}),
      ...(opts.customer !== undefined ? { customer: opts.customer } : {}),
    };
    const format: Format = opts.format;
    if (format === 'act' || format === 'act-csv') {
      if (opts.customer === undefined || opts.month === undefined) throw new CliInputError(`--format ${format}: give --customer <organization> and --month YYYY-MM`);
      const act = customerAct(config, run.rows, opts.customer, opts.month);
      const name = (list: ReadonlyArray<{ id: string; name: { ru: string; en: string } }>) => (id: string) => list.find((x) => x.id === id)?.name[opts.locale] ?? id;
      if (format === 'act') ctx.io.out(JSON.stringify(act));
      else ctx.io.out(actCsv(act, { locale: opts.locale, priorityName: name(config.priorities), packageName: name(config.packages) }).replace(/\r\n$/, ''));
      return;
    }
    if (format === 'journal') {
      const entries = selectJournal(run.journal, { ...(opts.customer !== undefined ? { organization: opts.customer } : {}), ...filter });
      ctx.io.out(journalCsv(entries, { locale: opts.locale, timeZone: run.timezone }).replace(/\r\n$/, ''));
      return;
    }
    const report = buildReport(run.rows, filter);
    if (format === 'csv') {
      ctx.io.out(reportCsv(report, { locale: opts.locale }).replace(/\r\n$/, ''));
      return;
    }
    ctx.io.out(JSON.stringify(withWarnings(output(report, opts.full), run.warnings)));
  },
  batch(input: Record<string, unknown>, ctx: CliContext) {
    const req = validate(batchSchema, input, false);
    const config = loadConfig(req.template, req.config, 'batch', ctx);
    const nowMs = parseNow(req.now, config, 'now');
    const inputs = req.requests.map((v, i) => parseReportInput(v, `requests[${i}]`));
    const run = runReport(config, inputs, nowMs, 'en');
    return withWarnings(output(buildReport(run.rows), req.full), run.warnings);
  },
};
