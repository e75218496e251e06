#!/usr/bin/env bash
# Tests of the npm package: builds it (pkg-scripts/build.sh), runs the wasm-bindgen-test suites in
# Node and in headless Chromium, packs it (npm pack), installs the tarball into a scratch project
# (tests/js/.work) and uses it from Node ESM and from an esbuild bundle loaded in headless Chromium
# through playwright-core (node --test, with the react-hook-form example), then type-checks a typed
# consumer with tsc --noEmit, and a server consumer compiled without the DOM lib. Expects
# pkg-scripts/setup.sh to have run (tests/js/node_modules, wasm-bindgen-cli, chromium,
# chromedriver). Ends with one plain summary line.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
step() { printf '\n== package: %s\n' "$*"; }
# The count from the last libtest/TAP summary in the log, e.g. "test result: ok. 8 passed;".
passed() { grep -Eo "$1" "$log" | tail -1 | grep -Eo '[0-9]+' | head -1; }

if [ ! -x tests/js/node_modules/.bin/tsc ]; then
  (cd tests/js && npm ci --no-audit --no-fund --loglevel=error)
fi

step "build"
bash pkg-scripts/build.sh

step "the build's passes over the modules: names made short, functions ordered (node --test)"
node --test --test-reporter=tap tests/js/short-names.test.mjs tests/js/order-functions.test.mjs 2>&1 | tee "$log"
grep -q '^# fail 0' "$log"
build_scripts=$(passed '^# pass [0-9]+')

# The oldest browsers the package supports (js/README.md, "Browsers") are those with every
# WebAssembly feature the modules use: Chromium 96, Firefox 79, Safari 15. The modules declare
# their features in a custom section, which wasm-opt would otherwise trust; with it removed, the
# module is validated against exactly that set, so an instruction from any later proposal (SIMD,
# tail calls, extended constants, GC …) fails here.
step "browser baseline: the WebAssembly features of Chromium 96, Firefox 79 and Safari 15, no more"
baseline="--enable-mutable-globals --enable-sign-ext --enable-nontrapping-float-to-int --enable-bulk-memory --enable-multivalue --enable-reference-types"
for module in pkg/gov_it_rules_bg.wasm pkg/gov_it_rules_core_bg.wasm pkg/gov_it_rules_json_bg.wasm pkg/gov_it_rules_noform_bg.wasm pkg/gov_it_rules_core_noform_bg.wasm; do
  # shellcheck disable=SC2086
  tests/js/node_modules/.bin/wasm-opt "$module" $baseline --strip-target-features -o "$module.baseline" 2>/dev/null
  # shellcheck disable=SC2086
  if ! tests/js/node_modules/.bin/wasm-opt "$module.baseline" --mvp-features $baseline -o /dev/null 2>/dev/null; then
    rm -f "$module.baseline"
    echo "package: $module uses a WebAssembly feature beyond the supported browsers (js/README.md, \"Browsers\")" >&2
    exit 1
  fi
  rm -f "$module.baseline"
done
echo "the modules use only: ${baseline//--enable-/}"

step "clippy for the wasm target (src/wasm.rs, the wasm test suites, the module without regulations)"
cargo clippy --quiet --target wasm32-unknown-unknown --lib --test wasm_node --test wasm_browser --test form_browser -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --lib --no-default-features -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --lib --no-default-features --features builtin-profiles -- -D warnings
# The bench-only exports of benches/crossing.mjs (src/wasm/crossing.rs), so that they keep building.
cargo clippy --quiet --target wasm32-unknown-unknown --lib --no-default-features --features crossing -- -D warnings

step "wasm-bindgen-test in Node"
cargo test --target wasm32-unknown-unknown --test wasm_node 2>&1 | tee "$log"
wasm_node=$(passed 'test result: ok\. [0-9]+ passed')

step "wasm-bindgen-test in headless Chromium"
CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}" \
  cargo test --target wasm32-unknown-unknown --test wasm_browser 2>&1 | tee "$log"
wasm_browser=$(passed 'test result: ok\. [0-9]+ passed')

step "the form component, wasm-bindgen-test in headless Chromium"
CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}" \
  cargo test --target wasm32-unknown-unknown --test form_browser 2>&1 | tee "$log"
form_browser=$(passed 'test result: ok\. [0-9]+ passed')

step "npm pack, install into a scratch project"
work=tests/js/.work
rm -rf "$work"
mkdir -p "$work/fixtures"
tarball=$(cd pkg && npm pack --silent --pack-destination "$root/$work")
# The browser module; the one without embedded regulations, for pages that load one
# jurisdiction's compiled profile (profiles/); the one that also reads JSON profiles
# (init({ profileJson: true })); the first two without the form component (init({ form: false }));
# Node's.
wasm_files=$(tar -tzf "$work/$tarball" | grep '\.wasm$' | sort | tr '\n' ' ')
[ "$wasm_files" = "package/gov_it_rules_bg.wasm package/gov_it_rules_core_bg.wasm package/gov_it_rules_core_noform_bg.wasm package/gov_it_rules_json_bg.wasm package/gov_it_rules_node_bg.wasm package/gov_it_rules_noform_bg.wasm " ] ||
  { echo "package: expected the six modules in $tarball, found: $wasm_files" >&2; exit 1; }
profile_files=$(tar -tzf "$work/$tarball" | grep -c '^package/profiles/[a-z]*\.govit$')
[ "$profile_files" -eq 5 ] || { echo "package: expected five compiled profiles in $tarball, found $profile_files" >&2; exit 1; }
english_files=$(tar -tzf "$work/$tarball" | grep -c '^package/profiles/[a-z]*\.en\.govit$')
[ "$english_files" -eq 5 ] || { echo "package: expected the five profiles' English texts in $tarball, found $english_files" >&2; exit 1; }
# Both licences the package is offered under, and the metadata that points at its source.
packed=$(tar -tzf "$work/$tarball")
for licence in LICENSE-MIT LICENSE-APACHE; do
  grep -qx "package/$licence" <<<"$packed" || { echo "package: $licence is not in $tarball" >&2; exit 1; }
done
tar -xzOf "$work/$tarball" package/package.json | node -e '
  const pkg = JSON.parse(require("fs").readFileSync(0, "utf8"));
  if (!pkg.repository?.url || !pkg.homepage) { console.error("package: package.json lacks repository or homepage"); process.exit(1); }'
echo "packed $tarball: $(tar -tzf "$work/$tarball" | sed 's|^package/||' | sort | tr '\n' ' ')($(du -k "$work/$tarball" | cut -f1) KB)"
cp -R tests/js/scratch/. "$work/"
# The benchmark's complete applications, for compact.test.mjs's delta size.
cp benches/inputs.mjs "$work/bench-inputs.mjs"
# The build scripts' reading of a wasm binary, for node.test.mjs's checks of the modules.
cp pkg-scripts/wasm-binary.mjs "$work/"
cp tests/fixtures/*-declaration.json tests/fixtures/profiles/example-county.json "$work/fixtures/"
# The county profile compiled, as a page that reads no JSON profile loads it.
cargo run --quiet --bin gov-it-check -- compile tests/fixtures/profiles/example-county.json --out-dir "$work/fixtures" >/dev/null
printf '{ "name": "scratch", "private": true, "type": "module" }\n' > "$work/package.json"
# The package has no dependencies, so this is offline. The test tools (esbuild, playwright-core,
# react-hook-form, typescript) resolve from tests/js/node_modules, one directory up.
(cd "$work" && npm install --no-audit --no-fund --no-package-lock --loglevel=error "./$tarball")
# A test build of the package for recovery.test.mjs: the same wrapper over a debug build of the
# module, which also exports hooks that trap (src/wasm.rs, debug builds only; not in the package).
cargo build --lib --target wasm32-unknown-unknown --quiet
mkdir -p "$work/trap"
wasm-bindgen --target web --no-typescript --out-dir "$work/trap" --out-name gov_it_rules \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/debug/gov_it_rules.wasm"
bash pkg-scripts/restartable-glue.sh "$work/trap/gov_it_rules.js"
# The wrapper as written, which imports that glue (the package's index.js has its own bundled in).
cp js/index.js "$work/trap/"

step "Node ESM, form libraries (Standard Schema, async-validator), esbuild bundle in headless Chromium, react-hook-form resolver (node --test)"
(cd "$work" && node --test --test-reporter=tap node.test.mjs noform.test.mjs forms.test.mjs profile.test.mjs hostile.test.mjs recovery.test.mjs compact.test.mjs fuzz.test.mjs browser.test.mjs) 2>&1 | tee "$log"
js=$(passed '^# pass [0-9]+')
grep -q '^# fail 0' "$log"

step "TypeScript: tsc --noEmit on a typed consumer, a server consumer without the DOM lib, a CommonJS consumer"
(cd "$work" && ../node_modules/.bin/tsc -p tsconfig.json)
(cd "$work" && ../node_modules/.bin/tsc -p tsconfig.node.json)
(cd "$work" && ../node_modules/.bin/tsc -p tsconfig.cjs.json)
echo "tsc: ok"

total=$((build_scripts + wasm_node + wasm_browser + form_browser + js))
echo
echo "package: build scripts ${build_scripts} passed, wasm Node ${wasm_node} passed, wasm Chromium ${wasm_browser} passed, form component ${form_browser} passed, JS ${js} passed, tsc ok"
echo "package: ${total} passed, 0 failed"
