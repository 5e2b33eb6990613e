#!/usr/bin/env bash
# The plan view on generated fleets of 100 and 1,000 services (scripts/gen-fleet.mjs, seed 1, 5 files per
# service): runs the plan-view UI check on each (every service laid out, no two boxes overlapping) and
# writes docs/plan-<N>.png and docs/plan-<N>-zoomed.png for the README. Build first if src changed.
#   scripts/vscode/plan-screenshots.sh [shots dir, default docs] [sizes, default "100 1000"]
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"
shots="$(realpath -m "${1:-docs}")"
sizes="${2:-100 1000}"
bash scripts/vscode/install-server.sh
npx tsc -p tsconfig.test.json
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
for n in $sizes; do
  node scripts/gen-fleet.mjs "$scratch/fleet-$n" --services "$n" --files-per-service 5 --seed 1 >/dev/null
  KAFKA_CUTOVER_SCREENSHOTS="$shots" node out/test/ui/run-ui.js --extension "$repo_root" --workspace "$scratch/fleet-$n" \
    --timeout 420000 --check "$repo_root/out/test/ui/checks/plan-view.js"
done
ls -l "$shots"/plan-*.png
