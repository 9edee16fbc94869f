// The SLA configuration, schemaVersion 2: what an admin saves and what every storage read parses.
// Field rules live in the shapes; rules that relate fields (ids that must exist, goals that must
// cover every package/priority) live in one superRefine below, each issue naming its exact path.

import { z } from 'zod/v3';
import { calendarDefSchema, tryParseGoal } from '../domain/calendar';
import { parsePeriod } from '../domain/sla/period';
import type { SlaConfig } from '../domain/sla/types';
import { parseDate } from '../domain/time/day';
import { checkEscalation, escalationSchema } from './escalation.schema';

export const CURRENT_SCHEMA_VERSION = 2 as const;

/** A package or priority id: a number and its string form are the same id. */
export const idSchema = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1, 'expected a non-empty id').max(64, 'ids are at most 64 characters'));

export const localizedTextSchema = z.object({
  ru: z.string().trim().min(1, 'expected Russian text').max(4000),
  en: z.string().trim().min(1, 'expected English text').max(4000),
});

const dateSchema = z.string().refine((d) => parseDate(d) !== null, { message: 'expected a real date YYYY-MM-DD' });

const validitySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unlimited') }),
  z.object({ kind: z.literal('months'), months: z.number().int().min(1).max(120) }),
  z.object({ kind: z.literal('contract') }),
]);

const channelSchema = z.object({
  kind: z.enum(['email', 'phone', 'freePhone', 'skype', 'portal', 'form', 'chat', 'other']),
  address: z.string().trim().max(500).default(''),
  name: localizedTextSchema,
});

export const packageSchema = z.object({
  id: idSchema,
  name: localizedTextSchema,
  description: localizedTextSchema.nullable().default(null),
  price: z.number().nonnegative().finite().nullable().default(null),
  validity: validitySchema.default({ kind: 'unlimited' }),
  channels: z.array(channelSchema).default([]),
  products: z.array(localizedTextSchema).default([]),
  extras: z.array(localizedTextSchema).default([]),
  skypeContacts: z.number().int().min(0).max(1000).default(0),
  calendarId: z.string().min(1).nullable().default(null),
  // Optional without a default: packages saved before quotas parse to exactly what they were.
  hoursQuota: z.object({ hoursPerMonth: z.number().positive('expected more than 0 hours').max(744, 'a month has at most 744 hours') }).optional(),
  // Agents may extend a clock or set an agreed due (issue 15); false forbids it. Absent = allowed.
  agreementsAllowed: z.boolean().optional(),
});

export const prioritySchema = z.object({
  id: idSchema,
  name: localizedTextSchema,
  definition: localizedTextSchema,
});

const keyingSchema = z.enum(['package', 'priority', 'matrix']);
const goalTableSchema = z.record(z.string(), z.union([z.string(), z.record(z.string(), z.string())]));

const statusListSchema = z.array(z.string().trim().min(1).max(255));

export const CANONICAL_STATUSES = {
  initial: ['Open'],
  customerWait: ['Waiting for customer'],
  resolved: ['Resolved'],
  closed: ['Closed'],
} as const;

const statusesSchema = z.object({
  initial: statusListSchema.min(1, 'expected at least one initial status'),
  customerWait: statusListSchema.default([]),
  resolved: statusListSchema.min(1, 'expected at least one resolved status'),
  closed: statusListSchema.default([]),
});

const agentRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('notReporter') }),
  z.object({ kind: z.literal('groups'), groups: z.array(z.string().min(1)).min(1) }),
  z.object({ kind: z.literal('accounts'), accountIds: z.array(z.string().min(1)).min(1) }),
]);

const customerSchema = z.object({
  match: z.union([
    z.strictObject({ organization: z.string().trim().min(1) }),
    z.strictObject({ emailDomain: z.string().trim().min(1).regex(/^@?[^\s@]+\.[^\s@]+$/, 'expected an e-mail domain like "example.ru"') }),
  ]),
  package: idSchema,
  validFrom: dateSchema.nullable().default(null),
  validTo: dateSchema.nullable().default(null),
  note: z.string().max(1000).nullable().default(null),
});

const DEFAULT_ACK = {
  enabled: false,
  text: {
    ru: 'Обращение {key} зарегистрировано. Приоритет: {priority}. Срок реакции: {reactionDue}. Срок решения: {resolutionDue}.',
    en: 'Request {key} is registered. Priority: {priority}. Reaction due: {reactionDue}. Resolution due: {resolutionDue}.',
  },
};

const acknowledgementSchema = z.object({
  enabled: z.boolean(),
  text: localizedTextSchema.default(DEFAULT_ACK.text),
});

// Jira labels cannot contain spaces; 255 is Jira's limit.
const labelSchema = z.string().trim().min(1, 'expected a label').max(255).regex(/^\S+$/, 'a Jira label cannot contain spaces');

const actionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('notify'),
    to: z.object({ assignee: z.boolean().default(false), watchers: z.boolean().default(false), reporter: z.boolean().default(false) }),
  }),
  z.object({ kind: z.literal('label'), label: labelSchema }),
  z.object({ kind: z.literal('comment') }),
]);

const clockActionsSchema = z.object({
  atRisk: z.array(actionSchema).max(10).default([]),
  breached: z.array(actionSchema).max(10).default([]),
});

/** No actions: what a configuration saved before actions existed means (nobody is suddenly e-mailed). */
export const NO_ACTIONS = {
  reaction: { atRisk: [], breached: [] },
  resolution: { atRisk: [], breached: [] },
  followUp: { atRisk: [], breached: [] },
  autoCloseNotice: { before: null, onClose: false },
} as const;

export const actionsSchema = z.object({
  reaction: clockActionsSchema.default({ atRisk: [], breached: [] }),
  resolution: clockActionsSchema.default({ atRisk: [], breached: [] }),
  followUp: clockActionsSchema.default({ atRisk: [], breached: [] }),
  autoCloseNotice: z.object({ before: z.string().trim().min(1).nullable().default(null), onClose: z.boolean().default(false) }).default({ before: null, onClose: false }),
});

const baseSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  name: localizedTextSchema.default({ ru: 'Регламент технической поддержки', en: 'Support regulation' }),
  template: z.string().min(1).nullable().default(null),
  calendarId: z.string().min(1),
  calendars: z.record(z.string(), calendarDefSchema),
  packages: z.array(packageSchema).min(1, 'expected at least one package'),
  defaultPackage: idSchema,
  priorities: z.array(prioritySchema).default([]),
  defaultPriority: idSchema.nullable().default(null),
  goalsBy: z.object({ reaction: keyingSchema.optional(), resolution: keyingSchema.optional() }).strict().default({}),
  goals: z.object({ reaction: goalTableSchema.optional(), resolution: goalTableSchema.optional() }).strict(),
  atRiskThreshold: z.number().min(0).lt(1, 'expected a share of the goal below 1 (0.25 = 25%)').default(0.25),
  statuses: statusesSchema.default({
    initial: [...CANONICAL_STATUSES.initial],
    customerWait: [...CANONICAL_STATUSES.customerWait],
    resolved: [...CANONICAL_STATUSES.resolved],
    closed: [...CANONICAL_STATUSES.closed],
  }),
  agentRule: agentRuleSchema.default({ kind: 'notReporter' }),
  autoClose: z.object({ period: z.string() }).nullable().default(null),
  customers: z.array(customerSchema).default([]),
  acknowledgement: acknowledgementSchema.default(DEFAULT_ACK),
  minimumAnswerMinutes: z.number().int().min(1).max(1440).nullable().default(null),
  // Optional without a schema default, so configurations saved before it parse to exactly what they were.
  actions: actionsSchema.optional(),
  escalation: escalationSchema.optional(),
  updates: z.object({ by: keyingSchema, every: goalTableSchema }).optional(),
});

type Base = z.output<typeof baseSchema>;
type Ctx = z.RefinementCtx;

function duplicates(ids: readonly string[]): Map<number, string> {
  const seen = new Set<string>();
  const out = new Map<number, string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) out.set(i, id);
    seen.add(id);
  });
  return out;
}

/** The longest auto-close period (ten years, the engine's range, as for goals). */
export const MAX_AUTO_CLOSE_DAYS = 3650;
const MAX_AUTO_CLOSE_MS = MAX_AUTO_CLOSE_DAYS * 86_400_000;

// Upper bounds keep every goal computable within the engine's range (about ten years of work).
const GOAL_LIMITS = { s: 360_000_000, m: 6_000_000, h: 100_000, wd: 10_000, bd: 10_000 } as const;

/** Checks one goal string; returns the message when it is not a usable goal. */
export function goalProblem(text: string): string | null {
  const r = tryParseGoal(text);
  if (!r.ok) return r.message;
  if (r.goal.parts.some((p) => !(p.value > 0))) return `goal "${text}": every limit must be longer than zero`;
  for (const p of r.goal.parts) {
    if (p.value > GOAL_LIMITS[p.unit]) return `goal "${text}": ${p.value}${p.unit} is longer than the ${GOAL_LIMITS[p.unit]}${p.unit} this app accepts`;
  }
  return null;
}

function checkGoalTables(cfg: Base, ctx: Ctx): void {
  const pkgs = new Set(cfg.packages.map((p) => p.id));
  const prios = new Set(cfg.priorities.map((p) => p.id));
  const issue = (path: Array<string | number>, message: string): void => ctx.addIssue({ code: 'custom', path, message });
  if (cfg.goals.reaction === undefined && cfg.goals.resolution === undefined) {
    issue(['goals'], 'expected a reaction or a resolution goal (or both)');
  }
  for (const clock of ['reaction', 'resolution'] as const) {
    const table = cfg.goals[clock];
    const by = cfg.goalsBy[clock];
    if (table === undefined) {
      if (by !== undefined) issue(['goalsBy', clock], `goalsBy.${clock} is set but goals.${clock} is missing`);
      continue;
    }
    if (by === undefined) {
      issue(['goalsBy', clock], `expected "package", "priority" or "matrix" for how goals.${clock} is keyed`);
      continue;
    }
    const checkGoal = (path: Array<string | number>, value: unknown): void => {
      if (typeof value !== 'string') {
        issue(path, `expected a goal string like "4h", "2wd" or "24h,5bd"`);
        return;
      }
      const problem = goalProblem(value);
      if (problem) issue(path, problem);
    };
    if (by === 'priority' && cfg.priorities.length === 0) {
      issue(['goalsBy', clock], `goals.${clock} is keyed by priority but no priorities are defined`);
      continue;
    }
    const outerIds = by === 'priority' ? prios : pkgs;
    const outerWord = by === 'priority' ? 'priority' : 'package';
    for (const [key, value] of Object.entries(table)) {
      if (!outerIds.has(key)) {
        issue(['goals', clock, key], `unknown ${outerWord} "${key}"`);
        continue;
      }
      if (by !== 'matrix') {
        checkGoal(['goals', clock, key], value);
        continue;
      }
      if (typeof value === 'string') {
        issue(['goals', clock, key], 'expected goals by priority for this package (matrix), e.g. {"1": "4h"}');
        continue;
      }
      for (const [pk, g] of Object.entries(value)) {
        if (!prios.has(pk)) issue(['goals', clock, key, pk], `unknown priority "${pk}"`);
        else checkGoal(['goals', clock, key, pk], g);
      }
      for (const pr of prios) if (!Object.hasOwn(value, pr)) issue(['goals', clock, key], `missing a goal for priority "${pr}"`);
    }
    for (const id of outerIds) {
      if (!Object.hasOwn(table, id)) issue(['goals', clock], `missing a goal for ${outerWord} "${id}"`);
    }
  }
}

/** An action's identity within one list: what the once-per-cycle key names. */
export function actionId(a: { kind: string; label?: string }): string {
  return a.kind === 'label' ? `label-${a.label ?? ''}` : a.kind;
}

function checkActions(cfg: Base, ctx: Ctx): void {
  const a = cfg.actions;
  if (a === undefined) return;
  const issue = (path: Array<string | number>, message: string): void => ctx.addIssue({ code: 'custom', path, message });
  for (const clock of ['reaction', 'resolution', 'followUp'] as const) {
    const goalClock = clock === 'followUp' ? 'reaction' : clock;
    for (const trigger of ['atRisk', 'breached'] as const) {
      const list = a[clock][trigger];
      if (list.length > 0 && cfg.goals[goalClock] === undefined) {
        issue(['actions', clock, trigger], `the configuration has no ${goalClock} goal, so this clock never ${trigger === 'atRisk' ? 'becomes at risk' : 'breaches'}`);
      }
      if (trigger === 'atRisk' && list.length > 0 && cfg.atRiskThreshold === 0) {
        issue(['actions', clock, trigger], 'the at-risk threshold is 0, so no clock is ever at risk');
      }
      const seen = new Set<string>();
      list.forEach((x, i) => {
        const id = actionId(x);
        if (seen.has(id)) issue(['actions', clock, trigger, i], x.kind === 'label' ? `label "${x.label}" is added twice` : `a second "${x.kind}" action; one is enough`);
        seen.add(id);
        if (x.kind === 'notify' && !x.to.assignee && !x.to.watchers && !x.to.reporter) {
          issue(['actions', clock, trigger, i, 'to'], 'expected at least one recipient: assignee, watchers or reporter');
        }
      });
    }
  }
  const notice = a.autoCloseNotice;
  if (notice.before === null && !notice.onClose) return;
  if (cfg.autoClose === null) {
    issue(['actions', 'autoCloseNotice'], 'auto-close is off: switch it on (autoClose.period) or turn the auto-close notice off');
    return;
  }
  if (notice.before !== null) {
    const before = parsePeriod(notice.before);
    const period = parsePeriod(cfg.autoClose.period);
    if (before === null) issue(['actions', 'autoCloseNotice', 'before'], `expected a plain period like "24h", "3d" or "90m", got "${notice.before}"`);
    else if (period !== null && before >= period) {
      issue(['actions', 'autoCloseNotice', 'before'], `"${notice.before}" is not shorter than the auto-close period "${cfg.autoClose.period}"`);
    }
  }
}

/** The update clock's table: known ids and usable goals; packages or priorities left out have no such clock. */
function checkUpdates(cfg: Base, issue: (path: Array<string | number>, message: string) => void): void {
  const u = cfg.updates;
  if (u === undefined) return;
  const pkgs = new Set(cfg.packages.map((p) => p.id));
  const prios = new Set(cfg.priorities.map((p) => p.id));
  const goal = (path: Array<string | number>, v: unknown): void => {
    if (typeof v !== 'string') return issue(path, 'expected working time like "4h" or "1wd"');
    const problem = goalProblem(v);
    if (problem) issue(path, problem);
  };
  if (u.by === 'priority' && prios.size === 0) return issue(['updates', 'by'], 'keyed by priority but no priorities are defined');
  for (const [key, v] of Object.entries(u.every)) {
    const outer = u.by === 'priority' ? prios : pkgs;
    if (!outer.has(key)) {
      issue(['updates', 'every', key], `unknown ${u.by === 'priority' ? 'priority' : 'package'} "${key}"`);
      continue;
    }
    if (u.by !== 'matrix') {
      goal(['updates', 'every', key], v);
      continue;
    }
    if (typeof v === 'string') {
      issue(['updates', 'every', key], 'expected intervals by priority for this package (matrix), e.g. {"1": "4h"}');
      continue;
    }
    for (const [pk, g] of Object.entries(v)) {
      if (!prios.has(pk)) issue(['updates', 'every', key, pk], `unknown priority "${pk}"`);
      else goal(['updates', 'every', key, pk], g);
    }
  }
}

function crossCheck(cfg: Base, ctx: Ctx): void {
  const issue = (path: Array<string | number>, message: string): void => ctx.addIssue({ code: 'custom', path, message });
  const pkgIds = cfg.packages.map((p) => p.id);
  const prioIds = cfg.priorities.map((p) => p.id);
  for (const [i, id] of duplicates(pkgIds)) issue(['packages', i, 'id'], `duplicate package id "${id}"`);
  for (const [i, id] of duplicates(prioIds)) issue(['priorities', i, 'id'], `duplicate priority id "${id}"`);
  const pkgs = new Set(pkgIds);
  const prios = new Set(prioIds);

  if (!Object.hasOwn(cfg.calendars, cfg.calendarId)) issue(['calendarId'], `unknown calendar "${cfg.calendarId}"`);
  for (const [id, def] of Object.entries(cfg.calendars)) {
    if (Object.values(def.week).every((list) => list.length === 0)) {
      issue(['calendars', id, 'week'], 'expected working hours on at least one weekday');
    }
  }
  const usesWd = Object.values(cfg.goals).some((table) =>
    Object.values(table ?? {}).some((v) => (typeof v === 'string' ? [v] : Object.values(v)).some((g) => /\d\s*wd/i.test(g))),
  );
  if (usesWd) {
    const used = new Set([cfg.calendarId, ...cfg.packages.flatMap((p) => (p.calendarId ? [p.calendarId] : []))]);
    for (const id of used) {
      const def = Object.hasOwn(cfg.calendars, id) ? cfg.calendars[id] : undefined;
      if (def && def.week.mon.length === 0) {
        issue(['calendars', id, 'week', 'mon'], 'goals in working days (wd) count Monday\'s hours as the working day, but Monday has none');
      }
    }
  }
  cfg.packages.forEach((p, i) => {
    if (p.calendarId !== null && !Object.hasOwn(cfg.calendars, p.calendarId)) issue(['packages', i, 'calendarId'], `unknown calendar "${p.calendarId}"`);
  });
  if (!pkgs.has(cfg.defaultPackage)) issue(['defaultPackage'], `unknown package "${cfg.defaultPackage}"`);
  if (cfg.priorities.length > 0) {
    if (cfg.defaultPriority === null) issue(['defaultPriority'], 'expected the priority a request has until support classifies it');
    else if (!prios.has(cfg.defaultPriority)) issue(['defaultPriority'], `unknown priority "${cfg.defaultPriority}"`);
  } else if (cfg.defaultPriority !== null) {
    issue(['defaultPriority'], `unknown priority "${cfg.defaultPriority}" (no priorities are defined)`);
  }

  checkGoalTables(cfg, ctx);

  const roleOf = new Map<string, string>();
  for (const role of ['initial', 'customerWait', 'resolved', 'closed'] as const) {
    cfg.statuses[role].forEach((s, i) => {
      const prev = roleOf.get(s.toLowerCase());
      if (prev !== undefined) issue(['statuses', role, i], `status "${s}" already has the role ${prev}`);
      else roleOf.set(s.toLowerCase(), role);
    });
  }

  if (cfg.autoClose !== null) {
    const period = parsePeriod(cfg.autoClose.period);
    if (period === null) issue(['autoClose', 'period'], `expected a plain period like "14d", "24h" or "90m", got "${cfg.autoClose.period}"`);
    else if (period > MAX_AUTO_CLOSE_MS) {
      // Like goals: a period past the engine's range would put every resolved request's close date out of range.
      issue(['autoClose', 'period'], `"${cfg.autoClose.period}" is longer than the ${MAX_AUTO_CLOSE_DAYS}d this app accepts`);
    }
  }

  checkActions(cfg, ctx);
  checkEscalation(cfg.escalation, cfg.goals, issue);
  checkUpdates(cfg, issue);

  cfg.customers.forEach((c, i) => {
    if (!pkgs.has(c.package)) issue(['customers', i, 'package'], `unknown package "${c.package}"`);
    if (c.validFrom !== null && c.validTo !== null && c.validTo < c.validFrom) {
      issue(['customers', i, 'validTo'], `ends (${c.validTo}) before it starts (${c.validFrom})`);
    }
  });
}

/** The v2 schema with every cross-field rule. Output is exactly the domain's `SlaConfig`. */
export const slaConfigSchema = baseSchema.superRefine(crossCheck);


// Compile-time proof that whatever the schema outputs is a domain `SlaConfig`.
const schemaOutputIsDomainConfig = (x: z.output<typeof slaConfigSchema>): SlaConfig => x;
void schemaOutputIsDomainConfig;
