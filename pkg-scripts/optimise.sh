#!/usr/bin/env bash
# optimise.sh IN OUT [speed]: wasm-opt -Oz run until it gains nothing more (--converge: 0.8 KB gzip
# less a module, for about 30 s more each), with the wasm features the modules use, then the
# functions laid out to compress; binaryen from the npm package in tests/js. build.sh and
# build-crossing.sh run it on each module. With `speed` (Node's module, which no applicant
# downloads): wasm-opt -O3, and the layout left as it is.
#
# A function with one caller is inlined only when it is small (-ocimfs 20; wasm-opt's default
# inlines every one). Inlined whole, the profile decoder, the engine's run and its steps became
# functions of 20-36 KB with thousands of locals, whose indices take two or three bytes each and
# compress poorly, and which V8 compiles whole when one gets hot (the decoder: ~110 ms of
# TurboFan on this machine at the first validation). Kept apart: -16.6 KB gzip for the module a
# one-jurisdiction page loads, a first validate() 16 % sooner in Node, every call ~5 % slower
# (BENCHMARKS.md, "small functions kept apart"). 40 until the code was laid out to compress
# (below); with it, 20 takes 0.6-1.2 KB gzip more off each module, per call and cold start
# unchanged (BENCHMARKS.md, "one-caller functions up to 20 inlined").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
wasm_opt="$root/tests/js/node_modules/.bin/wasm-opt"
if [ ! -x "$wasm_opt" ]; then
  echo "optimise: installing the JS tools (tests/js, from its lockfile)"
  (cd "$root/tests/js" && npm ci --no-audit --no-fund --loglevel=error)
fi
features="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-multivalue --enable-reference-types"
# Nothing lives in the first 1 KB of memory: wasm-ld places data from 1 KB up (here above the
# stack, which runs down from 1 MiB), and the stack would reach it only 1023 KB deep. Told so,
# wasm-opt folds a constant added to an address into the load or store (a sum that wrapped
# around to there would trap instead): 0.6-1.1 KB gzip less a module (BENCHMARKS.md, "addresses
# with constant offsets"). The package test checks that each module's data starts at 1 KB or above.
low_memory="--low-memory-unused"
if [ "${3:-}" = speed ]; then
  # shellcheck disable=SC2086
  "$wasm_opt" -O3 $low_memory --strip-debug --strip-producers --strip-target-features $features "$1" -o "$2"
  exit 0
fi
# shellcheck disable=SC2086
"$wasm_opt" -Oz --converge -ocimfs 20 $low_memory --strip-debug --strip-producers $features "$1" -o "$2"
# Then the code laid out with alike functions side by side, which gzip compresses better
# (pkg-scripts/order-functions.mjs: 2.8-3.8 KB gzip less a module). wasm-opt reading a module back
# adds scratch locals that -Oz takes away again (0.7 KB raw otherwise).
node "$root/pkg-scripts/order-functions.mjs" "$2" "$2.named"
# shellcheck disable=SC2086
# The module's list of the wasm features it was built with (the target_features section, read by
# linkers, not by browsers) goes too: 0.1 KB gzip.
"$wasm_opt" --reorder-functions-by-name -Oz -ocimfs 20 $low_memory --strip-debug --strip-producers \
  --strip-target-features $features "$2.named" -o "$2"
rm "$2.named"
