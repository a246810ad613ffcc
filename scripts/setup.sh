#!/usr/bin/env bash
# Installs what the extension, its local endpoint and its tests need on a fresh Debian machine:
# redis-server/memcached/openssl for cache nodes, awscli for the CLI tests, chromium/ripgrep/libkrb5-dev for
# code-server in the end-to-end tests; then the npm dependencies. Uses sudo only when not root.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq redis-server redis-tools memcached openssl awscli chromium ripgrep libkrb5-dev >/dev/null

npm ci --no-audit --no-fund
