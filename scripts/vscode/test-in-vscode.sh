#!/usr/bin/env bash
# One command for CI and people: install the VS Code servers and Chromium if missing, compile the tests,
# then on every server of scripts/vscode/code-server-versions.json (the oldest VS Code engines.vscode
# allows and the newest code-server offers) run the mocha suites inside the extension host and the UI
# checks; then the packaging test (the .vsix installed into a clean newest server activates). Fails, never
# skips.
#
#   scripts/vscode/test-in-vscode.sh [extension folder or .vsix] [workspace folder]
# Defaults: this repository's extension (build it first: node scripts/build.mjs) and examples/fleet, which
# every check's expected values come from. KAFKA_CUTOVER_CODE_SERVERS="4.100.3" (versions or roles,
# space-separated) runs on fewer servers, for a quicker look; CI runs them all.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"
extension="$(realpath "${1:-.}")"
workspace="$(realpath "${2:-examples/fleet}")"

read -r -a servers <<<"${KAFKA_CUTOVER_CODE_SERVERS:-$(node -p "require('./scripts/vscode/code-server-versions.json').servers.map((s) => s.codeServer).join(' ')")}"
bash scripts/vscode/install-server.sh "${servers[@]}"
npx tsc -p tsconfig.test.json
# Every l10n.t message is in l10n/bundle.l10n.json; the German bundle and package.nls.de.json translate every
# message and key (same placeholders) and name only ones that still exist.
node scripts/vscode/l10n-export.mjs --check

on_server() {
  local server="$1"
  export KAFKA_CUTOVER_CODE_SERVER="$server"
  echo "[test-in-vscode] code-server ${server}"
  # The in-host suite needs an extension folder (extensionDevelopmentPath), not a .vsix. It applies quick
  # fixes and migrations, so it works on a copy of the workspace: the repository's files stay as they are.
  if [[ "$extension" != *.vsix ]]; then
    local scratch="${scratch_root}/${server}"
    mkdir "$scratch"
    cp -a "$workspace" "$scratch/workspace"
    # 10 minutes: the responsiveness tests generate and scan a 1,000-service tree (slow on a loaded machine).
    node out/test/vscode/run-server.js --extension "$extension" --workspace "$scratch/workspace" \
      --tests "$repo_root/out/test/vscode/suite/index.js" --timeout 600000
    # The same host on a multi-root workspace: the fleet, a folder without a manifest, one whose manifest
    # does not parse (test/vscode/suite-multiroot/).
    mkdir "$scratch/multiroot"
    local multiroot
    multiroot="$(bash scripts/vscode/multiroot-workspace.sh "$workspace" "$scratch/multiroot")"
    node out/test/vscode/run-server.js --extension "$extension" --workspace "$multiroot" \
      --tests "$repo_root/out/test/vscode/suite-multiroot/index.js"
  fi

  # run-ui copies the workspace itself. Screenshots go to .cache/ui-shots/ (update-screenshots.sh refreshes the README's).
  local check
  for check in workbench-smoke fleet-surfaces; do
    node out/test/ui/run-ui.js --extension "$extension" --workspace "$workspace" --check "$repo_root/out/test/ui/checks/$check.js"
  done
  # The German bundles reach the view and the lenses when VS Code runs in German.
  node out/test/ui/run-ui.js --extension "$extension" --workspace "$workspace" --locale de --check "$repo_root/out/test/ui/checks/l10n-de.js"
  echo "[test-in-vscode] code-server ${server}: passed in $((SECONDS - server_started)) s"
}

scratch_root="$(mktemp -d)"
trap 'rm -rf "$scratch_root"' EXIT
for server in "${servers[@]}"; do
  server_started=$SECONDS
  on_server "$server"
done
# The plan view on a generated fleet of 100 services, once (on the newest server): every service laid out,
# no two boxes overlapping, hover and click (scripts/vscode/plan-screenshots.sh also runs 1,000 and refreshes
# the README's images).
export KAFKA_CUTOVER_CODE_SERVER="${servers[-1]}"
plan_fleet="${scratch_root}/plan-fleet"
node scripts/gen-fleet.mjs "$plan_fleet/fleet-100" --services 100 --files-per-service 5 --seed 1 >/dev/null
node out/test/ui/run-ui.js --extension "$extension" --workspace "$plan_fleet/fleet-100" --timeout 420000 --check "$repo_root/out/test/ui/checks/plan-view.js"

# Packaging: what `vsce package` ships must activate on its own. A .vsix given as argument is tested as is.
# Once, on the last server listed (the newest): what it checks is the package, which is the same for all.
export KAFKA_CUTOVER_CODE_SERVER="${servers[-1]}"
if [[ "$extension" == *.vsix ]]; then
  bash scripts/vscode/test-vsix.sh "$extension" "$workspace"
elif [ "$extension" = "$repo_root" ]; then
  bash scripts/vscode/test-vsix.sh "" "$workspace"
fi
