#!/usr/bin/env bash
# End-to-end tests in headless Chromium: the demo page (tests/js/e2e) and the integrator's example
# (examples/portal-playwright, a portal form with the package attached). Builds the package if
# needed and lays out the demo site. Screenshots go to test-output/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ -f pkg/index.js ] || bash pkg-scripts/build.sh
bash pkg-scripts/assemble-demo.sh >/dev/null
# The example's one dependency (playwright-core) is the test harness's, at the same version.
ln -sfn ../../tests/js/node_modules examples/portal-playwright/node_modules
node --test --test-reporter=spec tests/js/e2e/demo.test.mjs examples/portal-playwright/portal.test.mjs
