#!/usr/bin/env bash
# optimise.sh IN OUT: wasm-opt -Oz run until it gains nothing more (--converge: 0.8 KB gzip less a
# module, for about 30 s more each), with the wasm features the modules use; binaryen from the npm
# package in tests/js. build.sh and build-crossing.sh run it on each module.
#
# A function with one caller is inlined only when it is small (-ocimfs 40; wasm-opt's default
# inlines every one). Inlined whole, the profile decoder, the engine's run and its steps became
# functions of 20-36 KB with thousands of locals, whose indices take two or three bytes each and
# compress poorly, and which V8 compiles whole when one gets hot (the decoder: ~110 ms of
# TurboFan on this machine at the first validation). Kept apart: -16.6 KB gzip for the module a
# one-jurisdiction page loads, a first validate() 16 % sooner in Node, every call ~5 % slower
# (BENCHMARKS.md, "small functions kept apart").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
wasm_opt="$root/tests/js/node_modules/.bin/wasm-opt"
if [ ! -x "$wasm_opt" ]; then
  echo "optimise: installing the JS tools (tests/js, from its lockfile)"
  (cd "$root/tests/js" && npm ci --no-audit --no-fund --loglevel=error)
fi
"$wasm_opt" -Oz --converge -ocimfs 40 --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-multivalue --enable-reference-types \
  "$1" -o "$2"
