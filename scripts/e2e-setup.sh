#!/usr/bin/env bash
# Installs what `npm run test:e2e` needs, and only what is missing, so CI can call it on every run:
#   - Debian: chromium (drives the workbench headless), libkrb5-dev + build-essential + python3 (code-server's
#     native modules are compiled at install time);
#   - Node 24 from the npm package `node` (code-server refuses any other major);
#   - code-server from npm, built against that Node's headers;
#   - playwright-core, to drive Debian's chromium (no browser download).
# Everything but the Debian packages lands in one tools dir, which CI may cache.
#
# usage: bash scripts/e2e-setup.sh [TOOLS_DIR]   (default: $RLENS_E2E_TOOLS or ~/.cache/responsibility-lens/e2e)
# env:   RLENS_E2E_SKIP_APT=1  fail instead of calling apt-get when a Debian package is missing
set -Eeuo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1

TOOLS=${1:-${RLENS_E2E_TOOLS:-$HOME/.cache/responsibility-lens/e2e}}
START=$SECONDS
say()  { printf '[e2e-setup %3ds] %s\n' $((SECONDS - START)) "$*"; }
fail() { printf '[e2e-setup] ERROR: %s\n' "$*" >&2; exit 1; }
trap 'fail "line $LINENO: $BASH_COMMAND"' ERR

mkdir -p "$TOOLS/logs"
TOOLS=$(cd "$TOOLS" && pwd)
command -v npm >/dev/null || fail "npm is not on PATH (any Node >= 20 will do to bootstrap)"

# Long, chatty steps write to a log; on failure the tail is shown so CI output stays readable.
quietly() {
  local log="$TOOLS/logs/$1.log"; shift
  "$@" >"$log" 2>&1 || { tail -n 40 "$log" >&2; fail "$* (log: $log)"; }
}

# --- Debian packages ---------------------------------------------------------------------------------------------
need=()
installed() { dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null | grep -qx installed; }
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || need+=(chromium)
installed libkrb5-dev || need+=(libkrb5-dev)
command -v g++ >/dev/null && command -v make >/dev/null || need+=(build-essential)
command -v python3 >/dev/null || need+=(python3)
if ((${#need[@]})); then
  [ "${RLENS_E2E_SKIP_APT:-}" != 1 ] || fail "missing Debian packages: ${need[*]}"
  sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  # A fresh image has no package lists; an old list can name versions the mirror dropped: update once, then retry.
  compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null || quietly apt-update "${sudo[@]}" apt-get update -q
  if ! "${sudo[@]}" apt-get install -y -q "${need[@]}" >"$TOOLS/logs/apt-install.log" 2>&1; then
    quietly apt-update "${sudo[@]}" apt-get update -q
    quietly apt-install "${sudo[@]}" apt-get install -y -q "${need[@]}"
  fi
  say "apt: installed ${need[*]}"
fi

# --- Node 24 ------------------------------------------------------------------------------------------------------
node24() { find "$TOOLS/node24/node_modules" -path '*/node-linux-*/bin/node' -type f 2>/dev/null | head -n 1; }
N24=$(node24 || true)
if [ -z "$N24" ] || [ "$("$N24" --version)" != "v$NODE_VERSION" ]; then
  rm -rf "$TOOLS/node24"
  quietly node24 npm install --prefix "$TOOLS/node24" --no-audit --no-fund "node@$NODE_VERSION"
  N24=$(node24) ; [ -n "$N24" ] || fail "node@$NODE_VERSION installed no node-linux-*/bin/node"
  say "node: installed $("$N24" --version)"
fi
N24_HOME=$(dirname "$(dirname "$N24")")

# --- code-server ----------------------------------------------------------------------------------------------------
CS="$TOOLS/code-server/node_modules/.bin/code-server"
if [ ! -x "$CS" ] || [ ! -f "$TOOLS/code-server/.ok-$CODE_SERVER_VERSION" ]; then
  rm -rf "$TOOLS/code-server"
  say "code-server: installing $CODE_SERVER_VERSION (compiles native modules: a few minutes)"
  # Node 24 first on PATH for the postinstall; nodedir so node-gyp compiles against Node 24, not the system Node.
  PATH="$N24_HOME/bin:$PATH" npm_config_nodedir="$N24_HOME" \
    quietly code-server npm install --prefix "$TOOLS/code-server" --no-audit --no-fund "code-server@$CODE_SERVER_VERSION"
  touch "$TOOLS/code-server/.ok-$CODE_SERVER_VERSION"
  say "code-server: installed"
fi

# --- playwright-core ------------------------------------------------------------------------------------------------
PW_PKG="$TOOLS/pw/node_modules/playwright-core/package.json"
if ! grep -q "\"version\": \"$PLAYWRIGHT_VERSION\"" "$PW_PKG" 2>/dev/null; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 quietly pw npm install --prefix "$TOOLS/pw" --no-audit --no-fund "playwright-core@$PLAYWRIGHT_VERSION"
  say "playwright-core: installed $PLAYWRIGHT_VERSION"
fi

# The runner reads this manifest; paths are relative so the dir can be cached or moved.
cat >"$TOOLS/manifest.json" <<JSON
{ "node": "${N24_HOME#"$TOOLS"/}/bin/node", "codeServer": "${CS#"$TOOLS"/}", "playwright": "pw/node_modules/playwright-core",
  "versions": { "node": "$NODE_VERSION", "codeServer": "$CODE_SERVER_VERSION", "playwrightCore": "$PLAYWRIGHT_VERSION" } }
JSON
say "ready in $TOOLS (chromium: $(command -v chromium || command -v chromium-browser))"
[ -n "${RLENS_E2E_TOOLS:-}" ] || [ "$TOOLS" = "$HOME/.cache/responsibility-lens/e2e" ] || echo "export RLENS_E2E_TOOLS=$TOOLS"
