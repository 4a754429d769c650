#!/usr/bin/env bash
# Installs the Debian packages btcnet needs (only those missing), then configures and builds.
#   tools/setup.sh [--build-dir DIR] [--type Release|Debug|RelWithDebInfo] [--sanitize address|thread]
#                  [--target T ...]   (build only these targets; default: everything)
# Idempotent: a second run installs nothing and rebuilds only what changed.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build_dir="$root/build"
build_type=Release
sanitize=""
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=$2; shift 2 ;;
    --type) build_type=$2; shift 2 ;;
    --sanitize) sanitize=$2; shift 2 ;;
    --target) targets+=(--target "$2"); shift 2 ;;
    *) echo "setup.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done

fail() { echo "setup.sh: $*" >&2; exit 1; }

# Build tools, libraries, test peers and fuzzing runtime, all from Debian.
packages=(
  cmake ninja-build g++ clang libclang-rt-14-dev clang-format git
  libcaf-dev libboost-dev libspdlog-dev libfmt-dev libcli11-dev nlohmann-json3-dev libssl-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  python3 python3-bitcoinlib microsocks iproute2 util-linux
  tmux chromium  # the inspector's terminal and web views under test
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup.sh: installing ${missing[*]}"
  [ "$(id -u)" -eq 0 ] || fail "missing packages (${missing[*]}) and not root: run as root or install them"
  apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || fail "apt-get install failed for: ${missing[*]}"
fi

# The browser tests drive Debian's Chromium with playwright-core, pinned in tools/web.
if ! command -v npm >/dev/null; then
  [ "$(id -u)" -eq 0 ] || fail "npm is missing and not root: install nodejs and npm"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm \
    || fail "apt-get install failed for: nodejs npm"
fi
if [ ! -d "$root/tools/web/node_modules/playwright-core" ]; then
  (cd "$root/tools/web" && npm ci --no-audit --no-fund --loglevel=error) \
    || fail "npm ci failed in tools/web"
fi

cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" \
  -DBTCNET_SANITIZE="$sanitize" -DBTCNET_WERROR=ON >/dev/null \
  || fail "cmake configure failed (build dir $build_dir)"
cmake --build "$build_dir" -j "$(nproc)" "${targets[@]}" || fail "build failed (build dir $build_dir)"
echo "setup.sh: built $build_type${sanitize:+ with $sanitize sanitizer} in $build_dir"
