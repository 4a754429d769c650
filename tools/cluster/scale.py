#!/usr/bin/python3
"""How clusters scale on this machine: for each size, start a ring, wait until every connection
stands (both ends list each other and have had a pong), and report the time to converge and the
memory of each btcnetd (RSS from /proc). One JSON object per size on stdout.
    tools/cluster/scale.py [--sizes 10,50,100] [--topology ring]"""
import argparse
import json
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from btcnet_cluster import Cluster  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--sizes", default="10,50,100")
parser.add_argument("--topology", default="ring")
a = parser.parse_args()
for size in [int(s) for s in a.sizes.split(",")]:
    with tempfile.TemporaryDirectory() as d:
        t0 = time.monotonic()
        c = Cluster(size, a.topology, directory=d, start=False)
        try:
            c.start_nodes()
            t_started = time.monotonic()
            c.connect_topology()
            c.wait_for_topology(timeout=max(120, 4 * size))
            t_converged = time.monotonic()
            time.sleep(2)  # let the nodes settle before reading memory
            rss = [n.rss_kib() for n in c.nodes]
            print(json.dumps({"nodes": size, "topology": a.topology, "connections": len(c.edges),
                              "start_s": round(t_started - t0, 2),
                              "converge_s": round(t_converged - t_started, 2),
                              "total_s": round(t_converged - t0, 2),
                              "rss_kib_mean": round(sum(rss) / len(rss)),
                              "rss_kib_max": max(rss),
                              "rss_mib_total": round(sum(rss) / 1024, 1)}), flush=True)
        finally:
            c.down()
