// The headline numbers: requests, met percent per clock with median and p90, paused time.
import type { ReportView } from '../../../src/shared/contract';
import { clocksInUse } from './model';
import { minutes, percent, type T } from './report-parts';

export function Kpis({ view, t, locale }: { view: ReportView; t: T; locale: string }) {
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

