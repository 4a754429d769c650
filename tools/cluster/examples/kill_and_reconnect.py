#!/usr/bin/python3
"""Kill the middle of a line and watch its neighbour retry with btcd's back-off (5 s, 10 s, ...),
then restart it and see the line close again.
    tools/cluster/examples/kill_and_reconnect.py"""
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from btcnet_cluster import Cluster  # noqa: E402


def retries(node, target):
    state = node.rpc.listactors("conn_manager", True)[0]["state"]
    return [r for r in state["requests"] if r["target"] == target]


with tempfile.TemporaryDirectory() as d, Cluster(3, "line", directory=d) as c:
    first, middle = c.node(0), c.node(1)
    print("line up; killing node1 (SIGKILL)")
    c.kill(1)
    for _ in range(8):
        time.sleep(2.5)
        for r in retries(first, middle.p2p):
            print(f"  node0 -> node1: {r['state']}, retry {r['retry_count']}")
    print("restarting node1")
    c.start_node(1)
    started = time.monotonic()
    c.wait_until(lambda: c.linked(0, 1) and c.linked(1, 2), 120, "the line to close")
    print(f"line closed again {time.monotonic() - started:.1f} s after the restart")
