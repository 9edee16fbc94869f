// The emulator behind the real Forge SDK packages: requestJira, @forge/kvs and Queue.push reach it
// through the same globals the Forge runtime provides.
import api, { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { Queue } from '@forge/events';
import { createEmulator, type AppHandlers, type Emulator } from '../../../local/emulator';

const T0 = Date.UTC(2026, 2, 2, 7, 0); // Monday 10:00 Moscow

function makeClock(start = T0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function recordingHandlers(log: unknown[]): AppHandlers {
  return {
    async uiResolver(req) {
      const r = req as { call: { functionKey: string; payload: { key: string } } };
      const res = await api.asUser().requestJira(route`/rest/api/3/issue/${r.call.payload.key}?fields=summary,status`);
      return { status: res.status, body: res.status === 200 ? await res.json() : null };
    },
    async onIssueEvent(ev) {
      log.push(ev);
    },
    async sweep() {
      const res = await api.asApp().requestJira(route`/rest/api/3/search/jql`, { method: 'POST', body: JSON.stringify({ jql: 'statusCategory != Done ORDER BY created ASC', fields: ['summary'] }) });
      log.push(await res.json());
      return { statusCode: 204 };
    },
    async worker(ev) {
      log.push({ worker: ev });
    },
    async fieldSuggestions() {
      return [];
    },
  };
}

describe('the emulator behind the Forge SDK', () => {
  let em: Emulator;
  let log: unknown[];
  beforeEach(() => {
    log = [];
    em = createEmulator({ clock: makeClock(), appHandlers: recordingHandlers(log) });
    em.install();
    em.seedSite();
  });
  afterEach(() => em.close());

  it('stores, reads and queries KVS values through @forge/kvs', async () => {
    await kvs.set('config:default', { version: 1 });
    await kvs.set('config:SUP', { version: 2 });
    await kvs.set('other', 1);
    expect(await kvs.get('config:default')).toEqual({ version: 1 });
    expect(await kvs.get('missing')).toBeUndefined();
    const page = await kvs.query().where('key', { condition: 'BEGINS_WITH', values: ['config:'] }).limit(1).getMany();
    expect(page.results.map((r) => r.key)).toEqual(['config:SUP']);
    const rest = await kvs.query().where('key', { condition: 'BEGINS_WITH', values: ['config:'] }).cursor(page.nextCursor!).getMany();
    expect(rest.results.map((r) => r.key)).toEqual(['config:default']);
    expect(rest.nextCursor).toBeUndefined();
  });

  it('delivers a pushed event to the consumer when the queue is drained', async () => {
    const q = new Queue({ key: 'sla-recompute' });
    const { jobId } = await q.push([{ body: { chunk: 1 } }, { body: { chunk: 2 } }]);
    const r = await em.drainQueue();
    expect(r.delivered).toBe(2);
    expect(log).toEqual([
      { worker: expect.objectContaining({ body: { chunk: 1 }, jobId }) },
      { worker: expect.objectContaining({ body: { chunk: 2 }, jobId }) },
    ]);
  });

  it('fires the product trigger with the created issue when a customer creates a request', async () => {
    const { key } = await em.actions.createIssue({ projectKey: 'SUP', summary: 'Printer is on fire', reporter: 'qm:customer-romashka' });
    expect(key).toBe('SUP-1');
    expect(log).toEqual([expect.objectContaining({ eventType: 'avi:jira:created:issue', selfGenerated: false, issue: expect.objectContaining({ key: 'SUP-1' }) })]);
  });

  it('lets a customer read their own request but not another customer\'s', async () => {
    await em.actions.createIssue({ projectKey: 'SUP', summary: 'Mine', reporter: 'qm:customer-romashka' });
    const own = (await em.invokeResolver('x', { key: 'SUP-1' }, { accountId: 'qm:customer-romashka', extension: { type: 'jira:issuePanel' } })) as { status: number };
    const other = (await em.invokeResolver('x', { key: 'SUP-1' }, { accountId: 'qm:customer-vektor', extension: { type: 'jira:issuePanel' } })) as { status: number };
    expect([own.status, other.status]).toEqual([200, 404]);
  });

  it('runs the sweep against the JQL search and counts the call', async () => {
    await em.actions.createIssue({ projectKey: 'SUP', summary: 'A', reporter: 'qm:customer-romashka' });
    em.resetCalls();
    await em.runSweep();
    expect(em.callCounts()).toEqual({ 'POST /rest/api/3/search/jql': 1 });
    expect(log[log.length - 1]).toEqual(expect.objectContaining({ isLast: true, issues: [expect.objectContaining({ key: 'SUP-1', fields: { summary: 'A' } })] }));
  });
});
