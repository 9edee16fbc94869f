import { useCallback, useEffect, useRef, useState } from 'react';
import type { Envelope, IssueSlaView } from '../../../src/shared/contract';
import { call } from '../../shared/api';
import { onIssueChanged } from '../../shared/host';
import { parseSegments, type Segment } from '../../shared/ticker';

export interface Loaded {
  view: IssueSlaView;
  segments: Segment[][];
  /** Server now minus browser now when the view arrived: corrects skew and simulated time. */
  skewMs: number;
  serverNowMs: number;
}

export type SlaState = { phase: 'loading' } | { phase: 'error'; envelope: Extract<Envelope<unknown>, { ok: false }> } | { phase: 'ready'; data: Loaded; refreshing: boolean };

export type SlaAnswer = Promise<Envelope<IssueSlaView>>;

/**
 * The issue's SLA view, reloaded on JIRA_ISSUE_CHANGED and on demand. `firstLoad` is a request
 * already in flight (started before React), used for the first render instead of a new call.
 */
export function useIssueSla(issueKey: string | null, firstLoad?: SlaAnswer): { state: SlaState; reload: () => void } {
  const [state, setState] = useState<SlaState>({ phase: 'loading' });
  const inFlight = useRef(0);
  const pending = useRef<SlaAnswer | undefined>(firstLoad);

  const reload = useCallback(() => {
    const ticket = ++inFlight.current;
    setState((s) => (s.phase === 'ready' ? { ...s, refreshing: true } : s));
    const answer = pending.current ?? call('getIssueSla', issueKey ? { issueKey } : {});
    pending.current = undefined;
    void answer.then((env) => {
      // A slower older answer must not overwrite a newer one.
      if (ticket !== inFlight.current) return;
      if (performance.getEntriesByName('reglament:data').length === 0) performance.mark('reglament:data');
      if (!env.ok) {
        setState({ phase: 'error', envelope: env });
        return;
      }
      const serverNowMs = Date.parse(env.data.now);
      const browserNow = Date.now();
      const known = Number.isFinite(serverNowMs);
      setState({
        phase: 'ready',
        refreshing: false,
        data: {
          view: env.data,
          segments: env.data.clocks.map((c) => parseSegments(c.workingSegmentsAhead)),
          skewMs: known ? serverNowMs - browserNow : 0,
          serverNowMs: known ? serverNowMs : browserNow,
        },
      });
    });
  }, [issueKey]);

  useEffect(() => {
    reload();
    return onIssueChanged(reload);
  }, [reload]);

  return { state, reload };
}

/** Re-renders every `periodMs` with the current browser time. */
export function useNow(periodMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), periodMs);
    return () => window.clearInterval(id);
  }, [periodMs]);
  return now;
}
