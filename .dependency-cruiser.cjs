// The rings (ARCHITECTURE.md, STYLE.md), enforced on the real module graph: `npm run lint:deps`.
// Side-effect imports (`import '@forge/api'`), re-exports and dynamic imports count like any import.
const PURE = '(^|/)node_modules/(zod|date-fns|date-fns-tz|@date-fns/tz|fast-xml-parser|papaparse|ical\\.js)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports only the domain, src/shared and pure parsing/date packages: no Forge, no Node I/O.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/(domain|shared)/', PURE] },
    },
    {
      name: 'app-and-config-point-inward',
      comment: 'Use cases and config depend on ports, never on adapters, entry points, the CLI, the local host or Forge.',
      severity: 'error',
      from: { path: '^src/(app|config)/' },
      to: { path: ['^src/(adapters|entry|cli)/', '^local/', '(^|/)node_modules/@forge/'] },
    },
    {
      name: 'adapters-below-entry',
      comment: 'Adapters implement ports; they never reach up into entry points, the CLI or the local host.',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: ['^src/(entry|cli)/', '^local/'] },
    },
    {
      name: 'app-never-imports-dev-tools',
      comment: 'Nothing Forge deploys imports the local host, the tests or the build scripts.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: ['^local/', '^test/', '^scripts/'] },
    },
    {
      name: 'static-runs-only-pure-src',
      comment: 'Custom UI bundles run only pure code from src (shared, domain, config); the rest by type alone.',
      severity: 'error',
      from: { path: '^static/' },
      to: { path: '^src/', pathNot: '^src/(shared|domain|config)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'static-forge-bridge-only',
      comment: 'In the browser only @forge/bridge exists.',
      severity: 'error',
      from: { path: '^static/' },
      to: { path: '(^|/)node_modules/@forge/', pathNot: '(^|/)node_modules/@forge/bridge/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)build/', '^\\.tools/', '^test/fixtures/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], mainFields: ['module', 'main', 'types'] },
  },
};
