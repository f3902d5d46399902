#!/usr/bin/env bash
# Installs everything akinai needs on a fresh Debian machine with Node 20: pnpm, the workspace's
# dependencies, Chromium with Japanese fonts for the docs' browser tests, Node 22 and 24 for the matrix,
# and Bun, Deno and workerd (Miniflare) for the SDK's runtime matrix.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.21.0
if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  npm install --global "pnpm@$PNPM_VERSION" # corepack cannot verify pnpm on this registry
fi

if [ ! -x /usr/bin/chromium ] || [ -z "$(fc-list :lang=ja 2>/dev/null)" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  else
    echo "setup: the docs tests need Debian's chromium and fonts-noto-cjk; install them as root:" >&2
    echo "  apt-get install -y chromium fonts-noto-cjk" >&2
  fi
fi

pnpm install --frozen-lockfile
# Node 22 and 24 for the test matrix: pinned official binaries from the npm registry, outside the workspace.
npm ci --prefix scripts/node-matrix --no-audit --no-fund --loglevel=error
# Bun, Deno and workerd (through Miniflare) for consumers/test/runtimes.test.ts: pinned with integrity,
# outside the workspace (pnpm treats `deno` as a runtime to download, not a package).
npm ci --prefix scripts/runtimes --no-audit --no-fund --loglevel=error
