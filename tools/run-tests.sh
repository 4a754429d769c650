#!/usr/bin/env bash
# README command 2: install what is missing, build with ASan+UBSan and run the whole test suite
# (ctest prints its summary); build the actor and integration tests with ThreadSanitizer and run
# them; then run every fuzz target for a bounded time.
#   tools/run-tests.sh [--no-fuzz] [--no-tsan] [--tsan]
# --no-tsan skips the ThreadSanitizer stage; --tsan runs the whole suite under ThreadSanitizer
# instead of ASan+UBSan.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
fuzz=1
tsan_stage=1
sanitize=address
build_dir="$root/build-asan"
for arg in "$@"; do
  case "$arg" in
    --no-fuzz) fuzz=0 ;;
    --no-tsan) tsan_stage=0 ;;
    --tsan) sanitize=thread; build_dir="$root/build-tsan"; tsan_stage=0 ;;
    *) echo "run-tests.sh: unknown option '$arg'" >&2; exit 2 ;;
  esac
done

"$root/tools/setup.sh" --build-dir "$build_dir" --type RelWithDebInfo --sanitize "$sanitize"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# suppress_equal_addresses=0: the suppressed hand-offs through CAF are many (one per message) and
# TSan compared each with every address seen before: a 10,000-message flood took minutes.
# history_size=7: with the default, the CAF worker's side of a hand-off was sometimes "failed to
# restore the stack", so no CAF frame matched the suppressions and the run failed at random.
export TSAN_OPTIONS="halt_on_error=1 history_size=7 suppress_equal_addresses=0 suppressions=$root/tools/sanitizers/tsan.supp"
status=0
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)" || status=1

if [ "$tsan_stage" -eq 1 ]; then
  echo "run-tests.sh: the actor and integration tests under ThreadSanitizer"
  "$root/tools/setup.sh" --build-dir "$root/build-tsan" --type RelWithDebInfo --sanitize thread \
    --target tests_actors --target tests_integration
  ctest --test-dir "$root/build-tsan" --output-on-failure -j "$(nproc)" -L 'actors|integration' \
    || status=1
fi

if [ "$fuzz" -eq 1 ]; then
  "$root/tools/fuzz/run.sh" || status=1
fi
[ "$status" -eq 0 ] && echo "run-tests.sh: all passed" || echo "run-tests.sh: FAILURES above" >&2
exit $status
