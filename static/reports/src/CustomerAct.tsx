// The customer act tab: one customer's month in the regulation's terms (getCustomerAct), printable
// (the browser's print dialog saves it as PDF; print CSS hides the controls) and as CSV.
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { ACT_TEXT, type ActClockCounts, type CustomerAct } from '../../../src/domain/report/act';
import { actCsv } from '../../../src/domain/report/act-csv';
import { REPORT_CLOCK_KINDS } from '../../../src/domain/report/report-row';
import type { CustomerActView, Envelope } from '../../../src/shared/contract';
import { call } from '../../shared/api';
import { formatDate, formatMinutes } from '../../shared/format';
import type { HostContext } from '../../shared/host';
import { translator } from '../../shared/i18n';
import { Message } from '../../shared/ui';
import { downloadText } from './download';
import { ACT_MESSAGES } from './act-messages';

function monthName(month: string, locale: string): string {
  const d = new Date(`${month}-15T12:00:00Z`);
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

function Counts({ c, locale }: { c: ActClockCounts; locale: string }) {
  return (
    <>
      <td>{c.met}</td>
      <td>{c.breached}</td>
      <td>{c.open}</td>
      <td>{c.metPercent === null ? '—' : `${c.metPercent.toLocaleString(locale)} %`}</td>
    </>
  );
}

export function ActDocument({ view, act, host }: { view: CustomerActView; act: CustomerAct; host: HostContext }) {
  const w = ACT_TEXT[host.lang];
  const t = translator(ACT_MESSAGES, host.lang);
  const name = (kind: 'package' | 'priority', id: string) => view.names[kind][id]?.[host.lang] ?? id;
  const a = act.assignment;
  const hours = (m: number) => formatMinutes(m, host.locale);
  return (
    <article className="act" aria-labelledby="act-title" data-customer={act.customer} data-month={act.month}>
      <h2 id="act-title">{w.title}</h2>
      <p className="subtle">{t('act.regulation', { name: view.regulation[host.lang] })}</p>
      <dl className="act__facts">
        <dt>{w.customer}</dt>
        <dd>{act.customer}</dd>
        <dt>{w.month}</dt>
        <dd>{monthName(act.month, host.locale)}</dd>
        <dt>{w.package}</dt>
        <dd data-act="package">
          {a ? (
            <>
              {name('package', a.package)} ({a.validFrom ? formatDate(a.validFrom, host.locale, 'UTC', 'numeric') : '…'} – {a.validTo ? formatDate(a.validTo, host.locale, 'UTC', 'numeric') : w.unlimited}; {w.coverage[a.coverage]})
            </>
          ) : (
            <>
              {act.packages.map((p) => name('package', p)).join(', ')} — {w.noAssignment}
            </>
          )}
        </dd>
        <dt>{w.requests}</dt>
        <dd data-act="requests">{act.requests}</dd>
        <dt>{w.unresolved}</dt>
        <dd>{act.unresolved}</dd>
        <dt>{w.answers}</dt>
        <dd>{act.answers}</dd>
        <dt>{w.accountedTime}</dt>
        <dd data-act="accounted">
          {hours(act.accountedMinutes)}
          {act.quotaMinutes === null ? ` (${w.noQuota})` : ` / ${hours(act.quotaMinutes)}`}
          {act.overQuotaMinutes > 0 ? ` — ${w.over}: ${hours(act.overQuotaMinutes)}` : ''}
        </dd>
        {/* Agreed deadlines (issue 15): only when there were any, so other acts read as before. */}
        {act.agreedExtensions > 0 ? (
          <>
            <dt>{w.agreed}</dt>
            <dd data-act="agreed">
              {act.agreedExtensions}
              {(() => {
                const n = (['reaction', 'resolution', 'followUp'] as const).reduce((sum, k) => sum + (act.total.clocks[k].metAsAgreed ?? 0), 0);
                return n > 0 ? ` (${w.metAsAgreed}: ${n})` : '';
              })()}
            </dd>
          </>
        ) : null}
      </dl>
      <div className="act__table-wrap" tabIndex={0} role="region" aria-label={w.title}>
      <table className="report-table act__table">
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>{w.priority}</th>
            <th scope="col" rowSpan={2}>{w.requests}</th>
            {REPORT_CLOCK_KINDS.map((k) => (
              <th key={k} scope="colgroup" colSpan={4}>{w.clock[k]}</th>
            ))}
          </tr>
          <tr>
            {REPORT_CLOCK_KINDS.flatMap((k) => [
              <th key={`${k}-m`} scope="col">{w.met}</th>,
              <th key={`${k}-b`} scope="col">{w.breached}</th>,
              <th key={`${k}-o`} scope="col">{w.open}</th>,
              <th key={`${k}-p`} scope="col">{w.metPercent}</th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {[...act.byPriority, act.total].map((line, i) => {
            const total = i === act.byPriority.length;
            return (
              <tr key={total ? 'total' : String(line.priority)} className={total ? 'report-table__total' : undefined}>
                <th scope="row">{total ? w.total : line.priority === null ? w.noPriority : name('priority', line.priority)}</th>
                <td>{line.requests}</td>
                {REPORT_CLOCK_KINDS.map((k) => (
                  <Counts key={k} c={line.clocks[k]} locale={host.locale} />
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
      <p className="subtle">
        {view.asOf ? `${w.asOf} ${formatDate(view.asOf, host.locale, view.timezone, 'numeric')}. ` : ''}
        {t('act.zone', { zone: view.timezone })}
      </p>
      <p className="act__signatures">{t('act.signatures')}: ____________________ / ____________________</p>
    </article>
  );
}

export function CustomerActTab({ host, projects, initialProject, defaultMonth }: {
  host: HostContext;
  projects: ReadonlyArray<{ key: string; name: string }>;
  initialProject: string | null;
  /** `YYYY-MM` of the server's now in the user's zone (simulated on the local host); null until the server answered. */
  defaultMonth: string | null;
}) {
  const t = useMemo(() => translator(ACT_MESSAGES, host.lang), [host.lang]);
  // Follows the server's month until the user picks one: the tab may open before the report answered.
  const [picked, setMonth] = useState<string | null>(null);
  const month = picked ?? defaultMonth;
  const [project, setProject] = useState<string>(initialProject ?? '');
  const [customer, setCustomer] = useState<string>('');
  const [loaded, setLoaded] = useState<Envelope<CustomerActView> | null>(null);
  const ids = { month: useId(), customer: useId(), project: useId() };
  const load = useCallback(() => {
    setLoaded(null);
    if (month === null) return;
    void call('getCustomerAct', { month, ...(customer ? { customer } : {}), ...(project ? { projectKey: project } : {}) }).then(setLoaded);
  }, [month, customer, project]);
  useEffect(load, [load]);
  const view = loaded?.ok ? loaded.data : null;
  const act = view?.act ?? null;
  const csv = (): void => {
    if (!view || !act) return;
    const name = (kind: 'package' | 'priority') => (id: string) => view.names[kind][id]?.[host.lang] ?? id;
    downloadText(`act_${act.customer}_${act.month}.csv`.replace(/[^\p{L}\p{N}._-]+/gu, '_'), actCsv(act, { locale: host.lang, priorityName: name('priority'), packageName: name('package') }));
  };
  return (
    <section className="act-tab">
      <form className="period act__controls" onSubmit={(e) => { e.preventDefault(); load(); }}>
        <label htmlFor={ids.month}>{t('act.month')}</label>
        <input id={ids.month} type="month" value={month ?? ''} disabled={month === null} required onChange={(e) => { if (/^\d{4}-\d{2}$/.test(e.target.value)) { setMonth(e.target.value); setCustomer(''); } }} />
        {initialProject === null ? (
          <>
            <label htmlFor={ids.project}>{t('act.project')}</label>
            <select id={ids.project} value={project} onChange={(e) => { setProject(e.target.value); setCustomer(''); }}>
              <option value="">{t('act.allProjects')}</option>
              {projects.map((p) => (
                <option key={p.key} value={p.key}>{p.name}</option>
              ))}
            </select>
          </>
        ) : null}
        <label htmlFor={ids.customer}>{t('act.customer')}</label>
        <select id={ids.customer} value={customer || act?.customer || ''} onChange={(e) => setCustomer(e.target.value)} disabled={!view || view.customers.length === 0}>
          {(view?.customers ?? []).map((c) => (
            <option key={c} value={c}>{c}</option>
          ))}
        </select>
        <button type="button" className="button" disabled={!act} onClick={() => window.print()}>{t('act.print')}</button>
        <button type="button" className="button" disabled={!act} onClick={csv}>{t('act.csv')}</button>
      </form>
      {loaded === null ? <p className="subtle" role="status">{t('act.loading')}</p> : null}
      {loaded && !loaded.ok ? <Message tone="error" role="alert">{t('act.failed', { message: loaded.error.message })}</Message> : null}
      {view && !act ? <Message>{t('act.none', { month: monthName(view.month, host.locale) })}</Message> : null}
      {view && act ? <ActDocument view={view} act={act} host={host} /> : null}
    </section>
  );
}
