// The app stays within Forge's per-minute budgets on the emulator, which counts and refuses as
// Forge does (test/contract/emulator-limits.contract.test.ts): one change writes a few small KVS
// values (its report row is one ~250-byte key, not a rewritten 200 KB shard), 200 changes in one
// minute and a full recompute stay under 4 000 read / 4 000 write units and 500 pushed events a minute.
import { measureLimits, type LimitsResult } from './limits-measure';

jest.setTimeout(300_000);

let r: LimitsResult;
beforeAll(async () => {
  const log = console.log;
  const warn = console.warn;
  console.log = () => undefined;
  console.warn = () => undefined;
  try {
    r = await measureLimits({ openIssues: 3000 });
  } finally {
    console.log = log;
    console.warn = warn;
  }
});

describe('platform budgets', () => {
  it('one change costs a handful of KVS units and no pushes', () => {
    expect(r.perChange.writeUnits).toBeLessThanOrEqual(5);
    expect(r.perChange.readUnits).toBeLessThanOrEqual(8);
    expect(r.perChange.events).toBe(0);
  });

  it('200 changes in one minute stay within the KVS budget, nothing refused', () => {
    expect(r.changes200.kvsRefused).toBe(0);
    expect(r.changes200.peakWriteUnitsPerMinute).toBeLessThanOrEqual(r.budget.writeUnitsPerMinute / 4);
    expect(r.changes200.peakReadUnitsPerMinute).toBeLessThanOrEqual(r.budget.readUnitsPerMinute / 2);
  });

  it('a full recompute of 3 000 requests completes within every per-minute budget', () => {
    expect(r.recompute.done).toBe(3000);
    expect(r.recompute.kvsRefused + r.recompute.pushesRefused).toBe(0);
    expect(r.recompute.peakEventsPerMinute).toBeLessThanOrEqual(r.budget.eventsPerMinute / 4);
    expect(r.recompute.peakWriteUnitsPerMinute).toBeLessThanOrEqual(r.budget.writeUnitsPerMinute / 4);
    expect(r.recompute.peakReadUnitsPerMinute).toBeLessThanOrEqual(r.budget.readUnitsPerMinute / 4);
    // 30 chunks, one wave: under a minute of platform time.
    expect(r.recompute.minutes).toBeLessThanOrEqual(1.5);
  });
});
