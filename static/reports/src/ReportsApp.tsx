import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import {
  drillDown,
  elapsedDistribution,
  selectJournal,
  type DrillMeasure,
  type DrillQuery,
  type ReportClockKind,
  type ReportDimension,
  type ComplianceReport,
} from '../../../src/domain/report';
import { journalCsv, reportCsv } from '../../../src/domain/report/csv';
import type { Envelope, ReportGroupView, ReportView } from '../../../src/shared/contract';
import { call } from '../../shared/api';
import { formatDate, formatInstant, formatMinutes } from '../../shared/format';
import type { HostContext } from '../../shared/host';
import { translator, type Translate } from '../../shared/i18n';
import { Message } from '../../shared/ui';
import { ACT_MESSAGES } from './act-messages';
import { BarChart, Histogram, LineChart } from './charts';
import { CustomerActTab } from './CustomerAct';
import { downloadText } from './download';
import { IssueLink } from './IssueLink';
import { loadJournal } from './journal';
import { Queue } from './Queue';
import { REPORTS_MESSAGES, type ReportsKey } from './messages';
import {
  breachDimension,
  breachesBy,
  clocksInUse,
  complianceSeries,
  DIMENSIONS,
  groupLabel,
  groupsOf,
  monthLabel,
  openCount,
  presetPeriod,
  rowsOf,
  todayIn,
  unknownCustomers,
  weekLabel,
  weeklyComplianceSeries,
  type PeriodPreset,
} from './model';

type T = Translate<ReportsKey>;
const PRESETS: readonly PeriodPreset[] = ['thisMonth', 'lastMonth', 'quarter', 'year'];
const DRILL_LIMIT = 200;

interface Drill {
  readonly query: DrillQuery;
  readonly what: string;
}

function percent(v: number | null, locale: string): string {
  return v === null ? '—' : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v)}%`;
}

function minutes(v: number | null, locale: string): string {
  return v === null ? '—' : formatMinutes(v, locale, { display: 'narrow' });
}

/** A report number that lists the requests behind it when selected. */
function Num({ value, onDrill, label }: { value: number; onDrill: () => void; label: string }) {
  if (value === 0) return <span className="num num--zero">0</span>;
  return (
    <button type="button" className="num button--link" onClick={onDrill} aria-label={label}>
      {value}
    </button>
  );
}

function Kpis({ view, t, locale }: { view: ReportView; t: T; locale: string }) {
  const clocks = clocksInUse(view);
  return (
    <div className="kpis">
      <div className="kpi">
        <div className="kpi__value">{view.total.requests}</div>
        <div className="kpi__label">{t('kpi.requests')}</div>
      </div>
      {clocks.map((k) => {
        const c = view.total.clocks[k];
        const stopped = c.medianMinutes !== null;
        return (
          <div className="kpi" key={k}>
            <div className={`kpi__value${c.metPercent !== null && c.metPercent < 90 ? ' kpi__value--bad' : ''}`}>{percent(c.metPercent, locale)}</div>
            <div className="kpi__label">{t('kpi.metPercent', { clock: t(`clock.${k}`) })}</div>
            <div className="kpi__detail subtle">{stopped ? t('kpi.median', { median: minutes(c.medianMinutes, locale), p90: minutes(c.p90Minutes, locale) }) : t('kpi.noneStopped')}</div>
          </div>
        );
      })}
      <div className="kpi">
        <div className="kpi__value">{minutes(view.total.pausedMinutes, locale)}</div>
        <div className="kpi__label">{t('kpi.paused')}</div>
        <div className="kpi__detail subtle">{t('kpi.pausedDetail', { requests: view.total.pausedRequests })}</div>
      </div>
      {clocks.includes('followUp') ? (
        <div className="kpi">
          <div className="kpi__value">{view.total.followUpCycles}</div>
          <div className="kpi__label">{t('kpi.cycles')}</div>
        </div>
      ) : null}
      {view.total.accountedMinutes > 0 ? (
        <div className="kpi">
          <div className="kpi__value">{minutes(view.total.accountedMinutes, locale)}</div>
          <div className="kpi__label">{t('kpi.accounted')}</div>
          <div className="kpi__detail subtle">{t('kpi.accountedDetail', { answers: view.total.answers })}</div>
        </div>
      ) : null}
    </div>
  );
}

function Charts({ view, rows, t, locale, lang }: { view: ReportView; rows: ReturnType<typeof rowsOf>; t: T; locale: string; lang: 'ru' | 'en' }) {
  const months = Object.keys(view.byMonth);
  // A short period reads better by week; weeks need every row, so only when none were left out.
  const weekly = months.length <= 2 && !view.rowsTruncated ? weeklyComplianceSeries(view, rows) : null;
  const series = weekly ? weekly.series : complianceSeries(view);
  const categories = weekly ? weekly.weeks.map((w) => weekLabel(w, locale)) : months.map((m) => monthLabel(m, locale, true));
  const breachDim = breachDimension(view);
  const breaches = breachesBy(view, breachDim);
  const breachTitle = breachDim === 'priority' ? t('chart.breaches') : t('chart.breachesByPackage');
  const clocks = clocksInUse(view).filter((k) => k !== 'followUp');
  const distribution = useMemo(() => elapsedDistribution(rows, 'reaction'), [rows]);
  const firstClock = clocks.includes('reaction') ? 'reaction' : null;
  return (
    <div className="charts">
      <figure className="chart-card">
        <figcaption>
          <h3>{weekly ? t('chart.complianceWeekly') : t('chart.compliance')}</h3>
        </figcaption>
        {months.length === 0 ? (
          <p className="subtle">{t('chart.noData')}</p>
        ) : (
          <>
            <LineChart
              title={weekly ? t('chart.complianceWeekly') : t('chart.compliance')}
              desc={weekly ? t('chart.complianceWeeklyDesc') : t('chart.complianceDesc')}
              categories={categories}
              series={series.map((s) => ({ name: t(`clock.${s.clock}`), className: `series--${s.clock}`, points: s.points.map((p) => p.y) }))}
            />
            <Legend items={series.map((s) => ({ name: t(`clock.${s.clock}`), className: `series--${s.clock}` }))} />
          </>
        )}
      </figure>
      <figure className="chart-card">
        <figcaption>
          <h3>{breachTitle}</h3>
        </figcaption>
        {breaches.length === 0 || clocks.length === 0 ? (
          <p className="subtle">{t('chart.noData')}</p>
        ) : (
          <>
            <BarChart
              title={breachTitle}
              desc={breachDim === 'priority' ? t('chart.breachesDesc') : t('chart.breachesByPackageDesc')}
              groups={breaches.map((b) => ({
                // Priority ids are short ("1", "high"); package names are short enough to fit under a bar.
                label: b.key === '(none)' ? t('group.none') : breachDim === 'priority' ? b.key : groupLabel(view, 'package', b.key, lang, locale, t('group.none')),
                values: clocks.map((k) => ({ name: t(`clock.${k}`), className: `series--${k}`, value: b.counts[k] })),
              }))}
            />
            <Legend items={clocks.map((k) => ({ name: t(`clock.${k}`), className: `series--${k}` }))} />
          </>
        )}
      </figure>
      {firstClock ? (
        <figure className="chart-card">
          <figcaption>
            <h3>{t('chart.distribution')}</h3>
          </figcaption>
          {distribution.stopped === 0 ? (
            <p className="subtle">{t('chart.noData')}</p>
          ) : (
            <Histogram
              title={t('chart.distribution')}
              desc={t('chart.distributionDesc')}
              bins={distribution.minutes}
              goal={distribution.typicalGoalMinutes}
              goalLabel={t('chart.goal', { goal: minutes(distribution.typicalGoalMinutes, locale) })}
              binLabel={(b) => minutes(b.from, locale)}
            />
          )}
        </figure>
      ) : null}
    </div>
  );
}

function Legend({ items }: { items: ReadonlyArray<{ name: string; className: string }> }) {
  return (
    <ul className="legend">
      {items.map((i) => (
        <li key={i.name} className={i.className}>
          <span className="legend__swatch" aria-hidden="true" />
          <span className="legend__text">{i.name}</span>
        </li>
      ))}
    </ul>
  );
}

function GroupTable({ view, dimension, t, lang, locale, onDrill }: {
  view: ReportView;
  dimension: ReportDimension;
  t: T;
  lang: 'ru' | 'en';
  locale: string;
  onDrill: (d: Drill) => void;
}) {
  const clocks = clocksInUse(view);
  const groups = groupsOf(view, dimension);
  const drill = (key: string | null, label: string, clock: ReportClockKind | undefined, measure: DrillMeasure, measureLabel: string): void =>
    onDrill({
      query: { ...(key === null ? {} : { group: { dimension, key } }), ...(clock ? { clock } : {}), measure },
      what: [label, clock ? t(`clock.${clock}`) : null, measureLabel].filter(Boolean).join(' · '),
    });
  const row = (key: string | null, label: string, g: ReportGroupView) => (
    <tr key={key ?? '__total'} className={key === null ? 'total' : undefined}>
      <th scope="row">{label}</th>
      <td>
        <Num value={g.requests} label={`${label}: ${t('measure.requests')} ${g.requests}`} onDrill={() => drill(key, label, undefined, 'requests', t('measure.requests'))} />
      </td>
      {clocks.map((k) => {
        const c = g.clocks[k];
        const open = openCount(g, k);
        return [
          <td key={`${k}-met`}>
            <Num value={c.met} label={`${label}, ${t(`clock.${k}`)}: ${t('measure.met')} ${c.met}`} onDrill={() => drill(key, label, k, 'met', t('measure.met'))} />
            {/* Met only thanks to an agreed deadline (issue 15): counted apart, inside "met". */}
            {c.metAsAgreed ? (
              <span className="subtle met-as-agreed" data-met-as-agreed={c.metAsAgreed}>
                {' '}
                {t('table.metAsAgreed', { count: c.metAsAgreed })}
              </span>
            ) : null}
          </td>,
          <td key={`${k}-breached`} className={c.breached > 0 ? 'bad' : undefined}>
            <Num value={c.breached} label={`${label}, ${t(`clock.${k}`)}: ${t('measure.breached')} ${c.breached}`} onDrill={() => drill(key, label, k, 'breached', t('measure.breached'))} />
          </td>,
          <td key={`${k}-open`}>
            <Num value={open} label={`${label}, ${t(`clock.${k}`)}: ${t('measure.open')} ${open}`} onDrill={() => drill(key, label, k, 'open', t('measure.open'))} />
          </td>,
          <td key={`${k}-pct`}>{percent(c.metPercent, locale)}</td>,
          <td key={`${k}-median`}>
            {c.medianMinutes === null ? '—' : (
              <button type="button" className="num button--link" onClick={() => drill(key, label, k, 'stopped', t('measure.stopped'))}>
                {minutes(c.medianMinutes, locale)}
              </button>
            )}
          </td>,
          <td key={`${k}-p90`}>{minutes(c.p90Minutes, locale)}</td>,
        ];
      })}
    </tr>
  );
  return (
    <div className="table-wrap">
      <table className="report-table">
        <caption>{t('table.caption', { dimension: t(`group.${dimension}`) })}</caption>
        <thead>
          <tr>
            <th rowSpan={2} scope="col">
              {t('table.group')}
            </th>
            <th rowSpan={2} scope="col">
              {t('table.requests')}
            </th>
            {clocks.map((k) => (
              <th key={k} colSpan={6} scope="colgroup">
                {t(`clock.${k}`)}
              </th>
            ))}
          </tr>
          <tr>
            {clocks.map((k) => [
              <th key={`${k}-1`} scope="col">{t('table.met')}</th>,
              <th key={`${k}-2`} scope="col">{t('table.breached')}</th>,
              <th key={`${k}-3`} scope="col">{t('table.open')}</th>,
              <th key={`${k}-4`} scope="col">{t('table.metPercent')}</th>,
              <th key={`${k}-5`} scope="col">{t('table.median')}</th>,
              <th key={`${k}-6`} scope="col">{t('table.p90')}</th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {groups.map(([key, g]) => row(key, groupLabel(view, dimension, key, lang, locale, t('group.none')), g))}
          {row(null, t('table.total'), view.total)}
        </tbody>
      </table>
    </div>
  );
}

function DrillList({ drill, rows, t, host, onClose }: { drill: Drill; rows: ReturnType<typeof rowsOf>; t: T; host: HostContext; onClose: () => void }) {
  const items = useMemo(() => drillDown(rows, drill.query), [rows, drill]);
  const shown = items.slice(0, DRILL_LIMIT);
  const headingId = useId();
  return (
    <section className="drill" aria-labelledby={headingId}>
      <div className="drill__head">
        <h3 id={headingId}>{t('drill.title', { what: drill.what, count: items.length })}</h3>
        <button type="button" className="button button--subtle" onClick={onClose}>
          {t('drill.close')}
        </button>
      </div>
      <table className="drill__table">
        <thead>
          <tr>
            <th scope="col">{t('drill.key')}</th>
            <th scope="col">{t('drill.created')}</th>
            <th scope="col">{t('drill.elapsed')}</th>
            <th scope="col">{t('drill.goal')}</th>
            <th scope="col">{t('drill.count')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((i) => (
            <tr key={i.key}>
              <td>
                <IssueLink issueKey={i.key} />
              </td>
              <td>{formatInstant(i.createdMs, { locale: host.locale, userZone: host.timeZone })}</td>
              <td>{minutes(i.elapsedMinutes, host.locale)}</td>
              <td>{minutes(i.goalMinutes, host.locale)}</td>
              <td>{i.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length > shown.length ? <p className="subtle">{t('drill.more', { count: items.length - shown.length })}</p> : null}
    </section>
  );
}

function Exports({ view, rows, t, host }: { view: ReportView; rows: ReturnType<typeof rowsOf>; t: T; host: HostContext }) {
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
  const rows = useMemo(() => (view ? rowsOf(view) : []), [view]);
  const dimension: ReportDimension = picked ?? (view ? breachDimension(view) : 'priority');
  const applyPreset = (p: PeriodPreset): void => {
    // The server's now: on the local host the clock is simulated, and "this month" means its month.
    const next = presetPeriod(p, todayIn(host.timeZone, view ? Date.parse(view.now) : Date.now()));
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
          <CustomerActTab host={host} projects={view?.projects ?? []} initialProject={projectKey ?? null} defaultMonth={(view?.now ?? new Date().toISOString()).slice(0, 7)} />
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
              setPeriod(draft);
            }}
          >
            <fieldset>
              <legend>{t('period.legend')}</legend>
              <label htmlFor={fromId}>{t('period.from')}</label>
              <input id={fromId} type="date" value={draft.from} max={draft.to} onChange={(e) => setDraft({ ...draft, from: e.target.value })} required />
              <label htmlFor={toId}>{t('period.to')}</label>
              <input id={toId} type="date" value={draft.to} min={draft.from} onChange={(e) => setDraft({ ...draft, to: e.target.value })} required />
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
                  <Charts view={view} rows={rows} t={t} locale={host.locale} lang={host.lang} />
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
