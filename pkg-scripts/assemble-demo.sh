#!/usr/bin/env bash
# Lays out the demo site in target/demo: the page (www/), the built package (pkg/) and the sample
# applications (tests/fixtures/*-declaration.json). Expects pkg/ to be built.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
site="$root/target/demo"
rm -rf "$site"
mkdir -p "$site/samples"
cp -r "$root/www/." "$site/"
cp -r "$root/pkg" "$site/pkg"
cp "$root"/tests/fixtures/*-declaration.json "$site/samples/"
echo "$site"
