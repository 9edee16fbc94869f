// Parsing a configuration from untrusted JSON (storage, admin form, CLI file) and the check run on
// every save: schema + cross-field rules, then a trial calculation of every clock for a synthetic
// request per package and priority, so a configuration that cannot compute is never saved.

import type { z } from 'zod/v3';
import { computeClocks } from '../domain/sla/compute-clocks';
import type { SlaConfig, SlaRequest } from '../domain/sla/types';
import { MS_PER_HOUR } from '../domain/time/day';
import { migrateV1, slaConfigV1Schema } from './migrate';
import { formatConfigPath, type ConfigIssue } from './path';
import { CURRENT_SCHEMA_VERSION, slaConfigSchema } from './sla-config.schema';

export type ParseConfigResult =
  | { ok: true; config: SlaConfig; migratedFrom: number | null }
  | { ok: false; issues: ConfigIssue[] };

/** Plain words for zod's generic messages: a missing field says "required", a bad id says what an id is. */
const errorMap: z.ZodErrorMap = (iss, ctx) => {
  if (iss.code === 'invalid_type' && iss.received === 'undefined') return { message: 'required' };
  if (iss.code === 'invalid_union' && ctx.data === undefined) return { message: 'required' };
  if (iss.code === 'invalid_union') return { message: `invalid value ${JSON.stringify(ctx.data)?.slice(0, 80) ?? ''}`.trim() };
  return { message: ctx.defaultError };
};

function zodIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>, prefix: string): ConfigIssue[] {
  return issues.map((i) => ({ path: formatConfigPath(i.path), message: prefix + i.message }));
}

/**
 * Parses any stored or submitted configuration (migrating older `schemaVersion`s) into an
 * `SlaConfig`, or lists every problem with its path. Never throws.
 * @example parseSlaConfig(JSON.parse(text)) // { ok: false, issues: [{ path: 'goals.resolution["2"]', message: 'unknown priority "2"' }] }
 */
export function parseSlaConfig(input: unknown): ParseConfigResult {
  try {
    return parseUnguarded(input);
  } catch (e) {
    // A rule that trips over input nobody foresaw must still answer with a message, not a crash.
    return { ok: false, issues: [{ path: '', message: `the configuration cannot be read: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

function parseUnguarded(input: unknown): ParseConfigResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, issues: [{ path: '', message: 'expected a configuration object' }] };
  }
  const version = (input as { schemaVersion?: unknown }).schemaVersion;
  let candidate: unknown = input;
  let migratedFrom: number | null = null;
  if (version === 1) {
    const v1 = slaConfigV1Schema.safeParse(input, { errorMap });
    if (!v1.success) return { ok: false, issues: zodIssues(v1.error.issues, '(schemaVersion 1) ') };
    candidate = migrateV1(v1.data);
    migratedFrom = 1;
  } else if (version === undefined) {
    return { ok: false, issues: [{ path: 'schemaVersion', message: `required (the current version is ${CURRENT_SCHEMA_VERSION})` }] };
  } else if (version !== CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      issues: [{ path: 'schemaVersion', message: `unsupported version ${JSON.stringify(version)} (this app reads 1 and ${CURRENT_SCHEMA_VERSION})` }],
    };
  }
  const r = slaConfigSchema.safeParse(candidate, { errorMap });
  if (!r.success) return { ok: false, issues: zodIssues(r.error.issues, migratedFrom ? '(after migration from schemaVersion 1) ' : '') };
  return { ok: true, config: r.data, migratedFrom };
}

export type ValidateConfigResult =
  | { ok: true; config: SlaConfig; migratedFrom: number | null; warnings: string[] }
  | { ok: false; issues: ConfigIssue[] };

function trialRequests(config: SlaConfig, created: number, pkg: string, prio: string | null): Array<{ request: SlaRequest; now: number }> {
  const s = config.statuses;
  const open = s.initial[0]!;
  const events: SlaRequest['events'][number][] = [
    { at: created + 1 * MS_PER_HOUR, type: 'comment', by: 'agent' },
    { at: created + 2 * MS_PER_HOUR, type: 'comment', by: 'customer' },
  ];
  if (s.customerWait[0] !== undefined) events.push({ at: created + 3 * MS_PER_HOUR, type: 'status', to: s.customerWait[0] });
  events.push({ at: created + 4 * MS_PER_HOUR, type: 'status', to: 'In Progress' === open ? `${open} (work)` : 'In Progress' });
  events.push({ at: created + 5 * MS_PER_HOUR, type: 'status', to: s.resolved[0]! });
  const base = { created, package: pkg, priority: prio };
  return [
    { request: { ...base, events: [] }, now: created },
    { request: { ...base, events }, now: created + 6 * MS_PER_HOUR },
  ];
}

/**
 * Everything a save runs: parse (with migration) and a trial calculation of every clock for a
 * request arriving at `nowMs` on each package × priority. Returns the parsed configuration or
 * the issues, each with a path; never throws and never returns a half-valid configuration.
 */
/**
 * What a save also runs on every trial result: the app's builders of the stored state and the
 * panel (they format dates the clocks alone never format). Throwing fails the trial.
 */
export type TrialCheck = (config: SlaConfig, set: ReturnType<typeof computeClocks>, request: SlaRequest, nowMs: number) => void;

export function validateConfig(input: unknown, nowMs: number, trialCheck?: TrialCheck): ValidateConfigResult {
  const parsed = parseSlaConfig(input);
  if (!parsed.ok) return parsed;
  const config = parsed.config;
  const issues: ConfigIssue[] = [];
  const warnings = new Set<string>();
  const prios: Array<string | null> = config.priorities.length > 0 ? config.priorities.map((p) => p.id) : [null];
  config.packages.forEach((p, i) => {
    for (const prio of prios) {
      for (const { request, now } of trialRequests(config, nowMs, p.id, prio)) {
        const what = `package "${p.id}"${prio === null ? '' : `, priority "${prio}"`}`;
        const path = p.calendarId !== null ? formatConfigPath(['packages', i, 'calendarId']) : 'calendarId';
        let failure: string | null = null;
        try {
          const set = computeClocks(config, request, now);
          trialCheck?.(config, set, request, now);
          for (const w of set.warnings) {
            // computeClocks reports a clock it cannot compute instead of throwing; on save that is an error.
            if (/^(reaction|resolution|followUp): cannot be computed/.test(w)) failure ??= w;
            else warnings.add(w);
          }
        } catch (e) {
          failure = e instanceof Error ? e.message : String(e);
        }
        if (failure !== null) {
          issues.push({ path, message: `trial calculation for ${what} failed: ${failure}` });
          return;
        }
      }
    }
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, config, migratedFrom: parsed.migratedFrom, warnings: [...warnings] };
}
