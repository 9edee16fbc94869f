// The one Jira HTTP client every adapter call goes through. Retries 429 and 5xx (and transport
// failures) honouring Retry-After, else with full-jitter exponential backoff, within a per-client
// retry budget; never retries another 4xx. A non-idempotent call (a comment, an e-mail, a
// transition) is retried only after a 429 (Jira refused it before doing anything): a 5xx or a lost
// connection may come after Jira applied it, so it throws AmbiguousWriteError and the caller
// decides (check for the effect, or do not repeat). Responses are parsed with zod, so the rest of the app
// only sees typed values or a typed error.

import type { z } from 'zod/v3';
import { AmbiguousWriteError, RefusedError, UpstreamError } from '../../app/errors';

/** What `route\`…\`` from @forge/api produces; tests pass `{ value: '/rest/…' }`. */
export interface RouteLike {
  readonly value: string;
}

/** The part of a fetch Response the client reads (@forge/api's APIResponse and WHATWG Response both fit). */
export interface HttpResponse {
  ok: boolean;
  status: number;
  text(): Promise<string>;
  headers: { get(name: string): string | null };
}

export type JiraFetch = (route: RouteLike, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<HttpResponse>;

export interface RetryPolicy {
  /** Attempts per request, the first one included. */
  maxAttempts: number;
  /** Total time this client may spend waiting between retries, across all its requests. */
  budgetMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const defaultRetryPolicy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  maxAttempts: 6,
  budgetMs: 20_000,
  baseDelayMs: 400,
  maxDelayMs: 15_000,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ...overrides,
});

/** A 4xx (other than 429) Jira answered: a fact about the request, never retried. */
export class JiraClientError extends RefusedError {
  readonly method: string;
  readonly path: string;
  readonly body: string;
  constructor(method: string, path: string, status: number, body: string) {
    super(`Jira answered ${status} to ${method} ${path.split('?')[0]}: ${body.slice(0, 300)}`, status);
    this.name = 'JiraClientError';
    this.method = method;
    this.path = path;
    this.body = body;
  }
}

function isRetryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Retry-After is seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null;
}

export interface JiraRequest<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  route: RouteLike;
  body?: unknown;
  /** Parses a 2xx JSON body; omit for 204 answers. */
  schema?: z.ZodType<T, z.ZodTypeDef, unknown>;
  /** Statuses (besides 2xx) to hand back as `null` instead of throwing, e.g. 404. */
  allow?: readonly number[];
  /** Called with the headers of an answer handed back through `allow` (e.g. a 303's Location). */
  onAllowed?: (status: number, headers: { get(name: string): string | null }) => void;
  /**
   * Whether repeating the call after an unknown outcome is harmless. Default: true for GET, PUT and
   * DELETE, false for POST (reads and set-to-value writes sent as POST say `idempotent: true`).
   */
  idempotent?: boolean;
}

export interface CallRecord {
  method: string;
  path: string;
  status: number | 'error';
}

export class JiraHttp {
  private spentWaitingMs = 0;
  /** Every attempt made, for logs and tests (the bench counts the emulator's side). */
  readonly calls: CallRecord[] = [];

  constructor(
    private readonly fetchJira: JiraFetch,
    private readonly policy: RetryPolicy,
    private readonly nowMs: () => number = Date.now,
  ) {}

  async request<T>(req: JiraRequest<T>): Promise<T | null> {
    const path = req.route.value;
    const headers: Record<string, string> = { Accept: 'application/json' };
    const init: { method: string; headers: Record<string, string>; body?: string } = { method: req.method, headers };
    if (req.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(req.body);
    }
    const idempotent = req.idempotent ?? req.method !== 'POST';
    let lastStatus: number | null = null;
    let lastRetryAfter: number | null = null;
    for (let attempt = 1; ; attempt++) {
      let res: HttpResponse | null = null;
      try {
        res = await this.fetchJira(req.route, init);
      } catch (e) {
        // Transport or proxy failure: as transient as a 5xx.
        this.calls.push({ method: req.method, path, status: 'error' });
        if (!idempotent) throw new AmbiguousWriteError(`${req.method} ${path.split('?')[0]}: connection lost, outcome unknown (${e instanceof Error ? e.message : String(e)})`, null);
        lastStatus = null;
        lastRetryAfter = null;
        if (!(await this.backoff(attempt, null))) {
          throw new UpstreamError(`Jira unreachable for ${req.method} ${path.split('?')[0]}: ${e instanceof Error ? e.message : String(e)}`, null);
        }
        continue;
      }
      this.calls.push({ method: req.method, path, status: res.status });
      if (res.ok) return this.parse(req, res, path);
      if (req.allow?.includes(res.status)) {
        req.onAllowed?.(res.status, res.headers);
        await res.text().catch(() => '');
        return null;
      }
      const text = await res.text().catch(() => '');
      if (!isRetryable(res.status)) throw new JiraClientError(req.method, path, res.status, text);
      if (!idempotent && res.status !== 429) throw new AmbiguousWriteError(`Jira answered ${res.status} to ${req.method} ${path.split('?')[0]}: outcome unknown`, res.status);
      lastStatus = res.status;
      const wait = retryAfterMs(res.headers.get('Retry-After'), this.nowMs());
      lastRetryAfter = wait === null ? null : Math.ceil(wait / 1000);
      if (!(await this.backoff(attempt, wait))) {
        throw new UpstreamError(
          `Jira kept answering ${lastStatus} to ${req.method} ${path.split('?')[0]} (${attempt} attempts)`,
          lastStatus,
          lastRetryAfter,
        );
      }
    }
  }

  /** Waits `ms` out of the same budget as retries (polling an async task); false when the budget is spent. */
  async pause(ms: number): Promise<boolean> {
    if (this.spentWaitingMs + ms > this.policy.budgetMs) return false;
    this.spentWaitingMs += ms;
    await this.policy.sleep(ms);
    return true;
  }

  /** Waits before the next attempt; false when attempts or the budget are exhausted. */
  private async backoff(attempt: number, retryAfter: number | null): Promise<boolean> {
    if (attempt >= this.policy.maxAttempts) return false;
    const exp = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1));
    // Full jitter spreads concurrent clients; Retry-After is a floor the server asked for.
    const jittered = Math.round(exp * (0.5 + this.policy.random() / 2));
    const delay = retryAfter === null ? jittered : Math.max(retryAfter, Math.round(retryAfter + this.policy.random() * this.policy.baseDelayMs));
    if (this.spentWaitingMs + delay > this.policy.budgetMs) return false;
    this.spentWaitingMs += delay;
    await this.policy.sleep(delay);
    return true;
  }

  private async parse<T>(req: JiraRequest<T>, res: HttpResponse, path: string): Promise<T | null> {
    if (!req.schema) {
      await res.text().catch(() => '');
      return null;
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      throw new UpstreamError(`Jira answered ${req.method} ${path.split('?')[0]} with a body that is not JSON`, res.status);
    }
    const parsed = req.schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unknown';
      throw new UpstreamError(`Jira's answer to ${req.method} ${path.split('?')[0]} has an unexpected shape at ${where}`, res.status);
    }
    return parsed.data;
  }

  /**
   * The adapter's entry point, named like @forge/api's requestJira and called with a literal
   * route\`…\` and an options object holding a literal `method`, so @forge/lint's permission
   * check sees every Jira endpoint the app calls and the scope it needs.
   * With a schema and no `allow`, the answer must have a body; otherwise null stands for
   * "no body" or an allowed status.
   */
  requestJira<T>(route: RouteLike, opts: Omit<JiraRequest<T>, 'route' | 'allow' | 'schema'> & { schema: z.ZodType<T, z.ZodTypeDef, unknown> }): Promise<T>;
  requestJira<T>(route: RouteLike, opts: Omit<JiraRequest<T>, 'route'>): Promise<T | null>;
  async requestJira<T>(route: RouteLike, opts: Omit<JiraRequest<T>, 'route'>): Promise<T | null> {
    if (opts.schema && !opts.allow) return this.json({ ...opts, schema: opts.schema, route });
    return this.request({ ...opts, route });
  }

  /** Like request, for calls whose 2xx answer must have a body. */
  async json<T>(req: JiraRequest<T> & { schema: z.ZodType<T, z.ZodTypeDef, unknown> }): Promise<T> {
    const out = await this.request(req);
    if (out === null) throw new UpstreamError(`Jira answered ${req.method} ${req.route.value.split('?')[0]} without a body`, null);
    return out;
  }
}
