#!/usr/bin/env bash
# Installs a real VS Code server (code-server 4.139.1 = VS Code 1.139.1, from npm, on Node 24 from
# npm) plus playwright-core and vsce, for the `exthost` and `ui` test tiers. Debian 12; npm registry
# and Debian packages only. Idempotent: ~1 s when everything is present, ~2.5-3.5 min cold
# (code-server's postinstall compiles native modules).
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/env.sh"
t0=$SECONDS
if ! command -v chromium >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "[vscode-host] need Debian packages chromium and libkrb5-dev: sudo apt-get install -y chromium libkrb5-dev" >&2
    exit 1
  fi
  apt-get update -qq
  # chromium loads the workbench; libkrb5-dev has the headers for the `kerberos` native module that
  # code-server's postinstall compiles (its prebuilt download is unreachable offline).
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev >/dev/null
fi
for d in node24 cs runner; do
  mkdir -p "$VSCODE_HOST_HOME/$d"
  cmp -s "$KIT/$d/package-lock.json" "$VSCODE_HOST_HOME/$d/package-lock.json" && [ -d "$VSCODE_HOST_HOME/$d/node_modules" ] && continue
  cp "$KIT/$d/package.json" "$KIT/$d/package-lock.json" "$VSCODE_HOST_HOME/$d/"
  case $d in
    # code-server's postinstall insists on npm running under Node 24, and node-gyp must use Node 24's
    # headers (an npmrc may point nodedir at the system Node's).
    cs) (cd "$VSCODE_HOST_HOME/cs" && PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_DIR" \
          npm ci --no-audit --no-fund --foreground-scripts > "$VSCODE_HOST_HOME/cs-install.log" 2>&1) \
          || { tail -40 "$VSCODE_HOST_HOME/cs-install.log"; exit 1; } ;;
    *)  (cd "$VSCODE_HOST_HOME/$d" && npm ci --no-audit --no-fund --silent) ;;
  esac
  echo "[vscode-host] $d installed at $((SECONDS - t0)) s"
done
version=$(XDG_CONFIG_HOME="$VSCODE_HOST_HOME/xdg-config" XDG_DATA_HOME="$VSCODE_HOST_HOME/xdg-data" \
  "$CODE_SERVER_BIN" --config /dev/null --version 2>/dev/null | tail -n1)
echo "[vscode-host] ready in $((SECONDS - t0)) s: node $("$NODE24_BIN/node" -v), code-server $version"
