// The app's JQL functions (manifest jira:jqlFunction) on the emulator: Jira replaces
// `issue in fn(args)` with the app's `{ jql }` answer (payload { precomputationId, clause }),
// stores it as a precomputation, and refuses undeclared operators and missing required arguments
// before calling the app.
import { AGENT, AGENT_EN, CUSTOMER, HOUR, MINUTE, startSite, type Site } from './forge-harness';
import type { StoredSla } from '../../src/app/stored-sla';
import { jqlFunction } from '../../local/app-handlers';

describe('JQL functions over the stored clock state (Altec: 09–18 Moscow, priority 2: reaction 30m, resolution 2wd = 18h)', () => {
  let site: Site;
  let a: string;
  let b: string;
  let c: string;
  beforeAll(async () => {
    site = await startSite({ template: 'altec' });
    // A: created Monday 10:00, nobody answers → reaction breached at 10:30; resolution due Wed 10:00.
    a = (await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'A', reporter: CUSTOMER, priority: '2' })).key;
    site.advance(HOUR);
    await site.emu.runSweep();
    await site.emu.drainQueue({ ignoreDelays: true });
    // B: waits for the customer (resolution paused).
    b = (await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'B', reporter: CUSTOMER, priority: '2' })).key;
    await site.emu.actions.comment(b, { author: AGENT, body: 'Пришлите логи' });
    await site.emu.actions.transition(b, 'Waiting for customer', AGENT);
    // C: answered at once; resolution due Wed 11:00.
    c = (await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'C', reporter: CUSTOMER, priority: '2' })).key;
    await site.emu.actions.comment(c, { author: AGENT, body: 'Смотрим' });
    // Tuesday 18:30 Moscow: after hours. C has exactly 2 working hours left (Wed 09–11) but 16.5
    // calendar hours; A has 1 working hour left.
    site.advance(31 * HOUR + 30 * MINUTE);
    await site.emu.runSweep();
    await site.emu.drainQueue({ ignoreDelays: true });
    expect(site.emu.errors).toEqual([]);
  });
  afterAll(() => site.close());

  const keys = async (jql: string, as = AGENT): Promise<string[]> => {
    const r = await site.emu.searchKeys(jql, as);
    if (!r.ok) throw new Error(r.error);
    return [...r.keys].sort();
  };
  const prop = (key: string): StoredSla => site.state(key).property!;
  const all = () => [a, b, c];

  it('slaBreached / slaBreached("reaction") match exactly the requests whose stored state says breached', async () => {
    expect(prop(a).reactionState).toBe('breached');
    expect(await keys('issue in slaBreached()')).toEqual(all().filter((k) => prop(k).breached === 'yes').sort());
    expect(await keys('issue in slaBreached("reaction")')).toEqual([a]);
    expect(await keys('issue in slaBreached("resolution")')).toEqual([]);
    expect(await keys('project = SUP AND issue not in slaBreached("reaction")')).toEqual([b, c].sort());
  });

  it('slaPaused, slaAtRisk and slaEverBreached agree with the per-clock states the app stored', async () => {
    expect(prop(b).resolutionState).toBe('paused');
    expect(await keys('issue in slaPaused("resolution")')).toEqual([b]);
    expect(await keys('issue in slaPaused()')).toEqual(all().filter((k) => [prop(k).reactionState, prop(k).resolutionState, prop(k).followUpState].includes('paused')).sort());
    expect(await keys('issue in slaAtRisk()')).toEqual(all().filter((k) => [prop(k).reactionState, prop(k).resolutionState, prop(k).followUpState].includes('atRisk')).sort());
    expect(await keys('issue in slaEverBreached()')).toEqual([a]);
    expect(await keys('issue in slaEverBreached("followUp")')).toEqual([]);
    // Russian clock names are accepted too.
    expect(await keys('issue in slaBreached("реакция")')).toEqual([a]);
  });

  it('slaRemaining counts working time with the calendar, not calendar hours', async () => {
    expect(await keys('issue in slaRemaining("resolution", "<=", "2h")')).toEqual([a, c].sort());
    expect(await keys('issue in slaRemaining("resolution", "<", "2h")')).toEqual([a]);
    expect(await keys('issue in slaRemaining("resolution", ">", "90m")')).toEqual([c]);
    // The same "2h" in calendar time would find nothing: both are due tomorrow morning.
    expect(await keys('slaResolutionDue < "2h"')).toEqual([]);
    // A paused clock has no due: never "remaining < x".
    expect(await keys('issue in slaRemaining("resolution", "<", "40wd")')).not.toContain(b);
  });

  it('answers with a clause over the indexed aliases, not a list of issues', async () => {
    const r = (await jqlFunction({ precomputationId: 'p1', clause: { field: 'key', type: ['issue'], operator: 'in', functionName: 'slaBreached', arguments: ['resolution'] } }, { principal: { accountId: AGENT_EN } })) as { jql: string };
    expect(r).toEqual({ jql: 'slaResolutionState = breached' });
    const not = (await jqlFunction({ clause: { field: 'key', type: ['issue'], operator: 'not in', functionName: 'slaAtRisk', arguments: [] } }, {})) as { jql: string };
    expect(not.jql).toBe('NOT ((slaReactionState = atRisk OR slaResolutionState = atRisk OR slaFollowUpState = atRisk))');
  });

  it('explains bad arguments in the user\u2019s language and stops the query', async () => {
    const en = await site.emu.searchKeys('issue in slaRemaining("resolution", "~", "2h")', AGENT_EN);
    expect(en).toEqual({ ok: false, error: 'slaRemaining: the second argument is a comparison "<", "<=", ">" or ">=", got "~".' });
    const ru = await site.emu.searchKeys('issue in slaBreached("reakt")', AGENT);
    expect(ru).toEqual({ ok: false, error: 'slaBreached: неизвестные часы "reakt"; ожидается "reaction", "resolution" или "followUp".' });
    const badTime = await site.emu.searchKeys('issue in slaRemaining("resolution", "<", "soon")', AGENT_EN);
    expect(badTime).toEqual({ ok: false, error: 'slaRemaining: "soon" is not a working time; e.g. "30m", "2h", "1wd".' });
    // The app's REST search sees the same 400 Jira gives.
    expect(site.emu.errors).toEqual([]);
  });

  it('Jira refuses an undeclared operator or a missing required argument without calling the app', async () => {
    site.emu.resetCalls();
    const before = site.emu.precomputations.list().length;
    const op = await site.emu.searchKeys('issue = slaBreached()', AGENT_EN);
    expect(op.ok).toBe(false);
    expect(!op.ok && op.error).toContain("the operator '=' is not supported by the function 'slaBreached'");
    const args = await site.emu.searchKeys('issue in slaRemaining("resolution")', AGENT_EN);
    expect(!args.ok && args.error).toContain("the function 'slaRemaining' expects 3 arguments");
    const field = await site.emu.searchKeys('project in slaBreached()', AGENT_EN);
    expect(!field.ok && field.error).toContain("cannot be used with the field 'project'");
    expect(site.emu.precomputations.list().length).toBe(before);
  });

  it('keeps each answer as a precomputation: the same call again does not invoke the app', async () => {
    site.emu.precomputations.clear();
    await keys('issue in slaBreached("reaction")');
    const stored = site.emu.precomputations.list();
    expect(stored).toEqual([expect.objectContaining({ functionName: 'slaBreached', field: 'key', operator: 'in', arguments: ['reaction'], value: 'slaReactionState = breached' })]);
    site.emu.resetCalls();
    await keys('issue in slaBreached("reaction") ORDER BY key');
    expect(site.emu.calls.filter((x) => x.kind === 'kvs')).toEqual([]);
    expect(site.emu.precomputations.list()).toHaveLength(1);
  });

  it('works inside the app\u2019s own REST searches (POST /rest/api/3/search/jql)', async () => {
    const res = await fetchAsApp(site, 'issue in slaPaused("resolution")');
    expect(res.status).toBe(200);
    const bad = await fetchAsApp(site, 'issue in slaPaused("nope")');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ errorMessages: ['slaPaused: unknown clock "nope"; expected "reaction", "resolution" or "followUp".'], errors: {} });
  });
});

async function fetchAsApp(site: Site, jql: string): Promise<{ status: number; body: unknown }> {
  const { default: api, route } = await import('@forge/api');
  const res = await api.asApp().requestJira(route`/rest/api/3/search/jql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jql, fields: ['key'] }),
  });
  void site;
  return { status: res.status, body: await res.json() };
}
