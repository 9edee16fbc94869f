/**
 * Function section: the Forge function bundle that `npm run forge:dryrun` builds with the real
 * @forge/bundler (.tools/forge-dryrun/function), its size against the 700 KB budget, and its
 * cold-start module load time: `require()` of the entry bundle in a fresh node process, timed
 * inside that process, several runs, median. Lazy chunks (the calendar import parsers) are listed
 * but not loaded, as on a cold start. The dry run is run first when the bundle is missing or older
 * than src/. Key in `bench --json`: `function` = {entryBytes, chunkBytes, budgetBytes, loadMs
 * (median), loadMsRuns, runs}.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatTable } from '../lib/table';
import type { BenchOptions, SectionResult } from '../lib/types';

const ROOT = resolve(__dirname, '../../..');
const BUNDLE_DIR = join(ROOT, '.tools/forge-dryrun/function');
const ENTRY = join(BUNDLE_DIR, 'index.cjs');
const BUDGET_BYTES = 700 * 1024;

function newestMtime(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }, 0);
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export async function run(opts: BenchOptions): Promise<SectionResult> {
  if (!existsSync(ENTRY) || statSync(ENTRY).mtimeMs < newestMtime(join(ROOT, 'src'))) {
    opts.log('function bundle missing or older than src/: running npm run forge:dryrun');
    // An over-budget bundle fails the dry run but is still measured here.
    spawnSync('bash', [join(ROOT, 'scripts/forge-dryrun.sh')], { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] });
    if (!existsSync(ENTRY)) throw new Error('npm run forge:dryrun produced no function bundle (see its output above)');
  }
  const files = readdirSync(BUNDLE_DIR).filter((f) => /\.cjs$/.test(f) && !f.startsWith('__forge'));
  const entryBytes = statSync(ENTRY).size;
  const chunkBytes = files.filter((f) => f !== 'index.cjs').reduce((s, f) => s + statSync(join(BUNDLE_DIR, f)).size, 0);
  const runs = opts.quick ? 3 : 9;
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(ENTRY)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const loadMsRuns: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['-e', script], { cwd: BUNDLE_DIR, env: { ...process.env, NODE_OPTIONS: '' } });
    loadMsRuns.push(Math.round(Number(out.toString()) * 10) / 10);
  }
  return { function: { entryBytes, chunkBytes, budgetBytes: BUDGET_BYTES, loadMs: median(loadMsRuns), loadMsRuns, runs } };
}

export function print(result: SectionResult): string {
  const f = result.function as { entryBytes: number; chunkBytes: number; budgetBytes: number; loadMs: number; runs: number };
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  return [
    'Function: the Forge function bundle (@forge/bundler via npm run forge:dryrun) and its cold-start module load',
    formatTable(
      ['what', 'measured', 'target'],
      [
        ['entry bundle (loaded by every function)', kb(f.entryBytes), `≤ ${kb(f.budgetBytes)}`],
        ['lazy chunks (calendar import parsers)', kb(f.chunkBytes), '—'],
        [`module load, fresh node process (median of ${f.runs})`, `${f.loadMs} ms`, '—'],
      ],
    ),
  ].join('\n');
}
