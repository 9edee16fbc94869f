// Configurations in KVS, per scope ('default' = the site, or a Jira project key), versioned:
// every saved version is kept with who saved it and when; restoring saves a new version.
// Keys (≤ 500 chars, KVS key alphabet):
//   cfg:index                 → { scopes: ScopeEntry[] }           which scopes exist
//   cfg:<scope>:head          → { meta, config }                   the version in effect
//   cfg:<scope>:v:<000001>    → { meta, config }                   every version ever saved
// A save writes the three in one KVS transaction, so a failure leaves the previous state whole.

import { parseSlaConfig, validateConfig } from '../config';
import type { SlaConfig } from '../domain/sla/types';
import type { ConfigVersionMeta, ScopeSummary } from '../shared/contract';
import { AppError } from './errors';
import type { KeyValueStore } from './ports';

export const DEFAULT_SCOPE = 'default';
const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,254}$/;

interface StoredVersion {
  meta: ConfigVersionMeta;
  config: unknown;
}
interface ScopeEntry {
  scope: string;
  version: number;
  template?: string;
}

const INDEX_KEY = 'cfg:index';
const headKey = (scope: string) => `cfg:${scope}:head`;
const versionPrefix = (scope: string) => `cfg:${scope}:v:`;
const versionKey = (scope: string, n: number) => `${versionPrefix(scope)}${String(n).padStart(6, '0')}`;

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
}

export interface SaveInput {
  scope: string;
  config: unknown;
  baseVersion: number | null;
  savedBy: string;
  nowMs: number;
  comment?: string;
}

export class ConfigStore {
  constructor(private readonly store: KeyValueStore) {}

  async scopes(): Promise<ScopeEntry[]> {
    const index = await this.store.get<{ scopes: ScopeEntry[] }>(INDEX_KEY);
    return index?.scopes ?? [];
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
    const head = await this.store.get<StoredVersion>(headKey(scope));
    if (!head) return null;
    const parsed = parseSlaConfig(head.config);
    if (!parsed.ok) {
      const first = parsed.issues[0];
      throw new AppError('INVALID_CONFIG', `stored configuration of scope "${scope}" v${head.meta.version} is invalid${first ? `: ${first.path}: ${first.message}` : ''}`, parsed.issues);
    }
    return { meta: head.meta, raw: head.config, config: parsed.config };
  }

  /** Every scope's configuration in effect (one index read plus one read per scope). */
  async active(): Promise<ActiveConfigs> {
    const out = new Map<string, ActiveConfig>();
    for (const s of await this.scopes()) {
      const head = await this.head(s.scope);
      if (head) out.set(s.scope, { scope: s.scope, version: head.meta.version, config: head.config });
    }
    return new ActiveConfigs(out);
  }

  async versions(scope: string): Promise<ConfigVersionMeta[]> {
    const list = await this.store.listByPrefix<StoredVersion>(versionPrefix(scope));
    return list.map((v) => v.value.meta).sort((a, b) => b.version - a.version);
  }

  async version(scope: string, version: number): Promise<StoredVersion | null> {
    return (await this.store.get<StoredVersion>(versionKey(scope, version))) ?? null;
  }

  /**
   * Validates (schema, cross-field rules, trial calculation) and saves as a new version, or throws
   * INVALID_CONFIG / CONFLICT having changed nothing.
   */
  async save(input: SaveInput & { template?: string }): Promise<{ version: number; config: SlaConfig; warnings: string[] }> {
    const scope = checkScope(input.scope);
    const checked = validateConfig(input.config, input.nowMs);
    if (!checked.ok) {
      const first = checked.issues[0];
      throw new AppError('INVALID_CONFIG', `configuration is invalid${first ? `: ${first.path || '(root)'}: ${first.message}` : ''}`, checked.issues);
    }
    const current = await this.store.get<StoredVersion>(headKey(scope));
    const currentVersion = current?.meta.version ?? null;
    if (input.baseVersion !== currentVersion) {
      throw new AppError(
        'CONFLICT',
        `scope "${scope}" is at version ${currentVersion ?? 'none'}, but the edit started from ${input.baseVersion ?? 'none'}; reload and apply your changes again`,
      );
    }
    const version = (currentVersion ?? 0) + 1;
    const template = input.template ?? checked.config.template ?? undefined;
    const meta: ConfigVersionMeta = {
      version,
      savedAt: new Date(input.nowMs).toISOString(),
      savedBy: input.savedBy,
      ...(input.comment ? { comment: input.comment } : {}),
      ...(template ? { template } : {}),
    };
    // Store what was submitted after migration/normalisation, so a read parses to the same config.
    const record: StoredVersion = { meta, config: checked.config };
    const scopes = (await this.scopes()).filter((s) => s.scope !== scope);
    scopes.push({ scope, version, ...(template ? { template } : {}) });
    await this.store.transact([
      { set: versionKey(scope, version), value: record },
      { set: headKey(scope), value: record },
      { set: INDEX_KEY, value: { scopes } },
    ]);
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
