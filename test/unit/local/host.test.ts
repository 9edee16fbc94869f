// The local host's schedule: the sweep runs at each 5-minute boundary simulated time crosses
// (thinned for long jumps), and the simulated clock survives a restart.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalHost, MAX_SWEEPS_PER_ADVANCE, SimClock } from '../../../local/host';
import type { AppHandlers } from '../../../local/emulator';

const T0 = Date.UTC(2026, 2, 2, 9, 2); // 2 minutes past a 5-minute boundary
let sweeps: number[];
let host: LocalHost;
const handlers = (): AppHandlers => ({
  uiResolver: async () => null,
  onIssueEvent: async () => undefined,
  sweep: async () => {
    sweeps.push(host.clock.now());
    return { statusCode: 204 };
  },
  worker: async () => undefined,
  fieldSuggestions: async () => [],
});

beforeEach(() => {
  sweeps = [];
});
afterEach(() => host?.close());

describe('LocalHost.advanceTo', () => {
  it('runs one sweep per 5-minute boundary crossed, at the boundary', async () => {
    host = new LocalHost({ dbPath: ':memory:', startMs: T0, appHandlers: handlers() });
    const r = await host.advanceTo(T0 + 20 * 60_000);
    expect(sweeps.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['09:05', '09:10', '09:15', '09:20']);
    expect(r.sweeps).toBe(4);
    expect(host.clock.now()).toBe(T0 + 20 * 60_000);
  });

  it('thins the sweeps of a long jump to the cap and still sweeps at the end', async () => {
    host = new LocalHost({ dbPath: ':memory:', startMs: T0, appHandlers: handlers() });
    const to = T0 + 14 * 86_400_000;
    await host.advanceTo(to);
    expect(sweeps.length).toBeLessThanOrEqual(MAX_SWEEPS_PER_ADVANCE + 1);
    expect(sweeps.length).toBeGreaterThan(MAX_SWEEPS_PER_ADVANCE / 2);
    expect(to - sweeps[sweeps.length - 1]!).toBeLessThan(5 * 60_000);
    expect([...sweeps].sort((a, b) => a - b)).toEqual(sweeps);
  });

  it('refuses to move time backwards', async () => {
    host = new LocalHost({ dbPath: ':memory:', startMs: T0, appHandlers: handlers() });
    await expect(host.advanceTo(T0 - 1)).rejects.toThrow(/only moves forward/);
  });

  it('keeps the simulated time across a restart of the same database', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'reglament-host-')), 'h.sqlite');
    host = new LocalHost({ dbPath, startMs: T0, appHandlers: handlers() });
    await host.advanceTo(T0 + 3 * 3_600_000);
    host.close();
    host = new LocalHost({ dbPath, startMs: Date.UTC(2030, 0, 1), appHandlers: handlers() });
    expect(host.clock.now()).toBe(T0 + 3 * 3_600_000);
  });

  it('fires the real-time sweep once per 5-minute slot', async () => {
    host = new LocalHost({ dbPath: ':memory:', startMs: T0, appHandlers: handlers() });
    expect(await host.tick()).toBe(false);
    host.clock.set(T0 + 60_000);
    expect(await host.tick()).toBe(false);
    host.clock.set(T0 + 4 * 60_000);
    expect(await host.tick()).toBe(true);
    expect(await host.tick()).toBe(false);
  });
});

describe('SimClock', () => {
  // Fake system time, so that each step can fail: run() and freeze() made no-ops break it.
  it('stands still until it runs, then follows real time from where it was set', () => {
    jest.useFakeTimers({ now: 5_000_000 });
    try {
      const c = new SimClock(1_000);
      jest.advanceTimersByTime(7_000);
      expect(c.now()).toBe(1_000);
      expect(c.running).toBe(false);
      c.run();
      jest.advanceTimersByTime(2_500);
      expect(c.now()).toBe(3_500);
      c.set(50_000);
      jest.advanceTimersByTime(1_000);
      expect(c.now()).toBe(51_000);
      c.freeze();
      jest.advanceTimersByTime(60_000);
      expect(c.now()).toBe(51_000);
      expect(c.running).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('LocalHost.nextWorkingHour', () => {
  // A saved configuration whose calendar differs from every template: Tokyo, 10:00–12:00 only.
  const tokyo = {
    name: 'Tokyo mornings',
    timezone: 'Asia/Tokyo',
    week: { mon: [['10:00', '12:00']], tue: [['10:00', '12:00']], wed: [['10:00', '12:00']], thu: [['10:00', '12:00']], fri: [['10:00', '12:00']], sat: [], sun: [] },
  };
  const withSaved = (saved: Record<string, unknown>): AppHandlers => ({
    ...handlers(),
    uiResolver: async (request: unknown) => {
      const call = (request as { call: { functionKey: string; payload: { scope: string } } }).call;
      if (call.functionKey !== 'getAdminState') return { ok: false, error: { code: 'notFound', message: 'no' } };
      const config = saved[call.payload.scope] ?? null;
      return { ok: true, data: { scope: call.payload.scope, config } };
    },
  });

  it("lands one hour of working time later in the project's saved calendar, not 60 minutes later", async () => {
    const friday = Date.UTC(2026, 2, 6, 2, 30); // Fri 11:30 in Tokyo: 30 working minutes left that day
    host = new LocalHost({ dbPath: ':memory:', startMs: friday, appHandlers: withSaved({ SUP: { calendarId: 'c', calendars: { c: tokyo } } }) });
    host.emulator.seedSite();
    const r = await host.nextWorkingHour('SUP');
    expect(new Date(r.to).toISOString()).toBe('2026-03-09T01:30:00.000Z'); // Mon 10:30 Tokyo
    expect(r.calendar).toBe('Tokyo mornings');
  });

  it('uses the site-wide configuration when the project has none of its own', async () => {
    const friday = Date.UTC(2026, 2, 6, 2, 30);
    host = new LocalHost({ dbPath: ':memory:', startMs: friday, appHandlers: withSaved({ default: { calendarId: 'c', calendars: { c: tokyo } } }) });
    host.emulator.seedSite();
    expect((await host.nextWorkingHour('SUP')).calendar).toBe('Tokyo mornings');
  });

  it("falls back to the project's template calendar before anything is saved", async () => {
    const sunday = Date.UTC(2026, 2, 8, 9, 0); // Sunday noon in Moscow
    host = new LocalHost({ dbPath: ':memory:', startMs: sunday, appHandlers: withSaved({}) });
    host.emulator.seedSite({ projects: [{ key: 'ALTEC', name: 'Altec', template: 'altec' }] });
    const r = await host.nextWorkingHour('ALTEC');
    expect(new Date(r.to).toISOString()).toBe('2026-03-10T07:00:00.000Z'); // Tue 10:00 MSK: Mon 9 March is a holiday (8 March moved)
    expect(r.calendar).toBe('Altec: Mon–Fri 09:00–18:00 MSK');
    // The page's toast says it in the page language.
    expect(r.calendarNames).toEqual({ ru: 'Алтек: пн–пт 09:00–18:00 МСК', en: 'Altec: Mon–Fri 09:00–18:00 MSK' });
  });
});

