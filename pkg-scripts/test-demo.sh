#!/usr/bin/env bash
# End-to-end tests of the demo page in headless Chromium: builds the package if needed, lays out
# the site and runs tests/js/e2e with node's test runner. Screenshots go to test-output/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ -f pkg/index.js ] || bash pkg-scripts/build.sh
bash pkg-scripts/assemble-demo.sh >/dev/null
cd tests/js
node --test --test-reporter=spec e2e/demo.test.mjs
