// Fields: the site's field list (system, JSM's Organizations, the app's own and a second
// environment's copies) and Forge's app field value API, which validates every value against the
// field's type and manifest schema and refuses the whole request when one is wrong.
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ENV_ID } from '../manifest';
import { APP_ACCOUNT_ID, OTHER_ENV_ID, RestError, bad, type SiteField } from './model';
import type { RouteTable } from './routes';
import type { JiraSite } from './site';

let ajvInstance: Ajv | null = null;
/** JSON Schema as Forge applies a field's manifest `schema`; Forge's own keywords (searchAlias, searchType) are annotations. */
function fieldSchemaAjv(): Ajv {
  if (!ajvInstance) {
    ajvInstance = new Ajv({ strict: false, allErrors: true });
    addFormats(ajvInstance);
  }
  return ajvInstance;
}

/** Forge validates every value of an app field against its type and manifest schema and refuses the whole request (400). */
export function checkFieldValue(f: SiteField, v: unknown, where: string, schema: ValidateFunction | null = null): void {
  if (v === null || v === undefined) return;
  switch (f.type) {
    case 'string':
      if (typeof v !== 'string') bad(`${where}: field ${f.id} (${f.name}) takes a string`);
      if (v.length > 255) bad(`${where}: a string field value is limited to 255 characters`);
      return;
    case 'number':
      if (typeof v !== 'number') bad(`${where}: field ${f.id} (${f.name}) takes a number`);
      return;
    case 'datetime':
    case 'date':
      if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) bad(`${where}: field ${f.id} (${f.name}) takes an ISO date-time string`);
      return;
    case 'object':
      if (typeof v !== 'object' || Array.isArray(v)) bad(`${where}: field ${f.id} (${f.name}) takes a JSON object`);
      if (JSON.stringify(v).length > 32768) bad(`${where}: an object field value is limited to 32768 characters`);
      if (schema && !schema(v)) {
        const why = (schema.errors ?? []).map((e) => `${e.instancePath || '(value)'} ${e.message ?? 'is invalid'}`).join('; ');
        bad(`${where}: the value of field ${f.id} (${f.name}) does not match the field's schema: ${why}`, { [f.id]: `The value does not match the field's schema: ${why}` });
      }
      return;
    default:
      return;
  }
}


/** The compiled manifest `schema` of an app field (object fields), or null when it has none. */
export function valueSchema(site: JiraSite, f: SiteField): ValidateFunction | null {
  const schema = site.manifest.fields.find((m) => m.moduleKey === f.moduleKey)?.schema;
  if (!schema) return null;
  let v = site.schemaCache.get(f.moduleKey);
  if (!v) {
    v = fieldSchemaAjv().compile(schema);
    site.schemaCache.set(f.moduleKey, v);
  }
  return v;
}

export const fieldRoutes = {
  'GET /rest/api/3/field': ({ site }) => {
    // The same app installed from another environment (a developer's) on this site: its fields
    // carry the same module keys under another environment id, listed after ours.
    const otherEnv = site.fields.map((f, i) => {
      const json = site.fieldJson(f) as { schema: { custom: string; customId: number } } & Record<string, unknown>;
      const id = `customfield_${20050 + i}`;
      return { ...json, id, key: id, name: `${f.name} (${OTHER_ENV_ID})`, clauseNames: [`cf[${20050 + i}]`], schema: { ...json.schema, custom: json.schema.custom.replace(`/${ENV_ID}/`, `/${OTHER_ENV_ID}/`), customId: 20050 + i } };
    });
    return { status: 200, body: [...site.systemFieldsJson(), ...site.organizationsFieldJson(), ...site.fields.map((f) => site.fieldJson(f)), ...otherEnv] };
  },

  'POST /rest/api/3/app/field/value': ({ site, p, body, q }) => {
    if (p.kind !== 'app') throw new RestError(403, 'Only the app that provides the field can set its value, and only as the app.');
    const updates = body.updates;
    if (!Array.isArray(updates) || updates.length === 0) bad('updates must be a non-empty array');
    const generateChangelog = q.get('generateChangelog') !== 'false';
    const generateAppEvents = q.get('generateAppEvents') !== 'false';
    // Validate everything first: a rejected request writes nothing.
    const plan = new Map<number, Array<{ field: SiteField; value: unknown }>>();
    const seen = new Set<string>();
    for (const [i, u] of (updates as Array<Record<string, unknown>>).entries()) {
      const f = site.field(String(u.customField));
      if (!f) throw new RestError(404, `updates[${i}].customField: field '${String(u.customField)}' does not exist or is not provided by this app`);
      if (!Array.isArray(u.issueIds)) bad(`updates[${i}].issueIds must be an array of issue IDs`);
      checkFieldValue(f, u.value, `updates[${i}].value`, valueSchema(site, f));
      for (const raw of u.issueIds as unknown[]) {
        if (typeof raw !== 'number' && !(typeof raw === 'string' && /^\d+$/.test(raw))) bad(`updates[${i}].issueIds: '${String(raw)}' is not an issue ID`);
        const issue = site.issue(Number(raw));
        if (!issue) throw new RestError(404, `updates[${i}].issueIds: issue ${String(raw)} does not exist`);
        const pairKey = `${f.id}:${issue.id}`;
        if (seen.has(pairKey)) bad(`updates[${i}]: field ${f.id} is set twice for issue ${issue.id}`);
        seen.add(pairKey);
        const list = plan.get(issue.id) ?? [];
        list.push({ field: f, value: u.value });
        plan.set(issue.id, list);
      }
    }
    site.batch(() => {
      for (const [issueId, values] of plan) {
        site.setCustom(site.issue(issueId)!, values, { by: APP_ACCOUNT_ID, selfGenerated: true, generateChangelog, generateAppEvents });
      }
    });
    return { status: 204 };
  },
} satisfies Partial<RouteTable>;
