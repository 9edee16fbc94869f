// Gzipped size of each built Custom UI app (static/<app>/build), printed as a table and written
// to test/bench/.ui-metrics.json for `npm run bench`. Usage: `tsx scripts/bundle-size.ts [--json]`.
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { APPS } from '../static/vite.shared';

const ROOT = resolve(__dirname, '..');
export const UI_METRICS_FILE = join(ROOT, 'test/bench/.ui-metrics.json');
/** The budget for the panel bundle (issue 6). */
export const PANEL_BUDGET_GZIP_BYTES = 150 * 1024;

export interface BundleSize {
  app: string;
  files: number;
  rawBytes: number;
  gzipBytes: number;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Sizes of what the browser downloads to start an app: its HTML, JS and CSS. */
export function measureBundles(apps: readonly string[] = APPS): BundleSize[] {
  return apps.flatMap((app) => {
    const build = join(ROOT, 'static', app, 'build');
    if (!existsSync(build)) return [];
    const files = walk(build).filter((f) => /\.(js|css|html)$/.test(f));
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const f of files) {
      const buf = readFileSync(f);
      rawBytes += buf.length;
      gzipBytes += gzipSync(buf, { level: 9 }).length;
    }
    return [{ app, files: files.length, rawBytes, gzipBytes }];
  });
}

/** Merges a section into the metrics file the browser tests also write to. */
export function writeUiMetrics(patch: Record<string, unknown>): void {
  let current: Record<string, unknown> = {};
  if (existsSync(UI_METRICS_FILE)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(UI_METRICS_FILE, 'utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) current = parsed as Record<string, unknown>;
    } catch {
      // A broken metrics file is rewritten from scratch.
    }
  }
  mkdirSync(dirname(UI_METRICS_FILE), { recursive: true });
  writeFileSync(UI_METRICS_FILE, JSON.stringify({ ...current, ...patch }, null, 2) + '\n');
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function printBundles(sizes: readonly BundleSize[]): void {
  console.log('app             files       raw      gzip');
  for (const s of sizes) console.log(`${s.app.padEnd(14)} ${String(s.files).padStart(6)} ${kb(s.rawBytes).padStart(9)} ${kb(s.gzipBytes).padStart(9)}`);
  const panel = sizes.find((s) => s.app === 'issue-panel');
  if (panel) console.log(`issue-panel gzip ${kb(panel.gzipBytes)} of the ${kb(PANEL_BUDGET_GZIP_BYTES)} budget: ${panel.gzipBytes <= PANEL_BUDGET_GZIP_BYTES ? 'ok' : 'OVER BUDGET'}`);
}

if (require.main === module) {
  const sizes = measureBundles();
  if (sizes.length === 0) {
    console.error('bundle-size: no static/<app>/build found; run `npm run build` first');
    process.exit(1);
  }
  writeUiMetrics({ bundles: sizes, measuredAt: new Date().toISOString() });
  if (process.argv.includes('--json')) console.log(JSON.stringify(sizes));
  else printBundles(sizes);
  console.log(`(written to ${relative(ROOT, UI_METRICS_FILE)})`);
}
