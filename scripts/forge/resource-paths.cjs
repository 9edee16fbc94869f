// Prints the `resources[].path` folders of manifest.yml, one a line (used by scripts/lint-forge.sh).
const fs = require('fs');
const path = require('path');
const YAML = require(path.join(process.env.FORGE_TOOLS, 'yaml'));
const manifest = YAML.parse(fs.readFileSync('manifest.yml', 'utf8'));
for (const r of manifest.resources || []) console.log(r.path);
