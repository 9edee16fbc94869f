// Offline `forge lint`: @forge/lint's client-side linters (missing scopes per requestJira call and per
// trigger event, handler files, resource folders, key lengths) without login or network.
const path = require('path');
const fs = require('fs');
const req = (m) => require(path.join(process.env.FORGE_TOOLS, m));
const YAML = req('yaml');
const { lint, reportLintResults, problemCount } = req('@forge/lint');
const manifest = YAML.parse(fs.readFileSync('manifest.yml', 'utf8'));
const statsig = { getDeprecatedRuntimes: async () => [], checkGate: async () => false, getDynamicConfig: async () => null };
const logger = { info: (...a) => console.log(...a), warn: (...a) => console.warn(...a), error: (...a) => console.error(...a), debug: () => {}, trace: () => {} };
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
(async () => {
  // Like the real `forge lint`, honour tsconfig's exclude (e.g. browser-only code of the local host).
  const tsconfig = JSON.parse(fs.readFileSync('tsconfig.json', 'utf8'));
  const excluded = (tsconfig.exclude || []).map((e) => e.replace(/\/\*\*.*$/, '').replace(/\/$/, ''));
  const files = walk('src')
    .filter((f) => /\.(ts|tsx|js|jsx)$/.test(f))
    .filter((f) => !excluded.some((e) => f === e || f.startsWith(e + '/')));
  const results = await lint(files, manifest, 'development', logger, statsig, { linter: { mode: 'client-side' } });
  reportLintResults(logger, results);
  const count = problemCount(results);
  console.log('forge lint (offline):', JSON.stringify(count), 'over', files.length, 'files');
  process.exit(count.errors > 0 ? 1 : 0);
})().catch((e) => { console.error('lint failed to run:', e); process.exit(2); });
