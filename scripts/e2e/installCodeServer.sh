#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100, the last release that runs on Node 20) into
# .cache/code-server, once. @vscode/ripgrep would download rg from GitHub during install,
# which this machine cannot reach: its download cache is seeded with Debian's rg first.
set -euo pipefail
cd "$(dirname "$0")/../.."

prefix=.cache/code-server
bin="$prefix/node_modules/.bin/code-server"
if [ -x "$bin" ]; then
  echo "code-server: already installed ($bin)" >&2
  exit 0
fi

rg_bin=$(command -v rg || true)
if [ -z "$rg_bin" ]; then
  echo "code-server: ripgrep is missing; run scripts/setup/system-deps.sh first" >&2
  exit 1
fi
cache=/tmp/vscode-ripgrep-cache-1.15.11
pack=$(mktemp -d)
mkdir -p "$cache"
cp "$rg_bin" "$pack/rg"
tar -C "$pack" -czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg
rm -rf "$pack"

mkdir -p "$prefix"
echo "code-server: installing 4.100.3 into $prefix (about 1.5 min)" >&2
npm_config_yes=true npm_config_unsafe_perm=true npm install --prefix "$prefix" --no-save --no-audit --no-fund code-server@4.100.3 >&2
"$bin" --version >&2
