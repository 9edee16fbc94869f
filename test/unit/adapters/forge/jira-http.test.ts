import { z } from 'zod/v3';
import { AmbiguousWriteError, UpstreamError } from '../../../../src/app/errors';
import { defaultRetryPolicy, JiraClientError, JiraHttp, retryAfterMs, type HttpResponse, type JiraFetch } from '../../../../src/adapters/forge/jira-http';

interface Scripted {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function scripted(answers: Scripted[]): { fetch: JiraFetch; attempts: () => number } {
  let n = 0;
  const fetch: JiraFetch = async () => {
    const a = answers[Math.min(n, answers.length - 1)]!;
    n++;
    const res: HttpResponse = {
      ok: a.status >= 200 && a.status < 300,
      status: a.status,
      text: async () => (a.body === undefined ? '' : JSON.stringify(a.body)),
      headers: { get: (name: string) => a.headers?.[name.toLowerCase()] ?? a.headers?.[name] ?? null },
    };
    return res;
  };
  return { fetch, attempts: () => n };
}

function client(fetch: JiraFetch, overrides: Parameters<typeof defaultRetryPolicy>[0] = {}) {
  const waits: number[] = [];
  const http = new JiraHttp(
    fetch,
    defaultRetryPolicy({ random: () => 0.5, sleep: async (ms) => void waits.push(ms), ...overrides }),
    () => Date.parse('2026-03-02T07:00:00Z'),
  );
  return { http, waits };
}

const route = { value: '/rest/api/3/status' };
const schema = z.array(z.object({ id: z.string() }));

describe('JiraHttp retries', () => {
  it('waits at least the Retry-After seconds of a 429 and then returns the parsed answer', async () => {
    const s = scripted([{ status: 429, headers: { 'retry-after': '7' } }, { status: 200, body: [{ id: '1' }] }]);
    const { http, waits } = client(s.fetch);
    await expect(http.json({ method: 'GET', route, schema })).resolves.toEqual([{ id: '1' }]);
    expect(s.attempts()).toBe(2);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(7000);
  });

  it('retries 500, 502 and 503 with growing jittered backoff', async () => {
    const s = scripted([{ status: 500 }, { status: 502 }, { status: 503 }, { status: 200, body: [] }]);
    const { http, waits } = client(s.fetch, { baseDelayMs: 100 });
    await expect(http.json({ method: 'GET', route, schema })).resolves.toEqual([]);
    expect(s.attempts()).toBe(4);
    expect(waits).toEqual([75, 150, 300]);
  });

  it('spreads waits with the random source (full jitter between half and all of the step)', async () => {
    const low = client(scripted([{ status: 500 }, { status: 200, body: [] }]).fetch, { baseDelayMs: 1000, random: () => 0 });
    const high = client(scripted([{ status: 500 }, { status: 200, body: [] }]).fetch, { baseDelayMs: 1000, random: () => 0.999 });
    await low.http.json({ method: 'GET', route, schema });
    await high.http.json({ method: 'GET', route, schema });
    expect(low.waits[0]).toBe(500);
    expect(high.waits[0]).toBeGreaterThan(990);
  });

  it('never retries a 4xx other than 429 and says what Jira answered', async () => {
    for (const status of [400, 401, 403, 404, 409]) {
      const s = scripted([{ status, body: { errorMessages: ['nope'] } }, { status: 200, body: [] }]);
      const { http, waits } = client(s.fetch);
      const err = await http.json({ method: 'GET', route, schema }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(JiraClientError);
      expect((err as JiraClientError).status).toBe(status);
      expect(s.attempts()).toBe(1);
      expect(waits).toEqual([]);
    }
  });

  it('hands back null for statuses the caller allows, without retrying', async () => {
    const s = scripted([{ status: 404 }]);
    const { http } = client(s.fetch);
    await expect(http.request({ method: 'GET', route, schema, allow: [404] })).resolves.toBeNull();
    expect(s.attempts()).toBe(1);
  });

  it('gives up with a typed UpstreamError when the retry budget is spent', async () => {
    const s = scripted([{ status: 429, headers: { 'retry-after': '4' } }]);
    const { http, waits } = client(s.fetch, { budgetMs: 10_000, maxAttempts: 50 });
    const err = await http.json({ method: 'GET', route, schema }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).code).toBe('UPSTREAM');
    expect((err as UpstreamError).status).toBe(429);
    expect((err as UpstreamError).retryAfterSeconds).toBe(4);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10_000);
    expect(s.attempts()).toBe(3);
  });

  it('shares one budget across the requests of a client', async () => {
    const s = scripted([{ status: 503, headers: { 'retry-after': '3' } }, { status: 200, body: [] }, { status: 503, headers: { 'retry-after': '3' } }]);
    const { http } = client(s.fetch, { budgetMs: 5_000 });
    await http.json({ method: 'GET', route, schema });
    await expect(http.json({ method: 'GET', route, schema })).rejects.toBeInstanceOf(UpstreamError);
  });

  it('gives up after the attempt limit even with budget left', async () => {
    const s = scripted([{ status: 500 }]);
    const { http } = client(s.fetch, { maxAttempts: 3, budgetMs: 1e9 });
    await expect(http.json({ method: 'GET', route, schema })).rejects.toBeInstanceOf(UpstreamError);
    expect(s.attempts()).toBe(3);
  });

  it('retries a transport failure like a 5xx', async () => {
    let n = 0;
    const fetch: JiraFetch = async () => {
      n++;
      if (n === 1) throw new Error('socket hang up');
      return { ok: true, status: 200, text: async () => '[]', headers: { get: () => null } };
    };
    const { http } = client(fetch);
    await expect(http.json({ method: 'GET', route, schema })).resolves.toEqual([]);
    expect(n).toBe(2);
  });

  it('rejects an answer of the wrong shape with the path that is wrong', async () => {
    const s = scripted([{ status: 200, body: [{ id: 5 }] }]);
    const { http } = client(s.fetch);
    await expect(http.json({ method: 'GET', route, schema })).rejects.toThrow(/0\.id/);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates and ignores garbage', () => {
    const now = Date.parse('2026-03-02T07:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs('Mon, 02 Mar 2026 07:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});

describe('JiraHttp and calls that are not idempotent', () => {
  const post = { value: '/rest/api/3/issue/10001/notify' };

  it('does not repeat a POST answered 5xx: it throws AmbiguousWriteError after one attempt', async () => {
    for (const status of [500, 502, 503, 504]) {
      const s = scripted([{ status }, { status: 204 }]);
      const { http } = client(s.fetch);
      await expect(http.request({ method: 'POST', route: post, body: {} })).rejects.toBeInstanceOf(AmbiguousWriteError);
      expect(s.attempts()).toBe(1);
    }
  });

  it('does not repeat a POST whose connection dropped', async () => {
    let n = 0;
    const { http } = client(async () => {
      n++;
      throw new TypeError('fetch failed');
    });
    await expect(http.request({ method: 'POST', route: post, body: {} })).rejects.toBeInstanceOf(AmbiguousWriteError);
    expect(n).toBe(1);
  });

  it('repeats a POST answered 429 (Jira refused it before doing anything)', async () => {
    const s = scripted([{ status: 429, headers: { 'retry-after': '1' } }, { status: 204 }]);
    const { http } = client(s.fetch);
    await expect(http.request({ method: 'POST', route: post, body: {} })).resolves.toBeNull();
    expect(s.attempts()).toBe(2);
  });

  it('repeats a POST marked idempotent (a search, a set-to-value write) and a PUT after a 5xx', async () => {
    for (const req of [{ method: 'POST' as const, idempotent: true }, { method: 'PUT' as const }]) {
      const s = scripted([{ status: 504 }, { status: 204 }]);
      const { http } = client(s.fetch);
      await expect(http.request({ ...req, route: post, body: {} })).resolves.toBeNull();
      expect(s.attempts()).toBe(2);
    }
  });
});
