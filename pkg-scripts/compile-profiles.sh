#!/usr/bin/env bash
# Compiles the built-in profiles (src/profiles/<id>.json) into src/compiled/<id>.govit and their
# English texts into src/compiled/<id>.en.govit, the form the library embeds and the package ships
# (the browser modules embed no English texts; a page that asks for them fetches the .en.govit). Run it after editing a profile; the test
# `tests/compiled_profiles.rs` fails while a compiled file differs from its JSON.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mkdir -p src/compiled
# Without the embedded profiles, so that the compiler builds even when src/compiled/ is stale.
cargo run --quiet --no-default-features --features profile-json --bin gov-it-check -- \
  compile src/profiles/tongzhou.json src/profiles/shexian.json src/profiles/tinghu.json \
  src/profiles/jiangjin.json src/profiles/xiangcheng.json --out-dir src/compiled --english-apart
