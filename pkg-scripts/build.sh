#!/usr/bin/env bash
# Builds the npm package into pkg/: the crate compiled to wasm32, wasm-bindgen's ES-module glue
# (--target web), wasm-opt (pkg-scripts/optimise.sh), and the hand-written wrapper, types and README
# from js/, and the licences; the wrapper ships with the glue bundled into it (index.js). Six
# builds of the crate share the one JS glue: the browser module with the five regulations compiled
# in (fetched from beside index.js or passed to init); the module without them, with each
# compiled profile as a file, for pages that load one jurisdiction; the module that also reads JSON
# profiles and checks a profile's cross-references, for profile authors' tools
# (init({ profileJson: true })); the first two without the form component, for pages that never
# call attach() (init({ form: false })); and Node's (node.js, read with fs), the JSON-reading one
# without the component (Node has no page to attach to). The glue's imports and exports are then
# named short in the glue and all six (pkg-scripts/short-names.mjs). The two browser modules
# without the component also get an entry of their own, gov-it-rules/noform (noform.js), over
# their own glue.
# The browser modules check a compiled profile's bounds only: `gov-it-check compile` checked the
# rest (Cargo.toml, `profile-check`). The modules a page loads are built for size (opt-level z,
# wasm-opt -Oz: every applicant downloads one); Node's, which no applicant downloads, for speed
# (opt-level 3, wasm-opt -O3: a server re-checks with it). Prints the sizes, raw and gzip -9.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out=pkg
name=gov_it_rules

optimise() { bash pkg-scripts/optimise.sh "$@"; }

target_dir="${CARGO_TARGET_DIR:-target}"
# Panic locations in dependencies name their source files; without this they would carry the
# building machine's cargo home (/root/.cargo/registry/src/index.crates.io-…/), in every module.
remap=""
for registry in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
  if [ -d "$registry" ]; then remap="$remap --remap-path-prefix=${registry%/}=crates"; fi
done
built="$target_dir/wasm32-unknown-unknown/release/$name.wasm"
rm -rf "$out"
mkdir -p "$out"
glue=$(mktemp -d)
# What outlives one build: the glue of the modules without the form component, the names given.
kept=$(mktemp -d)
trap 'rm -rf "$glue" "$kept"' EXIT

# build FEATURES OUTPUT: one module; its glue must be the first one's. The features are given to
# rustc as cfgs rather than to cargo: cargo's features are part of the crate's metadata, which
# goes into the names of the exports that carry the component's closures (gloo's listeners and
# timer), and so into the glue; cfgs leave the metadata, the names and the glue alone. The
# opt-level changes the names of those closures' shims, so every module with the component is
# built for size.
build() {
  local cfgs="" feature
  for feature in ${1//,/ }; do cfgs="$cfgs --cfg feature=\"$feature\""; done
  RUSTFLAGS="${RUSTFLAGS:-}$remap$cfgs" \
    cargo build --lib --release --target wasm32-unknown-unknown --quiet --no-default-features --features form
  if [ ! -f "$out/$name.js" ]; then
    wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name "$name" "$built"
    optimise "$out/${name}_bg.wasm" "$out/$2"
    [ "$2" = "${name}_bg.wasm" ] || rm "$out/${name}_bg.wasm"
    return
  fi
  rm -rf "${glue:?}"/*
  wasm-bindgen --target web --no-typescript --out-dir "$glue" --out-name "$name" "$built"
  if ! cmp -s "$glue/$name.js" "$out/$name.js"; then
    echo "build: the module $2 needs other JS glue than the first one" >&2
    exit 1
  fi
  optimise "$glue/${name}_bg.wasm" "$out/$2"
}
# without_form FEATURES OUTPUT [speed]: a module without the form component, for pages that never
# call attach() or for Node, built for size or, with `speed`, for speed. It needs fewer imports
# than the others and has no FormHandle, so the shared glue drives it; checked here, import by
# import.
without_form() {
  local cfgs="" feature level=z
  for feature in ${1//,/ }; do cfgs="$cfgs --cfg feature=\"$feature\""; done
  [ "${3:-}" = speed ] && level=3
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$level RUSTFLAGS="${RUSTFLAGS:-}$remap$cfgs" \
    cargo build --lib --release --target wasm32-unknown-unknown --quiet --no-default-features
  rm -rf "${glue:?}"/*
  wasm-bindgen --target web --no-typescript --out-dir "$glue" --out-name "$name" "$built"
  # Each import it makes, given by the shared glue as its own glue gives it: wasm-bindgen names
  # some imports by a number per module, and a name the two glues define otherwise would make a
  # value cross as another.
  node -e '
    const { readFileSync } = require("node:fs");
    const [wasm, js, own] = process.argv.slice(1);
    const glue = readFileSync(js, "utf8");
    const ownGlue = readFileSync(own, "utf8");
    const member = (text, name) => {
      const at = text.indexOf(`\n        ${name}: function(`);
      return at < 0 ? undefined : text.slice(at, text.indexOf("\n        },", at));
    };
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasm)));
    const missing = imports.filter((i) => member(glue, i.name) === undefined);
    if (missing.length) {
      console.error(`build: the shared glue lacks imports of ${wasm}: ${missing.map((i) => i.name).join(", ")}`);
      process.exit(1);
    }
    const other = imports.filter((i) => member(glue, i.name) !== member(ownGlue, i.name));
    if (other.length) {
      console.error(`build: the shared glue gives ${wasm} other functions than its own glue under: ${other.map((i) => i.name).join(", ")}`);
      process.exit(1);
    }' "$glue/${name}_bg.wasm" "$out/$name.js" "$glue/$name.js"
  # Its own glue, for gov-it-rules/noform: the same from both builds without the component.
  if [ -f "$kept/noform.js" ] && ! cmp -s "$glue/$name.js" "$kept/noform.js"; then
    echo "build: the module $2 needs other JS glue than the other without the form component" >&2
    exit 1
  fi
  cp "$glue/$name.js" "$kept/noform.js"
  optimise "$glue/${name}_bg.wasm" "$out/$2" ${3:-}
}
build "builtin-profiles" "${name}_bg.wasm"
build "" "${name}_core_bg.wasm"
build "builtin-profiles,profile-check,profile-json,builtin-english" "${name}_json_bg.wasm"
without_form "builtin-profiles" "${name}_noform_bg.wasm"
without_form "" "${name}_core_noform_bg.wasm"
without_form "builtin-profiles,profile-check,profile-json,builtin-english" "${name}_node_bg.wasm" speed
# The glue learns to restart its instance after a trap (js/index.js, SECURITY.md).
bash pkg-scripts/restartable-glue.sh "$out/$name.js"
bash pkg-scripts/restartable-glue.sh "$kept/noform.js"
# The names the glue and the modules call each other by made short, the same in all six; js/index.js
# frees validators and form handles, and finds the form component, through these exports by name.
# The glue without the form component gets the same names, for the modules without it.
keep=__wbg_validator_free,__wbg_formhandle_free,formhandle_new
node pkg-scripts/short-names.mjs "$out/$name.js" "$out"/*_bg.wasm --keep-exports "$keep" \
  --write-names "$kept/names.json"
node pkg-scripts/short-names.mjs "$kept/noform.js" --names-of "$kept/names.json" --keep-exports "$keep"

# The compiled profiles (src/compiled/, made from src/profiles/*.json by
# pkg-scripts/compile-profiles.sh) for pages that load one jurisdiction.
mkdir -p "$out/profiles"
cp src/compiled/*.govit "$out/profiles/"

cp js/index.js js/node.js js/attach.css js/index.d.ts js/README.md "$out/"
# The same types for require(): a .d.cts, so that TypeScript reads them as CommonJS's.
cp js/index.d.ts "$out/index.d.cts"

# Two builds of the ES modules above, by esbuild (from tests/js), for what cannot load them:
# - node.cjs, the CommonJS entry, for require() on the Node versions without require(esm)
#   (before 20.19); import.meta.url becomes this file's own URL, so the wasm is read from beside it.
# - dist/gov-it-rules.iife.js, the script-tag build: the whole API on the global `govItRules`; the
#   package's files (the .wasm modules, profiles/) are found one folder up from the script, as the
#   package lays them out.
esbuild=tests/js/node_modules/.bin/esbuild
"$esbuild" "$out/node.js" --bundle --platform=node --format=cjs --target=node18 --log-level=warning \
  --define:import.meta.url=__gov_it_rules_url \
  --banner:js="// gov-it-rules for require(): built from node.js by esbuild. ESM users get node.js.
const __gov_it_rules_url = require('node:url').pathToFileURL(__filename).href;" \
  --outfile="$out/node.cjs"
cat > "$glue/iife-url.js" <<'JS'
// The URL the package's files resolve against: the package folder, one up from dist/, read while
// the <script> runs. A script inserted as text has no src: init() is then given the files' URLs.
export const packageUrl =
  typeof document !== 'undefined' && document.currentScript && document.currentScript.src
    ? new URL('../index.js', document.currentScript.src).href
    : undefined;
JS
"$esbuild" "$out/index.js" --bundle --platform=browser --format=iife --global-name=govItRules \
  --target=chrome96,firefox79,safari15 --minify --log-level=warning \
  --inject:"$glue/iife-url.js" --define:import.meta.url=packageUrl \
  --banner:js="/* gov-it-rules $(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml), script-tag build: window.govItRules. MIT OR Apache-2.0 */" \
  --outfile="$out/dist/gov-it-rules.iife.js"
# What a page loads without a bundler, minified in place (after the two builds above, which read
# them whole), each with a source map carrying the readable source: the ES modules are what the
# browser downloads, and their comments were half of it. The glue is bundled into index.js: one
# module for the browser to fetch and compile, and names the minifier can shorten across both
# (0.8 KB gzip less than the two compressed apart, BENCHMARKS.md "the glue inside index.js").
"$esbuild" "$out/index.js" --bundle --minify --format=esm --log-level=warning \
  --sourcemap --sources-content=true --allow-overwrite --outfile="$out/index.js"
"$esbuild" "$out/node.js" --minify --format=esm --log-level=warning \
  --sourcemap --sources-content=true --allow-overwrite --outfile="$out/node.js"
rm "$out/$name.js"
# gov-it-rules/noform: the same wrapper over the glue without the form component (through
# js/noform-glue.js, which gives no FormHandle: js/index.js reads that as this entry's), without
# the component's 108 imports: 1.5 KB gzip less for a page that never calls attach() (BENCHMARKS.md,
# "an entry without the form component"). Bundled from a folder in pkg/, removed after, so that
# the paths in its source map do not depend on where the build ran.
mkdir "$out/.noform"
cp js/index.js "$out/.noform/index.js"
cp js/noform-glue.js "$out/.noform/gov_it_rules.js"
cp "$kept/noform.js" "$out/.noform/glue.js"
"$esbuild" "$out/.noform/index.js" --bundle --minify --format=esm --log-level=warning \
  --sourcemap --sources-content=true --outfile="$out/noform.js"
rm -r "$out/.noform"
cp js/noform.d.ts "$out/"
# In Node, gov-it-rules/noform is Node's entry, require()d as gov-it-rules is: the same instance.
sed "s#'./index.js'#'./index.cjs'#" js/noform.d.ts > "$out/noform.d.cts"
cp LICENSE-MIT LICENSE-APACHE "$out/"
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
cat > "$out/package.json" <<JSON
{
  "name": "gov-it-rules",
  "version": "$version",
  "description": "Cited validation of Chinese government IT-project applications (政务信息化项目) against district and county regulations, compiled to WebAssembly",
  "license": "MIT OR Apache-2.0",
  "repository": {
    "type": "git",
    "url": "git+https://github.com/gov-it-rules/gov-it-rules.git"
  },
  "homepage": "https://github.com/gov-it-rules/gov-it-rules#readme",
  "bugs": { "url": "https://github.com/gov-it-rules/gov-it-rules/issues" },
  "type": "module",
  "main": "./node.cjs",
  "module": "./index.js",
  "types": "./index.d.ts",
  "exports": {
    ".": {
      "node": {
        "import": { "types": "./index.d.ts", "default": "./node.js" },
        "require": { "types": "./index.d.cts", "default": "./node.cjs" }
      },
      "types": "./index.d.ts",
      "default": "./index.js"
    },
    "./noform": {
      "node": {
        "import": { "types": "./noform.d.ts", "default": "./node.js" },
        "require": { "types": "./noform.d.cts", "default": "./node.cjs" }
      },
      "types": "./noform.d.ts",
      "default": "./noform.js"
    },
    "./dist/gov-it-rules.iife.js": "./dist/gov-it-rules.iife.js",
    "./${name}_bg.wasm": "./${name}_bg.wasm",
    "./${name}_core_bg.wasm": "./${name}_core_bg.wasm",
    "./${name}_json_bg.wasm": "./${name}_json_bg.wasm",
    "./${name}_noform_bg.wasm": "./${name}_noform_bg.wasm",
    "./${name}_core_noform_bg.wasm": "./${name}_core_noform_bg.wasm",
    "./${name}_node_bg.wasm": "./${name}_node_bg.wasm",
    "./profiles/*": "./profiles/*",
    "./attach.css": "./attach.css",
    "./package.json": "./package.json"
  },
  "files": [
    "index.js",
    "index.js.map",
    "index.d.ts",
    "index.d.cts",
    "node.js",
    "node.js.map",
    "node.cjs",
    "noform.js",
    "noform.js.map",
    "noform.d.ts",
    "noform.d.cts",
    "dist/gov-it-rules.iife.js",
    "attach.css",
    "${name}_bg.wasm",
    "${name}_core_bg.wasm",
    "${name}_json_bg.wasm",
    "${name}_noform_bg.wasm",
    "${name}_core_noform_bg.wasm",
    "${name}_node_bg.wasm",
    "profiles/",
    "README.md",
    "LICENSE-MIT",
    "LICENSE-APACHE"
  ],
  "sideEffects": false,
  "engines": {
    "node": ">=18"
  },
  "keywords": ["政务信息化", "validation", "wasm", "standard-schema"]
}
JSON

size() {
  local raw gz
  raw=$(cat "$@" | wc -c)
  gz=$(cat "$@" | gzip -9 | wc -c)
  printf '%s raw, %s gzip' "$(kb "$raw")" "$(kb "$gz")"
}
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
echo "build: pkg/${name}_bg.wasm     $(size "$out/${name}_bg.wasm")"
echo "build: JS, browser entry     $(size "$out/index.js")  (index.js, wasm-bindgen's glue bundled in)"
echo "build: JS, without attach()   $(size "$out/noform.js")  (noform.js: gov-it-rules/noform)"
echo "build: JS, Node entry adds   $(size "$out/node.js")  (node.js)"
echo "build: script-tag build      $(size "$out/dist/gov-it-rules.iife.js")  (dist/gov-it-rules.iife.js, minified)"
echo "build: one jurisdiction      $(size "$out/${name}_core_bg.wasm") wasm without profiles; profiles/*.govit $(for p in "$out"/profiles/*.govit; do printf '%s ' "$(basename "$p" .govit) $(kb "$(gzip -9 < "$p" | wc -c)")"; done)gzip"
echo "build: without attach()      $(size "$out/${name}_noform_bg.wasm")  (${name}_noform_bg.wasm: init({ form: false }))"
echo "build: one jurisdiction, without attach() $(size "$out/${name}_core_noform_bg.wasm")  (${name}_core_noform_bg.wasm: init({ jurisdictions, form: false }))"
echo "build: reading JSON profiles $(size "$out/${name}_json_bg.wasm")  (${name}_json_bg.wasm: init({ profileJson: true }))"
echo "build: Node                  $(size "$out/${name}_node_bg.wasm")  (${name}_node_bg.wasm: node.js, built for speed)"
