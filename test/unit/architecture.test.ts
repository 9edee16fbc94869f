// The rings of STYLE.md, enforced: imports point inward (dependency-cruiser over the real module
// graph, rules in .dependency-cruiser.cjs), the domain never reads the clock, and ESLint's
// promise/unused rules hold, and knip finds no export nothing imports. Each guard is also shown failing on a
// planted violation.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

function sourceFiles(dir: string): string[] {
  const abs = join(root, dir);
  return readdirSync(abs).flatMap((name) => {
    const p = join(abs, name);
    if (statSync(p).isDirectory()) return sourceFiles(relative(root, p));
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [relative(root, p)] : [];
  });
}

interface Run {
  code: number;
  out: string;
}

function run(cmd: string, args: string[], cwd: string, input?: string): Run {
  try {
    const out = execFileSync(cmd, args, { cwd, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status?: number; stdout?: string; stderr?: string };
    return { code: err.status ?? 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

const cruise = (cwd: string, paths: string[]) =>
  run(bin('depcruise'), [...paths, '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'err'], cwd);

describe('architecture', () => {
  it('the real module graph keeps every ring rule', () => {
    const r = cruise(root, ['src', 'local', 'static', 'scripts']);
    expect(r.out).toContain('no dependency violations');
    expect(r.code).toBe(0);
  });

  describe('dependency rules fail on planted violations', () => {
    let dir: string;
    const plant = (file: string, text: string) => {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    };
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'reglament-rings-'));
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
      writeFileSync(join(dir, 'tsconfig.json'), readFileSync(join(root, 'tsconfig.json')));
      plant('src/domain/side-effect.ts', "import '@forge/api';\n");
      plant('src/domain/node-io.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n");
      plant('src/domain/ok.ts', "import { z } from 'zod';\nexport const s = z.string();\n");
      plant('src/app/uses-adapter.ts', "export { x } from '../adapters/forge/impl';\n");
      plant('src/adapters/forge/impl.ts', "export const x = 1;\nexport async function y() { return import('../../entry/compose'); }\n");
      plant('src/entry/compose.ts', "import '../../local/host';\nexport const c = 1;\n");
      plant('local/host.ts', 'export const h = 1;\n');
      plant('static/app/main.ts', "import { x } from '../../src/adapters/forge/impl';\nimport type { c } from '../../src/entry/compose';\nexport const m: typeof c = x;\n");
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('names each broken rule and the file that breaks it', () => {
      const r = cruise(dir, ['src', 'local', 'static']);
      expect(r.code).not.toBe(0);
      const lines = r.out.split('\n').filter((l) => l.includes('error '));
      const has = (rule: string, from: string) => lines.some((l) => l.includes(rule) && l.includes(from));
      expect(has('domain-is-pure', 'src/domain/side-effect.ts')).toBe(true);
      expect(has('domain-is-pure', 'src/domain/node-io.ts')).toBe(true);
      expect(has('app-and-config-point-inward', 'src/app/uses-adapter.ts')).toBe(true);
      expect(has('adapters-below-entry', 'src/adapters/forge/impl.ts')).toBe(true);
      expect(has('app-never-imports-dev-tools', 'src/entry/compose.ts')).toBe(true);
      expect(has('static-runs-only-pure-src', 'static/app/main.ts → src/adapters')).toBe(true);
      // Allowed: pure packages in the domain, type-only imports from static.
      expect(lines.some((l) => l.includes('src/domain/ok.ts'))).toBe(false);
      expect(lines.some((l) => l.includes('static/app/main.ts → src/entry'))).toBe(false);
    });
  });

  it('never reads the clock inside src/domain', () => {
    const domain = sourceFiles('src/domain');
    expect(domain.length).toBeGreaterThan(0);
    const offences = domain.filter((file) => {
      const text = readFileSync(join(root, file), 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      return /Date\.now\(|new Date\(\s*\)|performance\.now\(/.test(text);
    });
    expect(offences).toEqual([]);
  });

  it('ESLint refuses a floating promise and an unused name (planted, linted from stdin)', () => {
    const planted = [
      'async function load(): Promise<number> { return 1; }',
      'export function start(): void { load(); }',
      'const unused = 2;',
      '',
    ].join('\n');
    const r = run(bin('eslint'), ['--stdin', '--stdin-filename', 'test/planted/violations.ts'], root, planted);
    expect(r.code).toBe(1);
    expect(r.out).toContain('@typescript-eslint/no-floating-promises');
    expect(r.out).toContain('@typescript-eslint/no-unused-vars');
    const clean = run(bin('eslint'), ['--stdin', '--stdin-filename', 'test/planted/clean.ts'], root, 'export async function load(): Promise<number> { return 1; }\n');
    expect(clean.code).toBe(0);
  });

  describe('knip: no export that nothing imports', () => {
    it('the real project has none', () => {
      const r = run(bin('knip'), ['--no-progress'], root);
      expect(r.out.trim()).toBe('');
      expect(r.code).toBe(0);
    });

    it('names a planted dead export and its file, and accepts one used only in its own file', () => {
      const dir = mkdtempSync(join(tmpdir(), 'reglament-knip-'));
      try {
        symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
        mkdirSync(join(dir, 'src'));
        writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'planted', private: true }));
        writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'commonjs' }, include: ['src'] }));
        writeFileSync(join(dir, 'knip.json'), JSON.stringify({ entry: ['src/main.ts'], project: ['src/**/*.ts'], include: ['exports', 'types'], ignoreExportsUsedInFile: true }));
        writeFileSync(join(dir, 'src/main.ts'), "import { used } from './lib';\nexport const main = used;\n");
        writeFileSync(join(dir, 'src/lib.ts'), 'export const used = 1;\nexport const dead = 2;\nexport type Local = number;\nexport const typed: Local = 3;\nvoid typed;\n');
        const r = run(bin('knip'), ['--no-progress', '--config', 'knip.json'], dir);
        expect(r.code).not.toBe(0);
        expect(r.out).toMatch(/dead\s+src\/lib\.ts/);
        expect(r.out).not.toMatch(/\bused\s+src\/lib\.ts/);
        expect(r.out).not.toContain('Local');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
