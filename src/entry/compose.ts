// Composition root for the Forge runtime: the only place that wires the concrete adapters
// (requestJira as app or as the invoking user, @forge/kvs, @forge/events) to the use cases.
// The local host reaches the same code through the same globals, so nothing here knows it.

import api, { getAppContext } from '@forge/api';
import { currentClock, type Clock } from '../app/clock';
import type { RecomputeEvent } from '../app/full-recompute';
import type { JiraPort, KeyValueStore, Logger, QueuePort } from '../app/ports';
import { APP_UUID, fieldDirectory, type AppFieldIds } from '../adapters/forge/field-directory';
import { forgeQueue, RECOMPUTE_QUEUE } from '../adapters/forge/forge-queue';
import { ForgeJiraAdapter } from '../adapters/forge/jira-adapter';
import { defaultRetryPolicy, JiraHttp, type JiraFetch } from '../adapters/forge/jira-http';
import { forgeKvsStore } from '../adapters/forge/kvs-store';

export interface Deps {
  jira: JiraPort;
  /** Jira ids of the app's custom fields (cached in KVS). */
  fieldIds: () => Promise<AppFieldIds>;
  store: KeyValueStore;
  queue: QueuePort<RecomputeEvent>;
  clock: Clock;
  log: Logger;
}

export interface UserDeps extends Deps {
  /** Reads as the invoking user: Jira enforces their permissions (BROWSE, ADMINISTER). */
  userJira: JiraPort;
}

export const consoleLogger: Logger = {
  info: (m, d) => console.log(m, d ? JSON.stringify(d) : ''),
  warn: (m, d) => console.warn(m, d ? JSON.stringify(d) : ''),
  error: (m, d) => console.error(m, d ? JSON.stringify(d) : ''),
};

/**
 * Waits between retries are real time. REGLAMENT_RETRY_DELAY_SCALE (tests only) shrinks them so a
 * fault-injection run does not sleep through every Retry-After second.
 */
function sleeper(): (ms: number) => Promise<void> {
  const scale = Number(process.env.REGLAMENT_RETRY_DELAY_SCALE ?? '1');
  const k = Number.isFinite(scale) && scale >= 0 ? scale : 1;
  return (ms) => new Promise((resolve) => setTimeout(resolve, Math.round(ms * k)));
}

/**
 * Resolvers answer a person (25 s, fail fast); product triggers also have 25 s but nobody waits,
 * so they retry harder; the sweep and the worker may take minutes.
 */
export type Budget = 'ui' | 'trigger' | 'async';

const POLICIES: Record<Budget, { budgetMs: number; maxAttempts: number }> = {
  ui: { budgetMs: 8_000, maxAttempts: 4 },
  trigger: { budgetMs: 15_000, maxAttempts: 7 },
  async: { budgetMs: 120_000, maxAttempts: 8 },
};

function http(fetchJira: JiraFetch, budget: Budget, clock: Clock): JiraHttp {
  return new JiraHttp(fetchJira, defaultRetryPolicy({ ...POLICIES[budget], sleep: sleeper() }), () => clock.now());
}

const asApp: JiraFetch = (route, init) => api.asApp().requestJira(route as Parameters<ReturnType<typeof api.asApp>['requestJira']>[0], init);
const asUser: JiraFetch = (route, init) => api.asUser().requestJira(route as Parameters<ReturnType<typeof api.asUser>['requestJira']>[0], init);

export function forgeDeps(budget: Budget): Deps {
  const clock = currentClock();
  const appHttp = http(asApp, budget, clock);
  const fields = fieldDirectory(appHttp, forgeKvsStore, APP_UUID, currentEnvironmentId);
  return {
    jira: new ForgeJiraAdapter(appHttp, fields),
    fieldIds: fields,
    store: forgeKvsStore,
    queue: forgeQueue<RecomputeEvent>(RECOMPUTE_QUEUE),
    clock,
    log: consoleLogger,
  };
}

export function forgeUserDeps(budget: Budget = 'ui'): UserDeps {
  const deps = forgeDeps(budget);
  const clock = deps.clock;
  // Field ids come from the app's view (cached in KVS): a user may not see every field definition.
  return { ...deps, userJira: new ForgeJiraAdapter(http(asUser, budget, clock), deps.fieldIds) };
}

/** This environment's id (getAppContext().environmentAri), null outside a Forge invocation. */
function currentEnvironmentId(): string | null {
  try {
    return getAppContext().environmentAri.environmentId || null;
  } catch {
    return null;
  }
}

/** Licensing: Marketplace sites without an active licence get no recomputes (development has none). */
// Forge's License has `active`; `isActive` is deprecated and read only when `active` is absent.
function activeOf(license: unknown): boolean | undefined {
  const l = license as { active?: unknown; isActive?: unknown } | null | undefined;
  const v = l?.active ?? l?.isActive;
  return typeof v === 'boolean' ? v : undefined;
}

export function isUnlicensed(context: unknown): boolean {
  const fromContext = activeOf((context as { license?: unknown } | null | undefined)?.license);
  if (fromContext === false) return true;
  if (fromContext === true) return false;
  try {
    return activeOf(getAppContext().license) === false;
  } catch {
    return false;
  }
}
