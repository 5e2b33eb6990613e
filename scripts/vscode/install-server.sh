#!/usr/bin/env bash
# Installs what "tests inside a real VS Code" need on a machine that reaches only the npm registry and
# Debian's apt: Debian's Chromium and ripgrep, the native-module build deps, and code-server (which
# carries the VS Code server) into .cache/vscode-server/, apart from the project's own dependencies.
# Idempotent: a second run finds everything in place and returns at once.
set -euo pipefail

CODE_SERVER_VERSION="4.100.3"
# @vscode/ripgrep inside code-server 4.100.3 downloads this exact asset from GitHub in its postinstall;
# naming it here lets us pre-fill its cache from Debian's rg instead.
RIPGREP_CACHE_DIR_NAME="vscode-ripgrep-cache-1.15.11"
RIPGREP_ASSET="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
APT_PACKAGES=(chromium ripgrep libkrb5-dev pkg-config libx11-dev libxkbfile-dev libsecret-1-dev)

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
install_dir="${repo_root}/.cache/vscode-server"
installed_marker="${install_dir}/.installed-${CODE_SERVER_VERSION}"
server_main="${install_dir}/node_modules/code-server/lib/vscode/out/server-main.js"

log() { printf '[install-server] %s\n' "$*"; }
now() { date +%s.%N; }
elapsed_since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }

missing_apt_packages() {
  local pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      printf '%s\n' "$pkg"
    fi
  done
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_apt_packages() {
  local missing
  mapfile -t missing < <(missing_apt_packages)
  if [ "${#missing[@]}" -eq 0 ]; then
    log "apt packages already present"
    return
  fi
  local started; started="$(now)"
  log "apt-get installing: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  log "apt packages installed in $(elapsed_since "$started") s"
}

# The postinstall of @vscode/ripgrep looks in $TMPDIR/<cache dir>/<asset> before downloading.
prefill_ripgrep_cache() {
  local tmp_root="$1"
  local cache_dir="${tmp_root}/${RIPGREP_CACHE_DIR_NAME}"
  local staging="${tmp_root}/rg-staging"
  mkdir -p "$cache_dir" "$staging"
  cp "$(command -v rg)" "${staging}/rg"
  tar -C "$staging" -czf "${cache_dir}/${RIPGREP_ASSET}" rg
  rm -rf "$staging"
}

verify_server_install() {
  local vscode_dir="${install_dir}/node_modules/code-server/lib/vscode"
  local required=(
    "$server_main"
    "${vscode_dir}/node_modules/@vscode/ripgrep/bin/rg"
  )
  local file
  for file in "${required[@]}"; do
    if [ ! -e "$file" ]; then
      log "ERROR: expected ${file} after install; code-server's install scripts did not complete"
      return 1
    fi
  done
  # Native modules are built by install scripts; their absence means npm skipped the scripts.
  local native_count
  native_count="$(find "${vscode_dir}/node_modules" -name '*.node' -path '*/build/Release/*' | wc -l)"
  if [ "$native_count" -lt 3 ]; then
    log "ERROR: only ${native_count} native modules built under ${vscode_dir}/node_modules"
    return 1
  fi
  node -e "require(process.argv[1])" "${vscode_dir}/node_modules/@vscode/spdlog" \
    || { log "ERROR: native module @vscode/spdlog does not load"; return 1; }
}

install_code_server() {
  if [ -f "$installed_marker" ] && [ -f "$server_main" ]; then
    log "code-server ${CODE_SERVER_VERSION} already installed in ${install_dir}"
    return
  fi
  local started; started="$(now)"
  log "installing code-server@${CODE_SERVER_VERSION} into ${install_dir}"
  rm -rf "${install_dir}/node_modules" "${install_dir}/package-lock.json" "$installed_marker"
  mkdir -p "$install_dir"
  cat > "${install_dir}/package.json" <<'JSON'
{
  "name": "kafka-cutover-vscode-server-cache",
  "private": true,
  "description": "VS Code server for the extension's in-host and UI tests; installed by scripts/vscode/install-server.sh"
}
JSON
  local tmp_root="${install_dir}/tmp"
  rm -rf "$tmp_root"
  mkdir -p "$tmp_root"
  prefill_ripgrep_cache "$tmp_root"
  # code-server's postinstall runs a nested npm install for lib/vscode that builds native modules;
  # scripts must run (npm 11 may otherwise hold them back) and as root (unsafe_perm).
  (
    cd "$install_dir"
    TMPDIR="$tmp_root" \
    npm_config_unsafe_perm=true \
    npm_config_yes=true \
    npm_config_ignore_scripts=false \
    npm_config_foreground_scripts=true \
    npm_config_audit=false \
    npm_config_fund=false \
    npm install --save-exact --loglevel=warn "code-server@${CODE_SERVER_VERSION}"
  ) > "${install_dir}/install.log" 2>&1 || {
    log "ERROR: npm install failed; last lines of ${install_dir}/install.log:"
    tail -n 40 "${install_dir}/install.log"
    return 1
  }
  verify_server_install || { tail -n 40 "${install_dir}/install.log"; return 1; }
  rm -rf "$tmp_root"
  touch "$installed_marker"
  log "code-server installed in $(elapsed_since "$started") s ($(du -sh "$install_dir" | cut -f1))"
}

main() {
  local started; started="$(now)"
  install_apt_packages
  install_code_server
  log "done in $(elapsed_since "$started") s"
}

main "$@"
