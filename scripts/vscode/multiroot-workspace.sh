#!/usr/bin/env bash
# Builds the multi-root workspace the suite in test/vscode/suite-multiroot/ runs on, and prints the path
# of its .code-workspace file:
#   fleet/            a copy of the fleet example (with its manifest)
#   zero-config/      one service of the fleet and no manifest; its .env.prod names an EC2 and an MSK host
#   broken-manifest/  a kafka-cutover.yaml with one YAML error (line 6, column 5) and one service
#
#   scripts/vscode/multiroot-workspace.sh <fleet folder> <empty destination folder>
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
fixtures="$repo_root/test/vscode/fixtures/multiroot"
fleet="$(realpath "$1")"
destination="$(realpath "$2")"

cp -a "$fleet" "$destination/fleet"
# The same service in both folders, at the same relative path: a diagnostic that lands in the wrong
# folder would sit on a file that exists there too, so the suite can see it.
mkdir -p "$destination/zero-config/services"
cp -a "$fleet/services/forecast-trainer" "$destination/zero-config/services/"
cp "$fixtures/zero-config/.env.prod" "$destination/zero-config/services/forecast-trainer/.env.prod"
cp -a "$fixtures/broken-manifest" "$destination/broken-manifest"

workspace_file="$destination/multiroot.code-workspace"
cat >"$workspace_file" <<JSON
{
  "folders": [
    { "path": "fleet" },
    { "path": "zero-config" },
    { "path": "broken-manifest" }
  ]
}
JSON
echo "$workspace_file"
