#!/usr/bin/env bash
# `npm run forge:dryrun`: the offline steps of `forge deploy` (manifest validation, `forge lint` over
# the CLI's own file list, function bundling through @forge/bundler, Custom UI and i18n packaging),
# run by the pinned @forge/cli's own classes without a login or the network (scripts/forge/dryrun.cjs).
# Fails on any error and when the function bundle is over its budget. Extra arguments (--verbose,
# --json) go to dryrun.cjs.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
tools=${FORGE_CLI_DIR:-$root/.tools/forge-cli}
# Pinned: the CLI's deploy steps are what CI checks. --ignore-scripts because keytar (only needed
# for `forge login`) cannot build offline.
pins="@forge/cli@13.3.0"
stamp="$tools/.pins"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$pins" ]; then
  echo "forge:dryrun: installing $pins into ${tools#"$root"/}" >&2
  mkdir -p "$tools"
  (cd "$tools" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm i --silent --no-audit --no-fund --ignore-scripts --save-exact $pins >/dev/null)
  echo "$pins" >"$stamp"
fi
export FORGE_CLI_MODULES=$tools/node_modules
export FORGE_DISABLE_ANALYTICS=1

# The packaging step zips each Custom UI build as it is on disk; build those missing or older than
# their sources (a fresh clone, an edited app), as `npm test` does. --lint-only packages nothing.
case " $* " in
  *" --lint-only "*) ;;
  *) npx tsx scripts/build-static.ts --if-stale >&2 ;;
esac

# The permission linter downloads the product OpenAPI specs unless pointed at local copies; Reglament
# calls only Jira platform REST, so the other products get an empty spec.
empty=$(mktemp --suffix=.json); trap 'rm -f "$empty"' EXIT
echo '{"openapi":"3.0.0","paths":{}}' >"$empty"
export USE_LOCAL_SWAGGER=1 LOCAL_JIRA_SWAGGER="$root/data/jira-openapi/jira-platform-v3.json" \
  LOCAL_JSM_SWAGGER="$empty" LOCAL_JSW_SWAGGER="$empty" LOCAL_CONF_SWAGGER="$empty" \
  LOCAL_CONF_V2_SWAGGER="$empty" LOCAL_BB_SWAGGER="$empty"
node "$root/scripts/forge/dryrun.cjs" "$@"
