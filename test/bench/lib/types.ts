/** What every bench section receives; the harness builds it from the command line. */
export interface BenchOptions {
  /** Short run for smoke checks: tiny time budgets, small agreement subsets. Numbers are not meaningful. */
  readonly quick: boolean;
  /** Progress and diagnostics go here (stderr), never to stdout, so `--json` stays one object. */
  readonly log: (line: string) => void;
}

export type SectionResult = Record<string, unknown>;

/**
 * A file in test/bench/sections/ is a section when it exports `run` and `print`.
 * `run` returns keys that are merged, flat, into the `--json` object (keys must not collide
 * across sections); `print` turns that same result into the human-readable table lines.
 */
export interface BenchSection {
  run(opts: BenchOptions): Promise<SectionResult>;
  print(result: SectionResult): string;
}
