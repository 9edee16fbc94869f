// The local host's JQL box and rule runner endpoints: the app's JQL functions evaluated on the
// emulator and its Automation actions run as a rule step.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type Started } from '../../../local/main';

jest.setTimeout(60_000);

let host: Started;
const dir = mkdtempSync(join(tmpdir(), 'reglament-native-'));
const CUSTOMER = 'qm:customer-romashka';
const AGENT = '557058:agent-maria';

async function post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${host.url}${path.slice(1)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  host = await start({ port: 0, dataDir: dir, reset: true, demo: false, buildBundles: false, log: () => undefined });
  await host.ready;
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('local host: JQL box and rule runner', () => {
  it('evaluates a JQL function through the app and shows the JQL it became', async () => {
    await post('/__local/action', { kind: 'create', as: CUSTOMER, projectKey: 'SUP', summary: 'Help' });
    const r = await post('/__local/jql', { jql: 'issue in slaBreached("resolution")', as: AGENT });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ ok: true, keys: [], expanded: '(slaResolutionState = breached)' });
    const bad = await post('/__local/jql', { jql: 'issue in slaBreached("x")', as: AGENT });
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
