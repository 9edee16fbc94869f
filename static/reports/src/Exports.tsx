// Downloads: the report as CSV, and the request journal of one customer (or all) from Jira.
import { useId, useState } from 'react';
import { selectJournal, type ComplianceReport } from '../../../src/domain/report';
import { journalCsv, reportCsv } from '../../../src/domain/report/csv';
import type { ReportView } from '../../../src/shared/contract';
import type { HostContext } from '../../shared/host';
import { Message } from '../../shared/ui';
import { downloadText } from './download';
import { loadJournal } from './journal';
import { groupLabel, rowsOf } from './model';
import type { T } from './report-parts';

export function Exports({ view, rows, t, host }: { view: ReportView; rows: ReturnType<typeof rowsOf>; t: T; host: HostContext }) {
  const [customer, setCustomer] = useState('');
  const [journal, setJournal] = useState<{ phase: 'idle' } | { phase: 'busy' } | { phase: 'done'; count: number } | { phase: 'failed'; message: string }>({ phase: 'idle' });
  const selectId = useId();
  const customers = Object.keys(view.byCustomer).filter((c) => c !== '(none)');
  const stamp = `${view.from.slice(0, 10)}_${view.to.slice(0, 10)}`;
  const csv = (): void => {
    const text = reportCsv(view as ComplianceReport, {
      locale: host.lang,
      groupName: (d, k) => groupLabel(view, d, k, host.lang, host.locale, t('group.none')),
    });
    downloadText(`sla-report_${stamp}.csv`, text);
  };
  const exportJournal = async (): Promise<void> => {
    setJournal({ phase: 'busy' });
    try {
      const chosen = customer === '' ? rows : rows.filter((r) => r.customer === customer);
      const entries = selectJournal(await loadJournal(chosen, host.lang), {});
      const text = journalCsv(entries, {
        locale: host.lang,
        timeZone: view.timezone,
        priorityName: (id) => view.names.priority[id]?.[host.lang] ?? id,
      });
      downloadText(`journal_${customer || 'all'}_${stamp}.csv`.replace(/[^\p{L}\p{N}._-]+/gu, '_'), text);
      setJournal({ phase: 'done', count: entries.length });
    } catch (e) {
      setJournal({ phase: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <fieldset className="exports">
      <legend>{t('export.legend')}</legend>
      <button type="button" className="button" onClick={csv}>
        {t('export.csv')}
      </button>
      <label htmlFor={selectId}>{t('export.journalCustomer')}</label>
      <select id={selectId} value={customer} onChange={(e) => setCustomer(e.target.value)}>
        <option value="">{t('export.journalAll')}</option>
        {customers.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <button type="button" className="button" disabled={journal.phase === 'busy'} onClick={() => void exportJournal()}>
        {t('export.journal')}
      </button>
      <span role="status" className="subtle">
        {journal.phase === 'busy' ? t('export.journalBusy') : journal.phase === 'done' ? t('export.journalDone', { count: journal.count }) : ''}
      </span>
      {journal.phase === 'failed' ? <Message tone="error" role="alert">{t('export.journalFailed', { message: journal.message })}</Message> : null}
    </fieldset>
  );
}

