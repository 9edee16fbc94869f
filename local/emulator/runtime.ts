// `global.__forge_runtime__` as the Forge SDK reads it (FORGE.md §4.3), with a per-invocation
// context (module key, invoking user, deadline) carried by AsyncLocalStorage so concurrent
// invocations (two sweeps at once, a resolver during a queue drain) stay apart.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { appUuid, ENV_ID } from './manifest';

export interface Invocation {
  invocationId: string;
  moduleKey: string;
  accountId?: string;
  deadline: number; // performance.now() based
}

export const invocations = new AsyncLocalStorage<Invocation>();

/** Runs `fn` as one Forge invocation of `moduleKey` with the platform's time limit. */
export function runInvocation<T>(moduleKey: string, timeoutMs: number, accountId: string | undefined, fn: () => Promise<T>): Promise<T> {
  const inv: Invocation = { invocationId: randomUUID(), moduleKey, deadline: performance.now() + timeoutMs, ...(accountId ? { accountId } : {}) };
  return invocations.run(inv, fn);
}

export interface RuntimeOptions {
  appId: string;
  scopes: string[];
  licensed: () => boolean;
}

export function createRuntime(opts: RuntimeOptions): Record<string, unknown> {
  const noop = { incr() {}, decr() {} };
  return {
    get appContext() {
      const inv = invocations.getStore();
      return {
        appId: appUuid(opts.appId),
        appVersion: '1.0.0',
        environmentId: ENV_ID,
        environmentType: 'DEVELOPMENT',
        invocationId: inv?.invocationId ?? 'local-outside-invocation',
        installationId: 'local-installation',
        moduleKey: inv?.moduleKey ?? 'local',
        license: { active: opts.licensed() },
        installation: { id: 'local-installation' },
        permissions: { scopes: opts.scopes, external: {} },
      };
    },
    get lambdaContext() {
      const inv = invocations.getStore();
      return { getRemainingTimeInMillis: () => (inv ? Math.max(0, Math.round(inv.deadline - performance.now())) : 25_000) };
    },
    metrics: {
      counter: () => noop,
      timing: () => ({ measure: () => ({ stop() {} }) }),
      gauge: () => ({ set() {} }),
    },
    proxy: { token: 'local-proxy-token' },
  };
}
