// Dates typed in the page's language, not the browser's: a native <input type="date"> follows the
// browser locale, so a Russian page in an English browser showed 04/01/2026. Russian reads
// 01.04.2026, English 2026-04-01; either form is accepted. Values are ISO (YYYY-MM-DD). Pure, so
// unit tests and every app's fields share it (date-field.tsx, the admin's dates, the agree form).

export function shownDate(iso: string, lang: 'ru' | 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return lang === 'ru' ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** A typed date as YYYY-MM-DD, or null when it is no calendar date. */
export function readDate(text: string): string | null {
  const v = text.trim();
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  const [y, mo, d] = ru ? [Number(ru[3]), Number(ru[2]), Number(ru[1])] : iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [0, 0, 0];
  if (!y || mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export const DATE_PLACEHOLDER = { ru: 'дд.мм.гггг', en: 'yyyy-mm-dd' } as const;

/**
 * A typed date and 24-hour time as wall-clock `YYYY-MM-DDTHH:MM` (no zone: the caller reads it in
 * the user's), or null. Russian `06.03.2030 18:00` or ISO-like `2030-03-06 18:00`, as the local
 * host's jump picker reads them.
 */
export function readDateTime(text: string): string | null {
  const v = text.trim();
  const m = /^(\S+)[ ,T]+(\d{1,2}):(\d{2})$/.exec(v);
  if (!m) return null;
  const day = readDate(m[1] ?? '');
  const h = Number(m[2]);
  const mi = Number(m[3]);
  if (day === null || h > 23 || mi > 59) return null;
  return `${day}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`;
}

export const DATE_TIME_PLACEHOLDER = { ru: 'дд.мм.гггг чч:мм', en: 'yyyy-mm-dd hh:mm' } as const;
