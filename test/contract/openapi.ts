// Checks a Jira REST exchange against the trimmed OpenAPI spec (test/fixtures/jira-openapi):
// the path exists with that method, query parameters are declared, the request body matches the
// request schema, and the response body matches the schema for its status. Used by the adapter's
// contract tests and by the local emulator's (one validator for both sides).

import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface Operation {
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Json }> };
  responses?: Record<string, { content?: Record<string, { schema?: Json }> }>;
}

interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

export const SPEC_PATH = join(__dirname, '..', 'fixtures', 'jira-openapi', 'jira-platform-v3.trimmed.json');
const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Spec;

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
// Jira writes offsets without a colon (2026-03-02T10:00:00.000+0300); the spec still says date-time.
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/);


/** OpenAPI 3.0 `nullable` and local refs, made plain JSON Schema for ajv. */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) {
    // JsonNode is Jackson's node class leaking into the spec (its "properties" are the class's
    // getters); in Jira it means "any JSON value" (issue property values, for one).
    if (k === '$ref' && v === '#/components/schemas/JsonNode') return {};
    if (k === '$ref' && typeof v === 'string') out[k] = v.replace(/^#\/components\/schemas\//, 'jira#/components/schemas/');
    else if (k === 'example' || k === 'examples') continue;
    else out[k] = toJsonSchema(v);
  }
  if (out.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

/**
 * Where Jira Cloud's real answers differ from its spec, documented here rather than loosening the
 * whole check: changelog items carry `null` from/to values when a field was empty (the spec types
 * them as plain strings).
 */
const KNOWN_NULLABLE: Record<string, readonly string[]> = {
  ChangeDetails: ['from', 'fromString', 'to', 'toString'],
};
const components = toJsonSchema(spec.components as unknown as Json) as { schemas: Record<string, { properties?: Record<string, { type?: unknown }> }> };
for (const [name, props] of Object.entries(KNOWN_NULLABLE)) {
  for (const prop of props) {
    const p = components.schemas[name]?.properties?.[prop];
    if (p && typeof p.type === 'string') p.type = [p.type, 'null'];
  }
}
ajv.addSchema({ $id: 'jira', components } as object);

const compiled = new Map<string, ValidateFunction>();
function validator(key: string, schema: Json): ValidateFunction {
  let v = compiled.get(key);
  if (!v) {
    v = ajv.compile(toJsonSchema(schema) as object);
    compiled.set(key, v);
  }
  return v;
}

// Literal segments first, so /issue/properties/multi never matches /issue/{issueIdOrKey}/….
const templates = Object.keys(spec.paths)
  .map((t) => ({ t, re: new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`), params: (t.match(/\{/g) ?? []).length }))
  .sort((a, b) => a.params - b.params);

export function matchPath(path: string): string | null {
  const bare = path.split('?')[0]!;
  return templates.find((x) => x.re.test(bare))?.t ?? null;
}

export interface Exchange {
  requestBody?: unknown;
  responseStatus: number;
  responseBody?: unknown;
}

function describe(errors: ValidateFunction['errors']): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` '${String(e.params.additionalProperty)}'` : ''}`)
    .join('; ');
}

/** Throws an Error naming what does not match the spec; returns the matched path template. */
export function assertMatchesOperation(method: string, path: string, ex: Exchange): string {
  const template = matchPath(path);
  if (!template) throw new Error(`${method} ${path}: no such path in the Jira spec`);
  const op = spec.paths[template]![method.toLowerCase()];
  if (!op) throw new Error(`${method} ${template}: the spec has no ${method} for this path`);
  const query = path.includes('?') ? new URLSearchParams(path.slice(path.indexOf('?') + 1)) : new URLSearchParams();
  const declared = new Set((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
  for (const name of query.keys()) {
    if (!declared.has(name)) throw new Error(`${method} ${template}: query parameter "${name}" is not in the spec (${[...declared].join(', ')})`);
  }
  const reqSchema = op.requestBody?.content?.['application/json']?.schema;
  if (!('requestBody' in ex)) {
    // A response-only check.
  } else if (ex.requestBody !== undefined) {
    if (!reqSchema) throw new Error(`${method} ${template}: the spec takes no JSON body`);
    const v = validator(`${method} ${template} request`, reqSchema);
    if (!v(ex.requestBody)) throw new Error(`${method} ${template}: request body does not match the spec: ${describe(v.errors)}`);
  } else if (op.requestBody?.required) {
    throw new Error(`${method} ${template}: the spec requires a request body`);
  }
  const response = op.responses?.[String(ex.responseStatus)];
  if (!response) throw new Error(`${method} ${template}: status ${ex.responseStatus} is not a documented response (${Object.keys(op.responses ?? {}).join(', ')})`);
  const resSchema = response.content?.['application/json']?.schema;
  if (ex.responseBody !== undefined && ex.responseBody !== null && ex.responseStatus < 300 && resSchema && Object.keys(resSchema as object).length > 0) {
    const v = validator(`${method} ${template} ${ex.responseStatus}`, resSchema);
    if (!v(ex.responseBody)) throw new Error(`${method} ${template}: ${ex.responseStatus} response does not match the spec: ${describe(v.errors)}`);
  }
  return template;
}

export function operationsInSpec(): Array<[string, string]> {
  return Object.entries(spec.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => [m.toUpperCase(), p] as [string, string]));
}
