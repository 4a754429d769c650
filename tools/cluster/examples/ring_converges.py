#!/usr/bin/python3
"""A ring of five nodes: start it, wait until every connection stands, print what each node sees.
    tools/cluster/examples/ring_converges.py [--nodes N]"""
import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from btcnet_cluster import Cluster  # noqa: E402

args = argparse.ArgumentParser(description=__doc__).parse_known_args()[0]
with tempfile.TemporaryDirectory() as d:
    started = time.monotonic()
    with Cluster(5, "ring", directory=d) as c:
        print(f"ring of {len(c.nodes)} converged in {time.monotonic() - started:.1f} s")
        for row in c.status():
            print(f"  {row['name']}: {row['peers_in']} in, {row['peers_out']} out, "
                  f"{row['rss_kib']} KiB")
