// RequestSource: what the sweep, the full recompute, the panel and the queue rely on.
import { toComputedFields, toStoredSla } from '../../../src/app/stored-sla';
import type { MakeWorld, PortWorld } from './world';

const MINUTE = 60_000;

export function requestSourceContract(makeWorld: MakeWorld): void {
  let w: PortWorld;
  beforeEach(async () => {
    w = await makeWorld();
  });
  afterEach(() => w.close());

  it('loads facts by id and by key, and leaves out issues that do not exist', async () => {
    const a = await w.createRequest({ package: 'basic', priority: '2' });
    const byId = await w.app.loadFacts([a.id, '999999']);
    expect(byId.map((f) => f.key)).toEqual([a.key]);
    expect(byId[0]).toMatchObject({ id: a.id, key: a.key, projectKey: 'SUP', status: { name: 'Open', category: 'new' }, createdMs: w.now(), packageId: 'basic', priorityId: '2', stored: null });
    expect((await w.app.loadFacts([a.key])).map((f) => f.id)).toEqual([a.id]);
    expect(await w.app.loadFacts(['999999'])).toEqual([]);
    expect(await w.app.loadFacts([])).toEqual([]);
  });

  it('lists the open requests of a scope, and done ones only in the statuses it names', async () => {
    const open = await w.createRequest();
    const resolved = await w.createRequest();
    const closed = await w.createRequest();
    await w.moveTo(resolved.key, 'Resolved');
    await w.moveTo(closed.key, 'Closed');
    const ids = async (alsoStatuses: string[], projectKeys: string[] | null) => (await w.app.findOpenIds({ projectKeys, alsoStatuses }, null)).items.sort();
    expect(await ids([], ['SUP'])).toEqual([open.id]);
    expect(await ids(['Resolved'], null)).toEqual([open.id, resolved.id].sort());
    expect(await ids(['Resolved'], [])).toEqual([]);
  });

  it('lists a project\'s open requests oldest first, at most `limit`', async () => {
    const first = await w.createRequest();
    w.advance(MINUTE);
    const second = await w.createRequest();
    w.advance(MINUTE);
    const done = await w.createRequest();
    await w.moveTo(done.key, 'Closed');
    expect((await w.app.findOpenInProject('SUP', 10)).map((f) => f.key)).toEqual([first.key, second.key]);
    expect((await w.app.findOpenInProject('SUP', 1)).map((f) => f.key)).toEqual([first.key]);
  });

  it('loads each request\'s history keyed by issue id: created, then its status changes in order', async () => {
    const a = await w.createRequest({ priority: '3' });
    w.advance(MINUTE);
    await w.moveTo(a.key, 'In Progress');
    w.advance(MINUTE);
    await w.moveTo(a.key, 'Resolved');
    const facts = await w.app.loadFacts([a.id]);
    const requests = await w.app.loadRequests(facts, () => ({ kind: 'groups', groups: ['jira-servicedesk-users'] }));
    expect([...requests.keys()]).toEqual([a.id]);
    const r = requests.get(a.id)!;
    expect(r.created).toBe(facts[0]!.createdMs);
    expect(r.events.filter((e) => e.type === 'status')).toEqual([
      { at: facts[0]!.createdMs + MINUTE, type: 'status', to: 'In Progress' },
      { at: facts[0]!.createdMs + 2 * MINUTE, type: 'status', to: 'Resolved' },
    ]);
  });

  it('finds as due the requests whose written next check has passed, and no others', async () => {
    const soon = await w.createRequest();
    const later = await w.createRequest();
    await w.createRequest(); // never computed: no next check
    const write = async (id: string, nextCheckAt: number) => {
      const [facts] = await w.app.loadFacts([id]);
      const stored = toStoredSla(
        { reaction: null, resolution: null, followUp: null, autoClose: null, nextCheckAt, packageId: 'basic', priorityId: '2', timezone: 'Europe/Moscow', history: [], warnings: [], warningDetails: [] },
        { scope: 'default', configVersion: 1, acknowledged: false },
      );
      await w.app.writeComputed([{ facts: facts!, stored, fields: toComputedFields(stored) }]);
    };
    await write(soon.id, w.now() + 5 * MINUTE);
    await write(later.id, w.now() + 60 * MINUTE);
    expect((await w.app.findDue(null)).items).toEqual([]);
    w.advance(10 * MINUTE);
    expect((await w.app.findDue(null)).items.map((f) => f.key)).toEqual([soon.key]);
  });
}
