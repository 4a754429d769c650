#!/usr/bin/env bash
# README command 1: install what is missing, build (Release) and start the node in the foreground.
# Without arguments the node runs on regtest, listening on 127.0.0.1 only, with its data in
# ~/.btcnet/regtest: it works offline and touches no public network. Any arguments replace
# these defaults and go to btcnetd as they are (see `build/bin/btcnetd --help`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/setup.sh" --build-dir "$root/build" --type Release
if [ $# -eq 0 ]; then
  set -- --regtest --listen=127.0.0.1
fi
exec "$root/build/bin/btcnetd" "$@"
