#!/usr/bin/env bash
# The README's test command: from a fresh Debian machine with Node 20 to every test tier.
# Installs what is missing, builds, checks types and lint, starts the lab (real
# Prometheus, Alertmanager, Pushgateway, sshd, dockerd, RTSP cameras, sinks, and the
# Loki/Promtail stand-ins), runs unit, integration and end-to-end tests, and stops the
# lab by PID whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup/system-deps.sh
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run build
npm run typecheck
npm run lint

status=0
trap 'npx tsx lab/labctl.ts down || status=1' EXIT
npx tsx lab/labctl.ts up

node scripts/test.mjs unit || status=1
node scripts/test.mjs integration || status=1
bash scripts/e2e/run.sh || status=1
trap - EXIT
npx tsx lab/labctl.ts down || status=1
exit $status
