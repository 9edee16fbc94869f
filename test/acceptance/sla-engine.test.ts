// Acceptance tests of the `sla` command's engine operations (issue 2): due, elapsed, stats, batch.
// Written from the issue texts and DOMAIN.md only; every expectation is worked out by hand in the
// comment next to it. The CLI runs as a real process: all batch cases go through ONE `sla batch`.
//
// Calendars (DOMAIN.md, all Europe/Moscow, +03:00 all year):
//   agentplus  Mon–Fri 07:00–18:00, RU, short days −60          (nominal day 11 h)
//   advantshop Mon–Fri 08:00–20:00, Sat/Sun and holidays 09:00–18:00, RU, shortenBy 0 (nominal 12 h)
//   pass24 / altec / barier  Mon–Fri 09:00–18:00, RU, short −60  (nominal day 9 h)
//   24x7       every minute
// Production calendar facts used below (shared/data):
//   2026: Jan 1–9 off (+ weekend 10–11), 2026-02-23 Mon off, 2026-03-09 Mon off (Mar 8 on Sunday moved),
//         2026-05-01 Fri off, 2026-05-11 Mon off, 2026-06-12 Fri off, 2026-11-04 Wed off, 2026-12-31 Thu off;
//         short days 2026-04-30, 2026-05-08, 2026-06-11, 2026-11-03 (NOT 2026-02-20, NOT 2026-12-30).
//   2025: 2025-12-31 off; 2025-11-01 Sat is a short working day; 2025-11-03/04 off.
//   2024: 2024-11-02 Sat is a short working day; 2024-11-04 Mon off.
//   2027: 2027-01-01..08 off, 2027-01-11 Mon first working day; 2027-02-20 Sat short working day.

import { ISO_WITH_SECONDS_MSK, type Json, type JsonObject, msk, runBatch, runSla } from './run-cli';
import { OFFICIAL } from './official-ru-totals';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

interface Case {
  readonly name: string;
  readonly line: JsonObject | string;
  readonly check: (out: JsonObject) => void;
}

const due = (calendar: Json, start: string, goal: string, pauses?: [string, string][]): JsonObject =>
  pauses ? { op: 'due', calendar, start, goal, pauses } : { op: 'due', calendar, start, goal };
const elapsed = (calendar: Json, from: string, to: string, pauses?: [string, string][]): JsonObject =>
  pauses ? { op: 'elapsed', calendar, from, to, pauses } : { op: 'elapsed', calendar, from, to };

const expectDue = (iso: string) => (out: JsonObject) => {
  expect(out.error).toBeUndefined();
  expect(out.due).toBe(iso);
  // inside 2023–2027 there is nothing to warn about
  expect(out.warnings === undefined || (Array.isArray(out.warnings) && out.warnings.length === 0)).toBe(true);
};
const expectSameInstant = (iso: string) => (out: JsonObject) => {
  expect(out.error).toBeUndefined();
  expect(typeof out.due).toBe('string');
  expect(out.due).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/);
  expect(Date.parse(out.due as string)).toBe(Date.parse(iso));
};
const expectMinutes = (n: number) => (out: JsonObject) => {
  expect(out.error).toBeUndefined();
  expect(out.minutes).toBe(n);
};
const expectError = (mentions?: RegExp) => (out: JsonObject) => {
  expect(typeof out.error).toBe('string');
  expect((out.error as string).length).toBeGreaterThan(0);
  if (mentions) expect(out.error).toMatch(mentions);
};
/** outside 2023–2027: "refuse or warn", never silent */
const expectFlagged = (year: RegExp) => (out: JsonObject) => {
  if (typeof out.error === 'string') {
    expect(out.error).toMatch(year);
    return;
  }
  expect(Array.isArray(out.warnings)).toBe(true);
  const w = out.warnings as Json[];
  expect(w.length).toBeGreaterThan(0);
  expect(w.join(' ')).toMatch(year);
};

const FORTY_HOUR_WEEK: JsonObject = {
  timezone: 'Europe/Moscow',
  week: {
    mon: [['09:00', '13:00'], ['14:00', '18:00']],
    tue: [['09:00', '13:00'], ['14:00', '18:00']],
    wed: [['09:00', '13:00'], ['14:00', '18:00']],
    thu: [['09:00', '13:00'], ['14:00', '18:00']],
    fri: [['09:00', '13:00'], ['14:00', '18:00']],
  },
  productionCalendar: 'RU',
};

const NINE_TO_SIX: JsonObject = {
  mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']],
};
const ALL_DAY_EVERY_DAY: JsonObject = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));

const CASES: Case[] = [
  // ───────────── barier / altec / pass24: Mon–Fri 09:00–18:00 ─────────────
  {
    // Mon 2026-03-02 09:00 + 9h = 18:00 exactly: due at closing time, not Tue 09:00
    name: 'barier: a goal ending exactly at closing time is due 18:00 the same day',
    line: due('barier', msk('2026-03-02T09:00'), '9h'),
    check: expectDue(msk('2026-03-02T18:00')),
  },
  {
    // Mon 14:00 + 4h = 18:00
    name: 'altec: 4h from 14:00 is due at 18:00, not the next morning',
    line: due('altec', msk('2026-03-02T14:00'), '4h'),
    check: expectDue(msk('2026-03-02T18:00')),
  },
  {
    // Tue 2026-03-03 07:15 is before opening: counting starts 09:00, + 30m = 09:30
    name: 'altec: a request before opening counts from 09:00',
    line: due('altec', msk('2026-03-03T07:15'), '30m'),
    check: expectDue(msk('2026-03-03T09:30')),
  },
  {
    // Wed 2026-03-04 23:40 at night: nothing till Thu 09:00, + 60m = Thu 10:00
    name: 'altec: a request at night counts from the next opening',
    line: due('altec', msk('2026-03-04T23:40'), '60m'),
    check: expectDue(msk('2026-03-05T10:00')),
  },
  {
    // Fri 2026-03-06 16:30 + 4h: 1.5h Fri → 18:00; Sat, Sun off; Mon 2026-03-09 off (Women's day on Sunday moved);
    // Tue 09:00 + 2.5h = 11:30
    name: 'barier: Friday evening before the moved Women\'s day holiday lands on Tuesday 11:30',
    line: due('barier', msk('2026-03-06T16:30'), '4h'),
    check: expectDue(msk('2026-03-10T11:30')),
  },
  {
    // Fri 2026-02-20 19:00 (after closing; Feb 20 is an ordinary day, not short) + 3h: weekend, Mon 02-23 off,
    // Tue 2026-02-24 09:00 + 3h = 12:00
    name: 'barier: Friday after closing before Defender of the Fatherland day is due Tuesday 12:00',
    line: due('barier', msk('2026-02-20T19:00'), '3h'),
    check: expectDue(msk('2026-02-24T12:00')),
  },
  {
    // Fri 2026-02-20 16:00 + 2h = 18:00: Feb 20 2026 is NOT a short day (data, not a rule)
    name: 'pass24: Friday 2026-02-20 before a holiday is not shortened',
    line: due('pass24', msk('2026-02-20T16:00'), '2h'),
    check: expectDue(msk('2026-02-20T18:00')),
  },
  {
    // Tue 2025-12-30 17:00 (ordinary day) + 4h: 1h → 18:00; 2025-12-31 off; 2026-01-01..11 off;
    // Mon 2026-01-12 09:00 + 3h = 12:00
    name: 'barier: a request before the New Year holidays is due on 12 January',
    line: due('barier', msk('2025-12-30T17:00'), '4h'),
    check: expectDue(msk('2026-01-12T12:00')),
  },
  {
    // Thu 2026-04-30 is short (09:00–17:00). 15:00 + 3h: 2h → 17:00; May 1 off, 2–3 weekend;
    // Mon 2026-05-04 09:00 + 1h = 10:00
    name: 'pass24: a short pre-holiday day closes at 17:00',
    line: due('pass24', msk('2026-04-30T15:00'), '3h'),
    check: expectDue(msk('2026-05-04T10:00')),
  },
  {
    // Thu 2026-04-30 09:00 + 8h = 17:00, the short day's closing time
    name: 'barier: a goal ending at a short day\'s closing time is due 17:00',
    line: due('barier', msk('2026-04-30T09:00'), '8h'),
    check: expectDue(msk('2026-04-30T17:00')),
  },
  {
    // Fri 2024-11-01 17:00 + 3h: 1h Fri; Sat 2024-11-02 is a working (short) day 09:00–17:00: 09:00 + 2h = 11:00
    name: 'altec: working Saturday 2024-11-02 counts',
    line: due('altec', msk('2024-11-01T17:00'), '3h'),
    check: expectDue(msk('2024-11-02T11:00')),
  },
  {
    // Sat 2024-11-02 16:00 + 2h: 1h till 17:00 (short); Sun off; Mon 2024-11-04 off; Tue 09:00 + 1h = 10:00
    name: 'altec: working Saturday 2024-11-02 is short and Monday 4 November is off',
    line: due('altec', msk('2024-11-02T16:00'), '2h'),
    check: expectDue(msk('2024-11-05T10:00')),
  },
  {
    // Fri 2025-10-31 18:30 (closed) + 4h: Sat 2025-11-01 works 09:00–17:00: 09:00 + 4h = 13:00
    name: 'barier: working Saturday 2025-11-01 counts from 09:00',
    line: due('barier', msk('2025-10-31T18:30'), '4h'),
    check: expectDue(msk('2025-11-01T13:00')),
  },
  {
    // Sat 2025-11-01 16:30 + 1h: 0.5h till 17:00; Sun; Mon 11-03 and Tue 11-04 off; Wed 2025-11-05 09:00 + 0.5h = 09:30
    name: 'pass24: after the short working Saturday 2025-11-01 the next working day is 5 November',
    line: due('pass24', msk('2025-11-01T16:30'), '1h'),
    check: expectDue(msk('2025-11-05T09:30')),
  },
  {
    // Fri 2027-02-19 17:00 + 4h: 1h Fri; Sat 2027-02-20 works (short) 09:00 + 3h = 12:00
    name: 'pass24: working Saturday 2027-02-20 counts',
    line: due('pass24', msk('2027-02-19T17:00'), '4h'),
    check: expectDue(msk('2027-02-20T12:00')),
  },
  {
    // 90s from Mon 17:59: 60s Mon → 18:00, Tue 09:00 + 30s = 09:00:30 (seconds are kept)
    name: 'barier: a 90s goal keeps seconds in the output',
    line: due('barier', msk('2026-03-02T17:59'), '90s'),
    check: expectDue('2026-03-03T09:00:30+03:00'),
  },
  {
    // input in UTC: 2026-03-02T06:00Z = 09:00 MSK; + 1h = 10:00 MSK, printed with +03:00
    name: 'barier: an instant given in UTC is answered in the calendar zone',
    line: due('barier', '2026-03-02T06:00:00Z', '1h'),
    check: expectDue(msk('2026-03-02T10:00')),
  },
  // ── goal units on a 9-hour day
  {
    // 1wd = Monday's working time = 9h; Mon 09:00 + 9h = 18:00
    name: 'barier: 1wd from Monday 09:00 is due 18:00 the same day',
    line: due('barier', msk('2026-03-02T09:00'), '1wd'),
    check: expectDue(msk('2026-03-02T18:00')),
  },
  {
    // 2wd = 18h from Fri 2026-03-06 16:30: 1.5h Fri; Mon 03-09 off; Tue 9h (10.5h); Wed 09:00 + 7.5h = 16:30
    name: 'altec: 2wd from Friday 16:30 over the moved holiday is due Wednesday 16:30',
    line: due('altec', msk('2026-03-06T16:30'), '2wd'),
    check: expectDue(msk('2026-03-11T16:30')),
  },
  {
    // 1wd = 9h (nominal, Monday's), from short Thu 2026-04-30 09:00: 8h → 17:00; Mon 2026-05-04 09:00 + 1h = 10:00
    name: 'barier: wd is the nominal day, so 1wd from a short day spills into the next working day',
    line: due('barier', msk('2026-04-30T09:00'), '1wd'),
    check: expectDue(msk('2026-05-04T10:00')),
  },
  {
    // 5bd from Wed 2026-03-04 10:00: business days Thu 5, Fri 6, (Mon 9 is a holiday), Tue 10, Wed 11, Thu 12
    // → same wall-clock time Thu 2026-03-12 10:00; the working time up to there is reached exactly then
    name: 'pass24: 5bd skips the moved holiday and lands at the same wall-clock time',
    line: due('pass24', msk('2026-03-04T10:00'), '5bd'),
    check: expectDue(msk('2026-03-12T10:00')),
  },
  {
    // 1bd from Fri 2026-03-06 20:00 → Tue 2026-03-10 20:00; working time in between = Tue 09–18 = 9h;
    // the earliest instant at which 9h are counted is Tue 18:00
    name: 'barier: 1bd from Friday night is due at Tuesday\'s closing time',
    line: due('barier', msk('2026-03-06T20:00'), '1bd'),
    check: expectDue(msk('2026-03-10T18:00')),
  },
  {
    // 24h,5bd from Wed 2026-03-04 10:00: 24h working = Wed 8 + Thu 9 (17) + Fri 7 → Fri 16:00;
    // 5bd = 45h (Wed 8, Thu 9, Fri 9, Tue 9, Wed 9, Thu 1). Smallest = 24h → Fri 2026-03-06 16:00
    name: 'pass24: "24h,5bd" takes the smaller limit (24h)',
    line: due('pass24', msk('2026-03-04T10:00'), '24h,5bd'),
    check: expectDue(msk('2026-03-06T16:00')),
  },
  {
    // 48h,5bd from the same start: 5bd = 45h < 48h → Thu 2026-03-12 10:00
    name: 'pass24: "48h,5bd" takes the smaller limit (5bd)',
    line: due('pass24', msk('2026-03-04T10:00'), '48h,5bd'),
    check: expectDue(msk('2026-03-12T10:00')),
  },
  {
    // order does not matter: "5bd,4h" → 4h → Wed 10:00 + 4h = 14:00
    name: 'altec: a comma goal is the smallest whatever the order',
    line: due('altec', msk('2026-03-04T10:00'), '5bd,4h'),
    check: expectDue(msk('2026-03-04T14:00')),
  },
  // ── pauses
  {
    // Mon 09:00 + 4h with pause [10:00, 12:00): 1h to 10:00, paused, 12:00 + 3h = 15:00
    name: 'barier: a pause delays the due instant by the working time it covers',
    line: due('barier', msk('2026-03-02T09:00'), '4h', [[msk('2026-03-02T10:00'), msk('2026-03-02T12:00')]]),
    check: expectDue(msk('2026-03-02T15:00')),
  },
  {
    // Mon 16:00 + 4h, pause [Mon 17:00, Tue 10:00): Mon 1h; Tue 10:00 + 3h = 13:00
    name: 'barier: an overnight pause resumes counting at its end',
    line: due('barier', msk('2026-03-02T16:00'), '4h', [[msk('2026-03-02T17:00'), msk('2026-03-03T10:00')]]),
    check: expectDue(msk('2026-03-03T13:00')),
  },
  {
    // pause entirely outside working time changes nothing: Mon 09:00 + 4h = 13:00
    name: 'altec: a pause at night does not move the due instant',
    line: due('altec', msk('2026-03-02T09:00'), '4h', [[msk('2026-03-01T20:00'), msk('2026-03-02T08:00')]]),
    check: expectDue(msk('2026-03-02T13:00')),
  },

  // ───────────── agentplus: Mon–Fri 07:00–18:00, short −60 ─────────────
  {
    // Mon 14:00 + 240m = 18:00
    name: 'agentplus: 240m from 14:00 is due at closing time 18:00',
    line: due('agentplus', msk('2026-03-02T14:00'), '240m'),
    check: expectDue(msk('2026-03-02T18:00')),
  },
  {
    // Mon 05:00 before opening: 07:00 + 4h = 11:00
    name: 'agentplus: a request before 07:00 counts from 07:00',
    line: due('agentplus', msk('2026-03-02T05:00'), '240m'),
    check: expectDue(msk('2026-03-02T11:00')),
  },
  {
    // Fri 2026-03-06 17:00 + 4h: 1h; Mon 03-09 off; Tue 07:00 + 3h = 10:00
    name: 'agentplus: Friday evening before the moved holiday is due Tuesday 10:00',
    line: due('agentplus', msk('2026-03-06T17:00'), '240m'),
    check: expectDue(msk('2026-03-10T10:00')),
  },
  {
    // Fri 2026-05-08 short (07:00–17:00): 15:00 + 4h: 2h → 17:00; Sat 9 holiday, Sun 10, Mon 11 off;
    // Tue 2026-05-12 07:00 + 2h = 09:00
    name: 'agentplus: the short day before Victory day closes at 17:00',
    line: due('agentplus', msk('2026-05-08T15:00'), '240m'),
    check: expectDue(msk('2026-05-12T09:00')),
  },
  {
    // 1wd = 11h: Mon 07:00 + 11h = 18:00
    name: 'agentplus: 1wd is 11 working hours',
    line: due('agentplus', msk('2026-03-02T07:00'), '1wd'),
    check: expectDue(msk('2026-03-02T18:00')),
  },
  {
    // 2wd = 22h from short Thu 2026-06-11 07:00: Thu 10h (07–17); Fri 06-12 off; Mon 06-15 11h (21h);
    // Tue 2026-06-16 07:00 + 1h = 08:00
    name: 'agentplus: 2wd across the short day and Russia day',
    line: due('agentplus', msk('2026-06-11T07:00'), '2wd'),
    check: expectDue(msk('2026-06-16T08:00')),
  },
  {
    // Fri 2024-11-01 17:00 + 4h: 1h; Sat 2024-11-02 works Monday's 07:00–18:00 shortened to 17:00: 07:00 + 3h = 10:00
    name: 'agentplus: working Saturday 2024-11-02 opens at 07:00 (Monday\'s hours)',
    line: due('agentplus', msk('2024-11-01T17:00'), '240m'),
    check: expectDue(msk('2024-11-02T10:00')),
  },
  {
    // Sat 2025-11-01 16:00 + 4h: 1h till 17:00 (short); Sun; Mon 3, Tue 4 off; Wed 2025-11-05 07:00 + 3h = 10:00
    name: 'agentplus: working Saturday 2025-11-01 closes at 17:00',
    line: due('agentplus', msk('2025-11-01T16:00'), '240m'),
    check: expectDue(msk('2025-11-05T10:00')),
  },
  {
    // Wed 2026-12-30 (ordinary, not short) 16:00 + 4h: 2h; 2026-12-31 off; 2027-01-01..08 off, 9–10 weekend;
    // Mon 2027-01-11 07:00 + 2h = 09:00
    name: 'agentplus: before the 2027 New Year holidays the clock resumes on 11 January',
    line: due('agentplus', msk('2026-12-30T16:00'), '240m'),
    check: expectDue(msk('2027-01-11T09:00')),
  },

  // ───────────── advantshop: weekdays 08–20, weekends/holidays 09–18, shortenBy 0 ─────────────
  {
    // Mon 17:00 + 3h = 20:00
    name: 'advantshop: a goal ending at 20:00 is due at 20:00',
    line: due('advantshop', msk('2026-03-02T17:00'), '3h'),
    check: expectDue(msk('2026-03-02T20:00')),
  },
  {
    // Mon 18:00 + 3h: 2h → 20:00; Tue 08:00 + 1h = 09:00
    name: 'advantshop: weekday hours run to 20:00 and reopen at 08:00',
    line: due('advantshop', msk('2026-03-02T18:00'), '3h'),
    check: expectDue(msk('2026-03-03T09:00')),
  },
  {
    // Tue 2026-03-03 06:00 before opening + 24h: Tue 08–20 12h, Wed 08–20 12h → Wed 20:00 exactly
    name: 'advantshop: 24h from before opening is due at Wednesday\'s closing time',
    line: due('advantshop', msk('2026-03-03T06:00'), '24h'),
    check: expectDue(msk('2026-03-04T20:00')),
  },
  {
    // Fri 2026-03-06 19:00 + 3h: 1h → 20:00; Sat 03-07 works 09–18: 09:00 + 2h = 11:00
    name: 'advantshop: Friday evening continues on Saturday 09:00',
    line: due('advantshop', msk('2026-03-06T19:00'), '3h'),
    check: expectDue(msk('2026-03-07T11:00')),
  },
  {
    // Sun 2026-03-08 17:00 + 3h: 1h → 18:00; Mon 2026-03-09 is a holiday → holiday hours 09–18: 09:00 + 2h = 11:00
    // (an engine that missed the moved holiday would say 10:00)
    name: 'advantshop: the moved holiday Monday 2026-03-09 works holiday hours 09–18',
    line: due('advantshop', msk('2026-03-08T17:00'), '3h'),
    check: expectDue(msk('2026-03-09T11:00')),
  },
  {
    // Thu 2026-04-30 is a short day elsewhere but advantshop has shortenBy 0: 19:00 + 3h: 1h → 20:00;
    // Fri 05-01 holiday 09–18: 09:00 + 2h = 11:00
    name: 'advantshop: no short days (shortenBy 0) and holiday hours on 1 May',
    line: due('advantshop', msk('2026-04-30T19:00'), '3h'),
    check: expectDue(msk('2026-05-01T11:00')),
  },
  {
    // Wed 2025-12-31 is a holiday: 09–18. 17:00 + 3h: 1h → 18:00; 2026-01-01 holiday 09:00 + 2h = 11:00
    name: 'advantshop: the New Year holidays are worked 09–18',
    line: due('advantshop', msk('2025-12-31T17:00'), '3h'),
    check: expectDue(msk('2026-01-01T11:00')),
  },
  {
    // 1wd = Monday's time = 12h, from Sat 2026-03-07 09:00: Sat 9h; Sun 03-08 09:00 + 3h = 12:00
    name: 'advantshop: 1wd is twelve hours even when counted over a weekend',
    line: due('advantshop', msk('2026-03-07T09:00'), '1wd'),
    check: expectDue(msk('2026-03-08T12:00')),
  },
  {
    // working Saturday 2025-11-01 takes Monday's intervals 08:00–20:00 (shortenBy 0):
    // Fri 2025-10-31 19:00 + 3h: 1h → 20:00; Sat 08:00 + 2h = 10:00
    name: 'advantshop: working Saturday 2025-11-01 takes Monday\'s 08:00–20:00',
    line: due('advantshop', msk('2025-10-31T19:00'), '3h'),
    check: expectDue(msk('2025-11-01T10:00')),
  },

  // ───────────── 24x7 ─────────────
  {
    // plain time: 16:30 + 4h = 20:30 (compared as instants: the 24x7 zone is not fixed by the docs)
    name: '24x7: 4h is four plain hours',
    line: due('24x7', msk('2026-03-06T16:30'), '4h'),
    check: expectSameInstant(msk('2026-03-06T20:30')),
  },
  {
    // over the New Year: 2025-12-31 22:00 + 3h = 2026-01-01 01:00
    name: '24x7: holidays do not stop a 24x7 clock',
    line: due('24x7', msk('2025-12-31T22:00'), '3h'),
    check: expectSameInstant(msk('2026-01-01T01:00')),
  },
  {
    // 16:30 + 4h with a 1h pause [17:00, 18:00) = 21:30
    name: '24x7: a pause shifts the due instant by its length',
    line: due('24x7', msk('2026-03-06T16:30'), '4h', [[msk('2026-03-06T17:00'), msk('2026-03-06T18:00')]]),
    check: expectSameInstant(msk('2026-03-06T21:30')),
  },
  {
    // nominal day of 24x7 = 24h: 1wd from Sat 12:00 = Sun 12:00
    name: '24x7: 1wd is 24 hours',
    line: due('24x7', msk('2026-03-07T12:00'), '1wd'),
    check: expectSameInstant(msk('2026-03-08T12:00')),
  },

  // ───────────── inline calendar object ─────────────
  {
    // 09–13 + 14–18: Mon 12:00 + 2h: 1h → 13:00, lunch, 14:00 + 1h = 15:00
    name: 'an inline calendar with a lunch break skips the break',
    line: due(FORTY_HOUR_WEEK, msk('2026-03-02T12:00'), '2h'),
    check: expectDue(msk('2026-03-02T15:00')),
  },
  {
    // 09–13 + 14–18: Mon 09:00 + 4h = 13:00 (goal ends exactly at the start of the lunch break)
    name: 'an inline calendar: a goal ending at the start of lunch is due at 13:00',
    line: due(FORTY_HOUR_WEEK, msk('2026-03-02T09:00'), '4h'),
    check: expectDue(msk('2026-03-02T13:00')),
  },

  // ───────────── calendar definition features (issue 2), as inline calendar objects ─────────────
  {
    // holidays: Tue 2026-03-03 off. Mon 17:00 + 2h: 1h Mon; Wed 09:00 + 1h = 10:00
    name: 'an inline calendar: a listed holiday has no working time',
    line: due({ timezone: 'Europe/Moscow', week: NINE_TO_SIX, holidays: ['2026-03-03'] }, msk('2026-03-02T17:00'), '2h'),
    check: expectDue(msk('2026-03-04T10:00')),
  },
  {
    // recurringHolidays 03-03 also hits 2027 (Wed 2027-03-03): Tue 17:00 + 2h → Thu 2027-03-04 10:00
    name: 'an inline calendar: a recurring holiday repeats every year',
    line: due({ timezone: 'Europe/Moscow', week: NINE_TO_SIX, recurringHolidays: ['03-03'] }, msk('2027-03-02T17:00'), '2h'),
    check: expectDue(msk('2027-03-04T10:00')),
  },
  {
    // holidayHours 10–14 on the holiday Tue 2026-03-03: 09:00 + 5h: 10–14 4h; Wed 09:00 + 1h = 10:00
    name: 'an inline calendar: holidayHours apply on holidays',
    line: due({ timezone: 'Europe/Moscow', week: NINE_TO_SIX, holidays: ['2026-03-03'], holidayHours: [['10:00', '14:00']] }, msk('2026-03-03T09:00'), '5h'),
    check: expectDue(msk('2026-03-04T10:00')),
  },
  {
    // workingDates Sat 2026-03-07 take Monday's intervals (09–13, 14–18): Fri 17:00 + 3h: 1h Fri; Sat 09:00 + 2h = 11:00
    name: 'an inline calendar: a working date takes Monday\'s intervals',
    line: due({ timezone: 'Europe/Moscow', week: FORTY_HOUR_WEEK.week!, workingDates: ['2026-03-07'] }, msk('2026-03-06T17:00'), '3h'),
    check: expectDue(msk('2026-03-07T11:00')),
  },
  {
    // shortDates with shortenBy 30: Wed 2026-03-04 last interval 14:00–17:30. 16:00 + 2h: 1.5h; Thu 09:00 + 0.5h = 09:30
    name: 'an inline calendar: shortenBy takes minutes off the end of the last interval',
    line: due({ timezone: 'Europe/Moscow', week: FORTY_HOUR_WEEK.week!, shortDates: ['2026-03-04'], shortenBy: 30 }, msk('2026-03-04T16:00'), '2h'),
    check: expectDue(msk('2026-03-05T09:30')),
  },
  {
    // dates override the week: Thu 2026-03-05 only 10–12. 08:00 + 3h: 2h Thu; Fri 09:00 + 1h = 10:00
    name: 'an inline calendar: date-specific hours override the weekday',
    line: due({ timezone: 'Europe/Moscow', week: NINE_TO_SIX, dates: { '2026-03-05': [['10:00', '12:00']] } }, msk('2026-03-05T08:00'), '3h'),
    check: expectDue(msk('2026-03-06T10:00')),
  },
  {
    // dates override even a holiday: Tue 2026-03-03 holiday but dates gives 12–13. Mon 17:00 + 2h: 1h; Tue 12:00 + 1h = 13:00
    name: 'an inline calendar: date-specific hours override a holiday',
    line: due({ timezone: 'Europe/Moscow', week: NINE_TO_SIX, holidays: ['2026-03-03'], dates: { '2026-03-03': [['12:00', '13:00']] } }, msk('2026-03-02T17:00'), '2h'),
    check: expectDue(msk('2026-03-03T13:00')),
  },
  {
    // 24:00 as an end joins Saturday night to Sunday 00:00: Sat 23:00 + 2h: 1h; Sun 00:00 + 1h = 01:00
    name: 'an inline calendar: an interval ending at 24:00 continues after midnight',
    line: due({ timezone: 'Europe/Moscow', week: { sat: [['20:00', '24:00']], sun: [['00:00', '02:00']] } }, msk('2026-03-07T23:00'), '2h'),
    check: expectDue(msk('2026-03-08T01:00')),
  },
  {
    // the calendar's zone sets the output offset: Yekaterinburg (+05:00) 09:00 + 1h = 10:00+05:00
    name: 'an inline calendar in another zone answers with that zone\'s offset',
    line: due({ timezone: 'Asia/Yekaterinburg', week: NINE_TO_SIX }, '2026-03-02T09:00:00+05:00', '1h'),
    check: (out) => expect(out.due).toBe('2026-03-02T10:00:00+05:00'),
  },
  {
    // Berlin, 24h every day, DST starts Sun 2026-03-29 02:00→03:00: 23:00+01:00 (22:00Z) + 4h = 02:00Z = 04:00+02:00
    name: 'an inline calendar: counting across the spring DST jump is exact',
    line: due({ timezone: 'Europe/Berlin', week: ALL_DAY_EVERY_DAY }, '2026-03-28T23:00:00+01:00', '4h'),
    check: (out) => expect(out.due).toBe('2026-03-29T04:00:00+02:00'),
  },
  {
    // Berlin 09–18: Fri 2026-03-27 17:00+01:00 + 2h: 1h Fri; Mon 2026-03-30 09:00 (now +02:00) + 1h = 10:00+02:00
    name: 'an inline calendar: the offset after a DST change is the new one',
    line: due({ timezone: 'Europe/Berlin', week: NINE_TO_SIX }, '2026-03-27T17:00:00+01:00', '2h'),
    check: (out) => expect(out.due).toBe('2026-03-30T10:00:00+02:00'),
  },
  {
    // the DST Sunday 00:00–24:00 in Berlin lasts 23 real hours
    name: 'an inline calendar: the spring DST day has 23 working hours',
    line: elapsed({ timezone: 'Europe/Berlin', week: { sun: [['00:00', '24:00']] } }, '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00'),
    check: expectMinutes(23 * 60),
  },
  {
    // Pacific/Chatham has a 45-minute offset (+13:45 in March): 09:00 + 1h = 10:00+13:45
    name: 'an inline calendar: a 45-minute offset zone keeps its offset in the output',
    line: due({ timezone: 'Pacific/Chatham', week: { mon: [['09:00', '18:00']] } }, '2026-03-02T09:00:00+13:45', '1h'),
    check: (out) => expect(out.due).toBe('2026-03-02T10:00:00+13:45'),
  },
  {
    // Sydney DST ends Sun 2026-04-05 03:00 → 02:00: 00:00+11:00 (04-04 13:00Z) + 4h = 17:00Z = 03:00+10:00
    name: 'an inline calendar: counting across the southern autumn DST change is exact',
    line: due({ timezone: 'Australia/Sydney', week: ALL_DAY_EVERY_DAY }, '2026-04-05T00:00:00+11:00', '4h'),
    check: (out) => expect(out.due).toBe('2026-04-05T03:00:00+10:00'),
  },
  {
    // that Sydney Sunday 00:00–24:00 lasts 25 real hours
    name: 'an inline calendar: the southern DST-end day has 25 working hours',
    line: elapsed({ timezone: 'Australia/Sydney', week: { sun: [['00:00', '24:00']] } }, '2026-04-05T00:00:00+11:00', '2026-04-06T00:00:00+10:00'),
    check: expectMinutes(25 * 60),
  },
  {
    // Berlin DST ends Sun 2026-10-25 03:00 → 02:00: 01:30+02:00 (23:30Z) + 2h = 01:30Z = 02:30+01:00
    name: 'an inline calendar: counting across the northern autumn DST change is exact',
    line: due({ timezone: 'Europe/Berlin', week: ALL_DAY_EVERY_DAY }, '2026-10-25T01:30:00+02:00', '2h'),
    check: (out) => expect(out.due).toBe('2026-10-25T02:30:00+01:00'),
  },
  {
    // advantshop: a business day is a date with working time that is not a holiday. From Fri 2026-03-06 10:00:
    // Sat 03-07 counts (1); Sun 03-08 and Mon 03-09 are holidays (worked, but holidays); Tue 03-10 (2) → Tue 10:00
    name: 'advantshop: bd skips holidays even when the team works them, but counts an ordinary Saturday',
    line: due('advantshop', msk('2026-03-06T10:00'), '2bd'),
    check: expectDue(msk('2026-03-10T10:00')),
  },

  // ── more on pauses and bd
  {
    // overlapping pauses [11,13) and [10,12) are one pause [10,13): 1h to 10:00, 13:00 + 3h = 16:00
    name: 'barier: overlapping pauses given out of order count once',
    line: due('barier', msk('2026-03-02T09:00'), '4h', [[msk('2026-03-02T11:00'), msk('2026-03-02T13:00')], [msk('2026-03-02T10:00'), msk('2026-03-02T12:00')]]),
    check: expectDue(msk('2026-03-02T16:00')),
  },
  {
    // 1bd from Sat 2026-03-07 10:00: the next business day is Tue 03-10 (Mon off) → Tue 10:00 (1h of work)
    name: 'barier: 1bd from a Saturday lands on the next business day at the same time',
    line: due('barier', msk('2026-03-07T10:00'), '1bd'),
    check: expectDue(msk('2026-03-10T10:00')),
  },
  {
    // 1bd from Mon 07:00 → Tue 07:00; working time in between = Mon 9h → reached Mon 18:00
    name: 'barier: 1bd from before opening is due at that day\'s closing time',
    line: due('barier', msk('2026-03-02T07:00'), '1bd'),
    check: expectDue(msk('2026-03-02T18:00')),
  },
  {
    // advantshop 24wd = 24 × 12h = 288h from Mon 2026-03-02 08:00: Mon–Fri 60h; Sat, Sun, Mon 9 (holiday) 27h (87);
    // Tue–Fri 48h (135); Sat–Sun 18h (153); Mon 16–Fri 20 60h (213); Sat–Sun 18h (231); Mon 23–Thu 26 48h (279);
    // Fri 2026-03-27 08:00 + 9h = 17:00
    name: 'advantshop: 24wd (handed to developers) is 288 working hours',
    line: due('advantshop', msk('2026-03-02T08:00'), '24wd'),
    check: expectDue(msk('2026-03-27T17:00')),
  },
  {
    name: 'batch: a pause that ends before it starts gets an error',
    line: due('barier', msk('2026-03-02T09:00'), '1h', [[msk('2026-03-02T12:00'), msk('2026-03-02T10:00')]]),
    check: expectError(),
  },

  // ───────────── elapsed ─────────────
  {
    // Fri 16:30–18:00 = 90; Mon 03-09 off; Tue 09:00–11:30 = 150 → 240
    name: 'barier: elapsed over the moved holiday weekend is 240 minutes',
    line: elapsed('barier', msk('2026-03-06T16:30'), msk('2026-03-10T11:30')),
    check: expectMinutes(240),
  },
  {
    // Fri 2025-12-26 11h, Mon 29 11h, Tue 30 11h (not short), Dec 31 off, Jan 1–11 off, Mon 2026-01-12 07–08 1h = 34h
    name: 'agentplus: elapsed across the New Year holidays counts 34 hours',
    line: elapsed('agentplus', msk('2025-12-26T00:00'), msk('2026-01-12T08:00')),
    check: expectMinutes(34 * 60),
  },
  {
    // Fri 2024-11-01 12–18 6h; Sat 11-02 09–17 8h; Sun off; Mon 11-04 off; Tue 09–12 3h = 17h
    name: 'altec: elapsed counts the short working Saturday 2024-11-02',
    line: elapsed('altec', msk('2024-11-01T12:00'), msk('2024-11-05T12:00')),
    check: expectMinutes(17 * 60),
  },
  {
    // Sat 03-07 9h, Sun 03-08 9h, Mon 03-09 (holiday) 9h = 27h
    name: 'advantshop: a weekend and a holiday Monday are worked 09–18',
    line: elapsed('advantshop', msk('2026-03-07T00:00'), msk('2026-03-10T00:00')),
    check: expectMinutes(27 * 60),
  },
  {
    // Mon 09:00 → Tue 18:00 with pause [Mon 12:00, Tue 12:00): Mon 3h + Tue 6h = 9h
    name: 'barier: elapsed leaves out the paused part',
    line: elapsed('barier', msk('2026-03-02T09:00'), msk('2026-03-03T18:00'), [[msk('2026-03-02T12:00'), msk('2026-03-03T12:00')]]),
    check: expectMinutes(9 * 60),
  },
  {
    // Sat 00:00 → Mon 12:30 = 60.5 plain hours
    name: '24x7: elapsed is plain time',
    line: elapsed('24x7', msk('2026-03-07T00:00'), msk('2026-03-09T12:30')),
    check: expectMinutes(3630),
  },
  {
    // a range inside one night has no working time
    name: 'pass24: elapsed at night is zero',
    line: elapsed('pass24', msk('2026-03-02T19:00'), msk('2026-03-03T08:59')),
    check: expectMinutes(0),
  },

  {
    // Sat 2024-04-27 is a working Saturday (not short): advantshop works Monday's 08–20 = 12h that day
    name: 'advantshop: the working Saturday 2024-04-27 has twelve working hours',
    line: elapsed('advantshop', msk('2024-04-27T00:00'), msk('2024-04-28T00:00')),
    check: expectMinutes(12 * 60),
  },
  {
    // a pause covering the start: barier Mon 10:00 + 1h with pause [09:00, 11:00) → counting from 11:00 → 12:00
    name: 'barier: a pause that covers the start delays counting until it ends',
    line: due('barier', msk('2026-03-02T10:00'), '1h', [[msk('2026-03-02T09:00'), msk('2026-03-02T11:00')]]),
    check: expectDue(msk('2026-03-02T12:00')),
  },
  {
    // 1bd from Wed 2026-04-29 17:30 → Thu 04-30 17:30, but the short Thursday closes 17:00: 0.5h + 8h = 8.5h reached Thu 17:00
    name: 'barier: 1bd ending after a short day\'s closing is due at that closing',
    line: due('barier', msk('2026-04-29T17:30'), '1bd'),
    check: expectDue(msk('2026-04-30T17:00')),
  },

  // ───────────── outside 2023–2027: a warning (or refusal), never silent ─────────────
  {
    name: 'barier: a due computation in 2028 is flagged',
    line: due('barier', msk('2028-03-01T10:00'), '1h'),
    check: expectFlagged(/2028/),
  },
  {
    name: 'altec: a due computation in 2022 is flagged',
    line: due('altec', msk('2022-12-28T10:00'), '1h'),
    check: expectFlagged(/2022/),
  },
  {
    // starts in 2027 but runs into 2028 (Dec 30 1h, Dec 31 off, then 2028 has no data)
    name: 'barier: a goal that runs from 2027 into 2028 is flagged',
    line: due('barier', msk('2027-12-30T17:00'), '4h'),
    check: expectFlagged(/2028/),
  },
  {
    name: 'pass24: elapsed into 2028 is flagged',
    line: elapsed('pass24', msk('2027-12-30T10:00'), msk('2028-01-15T10:00')),
    check: expectFlagged(/2028/),
  },
  {
    name: 'barier: stats for 2028 are flagged',
    line: { op: 'stats', calendar: 'barier', year: 2028 },
    check: expectFlagged(/2028/),
  },

  // ───────────── batch robustness: bad lines get {"error"} and do not stop the run ─────────────
  { name: 'batch: a line that is not JSON gets an error', line: 'this is not json', check: expectError() },
  { name: 'batch: an unknown op gets an error', line: { op: 'teleport', calendar: 'barier' }, check: expectError() },
  { name: 'batch: an unknown calendar id gets an error', line: due('no-such-calendar', msk('2026-03-02T09:00'), '1h'), check: expectError() },
  { name: 'batch: a malformed goal gets an error', line: due('barier', msk('2026-03-02T09:00'), '4 hours please'), check: expectError() },
  { name: 'batch: a malformed start instant gets an error', line: due('barier', 'yesterday', '1h'), check: expectError() },
  { name: 'batch: elapsed without "to" gets an error', line: { op: 'elapsed', calendar: 'barier', from: msk('2026-03-02T09:00') }, check: expectError() },
  { name: 'batch: a JSON array line gets an error', line: '[1,2,3]', check: expectError() },
  {
    name: 'batch: an invalid inline calendar names the field',
    line: due({ timezone: 'Europe/Moscow', week: { mon: [['09:00', '13:00'], ['12:00', '18:00']] } }, msk('2026-03-02T09:00'), '1h'),
    check: expectError(/mon/),
  },
  {
    name: 'batch: an inline calendar with a bad zone gets an error',
    line: due({ timezone: 'Mars/Olympus', week: { mon: [['09:00', '18:00']] } }, msk('2026-03-02T09:00'), '1h'),
    check: expectError(),
  },
  {
    // a good line after all the bad ones is still answered: Tue 09:00 + 1h = 10:00
    name: 'batch: a good line after bad ones is still computed',
    line: due('barier', msk('2026-03-03T09:00'), '1h'),
    check: expectDue(msk('2026-03-03T10:00')),
  },
];

// stats cases: their expectations are derived from the official per-month figures
interface StatsOut {
  workingDays: number;
  workingHours: number;
  perMonth: { month: number; workingDays: number; workingHours: number }[];
}
const STATS_LINES: { name: string; line: JsonObject; check: (s: StatsOut) => void }[] = [
  {
    // the 40-hour week (09–13, 14–18) must reproduce the official 2026 totals: 247 days, 1972 h, every month
    name: 'stats: a 40-hour RU calendar reproduces the official 2026 totals, month by month',
    line: { op: 'stats', calendar: FORTY_HOUR_WEEK, year: 2026 },
    check: (s) => {
      const o = OFFICIAL[2026]!;
      expect(s.workingDays).toBe(o.workingDays);
      expect(s.workingHours).toBe(o.hours40);
      expect(s.perMonth.map((m) => [m.month, m.workingDays, m.workingHours])).toEqual(
        o.perMonth.map((m) => [m.month, m.workingDays, m.hours40]),
      );
    },
  },
  {
    // 2024 has three working Saturdays (04-27, 11-02 short, 12-28): official 248 days, 1979 h
    name: 'stats: a 40-hour RU calendar reproduces the official 2024 totals with their working Saturdays',
    line: { op: 'stats', calendar: FORTY_HOUR_WEEK, year: 2024 },
    check: (s) => {
      const o = OFFICIAL[2024]!;
      expect(s.workingDays).toBe(o.workingDays);
      expect(s.workingHours).toBe(o.hours40);
      expect(s.perMonth.map((m) => [m.month, m.workingDays, m.workingHours])).toEqual(
        o.perMonth.map((m) => [m.month, m.workingDays, m.hours40]),
      );
    },
  },
  ...(['barier', 'altec', 'pass24'] as const).map((id) => ({
    // 09:00–18:00 without a break is 9h a day (DOMAIN: "9 h for 09:00–18:00"), a short day 8h:
    // hours = 9 × working days − short days; 2026: 9 × 247 − 4 = 2219
    name: `stats: ${id} 2026 has the official working days and 9 h per day minus 1 h per short day`,
    line: { op: 'stats', calendar: id, year: 2026 } as JsonObject,
    check: (s: StatsOut) => {
      const o = OFFICIAL[2026]!;
      expect(s.workingDays).toBe(247);
      expect(s.workingHours).toBe(2219);
      expect(s.perMonth.map((m) => [m.month, m.workingDays, m.workingHours])).toEqual(
        o.perMonth.map((m) => [m.month, m.workingDays, 9 * m.workingDays - m.shortDays]),
      );
    },
  })),
  {
    // 07:00–18:00 = 11h a day: 11 × 247 − 4 = 2713
    name: 'stats: agentplus 2026 has 11 h per working day minus 1 h per short day',
    line: { op: 'stats', calendar: 'agentplus', year: 2026 },
    check: (s) => {
      const o = OFFICIAL[2026]!;
      expect(s.workingDays).toBe(247);
      expect(s.workingHours).toBe(2713);
      expect(s.perMonth.map((m) => [m.month, m.workingHours])).toEqual(
        o.perMonth.map((m) => [m.month, 11 * m.workingDays - m.shortDays]),
      );
    },
  },
  {
    // 2025 barier: 247 official working days, 4 short days (incl. working Saturday 2025-11-01): 9 × 247 − 4 = 2219;
    // November: 19 days, 1 short → 170
    name: 'stats: barier 2025 counts the short working Saturday in November',
    line: { op: 'stats', calendar: 'barier', year: 2025 },
    check: (s) => {
      expect(s.workingDays).toBe(247);
      expect(s.workingHours).toBe(2219);
      expect(s.perMonth.find((m) => m.month === 11)).toEqual({ month: 11, workingDays: 19, workingHours: 170 });
    },
  },
  {
    // advantshop, no short days: every RU working day 12h (08–20), every other day 9h (weekend/holiday hours);
    // 2026 has no working weekends: 12 × 247 + 9 × 118 = 2964 + 1062 = 4026
    name: 'stats: advantshop 2026 hours are 12 h per working day plus 9 h on every weekend and holiday',
    line: { op: 'stats', calendar: 'advantshop', year: 2026 },
    check: (s) => {
      const o = OFFICIAL[2026]!;
      expect(s.workingHours).toBe(4026);
      expect(s.perMonth.map((m) => [m.month, m.workingHours])).toEqual(
        o.perMonth.map((m) => [m.month, 12 * m.workingDays + 9 * m.nonWorkingDays]),
      );
    },
  },
  {
    // 2024, advantshop: the three working Saturdays take Monday's 08–20 (12h) instead of 09–18:
    // 12 × 248 working days + 9 × 118 other days = 2976 + 1062 = 4038
    name: 'stats: advantshop 2024 counts working Saturdays at Monday\'s twelve hours',
    line: { op: 'stats', calendar: 'advantshop', year: 2024 },
    check: (s) => {
      expect(s.workingHours).toBe(4038);
    },
  },
  {
    // 2024, agentplus: 248 working days (incl. Saturdays) × 11h − 5 short days = 2723
    name: 'stats: agentplus 2024 includes the working Saturdays',
    line: { op: 'stats', calendar: 'agentplus', year: 2024 },
    check: (s) => {
      expect(s.workingDays).toBe(248);
      expect(s.workingHours).toBe(2723);
    },
  },
  {
    // 365 days × 24h
    name: 'stats: 24x7 2026 is 8760 hours over 365 days',
    line: { op: 'stats', calendar: '24x7', year: 2026 },
    check: (s) => {
      expect(s.workingHours).toBe(8760);
      expect(s.workingDays).toBe(365);
      expect(s.perMonth).toHaveLength(12);
      expect(s.perMonth[1]).toEqual({ month: 2, workingDays: 28, workingHours: 672 });
    },
  },
];

const ALL_LINES: (JsonObject | string)[] = [...CASES.map((c) => c.line), ...STATS_LINES.map((c) => c.line)];
let outputs: JsonObject[] = [];
let lineCount = 0;
let stderr = '';

beforeAll(() => {
  const { result, outputs: o } = runBatch(ALL_LINES);
  outputs = o;
  lineCount = result.lines.length;
  stderr = result.stderr;
  if (result.status !== 0) throw new Error(`sla batch exited ${String(result.status)}: ${result.stderr}`);
});

describe('sla batch (one process, every case below)', () => {
  it('writes exactly one JSON line per input line, in order', () => {
    expect(lineCount).toBe(ALL_LINES.length);
    for (const o of outputs) expect(o.__unparsable__).toBeUndefined();
    // order: the two 2026 stats lines sit at known positions and answer with stats, the first due line with due
    expect(outputs[0]!.due).toBeDefined();
    expect(outputs[CASES.length]!.workingDays).toBeDefined();
  });

  it('prints every instant as ISO-8601 with seconds and the Moscow offset for the template calendars', () => {
    CASES.forEach((c, i) => {
      const out = outputs[i]!;
      const line = c.line;
      if (typeof line === 'object' && line.op === 'due' && typeof line.calendar === 'string' && line.calendar !== '24x7' && typeof out.due === 'string') {
        expect(out.due).toMatch(ISO_WITH_SECONDS_MSK);
      }
    });
  });

  it('does not print errors on stderr for lines it answered', () => {
    // bad lines are answered on stdout; stderr may carry npm noise but no stack traces
    expect(stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });

  CASES.forEach((c, i) => {
    it(c.name, () => {
      c.check(outputs[i]!);
    });
  });

  STATS_LINES.forEach((c, i) => {
    it(c.name, () => {
      const out = outputs[CASES.length + i]!;
      expect(out.error).toBeUndefined();
      c.check(out as unknown as StatsOut);
    });
  });
});

describe('sla due / elapsed / stats as single commands', () => {
  it('prints only the due instant on stdout', () => {
    // Fri 2026-03-06 16:30 + 4h with a pause [Tue 09:00, Tue 10:00): 1.5h Fri; Mon off; Tue 10:00 + 2.5h = 12:30
    const r = runSla([
      'due', '--calendar', 'barier', '--start', msk('2026-03-06T16:30'), '--goal', '4h',
      '--pause', `${msk('2026-03-10T09:00')}/${msk('2026-03-10T10:00')}`,
    ]);
    expect(r.status).toBe(0);
    expect(r.lines).toEqual([msk('2026-03-10T12:30')]);
  });

  it('reads a calendar definition from a JSON file', () => {
    // Mon 09–13 + 14–18 only, RU: Mon 2026-03-02 12:00 + 2h: 1h → 13:00, lunch, 14:00 + 1h = 15:00
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-acceptance-'));
    const file = path.join(dir, 'calendar.json');
    fs.writeFileSync(file, JSON.stringify({ timezone: 'Europe/Moscow', week: { mon: [['09:00', '13:00'], ['14:00', '18:00']] }, productionCalendar: 'RU' }));
    try {
      const r = runSla(['due', '--calendar', file, '--start', msk('2026-03-02T12:00'), '--goal', '2h']);
      expect(r.status).toBe(0);
      expect(r.lines).toEqual([msk('2026-03-02T15:00')]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers the last batch line even without a final newline', () => {
    // Mon 10:00 + 1h = 11:00; then 30 s of working time = 0.5 min
    const r = runSla(['batch'], [
      JSON.stringify(due('barier', msk('2026-03-02T10:00'), '1h')),
      JSON.stringify(elapsed('barier', msk('2026-03-02T10:00'), '2026-03-02T10:00:30+03:00')),
    ].join('\n'));
    expect(r.lines.map((l) => JSON.parse(l) as JsonObject)).toEqual([{ due: msk('2026-03-02T11:00') }, { minutes: 0.5 }]);
  });

  it('reports a date outside the shipped years instead of answering silently', () => {
    const r = runSla(['due', '--calendar', 'altec', '--start', msk('2030-06-03T10:00'), '--goal', '1h']);
    expect(`${r.stdout}\n${r.stderr}`).toMatch(/2030/);
  });
});
