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
