/**
 * Throughput measurement. Each operation reads its inputs from pre-built typed arrays (index i),
 * so the loop measures the operation, not input generation. The sum of results goes to a sink
 * that is returned, so the JIT cannot drop the calls as dead code.
 */
export interface Throughput {
  /** Median of the rounds' rates: the figure we report (robust to a neighbour's burst on a shared CPU). */
  readonly opsPerSec: number;
  /** Best round: what the machine can do when nothing else runs. */
  readonly bestOpsPerSec: number;
  /**
   * Operations per second of this process's CPU time (process.cpuUsage) over all rounds: on a
   * machine shared with other jobs it still tells what one core does, since time spent
   * descheduled is not counted.
   */
  readonly opsPerCpuSec: number;
  readonly ops: number;
  readonly seconds: number;
  readonly rounds: number;
}

export interface MeasureOptions {
  /** Total measured time, split into `rounds` rounds. */
  readonly budgetMs: number;
  readonly rounds: number;
  /** Unmeasured time spent first so the JIT has compiled the hot path. */
  readonly warmupMs: number;
  /** Calls between clock reads; 1 for slow peers, ~1024 for ours so hrtime costs nothing. */
  readonly batch: number;
}

let sink = 0;

/** Keeps results observable; printed nowhere, but its existence defeats dead-code elimination. */
export function sinkValue(): number {
  return sink;
}

function runFor(op: (i: number) => number, size: number, ms: number, batch: number, startIndex: number): { ops: number; ns: bigint; next: number } {
  const limit = BigInt(Math.round(ms * 1e6));
  let i = startIndex;
  let ops = 0;
  let acc = 0;
  const t0 = process.hrtime.bigint();
  let elapsed = 0n;
  do {
    for (let k = 0; k < batch; k++) {
      acc += op(i);
      i = i + 1 === size ? 0 : i + 1;
    }
    ops += batch;
    elapsed = process.hrtime.bigint() - t0;
  } while (elapsed < limit);
  sink += acc;
  return { ops, ns: elapsed, next: i };
}

export function measure(op: (i: number) => number, size: number, o: MeasureOptions): Throughput {
  let next = 0;
  if (o.warmupMs > 0) next = runFor(op, size, o.warmupMs, o.batch, 0).next;
  const rates: number[] = [];
  let ops = 0;
  let ns = 0n;
  const roundMs = o.budgetMs / o.rounds;
  const cpu0 = process.cpuUsage();
  for (let r = 0; r < o.rounds; r++) {
    const res = runFor(op, size, roundMs, o.batch, next);
    next = res.next;
    ops += res.ops;
    ns += res.ns;
    rates.push(res.ops / (Number(res.ns) / 1e9));
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  rates.sort((a, b) => a - b);
  const mid = rates.length >> 1;
  const median = rates.length % 2 === 1 ? rates[mid]! : (rates[mid - 1]! + rates[mid]!) / 2;
  return {
    opsPerSec: Math.round(median),
    bestOpsPerSec: Math.round(rates[rates.length - 1]!),
    opsPerCpuSec: cpuSeconds > 0 ? Math.round(ops / cpuSeconds) : 0,
    ops,
    seconds: Number(ns) / 1e9,
    rounds: o.rounds,
  };
}
