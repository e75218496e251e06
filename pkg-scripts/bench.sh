#!/usr/bin/env bash
# Benchmarks (not tests): installs what is missing, builds the package, installs the peers (Zod 4,
# Valibot) from benches/package-lock.json, then runs benches/run.mjs in Node and headless
# Chromium: full validation per jurisdiction, per-edit updates, cold start over fresh page loads
# (and, for the browser's own part of it, a one-line module imported the same way), sizes, all
# against the peers on the same inputs (the run fails if they disagree). Prints a table
# and writes bench-output/bench.json; then hostile sizes (benches/hostile.mjs: refusals, linearity
# below the limits), how values cross into and out of the module (benches/crossing.mjs: JSON text
# against serde-wasm-bindgen, path by path) and memory (benches/soak.mjs: wasm memory around the
# registry, one validator and two soaks, bench-output/soak.json); last, benches/budgets.mjs prints
# each of the engine's budgets against this run's figures. QUICK=1 for a short run; COLD=N page
# loads (default 40).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash pkg-scripts/setup.sh
if [ "${SKIP_BUILD:-}" != 1 ]; then
  bash pkg-scripts/build.sh
fi
stamp=benches/node_modules/.lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s benches/package-lock.json "$stamp"; then
  (cd benches && npm ci --no-audit --no-fund --loglevel=error)
  cp benches/package-lock.json "$stamp"
fi
node benches/run.mjs
node benches/hostile.mjs
# How values cross (benches/crossing.mjs): both ways in one module built for it.
bash pkg-scripts/build-crossing.sh
node benches/crossing.mjs
# Memory: the registry, one validator, and the soaks (1M edits, 100k validators; QUICK=1: a tenth).
node benches/soak.mjs
# Each budget against this run's figures (bench-output/budgets.json).
node benches/budgets.mjs
