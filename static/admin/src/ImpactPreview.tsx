// "Preview the impact" beside Save (issue 15): what the draft would change for the scope's open
// requests — new dues, requests that become at risk or breached, old → new due — before anything is
// saved. Self-contained texts (ru/en, same keys).
import { useState } from 'react';
import type { Envelope, ImpactView, Locale } from '../../../src/shared/contract';
import { call } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { translator, type Messages } from '../../shared/i18n';
import { Message } from '../../shared/ui';
import type { Draft } from './draft';

const en = {
  button: 'Preview the impact',
  busy: 'Computing the open requests with the draft…',
  summary: 'Of {checked} open requests read: {newDue} clocks get a new due, {atRisk} become at risk, {breached} become breached.',
  truncated: 'Only the first {limit} open requests were read.',
  none: 'Saving this draft changes no running clock of the open requests.',
  failed: 'The preview failed: {message}',
  request: 'Request',
  clock: 'Clock',
  oldDue: 'Due now',
  newDue: 'Due with the draft',
  state: 'State',
  reaction: 'Reaction',
  resolution: 'Resolution',
  'state.running': 'on time',
  'state.atRisk': 'at risk',
  'state.paused': 'paused',
  'state.met': 'met',
  'state.breached': 'breached',
  noDue: '—',
};
const ru: Messages<keyof typeof en> = {
  button: 'Оценить последствия',
  busy: 'Пересчитываем открытые обращения по черновику…',
  summary: 'Из {checked} прочитанных открытых обращений: у {newDue} сроков сменится срок, {atRisk} окажутся под угрозой, {breached} — нарушены.',
  truncated: 'Прочитаны только первые {limit} открытых обращений.',
  none: 'Сохранение черновика не меняет ни одного идущего срока открытых обращений.',
  failed: 'Не удалось оценить последствия: {message}',
  request: 'Обращение',
  clock: 'Срок',
  oldDue: 'Срок сейчас',
  newDue: 'Срок по черновику',
  state: 'Состояние',
  reaction: 'Реакция',
  resolution: 'Решение',
  'state.running': 'в срок',
  'state.atRisk': 'под угрозой',
  'state.paused': 'на паузе',
  'state.met': 'выполнено',
  'state.breached': 'нарушено',
  noDue: '—',
};
const TEXT = { en, ru };

export function ImpactPreview({ scope, draft, lang, locale, timeZone }: { scope: string; draft: Draft; lang: Locale; locale: string; timeZone: string }) {
  const t = translator(TEXT, lang);
  const [result, setResult] = useState<Envelope<ImpactView> | 'busy' | null>(null);
  const run = async (): Promise<void> => {
    setResult('busy');
    setResult(await call('previewImpact', { scope, config: draft }));
  };
  const when = (iso: string | null) => (iso === null ? t('noDue') : formatInstant(iso, { locale, userZone: timeZone }));
  return (
    <div className="impact">
      <button type="button" className="button" onClick={() => void run()} disabled={result === 'busy'}>{t('button')}</button>
      {result === 'busy' ? <p role="status" className="subtle">{t('busy')}</p> : null}
      {result && result !== 'busy' && !result.ok ? <Message tone="error" role="alert"><p>{t('failed', { message: result.error.message })}</p></Message> : null}
      {result && result !== 'busy' && result.ok ? (
        <div className="impact__result" data-impact-new-due={result.data.newDue} tabIndex={0} role="region" aria-label={t('button')}>
          <p role="status">{result.data.rows.length === 0 ? t('none') : t('summary', { checked: result.data.checked, newDue: result.data.newDue, atRisk: result.data.becomeAtRisk, breached: result.data.becomeBreached })}</p>
          {result.data.truncated ? <p className="subtle">{t('truncated', { limit: result.data.limit })}</p> : null}
          {result.data.rows.length > 0 ? (
            <table className="report-table impact__table">
              <thead>
                <tr><th scope="col">{t('request')}</th><th scope="col">{t('clock')}</th><th scope="col">{t('oldDue')}</th><th scope="col">{t('newDue')}</th><th scope="col">{t('state')}</th></tr>
              </thead>
              <tbody>
                {result.data.rows.map((r) => (
                  <tr key={`${r.issueKey}-${r.clock}`}>
                    <th scope="row">{r.issueKey}</th>
                    <td>{t(r.clock)}</td>
                    <td>{when(r.oldDue)}</td>
                    <td>{when(r.newDue)}</td>
                    <td>{r.oldState ? `${t(`state.${r.oldState}`)} → ` : ''}{t(`state.${r.newState}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
