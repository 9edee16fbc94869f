// Finds the Jira ids (customfield_NNNNN) of the app's own fields. Forge names them by module key
// in `schema.custom` = ari:cloud:ecosystem::extension/<appId>/<envId>/static/<moduleKey>.
// The answer is cached in KVS for a day so a sweep with nothing to do costs no extra Jira call.

import { route } from '@forge/api';
import { AppError } from '../../app/errors';
import type { KeyValueStore } from '../../app/ports';
import type { JiraHttp } from './jira-http';
import { fieldListSchema } from './jira-schemas';

export const APP_UUID = '6f1c2a4e-5b7d-4c1e-9a3f-2d8e7b6c5a41';

export const FIELD_MODULE_KEYS = {
  package: 'sla-service-package',
  priority: 'sla-priority',
  reactionDue: 'sla-reaction-due',
  resolutionDue: 'sla-resolution-due',
  state: 'sla-state',
} as const;

/** JSM's Organizations field (value: [{ id, name }]); absent on sites without Jira Service Management. */
export const ORGANIZATIONS_FIELD_TYPE = 'com.atlassian.servicedesk:sd-customer-organizations';

export type AppFieldIds = { -readonly [K in keyof typeof FIELD_MODULE_KEYS]: string } & {
  /** The site's JSM Organizations field, null when the site has none (customers then match by e-mail domain only). */
  organizations?: string | null;
};

// v3: v2 had no Organizations field id; v1 could hold another environment's field ids.
const CACHE_KEY = 'jira:field-ids:v3';

/**
 * The app's fields by module key. Every environment of the app (development, staging, production)
 * installed on one site has its own fields with the same module keys, so only `envId`'s count;
 * without an envId (outside a Forge invocation) any environment's field matches.
 */
export function matchAppFields(fields: ReadonlyArray<{ id: string; schema?: { custom?: string | undefined } | undefined }>, appUuid = APP_UUID, envId: string | null = null): Partial<AppFieldIds> {
  const out: Partial<AppFieldIds> = {};
  const prefix = `ari:cloud:ecosystem::extension/${appUuid}/${envId === null ? '' : `${envId}/`}`;
  for (const f of fields) {
    const custom = f.schema?.custom;
    if (!custom || !custom.startsWith(prefix)) continue;
    for (const [name, moduleKey] of Object.entries(FIELD_MODULE_KEYS) as Array<[keyof AppFieldIds, string]>) {
      if (custom.endsWith(`/static/${moduleKey}`)) out[name] = f.id;
    }
  }
  return out;
}

export function fieldDirectory(http: JiraHttp, store: KeyValueStore, appUuid = APP_UUID, envId: () => string | null = () => null): () => Promise<AppFieldIds> {
  let memo: AppFieldIds | null = null;
  return async () => {
    if (memo) return memo;
    const cached = await store.get<AppFieldIds>(CACHE_KEY);
    if (cached && Object.keys(FIELD_MODULE_KEYS).every((k) => typeof cached[k as keyof typeof FIELD_MODULE_KEYS] === 'string')) {
      memo = cached;
      return cached;
    }
    const list = await http.requestJira(route`/rest/api/3/field`, { method: 'GET', schema: fieldListSchema });
    const found = matchAppFields(list, appUuid, envId());
    const missing = Object.entries(FIELD_MODULE_KEYS).filter(([k]) => !found[k as keyof typeof FIELD_MODULE_KEYS]);
    if (missing.length > 0) {
      throw new AppError('NOT_CONFIGURED', `the app's custom fields are not in Jira yet: ${missing.map(([, m]) => m).join(', ')} (deploy and install the app)`);
    }
    memo = { ...(found as AppFieldIds), organizations: list.find((f) => f.schema?.custom === ORGANIZATIONS_FIELD_TYPE)?.id ?? null };
    await store.set(CACHE_KEY, memo, { ttlSeconds: 86_400 });
    return memo;
  };
}
