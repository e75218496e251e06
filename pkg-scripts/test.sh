#!/usr/bin/env bash
# Every test: installs what is missing, then lint (and the API docs), the wasm package suites (Node, headless
# Chromium, packed tarball, bundler, TypeScript), every bundler route and the example apps from
# the packed tarball, the demo end-to-end suite, and the native Rust
# suites last, so the run ends on cargo's summary lines.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash pkg-scripts/setup.sh

echo "== format and lint"
cargo fmt --check
cargo clippy --all-targets --quiet -- -D warnings
# The API docs build without a broken or private link.
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet

echo "== package"
bash pkg-scripts/test-package.sh

echo "== bundlers and example apps, from the packed package"
bash pkg-scripts/test-bundlers.sh

if [ -f pkg-scripts/test-demo.sh ]; then
  echo "== demo page"
  bash pkg-scripts/test-demo.sh
fi

echo "== native core"
cargo test --all-targets --quiet
# The browser modules' build of the core: profiles checked for their bounds only.
cargo test --no-default-features --features builtin-profiles --test unchecked_profiles --quiet
cargo test --doc --quiet
