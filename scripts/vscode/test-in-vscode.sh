#!/usr/bin/env bash
# One command for CI and people: install the VS Code server and Chromium if missing, compile the tests,
# run the mocha suite inside the VS Code extension host, then the UI checks. Fails, never skips.
#
#   scripts/vscode/test-in-vscode.sh [extension folder or .vsix] [workspace folder]
# Defaults: the throwaway fixture extension and workspace under test/vscode/.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"
extension="$(realpath "${1:-test/vscode/fixture-extension}")"
workspace="$(realpath "${2:-test/vscode/fixture-workspace}")"

bash scripts/vscode/install-server.sh
npx tsc -p tsconfig.test.json

# The in-host suite needs an extension folder (extensionDevelopmentPath), not a .vsix. It applies quick
# fixes and migrations, so it works on a copy of the workspace: the repository's files stay as they are.
if [[ "$extension" != *.vsix ]]; then
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  cp -a "$workspace" "$scratch/workspace"
  node out/test/vscode/run-server.js --extension "$extension" --workspace "$scratch/workspace" \
    --tests "$repo_root/out/test/vscode/suite/index.js"
fi

ui_checks=(out/test/ui/checks/workbench-smoke.js)
# The surfaces check asserts the fixture's own views and lenses; a real extension brings its own checks.
if [ "$extension" = "$repo_root/test/vscode/fixture-extension" ]; then
  ui_checks+=(out/test/ui/checks/fixture-surfaces.js)
fi
for check in "${ui_checks[@]}"; do
  node out/test/ui/run-ui.js --extension "$extension" --workspace "$workspace" --check "$repo_root/$check"
done
