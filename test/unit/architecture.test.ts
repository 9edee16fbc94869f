// The rings of STYLE.md, enforced: imports point inward and the domain never reads the clock or does I/O.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const root = resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  const abs = join(root, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const p = join(abs, name);
    if (name === 'node_modules' || name === 'build') return [];
    if (statSync(p).isDirectory()) return sourceFiles(relative(root, p));
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [relative(root, p)] : [];
  });
}

interface ImportRef {
  spec: string;
  typeOnly: boolean;
}

function importsOf(file: string): ImportRef[] {
  const text = readFileSync(join(root, file), 'utf8');
  const refs: ImportRef[] = [];
  const re = /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const spec = m[3] ?? m[4] ?? m[5];
    if (spec) refs.push({ spec, typeOnly: Boolean(m[2]) });
  }
  return refs;
}

/** Resolves a relative import to a repo path (without extension) so rings can be compared. */
function target(file: string, spec: string): string {
  return spec.startsWith('.') ? relative(root, resolve(root, dirname(file), spec)) : spec;
}

const PURE_PACKAGES = new Set(['zod', 'date-fns', 'date-fns-tz', '@date-fns/tz', 'fast-xml-parser', 'papaparse', 'ical.js']);

describe('architecture', () => {
  const domain = sourceFiles('src/domain');

  it('finds the domain sources it guards', () => {
    expect(domain.length).toBeGreaterThan(0);
  });

  it('keeps src/domain free of Forge, Node I/O and outer rings', () => {
    const offences: string[] = [];
    for (const file of domain) {
      for (const { spec } of importsOf(file)) {
        const t = target(file, spec);
        if (spec.startsWith('.')) {
          if (!t.startsWith('src/domain') && !t.startsWith('src/shared')) offences.push(`${file}: imports ${spec}`);
        } else if (!PURE_PACKAGES.has(spec) && !spec.startsWith('date-fns/')) {
          offences.push(`${file}: imports package ${spec}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });

  it('never reads the clock inside src/domain', () => {
    const offences = domain.filter((file) => {
      const text = readFileSync(join(root, file), 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      return /Date\.now\(|new Date\(\s*\)|performance\.now\(/.test(text);
    });
    expect(offences).toEqual([]);
  });

  it('keeps src/app independent of adapters, entry points and the local host', () => {
    const offences: string[] = [];
    for (const file of [...sourceFiles('src/app'), ...sourceFiles('src/config')]) {
      for (const { spec } of importsOf(file)) {
        const t = target(file, spec);
        if (spec.startsWith('@forge/') || /^(src\/(adapters|entry|cli)|local)\//.test(t)) offences.push(`${file}: imports ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('lets static/ run only pure code from src (shared, domain, config); the rest by type alone', () => {
    const offences: string[] = [];
    for (const file of sourceFiles('static')) {
      for (const { spec, typeOnly } of importsOf(file)) {
        const t = target(file, spec);
        if (t.startsWith('src/') && !typeOnly && !/^src\/(shared|domain|config)\//.test(t)) offences.push(`${file}: imports ${spec}`);
        if (spec.startsWith('@forge/') && spec !== '@forge/bridge') offences.push(`${file}: imports ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
