// Reads what the emulator needs from the app's manifest.yml: custom fields, entity-property
// aliases for JQL, triggers (events, ignoreSelf), queues, storage entity indexes and scopes.
// Without a manifest the defaults below (the names fixed in the team brief) apply.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { readJqlFunctions, type ManifestJqlFunction } from './jql-functions';
import { readAutomationActions, type ManifestAction } from './automation';

export const APP_ID = 'ari:cloud:ecosystem::app/6f1c2a4e-5b7d-4c1e-9a3f-2d8e7b6c5a41';
export const ENV_ID = 'local-env';

export interface ManifestField {
  moduleKey: string;
  name: string;
  description: string;
  type: 'string' | 'number' | 'datetime' | 'date' | 'object' | 'user' | 'group';
  readOnly: boolean;
  /** The name in each locale the manifest translates to ('ru-RU' → 'Пакет обслуживания'), as Jira shows it to a user of that locale. */
  names?: Record<string, string>;
  /** searchAlias (or property name) → property name, for object fields. */
  properties: Record<string, { name: string; type: string }>;
  /** The manifest's JSON schema of an object field's value; Forge refuses writes that break it. */
  schema?: Record<string, unknown>;
}

export interface ManifestEntityValue {
  propertyKey: string;
  path: string;
  type: 'date' | 'string' | 'number' | 'text' | 'user';
  searchAlias?: string;
}

export interface ManifestTrigger {
  key: string;
  events: string[];
  ignoreSelf: boolean;
  /** filter.appIsLicensed: Forge skips the invocation on a site without an active licence. */
  appIsLicensed?: boolean;
}

export interface AppManifest {
  appId: string;
  fields: ManifestField[];
  entityValues: ManifestEntityValue[];
  triggers: ManifestTrigger[];
  queues: string[];
  scheduledTriggerKey: string;
  /** The scheduled trigger's filter.appIsLicensed. */
  scheduledLicensedOnly?: boolean;
  entityIndexes: Record<string, Array<{ name: string; range: string[]; partition: string[] }>>;
  scopes: string[];
  /** UI module keys by module type, e.g. 'jira:issuePanel' → ['sla-issue-panel']. */
  uiModules: Record<string, Array<{ key: string; resource?: string; title?: string; titles?: Record<string, string> }>>;
  resources: Record<string, string>;
  /** App-defined JQL functions (jira:jqlFunction). */
  jqlFunctions?: ManifestJqlFunction[];
  /** Automation actions the app provides (action + automation:actionProvider). */
  automationActions?: ManifestAction[];
  /** modules.function handlers (`<module path under src>.<export>`), as Forge loads them. */
  handlers?: string[];
}

const DEFAULT_NAMES: Record<string, string> = {
  'sla-service-package': 'Service package',
  'sla-priority': 'SLA priority',
  'sla-reaction-due': 'Reaction due',
  'sla-resolution-due': 'Resolution due',
  'sla-state': 'SLA state',
};

/** The Service package / SLA priority fields: an object { id, name } (as manifest.yml declares them). */
const CHOICE_SCHEMA = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 }, name: { type: 'string', maxLength: 255 } },
  required: ['id'],
  additionalProperties: false,
};
const CHOICE_PROPERTIES = { id: { name: 'id', type: 'string' }, Id: { name: 'id', type: 'string' }, name: { name: 'name', type: 'string' }, Name: { name: 'name', type: 'string' } };

export const DEFAULT_MANIFEST: AppManifest = {
  appId: APP_ID,
  fields: [
    { moduleKey: 'sla-service-package', name: 'Service package', description: '', type: 'object', readOnly: false, properties: CHOICE_PROPERTIES, schema: CHOICE_SCHEMA },
    { moduleKey: 'sla-priority', name: 'SLA priority', description: '', type: 'object', readOnly: false, properties: CHOICE_PROPERTIES, schema: CHOICE_SCHEMA },
    { moduleKey: 'sla-reaction-due', name: 'Reaction due', description: '', type: 'datetime', readOnly: true, properties: {} },
    { moduleKey: 'sla-resolution-due', name: 'Resolution due', description: '', type: 'datetime', readOnly: true, properties: {} },
    {
      moduleKey: 'sla-state',
      name: 'SLA state',
      description: '',
      type: 'object',
      readOnly: true,
      properties: {
        state: { name: 'state', type: 'string' },
        breached: { name: 'breached', type: 'string' },
        paused: { name: 'paused', type: 'string' },
        nextCheck: { name: 'nextCheck', type: 'date' },
      },
      schema: {
        type: 'object',
        properties: { state: { type: 'string' }, breached: { type: 'string' }, paused: { type: 'string' }, nextCheck: { type: 'string', format: 'date-time', searchType: 'date' } },
      },
    },
  ],
  entityValues: [
    { propertyKey: 'reglament-sla', path: 'nextCheckAt', type: 'date', searchAlias: 'slaNextCheck' },
    { propertyKey: 'reglament-sla', path: 'state', type: 'string', searchAlias: 'slaState' },
    { propertyKey: 'reglament-sla', path: 'breached', type: 'string', searchAlias: 'slaBreached' },
    { propertyKey: 'reglament-sla', path: 'reactionDue', type: 'date', searchAlias: 'slaReactionDue' },
    { propertyKey: 'reglament-sla', path: 'resolutionDue', type: 'date', searchAlias: 'slaResolutionDue' },
  ],
  triggers: [{ key: 'sla-issue-events', events: ['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:commented:issue'], ignoreSelf: true }],
  queues: ['sla-recompute'],
  scheduledTriggerKey: 'sla-sweep',
  entityIndexes: {},
  scopes: ['read:jira-work', 'write:jira-work', 'read:jira-user', 'storage:app', 'manage:jira-configuration'],
  uiModules: {},
  resources: {},
  handlers: [
    'entry/resolvers/index.uiResolver',
    'entry/triggers/issue-event.onIssueEvent',
    'entry/scheduled/sweep.sweep',
    'entry/consumers/worker.worker',
    'entry/resolvers/field-suggestions.fieldSuggestions',
  ],
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

function readTranslations(dir: string, doc: Obj, locale?: string): Record<string, string> {
  const translations = isObj(doc.translations) ? doc.translations : undefined;
  const resources = arr(translations?.resources);
  const fallback = isObj(translations?.fallback) ? String(translations.fallback.default ?? 'en-US') : 'en-US';
  const res = locale
    ? resources.find((r) => r.key === locale)
    : (resources.find((r) => r.key === fallback) ?? resources.find((r) => String(r.key).startsWith('en')) ?? resources[0]);
  if (!res || typeof res.path !== 'string') return {};
  const file = join(dir, res.path);
  if (!existsSync(file)) return {};
  const flat: Record<string, string> = {};
  const walk = (o: unknown, prefix: string): void => {
    if (typeof o === 'string') flat[prefix] = o;
    else if (isObj(o)) for (const [k, v] of Object.entries(o)) walk(v, prefix ? `${prefix}.${k}` : k);
  };
  walk(JSON.parse(readFileSync(file, 'utf8')), '');
  return flat;
}

export function loadManifest(path: string): AppManifest {
  if (!existsSync(path)) return DEFAULT_MANIFEST;
  const doc = parse(readFileSync(path, 'utf8')) as Obj;
  const tr = readTranslations(dirname(path), doc);
  const locales = isObj(doc.translations) ? arr(doc.translations.resources).map((r) => String(r.key)) : [];
  const byLocale = new Map(locales.map((l) => [l, readTranslations(dirname(path), doc, l)] as const));
  const names = (v: unknown): Record<string, string> | undefined => {
    if (!isObj(v) || typeof v.i18n !== 'string') return undefined;
    const key = v.i18n;
    const out: Record<string, string> = {};
    for (const [l, t] of byLocale) if (t[key]) out[l] = t[key];
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const text = (v: unknown, key: string): string => {
    if (typeof v === 'string') return v;
    if (isObj(v) && typeof v.i18n === 'string') return tr[v.i18n] ?? DEFAULT_NAMES[key] ?? key;
    return DEFAULT_NAMES[key] ?? key;
  };
  const app = isObj(doc.app) ? doc.app : {};
  const modules = isObj(doc.modules) ? doc.modules : {};
  const fields: ManifestField[] = arr(modules['jira:customField']).map((m) => {
    const key = String(m.key);
    const schema = isObj(m.schema) ? m.schema : {};
    const props = isObj(schema.properties) ? schema.properties : {};
    const properties: ManifestField['properties'] = {};
    for (const [name, p] of Object.entries(props)) {
      const pt = isObj(p) ? p : {};
      // JQL searches a property by its `searchType` (string, text, number, user, group, date);
      // without one, by its JSON type: a date-time `format` alone leaves it a string in JQL.
      const jsonType = String(pt.type ?? 'string');
      const entry = { name, type: typeof pt.searchType === 'string' ? pt.searchType : jsonType === 'integer' ? 'number' : jsonType };
      properties[name] = entry;
      if (typeof pt.searchAlias === 'string') properties[pt.searchAlias] = entry;
    }
    const localized = names(m.name);
    return {
      moduleKey: key,
      name: text(m.name, key),
      ...(localized ? { names: localized } : {}),
      description: text(m.description, ''),
      type: String(m.type ?? 'string') as ManifestField['type'],
      readOnly: m.readOnly === true,
      properties,
      ...(isObj(m.schema) ? { schema: m.schema } : {}),
    };
  });
  const entityValues: ManifestEntityValue[] = [];
  for (const m of arr(modules['jira:entityProperty'])) {
    if ((m.entityType ?? 'issue') !== 'issue') continue;
    for (const v of arr(m.values)) {
      entityValues.push({
        propertyKey: String(m.propertyKey),
        path: String(v.path),
        type: String(v.type ?? 'string') as ManifestEntityValue['type'],
        ...(typeof v.searchAlias === 'string' ? { searchAlias: v.searchAlias } : {}),
      });
    }
  }
  const triggers = arr(modules.trigger).map((m) => ({
    key: String(m.key),
    events: Array.isArray(m.events) ? m.events.map(String) : [],
    ignoreSelf: isObj(m.filter) && m.filter.ignoreSelf === true,
    appIsLicensed: isObj(m.filter) && m.filter.appIsLicensed === true,
  }));
  const storage = isObj(app.storage) ? app.storage : {};
  const entityIndexes: AppManifest['entityIndexes'] = {};
  for (const e of arr(storage.entities)) {
    entityIndexes[String(e.name)] = (Array.isArray(e.indexes) ? e.indexes : []).map((ix: unknown) => {
      if (typeof ix === 'string') return { name: ix, range: [ix], partition: [] };
      const o = isObj(ix) ? ix : {};
      return { name: String(o.name), range: (o.range as string[] | undefined) ?? [], partition: (o.partition as string[] | undefined) ?? [] };
    });
  }
  const uiModules: AppManifest['uiModules'] = {};
  for (const type of ['jira:issuePanel', 'jira:issueContext', 'jira:adminPage', 'jira:projectSettingsPage', 'jira:projectPage', 'jira:globalPage', 'jira:dashboardGadget', 'jiraServiceManagement:portalRequestDetail']) {
    uiModules[type] = arr(modules[type]).map((m) => {
      const titles = names(m.title);
      return { key: String(m.key), ...(typeof m.resource === 'string' ? { resource: m.resource } : {}), title: text(m.title, String(m.key)), ...(titles ? { titles } : {}) };
    });
  }
  // A custom field's Custom UI edit experience names its resource under edit.resource.
  uiModules['jira:customField'] = arr(modules['jira:customField'])
    .filter((m) => isObj(m.edit) && typeof m.edit.resource === 'string')
    .map((m) => ({ key: String(m.key), resource: String((m.edit as Obj).resource), title: text(m.name, String(m.key)) }));
  const resources: Record<string, string> = {};
  for (const r of arr(doc.resources)) resources[String(r.key)] = String(r.path);
  const permissions = isObj(doc.permissions) ? doc.permissions : {};
  const appId = typeof app.id === 'string' ? app.id : APP_ID;
  return {
    appId,
    fields: fields.length > 0 ? fields : DEFAULT_MANIFEST.fields,
    entityValues: entityValues.length > 0 ? entityValues : DEFAULT_MANIFEST.entityValues,
    triggers: triggers.length > 0 ? triggers : DEFAULT_MANIFEST.triggers,
    queues: arr(modules.consumer).map((c) => String(c.queue)),
    scheduledTriggerKey: String(arr(modules.scheduledTrigger)[0]?.key ?? DEFAULT_MANIFEST.scheduledTriggerKey),
    scheduledLicensedOnly: (() => {
      const f = arr(modules.scheduledTrigger)[0]?.filter;
      return isObj(f) && f.appIsLicensed === true;
    })(),
    entityIndexes,
    scopes: Array.isArray(permissions.scopes) ? permissions.scopes.map(String) : DEFAULT_MANIFEST.scopes,
    uiModules,
    resources,
    jqlFunctions: readJqlFunctions(modules),
    automationActions: readAutomationActions(modules),
    handlers: arr(modules.function).map((f) => String(f.handler ?? '')),
  };
}

/** `6f1c…` from `ari:cloud:ecosystem::app/6f1c…`. */
export function appUuid(appId: string): string {
  return appId.slice(appId.lastIndexOf('/') + 1);
}
