#!/usr/bin/env bash
# Packaging test: build the .vsix as a release would (`vsce package --no-dependencies`, offline), check that
# it holds what the extension loads at run time, install it into a clean code-server with
# `--install-extension <vsix> --extensions-dir <tmp>` and check in the browser that it activates on the
# workspace (the Cutover view shows its summary row).
#
#   scripts/vscode/test-vsix.sh [.vsix to test instead of building one] [workspace folder]
# Prints the .vsix size and how long install + activation took. Fails, never skips.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"
given_vsix="${1:-}"
workspace="$(realpath "${2:-examples/fleet}")"

# The server test-in-vscode.sh chose (KAFKA_CUTOVER_CODE_SERVER), or every listed one.
bash scripts/vscode/install-server.sh ${KAFKA_CUTOVER_CODE_SERVER:-}
[ -f out/test/ui/run-ui.js ] && [ out/test/ui/run-ui.js -nt test/ui/run-ui.ts ] || npx tsc -p tsconfig.test.json

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
if [ -n "$given_vsix" ]; then
  vsix="$(realpath "$given_vsix")"
else
  node scripts/build.mjs
  vsix="$scratch/kafka-cutover.vsix"
  started=$(date +%s%N)
  # vsce walks every file under its folder before .vscodeignore filters them: in the work tree that is
  # ~45,000 files (node_modules, the VS Code server in .cache, benchmark output) and takes 20-30 s. It runs
  # on a copy without those folders instead; .vscodeignore begins with `**`, so none of them can ship and
  # the package is the same (same files, same size as `npm run package`).
  mkdir "$scratch/package"
  tar -C "$repo_root" --exclude=./.git --exclude=./node_modules --exclude=./.cache --exclude=./bench-tmp \
    --exclude=./out --exclude=./.vscode-test --exclude='*.vsix' -cf - . | tar -C "$scratch/package" -xf -
  (cd "$scratch/package" && "$repo_root/node_modules/.bin/vsce" package --no-dependencies --out "$vsix") >"$scratch/vsce.log" 2>&1 \
    || { cat "$scratch/vsce.log"; exit 1; }
  echo "[vsix] packaged in $(( ($(date +%s%N) - started) / 1000000 )) ms"
fi
echo "[vsix] $(basename "$vsix"): $(stat -c %s "$vsix") bytes"

# What the bundle loads at run time must be inside: a file left out by .vscodeignore fails only for users.
listing="$(unzip -Z1 "$vsix")"
required=(
  extension/package.json extension/package.nls.json extension/package.nls.de.json
  extension/dist/extension.js extension/dist/live.js extension/dist/engineWorker.js extension/dist/planView.js extension/dist/elk-worker.min.js
  extension/dist/tree-sitter.wasm extension/dist/tree-sitter-terraform.wasm
  extension/l10n/bundle.l10n.json extension/l10n/bundle.l10n.de.json
  extension/schemas/kafka-cutover.schema.json extension/syntaxes/dotenv.tmLanguage.json
  extension/docs/rules.md extension/media/activity-bar.svg
)
missing=0
for file in "${required[@]}"; do
  grep -qxF "$file" <<<"$listing" || { echo "[vsix] missing: $file"; missing=1; }
done
# Nothing of the sources, tests, examples or node_modules.
if grep -E '^extension/(src|test|out|examples|node_modules|scripts)/' <<<"$listing" | head -5 | grep -q .; then
  echo "[vsix] ships development files:"; grep -E '^extension/(src|test|out|examples|node_modules|scripts)/' <<<"$listing" | head -5
  missing=1
fi
[ "$missing" = 0 ] || exit 1

node out/test/ui/run-ui.js --extension "$vsix" --workspace "$workspace" --check "$repo_root/out/test/ui/checks/vsix-activation.js"
