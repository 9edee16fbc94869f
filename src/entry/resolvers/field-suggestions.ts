// `fieldSuggestions`: JQL value suggestions for the Service package and SLA priority fields
// (searchSuggestions.function). Runs as the app; offers the ids every configured scope defines.

import { z } from 'zod';
import { ConfigStore } from '../../app/config-store';
import { forgeDeps } from '../compose';

const requestSchema = z.object({
  fieldId: z.string().optional(),
  query: z.string().max(200).optional(),
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
  const deps = forgeDeps('ui');
  const configs = await new ConfigStore(deps.store).active();
  let kind: 'package' | 'priority' | null = null;
  if (parsed.data.fieldId) {
    const ids = await deps.fieldIds();
    kind = parsed.data.fieldId === ids.package ? 'package' : parsed.data.fieldId === ids.priority ? 'priority' : null;
  }
  return suggest(kind, parsed.data.query ?? '', configs);
}
