// A date typed in the page's language, not the browser's: a native <input type="date"> follows the
// browser locale, so a Russian page in an English browser showed 04/01/2026. Russian reads
// 01.04.2026, English 2026-04-01; either form is accepted. The value is always ISO (YYYY-MM-DD).
import { useEffect, useState } from 'react';
import { DATE_PLACEHOLDER, readDate, shownDate } from './typed-date';

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
