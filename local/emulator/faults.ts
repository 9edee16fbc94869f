// Fault injection: a seeded share of Jira REST calls is answered 429 (with Retry-After) or 5xx,
// or delayed, before the emulator touches any data, so a failed write changes nothing; or, with
// `applied`, Jira does the work and the answer is lost (a 5xx after the write, or the connection
// drops): what a proxy timeout or a cut connection looks like to the caller.

export interface FaultOptions {
  /** Share of calls that fail, 0..1. */
  rate: number;
  /** Statuses to answer with; default [429, 500]. */
  statuses?: number[];
  /** When set, delaying a call (by this many real milliseconds) is one of the possible faults. */
  delayMs?: number;
  /** Seed of the deterministic random sequence; default 1. */
  seed?: number;
  /** Retry-After seconds sent with 429 and 503; default 1. */
  retryAfterSeconds?: number;
  /** Only calls with these HTTP methods are faulted (e.g. ['POST']); default all. */
  methods?: string[];
  /** Only calls whose path ends with one of these (e.g. ['/transitions']); default all. */
  paths?: string[];
  /**
   * Share (0..1) of the status faults that happen after Jira applied the call: the data changes,
   * the caller gets the status (a 429 is never applied: Jira refuses before doing anything).
   */
  applied?: number;
  /** With `applied`: the lost answer is a dropped connection (fetch throws) instead of the status. */
  drop?: boolean;
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'status'; status: number; retryAfterSeconds: number }
  | { kind: 'delay'; ms: number }
  /** Apply the call, then answer `status` (or drop the connection) instead of its answer. */
  | { kind: 'lost'; status: number; drop: boolean };

/** mulberry32: small, fast, good enough for reproducible fault patterns. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private random: () => number;
  private opts: FaultOptions | undefined;
  /** How many faults were injected, by kind, for tests and the host page. */
  readonly injected: Record<string, number> = {};

  constructor(opts?: FaultOptions) {
    this.opts = opts;
    this.random = seededRandom(opts?.seed ?? 1);
  }

  configure(opts: FaultOptions | undefined): void {
    if (opts && (opts.rate < 0 || opts.rate > 1)) throw new RangeError(`faults.rate must be within 0..1, got ${opts.rate}`);
    if (opts?.applied !== undefined && (opts.applied < 0 || opts.applied > 1)) throw new RangeError(`faults.applied must be within 0..1, got ${opts.applied}`);
    this.opts = opts;
    this.random = seededRandom(opts?.seed ?? 1);
  }

  get options(): FaultOptions | undefined {
    return this.opts;
  }

  decide(method = 'GET', path = ''): FaultDecision {
    const o = this.opts;
    if (!o || o.rate <= 0) return { kind: 'none' };
    if (o.methods && !o.methods.some((m) => m.toUpperCase() === method.toUpperCase())) return { kind: 'none' };
    if (o.paths && !o.paths.some((p) => path.split('?')[0]!.endsWith(p))) return { kind: 'none' };
    if (this.random() >= o.rate) return { kind: 'none' };
    const statuses = o.statuses ?? [429, 500];
    const kinds = statuses.length + (o.delayMs ? 1 : 0);
    const pick = Math.floor(this.random() * kinds);
    const d: FaultDecision =
      pick < statuses.length ? { kind: 'status', status: statuses[pick]!, retryAfterSeconds: o.retryAfterSeconds ?? 1 } : { kind: 'delay', ms: o.delayMs ?? 0 };
    if (d.kind === 'status' && d.status !== 429 && o.applied !== undefined && o.applied > 0 && this.random() < o.applied) {
      const lost: FaultDecision = { kind: 'lost', status: d.status, drop: o.drop === true };
      const key = o.drop ? 'applied-dropped' : `applied-${d.status}`;
      this.injected[key] = (this.injected[key] ?? 0) + 1;
      return lost;
    }
    const label = d.kind === 'status' ? String(d.status) : 'delay';
    this.injected[label] = (this.injected[label] ?? 0) + 1;
    return d;
  }
}

export function faultResponse(status: number, retryAfterSeconds: number): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (status === 429 || status === 503) headers['retry-after'] = String(retryAfterSeconds);
  if (status === 429) {
    headers['x-ratelimit-limit'] = '100';
    headers['x-ratelimit-remaining'] = '0';
    headers['ratelimit-reason'] = 'jira-burst-based';
  }
  const message = status === 429 ? 'Rate limit exceeded.' : 'Internal server error (injected by the emulator).';
  return new Response(JSON.stringify({ errorMessages: [message], errors: {} }), { status, headers });
}
