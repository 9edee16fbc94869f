// `fieldSuggestions`: JQL value suggestions for the Service package and SLA priority fields
// (searchSuggestions.function). Runs as the app (Forge allows only asApp() here), and only when Forge
// names the user who types (`user.accountId`): no principal, no suggestions. It offers the ids of
// the site default and of each project scope that user may browse (Jira's bulk permission check,
// asked by the app for that account); if the check fails, only the site default's (fail closed).
// The fields are objects { id, name }: JQL searches "Service package".Id (and Name); Forge passes
// the property's searchAlias, so Name gets names and the rest ids.

import { z } from 'zod/v3';
import { ConfigStore, DEFAULT_SCOPE } from '../../app/config-store';
import { consoleLogger, forgeDeps } from '../compose';

const requestSchema = z.object({
  fieldId: z.string().optional(),
  query: z.string().max(200).optional(),
  searchAlias: z.string().max(100).nullable().optional(),
  user: z.object({ accountId: z.string().optional() }).optional(),
});

export interface Suggestion {
  value: string;
  label: string;
}

export async function suggest(
  fieldKind: 'package' | 'priority' | null,
  query: string,
  configs: Awaited<ReturnType<ConfigStore['active']>>,
  /** The scopes whose ids the user may see (the site default and the projects they may browse). */
  visibleScopes: ReadonlySet<string>,
  alias: string | null = null,
): Promise<Suggestion[]> {
  if (fieldKind === null) return [];
  const byName = alias !== null && alias.toLowerCase() === 'name';
  const seen = new Map<string, string>();
  for (const [scope, { config }] of configs.byScope) {
    if (!visibleScopes.has(scope)) continue;
    const list = fieldKind === 'package' ? config.packages : config.priorities;
    for (const item of list) {
      if (byName) {
        for (const n of [item.name.ru, item.name.en]) if (n !== '' && !seen.has(n)) seen.set(n, `${n} (${item.id})`);
      } else if (!seen.has(item.id)) seen.set(item.id, `${item.id} — ${item.name.ru} / ${item.name.en}`);
    }
  }
  const q = query.trim().toLowerCase();
  return [...seen.entries()]
    .filter(([id, label]) => q === '' || id.toLowerCase().includes(q) || label.toLowerCase().includes(q))
    .slice(0, 50)
    .map(([value, label]) => ({ value, label }));
}

export async function fieldSuggestions(request: unknown): Promise<Suggestion[]> {
  const parsed = requestSchema.safeParse(request);
  if (!parsed.success) return [];
  if (!parsed.data.user?.accountId) return [];
  const deps = forgeDeps('ui');
  const configs = await new ConfigStore(deps.store).active();
  let kind: 'package' | 'priority' | null = null;
  if (parsed.data.fieldId) {
    const ids = await deps.fieldIds();
    kind = parsed.data.fieldId === ids.package ? 'package' : parsed.data.fieldId === ids.priority ? 'priority' : null;
  }
  if (kind === null) return [];
  const visible = new Set<string>([DEFAULT_SCOPE]);
  const projectScopes = [...configs.byScope.keys()].filter((s) => s !== DEFAULT_SCOPE);
  if (projectScopes.length > 0) {
    try {
      for (const key of await deps.jira.browsableProjects(parsed.data.user.accountId, projectScopes)) visible.add(key);
    } catch (e) {
      // Fail closed: a project's package names are not shown to someone Jira did not confirm.
      consoleLogger.warn('fieldSuggestions: the permission check failed; only the site default is offered', { message: e instanceof Error ? e.message : String(e) });
    }
  }
  return suggest(kind, parsed.data.query ?? '', configs, visible, parsed.data.searchAlias ?? null);
}
