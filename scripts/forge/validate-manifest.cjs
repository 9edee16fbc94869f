// Offline manifest validation with @forge/manifest's validate() (schema, modules, resources, scopes,
// translations) for ./manifest.yml. FORGE_TOOLS points at the node_modules scripts/lint-forge.sh installs.
const path = require('path');
const { validate } = require(path.join(process.env.FORGE_TOOLS, '@forge/manifest'));
(async () => {
  const res = await validate(false, undefined);
  for (const e of res.errors || []) console.log(`${e.level} manifest.yml:${e.line}:${e.column} ${e.message}${e.reference ? ' [' + e.reference + ']' : ''}`);
  console.log('manifest valid:', res.success);
  process.exit(res.success ? 0 : 1);
})().catch((e) => { console.error('manifest validation failed to run:', e); process.exit(2); });
