// A small JQL parser and evaluator: the subset of Jira Query Language the app sends (clauses
// joined by AND/OR/NOT with parentheses, =, !=, <, <=, >, >=, ~, IN, NOT IN, IS [NOT] EMPTY,
// now()/currentUser()/startOfDay()/endOfDay(), relative dates, ORDER BY). Field meanings come
// from the caller through `JqlFields`, so this module knows nothing about the issue model.
import { JqlError, parseJql, type Expr, type FieldRef, type Literal, type Operator } from './jql-parse';

export { JqlError, parseJql } from './jql-parse';
export type { Expr, FieldRef, JqlQuery, Literal, Operator, OrderItem } from './jql-parse';

// ---------------------------------------------------------------- evaluation

/** How one field reads from an item, provided by the caller. */
export type FieldAccessor<I> =
  | { type: 'date'; get(item: I): number | null }
  | { type: 'number'; get(item: I): number | null }
  | {
      type: 'string';
      /** Several values (e.g. a multi-value field) match when any matches. */
      get(item: I): string | readonly string[] | null;
      /** Custom equality (names, ids, categories); defaults to case-insensitive comparison. */
      equals?: (actual: string, literal: string) => boolean;
      /**
       * Validates each literal when the query is compiled; throws a JqlError for a value Jira
       * refuses (an issue key that does not exist, a status name the site does not have).
       */
      check?: (literal: string) => void;
    };

export interface JqlFields<I> {
  /** Throws a JqlError for a field the site does not know. */
  resolve(ref: FieldRef): FieldAccessor<I>;
}

export interface JqlEnv {
  nowMs: number;
  currentUser?: string;
}

const UNIT_MS: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

/** Relative date such as "-1d", "4h", "-1w 2d" (JQL's date-offset syntax). */
function parseRelative(text: string): number | null {
  const m = /^([-+]?)((?:\d+[wdhm]\s*)+)$/.exec(text.trim());
  if (!m) return null;
  const sign = m[1] === '-' ? -1 : 1;
  let total = 0;
  for (const part of m[2]!.matchAll(/(\d+)([wdhm])/g)) total += Number(part[1]) * UNIT_MS[part[2]!]!;
  return sign * total;
}

function startOfUtcDay(ms: number): number {
  return Math.floor(ms / 86_400_000) * 86_400_000;
}

function literalToDate(lit: Literal, env: JqlEnv): number {
  if (lit.kind === 'fn') {
    const offset = lit.args[0] !== undefined ? parseRelative(lit.args[0]) ?? 0 : 0;
    switch (lit.name) {
      case 'now':
        return env.nowMs;
      case 'startofday':
        return startOfUtcDay(env.nowMs) + offset;
      case 'endofday':
        return startOfUtcDay(env.nowMs) + 86_400_000 - 1 + offset;
      default:
        throw new JqlError(`Error in the JQL Query: the function '${lit.name}' is not supported for dates.`);
    }
  }
  const text = lit.text;
  const rel = parseRelative(text);
  if (rel !== null) return env.nowMs + rel;
  const dm = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[ T](\d{2}):(\d{2}))?$/.exec(text);
  if (dm) {
    return Date.UTC(Number(dm[1]), Number(dm[2]) - 1, Number(dm[3]), Number(dm[4] ?? 0), Number(dm[5] ?? 0));
  }
  const parsed = Date.parse(text);
  if (!Number.isNaN(parsed)) return parsed;
  throw new JqlError(`Error in the JQL Query: date value '${text}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`);
}

function literalToString(lit: Literal, env: JqlEnv): string {
  if (lit.kind === 'fn') {
    if (lit.name === 'currentuser') {
      if (!env.currentUser) throw new JqlError('Error in the JQL Query: currentUser() needs a user.');
      return env.currentUser;
    }
    throw new JqlError(`Error in the JQL Query: the function '${lit.name}' is not supported here.`);
  }
  return lit.text;
}

function cmp(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function evalOp(op: Operator, c: number): boolean {
  switch (op) {
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    default:
      return false;
  }
}

export interface CompiledJql<I> {
  matches(item: I): boolean;
  /** Sort order from ORDER BY (ties keep the caller's order). */
  compare(a: I, b: I): number;
  hasRestriction: boolean;
  /** True when the query has an ORDER BY. */
  ordered: boolean;
}

export function compileJql<I>(src: string, fields: JqlFields<I>, env: JqlEnv): CompiledJql<I> {
  const q = parseJql(src);

  const compileExpr = (e: Expr): ((item: I) => boolean) => {
    if (e.type === 'and') {
      const fs = e.items.map(compileExpr);
      return (it) => fs.every((f) => f(it));
    }
    if (e.type === 'or') {
      const fs = e.items.map(compileExpr);
      return (it) => fs.some((f) => f(it));
    }
    if (e.type === 'not') {
      const f = compileExpr(e.expr);
      return (it) => !f(it);
    }
    const acc = fields.resolve(e.field);
    const { op } = e;
    if (op === 'is' || op === 'is not') {
      const isEmpty = (it: I): boolean => {
        const v = acc.get(it);
        return v === null || v === undefined || (Array.isArray(v) && v.length === 0);
      };
      return op === 'is' ? isEmpty : (it) => !isEmpty(it);
    }
    if (acc.type === 'date' || acc.type === 'number') {
      const toNum = (l: Literal): number => {
        if (acc.type === 'date') return literalToDate(l, env);
        const n = Number(literalToString(l, env));
        if (Number.isNaN(n)) throw new JqlError(`Error in the JQL Query: '${literalToString(l, env)}' is not a number.`);
        return n;
      };
      const nums = e.values.map(toNum);
      if (op === '~' || op === '!~') throw new JqlError(`Error in the JQL Query: the operator '${op}' is not supported by this field.`);
      return (it) => {
        const v = acc.get(it);
        if (v === null) return false; // Jira: a clause on an empty value never matches, even with !=
        if (op === 'in') return nums.some((n) => v === n);
        if (op === 'not in') return nums.every((n) => v !== n);
        return evalOp(op, cmp(v, nums[0]!));
      };
    }
    const lits = e.values.map((l) => literalToString(l, env));
    if (acc.check && op !== '~' && op !== '!~') for (const l of lits) acc.check(l);
    const eq = acc.equals ?? ((a: string, b: string) => a.toLowerCase() === b.toLowerCase());
    return (it) => {
      const raw = acc.get(it);
      if (raw === null || raw === undefined) return false;
      const vals = typeof raw === 'string' ? [raw] : raw;
      if (vals.length === 0) return false;
      switch (op) {
        case '=':
          return vals.some((v) => eq(v, lits[0]!));
        case '!=':
          return !vals.some((v) => eq(v, lits[0]!));
        case 'in':
          return vals.some((v) => lits.some((l) => eq(v, l)));
        case 'not in':
          return !vals.some((v) => lits.some((l) => eq(v, l)));
        case '~':
          return vals.some((v) => v.toLowerCase().includes(lits[0]!.toLowerCase()));
        case '!~':
          return !vals.some((v) => v.toLowerCase().includes(lits[0]!.toLowerCase()));
        default:
          return vals.some((v) => evalOp(op, cmp(v, lits[0]!)));
      }
    };
  };

  const matches = q.where ? compileExpr(q.where) : () => true;
  const sorters = q.orderBy.map(({ field, dir }) => {
    const acc = fields.resolve(field);
    const sign = dir === 'DESC' ? -1 : 1;
    return (a: I, b: I): number => {
      const va = acc.get(a);
      const vb = acc.get(b);
      const ka = Array.isArray(va) ? va[0] ?? null : va;
      const kb = Array.isArray(vb) ? vb[0] ?? null : vb;
      // Empty values sort last in both directions, as Jira does.
      if (ka === null || ka === undefined) return kb === null || kb === undefined ? 0 : 1;
      if (kb === null || kb === undefined) return -1;
      return sign * cmp(ka as number | string, kb as number | string);
    };
  });
  return {
    matches,
    compare: (a, b) => {
      for (const s of sorters) {
        const c = s(a, b);
        if (c !== 0) return c;
      }
      return 0;
    },
    hasRestriction: q.where !== null,
    ordered: q.orderBy.length > 0,
  };
}
