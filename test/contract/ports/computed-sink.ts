// ComputedSink: what the recompute relies on when it writes the clocks.
import type { IssueFacts } from '../../../src/app/ports';
import { sameInstant, toComputedFields, toStoredSla, type StoredSla } from '../../../src/app/stored-sla';
import type { MakeWorld, PortWorld } from './world';

function storedAt(nextCheckAt: number | null, acknowledged = false): StoredSla {
  return toStoredSla(
    { reaction: null, resolution: null, followUp: null, autoClose: null, nextCheckAt, packageId: 'basic', priorityId: '2', timezone: 'Europe/Moscow', history: [], warnings: [], warningDetails: [] },
    { scope: 'default', configVersion: 3, acknowledged },
  );
}

export function computedSinkContract(makeWorld: MakeWorld): void {
  let w: PortWorld;
  beforeEach(async () => {
    w = await makeWorld();
  });
  afterEach(() => w.close());

  const load = async (id: string): Promise<IssueFacts> => (await w.app.loadFacts([id]))[0]!;

  it('stores the property and the fields, and the next read shows them', async () => {
    const a = await w.createRequest();
    const stored = storedAt(w.now() + 3_600_000);
    const stats = await w.app.writeComputed([{ facts: await load(a.id), stored, fields: toComputedFields(stored) }]);
    expect(stats.fieldWrites).toBeGreaterThan(0);
    expect(stats.propertyWrites).toBeGreaterThan(0);
    const after = await load(a.id);
    expect(after.stored).toEqual(stored);
    expect(after.written.state).toEqual(toComputedFields(stored).state);
    expect(sameInstant(after.written.reactionDue, toComputedFields(stored).reactionDue)).toBe(true);
  });

  it('writes nothing when Jira already has these values', async () => {
    const a = await w.createRequest();
    const stored = storedAt(w.now() + 3_600_000);
    await w.app.writeComputed([{ facts: await load(a.id), stored, fields: toComputedFields(stored) }]);
    expect(await w.app.writeComputed([{ facts: await load(a.id), stored, fields: toComputedFields(stored) }])).toEqual({ fieldWrites: 0, propertyWrites: 0 });
    expect(await w.app.writeComputed([])).toEqual({ fieldWrites: 0, propertyWrites: 0 });
  });

  it('writes only the property when only the property changed', async () => {
    const a = await w.createRequest();
    const stored = storedAt(w.now() + 3_600_000);
    await w.app.writeComputed([{ facts: await load(a.id), stored, fields: toComputedFields(stored) }]);
    const acked = { ...stored, acknowledged: true };
    const stats = await w.app.writeComputed([{ facts: await load(a.id), stored: acked, fields: toComputedFields(acked) }]);
    expect(stats.fieldWrites).toBe(0);
    expect(stats.propertyWrites).toBeGreaterThan(0);
    expect((await load(a.id)).stored?.acknowledged).toBe(true);
  });
}
