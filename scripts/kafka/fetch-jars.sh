#!/usr/bin/env bash
# Resolves Apache Kafka's jars from Maven Central into .cache/kafka/<version>/libs (repo root).
# Idempotent: a stamp holding the pom's hash marks a complete copy, so an interrupted or stale
# copy is fetched again and a complete one is skipped without starting Maven.
#
#   bash scripts/kafka/fetch-jars.sh          # the main version (brokers, MirrorMaker 2, tools)
#   bash scripts/kafka/fetch-jars.sh --old    # also the optional old ZooKeeper-mode source (2.x)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"

fetch() {
  local pom="$1"
  local version
  version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$pom" | head -n1)"
  if [[ -z "$version" ]]; then
    echo "fetch-jars: no <kafka.version> in $pom" >&2
    exit 1
  fi
  local dest="$repo_root/.cache/kafka/$version"
  local stamp="$dest/.complete"
  local want
  want="$(sha256sum "$pom" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    echo "fetch-jars: Kafka $version jars present in $dest/libs"
    return 0
  fi
  echo "fetch-jars: resolving Kafka $version jars with Maven..."
  local started=$SECONDS
  # Copy into a fresh folder and swap it in, so a half-finished run never looks complete.
  local staging="$dest/libs.partial"
  rm -rf "$staging"
  mkdir -p "$dest"
  # Maven resolves a relative outputDirectory against the pom's folder, hence the absolute path.
  # Maven 3.8 prints colour resets even with -q -B; strip them (pipefail keeps Maven's status).
  mvn -q -B -Dstyle.color=never -f "$pom" dependency:copy-dependencies -DoutputDirectory="$staging" 2>&1 \
    | sed 's/\x1b\[[0-9;]*m//g' >&2
  rm -rf "$dest/libs"
  mv "$staging" "$dest/libs"
  echo "$want" > "$stamp"
  echo "fetch-jars: Kafka $version: $(ls "$dest/libs" | wc -l) jars in $((SECONDS - started))s -> $dest/libs"
}

command -v java >/dev/null || { echo "fetch-jars: java not found (Java 17 needed)" >&2; exit 1; }
command -v mvn >/dev/null || { echo "fetch-jars: mvn not found" >&2; exit 1; }

fetch "$here/pom.xml"
if [[ "${1:-}" == "--old" ]]; then
  fetch "$here/old/pom.xml"
fi
