import { createContext, useContext, useEffect, useId, useState, type ReactNode } from 'react';
import type { Locale } from '../../../src/shared/contract';
import { DATE_PLACEHOLDER, readDate, shownDate } from '../../shared/typed-date';
import type { Translate } from '../../shared/i18n';
import { issuesAt, type Draft, type Issue, type LineProblem } from './draft';
import type { AdminKey } from './messages';

export interface AdminCtx {
  t: Translate<AdminKey>;
  lang: Locale;
  locale: string;
  timeZone: string;
  draft: Draft;
  update: (change: (d: Draft) => void) => void;
  issues: readonly Issue[];
  /** A field reports how many of its lines do not parse (0 when fixed or unmounted); saving is refused while any does. */
  reportProblems: (field: string, count: number) => void;
}

export const AdminContext = createContext<AdminCtx | null>(null);

export function useAdmin(): AdminCtx {
  const ctx = useContext(AdminContext);
  if (!ctx) throw new Error('useAdmin outside AdminContext');
  return ctx;
}

const NO_ISSUES: readonly Issue[] = [];

/** Validation issues when inside the editor; controls outside it (scope, template) have none. */
function useIssues(): readonly Issue[] {
  return useContext(AdminContext)?.issues ?? NO_ISSUES;
}

/** The validation messages of one path, next to the control (`id` is what aria-describedby points at). */
export function FieldIssues({ path, id, within = false }: { path: string; id?: string; within?: boolean }) {
  const issues = useIssues();
  const here = issuesAt(issues, path, within);
  if (here.length === 0) return null;
  return (
    <span id={id} className="field-error" data-issue-path={path}>
      {here.map((i) => (
        <span key={i.path + i.message} className="field-error__item">
          {i.message}
        </span>
      ))}
    </span>
  );
}

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  path?: string;
  hint?: ReactNode;
  type?: 'text' | 'number';
  width?: 'xs' | 's' | 'm' | 'l';
  placeholder?: string;
  list?: string;
  hideLabel?: boolean;
  min?: number;
  max?: number;
  step?: number;
  /** Marks the control invalid for an issue shown elsewhere (an interval's row). */
  invalid?: boolean;
}

/** A labelled input whose validation messages (by config path) appear right under it. */
export function TextField({ label, value, onChange, path, hint, type = 'text', width = 'm', placeholder, list, hideLabel, min, max, step, invalid: forced }: TextFieldProps) {
  const id = useId();
  const issues = useIssues();
  const invalid = forced === true || (path !== undefined && issuesAt(issues, path, true).length > 0);
  const describedBy = [invalid ? `${id}-err` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field field--${width}`}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <input
        id={id}
        type={type}
        value={value}
        placeholder={placeholder}
        list={list}
        min={min}
        max={max}
        step={step}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        data-path={path}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      {path !== undefined ? <FieldIssues path={path} id={`${id}-err`} within /> : null}
    </div>
  );
}

/**
 * An optional date typed in the page's format (ru 31.12.2026, en 2026-12-31), kept ISO in the draft:
 * a native date input follows the browser's locale (12/31/2026 on a Russian page). Empty means no
 * date; a wrong one is said under the field and blocks saving, the draft keeping the last good one.
 */
export function DateTextField({ label, value, onChange, path, hideLabel }: { label: string; value: string | null; onChange: (iso: string | null) => void; path?: string; hideLabel?: boolean }) {
  const id = useId();
  const { t, lang, reportProblems } = useAdmin();
  const issues = useIssues();
  const shown = value ? shownDate(value, lang) : '';
  const [text, setText] = useState(shown);
  // Follow a value set elsewhere (a template, an import) and the language, unless mid-edit with a wrong date.
  useEffect(() => setText((cur) => (cur.trim() !== '' && readDate(cur) === null ? cur : shown)), [shown]);
  const wrong = text.trim() !== '' && readDate(text) === null;
  useEffect(() => reportProblems(id, wrong ? 1 : 0), [id, wrong, reportProblems]);
  useEffect(() => () => reportProblems(id, 0), [id, reportProblems]);
  const invalid = wrong || (path !== undefined && issuesAt(issues, path, true).length > 0);
  return (
    <div className="field field--s">
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        size={10}
        placeholder={DATE_PLACEHOLDER[lang]}
        value={text}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-err ${id}-bad` : undefined}
        data-path={path}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === '') onChange(null);
          else {
            const iso = readDate(e.target.value);
            if (iso !== null) onChange(iso);
          }
        }}
      />
      {wrong ? (
        <span id={`${id}-bad`} className="field-error">
          <span className="field-error__item">{t('field.invalidDate', { value: text.trim(), format: DATE_PLACEHOLDER[lang] })}</span>
        </span>
      ) : null}
      {path !== undefined ? <FieldIssues path={path} id={`${id}-err`} within /> : null}
    </div>
  );
}

export function SelectField({ label, value, onChange, options, path, hideLabel }: { label: string; value: string; onChange: (v: string) => void; options: Array<{ value: string; label: string }>; path?: string; hideLabel?: boolean }) {
  const id = useId();
  const issues = useIssues();
  const invalid = path !== undefined && issuesAt(issues, path).length > 0;
  return (
    <div className="field">
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid || undefined} aria-describedby={invalid ? `${id}-err` : undefined} data-path={path}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {path !== undefined ? <FieldIssues path={path} id={`${id}-err`} /> : null}
    </div>
  );
}

export function Section({ id, title, children, intro }: { id: string; title: string; children: ReactNode; intro?: ReactNode }) {
  return (
    <section id={id} className="section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      {intro ? <p className="subtle section__intro">{intro}</p> : null}
      {children}
    </section>
  );
}

/** One line problem in the page language ("Line 2: "2026-13-45" is not a date YYYY-MM-DD"). */
export function lineProblemText(t: Translate<AdminKey>, p: LineProblem): string {
  return t('list.lineProblem', { line: p.line, message: t(`line.${p.code}`, p.vars) });
}

/** A textarea that edits a list through a text format and shows line problems without losing what was typed. */
export function ListArea<T>({ label, hint, path, value, format, parse, apply, rows = 4 }: {
  label: string; hint: string; path: string; value: T; rows?: number;
  format: (v: T) => string; parse: (text: string) => { value: T; problems: LineProblem[] }; apply: (v: T) => void;
}) {
  const id = useId();
  const { t, reportProblems } = useAdmin();
  const formatted = format(value);
  const [text, setText] = useState(formatted);
  const [problems, setProblems] = useState<LineProblem[]>([]);
  // Follow changes that come from elsewhere (a template applied, an import) unless the admin is
  // mid-edit with a line that does not parse yet. Keyed on the formatted value alone on purpose:
  // `parse` is a new function every render.
  useEffect(() => {
    setText((cur) => (parse(cur).problems.length === 0 ? formatted : cur));
  }, [formatted]);
  useEffect(() => {
    reportProblems(id, problems.length);
  }, [id, problems.length, reportProblems]);
  useEffect(() => () => reportProblems(id, 0), [id, reportProblems]);
  return (
    <div className="field field--l">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={rows} value={text} aria-describedby={`${id}-hint ${id}-err`} aria-invalid={problems.length > 0 || undefined}
        onChange={(e) => {
          setText(e.target.value);
          const r = parse(e.target.value);
          setProblems(r.problems);
          // The valid lines reach the draft even while others are wrong, so no valid entry is
          // lost; saving stays refused until every line parses.
          apply(r.value);
        }} />
      <span id={`${id}-hint`} className="hint">{hint}</span>
      <span id={`${id}-err`} className="field-error">
        {problems.map((p) => <span key={p.line} className="field-error__item">{lineProblemText(t, p)}</span>)}
      </span>
      <FieldIssues path={path} within />
    </div>
  );
}

