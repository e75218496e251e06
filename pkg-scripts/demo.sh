#!/usr/bin/env bash
# The main job: installs what is missing, builds the npm package, and serves the demo page on
# 127.0.0.1 (PORT, default 8080).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash pkg-scripts/setup.sh
bash pkg-scripts/build.sh
site=$(bash pkg-scripts/assemble-demo.sh)
port="${PORT:-8080}"
echo
echo "Demo: http://127.0.0.1:${port}/   (Ctrl-C to stop)"
exec python3 -m http.server --bind 127.0.0.1 "$port" --directory "$site"
