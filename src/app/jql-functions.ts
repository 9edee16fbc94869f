// The app's JQL functions (manifest jira:jqlFunction): slaBreached, slaAtRisk, slaPaused,
// slaEverBreached and slaRemaining. Jira replaces `issue in fn(args)` with the JQL the app answers
// and stores that answer as a precomputation, so each function answers with a clause over the
// indexed `reglament-sla` aliases (slaResolutionState, slaEverBreached, slaResolutionDue…) rather
// than a list of issue keys: the answer does not depend on how many requests the site has, and the
// state clauses never go stale (the app keeps the property current).
// slaRemaining turns working time into calendar time with each scope's calendars at `now` and
// answers with a relative date ("137m"), which Jira evaluates against its own now.

import type { SlaConfig } from '../domain/sla/types';
import { addWorking, compileCalendar, goalToMs, type CompiledCalendar as WorkCalendar } from '../domain/calendar';
import type { Locale } from '../shared/contract';
import { DEFAULT_SCOPE, type ActiveConfigs } from './config-store';

export type ClockArg = 'reaction' | 'resolution' | 'followUp';

export interface JqlFunctionCall {
  functionName: string;
  operator: string;
  arguments: readonly string[];
}

export type JqlFunctionAnswer = { jql: string } | { error: string };

const CLOCK_WORDS: Record<string, ClockArg> = {
  reaction: 'reaction',
  реакция: 'reaction',
  resolution: 'resolution',
  решение: 'resolution',
  followup: 'followUp',
  'follow-up': 'followUp',
  повторная: 'followUp',
};

const STATE_ALIAS: Record<ClockArg, string> = {
  reaction: 'slaReactionState',
  resolution: 'slaResolutionState',
  followUp: 'slaFollowUpState',
};

/** Reaction due covers the follow-up clock too (stored-sla: reactionDue = follow-up while one runs). */
const DUE_ALIAS: Record<ClockArg, string> = {
  reaction: 'slaReactionDue',
  resolution: 'slaResolutionDue',
  followUp: 'slaReactionDue',
};

const COMPARISONS = ['<', '<=', '>', '>='] as const;
type Comparison = (typeof COMPARISONS)[number];

class ArgError extends Error {
  constructor(readonly text: { ru: string; en: string }) {
    super(text.en);
  }
}

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function clockArg(fn: string, raw: string | undefined, required: boolean): ClockArg | null {
  if (raw === undefined || raw.trim() === '') {
    if (!required) return null;
    throw new ArgError({
      ru: `${fn}: укажите часы — "reaction", "resolution" или "followUp".`,
      en: `${fn}: name the clock — "reaction", "resolution" or "followUp".`,
    });
  }
  const c = CLOCK_WORDS[raw.trim().toLowerCase()];
  if (!c) {
    throw new ArgError({
      ru: `${fn}: неизвестные часы "${raw}"; ожидается "reaction", "resolution" или "followUp".`,
      en: `${fn}: unknown clock "${raw}"; expected "reaction", "resolution" or "followUp".`,
    });
  }
  return c;
}

function tooMany(fn: string, args: readonly string[], max: number): void {
  if (args.length > max) {
    throw new ArgError({
      ru: `${fn}: слишком много аргументов (${args.length}, допускается ${max}).`,
      en: `${fn}: too many arguments (${args.length}, at most ${max}).`,
    });
  }
}

function stateClause(clock: ClockArg | null, state: string): string {
  const kinds: ClockArg[] = clock ? [clock] : ['reaction', 'resolution', 'followUp'];
  const parts = kinds.map((k) => `${STATE_ALIAS[k]} = ${state}`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

/** Calendars of one scope's configuration and the packages that use each (null = every other package). */
function calendarGroups(config: SlaConfig): Array<{ calendarId: string; packages: string[] | null }> {
  const byCal = new Map<string, string[]>();
  for (const p of config.packages) {
    const id = p.calendarId ?? config.calendarId;
    if (id === config.calendarId) continue;
    byCal.set(id, [...(byCal.get(id) ?? []), p.id]);
  }
  return [{ calendarId: config.calendarId, packages: null }, ...[...byCal.entries()].map(([calendarId, packages]) => ({ calendarId, packages }))];
}

function remainingClause(args: readonly string[], configs: ActiveConfigs, nowMs: number): string {
  const fn = 'slaRemaining';
  tooMany(fn, args, 3);
  const clock = clockArg(fn, args[0], true)!;
  const op = (args[1] ?? '').trim() as Comparison;
  if (!COMPARISONS.includes(op)) {
    throw new ArgError({
      ru: `${fn}: второй аргумент — сравнение "<", "<=", ">" или ">=", получено "${args[1] ?? ''}".`,
      en: `${fn}: the second argument is a comparison "<", "<=", ">" or ">=", got "${args[1] ?? ''}".`,
    });
  }
  const amount = (args[2] ?? '').trim();
  if (configs.empty) {
    throw new ArgError({ ru: `${fn}: SLA ещё не настроено.`, en: `${fn}: SLA is not configured yet.` });
  }
  const scopes = [...configs.byScope.values()];
  const projectScopes = scopes.filter((s) => s.scope !== DEFAULT_SCOPE).map((s) => s.scope);
  const cache = new Map<string, WorkCalendar>();
  const parts: string[] = [];
  for (const active of scopes) {
    const { config } = active;
    const groups = calendarGroups(config);
    const otherPackages = groups.flatMap((g) => g.packages ?? []);
    // Requests stored under a scope that no longer exists fall back to the site default, as recompute does.
    const scopePart =
      active.scope === DEFAULT_SCOPE
        ? projectScopes.length === 0
          ? null
          : `slaScope not in (${projectScopes.map(quote).join(', ')})`
        : `slaScope = ${quote(active.scope)}`;
    for (const g of groups) {
      const def = Object.hasOwn(config.calendars, g.calendarId) ? config.calendars[g.calendarId] : undefined;
      if (!def) continue;
      let cal = cache.get(`${active.scope}\u0000${g.calendarId}`);
      if (!cal) {
        cal = compileCalendar(def);
        cache.set(`${active.scope}\u0000${g.calendarId}`, cal);
      }
      let workingMs: number;
      try {
        workingMs = goalToMs(cal, nowMs, amount);
      } catch {
        throw new ArgError({
          ru: `${fn}: "${amount}" — не рабочее время; пример: "30m", "2h", "1wd".`,
          en: `${fn}: "${amount}" is not a working time; e.g. "30m", "2h", "1wd".`,
        });
      }
      const at = addWorking(cal, nowMs, workingMs);
      // JQL relative dates count from the moment Jira runs the query; whole minutes, rounded so that
      // "< 2h" never takes in a request with more than 2 working hours left.
      const minutes = op === '<' || op === '<=' ? Math.floor((at - nowMs) / 60_000) : Math.ceil((at - nowMs) / 60_000);
      const packagePart =
        g.packages === null
          ? otherPackages.length === 0
            ? null
            : `slaPackage not in (${otherPackages.map(quote).join(', ')})`
          : `slaPackage in (${g.packages.map(quote).join(', ')})`;
      const due = `${DUE_ALIAS[clock]} ${op} "${minutes}m"`;
      const clauses = [scopePart, packagePart, due].filter((c): c is string => c !== null);
      parts.push(clauses.length === 1 ? clauses[0]! : `(${clauses.join(' AND ')})`);
    }
  }
  // A paused or finished clock has no due, so none of these clauses matches it.
  const unique = [...new Set(parts)];
  return unique.length === 1 ? unique[0]! : `(${unique.join(' OR ')})`;
}

/** The JQL clause a function call stands for; throws ArgError for arguments it cannot take. */
function clauseFor(call: JqlFunctionCall, configs: ActiveConfigs, nowMs: number): string {
  const fn = call.functionName;
  const args = call.arguments;
  switch (fn.toLowerCase()) {
    case 'slabreached': {
      tooMany('slaBreached', args, 1);
      const clock = clockArg('slaBreached', args[0], false);
      return clock ? stateClause(clock, 'breached') : 'slaBreached = yes';
    }
    case 'slaatrisk':
      tooMany('slaAtRisk', args, 1);
      return stateClause(clockArg('slaAtRisk', args[0], false), 'atRisk');
    case 'slapaused':
      tooMany('slaPaused', args, 1);
      return stateClause(clockArg('slaPaused', args[0], false), 'paused');
    case 'slaeverbreached': {
      tooMany('slaEverBreached', args, 1);
      const clock = clockArg('slaEverBreached', args[0], false);
      // Reaction and resolution run once, so "ever" is "breached"; follow-up cycles restart, so
      // a request whose current cycle is fine may still have breached an earlier one.
      if (clock === null) return 'slaEverBreached = yes';
      if (clock === 'followUp') return 'slaFollowUpEverBreached = yes';
      return stateClause(clock, 'breached');
    }
    case 'slaremaining':
      return remainingClause(args, configs, nowMs);
    default:
      throw new ArgError({ ru: `Неизвестная функция ${fn}.`, en: `Unknown function ${fn}.` });
  }
}

export function answerJqlFunction(call: JqlFunctionCall, ctx: { configs: ActiveConfigs; nowMs: number; locale: Locale }): JqlFunctionAnswer {
  const op = call.operator.trim().toLowerCase();
  if (op !== 'in' && op !== 'not in') {
    const text = {
      ru: `${call.functionName}: используйте "issue in ${call.functionName}(…)" или "issue not in ${call.functionName}(…)".`,
      en: `${call.functionName}: use "issue in ${call.functionName}(…)" or "issue not in ${call.functionName}(…)".`,
    };
    return { error: text[ctx.locale] };
  }
  try {
    const clause = clauseFor(call, ctx.configs, ctx.nowMs);
    return { jql: op === 'in' ? clause : `NOT (${clause})` };
  } catch (e) {
    if (e instanceof ArgError) return { error: e.text[ctx.locale] };
    throw e;
  }
}
