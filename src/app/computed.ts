// One request as the recompute computed it, and the steps that run on it once its fields are
// written. A leaf: the steps (acknowledge, sla-actions), the report rows and the orchestrator
// (recompute-issue) all import it, it imports none of them.

import type { ClockSet, SlaRequest } from '../domain/sla/types';
import type { ActiveConfig } from './config-store';
import type { IssueFacts } from './ports';
import type { StoredSla } from './stored-sla';

export interface Computed {
  facts: IssueFacts;
  active: ActiveConfig;
  request: SlaRequest;
  clocks: ClockSet;
  stored: StoredSla;
}

/**
 * Work done on each computed request after its fields and property are written (the customer
 * acknowledgement, the at-risk/breach actions and escalation ladder). A step may change `c.stored`
 * (acknowledged flag, a retry time); the batch writes such changes in one second call.
 */
export interface AfterComputeStep {
  /** Logged with the issue and the error when the step throws; the batch goes on and a later recompute retries. */
  readonly failure: string;
  run(c: Computed, nowMs: number): Promise<void>;
}
