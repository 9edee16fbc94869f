// Configurations in KVS, per scope ('default' = the site, or a Jira project key), versioned:
// every saved version is kept with who saved it and when; restoring saves a new version.
// Keys (≤ 500 chars, KVS key alphabet), one set per scope so no two scopes share a key:
//   cfg:scope:<scope>         → ScopeEntry                         listed by prefix: which scopes exist
//   cfg:head:<scope>          → { meta, config }                   the version in effect
//   cfg:ver:<scope>:<000001>  → meta                               every version's metadata (listing reads only these)
//   cfg:body:<scope>:<000001> → { meta, config }                   every version's body; also the version's claim
// A save claims its version number by creating the body key (KVS FAIL_IF_EXISTS): of two saves
// from the same base exactly one creates it, the other answers CONFLICT naming who saved. The
// claimer then writes metadata, head and scope entry in one KVS transaction, so a failure leaves
// the previous version in effect. Stored data of the older layout (one shared `cfg:index`,
// `cfg:<scope>:head`, `cfg:<scope>:v:<n>`) is moved to these keys on first read.

import { parseSlaConfig, validateConfig } from '../config';
import type { SlaConfig } from '../domain/sla/types';
import type { ConfigVersionMeta, ScopeSummary } from '../shared/contract';
import { AppError } from './errors';
import type { IssueFacts, KeyValueStore } from './ports';
import { buildIssueView } from './issue-view';
import { toStoredSla } from './stored-sla';

export const DEFAULT_SCOPE = 'default';
const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,254}$/;
/** The KVS value limit (240 KiB); a bigger configuration cannot be stored. */
export const MAX_CONFIG_BYTES = 240 * 1024;
/** A claimed version whose save never finished (crash between claim and transaction) is skipped after this. */
const ABANDONED_CLAIM_MS = 2 * 60_000;

interface StoredVersion {
  meta: ConfigVersionMeta;
  config: unknown;
}
interface ScopeEntry {
  scope: string;
  version: number;
  template?: string;
}

const scopeKey = (scope: string) => `cfg:scope:${scope}`;
const SCOPE_PREFIX = 'cfg:scope:';
const headKey = (scope: string) => `cfg:head:${scope}`;
const HEAD_PREFIX = 'cfg:head:';
const pad = (n: number) => String(n).padStart(6, '0');
const metaPrefix = (scope: string) => `cfg:ver:${scope}:`;
const metaKey = (scope: string, n: number) => `${metaPrefix(scope)}${pad(n)}`;
const bodyKey = (scope: string, n: number) => `cfg:body:${scope}:${pad(n)}`;

// The older layout, read only to migrate it.
const LEGACY_INDEX_KEY = 'cfg:index';
const legacyHeadKey = (scope: string) => `cfg:${scope}:head`;
const legacyVersionPrefix = (scope: string) => `cfg:${scope}:v:`;

/** Stores already checked for the older layout (per store object: a test builds many). */
const migrated = new WeakSet<KeyValueStore>();

/** Details of a CONFLICT: the version saved in between, so the admin page can say who and when. */
export interface SaveConflict {
  version: number;
  savedBy: string;
  savedByName?: string;
  savedAt: string;
}

export class ConfigConflictError extends AppError {
  constructor(
    message: string,
    readonly conflict: SaveConflict | null,
  ) {
    super('CONFLICT', message);
    this.name = 'ConfigConflictError';
  }
}

export function checkScope(scope: string | undefined): string {
  const s = scope ?? DEFAULT_SCOPE;
  if (s === DEFAULT_SCOPE || PROJECT_KEY.test(s)) return s;
  throw new AppError('BAD_REQUEST', `scope: expected "default" or a Jira project key, got "${s}"`, [
    { path: 'scope', message: 'expected "default" or a Jira project key' },
  ]);
}

export interface ActiveConfig {
  scope: string;
  version: number;
  config: SlaConfig;
}

/** The configurations in effect, resolved per project (its own scope, else the site default). */
export class ActiveConfigs {
  constructor(readonly byScope: ReadonlyMap<string, ActiveConfig>) {}
  get empty(): boolean {
    return this.byScope.size === 0;
  }
  forProject(projectKey: string): ActiveConfig | null {
    return this.byScope.get(projectKey) ?? this.byScope.get(DEFAULT_SCOPE) ?? null;
  }
  siteDefault(): ActiveConfig | null {
    return this.byScope.get(DEFAULT_SCOPE) ?? null;
  }
}

export interface SaveInput {
  scope: string;
  config: unknown;
  baseVersion: number | null;
  savedBy: string;
  nowMs: number;
  comment?: string;
}

/** The configuration of one project at a time, read on demand (the panel needs one, not every scope's). */
export interface ConfigLookup {
  forProject(projectKey: string): ActiveConfig | null | Promise<ActiveConfig | null>;
  siteDefault(): ActiveConfig | null | Promise<ActiveConfig | null>;
}

function parsedHead(scope: string, head: StoredVersion): { meta: ConfigVersionMeta; raw: unknown; config: SlaConfig } {
  const parsed = parseSlaConfig(head.config);
  if (!parsed.ok) {
    const first = parsed.issues[0];
    throw new AppError('INVALID_CONFIG', `stored configuration of scope "${scope}" v${head.meta.version} is invalid${first ? `: ${first.path}: ${first.message}` : ''}`, parsed.issues);
  }
  return { meta: head.meta, raw: head.config, config: parsed.config };
}

/** A request-shaped stand-in for the save's trial of the stored-state and panel builders. */
function trialFacts(scope: string, created: number, pkg: string | null, prio: string | null): IssueFacts {
  return {
    id: '0',
    key: 'TRIAL-1',
    projectKey: scope === DEFAULT_SCOPE ? 'TRIAL' : scope,
    summary: 'trial',
    status: { name: 'trial', category: 'indeterminate' },
    createdMs: created,
    reporter: { accountId: null, emailDomain: null, organization: null },
    packageId: pkg,
    priorityId: prio,
    stored: null,
    written: { reactionDue: null, resolutionDue: null } as IssueFacts['written'],
  };
}

export class ConfigStore {
  constructor(private readonly store: KeyValueStore) {}

  /** Moves data of the older layout to per-scope keys, once per store; idempotent if run twice. */
  private async migrate(): Promise<void> {
    if (migrated.has(this.store)) return;
    const index = await this.store.get<{ scopes: ScopeEntry[] }>(LEGACY_INDEX_KEY);
    if (index) {
      for (const s of index.scopes) {
        const head = await this.store.get<StoredVersion>(legacyHeadKey(s.scope));
        for (const v of await this.store.listByPrefix<StoredVersion>(legacyVersionPrefix(s.scope))) {
          // Never over a version saved in the new layout (another invocation migrated, then saved).
          if (await this.store.setIfAbsent(bodyKey(s.scope, v.value.meta.version), v.value)) {
            await this.store.set(metaKey(s.scope, v.value.meta.version), v.value.meta);
          }
        }
        if (head) {
          const now = await this.store.get<StoredVersion>(headKey(s.scope));
          if (!now || now.meta.version < head.meta.version) {
            await this.store.transact([
              { set: headKey(s.scope), value: head },
              { set: scopeKey(s.scope), value: { scope: s.scope, version: head.meta.version, ...(head.meta.template ? { template: head.meta.template } : {}) } },
            ]);
          }
        }
      }
      // The legacy keys go last: a migration cut short is redone from them.
      for (const s of index.scopes) {
        for (const v of await this.store.listByPrefix(legacyVersionPrefix(s.scope))) await this.store.delete(v.key);
        await this.store.delete(legacyHeadKey(s.scope));
      }
      await this.store.delete(LEGACY_INDEX_KEY);
    }
    migrated.add(this.store);
  }

  async scopes(): Promise<ScopeEntry[]> {
    await this.migrate();
    return (await this.store.listByPrefix<ScopeEntry>(SCOPE_PREFIX)).map((e) => e.value);
  }

  async summaries(projectNames: ReadonlyMap<string, string>): Promise<ScopeSummary[]> {
    const list = await this.scopes();
    const hasDefault = list.some((s) => s.scope === DEFAULT_SCOPE);
    const out: ScopeSummary[] = hasDefault ? [] : [{ scope: DEFAULT_SCOPE, version: null }];
    for (const s of list) {
      const name = projectNames.get(s.scope);
      out.push({ scope: s.scope, version: s.version, ...(name ? { projectName: name } : {}), ...(s.template ? { template: s.template } : {}) });
    }
    return out.sort((a, b) => (a.scope === DEFAULT_SCOPE ? -1 : b.scope === DEFAULT_SCOPE ? 1 : a.scope.localeCompare(b.scope)));
  }

  /** The version in effect for a scope, parsed (stored configs are re-validated on every read). */
  async head(scope: string): Promise<{ meta: ConfigVersionMeta; raw: unknown; config: SlaConfig } | null> {
    await this.migrate();
    const head = await this.store.get<StoredVersion>(headKey(scope));
    return head ? parsedHead(scope, head) : null;
  }

  /** Every scope's configuration in effect (heads listed by prefix: one query per 100 scopes). */
  async active(): Promise<ActiveConfigs> {
    await this.migrate();
    const out = new Map<string, ActiveConfig>();
    for (const { key, value } of await this.store.listByPrefix<StoredVersion>(HEAD_PREFIX)) {
      const scope = key.slice(HEAD_PREFIX.length);
      const head = parsedHead(scope, value);
      out.set(scope, { scope, version: head.meta.version, config: head.config });
    }
    return new ActiveConfigs(out);
  }

  /**
   * One project's configuration on demand: its own scope's head, else the site default's; at most
   * two reads per project, whatever the number of scopes, each read once per lookup.
   */
  lookup(): ConfigLookup {
    const cache = new Map<string, Promise<ActiveConfig | null>>();
    const one = (scope: string): Promise<ActiveConfig | null> => {
      let p = cache.get(scope);
      if (!p) {
        p = this.head(scope).then((h) => (h ? { scope, version: h.meta.version, config: h.config } : null));
        cache.set(scope, p);
      }
      return p;
    };
    return {
      forProject: async (projectKey) => (PROJECT_KEY.test(projectKey) ? await one(projectKey) : null) ?? (await one(DEFAULT_SCOPE)),
      siteDefault: () => one(DEFAULT_SCOPE),
    };
  }

  /** Every version's metadata, newest first (bodies are not read). */
  async versions(scope: string): Promise<ConfigVersionMeta[]> {
    await this.migrate();
    const list = await this.store.listByPrefix<ConfigVersionMeta>(metaPrefix(scope));
    return list.map((v) => v.value).sort((a, b) => b.version - a.version);
  }

  async version(scope: string, version: number): Promise<StoredVersion | null> {
    await this.migrate();
    // A claim whose save never finished has a body but no metadata: not a version.
    const body = await this.store.get<StoredVersion>(bodyKey(scope, version));
    if (!body) return null;
    return (await this.store.get(metaKey(scope, version))) ? body : null;
  }

  private conflict(scope: string, baseVersion: number | null, by: ConfigVersionMeta | null, current: number | null): ConfigConflictError {
    const who = by ? `; version ${by.version} was saved by ${by.savedBy} at ${by.savedAt}` : '';
    return new ConfigConflictError(
      `scope "${scope}" is at version ${current ?? 'none'}, but the edit started from ${baseVersion ?? 'none'}${who}; reload and apply your changes again`,
      by ? { version: by.version, savedBy: by.savedBy, savedAt: by.savedAt } : null,
    );
  }

  /**
   * Validates (schema, cross-field rules, trial calculation through the stored-state and panel
   * builders, size) and saves as a new version, or throws INVALID_CONFIG / CONFLICT having
   * changed nothing.
   */
  async save(input: SaveInput & { template?: string }): Promise<{ version: number; config: SlaConfig; warnings: string[] }> {
    const scope = checkScope(input.scope);
    const checked = validateConfig(input.config, input.nowMs, (config, set, request, now) => {
      const facts = trialFacts(scope, request.created, request.package ?? null, request.priority ?? null);
      toStoredSla(set, { scope, configVersion: 1, acknowledged: false });
      buildIssueView(facts, { scope, version: 1, config }, set, now, true);
    });
    if (!checked.ok) {
      const first = checked.issues[0];
      throw new AppError('INVALID_CONFIG', `configuration is invalid${first ? `: ${first.path || '(root)'}: ${first.message}` : ''}`, checked.issues);
    }
    await this.migrate();
    const current = await this.store.get<StoredVersion>(headKey(scope));
    const currentVersion = current?.meta.version ?? null;
    if (input.baseVersion !== currentVersion) throw this.conflict(scope, input.baseVersion, current?.meta ?? null, currentVersion);
    const template = input.template ?? checked.config.template ?? undefined;
    // Store what was submitted after migration/normalisation, so a read parses to the same config.
    const recordOf = (version: number): StoredVersion => ({
      meta: {
        version,
        savedAt: new Date(input.nowMs).toISOString(),
        savedBy: input.savedBy,
        ...(input.comment ? { comment: input.comment } : {}),
        ...(template ? { template } : {}),
      },
      config: checked.config,
    });
    const size = Buffer.byteLength(JSON.stringify(recordOf((currentVersion ?? 0) + 1)));
    if (size > MAX_CONFIG_BYTES) {
      const biggest = Object.entries(checked.config as unknown as Record<string, unknown>)
        .map(([k, v]) => [k, Buffer.byteLength(JSON.stringify(v) ?? '')] as const)
        .sort((a, b) => b[1] - a[1])[0];
      const where = biggest ? `${biggest[0]} (${biggest[1]} bytes)` : '(root)';
      throw new AppError('INVALID_CONFIG', `configuration is ${size} bytes, over the ${MAX_CONFIG_BYTES}-byte (240 KiB) storage limit; the largest part is ${where}`, [
        { path: biggest ? biggest[0] : '', message: `the configuration is ${size} bytes, the limit is ${MAX_CONFIG_BYTES} bytes (240 KiB); this part is ${biggest?.[1] ?? size} bytes` },
      ]);
    }
    let version = (currentVersion ?? 0) + 1;
    let record = recordOf(version);
    // Claim the version number: exactly one of two racing saves creates the key.
    for (;;) {
      if (await this.store.setIfAbsent(bodyKey(scope, version), record)) break;
      const claim = await this.store.get<StoredVersion>(bodyKey(scope, version));
      const head = await this.store.get<StoredVersion>(headKey(scope));
      const headVersion = head?.meta.version ?? null;
      const abandoned = claim && headVersion === currentVersion && input.nowMs - Date.parse(claim.meta.savedAt) > ABANDONED_CLAIM_MS;
      if (!abandoned) throw this.conflict(scope, input.baseVersion, head && headVersion !== currentVersion ? head.meta : (claim?.meta ?? null), headVersion);
      version += 1; // a save that died after its claim: its number stays unused
      record = recordOf(version);
    }
    try {
      await this.store.transact([
        { set: metaKey(scope, version), value: record.meta },
        { set: headKey(scope), value: record },
        { set: scopeKey(scope), value: { scope, version, ...(template ? { template } : {}) } },
      ]);
    } catch (e) {
      // Applied with the answer lost: the save happened. Not applied: give the number back.
      const read = await this.store.get<StoredVersion>(headKey(scope)).then((h) => ({ h }), () => null);
      const head = read?.h;
      if (head?.meta.version === version && head.meta.savedAt === record.meta.savedAt && head.meta.savedBy === record.meta.savedBy) {
        return { version, config: checked.config, warnings: checked.warnings };
      }
      // Unknown whether it applied: keep the claim (a later save skips it once abandoned).
      if (read !== null) await this.store.delete(bodyKey(scope, version)).catch(() => undefined);
      throw e;
    }
    return { version, config: checked.config, warnings: checked.warnings };
  }

  async restore(scope: string, version: number, by: string, nowMs: number): Promise<{ version: number; config: SlaConfig }> {
    const old = await this.version(checkScope(scope), version);
    if (!old) throw new AppError('NOT_FOUND', `scope "${scope}" has no version ${version}`);
    const head = await this.store.get<StoredVersion>(headKey(scope));
    return this.save({
      scope,
      config: old.config,
      baseVersion: head?.meta.version ?? null,
      savedBy: by,
      nowMs,
      comment: `restored version ${version}`,
      ...(old.meta.template ? { template: old.meta.template } : {}),
    });
  }
}
