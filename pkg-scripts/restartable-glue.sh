#!/usr/bin/env bash
# Appends to wasm-bindgen's generated glue (--target web) the one thing it lacks for recovery
# after a trap: `__wbg_restart()`, which drops the instance the glue holds and instantiates the
# same compiled module afresh, synchronously, so that js/index.js can discard a module that
# trapped (out of memory, or a bug) and go on with a new one (SECURITY.md, "Recovery"). It reads
# the glue's own state (`wasm`, `wasmModule`, …), so it checks that the glue still declares it:
# wasm-bindgen is pinned (Cargo.toml), and a new version that renames them fails here, not at
# run time. Usage: restartable-glue.sh pkg/gov_it_rules.js
set -euo pipefail
glue="$1"
for declaration in 'let wasmModule, wasmInstance, wasm;' 'let __wbg_init_promise;' 'let cachedUint8ArrayMemory0 = null;' 'function initSync(module) {'; do
  if ! grep -qF "$declaration" "$glue"; then
    echo "restartable-glue: $glue does not declare \`$declaration\`; js/index.js's recovery after a trap depends on it" >&2
    exit 1
  fi
done
# A closure the module handed to the page (the form component's listeners and timer) belongs to
# the instance that made it: after a restart it does nothing, rather than call the new instance
# with the old one's pointers, and its finaliser frees nothing there.
patch() {
  if ! grep -qF "$1" "$glue"; then
    echo "restartable-glue: $glue does not have \`$1\`; the closures' instance check depends on it" >&2
    exit 1
  fi
  FROM="$1" TO="$2" perl -0pi -e 's/\Q$ENV{FROM}\E/$ENV{TO}/' "$glue"
}
if grep -qF 'function makeMutClosure(' "$glue"; then
patch '    const state = { a: arg0, b: arg1, cnt: 1 };' '    const state = { a: arg0, b: arg1, cnt: 1, instance: wasm };'
patch '        state.cnt++;' '        if (state.instance !== wasm) return undefined;
        state.cnt++;'
patch '        if (--state.cnt === 0) {' '        if (--state.cnt === 0 && state.instance === wasm) {'
patch '    : new FinalizationRegistry(state => wasm.__wbindgen_destroy_closure(state.a, state.b));' '    : new FinalizationRegistry(state => { if (state.instance === wasm) wasm.__wbindgen_destroy_closure(state.a, state.b); });'
fi

cat >> "$glue" <<'JS'

/**
 * Drops the instance (after a trap it may be out of memory or half-way through a call) and, with
 * `instantiate`, makes a new one of the same compiled module. Added by
 * pkg-scripts/restartable-glue.sh; js/index.js calls it.
 */
export function __wbg_restart(instantiate) {
    const module = wasmModule;
    wasm = undefined;
    wasmInstance = undefined;
    cachedUint8ArrayMemory0 = null;
    __wbg_init_promise = undefined;
    if (!instantiate || module === undefined) return undefined;
    return initSync({ module });
}
JS
