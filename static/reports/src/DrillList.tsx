// The requests behind one number of the report, each linking to its issue.
import { useId, useMemo } from 'react';
import { drillDown } from '../../../src/domain/report';
import { formatInstant } from '../../shared/format';
import type { HostContext } from '../../shared/host';
import { IssueLink } from './IssueLink';
import { rowsOf } from './model';
import { minutes, type Drill, type T } from './report-parts';

const DRILL_LIMIT = 200;

export function DrillList({ drill, rows, t, host, onClose }: { drill: Drill; rows: ReturnType<typeof rowsOf>; t: T; host: HostContext; onClose: () => void }) {
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

