// The escalation ladder: hand-worked thresholds on a Mon–Fri 09:00–18:00 Moscow calendar, and the
// properties that make it safe under any sweep schedule (each step once, never early, never missed
// by the next check).

import fc from 'fast-check';
import { calendarDefSchema, compileCalendar, workingBetween } from '../../../../src/domain/calendar';
import {
  dueLadderSteps,
  ladderStepKey,
  MAX_REPEATS,
  nextLadderAt,
  STALE_STEP_MS,
  type LadderClock,
  type LadderLevel,
} from '../../../../src/domain/sla/escalation';

const MIN = 60_000;
const day = ['09:00', '18:00'] as const;
const cal = compileCalendar(
  calendarDefSchema.parse({ name: 'Mon–Fri 9–18', timezone: 'Europe/Moscow', week: { mon: [day], tue: [day], wed: [day], thu: [day], fri: [day], sat: [], sun: [] } }),
);
const at = (s: string) => Date.parse(`${s}+03:00`);
// Monday 2026-03-16 10:00 MSK; goal 4 working hours.
const START = at('2026-03-16T10:00:00');
const GOAL = 240;

const LADDER: LadderLevel<string>[] = [
  { id: 'half', at: { kind: 'elapsed', percent: 50 }, repeatMinutes: null, actions: ['notify assignee'] },
  { id: 'three-quarters', at: { kind: 'elapsed', percent: 75 }, repeatMinutes: null, actions: ['notify lead'] },
  { id: 'hour-before', at: { kind: 'beforeDue', minutes: 60 }, repeatMinutes: null, actions: ['label'] },
  { id: 'due', at: { kind: 'afterDue', minutes: 0 }, repeatMinutes: null, actions: ['notify head'] },
  { id: 'after-2h', at: { kind: 'afterDue', minutes: 120 }, repeatMinutes: 240, actions: ['reassign'] },
];

/** A clock that runs from START without pauses, stopped at `stoppedAt` when given. */
function clockAt(nowMs: number, opts: { stoppedAt?: number | null; pausedFrom?: number; goal?: number } = {}): LadderClock {
  const stoppedAt = opts.stoppedAt ?? null;
  const end = stoppedAt !== null && stoppedAt < nowMs ? stoppedAt : nowMs;
  const pauses: Array<[number, number]> = opts.pausedFrom !== undefined && opts.pausedFrom < end ? [[opts.pausedFrom, end]] : [];
  const elapsed = workingBetween(cal, START, end, pauses) / MIN;
  const goal = opts.goal ?? GOAL;
  const paused = pauses.length > 0 && (stoppedAt === null || stoppedAt > nowMs);
  const state = stoppedAt !== null && stoppedAt <= nowMs ? (elapsed > goal ? 'breached' : 'met') : paused ? 'paused' : elapsed > goal ? 'breached' : 'running';
  return { state, goalMinutes: goal, elapsedMinutes: elapsed, stoppedAt: stoppedAt !== null && stoppedAt <= nowMs ? stoppedAt : null, pauseReason: paused ? 'customerWait' : null };
}

const keys = (nowMs: number, opts?: Parameters<typeof clockAt>[1]) => dueLadderSteps(LADDER, clockAt(nowMs, opts), nowMs).map(ladderStepKey);

describe('escalation ladder on a 4-hour goal started Monday 10:00', () => {
  it.each([
    ['nothing before half the goal (Mon 11:59)', '2026-03-16T11:59:00', []],
    ['50 % at two working hours (Mon 12:00)', '2026-03-16T12:00:00', ['half#0']],
    ['75 % and one hour before due coincide at three hours (Mon 13:00)', '2026-03-16T13:00:00', ['half#0', 'three-quarters#0', 'hour-before#0']],
    ['the due level at four hours (Mon 14:00)', '2026-03-16T14:00:00', ['half#0', 'three-quarters#0', 'hour-before#0', 'due#0']],
    ['due + 2 h at six hours (Mon 16:00)', '2026-03-16T16:00:00', ['half#0', 'three-quarters#0', 'hour-before#0', 'due#0', 'after-2h#0']],
    ['the first repeat four working hours later crosses the night (Tue 11:00)', '2026-03-17T11:00:00', ['half#0', 'three-quarters#0', 'hour-before#0', 'due#0', 'after-2h#0', 'after-2h#1']],
    ['a sweep two working days later fires only the latest repeat (Wed 18:00: 8 + 9 + 9 = 26 h elapsed, (26 − 6) / 4 → repeat 5)', '2026-03-18T18:00:00', ['half#0', 'three-quarters#0', 'hour-before#0', 'due#0', 'after-2h#0', 'after-2h#5']],
  ])('%s', (_name, when, expected) => {
    expect(keys(at(when))).toEqual(expected);
  });

  it.each([
    ['from the start: the 50 % level at Mon 12:00', '2026-03-16T10:00:00', '2026-03-16T12:00:00'],
    ['after 75 %: one hour before due is the same instant, so next is due at Mon 14:00', '2026-03-16T13:00:00', '2026-03-16T14:00:00'],
    ['in the night after due + 2 h: the repeat at Tue 11:00', '2026-03-16T22:00:00', '2026-03-17T11:00:00'],
    ['after the first repeat (Tue 12:00): the second one four working hours after Tue 11:00, at Tue 15:00', '2026-03-17T12:00:00', '2026-03-17T15:00:00'],
  ])('next check %s', (_name, now, expected) => {
    expect(nextLadderAt(LADDER, clockAt(at(now)), cal, at(now))).toBe(at(expected));
  });

  it('a clock paused for the customer has no next step by time alone; its reached levels stay due', () => {
    const c = clockAt(at('2026-03-16T15:00:00'), { pausedFrom: at('2026-03-16T12:30:00') });
    expect(c.state).toBe('paused');
    expect(nextLadderAt(LADDER, c, cal, at('2026-03-16T15:00:00'))).toBeNull();
    expect(dueLadderSteps(LADDER, c, at('2026-03-16T15:00:00')).map(ladderStepKey)).toEqual(['half#0']);
  });

  it('a stopped clock fires what it reached before the stop for 24 h, never repeats, then nothing', () => {
    const stoppedAt = at('2026-03-17T11:30:00');
    expect(keys(at('2026-03-17T12:00:00'), { stoppedAt })).toEqual(['half#0', 'three-quarters#0', 'hour-before#0', 'due#0', 'after-2h#0']);
    expect(keys(stoppedAt + STALE_STEP_MS + 1, { stoppedAt })).toEqual([]);
    expect(nextLadderAt(LADDER, clockAt(at('2026-03-17T12:00:00'), { stoppedAt }), cal, at('2026-03-17T12:00:00'))).toBeNull();
  });

  it(`repeats stop after ${MAX_REPEATS}`, () => {
    const far = dueLadderSteps(LADDER, { state: 'breached', goalMinutes: GOAL, elapsedMinutes: GOAL + 120 + 240 * 500, stoppedAt: null, pauseReason: null }, 0);
    expect(far.find((s) => s.level.id === 'after-2h' && s.occurrence > 0)?.occurrence).toBe(MAX_REPEATS);
    expect(nextLadderAt(LADDER, { state: 'breached', goalMinutes: GOAL, elapsedMinutes: GOAL + 120 + 240 * 500, stoppedAt: null, pauseReason: null }, cal, START)).toBeNull();
  });
});

describe('escalation ladder under any sweep schedule (property)', () => {
  // Sweeps at random instants over ten days (each sweep may also be lost), a random stop and pause.
  const schedule = fc.record({
    gaps: fc.array(fc.integer({ min: 1, max: 600 }), { minLength: 1, maxLength: 80 }),
    lost: fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
    stopAfterMin: fc.option(fc.integer({ min: 1, max: 8000 }), { nil: undefined }),
    pauseAfterMin: fc.option(fc.integer({ min: 1, max: 8000 }), { nil: undefined }),
  });

  it('fires each step at most once, never before its threshold, every level reached exactly once, and the next check is never late', () => {
    fc.assert(
      fc.property(schedule, ({ gaps, lost, stopAfterMin, pauseAfterMin }) => {
        const stoppedAt = stopAfterMin === undefined ? null : START + stopAfterMin * MIN;
        const pausedFrom = pauseAfterMin === undefined ? undefined : START + pauseAfterMin * MIN;
        const opts = { stoppedAt, ...(pausedFrom === undefined ? {} : { pausedFrom }) };
        const fired = new Map<string, number>();
        let t = START;
        let promisedNext: number | null = null;
        gaps.forEach((g, i) => {
          t += g * MIN;
          const clock = clockAt(t, opts);
          const due = dueLadderSteps(LADDER, clock, t);
          // Never late: nothing new became due before the instant the previous sweep asked to be woken at.
          if (promisedNext !== null && t < promisedNext) {
            for (const s of due) if (!fired.has(ladderStepKey(s))) throw new Error(`${ladderStepKey(s)} due at ${new Date(t).toISOString()} before the promised next check ${new Date(promisedNext).toISOString()}`);
          }
          for (const s of due) {
            // Never early: the clock's elapsed time has reached the step's threshold.
            if (clock.elapsedMinutes * MIN + 1 < s.thresholdMs) throw new Error(`${ladderStepKey(s)} fired early`);
            const k = ladderStepKey(s);
            if (!lost[i] && !fired.has(k)) fired.set(k, t);
          }
          if (!lost[i]) promisedNext = nextLadderAt(LADDER, clock, cal, t);
        });
        // Every level the clock reached while a sweep could still see it fired exactly once (a map key).
        const last = t;
        const reachedByEnd = dueLadderSteps(LADDER, clockAt(last, opts), last).filter((s) => s.occurrence === 0).map(ladderStepKey);
        const lastSeen = gaps.length - 1;
        if (!lost[lastSeen]) for (const k of reachedByEnd) expect(fired.has(k)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
