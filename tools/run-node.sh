#!/usr/bin/env bash
# README command 1: install what is missing, build (Release) and start the node in the foreground.
# Arguments are passed to btcnetd.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/setup.sh" --build-dir "$root/build" --type Release
exec "$root/build/bin/btcnetd" "$@"
