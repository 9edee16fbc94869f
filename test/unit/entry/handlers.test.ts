import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import * as index from '../../../src/index';
import { handlers } from '../../../src/entry/resolvers';
import { payloadSchemas } from '../../../src/entry/resolvers/schemas';
import { RESOLVERS } from '../../../src/shared/contract';

interface Manifest {
  modules: Record<string, Array<Record<string, unknown>>> & { function: Array<{ key: string; handler: string }> };
}

const manifest = parse(readFileSync(join(__dirname, '../../../manifest.yml'), 'utf8')) as Manifest;

describe('the Forge handler barrel', () => {
  it('exports exactly the handlers manifest.yml names as index.<name>', () => {
    const named = manifest.modules.function.map((f) => f.handler);
    expect(named.every((h) => h.startsWith('index.'))).toBe(true);
    expect(named.map((h) => h.slice('index.'.length)).sort()).toEqual(Object.keys(index).sort());
  });

  it('exports functions only', () => {
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
