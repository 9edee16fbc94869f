import { z } from 'zod/v3';
import { coverageWarnings, workingBetween, type CompiledCalendar } from '../../domain/calendar';
import {
  calendarRefSchema,
  CliInputError,
  instantArg,
  readOptions,
  pauseArg,
  toMinutes,
  validate,
  type CliCommand,
  type CliContext,
} from '../cli-kit';

export interface ElapsedResult {
  minutes: number;
  warnings?: string[];
}

/** Working minutes in [fromMs, toMs) minus pauses, plus coverage warnings. */
export function computeElapsed(cal: CompiledCalendar, fromMs: number, toMs: number, pauses: Array<[number, number]>): ElapsedResult {
  if (toMs < fromMs) throw new CliInputError('to: is before from');
  const minutes = toMinutes(workingBetween(cal, fromMs, toMs, pauses));
  const warnings = coverageWarnings(cal, fromMs, toMs);
  return warnings.length > 0 ? { minutes, warnings } : { minutes };
}

const argvSchema = z.object({
  calendar: z.string().min(1),
  from: z.string().min(1),
  to: z.string().min(1),
  pause: z.array(z.string()).default([]),
  json: z.boolean().default(false),
});

const batchSchema = z.object({
  op: z.literal('elapsed'),
  calendar: calendarRefSchema,
  from: z.string().min(1),
  to: z.string().min(1),
  pauses: z.array(z.union([z.string(), z.array(z.string())])).default([]),
});

export const elapsedCommand: CliCommand = {
  summary: 'working minutes between two instants',
  usage: 'elapsed --calendar <id|file.json> --from <ISO> --to <ISO> [--pause <ISO>/<ISO>]… [--json]',
  run(argv: string[], ctx: CliContext) {
    const opts = readOptions(argv, {
        calendar: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        pause: { type: 'string', multiple: true },
        json: { type: 'boolean' },
      }, argvSchema);
    const cal = ctx.calendars.resolve(opts.calendar, '--calendar');
    const from = instantArg('--from', opts.from, cal);
    const to = instantArg('--to', opts.to, cal);
    if (to < from) throw new CliInputError('--to: is before --from');
    const pauses = opts.pause.map((p, i) => pauseArg(`--pause #${i + 1}`, p, cal));
    const result = computeElapsed(cal, from, to, pauses);
    if (opts.json) ctx.io.out(JSON.stringify(result));
    else {
      ctx.io.out(String(result.minutes));
      for (const w of result.warnings ?? []) ctx.io.err(`warning: ${w}`);
    }
  },
  batch(input: Record<string, unknown>, ctx: CliContext) {
    const req = validate(batchSchema, input, false);
    const cal = ctx.calendars.resolve(req.calendar);
    const from = instantArg('from', req.from, cal);
    const to = instantArg('to', req.to, cal);
    const pauses = req.pauses.map((p, i) => pauseArg(`pauses[${i}]`, p, cal));
    return computeElapsed(cal, from, to, pauses);
  },
};
