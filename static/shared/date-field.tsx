// A date typed in the page's language, not the browser's: a native <input type="date"> follows the
// browser locale, so a Russian page in an English browser showed 04/01/2026. Russian reads
// 01.04.2026, English 2026-04-01; either form is accepted. The value is always ISO (YYYY-MM-DD).
import { useEffect, useState } from 'react';

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

export function DateField({ id, value, lang, onChange, invalidText }: { id: string; value: string; lang: 'ru' | 'en'; onChange: (iso: string) => void; invalidText: string }) {
  const [text, setText] = useState(shownDate(value, lang));
  useEffect(() => setText(shownDate(value, lang)), [value, lang]);
  const parsed = readDate(text);
  const invalid = text.trim() !== '' && parsed === null;
  return (
    <>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        size={10}
        placeholder={DATE_PLACEHOLDER[lang]}
        value={text}
        required
        data-iso={parsed ?? ''}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-invalid` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const iso = readDate(e.target.value);
          if (iso !== null) onChange(iso);
        }}
      />
      {invalid ? (
        <span id={`${id}-invalid`} className="field-invalid" role="alert">
          {invalidText}
        </span>
      ) : null}
    </>
  );
}
