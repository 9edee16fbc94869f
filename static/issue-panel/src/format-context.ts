import { createContext, useContext } from 'react';
import type { Locale } from '../../../src/shared/contract';
import { formatDuration, formatGoal, formatInstant, formatMinutes } from '../../shared/format';
import { PANEL_MESSAGES, translator, type PanelKey, type Translate } from '../../shared/i18n';

export interface Fmt {
  lang: Locale;
  t: Translate<PanelKey>;
  /** Live countdown with seconds. */
  live: (ms: number) => string;
  /** Whole minutes. */
  duration: (ms: number) => string;
  minutes: (minutes: number) => string;
  /** A goal string in words ("4 working days"). */
  goal: (goal: string) => string;
  /** An instant in the viewer's zone, with the calendar's zone where it differs. */
  when: (iso: string | number, compact?: boolean) => string;
  locale: string;
  timeZone: string;
}

export function makeFmt(lang: Locale, locale: string, timeZone: string, calendarZone: string | undefined, nowMs: number): Fmt {
  return {
    lang,
    locale,
    timeZone,
    t: translator(PANEL_MESSAGES, lang),
    live: (ms) => formatDuration(ms, locale, { seconds: true }),
    duration: (ms) => formatDuration(ms, locale),
    minutes: (m) => formatMinutes(m, locale),
    goal: (g) => formatGoal(g, locale),
    when: (iso, compact) => formatInstant(iso, { locale, userZone: timeZone, ...(calendarZone ? { calendarZone } : {}), nowMs, ...(compact ? { compact } : {}) }),
  };
}

export const FmtContext = createContext<Fmt | null>(null);

export function useFmt(): Fmt {
  const fmt = useContext(FmtContext);
  if (!fmt) throw new Error('useFmt outside FmtContext');
  return fmt;
}
