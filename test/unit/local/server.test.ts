// The host server's own endpoints: state, human actions with role checks, simulated time,
// resolver invocation as the selected user, and the bridge shim served before each bundle.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { start, startError, type Started } from '../../../local/main';

jest.setTimeout(60_000);

let host: Started;
const dir = mkdtempSync(join(tmpdir(), 'reglament-server-'));
const CUSTOMER = 'qm:customer-romashka';
const AGENT = '557058:agent-ivan';
const AGENT_EN = '557058:agent-maria';

/** The per-start token, read as the host page gets it: from the meta tag of GET /. */
async function pageToken(): Promise<string> {
  const html = await (await fetch(host.url)).text();
  const m = /<meta name="reglament-token" content="([^"]+)"/.exec(html);
  if (!m) throw new Error('the host page carries no token');
  return m[1]!;
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${host.url}${path.slice(1)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-reglament-token': await pageToken(), ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function getState(query = ''): Promise<Record<string, unknown>> {
  const res = await fetch(`${host.url}__local/state${query}`, { headers: { 'x-reglament-token': await pageToken() } });
  return (await res.json()) as Record<string, unknown>;
}

/** A raw request (fetch may not set Host): status and body. */
function raw(path: string, opts: { method?: string; headers: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  const u = new URL(host.url);
  return new Promise((ok, fail) => {
    const req = httpRequest({ hostname: '127.0.0.1', port: Number(u.port), path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    req.end(opts.body);
  });
}

beforeAll(async () => {
  host = await start({ port: 0, dataDir: dir, reset: true, demo: false, buildBundles: false, log: () => undefined });
  await host.ready;
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('local host server', () => {
  it('creates a request for a customer and lets an agent move it, but not the customer', async () => {
    const created = await post('/__local/action', { kind: 'create', as: CUSTOMER, projectKey: 'SUP', summary: 'Help' });
    expect(created).toMatchObject({ status: 200, json: { ok: true, result: { key: 'SUP-1' } } });
    const byCustomer = await post('/__local/action', { kind: 'transition', as: CUSTOMER, key: 'SUP-1', status: 'Resolved' });
    expect(byCustomer.status).toBe(403);
    expect(byCustomer.json.error).toMatch(/customer/);
    expect((await post('/__local/action', { kind: 'transition', as: AGENT, key: 'SUP-1', status: 'In Progress' })).status).toBe(200);
    const state = (await getState(`?user=${encodeURIComponent(CUSTOMER)}&project=SUP&issue=SUP-1`)) as unknown as { issue: { status: { name: string } } };
    expect(state.issue.status.name).toBe('In Progress');
  });

  it('says which field of a bad action is wrong', async () => {
    const r = await post('/__local/action', { kind: 'comment', as: AGENT, key: 'SUP-1', body: '' });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/^body: /);
  });

  it('refuses to jump back in simulated time', async () => {
    const r = await post('/__local/time', { op: 'to', to: '2001-01-01T00:00:00Z' });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/before the simulated now/);
  });

  it('reads a picked date and time in the given time zone, not the server\'s', async () => {
    const state = (await getState()) as unknown as { now: number };
    // Two days ahead at 10:00 on the wall clock of Yekaterinburg (UTC+5, no DST).
    const day = new Date(state.now + 2 * 86_400_000 + 5 * 3_600_000).toISOString().slice(0, 10);
    const r = await post('/__local/time', { op: 'toLocal', local: `${day}T10:00`, timeZone: 'Asia/Yekaterinburg' });
    expect(r.status).toBe(200);
    expect(new Date(r.json.to as number).toISOString()).toBe(`${day}T05:00:00.000Z`);
  });

  it('names the unknown time zone of a jump', async () => {
    const r = await post('/__local/time', { op: 'toLocal', local: '2030-01-01T10:00', timeZone: 'Mars/Olympus' });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/^timeZone: expected an IANA time zone/);
  });

  it('gives the page a code and the instants when a jump goes backwards, so it can say so in Russian', async () => {
    const r = await post('/__local/time', { op: 'toLocal', local: '2001-01-01T10:00', timeZone: 'Europe/Moscow' });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ code: 'timeBackwards', params: { to: Date.UTC(2001, 0, 1, 7) } });
    expect(r.json.error).toMatch(/2001-01-01 10:00 is before the simulated now .* \(Europe\/Moscow\)/);
  });

  it("says which calendar '+1 working hour' used", async () => {
    const r = await post('/__local/time', { op: 'workingHour', projectKey: 'SUP' });
    expect(r.status).toBe(200);
    expect(typeof r.json.calendar).toBe('string');
    expect(r.json.calendarNames).toEqual({ ru: expect.stringMatching(/[А-Яа-я]/), en: r.json.calendar });
    expect(r.json.to as number).toBeGreaterThanOrEqual((r.json.from as number) + 3_600_000);
  });

  it('moves simulated time a day forward with the sweeps on the way', async () => {
    const r = await post('/__local/time', { op: 'day' });
    expect(r.status).toBe(200);
    expect(r.json.sweeps).toBeGreaterThanOrEqual(287);
    expect((r.json.to as number) - (r.json.from as number)).toBe(86_400_000);
  });

  it('says the port is taken and how to pick another when a second host starts on it', async () => {
    const port = Number(new URL(host.url).port);
    const err = await start({ port, dataDir: mkdtempSync(join(tmpdir(), 'reglament-busy-')), reset: true, demo: false, buildBundles: false, log: () => undefined }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(startError(err, port)).toBe(`Port ${port} is already in use (another \`npm start\`?). Stop it, or choose another port: PORT=${port + 1} npm start`);
    // The running host is untouched: its Forge globals still answer for its site.
    expect((await post('/__local/action', { kind: 'comment', as: AGENT, key: 'SUP-1', body: 'Still here' })).status).toBe(200);
  });

  it('does not delete the data of a host already running on the port when started with --reset', async () => {
    const port = Number(new URL(host.url).port);
    // The same file, not a fresh one created where the running host's file was deleted.
    const inode = statSync(join(dir, 'local-host.sqlite')).ino;
    const err = await start({ port, dataDir: dir, reset: true, demo: false, buildBundles: false, log: () => undefined }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(startError(err, port)).toMatch(/already in use/);
    expect(statSync(join(dir, 'local-host.sqlite')).ino).toBe(inode);
  });

  it('answers /__local/* only with the page\'s per-start token, as JSON, from its own origin and host', async () => {
    const token = await pageToken();
    const body = JSON.stringify({ op: 'hour' });
    const port = new URL(host.url).port;
    const json = { 'content-type': 'application/json', host: `localhost:${port}` };
    // No token, a wrong one: refused before anything happens.
    expect((await raw('/__local/time', { method: 'POST', headers: json, body })).status).toBe(403);
    expect((await raw('/__local/time', { method: 'POST', headers: { ...json, 'x-reglament-token': 'x'.repeat(token.length) }, body })).status).toBe(403);
    expect((await raw('/__local/state', { headers: { host: `localhost:${port}` } })).status).toBe(403);
    // A form post (text/plain needs no CORS preflight) is not JSON.
    const form = await raw('/__local/time', { method: 'POST', headers: { ...json, 'content-type': 'text/plain', 'x-reglament-token': token }, body });
    expect(form.status).toBe(415);
    // Another site's page, or a rebound DNS name pointing at 127.0.0.1.
    expect((await raw('/__local/time', { method: 'POST', headers: { ...json, origin: 'http://evil.example', 'x-reglament-token': token }, body })).status).toBe(403);
    expect((await raw('/__local/time', { method: 'POST', headers: { ...json, 'sec-fetch-site': 'cross-site', 'x-reglament-token': token }, body })).status).toBe(403);
    const rebound = await raw('/', { headers: { host: `evil.example:${port}` } });
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain(token);
    expect((await raw('/__local/time', { method: 'POST', headers: { ...json, host: `evil.example:${port}`, 'x-reglament-token': token }, body })).status).toBe(421);
    // The page's own call passes: its origin, its host, JSON, the token.
    const before = (await getState()) as unknown as { now: number };
    const own = await raw('/__local/time', { method: 'POST', headers: { ...json, origin: `http://localhost:${port}`, 'sec-fetch-site': 'same-origin', 'x-reglament-token': token }, body });
    expect(own.status).toBe(200);
    expect(((await getState()) as unknown as { now: number }).now).toBeGreaterThanOrEqual(before.now + 3_600_000);
  });

  it('makes a new token on every start', async () => {
    const first = await pageToken();
    const other = await start({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'reglament-server-2-')), reset: true, demo: false, buildBundles: false, log: () => undefined });
    try {
      await other.ready;
      const html = await (await fetch(other.url)).text();
      const second = /<meta name="reglament-token" content="([^"]+)"/.exec(html)?.[1];
      expect(second).toBeDefined();
      expect(second).not.toBe(first);
      // The first server's token does not open the second.
      const r = await fetch(`${other.url}__local/state`, { headers: { 'x-reglament-token': first } });
      expect(r.status).toBe(403);
    } finally {
      await other.close();
    }
  });

  it('serves the bridge shim as a classic script before the bundle', async () => {
    const shim = await (await fetch(`${host.url}bridge-shim.js`)).text();
    expect(shim).toContain('window.__bridge');
    expect(shim).not.toMatch(/^export /m);
  });
});

// The JQL box and rule runner: the app's JQL functions evaluated on the emulator, its Automation actions run as a rule step.
describe('local host: JQL box and rule runner', () => {
  it('evaluates a JQL function through the app and shows the JQL it became', async () => {
    await post('/__local/action', { kind: 'create', as: CUSTOMER, projectKey: 'SUP', summary: 'Help' });
    const r = await post('/__local/jql', { jql: 'issue in slaBreached("resolution")', as: AGENT_EN });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ ok: true, keys: [], expanded: '(slaResolutionState = breached)' });
    const bad = await post('/__local/jql', { jql: 'issue in slaBreached("x")', as: AGENT_EN });
    expect(bad.json).toEqual({ ok: false, error: 'slaBreached: unknown clock "x"; expected "reaction", "resolution" or "followUp".' });
  });

  it('runs an Automation action and reports its audit entry', async () => {
    const r = await post('/__local/automation', { action: 'recompute-sla', inputs: { issueKey: '{{issue.key}}' }, issueKey: 'SUP-1' });
    expect(r.status).toBe(200);
    expect(r.json.action).toBe('recompute-sla');
    expect(r.json).toEqual({ status: 'FAILURE', action: 'recompute-sla', messages: ['Reglament: SLA is not configured yet (admin page) / SLA ещё не настроено.'] });
    const missing = await post('/__local/automation', { action: 'set-sla-priority', inputs: { issueKey: 'SUP-1' } });
    expect(missing.status).toBe(400);
  });
});
