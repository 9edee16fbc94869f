// A fake of the Custom UI bridge (`window.__bridge`) for tests: it answers `invoke` from
// in-memory resolver functions typed by the contract, `getContext` from a given context, and
// lets a test fire frontend events such as JIRA_ISSUE_CHANGED. Install it before anything
// imports @forge/bridge (the bridge reads `__bridge` at import time). Not shipped in any bundle.
import type { Envelope, ResolverName } from '../../src/shared/contract';
import type { Req, Res } from './api';

export type DevResolvers = { [N in ResolverName]?: (payload: Req<N>) => Envelope<Res<N>> | Promise<Envelope<Res<N>>> };

export interface DevBridgeOptions {
  context: Record<string, unknown>;
  resolvers: DevResolvers;
}

export interface DevBridge {
  callBridge: (name: string, payload?: unknown) => Promise<unknown>;
  /** Every bridge call, in order. */
  calls: Array<{ name: string; payload: unknown }>;
  /** Values passed to `view.submit`. */
  submitted: unknown[];
  /** Delivers a frontend event to the app's `events.on` subscribers. */
  emit: (event: string, payload?: unknown) => void;
}

function rec(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

export function createDevBridge(opts: DevBridgeOptions): DevBridge {
  const listeners = new Map<string, Set<(payload: unknown) => unknown>>();
  const bridge: DevBridge = {
    calls: [],
    submitted: [],
    emit(event, payload) {
      for (const cb of listeners.get(event) ?? []) cb(payload);
    },
    async callBridge(name, payload) {
      bridge.calls.push({ name, payload });
      const p = rec(payload);
      switch (name) {
        case 'invoke': {
          const key = String(p.functionKey) as ResolverName;
          const fn = opts.resolvers[key] as ((payload: unknown) => unknown) | undefined;
          if (!fn) return { ok: false, error: { code: 'NOT_FOUND', message: `dev bridge: no resolver ${key}` } };
          return fn(p.payload ?? {});
        }
        case 'getContext':
          return structuredClone(opts.context);
        case 'on': {
          const event = String(p.event);
          const cb = p.callback as (payload: unknown) => unknown;
          const set = listeners.get(event) ?? new Set();
          set.add(cb);
          listeners.set(event, set);
          return { unsubscribe: () => set.delete(cb) };
        }
        case 'submit':
          bridge.submitted.push(payload);
          return true;
        case 'enableTheming':
        case 'emitReadyEvent':
        case 'close':
        case 'refresh':
          return true;
        default:
          throw new Error(`dev bridge: ${name} is not faked`);
      }
    },
  };
  return bridge;
}

/** Puts the fake where @forge/bridge looks for the host's bridge. */
export function installDevBridge(opts: DevBridgeOptions): DevBridge {
  const bridge = createDevBridge(opts);
  (globalThis as { __bridge?: { callBridge: DevBridge['callBridge'] } }).__bridge = { callBridge: bridge.callBridge };
  return bridge;
}
