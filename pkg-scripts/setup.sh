#!/usr/bin/env bash
# Installs what building and testing need, and skips whatever is already there:
# the wasm32 target, wasm-bindgen-cli at the version Cargo.lock pins, Chromium and ChromeDriver
# (Debian packages) with a Chinese font, and the npm packages of the test harness (from its lockfile).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf 'setup: %s\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

[ -f Cargo.lock ] || cargo generate-lockfile
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -n "$want" ]; then
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (found '${have:-none}')"
    # --locked fails on some registries (a pinned dependency is missing); retry without it.
    cargo install wasm-bindgen-cli --version "$want" --locked 2>/dev/null \
      || cargo install wasm-bindgen-cli --version "$want"
  fi
fi

# A CJK font, so that pages and screenshots show Chinese rather than empty boxes.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  say "installing chromium, chromium-driver and a Chinese font"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei >/dev/null
fi

if [ -f tests/js/package-lock.json ]; then
  stamp=tests/js/node_modules/.lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s tests/js/package-lock.json "$stamp"; then
    say "installing npm packages for the JS tests"
    (cd tests/js && npm ci --no-audit --no-fund --loglevel=error)
    cp tests/js/package-lock.json "$stamp"
  fi
fi
say "ready"
