#!/usr/bin/env bash
# Instructions per message of bench_instrumentation's fixed-work benchmarks, counted by callgrind:
# repeatable where wall-clock time is not (a shared 2-core machine). Each benchmark runs exactly
# 100 iterations of 1000 messages; its inclusive count divided by 100,000 is the figure.
#   tools/bench/instructions_per_message.sh [build-dir]
set -euo pipefail
build=${1:-build}
bench="$build/bin/bench_instrumentation"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for name in PeerPingPong ActorMessages; do
  for mode in 0 1 2 3; do
    valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$bench" \
      --benchmark_filter="BM_$name/$mode/iterations:100" >/dev/null 2>&1
    callgrind_annotate --inclusive=yes "$out/cg" >"$out/annotated" 2>/dev/null
    ir=$(grep -m1 "BM_$name(benchmark::State" "$out/annotated" | awk '{gsub(",", "", $1); print $1}')
    echo "BM_$name/$mode $((ir / 100000)) instructions per message"
  done
done
