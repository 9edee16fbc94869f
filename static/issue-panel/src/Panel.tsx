import { useEffect, useMemo, useRef, useState } from 'react';
import type { HistoryEntry, IssueSlaView, PackageView } from '../../../src/shared/contract';
import { formatDate } from '../../shared/format';
import { historyDetail } from './history-words';
import type { HostContext } from '../../shared/host';
import { warningMessage } from '../../shared/i18n';
import { mostUrgent, tickClock, type Tick } from '../../shared/ticker';
import { Lozenge, Message, STATE_TONE } from '../../shared/ui';
import { panelWarnings } from '../../shared/warnings';
import { AgreeForm } from './AgreeForm';
import { ClockRow, clockName } from './ClockRow';
import { FmtContext, makeFmt, useFmt, type Fmt } from './format-context';
import { useIssueSla, useNow, type Loaded, type SlaAnswer, type SlaState } from './use-issue-sla';

const HISTORY_SHORT = 6;

function computeTicks(data: Loaded, browserNowMs: number): Tick[] {
  const nowMs = browserNowMs + data.skewMs;
  return data.view.clocks.map((clock, i) =>
    tickClock(clock, data.segments[i] ?? [], {
      serverNowMs: data.serverNowMs,
      nowMs,
      ...(clock.atRiskRemainingMinutes !== undefined ? { atRiskRemainingMs: clock.atRiskRemainingMinutes * 60_000 } : {}),
    }),
  );
}

/** Ask the server again once per view when the browser's tick says something changed that only it can explain. */
function useRefreshOnBoundary(data: Loaded | null, ticks: Tick[], reload: () => void): void {
  const asked = useRef<Loaded | null>(null);
  const crossed = data !== null && ticks.some((tk, i) => tk.beyondSegments || (tk.state === 'breached' && data.view.clocks[i]?.state !== 'breached'));
  useEffect(() => {
    if (crossed && data && asked.current !== data) {
      asked.current = data;
      reload();
    }
  }, [crossed, data, reload]);
}

function StatusMessage({ state, onRetry, compact = false }: { state: SlaState; onRetry: () => void; compact?: boolean }) {
  const { t } = useFmt();
  if (state.phase === 'loading') return <p className="subtle" role="status">{t('status.loading')}</p>;
  if (state.phase !== 'error') return null;
  const { code, message } = state.envelope.error;
  const text =
    code === 'NOT_CONFIGURED' ? t('status.notConfigured')
    : code === 'UNLICENSED' ? t('status.unlicensed')
    : code === 'FORBIDDEN' ? t('status.forbidden')
    : code === 'NOT_FOUND' ? t('status.notFound')
    // The resolver's message is for logs (English, REST routes); a person reads what happened in words.
    : code === 'UPSTREAM' ? t('status.upstream')
    : t('status.failed');
  const recoverable = code !== 'FORBIDDEN' && code !== 'UNLICENSED' && code !== 'NOT_CONFIGURED';
  if (compact && recoverable) {
    // The context badge has room for a few characters: a short label, the detail on hover and for
    // screen readers; the full panel keeps the whole sentence.
    return (
      <div className="badge-row" data-badge={t('badge.error')} role="status">
        <span className="lozenge lozenge--danger" data-error-code={code} title={text} aria-describedby="badge-error-detail">
          {t('badge.error')}
        </span>
        <span id="badge-error-detail" className="visually-hidden">
          {text}
        </span>
        <button type="button" className="button button--link" onClick={onRetry}>
          {t('status.retry')}
        </button>
      </div>
    );
  }
  return (
    <Message tone={recoverable ? 'error' : 'info'} role="status">
      <p data-error-code={code} data-error-detail={message}>{text}</p>
      {recoverable ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('status.retry')}
        </button>
      ) : null}
    </Message>
  );
}

function PackageBlock({ pkg }: { pkg: PackageView }) {
  const fmt = useFmt();
  const { t } = fmt;
  const date = (d: string) => formatDate(d, fmt.locale, fmt.timeZone);
  const channels = pkg.channelsLocalized?.map((x) => x[fmt.lang]) ?? pkg.channels;
  const extras = pkg.extrasLocalized?.map((x) => x[fmt.lang]) ?? pkg.extras;
  let validity: string;
  if (pkg.expired && pkg.validTo) validity = t('package.expiredOn', { date: date(pkg.validTo) });
  else if (pkg.validFrom && pkg.validTo) validity = t('package.validity', { from: date(pkg.validFrom), to: date(pkg.validTo) });
  else if (pkg.validTo) validity = t('package.validUntil', { date: date(pkg.validTo) });
  else if (pkg.validFrom) validity = `${t('package.validFrom', { date: date(pkg.validFrom) })}, ${t('package.unlimited')}`;
  else validity = t('package.unlimited');
  // The customer's own package did not hold when the request came in: say which one and since when,
  // next to the package that applies instead (whose own validity follows).
  const gone = pkg.lapsed;
  const lapsed = gone
    ? gone.expired && gone.validTo
      ? t('package.lapsedExpired', { name: gone.name[fmt.lang], date: formatDate(gone.validTo, fmt.locale, fmt.timeZone, 'numeric'), current: pkg.name[fmt.lang] })
      : !gone.expired && gone.validFrom
        ? t('package.lapsedNotStarted', { name: gone.name[fmt.lang], date: formatDate(gone.validFrom, fmt.locale, fmt.timeZone, 'numeric'), current: pkg.name[fmt.lang] })
        : null
    : null;
  return (
    <section className="facts__item" aria-labelledby="pkg-title">
      <h3 id="pkg-title">{t('package.title')}</h3>
      <p className="facts__name">
        <strong>{pkg.name[fmt.lang]}</strong> {pkg.expired ? <Lozenge tone="danger">{t('package.expired')}</Lozenge> : null}
      </p>
      {lapsed ? (
        <p className="package-lapsed" data-lapsed={pkg.lapsed?.id}>
          {lapsed}
        </p>
      ) : null}
      <p className="subtle">{validity}</p>
      {channels.length > 0 ? (
        <p>
          <span className="subtle">{t('package.channels')}: </span>
          {channels.join(', ')}
        </p>
      ) : null}
      {extras.length > 0 ? (
        <p>
          <span className="subtle">{t('package.extras')}: </span>
          {extras.join('; ')}
        </p>
      ) : null}
      {pkg.fallback && !lapsed ? <p className="subtle">{t('package.fallback')}</p> : null}
      {/* The field reads "None" until support classifies the request; say what applies meanwhile. */}
      {pkg.source === 'default' && !pkg.fallback && !lapsed ? <p className="subtle" data-source="default">{t('package.byDefault')}</p> : null}
      {pkg.source === 'customer' ? <p className="subtle" data-source="customer">{t('package.byCustomer')}</p> : null}
    </section>
  );
}

const KNOWN_WHAT = new Set(['started', 'paused', 'resumed', 'stopped', 'met', 'breached', 'goalChanged', 'resolved', 'reopened', 'closed', 'scheduled', 'cancelled', 'agreed']);

function historyLine(entry: HistoryEntry, fmt: Fmt): string {
  const { t } = fmt;
  const who = t(`history.clock.${entry.clock}`);
  const what = KNOWN_WHAT.has(entry.what) ? t(`history.what.${entry.what}` as Parameters<Fmt['t']>[0]) : entry.what;
  return `${who}: ${what}${entry.detail ? ` (${historyDetail(entry.detail, t, fmt.locale)})` : ''}`;
}

function History({ entries }: { entries: HistoryEntry[] }) {
  const fmt = useFmt();
  const [all, setAll] = useState(false);
  if (entries.length === 0) return null;
  const sorted = [...entries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const shown = all ? sorted : sorted.slice(0, HISTORY_SHORT);
  return (
    <section className="history" aria-labelledby="history-title">
      <h3 id="history-title">{fmt.t('history.title')}</h3>
      <ol className="history__list">
        {shown.map((e, i) => (
          <li key={`${e.at}-${e.clock}-${e.what}-${i}`}>
            <time dateTime={e.at} className="subtle">
              {fmt.when(e.at)}
            </time>{' '}
            {historyLine(e, fmt)}
          </li>
        ))}
      </ol>
      {sorted.length > HISTORY_SHORT ? (
        <button type="button" className="button button--link" aria-expanded={all} onClick={() => setAll((v) => !v)}>
          {all ? fmt.t('history.showLess') : fmt.t('history.showAll', { count: sorted.length })}
        </button>
      ) : null}
    </section>
  );
}

function FullPanel({ view, ticks, reload }: { view: IssueSlaView; ticks: Tick[]; reload: () => void }) {
  const fmt = useFmt();
  const { t } = fmt;
  const warnings = panelWarnings(view);
  return (
    <>
      {view.clocks.length === 0 ? (
        <Message>
          <p>{t('status.noClocks')}</p>
        </Message>
      ) : (
        <ul className="clocks" aria-label={t('panel.heading')}>
          {view.clocks.map((c, i) => {
            const tick = ticks[i];
            return tick ? <ClockRow key={`${c.kind}-${i}`} clock={c} tick={tick} /> : null;
          })}
        </ul>
      )}
      <AgreeForm view={view} onSaved={reload} />
      {view.autoClose ? <p className="autoclose">{t('autoClose.at', { when: fmt.when(view.autoClose.at) })}</p> : null}
      {warnings.length > 0 ? (
        <Message tone="warning">
          <h3>{t('warnings.title')}</h3>
          <ul className="warnings">
            {warnings.map((w, i) => (
              <li key={`${i}-${w.text}`}>{warningMessage(w, fmt.lang, (iso) => fmt.when(iso))}</li>
            ))}
          </ul>
        </Message>
      ) : null}
      <div className="facts">
        {view.package ? <PackageBlock pkg={view.package} /> : <p className="subtle">{t('package.none')}</p>}
        {view.priority ? (
          <section className="facts__item" aria-labelledby="prio-title">
            <h3 id="prio-title">{t('priority.title')}</h3>
            <p className="facts__name">
              <strong>{view.priority.name[fmt.lang]}</strong>
            </p>
            <p className="subtle">{view.priority.definition[fmt.lang]}</p>
            {view.priority.source === 'default' ? <p className="subtle" data-source="default">{t('priority.byDefault')}</p> : null}
          </section>
        ) : (
          <p className="subtle">{t('priority.none')}</p>
        )}
      </div>
      <History entries={view.history} />
      <p className="subtlest calendar-line">{t('panel.calendar', { name: view.calendar.names?.[fmt.lang] ?? view.calendar.name, zone: view.calendar.timezone })}</p>
    </>
  );
}

/** The issue-context badge: the most urgent clock in a few characters ("1h 20m"). */
export function badgeText(ticks: Tick[], view: IssueSlaView, fmt: Fmt): { text: string; tick: Tick | null } {
  const urgent = mostUrgent(ticks);
  if (!urgent) return { text: ticks.length > 0 ? fmt.t('badge.met') : fmt.t('badge.none'), tick: null };
  if (urgent.pause === 'customerWait') return { text: fmt.t('badge.paused'), tick: urgent };
  const clock = view.clocks[ticks.indexOf(urgent)];
  const text = urgent.state === 'breached' ? fmt.t('badge.overdue', { duration: fmt.duration(urgent.overdueMs) }) : fmt.duration(urgent.remainingMs);
  return { text: clock && clock.stoppedAt ? fmt.t(`state.${urgent.state}`) : text, tick: urgent };
}

function ContextBadge({ view, ticks }: { view: IssueSlaView; ticks: Tick[] }) {
  const fmt = useFmt();
  const { text, tick } = badgeText(ticks, view, fmt);
  const clock = tick ? view.clocks[ticks.indexOf(tick)] : undefined;
  const tone = tick ? STATE_TONE[tick.state] : 'neutral';
  return (
    <div className="badge-row" data-badge={text}>
      <Lozenge tone={tone} bold={tick?.state === 'breached'}>
        {text}
      </Lozenge>
      {clock ? <span className="subtle">{clockName(clock, fmt)}</span> : null}
    </div>
  );
}

export function Panel({ host, firstLoad }: { host: HostContext; firstLoad?: SlaAnswer }) {
  const compact = host.extensionType === 'jira:issueContext' || host.moduleKey.includes('context');
  const { state, reload } = useIssueSla(host.issueKey, firstLoad);
  const browserNow = useNow(1000);
  const data = state.phase === 'ready' ? state.data : null;
  const nowMs = browserNow + (data?.skewMs ?? 0);
  const ticks = useMemo(() => (data ? computeTicks(data, browserNow) : []), [data, browserNow]);
  useRefreshOnBoundary(data, ticks, reload);
  const fmt = useMemo(
    () => makeFmt(host.lang, host.locale, host.timeZone, data?.view.calendar.timezone, nowMs),
    // Recomputed once a minute, not every tick: the minute is enough for "omit the current year".
    [host, data?.view.calendar.timezone, Math.floor(nowMs / 60_000)],
  );

  let body;
  if (!data) body = <StatusMessage state={state} onRetry={reload} compact={compact} />;
  else if (!data.view.licensed) body = <StatusMessage state={{ phase: 'error', envelope: { ok: false, error: { code: 'UNLICENSED', message: '' } } }} onRetry={reload} />;
  else if (!data.view.configured) body = <StatusMessage state={{ phase: 'error', envelope: { ok: false, error: { code: 'NOT_CONFIGURED', message: '' } } }} onRetry={reload} />;
  else if (compact) body = <ContextBadge view={data.view} ticks={ticks} />;
  else body = <FullPanel view={data.view} ticks={ticks} reload={reload} />;

  return (
    <FmtContext.Provider value={fmt}>
      <main className={compact ? 'panel panel--compact' : 'panel'} data-color-mode={host.colorMode} data-lang={host.lang}>
        {compact ? null : <h2 className="visually-hidden">{fmt.t('panel.heading')}</h2>}
        {body}
        {compact && data && data.view.clocks.length > 0 && data.view.licensed && data.view.configured ? (
          <ul className="clocks clocks--compact" aria-label={fmt.t('panel.heading')}>
            {data.view.clocks.map((c, i) => {
              const tick = ticks[i];
              return tick ? <ClockRow key={`${c.kind}-${i}`} clock={c} tick={tick} /> : null;
            })}
          </ul>
        ) : null}
        {state.phase === 'ready' && state.refreshing ? <span className="visually-hidden" role="status">{fmt.t('status.beyond')}</span> : null}
      </main>
    </FmtContext.Provider>
  );
}
