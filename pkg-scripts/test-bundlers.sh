#!/usr/bin/env bash
# Every way a page or program loads the package, and the example apps, each from the packed
# tarball (npm pack of pkg/): the bundler routes in tests/bundlers/ (Vite, webpack 5, esbuild ESM
# and IIFE, a plain <script> tag, Node ESM, CommonJS without require(esm)) and the examples in
# examples/ (react-hook-form; Vue 3 with Element Plus, Ant Design Vue and VeeValidate). Each is
# built with its own bundler and run in headless Chromium (playwright-core) or Node. The npm
# packages come from each project's lockfile and are installed only when it changed. Builds the
# package first if pkg/ is missing. Ends with one plain summary line.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log="$work/log"
[ -f pkg/index.js ] || bash pkg-scripts/build.sh

# npm ci from the project's lockfile, unless node_modules was installed from this very lockfile.
ci() {
  local stamp="$1/node_modules/.lock-stamp"
  if [ ! -f "$stamp" ] || ! cmp -s "$1/package-lock.json" "$stamp"; then
    echo "bundlers: installing $1's npm packages (from its lockfile)"
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$1/package-lock.json" "$stamp"
  fi
}
# The packed package, installed as a user installs it. It has no dependencies: this is offline.
install_package() {
  (cd "$1" && npm install --no-audit --no-fund --no-save --no-package-lock --loglevel=error "$tarball" >/dev/null)
}
# In an example app, whose lockfile links gov-it-rules to ../../pkg, the tarball is unpacked over
# the link: what npm does for a package without dependencies or install scripts, without npm
# resolving the app's whole tree again.
unpack_package() {
  rm -rf "$1/node_modules/gov-it-rules"
  mkdir -p "$1/node_modules/gov-it-rules"
  tar -xzf "$tarball" -C "$1/node_modules/gov-it-rules" --strip-components=1
}

tarball="$work/$(cd pkg && npm pack --silent --pack-destination "$work")"
tar -xzOf "$tarball" package/package.json | node -e '
  const pkg = JSON.parse(require("fs").readFileSync(0, "utf8"));
  if (pkg.dependencies || pkg.scripts) { console.error("bundlers: the package now has dependencies or scripts; install it with npm"); process.exit(1); }'
ci tests/bundlers
for route in vite webpack esbuild script-tag node; do
  install_package "tests/bundlers/$route"
done
tests=(tests/bundlers/bundlers.test.mjs)
for example in examples/react-hook-form examples/vue-element-plus; do
  [ -d "$example" ] || continue
  ci "$example"
  unpack_package "$example"
  tests+=("$example"/*.test.mjs)
done

status=0
node --test --test-reporter=tap --test-concurrency=1 "${tests[@]}" >"$log" 2>&1 || status=$?
# The TAP log, without the YAML detail of passing tests.
grep -Ev '^ *(duration_ms|type):|^ *\.\.\.$|^ *---$' "$log" || true
pass=$(grep -Eo '^# pass [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
fail=$(grep -Eo '^# fail [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
echo
echo "bundlers: ${pass} passed, ${fail} failed"
[ "$status" -eq 0 ] && [ "$fail" -eq 0 ]
