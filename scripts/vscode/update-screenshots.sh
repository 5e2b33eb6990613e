#!/usr/bin/env bash
# Refreshes the README's screenshots (media/screenshots/workbench.png, quick-fix.png, 1280x800) from the
# fleet-surfaces UI check: the real extension on examples/fleet in code-server. Build first if src changed.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"
bash scripts/vscode/install-server.sh
node scripts/build.mjs
npx tsc -p tsconfig.test.json
KAFKA_CUTOVER_SCREENSHOTS="$repo_root/media/screenshots" node out/test/ui/run-ui.js --extension . --workspace examples/fleet \
  --check "$repo_root/out/test/ui/checks/fleet-surfaces.js"
ls -l media/screenshots/*.png
