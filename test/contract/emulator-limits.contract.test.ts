// The emulator limits the app as Forge does, seen through the real SDK packages:
// - async events: at most 500 events pushed a minute per installation (DOC:limits-async-events);
//   @forge/events turns the 429 into RateLimitError.
// - KVS: 4 000 read and 4 000 write units a minute, a unit being a request of up to 10 KB
//   (DOC:limits-kvs-ce); past it a request answers 429 RATE_LIMIT_EXCEEDED
//   (DOC:storage-reference/handling-errors-kvs), which @forge/kvs throws as ForgeKvsAPIError.
import { Queue, RateLimitError } from '@forge/events';
import { ForgeKvsAPIError, kvs } from '@forge/kvs';
import { createEmulator, type Emulator } from '../../local/emulator';
import { kvsUnits } from '../../local/emulator/kvs';

let emu: Emulator;
let now = Date.UTC(2026, 3, 1, 9);

beforeEach(() => {
  now = Date.UTC(2026, 3, 1, 9);
  emu = createEmulator({ clock: { now: () => now } });
  emu.seedSite();
  emu.install();
});
afterEach(() => emu.close());

const events = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ body: { i: from + i } }));

describe('the emulated async-events queue', () => {
  it('accepts 500 events in a minute and refuses the 501st with RateLimitError, then accepts again a minute later', async () => {
    const q = new Queue({ key: 'sla-recompute' });
    for (let p = 0; p < 10; p++) await q.push(events(50, p * 50));
    await expect(q.push(events(1))).rejects.toBeInstanceOf(RateLimitError);
    await expect(q.push(events(1))).rejects.toThrow('Too many requests.');
    expect(emu.queue.pending()).toHaveLength(500);
    expect(emu.queue.pushUsage()).toEqual({ events: 500, pushes: 10, refused: 2, peakEventsPerMinute: 500 });
    now += 30_000;
    await expect(q.push(events(1))).rejects.toBeInstanceOf(RateLimitError);
    now += 30_001;
    await q.push(events(50));
    expect(emu.queue.pending()).toHaveLength(550);
  });

  it('counts events, not pushes: one push of 50 after 460 events is refused whole', async () => {
    const q = new Queue({ key: 'sla-recompute' });
    for (let p = 0; p < 46; p++) await q.push(events(10));
    await expect(q.push(events(50))).rejects.toBeInstanceOf(RateLimitError);
    await q.push(events(40));
    expect(emu.queue.pending()).toHaveLength(500);
  });

  it('refuses a malformed concurrency setting', async () => {
    const q = new Queue({ key: 'sla-recompute' });
    await q.push([{ body: { a: 1 }, concurrency: { key: 'recompute', limit: 2 } }]);
    await expect(q.push([{ body: { a: 1 }, concurrency: { key: 'recompute', limit: 0 } }])).rejects.toThrow(/concurrency/);
  });
});

describe('the emulated KVS budget', () => {
  it('counts a write by its request size in 10 KB units', () => {
    expect(kvsUnits(10)).toBe(1);
    expect(kvsUnits(10 * 1024)).toBe(1);
    expect(kvsUnits(10 * 1024 + 1)).toBe(2);
    expect(kvsUnits(65 * 1024)).toBe(7);
  });

  it('refuses writes past 4 000 units a minute with 429 RATE_LIMIT_EXCEEDED and stores nothing', async () => {
    const big = 'x'.repeat(195 * 1024); // one request of ~195 KB = 20 units
    for (let i = 0; i < 200; i++) await kvs.set(`big:${i}`, big);
    expect(emu.kvs.usage()).toEqual(expect.objectContaining({ writeUnits: 4000, peakWriteUnitsPerMinute: 4000 }));
    const refused = await kvs.set('small', 1).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ForgeKvsAPIError);
    expect((refused as ForgeKvsAPIError).code).toBe('RATE_LIMIT_EXCEEDED');
    expect((refused as ForgeKvsAPIError).responseDetails.status).toBe(429);
    // Reads have their own budget.
    expect(await kvs.get('small')).toBeUndefined();
    now += 60_001;
    await kvs.set('small', 1);
    expect(await kvs.get('small')).toBe(1);
  });

  it('counts reads by the size of the answer', async () => {
    await kvs.set('doc', 'y'.repeat(95 * 1024));
    emu.kvs.resetUsage();
    for (let i = 0; i < 400; i++) await kvs.get('doc'); // 10 units each
    expect(emu.kvs.usage().readUnits).toBe(4000);
    await expect(kvs.get('doc')).rejects.toMatchObject({ code: 'RATE_LIMIT_EXCEEDED' });
    await kvs.set('w', 1); // writes are still within their budget
  });
});
