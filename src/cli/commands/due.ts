import { z } from 'zod/v3';
import { addWorking, coverageWarnings, goalSchema, goalToMs, parseGoal, type CompiledCalendar } from '../../domain/calendar';
import {
  calendarRefSchema,
  formatFor,
  instantArg,
  readOptions,
  pauseArg,
  validate,
  type CliCommand,
  type CliContext,
} from '../cli-kit';

export interface DueResult {
  due: string;
  warnings?: string[];
}

/** The due instant of `goal` counted from `startMs` with pauses, plus coverage warnings. */
export function computeDue(cal: CompiledCalendar, startMs: number, goal: string, pauses: Array<[number, number]>): DueResult {
  const goalMs = goalToMs(cal, startMs, parseGoal(goal));
  const dueMs = addWorking(cal, startMs, goalMs, pauses);
  const warnings = coverageWarnings(cal, startMs, dueMs);
  return warnings.length > 0 ? { due: formatFor(cal, dueMs), warnings } : { due: formatFor(cal, dueMs) };
}

const argvSchema = z.object({
  calendar: z.string().min(1),
  start: z.string().min(1),
  goal: goalSchema,
  pause: z.array(z.string()).default([]),
  json: z.boolean().default(false),
});

const batchSchema = z.object({
  op: z.literal('due'),
  calendar: calendarRefSchema,
  start: z.string().min(1),
  goal: goalSchema,
  pauses: z.array(z.union([z.string(), z.array(z.string())])).default([]),
});

export const dueCommand: CliCommand = {
  summary: 'the instant a working-time goal is reached',
  usage: 'due --calendar <id|file.json> --start <ISO> --goal <goal> [--pause <ISO>/<ISO>]… [--json]',
  run(argv: string[], ctx: CliContext) {
    const opts = readOptions(argv, {
        calendar: { type: 'string' },
        start: { type: 'string' },
        goal: { type: 'string' },
        pause: { type: 'string', multiple: true },
        json: { type: 'boolean' },
      }, argvSchema);
    const cal = ctx.calendars.resolve(opts.calendar, '--calendar');
    const start = instantArg('--start', opts.start, cal);
    const pauses = opts.pause.map((p, i) => pauseArg(`--pause #${i + 1}`, p, cal));
    const result = computeDue(cal, start, opts.goal, pauses);
    if (opts.json) ctx.io.out(JSON.stringify(result));
    else {
      ctx.io.out(result.due);
      for (const w of result.warnings ?? []) ctx.io.err(`warning: ${w}`);
    }
  },
  batch(input: Record<string, unknown>, ctx: CliContext) {
    const req = validate(batchSchema, input, false);
    const cal = ctx.calendars.resolve(req.calendar);
    const start = instantArg('start', req.start, cal);
    const pauses = req.pauses.map((p, i) => pauseArg(`pauses[${i}]`, p, cal));
    return computeDue(cal, start, req.goal, pauses);
  },
};
