// The emulator's REST surface as a table keyed by `METHOD <OpenAPI path template>`: exactly the
// operations the app calls (src/adapters/forge/jira-operations.ts), each in the trimmed spec the
// contract tests check against. Path parameters are read off the template itself, so the table,
// the adapter's list and the spec are the only places a route is spelled.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JIRA_OPERATIONS } from '../../../src/adapters/forge/jira-operations';
import { APP_ACCOUNT_ID, type Principal, type RestReply } from './model';
import type { JiraSite } from './site';

type JiraOperation = (typeof JIRA_OPERATIONS)[number];

/** `GET /rest/api/3/issue/{issueIdOrKey}`: one operation the app calls. */
export type OperationKey = JiraOperation extends infer O ? (O extends readonly [infer M extends string, infer T extends string] ? `${M} ${T}` : never) : never;

/** The `{names}` in a path template, as a union of string literals. */
type ParamsOf<T extends string> = T extends `${string}{${infer P}}${infer Rest}` ? P | ParamsOf<Rest> : never;

export interface RouteContext<K extends OperationKey = OperationKey> {
  site: JiraSite;
  p: Principal;
  /** Decoded path parameters, named as in the template. */
  params: Record<ParamsOf<K>, string>;
  q: URLSearchParams;
  body: Record<string, unknown>;
  /** The request path without query string or trailing slash. */
  path: string;
}

export type RouteHandler<K extends OperationKey> = (c: RouteContext<K>) => RestReply;

/** One handler per operation; a resource file fills a part of it. */
export type RouteTable = { [K in OperationKey]: RouteHandler<K> };

interface CompiledTemplate {
  template: string;
  segments: Array<{ literal: string } | { param: string }>;
}

function compile(template: string): CompiledTemplate {
  return {
    template,
    segments: template
      .split('/')
      .slice(1)
      .map((s) => {
        const m = /^\{([^}]+)\}$/.exec(s);
        return m ? { param: m[1]! } : { literal: s };
      }),
  };
}

/** Jira (JAX-RS) prefers a literal segment to a parameter: `/issue/bulkfetch` is not issue "bulkfetch". */
function moreSpecific(a: CompiledTemplate, b: CompiledTemplate): number {
  for (let i = 0; i < a.segments.length; i++) {
    const la = 'literal' in a.segments[i]!;
    const lb = 'literal' in b.segments[i]!;
    if (la !== lb) return la ? -1 : 1;
  }
  return 0;
}

const TEMPLATES: CompiledTemplate[] = [...new Set(JIRA_OPERATIONS.map(([, t]) => t))].map(compile);

export interface RouteMatch {
  /** `METHOD template` when the path matched a template the app calls, else `METHOD path`. */
  op: string;
  params: Record<string, string>;
}

/** The template a path matches (the most specific one), whatever the method. */
export function matchPath(method: string, rawPath: string): RouteMatch {
  const path = rawPath.split('?')[0]!.replace(/\/+$/, '');
  const parts = path.split('/').slice(1);
  const hits: Array<{ t: CompiledTemplate; params: Record<string, string> }> = [];
  for (const t of TEMPLATES) {
    if (t.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = t.segments.every((s, i) => {
      if ('literal' in s) return s.literal === parts[i];
      if (parts[i] === '') return false;
      params[s.param] = decodeURIComponent(parts[i]!);
      return true;
    });
    if (ok) hits.push({ t, params });
  }
  hits.sort((a, b) => moreSpecific(a.t, b.t));
  const best = hits[0];
  const m = method.toUpperCase();
  return best ? { op: `${m} ${best.t.template}`, params: best.params } : { op: `${m} ${path}`, params: {} };
}

/**
 * What is wrong with a route table: an operation the app calls without a route, a route the app
 * never calls, or one the trimmed spec does not define. Empty when the three agree.
 */
export function routeTableProblems(routes: readonly string[], operations: ReadonlyArray<readonly [string, string]>, specPaths: Record<string, Record<string, unknown>>): string[] {
  const ops = new Set(operations.map(([m, t]) => `${m} ${t}`));
  const served = new Set(routes);
  const problems: string[] = [];
  for (const op of ops) if (!served.has(op)) problems.push(`${op}: the app calls it (jira-operations.ts) but the emulator has no route`);
  for (const r of served) {
    if (!ops.has(r)) problems.push(`${r}: the emulator routes it but the app never calls it (jira-operations.ts)`);
    const [method, template] = r.split(' ') as [string, string];
    if (!specPaths[template]?.[method.toLowerCase()]) problems.push(`${r}: not in the trimmed Jira spec (test/fixtures/jira-openapi)`);
  }
  return problems;
}

export const TRIMMED_SPEC_PATH = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'jira-openapi', 'jira-platform-v3.trimmed.json');

/** The startup check: throws, naming every disagreement, unless routes, app calls and spec agree. */
export function checkRouteTable(routes: readonly string[]): void {
  const spec = JSON.parse(readFileSync(TRIMMED_SPEC_PATH, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  const problems = routeTableProblems(routes, JIRA_OPERATIONS, spec.paths);
  if (problems.length > 0) throw new Error(`The Jira emulator's routes disagree with the app's calls or the spec:\n  ${problems.join('\n  ')}\nRegenerate the spec with \`npx tsx scripts/trim-openapi.ts\` after changing jira-operations.ts.`);
}

/** Who a write is by: the app's own account, or the user the app acts as. Every REST write comes from the app's code (selfGenerated). */
export function actorOf(p: Principal): string {
  return p.kind === 'app' ? APP_ACCOUNT_ID : p.accountId;
}
