#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan) and runs each for a bounded time.
#   tools/fuzz/run.sh [seconds for the frame decoder] [seconds per other target]
# CI runs the defaults (60 s and 15 s). A long run, e.g. an hour each:
#   tools/fuzz/run.sh 3600 3600
# FUZZ_RUNS=N instead stops each target after N executions (the time is then an upper bound).
# Exits non-zero if any target crashes; the crashing input is kept in build-fuzz/artifacts/.
set -euo pipefail
frame_seconds=${1:-60}
message_seconds=${2:-15}
root=$(cd "$(dirname "$0")/../.." && pwd)
build="$root/build-fuzz"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBTCNET_FUZZ=ON -DBTCNET_BENCH=OFF >/dev/null
cmake --build "$build" --target fuzz_all
/usr/bin/python3 "$root/tools/fuzz/make_seeds.py" "$root/tests/net/wire/test_vectors.cpp" \
  "$build/corpus"
cp -r "$root/tools/fuzz/seeds/." "$build/corpus/"  # hand-written files for the loaders
mkdir -p "$build/artifacts"

run_target() {  # <target> <seconds>
  local target=$1 seconds=$2 corpus="$build/corpus/${1#fuzz_}" extra=() start=$SECONDS
  mkdir -p "$corpus"
  case "$target" in fuzz_msg_* | fuzz_frame_decoder) ;; *) extra+=(-dict="$dict") ;; esac
  [ -n "${FUZZ_RUNS:-}" ] && extra+=(-runs="$FUZZ_RUNS")
  if "$build/bin/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 \
      -artifact_prefix="$build/artifacts/$target-" -print_final_stats=1 "${extra[@]}" "$corpus" \
      >"$build/artifacts/$target.log" 2>&1; then
    echo "fuzz: $target ok ($(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' \
      "$build/artifacts/$target.log" | grep -o '[0-9]*$') runs in $((SECONDS - start))s)"
  else
    echo "fuzz: $target FAILED — see $build/artifacts/$target.log"; tail -30 "$build/artifacts/$target.log"
    return 1
  fi
}
export -f run_target
dict="$root/tools/fuzz/formats.dict"
export build dict

targets=$(cd "$build/bin" && ls fuzz_* | grep -vx fuzz_frame_decoder)
status=0
run_target fuzz_frame_decoder "$frame_seconds" || status=1
printf '%s\n' $targets | xargs -P "$(nproc)" -I{} bash -c "run_target {} $message_seconds" || status=1
exit $status
