/**
 * `npm run bench [-- --json] [--quick] [--only <section>[,<section>]]`
 *
 * Every `*.ts` file in ./sections is a section (it exports `run` and `print`); adding a section
 * is adding a file. Sections run one after another in this single process (one core), so they
 * never compete with each other for the CPU. With `--json`, stdout carries exactly one JSON
 * object (the sections' keys merged flat, plus `bench`); everything else goes to stderr.
 */
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchOptions, BenchSection, SectionResult } from './lib/types';

/** Sections that exist run in this order; sections not listed here run after them, by name. */
const ORDER = ['engine', 'clocks', 'sweep', 'report', 'ui', 'function', 'jql', 'limits'];

interface CliArgs {
  readonly json: boolean;
  readonly quick: boolean;
  readonly only: ReadonlySet<string> | null;
}

function parseArgs(argv: readonly string[], known: readonly string[]): CliArgs {
  let json = false;
  let quick = false;
  let only: Set<string> | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--quick') quick = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (!value) throw new Error('--only needs a section name, e.g. --only engine');
      only = new Set(value.split(',').map((s) => s.trim()).filter(Boolean));
      for (const name of only) {
        if (!known.includes(name)) throw new Error(`--only: unknown section "${name}" (sections: ${known.join(', ')})`);
      }
    } else if (arg === '--help' || arg === '-h') {
      process.stderr.write('usage: npm run bench -- [--json] [--quick] [--only <section>[,<section>]]\n');
      process.exit(0);
    } else throw new Error(`unknown argument "${arg}" (expected --json, --quick, --only <section>)`);
  }
  return { json, quick, only };
}

function sectionNames(dir: string): string[] {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.slice(0, -3));
  const rank = (n: string): number => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function isSection(mod: unknown): mod is BenchSection {
  const m = mod as Partial<BenchSection> | null;
  return typeof m?.run === 'function' && typeof m.print === 'function';
}

async function main(): Promise<void> {
  const dir = join(__dirname, 'sections');
  const names = sectionNames(dir);
  const args = parseArgs(process.argv.slice(2), names);
  const selected = names.filter((n) => args.only === null || args.only.has(n));
  const log = (line: string): void => void process.stderr.write(`${line}\n`);

  // A stray console.log inside a section or a peer library must not break the one-object contract.
  const realLog = console.log;
  if (args.json) console.log = (...xs: unknown[]) => console.error(...xs);

  const merged: Record<string, unknown> = {
    bench: {
      sections: selected,
      quick: args.quick,
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      cpus: cpus().length,
      loadAvg1m: Number(loadavg()[0]!.toFixed(2)),
      hostTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      startedAt: new Date().toISOString(),
    },
  };
  if (!args.json) {
    const b = merged.bench as { node: string; cpu: string; cpus: number; loadAvg1m: number };
    realLog(`node ${b.node}, ${b.cpus} × ${b.cpu}, load average ${b.loadAvg1m}${b.loadAvg1m > b.cpus - 1 ? ' (busy machine: wall-clock rates will be low; see the per-CPU-second figures)' : ''}${args.quick ? ', --quick: numbers are not meaningful' : ''}`);
  }
  const owners = new Map<string, string>();
  const failures: string[] = [];
  for (const name of selected) {
    const mod: unknown = await import(pathToFileURL(join(dir, `${name}.ts`)).href);
    const section = isSection(mod) ? mod : isSection((mod as { default?: unknown }).default) ? (mod as { default: BenchSection }).default : null;
    if (section === null) {
      failures.push(`${name}: does not export run() and print()`);
      continue;
    }
    log(`[bench] ${name}…`);
    const opts: BenchOptions = { quick: args.quick, log: (line) => log(`[${name}] ${line}`) };
    let result: SectionResult;
    const t0 = process.hrtime.bigint();
    try {
      result = await section.run(opts);
    } catch (e) {
      failures.push(`${name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      continue;
    }
    log(`[bench] ${name} done in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s`);
    for (const key of Object.keys(result)) {
      const owner = owners.get(key) ?? (key === 'bench' ? 'the harness' : undefined);
      if (owner !== undefined) failures.push(`${name}: key "${key}" is already produced by ${owner}`);
      else owners.set(key, name);
    }
    Object.assign(merged, Object.fromEntries(Object.entries(result).filter(([k]) => owners.get(k) === name)));
    if (!args.json) realLog(`\n== ${name} ==\n${section.print(result)}`);
  }
  if (failures.length > 0) merged.benchErrors = failures;
  if (args.json) process.stdout.write(`${JSON.stringify(merged)}\n`);
  for (const f of failures) log(`[bench] FAILED ${f}`);
  process.exitCode = failures.length > 0 ? 1 : 0;
}

main().catch((e: unknown) => {
  process.stderr.write(`[bench] ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
