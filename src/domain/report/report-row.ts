// The compact per-request "report row": everything the compliance report needs about one
// request, derived once from computeClocks' output by the same recompute that writes the
// Jira fields, and stored beside them. Reports over tens of thousands of requests aggregate
// these rows and never re-read an issue's history.
//
// A row is a snapshot at the instant it was computed (`computedAtMs`). Running clocks in it
// can go stale only by time alone, and the sweep recomputes the issue at its nextCheckAt
// (at-risk, breach), so rows stay as current as the fields.

import { z } from 'zod/v3';

export const REPORT_CLOCK_KINDS = ['reaction', 'resolution', 'followUp'] as const;
export type ReportClockKind = (typeof REPORT_CLOCK_KINDS)[number];

export const REPORT_CLOCK_STATES = ['running', 'atRisk', 'paused', 'met', 'breached'] as const;
export type ReportClockState = (typeof REPORT_CLOCK_STATES)[number];

/** One clock (or one follow-up cycle) as the report sees it. */
export interface ReportClock {
  readonly state: ReportClockState;
  /** True once the clock stopped (met, or breached and stopped); only stopped clocks feed percentiles. */
  readonly stopped: boolean;
  /** Working minutes counted while the clock ran (fractional). */
  readonly elapsedMinutes: number;
  /** The goal in effect (when stopped: the goal in effect when it stopped). */
  readonly goalMinutes: number;
  /** The goal was moved by an agreed deadline (issue 15); absent = not. */
  readonly extended?: boolean;
  /** Met within the agreed goal but not the regulation's own ("met as agreed"); absent = not. */
  readonly agreed?: boolean;
}

export interface ReportRow {
  /** Jira issue key (or the request key of the CLI input). */
  readonly key: string;
  /** Jira project key; reports are filtered by the projects the viewer may browse. */
  readonly project: string;
  readonly createdMs: number;
  /** `YYYY-MM` of the creation instant in the calendar's zone (precomputed: grouping needs no zone). */
  readonly month: string;
  readonly package: string | null;
  readonly priority: string | null;
  /** Organization (or e-mail domain) of the customer. */
  readonly customer: string | null;
  /** The agent responsible (assignee), as a display name or accountId. */
  readonly agent: string | null;
  readonly reaction: ReportClock | null;
  readonly resolution: ReportClock | null;
  /** Every follow-up cycle, oldest first (reports count each cycle). */
  readonly followUp: readonly ReportClock[];
  /** Working minutes the resolution clock spent paused in a customer-wait status. */
  readonly pausedMinutes: number;
  /** When the row was derived (the `now` of the recompute). */
  readonly computedAtMs: number;
  /** Answers to the customer (agent comments) up to `computedAtMs`. */
  readonly answers: number;
  /**
   * Support time accounted for the answers under the regulation's minimum per answer
   * (Barier 5.2: at least 30 minutes per answer): answers × minimum; 0 when there is no minimum.
   */
  readonly accountedMinutes: number;
}

// Storage form: positional arrays, about a third of the JSON object's size, so many rows fit
// in one storage value (Forge KVS values are limited to 240 KiB).
// An optional 5th element is the agreement bitmask (1 extended, 2 met as agreed): rows written
// before agreed deadlines have 4 elements and still read.
type PackedClock = [state: number, stopped: 0 | 1, elapsedMinutes: number, goalMinutes: number] | [state: number, stopped: 0 | 1, elapsedMinutes: number, goalMinutes: number, agreement: number];
export type PackedReportRow = [
  version: 1,
  key: string,
  project: string,
  createdMs: number,
  month: string,
  pkg: string | null,
  priority: string | null,
  customer: string | null,
  agent: string | null,
  reaction: PackedClock | null,
  resolution: PackedClock | null,
  followUp: PackedClock[],
  pausedMinutes: number,
  computedAtMs: number,
  answers: number,
  accountedMinutes: number,
];

/** Minutes are stored to the millisecond (1/60000 min), which is the engine's resolution. */
function roundMs(minutes: number): number {
  return Math.round(minutes * 60_000) / 60_000;
}

function packClock(c: ReportClock): PackedClock {
  const base: [number, 0 | 1, number, number] = [REPORT_CLOCK_STATES.indexOf(c.state), c.stopped ? 1 : 0, roundMs(c.elapsedMinutes), roundMs(c.goalMinutes)];
  const bits = (c.extended ? 1 : 0) | (c.agreed ? 2 : 0);
  return bits === 0 ? base : [...base, bits];
}

/** @example packReportRow(row) // [1, "SUP-1", "SUP", …] */
export function packReportRow(row: ReportRow): PackedReportRow {
  return [
    1,
    row.key,
    row.project,
    row.createdMs,
    row.month,
    row.package,
    row.priority,
    row.customer,
    row.agent,
    row.reaction === null ? null : packClock(row.reaction),
    row.resolution === null ? null : packClock(row.resolution),
    row.followUp.map(packClock),
    roundMs(row.pausedMinutes),
    row.computedAtMs,
    row.answers,
    roundMs(row.accountedMinutes),
  ];
}

const minutesSchema = z.number().nonnegative().finite();
const packedClockSchema = z.union([
  z.tuple([z.number().int().min(0).max(REPORT_CLOCK_STATES.length - 1), z.union([z.literal(0), z.literal(1)]), minutesSchema, minutesSchema]),
  z.tuple([z.number().int().min(0).max(REPORT_CLOCK_STATES.length - 1), z.union([z.literal(0), z.literal(1)]), minutesSchema, minutesSchema, z.number().int().min(1).max(3)]),
]);
const packedRowSchema = z.tuple([
  z.literal(1),
  z.string().min(1),
  z.string(),
  z.number().int(),
  z.string().regex(/^\d{4}-\d{2}$/, 'expected YYYY-MM'),
  z.string().nullable(),
  z.string().nullable(),
  z.string().nullable(),
  z.string().nullable(),
  packedClockSchema.nullable(),
  packedClockSchema.nullable(),
  z.array(packedClockSchema),
  minutesSchema,
  z.number().int(),
  z.number().int().nonnegative(),
  minutesSchema,
]);

function unpackClock(c: z.infer<typeof packedClockSchema>): ReportClock {
  const base: ReportClock = { state: REPORT_CLOCK_STATES[c[0]]!, stopped: c[1] === 1, elapsedMinutes: c[2], goalMinutes: c[3] };
  const bits = c.length === 5 ? c[4] : 0;
  return bits === 0 ? base : { ...base, ...(bits & 1 ? { extended: true } : {}), ...(bits & 2 ? { agreed: true } : {}) };
}

const ROW_FIELDS = ['version', 'key', 'project', 'createdMs', 'month', 'package', 'priority', 'customer', 'agent', 'reaction', 'resolution', 'followUp', 'pausedMinutes', 'computedAtMs', 'answers', 'accountedMinutes'];
const CLOCK_FIELDS = ['state', 'stopped', 'elapsedMinutes', 'goalMinutes'];

/** [9, 0] → "reaction.state", [11, 2, 3] → "followUp[2].goalMinutes": messages name fields, not positions. */
function packedPath(path: ReadonlyArray<PropertyKey>): string {
  const [field, a, b] = path;
  if (typeof field !== 'number') return '';
  const name = ROW_FIELDS[field] ?? `[${field}]`;
  if (field === 11 && typeof a === 'number') return typeof b === 'number' ? `${name}[${a}].${CLOCK_FIELDS[b] ?? b}` : `${name}[${a}]`;
  if ((field === 9 || field === 10) && typeof a === 'number') return `${name}.${CLOCK_FIELDS[a] ?? a}`;
  return name;
}

/**
 * Reads a stored row back; a value of another shape is an error naming what was wrong
 * (the caller skips and logs it rather than failing the whole report).
 */
export function unpackReportRow(value: unknown): { ok: true; row: ReportRow } | { ok: false; error: string } {
  const packed = packedRowSchema.safeParse(value);
  if (!packed.success) {
    const first = packed.error.issues[0];
    const key = Array.isArray(value) && typeof value[1] === 'string' ? ` ${value[1]}` : '';
    return { ok: false, error: `report row${key}${first ? `${first.path.length > 0 ? ` ${packedPath(first.path)}` : ''}: ${first.message}` : ': invalid'}` };
  }
  const p = packed.data;
  const row: ReportRow = {
    key: p[1],
    project: p[2],
    createdMs: p[3],
    month: p[4],
    package: p[5],
    priority: p[6],
    customer: p[7],
    agent: p[8],
    reaction: p[9] === null ? null : unpackClock(p[9]),
    resolution: p[10] === null ? null : unpackClock(p[10]),
    followUp: p[11].map(unpackClock),
    pausedMinutes: p[12],
    computedAtMs: p[13],
    answers: p[14],
    accountedMinutes: p[15],
  };
  return { ok: true, row };
}
