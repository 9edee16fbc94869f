// The Reports page: period, tabs (report, queue, customer act) and the report's parts in order.
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { ReportDimension } from '../../../src/domain/report';
import type { Envelope, ReportView } from '../../../src/shared/contract';
import { call } from '../../shared/api';
import { DATE_PLACEHOLDER, DateField } from '../../shared/date-field';
import { formatDate } from '../../shared/format';
import type { HostContext } from '../../shared/host';
import { translator } from '../../shared/i18n';
import { Message } from '../../shared/ui';
import { ACT_MESSAGES } from './act-messages';
import { CustomerActTab } from './CustomerAct';
import { DrillList } from './DrillList';
import { Exports } from './Exports';
import { GroupTable } from './GroupTable';
import { Kpis } from './Kpis';
import { Queue } from './Queue';
import { REPORTS_MESSAGES } from './messages';
import { breachDimension, DIMENSIONS, presetPeriod, rowsOf, todayIn, unknownCustomers, type PeriodPreset } from './model';
import { ReportCharts } from './ReportCharts';
import type { Drill } from './report-parts';

const PRESETS: readonly PeriodPreset[] = ['thisMonth', 'lastMonth', 'quarter', 'year'];

export function ReportsApp({ host }: { host: HostContext }) {
  const t = useMemo(() => translator(REPORTS_MESSAGES, host.lang), [host.lang]);
  const projectKey = host.extensionType.includes('project') || host.moduleKey.includes('project') ? (host.projectKey ?? undefined) : undefined;
  const [period, setPeriod] = useState(() => presetPeriod('quarter', todayIn(host.timeZone, Date.now())));
  const [draft, setDraft] = useState(period);
  const [loaded, setLoaded] = useState<Envelope<ReportView> | null>(null);
  // Until the viewer picks one: by priority, or by package for regulations without priorities.
  const [picked, setDimension] = useState<ReportDimension | null>(null);
  const [drill, setDrill] = useState<Drill | null>(null);
  const [tab, setTab] = useState<'report' | 'queue' | 'act'>('report');
  const actT = useMemo(() => translator(ACT_MESSAGES, host.lang), [host.lang]);
  const fromId = useId();
  const toId = useId();

  const load = useCallback(() => {
    setLoaded(null);
    setDrill(null);
    void call('getReport', { from: period.from, to: period.to, ...(projectKey ? { projectKey } : {}) }).then(setLoaded);
  }, [period, projectKey]);
  useEffect(load, [load]);

  const view = loaded?.ok ? loaded.data : null;
  // The act's month: the server's now (simulated on the local host) in the user's zone, from the first answer
  // (the browser's if the report failed); kept while later reports reload.
  const [serverMonth, setServerMonth] = useState<string | null>(null);
  useEffect(() => {
    if (loaded === null || serverMonth !== null) return;
    const d = todayIn(host.timeZone, loaded.ok ? Date.parse(loaded.data.now) : Date.now());
    setServerMonth(`${d.y}-${String(d.m).padStart(2, '0')}`);
  }, [loaded, serverMonth, host.timeZone]);
  const rows = useMemo(() => (view ? rowsOf(view) : []), [view]);
  // The first period ends at the browser's today; the server's now decides (on the local host the
  // clock is simulated): once the first answer names it, the default period follows it.
  const [defaulted, setDefaulted] = useState(true);
  useEffect(() => {
    if (!defaulted || !view) return;
    setDefaulted(false);
    const served = presetPeriod('quarter', todayIn(host.timeZone, Date.parse(view.now)));
    if (served.from !== period.from || served.to !== period.to) {
      setDraft(served);
      setPeriod(served);
    }
  }, [defaulted, view, period, host.timeZone]);
  const dimension: ReportDimension = picked ?? (view ? breachDimension(view) : 'priority');
  const applyPreset = (p: PeriodPreset): void => {
    // The server's now: on the local host the clock is simulated, and "this month" means its month.
    const next = presetPeriod(p, todayIn(host.timeZone, view ? Date.parse(view.now) : Date.now()));
    setDefaulted(false);
    setDraft(next);
    setPeriod(next);
  };

  return (
    <main className="reports">
      <h1>{projectKey ? t('reports.projectTitle', { project: projectKey }) : t('reports.title')}</h1>
      <div className="tabs" role="tablist" aria-label={t('reports.title')}>
        {(['report', 'queue', 'act'] as const).map((k) => (
          <button key={k} type="button" role="tab" id={`tab-${k}`} aria-selected={tab === k} aria-controls={`panel-${k}`} className={`tab${tab === k ? ' tab--on' : ''}`} onClick={() => setTab(k)}>
            {k === 'act' ? actT('act.tab') : t(`tab.${k}`)}
          </button>
        ))}
      </div>
      {tab === 'act' ? (
        <div role="tabpanel" id="panel-act" aria-labelledby="tab-act">
          <CustomerActTab host={host} projects={view?.projects ?? []} initialProject={projectKey ?? null} defaultMonth={serverMonth} />
        </div>
      ) : tab === 'queue' ? (
        <div role="tabpanel" id="panel-queue" aria-labelledby="tab-queue">
          <Queue host={host} t={t} projects={view?.projects ?? []} initialProject={projectKey ?? null} names={view?.names ?? null} />
        </div>
      ) : (
        <div role="tabpanel" id="panel-report" aria-labelledby="tab-report">
          <form
            className="period"
            onSubmit={(e) => {
              e.preventDefault();
              setDefaulted(false);
              // A period that ends before it starts is read the way round it was meant.
              setPeriod(draft.from <= draft.to ? draft : { from: draft.to, to: draft.from });
            }}
          >
            <fieldset>
              <legend>{t('period.legend')}</legend>
              <label htmlFor={fromId}>{t('period.from')}</label>
              <DateField id={fromId} value={draft.from} lang={host.lang} invalidText={t('period.invalidDate', { format: DATE_PLACEHOLDER[host.lang] })} onChange={(from) => setDraft((d) => ({ ...d, from }))} />
              <label htmlFor={toId}>{t('period.to')}</label>
              <DateField id={toId} value={draft.to} lang={host.lang} invalidText={t('period.invalidDate', { format: DATE_PLACEHOLDER[host.lang] })} onChange={(to) => setDraft((d) => ({ ...d, to }))} />
              <button type="submit" className="button button--primary">
                {t('period.apply')}
              </button>
              {PRESETS.map((p) => (
                <button key={p} type="button" className="button button--subtle" onClick={() => applyPreset(p)}>
                  {t(`period.${p}`)}
                </button>
              ))}
            </fieldset>
          </form>

          {loaded === null ? <p role="status">{t('reports.loading')}</p> : null}
          {loaded && !loaded.ok ? (
            <Message tone={loaded.error.code === 'NOT_CONFIGURED' || loaded.error.code === 'FORBIDDEN' ? 'info' : 'error'} role="alert">
              <p>
                {loaded.error.code === 'NOT_CONFIGURED'
                  ? t('reports.notConfigured')
                  : loaded.error.code === 'FORBIDDEN'
                    ? t('reports.forbidden')
                    : t('reports.loadFailed', { message: loaded.error.message })}
              </p>
              {loaded.error.code === 'NOT_CONFIGURED' || loaded.error.code === 'FORBIDDEN' ? null : (
                <button type="button" className="button" onClick={load}>
                  {t('reports.retry')}
                </button>
              )}
            </Message>
          ) : null}

          {view ? (
            <>
              <p className="subtle">
                {t('period.shown', {
                  from: formatDate(view.from.slice(0, 10), host.locale, host.timeZone),
                  // `to` is exclusive: show the last day it covers, on the calendar's wall clock.
                  to: formatDate(new Date(Date.parse(view.to) - 1).toLocaleDateString('en-CA', { timeZone: view.timezone }), host.locale, host.timeZone),
                  zone: view.timezone,
                })}
              </p>
              {view.invalidRows > 0 ? <Message tone="warning">{t('reports.invalidRows', { count: view.invalidRows })}</Message> : null}
              {unknownCustomers(view) > 0 ? <Message tone="warning"><span data-customer-unknown={unknownCustomers(view)}>{t('reports.customerUnknown', { count: unknownCustomers(view) })}</span></Message> : null}
              {view.total.requests === 0 ? (
                <Message>{t('reports.empty')}</Message>
              ) : (
                <>
                  {view.rowsTruncated ? <Message tone="warning">{t('reports.truncated', { total: view.total.requests, shown: rows.length })}</Message> : null}
                  <Kpis view={view} t={t} locale={host.locale} />
                  <ReportCharts view={view} rows={rows} t={t} locale={host.locale} lang={host.lang} />
                  <fieldset className="dimensions">
                    <legend>{t('group.legend')}</legend>
                    {DIMENSIONS.map((d) => (
                      <label key={d} className={`segment${d === dimension ? ' segment--on' : ''}`}>
                        <input type="radio" name="dimension" value={d} checked={d === dimension} onChange={() => setDimension(d)} />
                        {t(`group.${d}`)}
                      </label>
                    ))}
                  </fieldset>
                  <p className="subtle">{t('table.drillHint')}</p>
                  <GroupTable view={view} dimension={dimension} t={t} lang={host.lang} locale={host.locale} onDrill={setDrill} />
                  {drill ? <DrillList drill={drill} rows={rows} t={t} host={host} onClose={() => setDrill(null)} /> : null}
                  <Exports view={view} rows={rows} t={t} host={host} />
                </>
              )}
            </>
          ) : null}
        </div>
      )}
    </main>
  );
}
