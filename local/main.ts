// `npm start`: the whole app on a laptop. Opens (or creates) the SQLite file under the user's
// data folder, builds the Custom UI bundles once if they are missing, seeds demo data on a
// fresh start, and serves the host page on http://localhost:PORT.
//   npm start -- --reset     start from scratch (deletes the local database first)
//   PORT=4000 npm start      another port;  REGLAMENT_DATA_DIR=/tmp/x npm start  another folder
//   REGLAMENT_FAULT_RATE=0.2 npm start      a share of the app's Jira calls fails (429/500)
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { seedDemo } from './demo-data';
import { LocalHost } from './host';
import { createHostServer } from './server';

const REPO_ROOT = resolve(__dirname, '..');

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.REGLAMENT_DATA_DIR) return resolve(env.REGLAMENT_DATA_DIR);
  const base = env.XDG_DATA_HOME && env.XDG_DATA_HOME.trim() !== '' ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'reglament');
}

/** Builds static/<app>/build when an app has sources but no build (a fresh clone). */
async function ensureBundles(log: (l: string) => void): Promise<void> {
  const staticDir = join(REPO_ROOT, 'static');
  if (!existsSync(staticDir)) return;
  const missing = readdirSync(staticDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(staticDir, d.name, 'index.html')) && !existsSync(join(staticDir, d.name, 'build', 'index.html')))
    .map((d) => d.name);
  if (missing.length === 0) return;
  log(`Building the Custom UI bundles once (missing: ${missing.join(', ')}) …`);
  const code = await new Promise<number | null>((ok) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(REPO_ROOT, 'scripts', 'build-static.ts'), ...missing], { cwd: REPO_ROOT, stdio: 'inherit' });
    child.on('exit', ok);
    child.on('error', () => ok(null));
  });
  if (code !== 0) log('The static build failed; panels stay empty until `npm run build` succeeds.');
}

export interface StartOptions {
  port: number;
  dataDir: string;
  reset: boolean;
  demo: boolean;
  /** Build missing static bundles first (default true; API-only tests skip it). */
  buildBundles?: boolean;
  log?: (line: string) => void;
}

export interface Started {
  url: string;
  /** Resolves when bundles are built and the demo site is ready (the page waits for it too). */
  ready: Promise<void>;
  close: () => Promise<void>;
}

/**
 * Listens at once (the page says "preparing" meanwhile), then builds missing bundles and seeds
 * the demo site in the background, so the URL answers within seconds even on a fresh clone.
 */
export async function start(opts: StartOptions): Promise<Started> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const dbPath = join(opts.dataDir, 'local-host.sqlite');
  // A busy port (another host, maybe on this very folder) must not cost that host its data.
  if (opts.reset && opts.port !== 0) await portFree(opts.port);
  if (opts.reset) for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  const host = new LocalHost({ dbPath });
  const readiness = { ready: false, message: 'Starting…' };
  const server = createHostServer(host, { dataPath: dbPath, readiness });
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(opts.port, '127.0.0.1', () => ok());
    });
  } catch (e) {
    // Nothing half-started stays behind: the database is closed and the Forge globals restored.
    host.close();
    throw e;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const url = `http://localhost:${port}/`;
  log(`Data: ${dbPath}`);
  log(`Reglament local host: ${url}`);
  let timer: NodeJS.Timeout | null = null;
  const ready = (async () => {
    readiness.message = 'Building the Custom UI bundles…';
    if (opts.buildBundles !== false) await ensureBundles(log);
    if (!host.emulator.jira.seeded) {
      if (opts.demo) {
        readiness.message = 'Creating the demo site: five regulations, their requests…';
        log('Fresh start: creating the demo site (one project per regulation template) …');
        const nowMs = Math.floor(Date.now() / 60_000) * 60_000;
        // The app logs every sweep; while weeks of history replay, those lines are noise.
        const original = console.log;
        let muted = 0;
        console.log = () => void muted++;
        try {
          await host.exclusive(() => seedDemo(host, { nowMs, log }));
        } finally {
          console.log = original;
        }
        log(`Demo site ready (${host.emulator.jira.allIssues().length} requests; ${muted} app log lines muted while seeding).`);
      } else host.emulator.seedSite();
    }
    // REGLAMENT_FAULT_RATE=0.2 npm start: a fifth of the app's Jira calls fail (429 or 500), for demos.
    const rate = Number(process.env.REGLAMENT_FAULT_RATE ?? 0);
    if (rate > 0 && rate <= 1) {
      host.emulator.setFaults({ rate, statuses: [429, 500] });
      log(`Fault injection: ${Math.round(rate * 100)}% of the app's Jira calls answer 429 or 500.`);
    }
    host.clock.run();
    readiness.ready = true;
    readiness.message = '';
    // The scheduled trigger: one sweep per 5-minute slot of simulated time.
    timer = setInterval(() => {
      host.tick().catch((e: unknown) => console.error('scheduled sweep failed:', e));
    }, 5_000);
  })();
  ready.catch((e: unknown) => {
    readiness.message = `Start failed: ${e instanceof Error ? e.message : String(e)}`;
    console.error(e);
  });
  return {
    url,
    ready,
    close: async () => {
      if (timer) clearInterval(timer);
      await ready.catch(() => undefined);
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      await host.exclusive(async () => {
        host.clock.freeze();
        host.emulator.meta.set('clock', host.clock.now());
      });
      host.close();
    },
  };
}

/** Resolves when the port can be listened on; rejects with the listen error (EADDRINUSE) otherwise. */
function portFree(port: number): Promise<void> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(port, '127.0.0.1', () => probe.close(() => ok()));
  });
}

/** What went wrong at start, and what to do about it. */
export function startError(e: unknown, port: number): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  if (code === 'EADDRINUSE') return `Port ${port} is already in use (another \`npm start\`?). Stop it, or choose another port: PORT=${port + 1} npm start`;
  if (code === 'EACCES') return `Not allowed to listen on port ${port}; choose a port above 1023: PORT=3000 npm start`;
  return e instanceof Error ? e.message : String(e);
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
      console.error(startError(e, port));
      process.exit(1);
    });
}
