// Shared pieces of the `sla` command: the command interface, input errors, calendar
// references (preset id, JSON file or inline object), instant parsing and formatting.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod/v3';
import {
  CALENDAR_PRESETS,
  CalendarError,
  compileCalendar,
  isCalendarPresetId,
  parseCalendarDef,
  type CompiledCalendar,
} from '../domain/calendar';
import { formatInstant, parseInstant } from '../domain/time/zone';

/** Bad input from the user: printed to stderr, exit code 2 (or `{"error"}` in batch). */
export class CliInputError extends Error {
  override readonly name = 'CliInputError';
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Reads a text file (calendar JSON); throws when it cannot. */
  readText(path: string): string;
  /** Lines of stdin, in order, without line terminators. */
  stdinLines(): AsyncIterable<string>;
}

export interface CliContext {
  io: CliIo;
  /** The command registry, so `batch` can dispatch by `op` without an import cycle. */
  commands: Readonly<Record<string, CliCommand>>;
  calendars: CalendarResolver;
}

/**
 * One `sla` command. `run` handles the argv form and writes to `ctx.io`; `batch`, when
 * present, handles one parsed JSON line of `sla batch` (`op` equal to the command name) and
 * returns the object written back. Both throw `CliInputError` (or a zod/CalendarError) on bad input.
 */
export interface CliCommand {
  summary: string;
  usage: string;
  run(argv: string[], ctx: CliContext): Promise<void> | void;
  batch?(input: Record<string, unknown>, ctx: CliContext): Promise<unknown> | unknown;
}

/** Message of an expected failure, or null for a bug (which should surface with its stack). */
export function inputErrorMessage(e: unknown): string | null {
  if (e instanceof CliInputError || e instanceof CalendarError) return e.message;
  if (e instanceof z.ZodError) return zodMessage(e);
  return null;
}

export function zodMessage(e: z.ZodError): string {
  return e.issues
    .map((i) => {
      const path = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join('; ');
}

/** Parses `--name value` options with node:util, turning its errors into input errors. */
export function parseOptions<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(
  argv: string[],
  options: T,
): Record<string, unknown> {
  try {
    const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
    return values as Record<string, unknown>;
  } catch (e) {
    throw new CliInputError((e as Error).message);
  }
}

/** Options every configuration-reading command takes (evaluate, report). */
export const CONFIG_OPTIONS = { template: { type: 'string' }, config: { type: 'string' }, now: { type: 'string' } } as const;

/** The command line's options, parsed by `options` and validated by `schema` (errors name `--option`). */
export function readOptions<S extends z.ZodType>(argv: string[], options: Parameters<typeof parseOptions>[1], schema: S): z.output<S> {
  return validate(schema, parseOptions(argv, options), true);
}

/** Validates options/JSON input with a zod schema, naming CLI options as `--name`. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, optionStyle: boolean): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const msg = r.error.issues
    .map((i) => {
      const head = i.path[0];
      const where = head === undefined ? '' : optionStyle ? `--${String(head)}` : i.path.map(String).join('.');
      const what = i.code === 'invalid_type' && i.received === 'undefined' ? 'required' : i.message;
      return where ? `${where}: ${what}` : what;
    })
    .join('; ');
  throw new CliInputError(msg);
}

/** A calendar reference: preset id, path to a JSON file, or (in batch) an inline definition. */
export const calendarRefSchema = z.union([z.string().min(1), z.record(z.string(), z.unknown())]);

/** Resolves and compiles calendar references, caching by id, path and inline JSON text. */
export class CalendarResolver {
  private readonly byKey = new Map<string, CompiledCalendar>();
  constructor(private readonly io: CliIo) {}

  resolve(ref: string | Record<string, unknown>, where = 'calendar'): CompiledCalendar {
    if (typeof ref === 'string') {
      if (isCalendarPresetId(ref)) return compileCalendar(CALENDAR_PRESETS[ref]);
      const key = `file:${ref}`;
      const hit = this.byKey.get(key);
      if (hit) return hit;
      let text: string;
      try {
        text = this.io.readText(ref);
      } catch {
        throw new CliInputError(
          `${where}: "${ref}" is neither a calendar id (${Object.keys(CALENDAR_PRESETS).join(', ')}) nor a readable JSON file`,
        );
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new CliInputError(`${where}: ${ref} is not valid JSON (${(e as Error).message})`);
      }
      const cal = this.compile(json, `${where} (${ref})`);
      this.byKey.set(key, cal);
      return cal;
    }
    const key = `json:${JSON.stringify(ref)}`;
    const hit = this.byKey.get(key);
    if (hit) return hit;
    const cal = this.compile(ref, where);
    this.byKey.set(key, cal);
    return cal;
  }

  private compile(json: unknown, where: string): CompiledCalendar {
    const r = parseCalendarDef(json);
    if (!r.ok) throw new CliInputError(`${where}: ${r.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`);
    return compileCalendar(r.value);
  }
}

/** Parses an ISO instant; text without an offset is wall-clock time in the calendar's zone. */
export function instantArg(where: string, text: string, cal: CompiledCalendar): number {
  const ms = parseInstant(text, cal.zone);
  if (ms === null) throw new CliInputError(`${where}: "${text}" is not an ISO-8601 date-time (e.g. 2026-03-10T09:00:00+03:00)`);
  return ms;
}

/** A pause given as "ISO/ISO" or [ISO, ISO]. */
export function pauseArg(where: string, value: unknown, cal: CompiledCalendar): [number, number] {
  let parts: unknown[];
  if (typeof value === 'string') parts = value.split('/');
  else if (Array.isArray(value)) parts = value;
  else throw new CliInputError(`${where}: expected "start/end" or [start, end]`);
  if (parts.length !== 2 || typeof parts[0] !== 'string' || typeof parts[1] !== 'string') {
    throw new CliInputError(`${where}: expected two ISO instants, "start/end" or [start, end]`);
  }
  const s = instantArg(`${where} start`, parts[0], cal);
  const e = instantArg(`${where} end`, parts[1], cal);
  if (e < s) throw new CliInputError(`${where}: ends before it starts`);
  return [s, e];
}

/** ISO-8601 with seconds and the calendar zone's offset. */
export function formatFor(cal: CompiledCalendar, ms: number): string {
  return formatInstant(cal.zone, ms);
}

/** Minutes for output: fractional allowed, float noise removed. */
export function toMinutes(ms: number): number {
  return Math.round((ms / 60_000) * 1e6) / 1e6;
}

/** The real process I/O. */
export function nodeIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    readText: (path) => readFileSync(path, 'utf8'),
    async *stdinLines() {
      const { createInterface } = await import('node:readline');
      const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
      for await (const line of rl) yield line;
    },
  };
}
