/**
 * Function section: the Forge function bundles that `npm run forge:dryrun` builds with the real
 * @forge/bundler (.tools/forge-dryrun/function): one entry per manifest handler module, each
 * against the 700 KB budget, and each one's cold-start module load time: `require()` of the entry
 * in a fresh node process, timed inside that process, several runs, median. Lazy chunks (admin,
 * reports, recompute pipeline, calendar import parsers) are counted but not loaded, as on a cold
 * start. The dry run is run first when a bundle is missing or older than src/. Key in
 * `bench --json`: `function` = {entries: [{file, bytes, loadMs, loadMsRuns}], entryBytes (largest),
 * chunkBytes, budgetBytes, loadMs (largest entry's median), runs}.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { formatTable } from '../lib/table';
import type { BenchOptions, SectionResult } from '../lib/types';

const ROOT = resolve(__dirname, '../../..');
const BUNDLE_DIR = join(ROOT, '.tools/forge-dryrun/function');
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

/** `<module>.cjs` per manifest handler `<module>.<export>`: what each function loads. */
function entryFiles(): string[] {
  const manifest = parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8')) as { modules: { function: Array<{ handler: string }> } };
  return [...new Set(manifest.modules.function.map((f) => `${f.handler.slice(0, f.handler.lastIndexOf('.'))}.cjs`))].sort();
}

function allFiles(dir: string, base = ''): string[] {
  return readdirSync(join(dir, base), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(dir, join(base, e.name)) : [join(base, e.name)]));
}

export async function run(opts: BenchOptions): Promise<SectionResult> {
  const wanted = entryFiles();
  const stale = () => !existsSync(BUNDLE_DIR) || wanted.some((f) => !existsSync(join(BUNDLE_DIR, f)) || statSync(join(BUNDLE_DIR, f)).mtimeMs < newestMtime(join(ROOT, 'src')));
  if (stale()) {
    opts.log('function bundles missing or older than src/: running npm run forge:dryrun');
    // An over-budget bundle fails the dry run but is still measured here.
    spawnSync('bash', [join(ROOT, 'scripts/forge-dryrun.sh')], { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] });
    const missing = wanted.filter((f) => !existsSync(join(BUNDLE_DIR, f)));
    if (missing.length > 0) throw new Error(`npm run forge:dryrun produced no bundle ${missing.join(', ')} (see its output above)`);
  }
  const code = allFiles(BUNDLE_DIR).filter((f) => /\.cjs$/.test(f) && !f.startsWith('__forge'));
  const chunkBytes = code.filter((f) => !wanted.includes(f)).reduce((s, f) => s + statSync(join(BUNDLE_DIR, f)).size, 0);
  const runs = opts.quick ? 3 : 9;
  const entries = wanted.map((file) => {
    const path = join(BUNDLE_DIR, file);
    const script = `const t=process.hrtime.bigint();require(${JSON.stringify(path)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
    const loadMsRuns: number[] = [];
    for (let i = 0; i < runs; i++) {
      const out = execFileSync(process.execPath, ['-e', script], { cwd: BUNDLE_DIR, env: { ...process.env, NODE_OPTIONS: '' } });
      loadMsRuns.push(Math.round(Number(out.toString()) * 10) / 10);
    }
    return { file, bytes: statSync(path).size, loadMs: median(loadMsRuns), loadMsRuns };
  });
  const largest = entries.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  return { function: { entries, entryBytes: largest.bytes, chunkBytes, budgetBytes: BUDGET_BYTES, loadMs: largest.loadMs, runs } };
}

export function print(result: SectionResult): string {
  const f = result.function as { entries: Array<{ file: string; bytes: number; loadMs: number }>; chunkBytes: number; budgetBytes: number; runs: number };
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  return [
    "Function: each Forge function's entry bundle (@forge/bundler via npm run forge:dryrun) and its cold-start module load",
    formatTable(
      ['function entry', 'size', 'target', `module load, fresh node (median of ${f.runs})`],
      [
        ...f.entries.map((e) => [e.file, kb(e.bytes), `≤ ${kb(f.budgetBytes)}`, `${e.loadMs} ms`]),
        ['lazy chunks (admin, reports, recompute, import parsers)', kb(f.chunkBytes), '—', 'on first use'],
      ],
    ),
  ].join('\n');
}
