// `npm run forge:dryrun` lints the file list the Forge CLI builds itself (LintService.run:
// recursiveReadDir('./src') minus .gitignore), not a filtered one: a .ts file under src/ that the
// root tsconfig does not cover (excluded as a folder, the defect of issue 10) must make it fail,
// as `forge deploy` fails. Runs the real script with the pinned CLI on a temporary copy of the app
// (~30 s of lint). Needs the CLI that `npm run forge:dryrun` installs into .tools/forge-cli; without
// it the test warns and skips, except under CI=true (where .ci/run installs it before the tests).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parse } from 'yaml';

const ROOT = resolve(__dirname, '../..');
const CLI_DIR = join(ROOT, '.tools/forge-cli');
const installed = existsSync(join(CLI_DIR, '.pins'));
if (!installed && process.env.CI === 'true') throw new Error('.tools/forge-cli is missing: run npm run forge:dryrun first (CI runs it before npm test)');
if (!installed) console.warn('forge-dryrun.test: .tools/forge-cli not installed (npm run forge:dryrun installs it); skipping');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

(installed ? describe : describe.skip)('forge:dryrun lint file list', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'reglament-dryrun-'));
    for (const f of ['manifest.yml', 'package.json', '.gitignore', 'src', 'locales', 'scripts']) cpSync(join(ROOT, f), join(dir, f), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    mkdirSync(join(dir, 'data'));
    symlinkSync(join(ROOT, 'data/jira-openapi'), join(dir, 'data/jira-openapi'));
    // Lint does not read the Custom UI builds; manifest validation wants their folders.
    const manifestText = readFileSync(join(ROOT, 'manifest.yml'), 'utf8');
    const manifest = parse(manifestText) as { resources: { key: string; path: string }[] };
    for (const r of manifest.resources) {
      mkdirSync(join(dir, r.path), { recursive: true });
      writeFileSync(join(dir, r.path, 'index.html'), '<!doctype html><title>t</title>\n');
    }
    // Every `resource:<key>;<file>` the manifest names (icons, thumbnails), so only the planted file fails.
    for (const [, key, file] of manifestText.matchAll(/resource:([\w-]+);([\w./-]+)/g)) {
      const r = manifest.resources.find((x) => x.key === key);
      if (r) writeFileSync(join(dir, r.path, file!), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
    }
    // The planted file, excluded from the root tsconfig as a folder (not a glob).
    mkdirSync(join(dir, 'src/stray'));
    writeFileSync(join(dir, 'src/stray/planted.ts'), 'export const planted = 1;\n');
    const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as { exclude: string[] };
    tsconfig.exclude = [...tsconfig.exclude, 'src/stray'];
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lints every file under src/ and fails on one the tsconfig does not cover', () => {
    const reportFile = join(dir, 'report.json');
    const run = spawnSync('bash', [join(dir, 'scripts/forge-dryrun.sh'), '--lint-only'], {
      cwd: dir,
      env: { ...process.env, FORGE_CLI_DIR: CLI_DIR, FORGE_DRYRUN_REPORT: reportFile },
      encoding: 'utf8',
      timeout: 240_000,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status).toBe(1);
    expect(output).toContain('planted.ts');
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { ok: boolean; lintFiles: string[] };
    expect(report.ok).toBe(false);
    // The CLI's list: every file under src/ (nothing there is gitignored), the planted one included.
    const expected = walk(join(dir, 'src')).map((f) => relative(dir, f)).sort();
    expect(report.lintFiles.map((f) => relative(dir, resolve(dir, f))).sort()).toEqual(expected);
    expect(expected).toContain('src/stray/planted.ts');
  }, 300_000);
});
