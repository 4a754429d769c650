#!/usr/bin/env bash
# The inbound-flood check of issue #9, on loopback: a Release btcnetd holding established peers
# takes a flood of connection attempts from many 127.x.y.z sources; meanwhile its RPC is timed
# every half second. Prints the flood's counts, the RPC latencies and whether the held peers
# survived.
#   tools/load/connflood_check.sh [rate=10000] [seconds=10] [held=100]
set -euo pipefail
rate=${1:-10000}
seconds=${2:-10}
held=${3:-100}
root=$(cd "$(dirname "$0")/../.." && pwd)
bin="$root/build/bin"
dir=$(mktemp -d)
port=28544
rpc=28545
trap 'kill $node_pid $hold_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT

"$bin/btcnetd" --regtest --datadir "$dir" --listen=127.0.0.1:$port --rpclisten=127.0.0.1:$rpc \
  --maxpeers=$((held + 200)) --debuglevel=warn >"$dir/node.log" 2>&1 &
node_pid=$!
cli=("$bin/btcnet-cli" --regtest --datadir "$dir")  # finds the RPC address and cookie there
for _ in $(seq 100); do "${cli[@]}" getconnectioncount >/dev/null 2>&1 && break; sleep 0.1; done

"$bin/btcnet-load" hold --quiet --target 127.0.0.1:$port --peers "$held" \
  --seconds $((seconds + 20)) --ping-interval 2 >"$dir/hold.json" &
hold_pid=$!
sleep 5
echo "held before the flood: $("${cli[@]}" getconnectioncount)"

"$bin/btcnet-load" connflood --quiet --target 127.0.0.1:$port --rate "$rate" \
  --seconds "$seconds" --pid $node_pid >"$dir/flood.json" &
flood_pid=$!
worst=0
samples=0
while kill -0 $flood_pid 2>/dev/null; do
  start=$(date +%s%N)
  "${cli[@]}" getconnectioncount >/dev/null
  ms=$((($(date +%s%N) - start) / 1000000))
  samples=$((samples + 1))
  [ $ms -gt $worst ] && worst=$ms
  sleep 0.5
done
wait $flood_pid || true
echo "flood: $(tr -d '\n ' <"$dir/flood.json")"
echo "RPC during the flood: $samples calls, slowest ${worst} ms"
echo "held after the flood: $("${cli[@]}" getconnectioncount)"
wait $hold_pid || true
echo "hold: $(tr -d '\n ' <"$dir/hold.json" | head -c 600)"
