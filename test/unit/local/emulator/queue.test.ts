import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Async-events semantics through the real @forge/events Queue: limits, delays on the emulator's
// clock, retries on errors and InvocationError, at-least-once delivery with duplicates.
import { InvocationError, Queue } from '@forge/events';
import { createEmulator, type AppHandlers, type Emulator } from '../../../../local/emulator';

let now = Date.UTC(2026, 2, 2, 9, 0);
let em: Emulator;
let deliveries: Array<{ body: Record<string, unknown>; retryCount?: number }>;
let consumer: (ev: { body: Record<string, unknown>; retryContext?: { retryCount: number } }) => unknown;

const handlers: AppHandlers = {
  uiResolver: async () => null,
  onIssueEvent: async () => undefined,
  sweep: async () => ({ statusCode: 204 }),
  worker: async (ev: { body: Record<string, unknown>; retryContext?: { retryCount: number } }) => {
    deliveries.push({ body: ev.body, ...(ev.retryContext ? { retryCount: ev.retryContext.retryCount } : {}) });
    return consumer(ev);
  },
  fieldSuggestions: async () => [],
};

beforeEach(() => {
  deliveries = [];
  consumer = () => undefined;
  em = createEmulator({ clock: { now: () => now }, appHandlers: handlers });
  em.install();
});
afterEach(() => em.close());

const q = () => new Queue({ key: 'sla-recompute' });

describe('emulated async-events queue', () => {
  it('refuses a push of more than 50 events', async () => {
    const events = Array.from({ length: 51 }, (_, i) => ({ body: { i } }));
    await expect(q().push(events)).rejects.toThrow(/50/);
    await q().push(events.slice(0, 50));
    expect((await em.drainQueue()).delivered).toBe(50);
  });

  it('refuses more than 50 events or 200 KB even from a client that skips validation', async () => {
    const fetch = (globalThis as unknown as { __forge_fetch__: (t: unknown, p: string, i: RequestInit) => Promise<Response> }).__forge_fetch__;
    const push = (payload: unknown[]) =>
      fetch({ type: 'fpp', provider: 'app', remote: 'stargate' }, '/webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}', {
        method: 'POST',
        body: JSON.stringify({ queueName: 'sla-recompute', jobId: 'j1', payload }),
      });
    expect((await push(Array.from({ length: 51 }, () => ({ body: {} })))).status).toBe(400);
    expect((await push([{ body: { blob: 'x'.repeat(201 * 1024) } }])).status).toBe(413);
    expect((await push([{ body: { n: 1 } }])).status).toBe(201);
  });

  it('refuses a push over 200 KB', async () => {
    await expect(q().push([{ body: { blob: 'x'.repeat(201 * 1024) } }])).rejects.toThrow(/200/);
  });

  it('holds a delayed event until the emulator clock reaches it', async () => {
    await q().push([{ body: { n: 1 }, delayInSeconds: 120 }]);
    expect((await em.drainQueue()).delivered).toBe(0);
    now += 119_000;
    expect((await em.drainQueue()).pending).toBe(1);
    now += 1_000;
    expect((await em.drainQueue()).delivered).toBe(1);
  });

  it('retries an event whose consumer throws, then gives up after four retries', async () => {
    consumer = () => {
      throw new Error('boom');
    };
    await q().push([{ body: { n: 1 } }]);
    const r = await em.drainQueue();
    expect(deliveries.map((d) => d.retryCount ?? 0)).toEqual([0, 1, 2, 3, 4]);
    expect(r).toMatchObject({ failed: 1, pending: 0 });
    expect(em.errors).toHaveLength(5);
  });

  it('retries after the InvocationError retryAfter, measured on the emulator clock', async () => {
    consumer = (ev) => (ev.retryContext ? undefined : new InvocationError({ retryAfter: 60, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' } as never));
    await q().push([{ body: { n: 1 } }]);
    expect((await em.drainQueue()).retried).toBe(1);
    expect(deliveries).toHaveLength(1);
    now += 60_000;
    await em.drainQueue();
    expect(deliveries.map((d) => d.retryCount ?? 0)).toEqual([0, 1]);
  });

  it('delivers every event twice when duplication is on, and completes each once', async () => {
    await q().push([{ body: { n: 1 } }, { body: { n: 2 } }]);
    const r = await em.drainQueue({ duplicate: true });
    expect(deliveries.map((d) => d.body.n)).toEqual([1, 1, 2, 2]);
    expect(r).toMatchObject({ delivered: 4, pending: 0 });
  });

  it('keeps undelivered events across a restart of the same database', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reglament-q-'));
    const dbPath = `${dir}/q.sqlite`;
    em.close();
    em = createEmulator({ dbPath, clock: { now: () => now }, appHandlers: handlers });
    em.install();
    await q().push([{ body: { n: 7 }, delayInSeconds: 30 }]);
    em.close();
    em = createEmulator({ dbPath, clock: { now: () => now + 30_000 }, appHandlers: handlers });
    em.install();
    await em.drainQueue();
    expect(deliveries.map((d) => d.body.n)).toEqual([7]);
  });
});
