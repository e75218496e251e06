#!/usr/bin/env bash
# ab.sh REV [ROUNDS]: the package built at git revision REV against the one built from the working
# tree, in alternating rounds in Node and headless Chromium (benches/ab.mjs): what a change did,
# as a ratio measured in one run. REV is built in a worktree under bench-output/ab/ with its own
# target directory (kept, so a second run is quick); SKIP_BUILD=1 takes pkg/ as it is for the new
# side. Installs what is missing first, as bench.sh does. ~8 minutes the first time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rev="${1:?usage: bash pkg-scripts/ab.sh REV [ROUNDS]}"
rounds="${2:-15}"
bash pkg-scripts/setup.sh
commit="$(git rev-parse --verify "$rev^{commit}")"

work=bench-output/ab/src
git worktree remove --force "$work" 2>/dev/null || rm -rf "$work"
git worktree prune
mkdir -p bench-output/ab
git worktree add --detach --quiet "$work" "$commit"
trap 'git worktree remove --force "$work" 2>/dev/null || true' EXIT
# The revision's build tools are the working tree's when its lockfile is the same.
if cmp -s tests/js/package-lock.json "$work/tests/js/package-lock.json"; then
  ln -s "$root/tests/js/node_modules" "$work/tests/js/node_modules"
fi
echo "ab: building $rev ($commit)"
CARGO_TARGET_DIR="$root/target/ab" bash "$work/pkg-scripts/build.sh" > /dev/null
rm -rf bench-output/ab/base
cp -r "$work/pkg" bench-output/ab/base

if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "ab: building the working tree"
  bash pkg-scripts/build.sh > /dev/null
fi
rm -rf bench-output/ab/new
cp -r pkg bench-output/ab/new
node benches/ab.mjs bench-output/ab/base bench-output/ab/new "$rounds"
