#!/usr/bin/env bash
# End-to-end tests of the extension in a real VS Code: installs code-server (once), builds
# and packages the VSIX, makes sure the lab is up, then runs test/e2e/*.test.ts one file at
# a time. Screenshots land in test-results/e2e/.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/e2e/installCodeServer.sh
node scripts/e2e/packageVsix.mjs
npm run --silent lab:up
node scripts/test.mjs e2e "$@"
