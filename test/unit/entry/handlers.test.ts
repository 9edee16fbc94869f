import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import * as index from '../../../local/app-handlers';
import { handlers } from '../../../src/entry/resolvers';
import { payloadSchemas } from '../../../src/entry/resolvers/schemas';
import { RESOLVERS } from '../../../src/shared/contract';

interface Manifest {
  modules: Record<string, Array<Record<string, unknown>>> & { function: Array<{ key: string; handler: string }> };
}

const manifest = parse(readFileSync(join(__dirname, '../../../manifest.yml'), 'utf8')) as Manifest;

describe('the Forge functions', () => {
  const functions = manifest.modules.function;

  it('each handler names a module under src/ that exports that function', () => {
    for (const { handler } of functions) {
      const m = /^([\p{Alpha}\d_-]+(?:\/[\p{Alpha}\d_-]+)*)\.([\p{Alpha}\d_-]+)$/u.exec(handler);
      expect([handler, m !== null]).toEqual([handler, true]);
      const [modulePath, name] = [(m as RegExpExecArray)[1] ?? '', (m as RegExpExecArray)[2] ?? ''];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(join(__dirname, '../../../src', modulePath)) as Record<string, unknown>;
      expect([handler, typeof mod[name]]).toEqual([handler, 'function']);
      // The emulator and the tests call the same function objects.
      expect([handler, mod[name] === (index as Record<string, unknown>)[name]]).toEqual([handler, true]);
    }
  });

  it('every function of the handler list is a manifest function, none loaded from a barrel index', () => {
    // One entry per function keeps each bundle to what that function needs (cold start).
    expect(functions.every((f) => !f.handler.startsWith('index.'))).toBe(true);
    expect(functions.map((f) => f.handler.slice(f.handler.lastIndexOf('.') + 1)).sort()).toEqual(Object.keys(index).sort());
  });

  it('the handler list exports functions only', () => {
    for (const [name, value] of Object.entries(index)) expect([name, typeof value]).toEqual([name, 'function']);
  });

  it('gives every module that references a function a function the manifest declares', () => {
    const keys = new Set(manifest.modules.function.map((f) => f.key));
    const refs: string[] = [];
    for (const [type, list] of Object.entries(manifest.modules)) {
      if (type === 'function') continue;
      for (const m of list as Array<Record<string, unknown>>) {
        if (typeof m.function === 'string') refs.push(m.function);
        const resolver = m.resolver as { function?: string } | undefined;
        if (resolver?.function) refs.push(resolver.function);
        const suggestions = m.searchSuggestions as { function?: string } | undefined;
        if (suggestions?.function) refs.push(suggestions.function);
      }
    }
    expect(refs.length).toBeGreaterThan(5);
    expect(refs.filter((r) => !keys.has(r))).toEqual([]);
  });

  it('declares the queue the worker consumes and the fiveMinute sweep', () => {
    expect(manifest.modules.consumer).toEqual([expect.objectContaining({ queue: 'sla-recompute', function: 'worker' })]);
    expect(manifest.modules.scheduledTrigger).toEqual([expect.objectContaining({ interval: 'fiveMinute', function: 'sweep' })]);
    expect(manifest.modules.trigger?.[0]).toEqual(expect.objectContaining({ filter: { ignoreSelf: true, appIsLicensed: true } }));
  });
});

describe('the UI resolver', () => {
  it('defines every resolver name of the contract, each with a payload schema', () => {
    const names = Object.keys(RESOLVERS).sort();
    expect(Object.keys(handlers).sort()).toEqual(names);
    expect(Object.keys(payloadSchemas).sort()).toEqual(names);
  });
});
