// What the report's numbers share: the translator type, the drill-down target, percent and
// working-minute formats, and a number that lists the requests behind it when selected.
import type { DrillQuery } from '../../../src/domain/report';
import { formatMinutes } from '../../shared/format';
import type { Translate } from '../../shared/i18n';
import type { ReportsKey } from './messages';

export type T = Translate<ReportsKey>;

export interface Drill {
  readonly query: DrillQuery;
  readonly what: string;
}

export function percent(v: number | null, locale: string): string {
  return v === null ? '—' : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v)}%`;
}

export function minutes(v: number | null, locale: string): string {
  return v === null ? '—' : formatMinutes(v, locale, { display: 'narrow' });
}

/** A report number that lists the requests behind it when selected. */
export function Num({ value, onDrill, label }: { value: number; onDrill: () => void; label: string }) {
  if (value === 0) return <span className="num num--zero">0</span>;
  return (
    <button type="button" className="num button--link" onClick={onDrill} aria-label={label}>
      {value}
    </button>
  );
}

