// The value the Service package and SLA priority fields hold in Jira: an object with the configured
// id (what the engine, JQL functions and suggestions use) and a name, which the manifest's formatter
// shows in the issue navigator, list view and CSV export instead of a bare id like `8x5x4`.
// Values written before the fields became objects are plain id strings; both read as the id.

export interface ChoiceValue {
  id: string;
  name?: string;
}

export interface ChoiceNames {
  ru: string;
  en: string;
}

/** The value to store: the id and its name in the writer's language. */
export function choiceValue(id: string, names: ChoiceNames | undefined, lang: 'ru' | 'en'): ChoiceValue {
  const name = names ? (lang === 'ru' ? names.ru : names.en) || names.en || names.ru : '';
  return name !== '' && name !== id ? { id, name: name.slice(0, 255) } : { id };
}

/** The id held by a stored value: `{ id }` now, a plain string before; anything else holds none. */
export function choiceId(raw: unknown): string | null {
  if (typeof raw === 'string') return raw === '' ? null : raw;
  if (typeof raw === 'number') return String(raw);
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const id = (raw as { id?: unknown }).id;
    if (typeof id === 'string' && id !== '') return id;
    // Older readers accepted Jira's option shape { value }.
    const value = (raw as { value?: unknown }).value;
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

/**
 * The id in a changelog item's string of the field: an object field's value arrives as its JSON
 * (`{"id":"basic","name":"Базовый"}`), an old string value as the id itself.
 */
export function choiceIdFromText(text: string | null): string | null {
  if (text === null || text === '') return null;
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      return choiceId(JSON.parse(trimmed));
    } catch {
      return text;
    }
  }
  return text;
}
