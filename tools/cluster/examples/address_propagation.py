#!/usr/bin/python3
"""An address announced to one end of a line reaches every node: a fake peer sends node0 a fresh,
routable address and each node relays it on (Bitcoin Core's RelayAddress: two peers, on a
Poisson timer of 30 s on average per hop, so allow a few minutes).

Routable addresses must never reach the real network: the script re-runs itself inside a private
network namespace (unshare -n, as root) where nothing but loopback exists.
    tools/cluster/examples/address_propagation.py [--nodes N]"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from btcnet_cluster import Cluster, FakePeer, wire  # noqa: E402

if os.environ.get("BTCNET_IN_PRIVATE_NETNS") != "1":
    env = dict(os.environ, BTCNET_IN_PRIVATE_NETNS="1")
    sys.exit(subprocess.call(["unshare", "-n", "--", "sh", "-c",
                              'ip link set lo up && exec "$0" "$@"', sys.executable,
                              os.path.abspath(__file__), *sys.argv[1:]], env=env))

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--nodes", type=int, default=5)
n = parser.parse_args().nodes
announced = ("11.22.33.44", 18444)
with tempfile.TemporaryDirectory() as d, Cluster(n, "line", directory=d) as c:
    head = c.node(0)
    with FakePeer(head.ip, head.p2p_port) as peer:
        peer.handshake()
        peer.send("addr", wire.addr([(*announced, wire.NODE_NETWORK, int(time.time()))]))
        started = time.monotonic()
        reached = {}

        def knows(node):
            return any((a["address"], a["port"]) == announced
                       for a in node.rpc.getnodeaddresses(0))

        while len(reached) < n and time.monotonic() - started < 600:
            for node in c.nodes:
                if node.index not in reached and knows(node):
                    reached[node.index] = time.monotonic() - started
                    print(f"  {node.name} learned it after {reached[node.index]:.1f} s")
            time.sleep(0.5)
    print(f"{len(reached)}/{n} nodes know {announced[0]}:{announced[1]}")
    sys.exit(0 if len(reached) == n else 1)
