import type { ClockView } from '../../../src/shared/contract';
import { addWorkingMs, mostUrgent, parseSegments, tickClock, workingMsBetween, type Tick } from '../../../static/shared/ticker';

// Monday 2026-11-23 in Moscow (UTC+3): working 09:00–13:00 and 14:00–18:00, lunch in between.
const MON_0900 = Date.parse('2026-11-23T06:00:00Z');
const MON_1300 = Date.parse('2026-11-23T10:00:00Z');
const MON_1400 = Date.parse('2026-11-23T11:00:00Z');
const MON_1800 = Date.parse('2026-11-23T15:00:00Z');
const TUE_0900 = Date.parse('2026-11-24T06:00:00Z');
const TUE_1800 = Date.parse('2026-11-24T15:00:00Z');
const MIN = 60_000;

const iso = (ms: number) => new Date(ms).toISOString();
const SEGMENTS: Array<[string, string]> = [
  [iso(MON_0900), iso(MON_1300)],
  [iso(MON_1400), iso(MON_1800)],
  [iso(TUE_0900), iso(TUE_1800)],
];

function clock(overrides: Partial<ClockView> = {}): ClockView {
  return {
    kind: 'resolution',
    state: 'running',
    goalMinutes: 240,
    goal: '4h',
    elapsedMinutes: 60,
    remainingMinutes: 180,
    due: null,
    startedAt: iso(MON_0900),
    stoppedAt: null,
    pausedSince: null,
    pauseReason: null,
    resumesAt: null,
    workingSegmentsAhead: SEGMENTS,
    ...overrides,
  };
}

describe('parseSegments', () => {
  it('sorts, merges touching pairs and drops empty or unparseable ones', () => {
    const segs = parseSegments([
      [iso(MON_1400), iso(MON_1800)],
      ['nonsense', iso(MON_1800)],
      [iso(MON_0900), iso(MON_1300)],
      [iso(MON_1300), iso(MON_1400)],
      [iso(TUE_0900), iso(TUE_0900)],
    ]);
    expect(segs).toEqual([[MON_0900, MON_1800]]);
  });
});

describe('workingMsBetween', () => {
  const segs = parseSegments(SEGMENTS);
  it('counts only the working parts of a span that crosses lunch', () => {
    expect(workingMsBetween(segs, MON_0900 + 3 * 60 * MIN, MON_1400 + 30 * MIN)).toBe(90 * MIN);
  });
  it('counts nothing overnight', () => {
    expect(workingMsBetween(segs, MON_1800, TUE_0900)).toBe(0);
  });
  it('is negative when the span runs backwards', () => {
    expect(workingMsBetween(segs, MON_1400 + 10 * MIN, MON_1400)).toBe(-10 * MIN);
  });
});

describe('addWorkingMs', () => {
  const segs = parseSegments(SEGMENTS);
  it('carries over lunch and the night', () => {
    expect(addWorkingMs(segs, MON_0900 + 3 * 60 * MIN, 2 * 60 * MIN)).toBe(MON_1400 + 60 * MIN);
    expect(addWorkingMs(segs, MON_1800 - 30 * MIN, 60 * MIN)).toBe(TUE_0900 + 30 * MIN);
  });
  it('returns null when the segments end before the time is used up', () => {
    expect(addWorkingMs(segs, TUE_0900, 10 * 60 * MIN)).toBeNull();
  });
});

describe('tickClock', () => {
  const segs = parseSegments(SEGMENTS);

  it('counts down one working minute per minute during working hours', () => {
    const serverNowMs = MON_0900 + 60 * MIN;
    const t = tickClock(clock(), segs, { serverNowMs, nowMs: serverNowMs + 5 * MIN });
    expect(t.remainingMs).toBe(175 * MIN);
    expect(t.counting).toBe(true);
    expect(t.pause).toBeNull();
    expect(t.state).toBe('running');
  });

  it('does not count over lunch and says when it resumes', () => {
    const serverNowMs = MON_1300 - 10 * MIN;
    const t = tickClock(clock(), segs, { serverNowMs, nowMs: MON_1300 + 20 * MIN });
    expect(t.remainingMs).toBe(170 * MIN);
    expect(t.counting).toBe(false);
    expect(t.pause).toBe('outsideWorkingHours');
    expect(t.resumesAtMs).toBe(MON_1400);
  });

  it('turns breached when the remaining time runs out and then counts the overdue time', () => {
    const serverNowMs = MON_1800 - 30 * MIN;
    const c = clock({ elapsedMinutes: 220, remainingMinutes: 20 });
    const t = tickClock(c, segs, { serverNowMs, nowMs: MON_1800 - 5 * MIN });
    expect(t.state).toBe('breached');
    expect(t.remainingMs).toBe(0);
    expect(t.overdueMs).toBe(5 * MIN);
    expect(t.progress).toBe(1);
  });

  it('turns at risk when the time left falls below the threshold the server told (exactly at it: still running)', () => {
    const serverNowMs = MON_1400;
    const c = clock({ elapsedMinutes: 170, remainingMinutes: 70 });
    expect(tickClock(c, segs, { serverNowMs, nowMs: MON_1400 + 9 * MIN, atRiskRemainingMs: 60 * MIN }).state).toBe('running');
    expect(tickClock(c, segs, { serverNowMs, nowMs: MON_1400 + 10 * MIN, atRiskRemainingMs: 60 * MIN }).state).toBe('running');
    expect(tickClock(c, segs, { serverNowMs, nowMs: MON_1400 + 10 * MIN + 1, atRiskRemainingMs: 60 * MIN }).state).toBe('atRisk');
  });

  it('keeps a clock paused by status frozen whatever the time', () => {
    const c = clock({ state: 'paused', pauseReason: 'customerWait', pausedSince: iso(MON_0900), elapsedMinutes: 30, remainingMinutes: 210 });
    const t = tickClock(c, segs, { serverNowMs: MON_0900, nowMs: TUE_0900 + 60 * MIN });
    expect(t.remainingMs).toBe(210 * MIN);
    expect(t.counting).toBe(false);
    expect(t.pause).toBe('customerWait');
    expect(t.state).toBe('paused');
  });

  it('resumes counting a clock the server saw outside working hours once work starts', () => {
    const c = clock({ state: 'paused', pauseReason: 'outsideWorkingHours', resumesAt: iso(TUE_0900) });
    const t = tickClock(c, segs, { serverNowMs: MON_1800 + 60 * MIN, nowMs: TUE_0900 + 15 * MIN });
    expect(t.counting).toBe(true);
    expect(t.state).toBe('running');
    expect(t.remainingMs).toBe(165 * MIN);
  });

  it('flags a time past the last segment so the panel asks the server again', () => {
    const t = tickClock(clock({ elapsedMinutes: 0, goalMinutes: 60 * 60 }), segs, { serverNowMs: MON_0900, nowMs: TUE_1800 + MIN });
    expect(t.beyondSegments).toBe(true);
  });

  it('leaves a met clock as the server computed it', () => {
    const c = clock({ state: 'met', elapsedMinutes: 45, remainingMinutes: 195, stoppedAt: iso(MON_0900 + 45 * MIN) });
    const t = tickClock(c, segs, { serverNowMs: MON_0900, nowMs: TUE_1800 });
    expect(t.state).toBe('met');
    expect(t.remainingMs).toBe(195 * MIN);
    expect(t.progress).toBeCloseTo(45 / 240);
  });

  it('counts, not "paused outside working hours", at an instant just before the one the server computed for', () => {
    // The server's segments start at its now (a request created at 10:00 gets [10:00, 13:00)); the
    // panel's first render uses the browser time of its last one-second tick, up to a second older.
    const serverNow = MON_0900 + 60 * MIN;
    const fromNow = clock({ workingSegmentsAhead: [[iso(serverNow), iso(MON_1300)], [iso(MON_1400), iso(MON_1800)]] });
    const segs = parseSegments(fromNow.workingSegmentsAhead);
    const t = tickClock(fromNow, segs, { serverNowMs: serverNow, nowMs: serverNow - 700 });
    expect(t.pause).toBeNull();
    expect(t.counting).toBe(true);
    expect(t.resumesAtMs).toBeNull();
    expect(t.remainingMs).toBe(180 * MIN);
  });

  it('computes the due instant from the segments when the server sent none', () => {
    const t = tickClock(clock({ elapsedMinutes: 200, remainingMinutes: 40 }), segs, { serverNowMs: MON_1800 - 10 * MIN, nowMs: MON_1800 - 10 * MIN });
    expect(t.dueMs).toBe(TUE_0900 + 30 * MIN);
  });
});

describe('mostUrgent', () => {
  const base: Tick = { kind: 'reaction', state: 'running', remainingMs: 0, overdueMs: 0, progress: 0, counting: true, pause: null, resumesAtMs: null, dueMs: null, beyondSegments: false };
  it('prefers a breached clock, the most overdue one first', () => {
    const a = { ...base, state: 'breached' as const, overdueMs: 5 };
    const b = { ...base, state: 'breached' as const, overdueMs: 50 };
    expect(mostUrgent([{ ...base, remainingMs: 1 }, a, b])).toBe(b);
  });
  it('otherwise takes the least time left among running clocks and ignores met ones', () => {
    const a = { ...base, remainingMs: 80 };
    const b = { ...base, state: 'atRisk' as const, remainingMs: 90 };
    const met = { ...base, state: 'met' as const, remainingMs: 1 };
    expect(mostUrgent([a, b, met])).toBe(b);
    expect(mostUrgent([a, { ...base, remainingMs: 10 }, met])?.remainingMs).toBe(10);
  });
  it('returns null when every clock is met', () => {
    expect(mostUrgent([{ ...base, state: 'met' }])).toBeNull();
  });
});
