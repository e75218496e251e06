#!/usr/bin/env bash
# Builds the module benches/crossing.mjs times, into bench-output/crossing/: the Node module's
# features (the five regulations, JSON profiles) and `crossing`, whose exports take options, a
# live edit's delta and a profile across as JavaScript values through serde-wasm-bindgen; its own
# glue, and wasm-opt as the package's modules get it. Not part of the package.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out=bench-output/crossing
cargo build --lib --release --target wasm32-unknown-unknown --quiet --no-default-features \
  --features builtin-profiles,profile-json,crossing
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name crossing \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/gov_it_rules.wasm"
bash pkg-scripts/optimise.sh "$out/crossing_bg.wasm" "$out/crossing_bg.wasm"
