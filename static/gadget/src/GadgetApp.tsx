// The dashboard gadget (jira:dashboardGadget): for one project and period, the compliance of one
// clock (met ÷ judged, from the getReport resolver) and the requests at risk or breached now (the
// getQueue resolver: stored clock states, no history reads). Its edit view stores the
// configuration with view.submit, which Jira keeps per gadget.
import { useEffect, useId, useMemo, useState } from 'react';
import { view } from '@forge/bridge';
import type { Envelope, QueueRow, ReportView } from '../../../src/shared/contract';
import { call } from '../../shared/api';
import { formatMinutes } from '../../shared/format';
import type { HostContext } from '../../shared/host';
import { translator, type Translate } from '../../shared/i18n';
import { Lozenge, Message } from '../../shared/ui';
import { attentionQueue, complianceOf, configProblems, GADGET_MESSAGES, parseConfig, PERIODS, type GadgetConfig, type GadgetKey } from './model';

export function GadgetApp({ host, stored, editing }: { host: HostContext; stored: unknown; editing: boolean }) {
  const t = useMemo(() => translator(GADGET_MESSAGES, host.lang), [host.lang]);
  const config = parseConfig(stored);
  return (
    <div className="gadget" data-color-mode={host.colorMode}>
      {editing ? <EditForm t={t} initial={config} fallbackProject={host.projectKey} /> : config ? <GadgetView host={host} t={t} config={config} /> : <Message>{t('unconfigured')}</Message>}
    </div>
  );
}

function EditForm({ t, initial, fallbackProject }: { t: Translate<GadgetKey>; initial: GadgetConfig | null; fallbackProject: string | null }) {
  const [projectKey, setProject] = useState(initial?.projectKey ?? fallbackProject ?? '');
  const [periodDays, setPeriod] = useState<number>(initial?.periodDays ?? 30);
  const [clock, setClock] = useState<string>(initial?.clock ?? 'resolution');
  const [problems, setProblems] = useState<GadgetKey[]>([]);
  const ids = { project: useId(), period: useId(), clock: useId() };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const draft = { projectKey, periodDays, clock };
        const found = configProblems(draft);
        setProblems(found);
        if (found.length === 0) void view.submit({ projectKey: projectKey.trim().toUpperCase(), periodDays, clock });
      }}
    >
      <label htmlFor={ids.project}>{t('edit.project')}</label>
      <input id={ids.project} value={projectKey} onChange={(e) => setProject(e.target.value)} autoComplete="off" />
      <label htmlFor={ids.period}>{t('edit.period')}</label>
      <select id={ids.period} value={periodDays} onChange={(e) => setPeriod(Number(e.target.value))}>
        {PERIODS.map((d) => (
          <option key={d} value={d}>
            {t('edit.days', { days: d })}
          </option>
        ))}
      </select>
      <label htmlFor={ids.clock}>{t('edit.clock')}</label>
      <select id={ids.clock} value={clock} onChange={(e) => setClock(e.target.value)}>
        <option value="resolution">{t('clock.resolution')}</option>
        <option value="reaction">{t('clock.reaction')}</option>
      </select>
      {problems.length > 0 ? (
        <ul className="errors" role="alert">
          {problems.map((p) => (
            <li key={p}>{t(p)}</li>
          ))}
        </ul>
      ) : null}
      <p>
        <button type="submit" className="button">
          {t('edit.save')}
        </button>
      </p>
    </form>
  );
}

function GadgetView({ host, t, config }: { host: HostContext; t: Translate<GadgetKey>; config: GadgetConfig }) {
  const [queue, setQueue] = useState<Envelope<QueueRow[]> | null>(null);
  const [report, setReport] = useState<Envelope<ReportView> | null>(null);
  useEffect(() => {
    setQueue(null);
    setReport(null);
    void call('getQueue', { projectKey: config.projectKey }).then(setQueue);
    // The period ends at the server's now, not the browser's (the local host's clock is simulated).
    void call('getReport', { lastDays: config.periodDays, projectKey: config.projectKey }).then(setReport);
  }, [config.projectKey, config.periodDays]);

  const failed = [queue, report].find((e) => e !== null && !e.ok);
  if (failed && !failed.ok) return <Message tone="error" role="alert">{t('error', { message: failed.error.message })}</Message>;
  if (!queue || !report || !queue.ok || !report.ok) return <p className="muted" role="status">{t('loading')}</p>;
  const c = complianceOf(report.data, config.clock);
  const rows = attentionQueue(queue.data);
  return (
    <section aria-label={t('title', { project: config.projectKey, days: config.periodDays })}>
      <h2>{t('title', { project: config.projectKey, days: config.periodDays })}</h2>
      <div className="compliance" data-testid="compliance">
        <span>{t('compliance', { clock: t(`clock.${config.clock}`) })}</span>
        <strong>{c.metPercent === null ? '—' : `${Math.round(c.metPercent)}%`}</strong>
        <span className="muted">{c.metPercent === null ? t('compliance.none') : t('compliance.detail', { met: c.met, breached: c.breached, open: c.open, requests: c.requests })}</span>
      </div>
      <h2>{t('queue.title')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('queue.empty')}</p>
      ) : (
        <ul className="queue" data-testid="queue">
          {rows.map((r) => {
            const u = r.mostUrgent!;
            return (
              <li key={r.issueKey}>
                <a href={`/browse/${r.issueKey}`} target="_top">
                  {r.issueKey}
                </a>
                <span className="summary">{r.summary}</span>
                <Lozenge tone={u.state === 'breached' ? 'danger' : 'warning'}>{t(u.state === 'breached' ? 'state.breached' : 'state.atRisk')}</Lozenge>
                <span className="muted">
                  {t(`clock.${u.kind}`)}:{' '}
                  {u.remainingMinutes >= 0 ? t('queue.left', { left: formatMinutes(u.remainingMinutes, host.locale) }) : t('queue.overdue', { overdue: formatMinutes(-u.remainingMinutes, host.locale) })}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
