// The three charts of a report: compliance by month (or week), breaches by priority (or package),
// and the distribution of reaction times against the goal.
import { useMemo } from 'react';
import { elapsedDistribution } from '../../../src/domain/report';
import type { ReportView } from '../../../src/shared/contract';
import { BarChart, Histogram, LineChart } from './charts';
import { breachDimension, breachesBy, clocksInUse, complianceSeries, monthLabel, rowsOf, weekLabel, weeklyComplianceSeries } from './model';
import { minutes, type T } from './report-parts';

export function ReportCharts({ view, rows, t, locale, lang }: { view: ReportView; rows: ReturnType<typeof rowsOf>; t: T; locale: string; lang: 'ru' | 'en' }) {
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
                // Names as the configuration gives them (cut to the bar's width, whole in the tooltip).
                label: b.key === '(none)' ? t('group.none') : (view.names[breachDim][b.key]?.[lang] ?? b.key),
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

