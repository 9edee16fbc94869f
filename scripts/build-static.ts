// `npm run build`: builds every Custom UI app into static/<app>/build (Vite, base './'), then
// prints the gzipped bundle sizes. `npm run build -- admin` builds only the apps named.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { APPS, appConfig, type AppName } from '../static/vite.shared';
import { measureBundles, printBundles, writeUiMetrics, PANEL_BUDGET_GZIP_BYTES } from './bundle-size';

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((a) => !(APPS as readonly string[]).includes(a));
if (unknown.length > 0) {
  console.error(`build: unknown app ${unknown.join(', ')}; apps are ${APPS.join(', ')}`);
  process.exit(2);
}
const apps: readonly AppName[] = wanted.length > 0 ? (wanted as AppName[]) : APPS;

async function main(): Promise<void> {
  for (const app of apps) {
    if (!existsSync(join(__dirname, '..', 'static', app, 'index.html'))) {
      console.warn(`build: static/${app}/index.html does not exist yet; skipping ${app}`);
      continue;
    }
    const started = performance.now();
    await build(appConfig(app));
    console.log(`built static/${app}/build in ${Math.round(performance.now() - started)} ms`);
  }
  const sizes = measureBundles(apps);
  printBundles(sizes);
  writeUiMetrics({ bundles: measureBundles(), measuredAt: new Date().toISOString() });
  const panel = sizes.find((s) => s.app === 'issue-panel');
  if (panel && panel.gzipBytes > PANEL_BUDGET_GZIP_BYTES) {
    console.error('build: the issue panel is over its 150 KB gzip budget');
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
