// `npm run build`: builds every Custom UI app into static/<app>/build (Vite, base './'), then
// prints the gzipped bundle sizes. `npm run build -- admin` builds only the apps named.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { APPS, appConfig, type AppName } from '../static/vite.shared';
import { measureBundles, printBundles, writeUiMetrics, PANEL_BUDGET_GZIP_BYTES } from './bundle-size';

const ROOT = resolve(__dirname, '..');
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
/** `--if-stale` (npm's pretest): build only the apps whose build is missing or older than a source. */
const ifStale = process.argv.includes('--if-stale');
const unknown = wanted.filter((a) => !(APPS as readonly string[]).includes(a));
if (unknown.length > 0) {
  console.error(`build: unknown app ${unknown.join(', ')}; apps are ${APPS.join(', ')}`);
  process.exit(2);
}
const apps: readonly AppName[] = wanted.length > 0 ? (wanted as AppName[]) : APPS;

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'build' || name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** What a Custom UI build is made from: its app folder, the shared UI code, the app's src/ (shared
 * contract, domain code the reports app imports), the translations and the build configuration. */
function isStale(app: AppName): boolean {
  const built = join(ROOT, 'static', app, 'build', 'index.html');
  if (!existsSync(built)) return true;
  const inputs = [join('static', app), 'static/shared', 'static/vite.shared.ts', 'static/vite.config.ts', 'src', 'locales', 'package-lock.json'];
  const newest = Math.max(...inputs.map((p) => newestMtime(join(ROOT, p))));
  return newest > statSync(built).mtimeMs;
}

async function main(): Promise<void> {
  let rebuilt = 0;
  for (const app of apps) {
    if (ifStale && !isStale(app)) continue;
    rebuilt++;
    if (!existsSync(join(__dirname, '..', 'static', app, 'index.html'))) {
      console.warn(`build: static/${app}/index.html does not exist yet; skipping ${app}`);
      continue;
    }
    const started = performance.now();
    await build(appConfig(app));
    console.log(`built static/${app}/build in ${Math.round(performance.now() - started)} ms`);
  }
  if (ifStale && rebuilt === 0) {
    console.log('build: static apps are up to date');
    return;
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
