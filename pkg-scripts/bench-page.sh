#!/usr/bin/env bash
# Benchmark: time per keystroke on the demo form in headless Chromium (see
# tests/js/e2e/keystroke.bench.mjs). ROUNDS=N types the amount sequence N times (default 40).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash pkg-scripts/setup.sh
bash pkg-scripts/build.sh
bash pkg-scripts/assemble-demo.sh >/dev/null
node tests/js/e2e/keystroke.bench.mjs
