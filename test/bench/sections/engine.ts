/**
 * Engine section: our addWorking / workingBetween against the npm business-hours libraries on
 * one seeded workload, after checking on that workload that each library gives our answers.
 *
 * Calendars: the peer comparison uses Mon–Fri 09:00–18:00 Europe/Moscow without a production
 * calendar (two of the three libraries cannot express working Saturdays or short days). Our
 * engine is also measured on the RU production calendar and on a lunch-break calendar, and the
 * libraries are checked on the production calendar too, to show what they get wrong there.
 */
import {
  addWorking,
  calendarDefSchema,
  compileCalendar,
  nextWorkingStart,
  RU_PRODUCTION_YEARS,
  workingBetween,
  type CalendarDefInput,
  type CompiledCalendar,
} from '../../../src/domain/calendar';
import { localTime } from '../lib/format';
import { formatInt, formatRatio, formatTable } from '../lib/table';
import { measure, sinkValue, type MeasureOptions, type Throughput } from '../lib/timing';
import type { BenchOptions, SectionResult } from '../lib/types';
import { makeWorkload, type Workload } from '../lib/workload';
import { createDayjsPeer } from '../peers/dayjs-business-time';
import { createMomentPeer } from '../peers/moment-business-time';
import { createNaivePeer } from '../peers/naive';
import { createOpeningHoursPeer } from '../peers/opening-hours';
import { setProcessZone, withProcessZone, type Peer, type PeerCalendarSpec, type ZonePath } from '../peers/peer';

// Bound once: under tsx (esbuild's CommonJS output) every use of an imported name is a getter
// call on the module's exports, which would be timed with each operation. A bundled app calls
// the functions directly, so the bench does too.
const engine = { addWorking, workingBetween };

const ZONE = 'Europe/Moscow';
type Day = Array<[string, string]>;
const NINE_TO_SIX = (): Day => [['09:00', '18:00']];
const LUNCH = (): Day => [['09:00', '13:00'], ['14:00', '18:00']];
const weekOf = (day: () => Day) => ({ mon: day(), tue: day(), wed: day(), thu: day(), fri: day() });

const CALENDARS = {
  plain: { label: 'Mon–Fri 09:00–18:00', def: { timezone: ZONE, week: weekOf(NINE_TO_SIX) } },
  ruProduction: { label: 'same + RU production calendar', def: { timezone: ZONE, week: weekOf(NINE_TO_SIX), productionCalendar: 'RU' } },
  lunchBreak: { label: '09:00–13:00 + 14:00–18:00 + RU', def: { timezone: ZONE, week: weekOf(LUNCH), productionCalendar: 'RU' } },
} as const satisfies Record<string, { label: string; def: CalendarDefInput }>;
type CalendarKey = keyof typeof CALENDARS;

export const TARGETS = {
  addWorkingOpsPerSec: 5_000_000,
  workingBetweenOpsPerSec: 5_000_000,
  addWorkingWithPausesOpsPerSec: 1_000_000,
  ratioVsBestPeer: 1000,
} as const;

const SEED = 20_260_101;
/** Moscow has been UTC+3 all year since 2014; the workload uses it only to place starts at 09:00/18:00. */
const MOSCOW_OFFSET_MINUTES = 180;

type Op = 'addWorking' | 'workingBetween';
const OPS: readonly Op[] = ['addWorking', 'workingBetween'];

interface Disagreement {
  op: Op;
  case: number;
  start: string;
  goalMinutes?: number;
  to?: string;
  ours: string;
  peer: string;
  deltaMinutes: number | null;
  kind: string;
}

interface Agreement {
  checked: number;
  agreed: number;
  /** Distinct kinds of disagreement with their counts. */
  kinds: Record<string, number>;
  disagreements: Disagreement[];
}

interface PeerReport {
  version: string;
  zoneHandling: string;
  limitations: readonly string[];
  addWorkingOpsPerSec: number | null;
  workingBetweenOpsPerSec: number | null;
  perCpuSecond: { addWorking: number | null; workingBetween: number | null };
  agreement: Agreement & { byOp: Record<Op, Agreement> };
  hostZoneSensitivity?: Record<string, { hostTimeZone: string; zoneHandling: string; checked: number; agreed: number; example: Disagreement | null }>;
}

interface Budgets {
  ours: MeasureOptions;
  peer: MeasureOptions;
  workloadSize: number;
  agreementCases: number;
  agreementSeconds: number;
  sensitivityCases: number;
}

function budgets(quick: boolean): Budgets {
  return quick
    ? {
        ours: { budgetMs: 60, rounds: 3, warmupMs: 20, batch: 256 },
        peer: { budgetMs: 30, rounds: 1, warmupMs: 5, batch: 1 },
        workloadSize: 2_000,
        agreementCases: 40,
        agreementSeconds: 1,
        sensitivityCases: 10,
      }
    : {
        ours: { budgetMs: 1_500, rounds: 5, warmupMs: 300, batch: 1024 },
        peer: { budgetMs: 1_500, rounds: 3, warmupMs: 150, batch: 1 },
        workloadSize: 20_000,
        agreementCases: 1_000,
        agreementSeconds: 6,
        sensitivityCases: 200,
      };
}

/** The calendar as told to the libraries: the same facts, production data flattened to lists. */
function peerSpec(key: CalendarKey): PeerCalendarSpec {
  const def = CALENDARS[key].def;
  const production = 'productionCalendar' in def ? Object.values(RU_PRODUCTION_YEARS) : [];
  return {
    timezone: def.timezone,
    week: def.week,
    holidays: production.flatMap((y) => y.holidays),
    workingDates: production.flatMap((y) => y.workingWeekends),
    shortDates: production.flatMap((y) => y.shortDays),
    shortenBy: 60,
  };
}

/** Local dates (YYYY-MM-DD) in the calendar zone touched by [a, b]. */
function localDates(a: number, b: number): string[] {
  const out: string[] = [];
  for (let t = a; t <= b + 86_400_000; t += 86_400_000) {
    const d = localTime(Math.min(t, b), ZONE).slice(0, 10);
    if (out[out.length - 1] !== d) out.push(d);
    if (t >= b) break;
  }
  return out;
}

function classify(
  cal: CompiledCalendar,
  op: Op,
  start: number,
  end: number,
  ours: number,
  peer: number | Error,
  unexpressed: ReadonlySet<string>,
): { kind: string; delta: number | null } {
  if (peer instanceof Error) return { kind: `throws: ${peer.message.slice(0, 80)}`, delta: null };
  const delta = (peer - ours) / 60_000;
  if (unexpressed.size > 0) {
    const last = op === 'addWorking' ? Math.max(ours, peer) : end;
    if (localDates(start, last).some((d) => unexpressed.has(d))) {
      return { kind: 'span has a working weekend or short day the peer cannot express', delta };
    }
  }
  if (op === 'addWorking') {
    if (nextWorkingStart(cal, ours) === peer && ours !== peer) return { kind: 'due at next opening instead of closing time', delta };
    if (nextWorkingStart(cal, start) !== start && Math.abs(delta) < 24 * 60) return { kind: `start outside working time: off by ${delta} min`, delta };
  }
  if (op === 'workingBetween') {
    const h = Math.round((delta / 60) * 100) / 100;
    return { kind: `counts ${Math.abs(h)} h ${h > 0 ? 'more' : 'less'} working time`, delta };
  }
  if (Number.isInteger(delta / 60) && Math.abs(delta) < 24 * 60) return { kind: `due ${Math.abs(delta / 60)} h ${delta > 0 ? 'later' : 'earlier'}`, delta };
  if (Math.abs(delta) >= 24 * 60) return { kind: `due a day or more ${delta > 0 ? 'later' : 'earlier'}`, delta };
  return { kind: 'other', delta };
}

function emptyAgreement(): Agreement {
  return { checked: 0, agreed: 0, kinds: {}, disagreements: [] };
}

const MAX_LISTED = 5;

/** Compares a peer's answers with ours on the first cases of the workload, within a time cap. */
function checkAgreement(
  cal: CompiledCalendar,
  peer: Peer,
  w: Workload,
  ours: Record<Op, Float64Array>,
  cases: number,
  seconds: number,
  unexpressed: ReadonlySet<string> = new Set(),
): Record<Op, Agreement> {
  const result = { addWorking: emptyAgreement(), workingBetween: emptyAgreement() };
  peer.activate();
  try {
    for (const op of OPS) {
      const a = result[op];
      const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
      for (let i = 0; i < Math.min(cases, w.size) && process.hrtime.bigint() < deadline; i++) {
        const start = w.startMs[i]!;
        let got: number | Error;
        try {
          got = op === 'addWorking' ? peer.addWorking(start, w.goalMs[i]!) : peer.workingBetween(start, w.toMs[i]!);
        } catch (e) {
          got = e instanceof Error ? e : new Error(String(e));
        }
        const expected = ours[op][i]!;
        a.checked++;
        if (got === expected) {
          a.agreed++;
          continue;
        }
        const { kind, delta } = classify(cal, op, start, w.toMs[i]!, expected, got, unexpressed);
        a.kinds[kind] = (a.kinds[kind] ?? 0) + 1;
        if (a.disagreements.length < MAX_LISTED) {
          const show = (v: number | Error): string => (v instanceof Error ? 'error' : op === 'addWorking' ? localTime(v, ZONE) : `${v / 60_000} min`);
          a.disagreements.push({
            op,
            case: i,
            start: localTime(start, ZONE),
            ...(op === 'addWorking' ? { goalMinutes: w.goalMs[i]! / 60_000 } : { to: localTime(w.toMs[i]!, ZONE) }),
            ours: show(expected),
            peer: show(got),
            deltaMinutes: delta,
            kind,
          });
        }
      }
    }
  } finally {
    peer.deactivate();
  }
  return result;
}

function combine(byOp: Record<Op, Agreement>): Agreement & { byOp: Record<Op, Agreement> } {
  const kinds: Record<string, number> = {};
  for (const op of OPS) for (const [k, n] of Object.entries(byOp[op].kinds)) kinds[`${op}: ${k}`] = (kinds[`${op}: ${k}`] ?? 0) + n;
  return {
    checked: byOp.addWorking.checked + byOp.workingBetween.checked,
    agreed: byOp.addWorking.agreed + byOp.workingBetween.agreed,
    kinds,
    disagreements: [...byOp.addWorking.disagreements, ...byOp.workingBetween.disagreements].slice(0, MAX_LISTED),
    byOp,
  };
}

function measurePeer(peer: Peer, w: Workload, o: MeasureOptions): Record<Op, Throughput | null> {
  peer.activate();
  try {
    const run = (op: Op): Throughput | null => {
      try {
        return op === 'addWorking'
          ? measure((i) => peer.addWorking(w.startMs[i]!, w.goalMs[i]!), w.size, o)
          : measure((i) => peer.workingBetween(w.startMs[i]!, w.toMs[i]!), w.size, o);
      } catch {
        return null; // a peer that throws on some input cannot be timed on this workload
      }
    };
    return { addWorking: run('addWorking'), workingBetween: run('workingBetween') };
  } finally {
    peer.deactivate();
  }
}

interface OursOnCalendar {
  addWorkingOpsPerSec: number;
  workingBetweenOpsPerSec: number;
  addWorkingWithPausesOpsPerSec: number;
  workingBetweenWithPausesOpsPerSec: number;
  best: Record<string, number>;
  perCpuSecond: Record<string, number>;
}

function measureOurs(cal: CompiledCalendar, w: Workload, o: MeasureOptions): OursOnCalendar {
  const { startMs, goalMs, toMs, pauses, size } = w;
  const { addWorking, workingBetween } = engine;
  const add = measure((i) => addWorking(cal, startMs[i]!, goalMs[i]!), size, o);
  const between = measure((i) => workingBetween(cal, startMs[i]!, toMs[i]!), size, o);
  const addP = measure((i) => addWorking(cal, startMs[i]!, goalMs[i]!, pauses[i]), size, o);
  const betweenP = measure((i) => workingBetween(cal, startMs[i]!, toMs[i]!, pauses[i]), size, o);
  return {
    addWorkingOpsPerSec: add.opsPerSec,
    workingBetweenOpsPerSec: between.opsPerSec,
    addWorkingWithPausesOpsPerSec: addP.opsPerSec,
    workingBetweenWithPausesOpsPerSec: betweenP.opsPerSec,
    best: {
      addWorking: add.bestOpsPerSec,
      workingBetween: between.bestOpsPerSec,
      addWorkingWithPauses: addP.bestOpsPerSec,
      workingBetweenWithPauses: betweenP.bestOpsPerSec,
    },
    perCpuSecond: {
      addWorking: add.opsPerCpuSec,
      workingBetween: between.opsPerCpuSec,
      addWorkingWithPauses: addP.opsPerCpuSec,
      workingBetweenWithPauses: betweenP.opsPerCpuSec,
    },
  };
}

function oursResults(cal: CompiledCalendar, w: Workload): Record<Op, Float64Array> {
  const add = new Float64Array(w.size);
  const between = new Float64Array(w.size);
  for (let i = 0; i < w.size; i++) {
    add[i] = addWorking(cal, w.startMs[i]!, w.goalMs[i]!);
    between[i] = workingBetween(cal, w.startMs[i]!, w.toMs[i]!);
  }
  return { addWorking: add, workingBetween: between };
}

type PeerFactory = (spec: PeerCalendarSpec, path: ZonePath) => Peer;
const NPM_PEERS: ReadonlyArray<readonly [string, PeerFactory]> = [
  ['moment-business-time', createMomentPeer],
  ['dayjs-business-time', createDayjsPeer],
  ['opening_hours', createOpeningHoursPeer],
];
const FOREIGN_HOST_ZONE = 'America/New_York';
const ODD_HOST_ZONE = 'Pacific/Chatham';

/** What a peer answers when the host zone is not the calendar's: without and with its zone support. */
function hostZoneSensitivity(cal: CompiledCalendar, factory: PeerFactory, spec: PeerCalendarSpec, w: Workload, ours: Record<Op, Float64Array>, b: Budgets): PeerReport['hostZoneSensitivity'] {
  const out: NonNullable<PeerReport['hostZoneSensitivity']> = {};
  const probe = (label: string, host: string, path: ZonePath): void => {
    const peer = factory(spec, path);
    const r = withProcessZone(host, () => checkAgreement(cal, peer, w, ours, b.sensitivityCases, b.agreementSeconds));
    const both = combine(r);
    out[label] = {
      hostTimeZone: host,
      zoneHandling: peer.zoneHandling,
      checked: both.checked,
      agreed: both.agreed,
      example: both.disagreements[0] ?? null,
    };
  };
  probe('withoutZoneSupport', FOREIGN_HOST_ZONE, 'host');
  probe('withZoneSupport', ODD_HOST_ZONE, 'zone');
  return out;
}

function peersOn(
  key: CalendarKey,
  cal: CompiledCalendar,
  w: Workload,
  ours: Record<Op, Float64Array>,
  b: Budgets,
  log: (s: string) => void,
  withSensitivity: boolean,
): Record<string, PeerReport> {
  const spec = peerSpec(key);
  const reports: Record<string, PeerReport> = {};
  const all: ReadonlyArray<readonly [string, PeerFactory]> = [...NPM_PEERS, ['naive', () => createNaivePeer(CALENDARS[key].def)]];
  for (const [name, factory] of all) {
    const peer = factory(spec, 'zone');
    log(`${key}: ${peer.name} agreement…`);
    const unexpressed = new Set(peer.limitations.length > 0 ? [...spec.workingDates, ...spec.shortDates] : []);
    const agreement = combine(checkAgreement(cal, peer, w, ours, b.agreementCases, b.agreementSeconds, unexpressed));
    log(`${key}: ${peer.name} agreed ${agreement.agreed}/${agreement.checked}; timing…`);
    const t = measurePeer(peer, w, b.peer);
    reports[name === 'naive' ? 'naive' : peer.name] = {
      version: peer.version,
      zoneHandling: peer.zoneHandling,
      limitations: peer.limitations,
      addWorkingOpsPerSec: t.addWorking?.opsPerSec ?? null,
      workingBetweenOpsPerSec: t.workingBetween?.opsPerSec ?? null,
      perCpuSecond: { addWorking: t.addWorking?.opsPerCpuSec ?? null, workingBetween: t.workingBetween?.opsPerCpuSec ?? null },
      agreement,
      ...(withSensitivity && name !== 'naive' ? { hostZoneSensitivity: hostZoneSensitivity(cal, factory, spec, w, ours, b) } : {}),
    };
  }
  return reports;
}

interface Ratio {
  ratio: number | null;
  peer: string | null;
  peerOpsPerSec: number | null;
  oursOpsPerSec: number;
}

/** Ours ÷ the fastest peer that agreed with us on every checked case of that operation. */
function ratioVsBest(peers: Record<string, PeerReport>, op: Op, ours: number): Ratio {
  let best: [string, number] | null = null;
  for (const [name, r] of Object.entries(peers)) {
    const a = r.agreement.byOp[op];
    const rate = op === 'addWorking' ? r.addWorkingOpsPerSec : r.workingBetweenOpsPerSec;
    if (rate === null || a.checked === 0 || a.agreed !== a.checked) continue;
    if (best === null || rate > best[1]) best = [name, rate];
  }
  return best === null
    ? { ratio: null, peer: null, peerOpsPerSec: null, oursOpsPerSec: ours }
    : { ratio: Math.round((ours / best[1]) * 10) / 10, peer: best[0], peerOpsPerSec: best[1], oursOpsPerSec: ours };
}

function meets(o: OursOnCalendar): { addWorking: boolean; workingBetween: boolean; addWorkingWithPauses: boolean } {
  return {
    addWorking: o.addWorkingOpsPerSec >= TARGETS.addWorkingOpsPerSec,
    workingBetween: o.workingBetweenOpsPerSec >= TARGETS.workingBetweenOpsPerSec,
    addWorkingWithPauses: o.addWorkingWithPausesOpsPerSec >= TARGETS.addWorkingWithPausesOpsPerSec,
  };
}

interface EngineTarget {
  target: number;
  actual: number | null;
  pass: boolean;
  /** For ratios: the peer divided by, and the workload it was measured on. */
  peer?: string | null;
  workload?: string;
}

function ratioTarget(r: Ratio, workload: string): EngineTarget {
  return { target: TARGETS.ratioVsBestPeer, actual: r.ratio, pass: r.ratio !== null && r.ratio >= TARGETS.ratioVsBestPeer, peer: r.peer ?? null, workload };
}

export async function run(opts: BenchOptions): Promise<SectionResult> {
  const b = budgets(opts.quick);
  // The engine must not depend on the host zone; peers are set up per run, so pin nothing here
  // but make sure the process zone is the host's when we start and end.
  const hostZone = process.env.TZ;
  const compiled = Object.fromEntries(
    Object.entries(CALENDARS).map(([k, c]) => [k, compileCalendar(calendarDefSchema.parse(c.def))]),
  ) as Record<CalendarKey, CompiledCalendar>;
  const fromMs = Date.parse('2024-01-01T00:00:00+03:00');
  const toMs = Date.parse('2027-01-01T00:00:00+03:00');
  const w = makeWorkload({
    seed: SEED,
    size: b.workloadSize,
    fromMs,
    toMs,
    zoneOffsetMinutes: MOSCOW_OFFSET_MINUTES,
    snapMinutes: [9 * 60, 18 * 60],
    maxGoalMinutes: 10 * 9 * 60,
    maxSpanMinutes: 14 * 1440,
  });
  opts.log(`workload: ${w.size} cases, seed ${SEED}`);

  const oursBy = {} as Record<CalendarKey, OursOnCalendar>;
  for (const key of Object.keys(CALENDARS) as CalendarKey[]) {
    opts.log(`ours on ${key}…`);
    oursBy[key] = measureOurs(compiled[key], w, b.ours);
  }

  const plainResults = oursResults(compiled.plain, w);
  const peers = peersOn('plain', compiled.plain, w, plainResults, b, opts.log, true);
  const ruResults = oursResults(compiled.ruProduction, w);
  const peersRu = peersOn('ruProduction', compiled.ruProduction, w, ruResults, b, opts.log, false);
  setProcessZone(hostZone);

  // The headline workload is the product's own calendar (RU production calendar: holidays, working
  // Saturdays, short days), as issue 2 asks: peers are judged on it, so a peer that cannot express
  // a working Saturday is reported as disagreeing rather than credited with its speed. The plain
  // Mon–Fri calendar, which every peer can express, is reported beside it.
  const plain = oursBy.plain;
  const ru = oursBy.ruProduction;
  const ratioPlain = {
    addWorking: ratioVsBest(peers, 'addWorking', plain.addWorkingOpsPerSec),
    workingBetween: ratioVsBest(peers, 'workingBetween', plain.workingBetweenOpsPerSec),
  };
  const ratioAdd = ratioVsBest(peersRu, 'addWorking', ru.addWorkingOpsPerSec);
  const ratioBetween = ratioVsBest(peersRu, 'workingBetween', ru.workingBetweenOpsPerSec);
  const targets: Record<string, EngineTarget> = {
    addWorkingOpsPerSec: { target: TARGETS.addWorkingOpsPerSec, actual: ru.addWorkingOpsPerSec, pass: ru.addWorkingOpsPerSec >= TARGETS.addWorkingOpsPerSec },
    workingBetweenOpsPerSec: { target: TARGETS.workingBetweenOpsPerSec, actual: ru.workingBetweenOpsPerSec, pass: ru.workingBetweenOpsPerSec >= TARGETS.workingBetweenOpsPerSec },
    addWorkingWithPausesOpsPerSec: { target: TARGETS.addWorkingWithPausesOpsPerSec, actual: ru.addWorkingWithPausesOpsPerSec, pass: ru.addWorkingWithPausesOpsPerSec >= TARGETS.addWorkingWithPausesOpsPerSec },
    // Each ratio names its peer: the fastest peer that agreed with us on that workload (the naive
    // baseline or opening_hours on the RU calendar, whichever was faster in this run).
    ratioVsBestPeer: ratioTarget(ratioAdd, 'RU production calendar, addWorking'),
    workingBetweenRatioVsBestPeer: ratioTarget(ratioBetween, 'RU production calendar, workingBetween'),
    plainCalendarAddWorkingRatioVsBestPeer: ratioTarget(ratioPlain.addWorking, 'Mon–Fri 09–18 without holidays, addWorking'),
    plainCalendarWorkingBetweenRatioVsBestPeer: ratioTarget(ratioPlain.workingBetween, 'Mon–Fri 09–18 without holidays, workingBetween'),
  };
  return {
    addWorkingOpsPerSec: ru.addWorkingOpsPerSec,
    workingBetweenOpsPerSec: ru.workingBetweenOpsPerSec,
    addWorkingWithPausesOpsPerSec: ru.addWorkingWithPausesOpsPerSec,
    workingBetweenWithPausesOpsPerSec: ru.workingBetweenWithPausesOpsPerSec,
    peers: peersRu,
    ratioVsBestPeer: ratioAdd.ratio,
    ratioVsBestPeerByOp: { addWorking: ratioAdd, workingBetween: ratioBetween },
    ratioVsBestPeerOnPlainCalendar: ratioPlain,
    engineTargets: targets,
    engineCalendars: Object.fromEntries(
      (Object.keys(CALENDARS) as CalendarKey[]).map((k) => [k, { label: CALENDARS[k].label, ...oursBy[k], meetsTargets: meets(oursBy[k]) }]),
    ),
    peersOnPlainCalendar: peers,
    engineWorkload: {
      cases: w.size,
      seed: SEED,
      timeZone: ZONE,
      starts: '2024-01-01..2026-12-31, whole minutes, uniform (nights, weekends, holidays included), 5% exactly at 09:00 or 18:00',
      goals: `1..${10 * 9 * 60} min uniform (up to 10 working days of 9 h)`,
      workingBetweenSpan: '0..14 calendar days',
      pauses: 'three per case: first within 3 days of the start, each 5 min..1 day, gaps 1 min..3 days',
      oursTiming: `median of ${b.ours.rounds} rounds, ${b.ours.budgetMs} ms per operation after ${b.ours.warmupMs} ms warm-up`,
      peerTiming: `median of ${b.peer.rounds} rounds, ${b.peer.budgetMs} ms per operation after ${b.peer.warmupMs} ms warm-up`,
      agreementCases: `first ${b.agreementCases} cases per operation (at most ${b.agreementSeconds} s per peer and operation)`,
      sink: sinkValue() % 1000,
    },
  };
}

function pct(a: { checked: number; agreed: number }): string {
  return a.checked === 0 ? '—' : `${a.agreed}/${a.checked}`;
}

function rate(n: number | null): string {
  return n === null ? '—' : formatInt(n);
}

export function print(result: SectionResult): string {
  const r = result as unknown as {
    engineCalendars: Record<CalendarKey, OursOnCalendar & { label: string }>;
    engineTargets: Record<string, EngineTarget>;
    peers: Record<string, PeerReport>;
    peersOnPlainCalendar: Record<string, PeerReport>;
    ratioVsBestPeerByOp: Record<Op, Ratio>;
    ratioVsBestPeerOnPlainCalendar: Record<Op, Ratio>;
    engineWorkload: { cases: number; seed: number };
  };
  const lines: string[] = [];
  lines.push(`Workload: ${r.engineWorkload.cases} seeded cases (seed ${r.engineWorkload.seed}), ${ZONE}, starts 2024–2026, goals up to 10 working days.`);
  lines.push('');
  lines.push('Ours (ops/s, one core, median of rounds)');
  lines.push(
    formatTable(
      ['calendar', 'addWorking', 'workingBetween', 'addWorking+3 pauses', 'workingBetween+3 pauses', 'targets 5M / 5M / 1M'],
      (Object.keys(r.engineCalendars) as CalendarKey[]).map((k) => {
        const c = r.engineCalendars[k];
        const m = meets(c);
        const missed = [m.addWorking ? '' : 'addWorking', m.workingBetween ? '' : 'workingBetween', m.addWorkingWithPauses ? '' : 'with pauses'].filter(Boolean);
        return [
          c.label,
          formatInt(c.addWorkingOpsPerSec),
          formatInt(c.workingBetweenOpsPerSec),
          formatInt(c.addWorkingWithPausesOpsPerSec),
          formatInt(c.workingBetweenWithPausesOpsPerSec),
          missed.length === 0 ? 'PASS' : `FAIL: ${missed.join(', ')}`,
        ];
      }),
    ),
  );
  lines.push('');
  lines.push('Ours per second of process CPU time (what one core does when other jobs share the machine)');
  lines.push(
    formatTable(
      ['calendar', 'addWorking', 'workingBetween', 'addWorking+3 pauses', 'workingBetween+3 pauses'],
      (Object.keys(r.engineCalendars) as CalendarKey[]).map((k) => {
        const c = r.engineCalendars[k].perCpuSecond;
        return [r.engineCalendars[k].label, rate(c.addWorking ?? null), rate(c.workingBetween ?? null), rate(c.addWorkingWithPauses ?? null), rate(c.workingBetweenWithPauses ?? null)];
      }),
    ),
  );
  lines.push('');
  lines.push('Peers on plain Mon–Fri 09:00–18:00, no holidays (same starts and goals; agreement = answers equal to ours to the millisecond)');
  const peerRows = (peers: Record<string, PeerReport>): string[][] =>
    Object.entries(peers).map(([name, p]) => [
      name,
      rate(p.addWorkingOpsPerSec),
      rate(p.workingBetweenOpsPerSec),
      pct(p.agreement.byOp.addWorking),
      pct(p.agreement.byOp.workingBetween),
    ]);
  lines.push(formatTable(['peer', 'addWorking', 'workingBetween', 'agree add', 'agree between'], peerRows(r.peersOnPlainCalendar)));
  const notes: string[] = [];
  for (const [name, p] of Object.entries(r.peersOnPlainCalendar)) {
    for (const [kind, n] of Object.entries(p.agreement.kinds)) notes.push(`  ${name}: ${n}× ${kind}`);
    for (const [label, s] of Object.entries(p.hostZoneSensitivity ?? {})) {
      notes.push(`  ${name} ${label === 'withoutZoneSupport' ? 'without' : 'with'} zone support, host TZ ${s.hostTimeZone}: agreed ${s.agreed}/${s.checked}`);
    }
  }
  if (notes.length > 0) lines.push('', 'Disagreements and host-zone sensitivity', ...notes);
  lines.push('');
  lines.push('Peers on the RU production calendar (the headline workload: what each can express decides agreement)');
  lines.push(formatTable(['peer', 'addWorking', 'workingBetween', 'agree add', 'agree between'], peerRows(r.peers)));
  const ruNotes: string[] = [];
  for (const [name, p] of Object.entries(r.peers)) {
    if (p.limitations.length > 0) ruNotes.push(`  ${name}: ${p.limitations.join('; ')}`);
    for (const [kind, n] of Object.entries(p.agreement.kinds)) ruNotes.push(`  ${name}: ${n}× ${kind}`);
  }
  lines.push(...ruNotes);
  lines.push('');
  lines.push('Targets');
  const ra = r.ratioVsBestPeerByOp;
  lines.push(
    formatTable(
      ['target', 'goal', 'measured', 'result'],
      [
        ['addWorking ops/s (RU calendar)', `≥ ${formatInt(TARGETS.addWorkingOpsPerSec)}`, rate(r.engineTargets.addWorkingOpsPerSec!.actual), r.engineTargets.addWorkingOpsPerSec!.pass ? 'PASS' : 'FAIL'],
        ['workingBetween ops/s (RU calendar)', `≥ ${formatInt(TARGETS.workingBetweenOpsPerSec)}`, rate(r.engineTargets.workingBetweenOpsPerSec!.actual), r.engineTargets.workingBetweenOpsPerSec!.pass ? 'PASS' : 'FAIL'],
        ['addWorking + 3 pauses ops/s (RU calendar)', `≥ ${formatInt(TARGETS.addWorkingWithPausesOpsPerSec)}`, rate(r.engineTargets.addWorkingWithPausesOpsPerSec!.actual), r.engineTargets.addWorkingWithPausesOpsPerSec!.pass ? 'PASS' : 'FAIL'],
        [`RU calendar: addWorking ÷ fastest agreeing peer (${ra.addWorking.peer ?? 'none agreed'})`, `≥ ${TARGETS.ratioVsBestPeer}×`, formatRatio(ra.addWorking.ratio), r.engineTargets.ratioVsBestPeer!.pass ? 'PASS' : 'FAIL'],
        [`RU calendar: workingBetween ÷ fastest agreeing peer (${ra.workingBetween.peer ?? 'none agreed'})`, `≥ ${TARGETS.ratioVsBestPeer}×`, formatRatio(ra.workingBetween.ratio), r.engineTargets.workingBetweenRatioVsBestPeer!.pass ? 'PASS' : 'FAIL'],
        ...OPS.map((op) => {
          const x = r.ratioVsBestPeerOnPlainCalendar[op];
          const pass = x.ratio !== null && x.ratio >= TARGETS.ratioVsBestPeer;
          return [`Mon–Fri 09–18 (no holidays): ${op} ÷ fastest agreeing peer (${x.peer ?? 'none agreed'})`, `≥ ${TARGETS.ratioVsBestPeer}×`, formatRatio(x.ratio), pass ? 'PASS' : 'FAIL'];
        }),
      ],
    ),
  );
  return lines.join('\n');
}
