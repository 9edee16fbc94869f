// Agreed-deadline storage (issue 15): append-only list per issue, read in batches of 25, entries
// that do not parse left out.
import { agreementKey, appendAgreement, loadAgreements, withAgreements } from '../../../src/app/agreements';
import type { SlaRequest } from '../../../src/domain/sla/types';
import { MemoryStore } from '../../fakes/memory-store';

const entry = (at: number) => ({ at, by: 'agent-1', clock: 'resolution' as const, kind: 'extend' as const, minutes: 240, reason: 'vendor fix' });

describe('agreement storage', () => {
  it('appends, never rewrites, and loads 60 issues with 3 batched reads', async () => {
    const store = new MemoryStore();
    await appendAgreement(store, '1', entry(1000));
    await appendAgreement(store, '1', { ...entry(2000), kind: 'agreedDue', due: 99_000, minutes: undefined } as never);
    for (let i = 2; i <= 60; i++) await appendAgreement(store, String(i), entry(i));
    const spy = jest.spyOn(store, 'getMany');
    const getSpy = jest.spyOn(store, 'get');
    const got = await loadAgreements(store, Array.from({ length: 60 }, (_, i) => String(i + 1)));
    expect(spy).toHaveBeenCalledTimes(3);
    expect(getSpy).not.toHaveBeenCalled();
    expect(got.size).toBe(60);
    expect(got.get('1')!.map((a) => a.kind)).toEqual(['extend', 'agreedDue']);
  });

  it('leaves out entries that do not parse and attaches the rest to the request', async () => {
    const store = new MemoryStore();
    await store.set(agreementKey('7'), [entry(5), { at: 'yesterday' }, { ...entry(6), kind: 'extend', minutes: undefined }]);
    const request = { key: 'SUP-7', created: 0, events: [] } as unknown as SlaRequest;
    const out = await withAgreements(store, new Map([['7', request], ['8', request]]));
    expect(out.get('7')!.agreements).toEqual([{ at: 5, by: 'agent-1', clock: 'resolution', kind: 'extend', minutes: 240, reason: 'vendor fix' }]);
    expect(out.get('8')).toBe(request);
  });
});
