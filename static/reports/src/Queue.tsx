// The request queue of a project: open requests, the most urgent due instant first (handled in
// order of priority and arrival, as the regulations ask), with state, package, priority and the
// working time left. Data: the getQueue resolver (stored clock states, no history reads).
import { useCallback, useEffect, useId, useState } from 'react';
import type { Envelope, QueueRow, ReportView } from '../../../src/shared/contract';
import { call } from '../../shared/api';
import { formatInstant, formatMinutes } from '../../shared/format';
import type { HostContext } from '../../shared/host';
import type { Translate } from '../../shared/i18n';
import { Lozenge, Message, STATE_TONE } from '../../shared/ui';
import { IssueLink } from './IssueLink';
import type { ReportsKey } from './messages';

export function Queue({ host, t, projects, initialProject, names }: {
  host: HostContext;
  t: Translate<ReportsKey>;
  projects: ReadonlyArray<{ key: string; name: string }>;
  initialProject: string | null;
  names: ReportView['names'] | null;
}) {
  const [project, setProject] = useState<string | null>(initialProject ?? projects[0]?.key ?? null);
  const [loaded, setLoaded] = useState<Envelope<QueueRow[]> | null>(null);
  const selectId = useId();
  useEffect(() => {
    if (project === null && projects[0]) setProject(projects[0].key);
  }, [project, projects]);
  const load = useCallback(() => {
    if (project === null) return;
    setLoaded(null);
    void call('getQueue', { projectKey: project }).then(setLoaded);
  }, [project]);
  useEffect(load, [load]);

  const left = (r: QueueRow): string => {
    const u = r.mostUrgent;
    if (!u) return '—';
    if (u.stopped === true) return t('queue.stoppedLate');
    if (u.state === 'paused') return t('queue.paused', { left: formatMinutes(Math.max(0, u.remainingMinutes), host.locale) });
    return u.remainingMinutes >= 0
      ? t('queue.left', { left: formatMinutes(u.remainingMinutes, host.locale) })
      : t('queue.overdue', { overdue: formatMinutes(-u.remainingMinutes, host.locale) });
  };

  return (
    <section className="queue" aria-label={t('queue.title')}>
      {initialProject === null ? (
        <p>
          <label htmlFor={selectId}>{t('queue.project')} </label>
          <select id={selectId} value={project ?? ''} onChange={(e) => setProject(e.target.value)}>
            {projects.map((p) => (
              <option key={p.key} value={p.key}>
                {p.name} ({p.key})
              </option>
            ))}
          </select>{' '}
          <button type="button" className="button" onClick={load}>
            {t('queue.refresh')}
          </button>
        </p>
      ) : (
        <p>
          <button type="button" className="button" onClick={load}>
            {t('queue.refresh')}
          </button>
        </p>
      )}
      {project === null ? <Message>{t('queue.noProject')}</Message> : null}
      {project !== null && loaded === null ? <p role="status">{t('reports.loading')}</p> : null}
      {loaded && !loaded.ok ? (
        <Message tone="error" role="alert">
          {t('reports.loadFailed', { message: loaded.error.message })}
        </Message>
      ) : null}
      {loaded?.ok && loaded.data.length === 0 ? <Message>{t('queue.empty')}</Message> : null}
      {loaded?.ok && loaded.data.length > 0 ? (
        <div className="table-wrap">
          <table className="drill__table queue__table">
            <caption className="visually-hidden">{t('queue.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('drill.key')}</th>
                <th scope="col">{t('queue.summary')}</th>
                <th scope="col">{t('queue.status')}</th>
                <th scope="col">{t('group.package')}</th>
                <th scope="col">{t('group.priority')}</th>
                <th scope="col">{t('queue.clock')}</th>
                <th scope="col">{t('queue.due')}</th>
                <th scope="col">{t('queue.timeLeft')}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.data.map((r) => (
                <tr key={r.issueKey} data-state={r.mostUrgent?.state ?? 'none'}>
                  <td>
                    <IssueLink issueKey={r.issueKey} />
                  </td>
                  <td className="queue__summary">{r.summary}</td>
                  <td>{r.status}</td>
                  <td>{r.package === null ? '—' : (r.packageName?.[host.lang] ?? names?.package[r.package]?.[host.lang] ?? r.package)}</td>
                  <td>{r.priority === null ? '—' : (r.priorityName?.[host.lang] ?? names?.priority[r.priority]?.[host.lang] ?? r.priority)}</td>
                  <td>
                    {r.mostUrgent ? (
                      <>
                        {t(`clock.${r.mostUrgent.kind}`)} <Lozenge tone={STATE_TONE[r.mostUrgent.state]}>{t(`queue.state.${r.mostUrgent.state}`)}</Lozenge>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{r.mostUrgent?.due ? formatInstant(r.mostUrgent.due, { locale: host.locale, userZone: host.timeZone, nowMs: Date.now() }) : '—'}</td>
                  <td className={r.mostUrgent && r.mostUrgent.remainingMinutes < 0 ? 'bad' : undefined}>{left(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
