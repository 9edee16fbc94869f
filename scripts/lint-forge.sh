#!/usr/bin/env bash
# `npm run lint:forge`: the offline equivalent of `forge lint` (which needs an Atlassian login and
# the network). Validates manifest.yml with @forge/manifest and runs @forge/lint's client-side rules
# (scope per REST call and trigger event, handler files, resources, key lengths) against the Jira
# OpenAPI spec vendored in data/jira-openapi/. Fails on any error.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
tools=${FORGE_TOOLS_DIR:-$root/.tools/forge}
# Pinned: the linters' behaviour is part of what CI checks. --ignore-scripts because keytar (only
# needed for `forge login`) cannot build offline; @forge/manifest needs tslib without declaring it.
pins="@forge/lint@6.3.1 @forge/manifest@13.7.0 yaml@2.9.1 tslib@2.9.1"
stamp="$tools/.pins"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$pins" ]; then
  mkdir -p "$tools"
  (cd "$tools" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm i --silent --no-audit --no-fund --ignore-scripts $pins >/dev/null)
  echo "$pins" >"$stamp"
fi
export FORGE_TOOLS=$tools/node_modules
# Resource folders must exist for validation; the Custom UI build (npm run build) fills them.
for dir in $(node "$root/scripts/forge/resource-paths.cjs"); do
  if [ ! -f "$dir/index.html" ] && [ -z "${built:-}" ] && node -e 'process.exit(require("./package.json").scripts?.build ? 0 : 1)'; then
    echo "lint:forge: $dir/index.html missing; running npm run build" >&2
    npm run -s build >&2 || true
    built=1
  fi
  if [ ! -f "$dir/index.html" ]; then
    # Not a build: only lets the manifest be validated before the Custom UI exists.
    echo "lint:forge: $dir/index.html still missing; creating a placeholder (the deployable bundle comes from npm run build)" >&2
    mkdir -p "$dir" && printf '<!doctype html><title>Reglament</title>\n' >"$dir/index.html"
  fi
done
node "$root/scripts/forge/validate-manifest.cjs"
empty=$(mktemp); trap 'rm -f "$empty"' EXIT
echo '{"openapi":"3.0.0","paths":{}}' >"$empty"
USE_LOCAL_SWAGGER=1 LOCAL_JIRA_SWAGGER="$root/data/jira-openapi/jira-platform-v3.json" \
  LOCAL_JSM_SWAGGER="$empty" LOCAL_JSW_SWAGGER="$empty" LOCAL_CONF_SWAGGER="$empty" \
  LOCAL_CONF_V2_SWAGGER="$empty" LOCAL_BB_SWAGGER="$empty" node "$root/scripts/forge/offline-lint.cjs"
