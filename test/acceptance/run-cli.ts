// Black-box harness: runs the real `sla` command as a child process (no imports from src/),
// so these tests see exactly what a user of `npm run -s sla -- …` sees.
// Each process start costs about a second, so callers batch many cases into one run.

import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SLA = path.join(ROOT, 'src', 'cli', 'sla.ts');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout split into lines, without the trailing empty line */
  readonly lines: string[];
}

export function runSla(args: readonly string[], stdin = ''): CliResult {
  const r = spawnSync(TSX, [SLA, ...args], {
    cwd: ROOT,
    input: stdin,
    encoding: 'utf8',
    // A different host zone than the calendars' must not change any answer.
    env: { ...process.env, TZ: 'America/New_York' },
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const stdout = r.stdout ?? '';
  const lines = stdout.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return { status: r.status, stdout, stderr: r.stderr ?? '', lines };
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

/** Runs one `sla batch` over the given request objects (or raw lines) and returns one parsed object per line. */
export function runBatch(requests: ReadonlyArray<JsonObject | string>): { result: CliResult; outputs: JsonObject[] } {
  const stdin = requests.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
  const result = runSla(['batch'], stdin);
  const outputs = result.lines.map((l) => {
    try {
      return JSON.parse(l) as JsonObject;
    } catch {
      return { __unparsable__: l } as JsonObject;
    }
  });
  return { result, outputs };
}

/** Msk wall clock → ISO with offset, to keep expectations readable. */
export const msk = (wall: string): string => `${wall.length === 16 ? wall + ':00' : wall}+03:00`;

export const ISO_WITH_SECONDS_MSK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+03:00$/;
