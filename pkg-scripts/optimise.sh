#!/usr/bin/env bash
# optimise.sh IN OUT: wasm-opt -Oz run until it gains nothing more (--converge: 0.8 KB gzip less a
# module, for about 30 s more each), with the wasm features the modules use; binaryen from the npm
# package in tests/js. build.sh and build-crossing.sh run it on each module.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
wasm_opt="$root/tests/js/node_modules/.bin/wasm-opt"
if [ ! -x "$wasm_opt" ]; then
  echo "optimise: installing the JS tools (tests/js, from its lockfile)"
  (cd "$root/tests/js" && npm ci --no-audit --no-fund --loglevel=error)
fi
"$wasm_opt" -Oz --converge --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-multivalue --enable-reference-types \
  "$1" -o "$2"
