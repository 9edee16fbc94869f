import { useState } from 'react';
import type { IssueSlaView } from '../../../src/shared/contract';
import { localToInstant } from '../../../src/domain/time/zone';
import { call } from '../../shared/api';
import { DATE_TIME_PLACEHOLDER, readDateTime } from '../../shared/typed-date';
import { useFmt } from './format-context';

/**
 * The typed agreed due as an ISO instant, its wall time read in the user's zone (the one the panel
 * shows times in), not the browser's; null when it is no date and time.
 */
function typedToIso(text: string, zone: string): string | null {
  const wall = readDateTime(text);
  if (wall === null) return null;
  return new Date(localToInstant(zone, Date.parse(`${wall}:00Z`))).toISOString();
}

/**
 * "Agree a deadline": extend a clock by working time or set an agreed due, with a reason. The
 * backend decides who may (agents who can edit the issue, packages that allow it) and says why not.
 */
export function AgreeForm({ view, onSaved }: { view: IssueSlaView; onSaved: () => void }) {
  const { t, lang, timeZone } = useFmt();
  const clocks = view.clocks.filter((c) => (c.kind === 'reaction' || c.kind === 'resolution') && !c.stoppedAt);
  const [open, setOpen] = useState(false);
  const [clock, setClock] = useState<'reaction' | 'resolution'>(clocks.some((c) => c.kind === 'resolution') ? 'resolution' : 'reaction');
  const [mode, setMode] = useState<'extend' | 'due'>('extend');
  const [extend, setExtend] = useState('');
  const [due, setDue] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (clocks.length === 0) return null;
  if (!open) {
    return (
      <button type="button" className="button agree__open" onClick={() => setOpen(true)}>
        {t('agree.open')}
      </button>
    );
  }
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const dueIso = mode === 'due' ? typedToIso(due, timeZone) : null;
    if (mode === 'due' && dueIso === null) return setError(t('agree.invalidDue', { value: due.trim(), format: DATE_TIME_PLACEHOLDER[lang] }));
    setBusy(true);
    const env = await call('agreeDeadline', {
      issueKey: view.issueKey,
      clock,
      reason,
      ...(mode === 'extend' ? { extend: extend.trim() } : { due: dueIso! }),
    });
    setBusy(false);
    if (!env.ok) return setError(t('agree.failed', { message: env.error.message }));
    setOpen(false);
    setExtend('');
    setDue('');
    setReason('');
    onSaved();
  };
  return (
    <form className="agree" aria-labelledby="agree-title" onSubmit={(e) => void submit(e)}>
      <h3 id="agree-title">{t('agree.title')}</h3>
      <label>
        {t('agree.clock')}{' '}
        <select name="clock" value={clock} onChange={(e) => setClock(e.target.value === 'reaction' ? 'reaction' : 'resolution')}>
          {clocks.map((c) => (
            <option key={c.kind} value={c.kind}>
              {t(`clock.${c.kind}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('agree.mode')}</legend>
        <label>
          <input type="radio" name="mode" value="extend" checked={mode === 'extend'} onChange={() => setMode('extend')} /> {t('agree.extend')}
        </label>
        <label>
          <input type="radio" name="mode" value="due" checked={mode === 'due'} onChange={() => setMode('due')} /> {t('agree.due')}
        </label>
      </fieldset>
      {mode === 'extend' ? (
        <label>
          {t('agree.extendLabel')} <input name="extend" value={extend} required pattern="^\s*(\d+\s*h)?\s*(\d+\s*m)?\s*$" onChange={(e) => setExtend(e.target.value)} />
        </label>
      ) : (
        <label>
          {/* Typed in the page's format and 24-hour time: a native picker follows the browser's locale (03/06/2030, 06:00 PM on a Russian page). */}
          {t('agree.dueLabel')}{' '}
          <input
            name="due"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            size={16}
            placeholder={DATE_TIME_PLACEHOLDER[lang]}
            value={due}
            required
            aria-invalid={(due.trim() !== '' && readDateTime(due) === null) || undefined}
            onChange={(e) => setDue(e.target.value)}
          />
        </label>
      )}
      <label>
        {t('agree.reason')} <textarea name="reason" value={reason} required maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </label>
      {error ? (
        <p className="agree__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="agree__buttons">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('agree.saving') : t('agree.save')}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          {t('agree.cancel')}
        </button>
      </div>
    </form>
  );
}
