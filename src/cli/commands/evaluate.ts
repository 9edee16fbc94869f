// `sla evaluate`: the clocks of one request (or {"requests": […]}) read as JSON on stdin, under a
// template or a configuration file, at `--now`. Also the batch op "evaluate".

import { z } from 'zod/v3';
import { parseSlaConfig, slaRequestSchema, formatConfigPath } from '../../config';
import { computeClocks, type Clock, type ClockSet, type FollowUpClock, type SlaConfig } from '../../domain/sla';
import { isTemplateId, TEMPLATE_IDS, TEMPLATES } from '../../domain/templates';
import { formatInstant, parseInstant } from '../../domain/time/zone';
import { CliInputError, CONFIG_OPTIONS, readOptions, toMinutes, validate, type CliCommand, type CliContext } from '../cli-kit';

type Out = Record<string, unknown>;

function iso(zone: string, ms: number | null): string | null {
  return ms === null ? null : formatInstant(zone, ms);
}

function clockOut(zone: string, c: Clock): Out {
  return {
    state: c.state,
    goal: c.goal,
    goalMinutes: toMinutes(c.goalMinutes * 60_000),
    elapsedMinutes: toMinutes(c.elapsedMinutes * 60_000),
    remainingMinutes: toMinutes(c.remainingMinutes * 60_000),
    due: iso(zone, c.due),
    startedAt: iso(zone, c.startedAt),
    stoppedAt: iso(zone, c.stoppedAt),
    pausedSince: iso(zone, c.pausedSince),
    pauseReason: c.pauseReason,
    resumesAt: iso(zone, c.resumesAt),
    package: c.packageId,
    priority: c.priorityId,
  };
}

function followUpOut(zone: string, f: FollowUpClock): Out {
  return { ...clockOut(zone, f), cycles: f.cycles.map((c) => clockOut(zone, c)) };
}

/** The four results of the batch op (plus `warnings` when there are any); `evaluate` adds the rest. */
export function clockSetCore(set: ClockSet): Out {
  const z0 = set.timezone;
  return {
    reaction: set.reaction ? clockOut(z0, set.reaction) : null,
    resolution: set.resolution ? clockOut(z0, set.resolution) : null,
    followUp: set.followUp ? followUpOut(z0, set.followUp) : null,
    autoClose: set.autoClose ? { at: formatInstant(z0, set.autoClose.at) } : null,
  };
}

function clockSetFull(key: string | undefined, set: ClockSet, withHistory: boolean): Out {
  const z0 = set.timezone;
  return {
    ...(key !== undefined ? { key } : {}),
    package: set.packageId,
    priority: set.priorityId,
    ...clockSetCore(set),
    nextCheckAt: iso(z0, set.nextCheckAt),
    warnings: set.warnings,
    ...(withHistory
      ? { history: set.history.map((h) => ({ at: formatInstant(z0, h.at), clock: h.clock, what: h.what, ...(h.detail ? { detail: h.detail } : {}) })) }
      : {}),
  };
}

function configFrom(json: unknown, where: string): SlaConfig {
  const r = parseSlaConfig(json);
  if (!r.ok) throw new CliInputError(`${where}: ${r.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`);
  return r.config;
}

// Batch lines usually repeat one configuration; parse each distinct text once.
const parsedConfigs = new Map<string, SlaConfig>();
function cachedConfig(json: unknown, where: string): SlaConfig {
  const key = JSON.stringify(json);
  let cfg = parsedConfigs.get(key);
  if (!cfg) {
    cfg = configFrom(json, where);
    if (parsedConfigs.size > 100) parsedConfigs.clear();
    parsedConfigs.set(key, cfg);
  }
  return cfg;
}

function templateConfig(id: string, where: string): SlaConfig {
  if (!isTemplateId(id)) throw new CliInputError(`${where}: unknown template "${id}" (templates: ${TEMPLATE_IDS.join(', ')})`);
  return TEMPLATES[id];
}

function nowArg(where: string, text: string | undefined): number {
  if (text === undefined) return Date.now();
  const ms = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(text.trim()) ? parseInstant(text, 'UTC') : null;
  if (ms === null) throw new CliInputError(`${where}: "${text}" is not an ISO-8601 instant with offset (e.g. 2026-03-10T09:00:00+03:00)`);
  return ms;
}

function parseRequest(input: unknown, where: string) {
  const r = slaRequestSchema.safeParse(input);
  if (!r.success) {
    throw new CliInputError(r.error.issues.map((i) => `${where}${i.path.length ? `.${formatConfigPath(i.path)}` : ''}: ${i.message}`).join('; '));
  }
  return r.data;
}

const argvSchema = z
  .object({
    template: z.string().min(1).optional(),
    config: z.string().min(1).optional(),
    now: z.string().min(1).optional(),
    history: z.boolean().default(false),
  })
  .refine((o) => (o.template === undefined) !== (o.config === undefined), { message: 'give exactly one of --template <id> or --config <file.json>', path: ['template'] });

const batchSchema = z
  .object({
    op: z.literal('evaluate'),
    template: z.string().min(1).optional(),
    config: z.record(z.string(), z.unknown()).optional(),
    now: z.string().min(1),
    issue: z.unknown().optional(),
    request: z.unknown().optional(),
  })
  .refine((o) => (o.template === undefined) !== (o.config === undefined), { message: 'give exactly one of "template" or "config"', path: ['template'] })
  .refine((o) => o.issue !== undefined || o.request !== undefined, { message: 'required: the request history', path: ['issue'] });

export const evaluateCommand: CliCommand = {
  summary: 'the SLA clocks of requests read as JSON on stdin (one request or {"requests": […]}), one JSON line each',
  usage: 'evaluate --template <id>|--config <file.json> [--now <ISO>] [--history] < request.json',
  async run(argv: string[], ctx: CliContext) {
    const opts = readOptions(argv, {
        ...CONFIG_OPTIONS,
        history: { type: 'boolean' },
      }, argvSchema);
    let config: SlaConfig;
    if (opts.template !== undefined) config = templateConfig(opts.template, '--template');
    else {
      const path = opts.config!;
      let text: string;
      try {
        text = ctx.io.readText(path);
      } catch {
        throw new CliInputError(`--config: cannot read ${path}`);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new CliInputError(`--config: ${path} is not valid JSON (${(e as Error).message})`);
      }
      config = configFrom(json, `--config (${path})`);
    }
    const now = nowArg('--now', opts.now);
    const lines: string[] = [];
    for await (const line of ctx.io.stdinLines()) lines.push(line);
    const text = lines.join('\n').trim();
    if (text === '') throw new CliInputError('stdin: expected a request as JSON (or {"requests": […]})');
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch (e) {
      throw new CliInputError(`stdin: not valid JSON (${(e as Error).message})`);
    }
    const many =
      typeof input === 'object' && input !== null && !Array.isArray(input) && 'requests' in input
        ? (input as { requests: unknown }).requests
        : undefined;
    if (many !== undefined && !Array.isArray(many)) throw new CliInputError('stdin: "requests" must be an array');
    const inputs: Array<{ value: unknown; where: string }> = many
      ? many.map((value, i) => ({ value, where: `requests[${i}]` }))
      : [{ value: input, where: 'request' }];
    // Validate everything first: bad input changes nothing and prints nothing but the error.
    const requests = inputs.map(({ value, where }) => parseRequest(value, where));
    for (const r of requests) ctx.io.out(JSON.stringify(clockSetFull(r.key, computeClocks(config, r, now), opts.history)));
  },
  batch(input: Record<string, unknown>) {
    const req = validate(batchSchema, input, false);
    const config = req.template !== undefined ? templateConfig(req.template, 'template') : cachedConfig(req.config, 'config');
    const now = nowArg('now', req.now);
    const request = parseRequest(req.issue ?? req.request, 'issue');
    const set = computeClocks(config, request, now);
    // Like the other batch ops: warnings (unknown ids, years without production-calendar data) only when there are any.
    return set.warnings.length > 0 ? { ...clockSetCore(set), warnings: set.warnings } : clockSetCore(set);
  },
};
