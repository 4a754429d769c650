"""The cluster API and CLI against real btcnetd processes (ctest runs this inside a private
network namespace: the address-book test gives a node routable-looking addresses). Every node is
on 127.0.0.0/8 and runs --nodnsseed; every process started is stopped by pid at the end.

  BTCNETD=build/bin/btcnetd PYTHONPATH=tools/cluster /usr/bin/python3 -m unittest -v test_cluster
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

from btcnet_cluster import Cluster, FakePeer, wait_until, wire

CLI = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "tools",
                   "cluster", "btcnet-cluster")


class ClusterTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="btcnet-cluster-test-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def assert_no_link_across(self, c, groups):
        for g in groups:
            for h in groups:
                if g is h:
                    continue
                for a in g:
                    for b in h:
                        self.assertFalse(c.connected(a, b), f"node{a} still talks to node{b}")

    def test_without_btcnetd_set_the_default_binary_is_the_projects_release_build(self):
        from btcnet_cluster import cluster
        saved = os.environ.pop("BTCNETD")
        try:
            root = os.path.abspath(os.path.join(os.path.dirname(CLI), "..", ".."))
            self.assertEqual(cluster.default_binary(), os.path.join(root, "build", "bin", "btcnetd"))
        finally:
            os.environ["BTCNETD"] = saved

    def test_ring_of_five_is_established(self):
        with Cluster(5, "ring", directory=self.dir) as c:
            for a, b in c.edges:
                self.assertTrue(c.linked(a, b), f"{a}->{b}")
            for n in c.nodes:
                peers = n.rpc.getpeerinfo()
                self.assertEqual(sorted(p["inbound"] for p in peers), [False, True], n.name)

    def test_partition_keeps_the_halves_apart_and_heal_rejoins_them(self):
        with Cluster(5, "ring", directory=self.dir) as c:
            groups = [[0, 1], [2, 3, 4]]
            c.partition(groups)
            self.assert_no_link_across(c, groups)
            self.assertTrue(c.linked(0, 1) and c.linked(2, 3) and c.linked(3, 4))
            time.sleep(6)  # longer than the retry interval: nothing comes back across the cut
            self.assert_no_link_across(c, groups)
            c.heal()
            for a, b in c.edges:
                self.assertTrue(c.linked(a, b), f"{a}->{b} after heal")

    def test_killed_node_reloads_its_address_book_and_its_permanent_peers_reconnect(self):
        with Cluster(3, "line", directory=self.dir) as c:
            middle = c.node(1)
            for i in range(20):  # routable: this runs in a private network namespace
                self.assertTrue(middle.rpc.addpeeraddress(f"11.{i}.0.1", 18444)["success"])
            self.assertEqual(middle.rpc.getaddrmaninfo()["all_networks"]["total"], 20)
            c.restart(1)  # a graceful stop writes peers.json
            c.kill(1)
            self.assertFalse(middle.is_running())
            wait_until(lambda: not c.connected(0, 1), 20, "node0 to notice node1 is gone")
            c.start_node(1)
            self.assertEqual(middle.rpc.getaddrmaninfo()["all_networks"]["total"], 20)
            # node0 keeps a permanent request for node1 and retries it with back-off; node1's own
            # request for node2 is given back by start_node.
            wait_until(lambda: c.linked(0, 1) and c.linked(1, 2), 60, "the line to reform")

    def test_fake_peer_with_a_33_mb_length_is_dropped_and_the_cluster_is_unaffected(self):
        with Cluster(3, "line", directory=self.dir) as c:
            n = c.node(1)
            with FakePeer(n.ip, n.p2p_port) as bad:
                bad.handshake()
                self.assertTrue(bad.ping())
                bad.send_raw(wire.header(bad.magic, "ping", 33 * 1024 * 1024, b"\0\0\0\0"))
                self.assertTrue(bad.wait_closed(10), "the node kept a peer that declared 33 MB")
                self.assertIn("version", bad.commands())
            with FakePeer(n.ip, n.p2p_port) as good:
                good.handshake()
                self.assertTrue(good.ping())
            for a, b in c.edges:
                self.assertTrue(c.linked(a, b))

    def test_fake_peer_records_what_the_node_sends(self):
        with Cluster(1, "line", directory=self.dir) as c:
            n = c.node(0)
            with FakePeer(n.ip, n.p2p_port) as p:
                p.handshake()
                version = wire.parse_version(p.wait_for("version"))
                self.assertTrue(version["user_agent"].startswith("/btcnet:"))
                self.assertEqual(version["version"], 70016)
                self.assertIsNotNone(p.wait_for("ping"))  # the node pings right after verack
                p.send("getaddr")
                self.assertTrue(p.ping())
                peers = n.rpc.getpeerinfo()
                self.assertEqual([x["subver"] for x in peers], ["/btcnet-cluster-fake:0.1/"])

    def test_the_cli_round_trip(self):
        run = lambda *args: subprocess.run([sys.executable, CLI, *args, "--dir", self.dir],
                                           capture_output=True, text=True, timeout=120)
        up = run("up", "--nodes", "3", "--topology", "line")
        self.assertEqual(up.returncode, 0, up.stderr)
        try:
            st = run("status", "--json")
            self.assertEqual(st.returncode, 0, st.stderr)
            status = json.loads(st.stdout)
            self.assertEqual([n["name"] for n in status["nodes"]], ["node0", "node1", "node2"])
            self.assertEqual([n["peers_in"] + n["peers_out"] for n in status["nodes"]], [1, 2, 1])
            pids = [n["pid"] for n in status["nodes"]]
            ex = run("exec", "node1", "getconnectioncount")
            self.assertEqual(ex.stdout.strip(), "2", ex.stderr)
            again = run("up")  # resumes: nothing to start, the topology stands
            self.assertEqual(again.returncode, 0, again.stderr)
        finally:
            down = run("down")
        self.assertEqual(down.returncode, 0, down.stderr)
        for pid in pids:
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    self.assertNotIn(self.dir.encode(), f.read(), f"pid {pid} still runs")
            except FileNotFoundError:
                pass
        other = os.path.join(self.dir, "other")
        bad = subprocess.run([sys.executable, CLI, "up", "--nodes", "2", "--dir", other,
                              "--binary", "/nonexistent/btcnetd"], capture_output=True, text=True)
        self.assertEqual(bad.returncode, 1)
        self.assertIn("btcnetd not found", bad.stderr)


if __name__ == "__main__":
    unittest.main()
