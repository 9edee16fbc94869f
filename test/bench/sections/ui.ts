/**
 * UI section: the Custom UI bundles (gzipped, measured now from static/<app>/build) and the issue
 * panel's first meaningful render (navigation start to the first clock row) that the browser
 * test `test/browser/ui-local-host.test.ts` measured on the local host and left in
 * test/bench/.ui-metrics.json. Key in `bench --json`: `ui` = {bundles: {app: gzipBytes},
 * panelGzipKB, panelBudgetKB, panelFirstRenderMs, panelFirstRenderColdMs, firstRenderTargetMs,
 * firstRenderMeasuredAt}. Nothing is built or browsed here: run `npm run build` and the browser
 * test first; missing numbers are reported as null with the reason.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { measureBundles, PANEL_BUDGET_GZIP_BYTES, UI_METRICS_FILE } from '../../../scripts/bundle-size';
import { formatTable } from '../lib/table';
import type { BenchOptions, SectionResult } from '../lib/types';

const FIRST_RENDER_TARGET_MS = 300;

function readMetrics(): Record<string, unknown> {
  if (!existsSync(UI_METRICS_FILE)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(UI_METRICS_FILE, 'utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export async function run(opts: BenchOptions): Promise<SectionResult> {
  const sizes = measureBundles();
  if (sizes.length === 0) opts.log('ui: no static/<app>/build; run `npm run build` for bundle sizes');
  const metrics = readMetrics();
  const firstRender = num(metrics.panelFirstRenderMs);
  if (firstRender === null) opts.log('ui: no first-render measurement; run `npx jest test/browser/ui-local-host.test.ts`');
  const panel = sizes.find((s) => s.app === 'issue-panel');
  return {
    ui: {
      bundles: Object.fromEntries(sizes.map((s) => [s.app, s.gzipBytes])),
      panelGzipKB: panel ? Math.round((panel.gzipBytes / 1024) * 10) / 10 : null,
      panelBudgetKB: PANEL_BUDGET_GZIP_BYTES / 1024,
      panelFirstRenderMs: firstRender,
      panelFirstRenderColdMs: num(metrics.panelFirstRenderColdMs),
      firstRenderTargetMs: FIRST_RENDER_TARGET_MS,
      firstRenderMeasuredAt: existsSync(UI_METRICS_FILE) && firstRender !== null ? statSync(UI_METRICS_FILE).mtime.toISOString() : null,
    },
  };
}

export function print(result: SectionResult): string {
  const ui = result.ui as { bundles: Record<string, number>; panelBudgetKB: number; panelFirstRenderMs: number | null; panelFirstRenderColdMs: number | null; firstRenderTargetMs: number };
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  const rows = Object.entries(ui.bundles).map(([app, gz]) => [app, kb(gz), app === 'issue-panel' ? `≤ ${ui.panelBudgetKB} KB` : '—']);
  const render = [
    ['panel first render (warm)', ui.panelFirstRenderMs === null ? '—' : `${ui.panelFirstRenderMs} ms`, `≤ ${ui.firstRenderTargetMs} ms`],
    ['panel first render (cold server)', ui.panelFirstRenderColdMs === null ? '—' : `${ui.panelFirstRenderColdMs} ms`, '—'],
  ];
  return ['UI: Custom UI bundles (gzipped) and the issue panel on the local host', formatTable(['what', 'measured', 'target'], [...rows, ...render])].join('\n');
}
