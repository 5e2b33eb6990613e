#!/usr/bin/env bash
# Extracts the survey corpus (scripts/survey/corpus.json) from fetched snapshots into a folder outside
# the repository (default /work/corpus), one folder per repo named owner+name. Each repo must first be
# fetched with the search tool's `fetch` (github:<owner>/<name>), which leaves a git dir under
# $MIRROR/<owner>+<name>/repo. Takes only the listed paths, at the labelled commit when the snapshot has
# it (otherwise HEAD, with a warning: labels may then be off).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-/work/corpus}"
mirror="${MIRROR:-/work/.mirror}"
mkdir -p "$out"
node -e 'const c=require(process.argv[1]); for (const r of c.repos) console.log([r.repo, r.commit, ...r.paths].join(" "))' "$here/corpus.json" |
while read -r repo commit paths; do
  slug="${repo/\//+}"
  git_dir="$mirror/$slug/repo"
  if [ ! -d "$git_dir" ]; then echo "missing snapshot: $repo (fetch github:$repo first)" >&2; continue; fi
  rev="$commit"
  if ! git --git-dir="$git_dir" cat-file -e "$rev^{commit}" 2>/dev/null; then
    rev=HEAD; echo "warning: $repo has no commit $commit here; using HEAD $(git --git-dir="$git_dir" rev-parse HEAD)" >&2
  fi
  rm -rf "${out:?}/$slug"; mkdir -p "$out/$slug"
  # shellcheck disable=SC2086
  git --git-dir="$git_dir" archive "$rev" -- $paths | tar -x -C "$out/$slug"
  echo "$repo $(git --git-dir="$git_dir" rev-parse "$rev") $(find "$out/$slug" -type f | wc -l) files"
done
