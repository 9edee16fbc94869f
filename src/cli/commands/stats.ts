import { z } from 'zod/v3';
import { coverageWarnings, yearStats, type CompiledCalendar, type MonthStats } from '../../domain/calendar';
import { localToInstant } from '../../domain/time/zone';
import { calendarRefSchema, readOptions, validate, type CliCommand, type CliContext } from '../cli-kit';

export interface StatsResult {
  workingDays: number;
  workingHours: number;
  perMonth: MonthStats[];
  warnings?: string[];
}

const yearSchema = z.coerce.number().int().min(1900).max(2200);

/** Working days and hours of a year, per month, plus coverage warnings. */
export function computeStats(cal: CompiledCalendar, year: number): StatsResult {
  const s = yearStats(cal, year);
  const from = localToInstant(cal.zone, Date.UTC(year, 0, 1));
  const to = localToInstant(cal.zone, Date.UTC(year, 11, 31, 12));
  const warnings = coverageWarnings(cal, from, to);
  const result: StatsResult = { workingDays: s.workingDays, workingHours: s.workingHours, perMonth: s.perMonth };
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}

const argvSchema = z.object({
  calendar: z.string().min(1),
  year: yearSchema,
  json: z.boolean().default(false),
});

const batchSchema = z.object({ op: z.literal('stats'), calendar: calendarRefSchema, year: yearSchema });

export const statsCommand: CliCommand = {
  summary: 'working days and hours of a year, per month',
  usage: 'stats --calendar <id|file.json> --year <YYYY> [--json]',
  run(argv: string[], ctx: CliContext) {
    const opts = readOptions(argv, { calendar: { type: 'string' }, year: { type: 'string' }, json: { type: 'boolean' } }, argvSchema);
    const cal = ctx.calendars.resolve(opts.calendar, '--calendar');
    const result = computeStats(cal, opts.year);
    if (opts.json) {
      ctx.io.out(JSON.stringify(result));
      return;
    }
    ctx.io.out('month  working days  working hours');
    for (const m of result.perMonth) {
      ctx.io.out(`${String(m.month).padStart(5)}  ${String(m.workingDays).padStart(12)}  ${String(m.workingHours).padStart(13)}`);
    }
    ctx.io.out(`${String(opts.year).padStart(5)}  ${String(result.workingDays).padStart(12)}  ${String(result.workingHours).padStart(13)}`);
    for (const w of result.warnings ?? []) ctx.io.err(`warning: ${w}`);
  },
  batch(input: Record<string, unknown>, ctx: CliContext) {
    const req = validate(batchSchema, input, false);
    return computeStats(ctx.calendars.resolve(req.calendar), req.year);
  },
};
