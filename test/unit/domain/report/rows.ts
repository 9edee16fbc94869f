// Hand-built report rows for the report tests: short helpers so each table reads as data.
import type { ReportClock, ReportClockState, ReportRow } from '../../../../src/domain/report';

/** A clock: state, elapsed minutes, goal minutes; met/breached given a stop unless `live`. */
export function clk(state: ReportClockState, elapsedMinutes: number, goalMinutes = 60, stopped = state === 'met' || state === 'breached'): ReportClock {
  return { state, stopped, elapsedMinutes, goalMinutes };
}

/** A breached clock that is still running (not stopped): counted as breached, not in percentiles. */
export function overdue(elapsedMinutes: number, goalMinutes = 60): ReportClock {
  return clk('breached', elapsedMinutes, goalMinutes, false);
}

let seq = 0;

export function row(over: Partial<ReportRow> = {}): ReportRow {
  seq++;
  const createdMs = over.createdMs ?? Date.UTC(2026, 2, 2, 7, 0) + seq * 60_000;
  return {
    key: `SUP-${seq}`,
    project: 'SUP',
    createdMs,
    month: new Date(createdMs).toISOString().slice(0, 7),
    package: 'optimal',
    priority: '2',
    customer: 'АКБ Барьер',
    agent: 'Рудаков А.',
    reaction: null,
    resolution: null,
    followUp: [],
    pausedMinutes: 0,
    computedAtMs: createdMs + 86_400_000,
    answers: 0,
    accountedMinutes: 0,
    ...over,
  };
}
