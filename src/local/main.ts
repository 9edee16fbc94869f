// `npm start`: the whole app on a laptop. Opens (or creates) the SQLite file under the user's
// data folder, builds the Custom UI bundles once if they are missing, seeds demo data on a
// fresh start, and serves the host page on http://localhost:PORT.
//   npm start -- --reset     start from scratch (deletes the local database first)
//   PORT=4000 npm start      another port;  REGLAMENT_DATA_DIR=/tmp/x npm start  another folder
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { seedDemo } from './demo-data';
import { LocalHost } from './host';
import { createHostServer } from './server';

const REPO_ROOT = resolve(__dirname, '..', '..');

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.REGLAMENT_DATA_DIR) return resolve(env.REGLAMENT_DATA_DIR);
  const base = env.XDG_DATA_HOME && env.XDG_DATA_HOME.trim() !== '' ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'reglament');
}

/** Builds static/<app>/build when an app has sources but no build (a fresh clone). */
function ensureBundles(): void {
  const staticDir = join(REPO_ROOT, 'static');
  if (!existsSync(staticDir)) return;
  const missing = readdirSync(staticDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(staticDir, d.name, 'index.html')) && !existsSync(join(staticDir, d.name, 'build', 'index.html')))
    .map((d) => d.name);
  if (missing.length === 0) return;
  console.log(`Building the Custom UI bundles once (missing: ${missing.join(', ')}) …`);
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(REPO_ROOT, 'scripts', 'build-static.ts')], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) console.warn('The static build failed; the page will show empty panels until `npm run build` succeeds.');
}

export interface StartOptions {
  port: number;
  dataDir: string;
  reset: boolean;
  demo: boolean;
  log?: (line: string) => void;
}

export async function start(opts: StartOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const dbPath = join(opts.dataDir, 'local-host.sqlite');
  if (opts.reset) for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  ensureBundles();
  const host = new LocalHost({ dbPath });
  if (!host.emulator.jira.seeded) {
    if (opts.demo) {
      const nowMs = Math.floor(Date.now() / 60_000) * 60_000;
      log('Fresh start: creating the demo site (five regulation templates, their requests) …');
      await seedDemo(host, { nowMs, log });
    } else host.emulator.seedSite();
  }
  host.clock.run();
  const server = createHostServer(host, { dataPath: dbPath });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, '127.0.0.1', () => ok());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  // The scheduled trigger: one sweep per 5-minute slot of simulated time.
  const timer = setInterval(() => {
    host.tick().catch((e: unknown) => console.error('scheduled sweep failed:', e));
  }, 5_000);
  const url = `http://localhost:${port}/`;
  log(`Data: ${dbPath}`);
  log(`Reglament local host: ${url}`);
  return {
    url,
    close: async () => {
      clearInterval(timer);
      await new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections();
      await host.exclusive(async () => {
        host.clock.freeze();
        host.emulator.meta.set('clock', host.clock.now());
      });
      host.close();
    },
  };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, got "${process.env.PORT}"`);
    process.exit(2);
  }
  start({ port, dataDir: dataDir(), reset: args.includes('--reset'), demo: !args.includes('--no-demo') })
    .then(({ close }) => {
      const stop = (): void => {
        close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
