// The compliance table by one dimension: per clock met, breached, open, percent, median and p90,
// each count a button that lists the requests behind it.
import type { DrillMeasure, ReportClockKind, ReportDimension } from '../../../src/domain/report';
import type { ReportGroupView, ReportView } from '../../../src/shared/contract';
import { clocksInUse, groupLabel, groupsOf, openCount } from './model';
import { minutes, Num, percent, type Drill, type T } from './report-parts';

export function GroupTable({ view, dimension, t, lang, locale, onDrill }: {
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

