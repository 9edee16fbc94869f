import { createRandom, randomInt } from './random';

export type Pauses = ReadonlyArray<readonly [number, number]>;

/** Inputs for `size` operations, in typed arrays so the timed loop only indexes. */
export interface Workload {
  readonly size: number;
  /** Start instants (addWorking) and `from` (workingBetween). */
  readonly startMs: Float64Array;
  /** Working time to add. */
  readonly goalMs: Float64Array;
  /** `to` for workingBetween. */
  readonly toMs: Float64Array;
  /** Three sorted, disjoint pauses after each start. */
  readonly pauses: ReadonlyArray<Pauses>;
}

export interface WorkloadSpec {
  readonly seed: number;
  readonly size: number;
  /** Starts are drawn uniformly (whole minutes) from [fromMs, toMs). */
  readonly fromMs: number;
  readonly toMs: number;
  /** Fixed UTC offset of the calendar zone, used only to put some starts exactly at opening/closing. */
  readonly zoneOffsetMinutes: number;
  /** Local minute-of-day values to snap 5% of starts to (e.g. opening and closing time). */
  readonly snapMinutes: readonly number[];
  /** Goals are whole minutes drawn uniformly from [1, maxGoalMinutes]. */
  readonly maxGoalMinutes: number;
  /** `to − from` is drawn uniformly from [0, maxSpanMinutes] whole minutes. */
  readonly maxSpanMinutes: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Random but seeded: starts fall anywhere (nights, weekends, holidays included, in proportion to
 * their share of the calendar), some exactly at opening and closing time where libraries differ;
 * everything is whole minutes because the peers count in minutes.
 */
export function makeWorkload(spec: WorkloadSpec): Workload {
  const rand = createRandom(spec.seed);
  const startMs = new Float64Array(spec.size);
  const goalMs = new Float64Array(spec.size);
  const toMs = new Float64Array(spec.size);
  const pauses: Pauses[] = [];
  const minutes = Math.floor((spec.toMs - spec.fromMs) / MINUTE);
  const offsetMs = spec.zoneOffsetMinutes * MINUTE;
  for (let i = 0; i < spec.size; i++) {
    let start = spec.fromMs + randomInt(rand, 0, minutes - 1) * MINUTE;
    if (spec.snapMinutes.length > 0 && rand() < 0.05) {
      const localMidnight = Math.floor((start + offsetMs) / DAY) * DAY - offsetMs;
      start = localMidnight + spec.snapMinutes[randomInt(rand, 0, spec.snapMinutes.length - 1)]! * MINUTE;
    }
    startMs[i] = start;
    goalMs[i] = randomInt(rand, 1, spec.maxGoalMinutes) * MINUTE;
    toMs[i] = start + randomInt(rand, 0, spec.maxSpanMinutes) * MINUTE;
    // Three pauses (customer waits): first within 3 days of the start, each 5 min–1 day long.
    const list: Array<readonly [number, number]> = [];
    let cursor = start + randomInt(rand, 0, 3 * 1440) * MINUTE;
    for (let k = 0; k < 3; k++) {
      const end = cursor + randomInt(rand, 5, 1440) * MINUTE;
      list.push([cursor, end]);
      cursor = end + randomInt(rand, 1, 3 * 1440) * MINUTE;
    }
    pauses.push(list);
  }
  return { size: spec.size, startMs, goalMs, toMs, pauses };
}
