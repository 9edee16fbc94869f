// `fieldSuggestions`: JQL value suggestions for the Service package and SLA priority fields
// (searchSuggestions.function). Runs as the app (Forge allows only asApp() here); offers the ids every
// configured scope defines, and only when Forge names the user who types (`user.accountId`): no
// principal, no suggestions.

import { z } from 'zod/v3';
import { ConfigStore } from '../../app/config-store';
import { forgeDeps } from '../compose';

const requestSchema = z.object({
  fieldId: z.string().optional(),
  query: z.string().max(200).optional(),
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
): Promise<Suggestion[]> {
  if (fieldKind === null) return [];
  const seen = new Map<string, string>();
  for (const { config } of configs.byScope.values()) {
    const list = fieldKind === 'package' ? config.packages : config.priorities;
    for (const item of list) if (!seen.has(item.id)) seen.set(item.id, `${item.id} — ${item.name.ru} / ${item.name.en}`);
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
  return suggest(kind, parsed.data.query ?? '', configs);
}
