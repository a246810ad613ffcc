#!/usr/bin/env bash
# Installs code-server (VS Code in the browser) offline-friendly into a git-ignored cache folder, keyed by version.
# Why by hand: code-server's npm postinstall downloads from GitHub and refuses to run as root, so scripts are off
# and the steps it would do are done here, using Debian's ripgrep (see issue 5).
# Idempotent: a complete install (marker file) is reused; prints the code-server entry point on stdout.
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${CODE_SERVER_CACHE:-$ROOT/.cache/code-server-$VERSION}"
MARKER="$DIR/.complete"
BIN="$DIR/node_modules/code-server/out/node/entry.js"

log() { echo "[install-code-server] $*" >&2; }

if [ -f "$MARKER" ] && [ -f "$BIN" ]; then
  echo "$BIN"
  exit 0
fi

for tool in rg; do
  command -v "$tool" >/dev/null || { log "missing '$tool': apt-get install ripgrep libkrb5-dev chromium"; exit 1; }
done

start=$(date +%s)
mkdir -p "$DIR"
cd "$DIR"
[ -f package.json ] || echo '{ "name": "code-server-cache", "private": true }' > package.json

log "1/6 npm install code-server@$VERSION --ignore-scripts into $DIR"
npm install "code-server@$VERSION" --ignore-scripts --no-audit --no-fund --loglevel=error >&2
log "2/6 npm rebuild argon2"
npm rebuild argon2 --loglevel=error >&2

VSCODE="$DIR/node_modules/code-server/lib/vscode"
cd "$VSCODE"
log "3/6 VS Code's production dependencies"
npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2
# Debian's rg in place, so @vscode/ripgrep's postinstall has nothing to download.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sfn "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
log "4/6 npm rebuild (native modules)"
npm_config_yes=true npm rebuild --loglevel=error >&2
ln -sfn node_modules node_modules.asar
ln -sfn code-linux.sh bin/remote-cli/code-server
ln -sfn browser-linux.sh bin/helpers/browser.sh
log "5/6 built-in extensions' dependencies"
(cd extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2)

log "6/6 smoke check"
XDG_CONFIG_HOME="$DIR/.config" XDG_DATA_HOME="$DIR/.local" node "$BIN" --version >&2
touch "$MARKER"
log "done in $(( $(date +%s) - start ))s"
echo "$BIN"
