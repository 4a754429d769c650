#!/usr/bin/python3
"""Cut a ring of six into two halves, check that nothing crosses the cut, then heal it.
    tools/cluster/examples/partition_and_heal.py"""
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from btcnet_cluster import Cluster  # noqa: E402

with tempfile.TemporaryDirectory() as d, Cluster(6, "ring", directory=d) as c:
    halves = [[0, 1, 2], [3, 4, 5]]
    c.partition(halves)
    crossing = [(a, b) for a in halves[0] for b in halves[1] if c.connected(a, b)]
    print(f"partitioned {halves}: {len(crossing)} connections cross the cut")
    started = time.monotonic()
    c.heal()
    print(f"healed in {time.monotonic() - started:.1f} s; every edge stands again")
