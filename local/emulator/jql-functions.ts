// App-defined JQL functions (manifest jira:jqlFunction) as Jira runs them: before a query is
// evaluated, each `field op fn(args)` clause whose fn the app declares is replaced by the JQL the
// app's function answers (`{ jql }`), or the query fails with the app's `{ error }` text. Jira
// refuses an operator or field type the module does not declare and a missing required argument
// before calling the app, and stores each answer as a precomputation keyed by function, field,
// operator and arguments (reused until the app updates it; dropped after 7 days unused).

import { randomUUID } from 'node:crypto';
import { JqlError } from './jql';
import { tokenize } from './jql-parse';

export interface ManifestJqlFunction {
  key: string;
  name: string;
  operators: string[];
  types: string[];
  arguments: Array<{ name: string; required: boolean }>;
  /** The export that handles it (`entry/jql/jql-function.jqlFunction` → `jqlFunction`). */
  handler: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

export function readJqlFunctions(modules: Obj): ManifestJqlFunction[] {
  const handlers = new Map(arr(modules.function).map((f) => [String(f.key), String(f.handler ?? '')]));
  return arr(modules['jira:jqlFunction']).map((m) => ({
    key: String(m.key),
    name: String(m.name),
    operators: Array.isArray(m.operators) ? m.operators.map(String) : [],
    types: Array.isArray(m.types) ? m.types.map(String) : [],
    arguments: arr(m.arguments).map((a) => ({ name: String(a.name), required: a.required === true })),
    handler: (handlers.get(String(m.function)) ?? '').replace(/^.*\./, ''),
  }));
}

/** JQL field → the field type Jira reports in the clause (only what the app's functions meet). */
const FIELD_TYPES: Record<string, string> = { issue: 'issue', issuekey: 'issue', key: 'issue', id: 'issue', parent: 'issue', project: 'project', status: 'status', priority: 'priority', assignee: 'user', reporter: 'user' };

export interface FunctionClause {
  start: number;
  end: number;
  field: string;
  operator: string;
  fn: ManifestJqlFunction;
  args: string[];
}

/** The clauses of `jql` that call one of `fns`, in order. */
export function findFunctionClauses(jql: string, fns: readonly ManifestJqlFunction[]): FunctionClause[] {
  const byName = new Map(fns.map((f) => [f.name.toLowerCase(), f]));
  // The same tokens the query's parser reads (a malformed query fails here with the parser's message).
  const toks = tokenize(jql);
  const out: FunctionClause[] = [];
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    const fn = t.t === 'word' ? byName.get(t.v.toLowerCase()) : undefined;
    if (!fn || toks[k + 1]?.v !== '(' || toks[k + 1]?.t !== 'punct') continue;
    // Operator before the function: `in`, `not in` or a symbol; the field before that.
    let j = k - 1;
    let operator: string;
    const prev = toks[j];
    if (prev?.t === 'op') {
      operator = prev.v;
      j--;
    } else if (prev?.t === 'word' && prev.v.toLowerCase() === 'in') {
      operator = toks[j - 1]?.t === 'word' && toks[j - 1]!.v.toLowerCase() === 'not' ? 'not in' : 'in';
      j -= operator === 'in' ? 1 : 2;
    } else if (prev?.t === 'word' && ['was', 'changed'].includes(prev.v.toLowerCase())) {
      throw new JqlError(`Error in the JQL Query: the function '${fn.name}' cannot be used with the '${prev.v}' operator.`);
    } else continue;
    const fieldTok = toks[j];
    if (!fieldTok || (fieldTok.t !== 'word' && fieldTok.t !== 'str')) continue;
    const args: string[] = [];
    let m = k + 2;
    for (; m < toks.length; m++) {
      const a = toks[m]!;
      if (a.t === 'punct' && a.v === ')') break;
      if (a.t === 'punct' && a.v === ',') continue;
      args.push(a.v);
    }
    if (m >= toks.length) throw new JqlError(`Error in the JQL Query: the function '${fn.name}' is missing its closing ')'.`);
    out.push({ start: fieldTok.pos, end: toks[m]!.end, field: fieldTok.v, operator, fn, args });
    k = m;
  }
  return out;
}

export interface Precomputation {
  id: string;
  functionKey: string;
  functionName: string;
  field: string;
  operator: string;
  arguments: string[];
  value?: string;
  error?: string;
  created: number;
  updated: number;
  used: number;
}

const WEEK_MS = 7 * 24 * 3_600_000;

export class PrecomputationStore {
  private readonly byKey = new Map<string, Precomputation>();

  static keyOf(fnKey: string, field: string, operator: string, args: readonly string[]): string {
    return JSON.stringify([fnKey, field, operator, args]);
  }
  get(key: string, nowMs: number): Precomputation | undefined {
    const p = this.byKey.get(key);
    if (p && nowMs - p.used > WEEK_MS) {
      this.byKey.delete(key);
      return undefined;
    }
    return p;
  }
  put(key: string, p: Precomputation): void {
    this.byKey.set(key, p);
  }
  list(): Precomputation[] {
    return [...this.byKey.values()];
  }
  clear(): void {
    this.byKey.clear();
  }
}

export type InvokeJqlFunction = (fn: ManifestJqlFunction, payload: unknown) => Promise<unknown>;

/**
 * `jql` with every app-function clause replaced by the app's answer (in parentheses). Throws a
 * JqlError with Jira's or the app's message when the query cannot run.
 */
export async function expandJqlFunctions(
  jql: string,
  fns: readonly ManifestJqlFunction[],
  invoke: InvokeJqlFunction,
  store: PrecomputationStore,
  nowMs: number,
): Promise<string> {
  if (fns.length === 0) return jql;
  const clauses = findFunctionClauses(jql, fns);
  if (clauses.length === 0) return jql;
  let out = '';
  let at = 0;
  for (const c of clauses) {
    const { fn } = c;
    if (!fn.operators.map((o) => o.toLowerCase()).includes(c.operator.toLowerCase())) {
      throw new JqlError(`Error in the JQL Query: the operator '${c.operator}' is not supported by the function '${fn.name}'. Supported: ${fn.operators.join(', ')}.`);
    }
    const fieldType = FIELD_TYPES[c.field.toLowerCase()] ?? 'unknown';
    if (!fn.types.includes(fieldType)) {
      throw new JqlError(`Error in the JQL Query: the function '${fn.name}' cannot be used with the field '${c.field}'.`);
    }
    const required = fn.arguments.filter((a) => a.required).length;
    if (c.args.length < required) {
      throw new JqlError(`Error in the JQL Query: the function '${fn.name}' expects ${required === fn.arguments.length ? required : `${required} to ${fn.arguments.length}`} arguments (${fn.arguments.map((a) => a.name).join(', ')}), but got ${c.args.length}.`);
    }
    const field = fieldType === 'issue' ? 'key' : c.field.toLowerCase();
    const key = PrecomputationStore.keyOf(fn.key, field, c.operator, c.args);
    let p = store.get(key, nowMs);
    if (!p) {
      const id = randomUUID();
      const answer = await invoke(fn, {
        precomputationId: id,
        clause: { field, type: [fieldType], operator: c.operator, functionName: fn.name, arguments: c.args },
      });
      const a = isObj(answer) ? answer : {};
      if (typeof a.error === 'string') p = { id, functionKey: fn.key, functionName: fn.name, field, operator: c.operator, arguments: c.args, error: a.error, created: nowMs, updated: nowMs, used: nowMs };
      else if (typeof a.jql === 'string' && a.jql.trim() !== '') p = { id, functionKey: fn.key, functionName: fn.name, field, operator: c.operator, arguments: c.args, value: a.jql, created: nowMs, updated: nowMs, used: nowMs };
      else throw new JqlError(`Error in the JQL Query: the function '${fn.name}' did not return a JQL fragment.`);
      store.put(key, p);
    }
    p.used = nowMs;
    if (p.error !== undefined) throw new JqlError(p.error);
    out += `${jql.slice(at, c.start)}(${p.value})`;
    at = c.end;
  }
  return out + jql.slice(at);
}
