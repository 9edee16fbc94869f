// knip (`npm run lint:exports`): an export nothing imports is dead code or an API nobody uses.
// Entries: the module of every Forge function the manifest names (`handler: <module>.<export>`,
// under src/), the Custom UI apps, the local host page and the scripts; the package.json scripts
// (npm start, the CLI, the bench) and the tests are found by knip's own plugins and globs. Exports
// used inside their own file are allowed: they document a module's API, they are not dead.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const manifest = parse(readFileSync(new URL('./manifest.yml', import.meta.url), 'utf8')) as { modules?: { function?: Array<{ handler: string }> } };
const functionModules = (manifest.modules?.function ?? []).map((f) => `src/${f.handler.slice(0, f.handler.lastIndexOf('.'))}.ts`);

export default {
  entry: [...new Set(functionModules), 'local/page/host.ts', 'static/*/src/main.tsx', 'static/vite.config.ts', 'scripts/*.{ts,mjs}', 'test/**/*.test.{ts,tsx}'],
  project: ['src/**/*.ts', 'local/**/*.ts', 'static/**/*.{ts,tsx}', 'scripts/**/*.{ts,mjs}', 'test/**/*.{ts,tsx}'],
  ignore: ['test/fixtures/**', 'test/planted/**'],
  include: ['exports', 'types', 'nsExports', 'nsTypes', 'duplicates'],
  ignoreExportsUsedInFile: true,
};
