// Issue SLA views for the fake-bridge browser tests, built around the real `now` so the countdown
// has working time to tick in.
import type { IssueSlaView } from '../../src/shared/contract';

const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A resolution clock counting now, a met reaction, a follow-up paused while waiting for the customer. */
export function countingView(nowMs: number): IssueSlaView {
  const segments: Array<[string, string]> = [
    [iso(nowMs - H), iso(nowMs + 3 * H)],
    [iso(nowMs + 18 * H), iso(nowMs + 27 * H)],
  ];
  return {
    issueKey: 'SUP-1',
    configured: true,
    licensed: true,
    calendar: { id: 'altec', timezone: 'Europe/Moscow', name: 'Altec: Mon–Fri 09:00–18:00 MSK' },
    package: {
      id: '8x5x4',
      name: { ru: 'Опция 8*5*4', en: 'Option 8*5*4' },
      channels: ['Телефон (812) 320-08-88', 'support@altec.ru'],
      extras: ['Удаленная диагностика', 'Обновления версий'],
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      expired: false,
      fallback: false,
      channelsLocalized: [
        { ru: 'Телефон: (812) 320-08-88', en: 'Phone: (812) 320-08-88' },
        { ru: 'Электронная почта: support@altec.ru', en: 'E-mail: support@altec.ru' },
      ],
      extrasLocalized: [
        { ru: 'Удаленная диагностика', en: 'Remote diagnostics' },
        { ru: 'Обновления версий', en: 'Version updates' },
      ],
    },
    priority: {
      id: '2',
      name: { ru: 'Приоритет 2', en: 'Priority 2' },
      definition: { ru: 'ПП функционирует частично либо с низкой производительностью.', en: 'The software works partially or with low performance.' },
    },
    clocks: [
      {
        kind: 'reaction', state: 'met', goalMinutes: 30, goal: '30m', elapsedMinutes: 12, remainingMinutes: 18, due: null,
        startedAt: iso(nowMs - 5 * H), stoppedAt: iso(nowMs - 5 * H + 12 * 60_000), pausedSince: null, pauseReason: null, resumesAt: null, workingSegmentsAhead: [],
      },
      {
        kind: 'resolution', state: 'running', goalMinutes: 960, goal: '2wd', elapsedMinutes: 825, remainingMinutes: 135, due: iso(nowMs + 135 * 60_000),
        startedAt: iso(nowMs - 5 * H), stoppedAt: null, pausedSince: null, pauseReason: null, resumesAt: null, workingSegmentsAhead: segments, atRiskRemainingMinutes: 240,
      },
      {
        kind: 'followUp', state: 'paused', goalMinutes: 30, goal: '30m', elapsedMinutes: 10, remainingMinutes: 20, due: null,
        startedAt: iso(nowMs - 2 * H), stoppedAt: null, pausedSince: iso(nowMs - H), pauseReason: 'customerWait', resumesAt: null, workingSegmentsAhead: [], cycle: { index: 2, count: 2 },
      },
    ],
    autoClose: null,
    history: [
      { at: iso(nowMs - 5 * H), clock: 'request', what: 'started' },
      { at: iso(nowMs - 5 * H), clock: 'reaction', what: 'started' },
      { at: iso(nowMs - 5 * H), clock: 'resolution', what: 'started' },
      { at: iso(nowMs - 5 * H + 12 * 60_000), clock: 'reaction', what: 'met' },
      { at: iso(nowMs - 4 * H), clock: 'resolution', what: 'goalChanged', detail: '4wd → 2wd' },
      { at: iso(nowMs - 2 * H), clock: 'followUp', what: 'started' },
      { at: iso(nowMs - H), clock: 'followUp', what: 'paused' },
      { at: iso(nowMs - H), clock: 'resolution', what: 'paused' },
      { at: iso(nowMs - 0.5 * H), clock: 'resolution', what: 'resumed' },
    ],
    warnings: [],
    warningDetails: [],
    now: iso(nowMs),
  };
}

/** The same request at night: the resolution clock waits for the next working day. */
export function nightView(nowMs: number): IssueSlaView {
  const v = countingView(nowMs);
  const resolution = v.clocks[1];
  if (resolution) {
    resolution.workingSegmentsAhead = [[iso(nowMs + 9 * H), iso(nowMs + 18 * H)]];
    resolution.pauseReason = 'outsideWorkingHours';
    resolution.resumesAt = iso(nowMs + 9 * H);
    resolution.due = iso(nowMs + 9 * H + 135 * 60_000);
  }
  return v;
}

/** The counting request as the server computes it: the first working segment starts at its now. */
export function freshView(nowMs: number): IssueSlaView {
  const v = countingView(nowMs);
  const resolution = v.clocks[1];
  if (resolution) resolution.workingSegmentsAhead = [[iso(nowMs), iso(nowMs + 3 * H)], [iso(nowMs + 18 * H), iso(nowMs + 27 * H)]];
  return v;
}
