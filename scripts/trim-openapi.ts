// Writes test/fixtures/jira-openapi/jira-platform-v3.trimmed.json: the operations the app calls
// (src/adapters/forge/jira-operations.ts) with every component schema they reference, from the
// spec vendored in data/jira-openapi/. Tests read only the trimmed copy.
// Run: npx tsx scripts/trim-openapi.ts

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { JIRA_OPERATIONS } from '../src/adapters/forge/jira-operations';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const root = join(__dirname, '..');
const source = join(root, 'data/jira-openapi/jira-platform-v3.json');
const target = join(root, 'test/fixtures/jira-openapi/jira-platform-v3.trimmed.json');
const spec = JSON.parse(readFileSync(source, 'utf8')) as {
  openapi: string;
  info: Json;
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
};

const paths: Record<string, Record<string, Json>> = {};
for (const [method, path] of JIRA_OPERATIONS) {
  const op = spec.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`${method} ${path} is not in ${source}`);
  (paths[path] ??= {})[method.toLowerCase()] = op;
}

const needed = new Set<string>();
const walk = (node: Json): void => {
  if (Array.isArray(node)) node.forEach(walk);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
        const name = v.slice('#/components/schemas/'.length);
        if (!needed.has(name)) {
          needed.add(name);
          const schema = spec.components.schemas[name];
          if (schema === undefined) throw new Error(`missing schema ${name}`);
          walk(schema);
        }
      } else walk(v);
    }
  }
};
walk(paths as Json);
const schemas: Record<string, Json> = {};
for (const name of [...needed].sort()) schemas[name] = spec.components.schemas[name]!;

mkdirSync(dirname(target), { recursive: true });
writeFileSync(
  target,
  JSON.stringify({ openapi: spec.openapi, info: spec.info, 'x-trimmed-from': 'data/jira-openapi/jira-platform-v3.json', paths, components: { schemas } }, null, 1) + '\n',
);
console.log(`${target}: ${Object.keys(paths).length} paths, ${needed.size} schemas`);
