"""A cluster of btcnetd processes on one machine, shaped like Bitcoin Core's functional test
framework and btcd's rpctest harness: start and stop nodes, connect them in a topology and wait
until it stands (both sides list each other and have exchanged a pong), cut it into partitions and
heal it, kill and restart nodes. Everything is on 127.0.0.0/8 and every node runs --nodnsseed.

    with Cluster(5, "ring") as c:      # starts the nodes, connects the ring, waits for it
        c.node(0).rpc.getpeerinfo()
        c.partition([[0, 1], [2, 3, 4]])
        c.heal()

The cluster's state (its spec, the nodes' ports and pids, the edges and the cut) lives in
<directory>/cluster.json, so the btcnet-cluster command can pick it up between invocations. The
context manager stops every process it started, by pid, also on exceptions and Ctrl-C.
"""

import json
import os
import time

from . import topology as topo
from .node import Node
from .rpc import RPCError, RPCUnavailable

STATE_FILE = "cluster.json"


class ClusterError(Exception):
    pass


def default_binary():
    if os.environ.get("BTCNETD"):
        return os.environ["BTCNETD"]
    here = os.path.abspath(__file__)  # <root>/tools/cluster/btcnet_cluster/cluster.py
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(here))))
    return os.path.join(root, "build", "bin", "btcnetd")


def wait_until(predicate, timeout=60, description="the condition", interval=0.1):
    """Polls `predicate` until it is true; raises ClusterError naming `description` on timeout."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            if predicate():
                return
        except (RPCError, RPCUnavailable) as e:
            last_error = e
        if time.monotonic() >= deadline:
            extra = f" (last error: {last_error})" if last_error else ""
            raise ClusterError(f"timed out after {timeout} s waiting for {description}{extra}")
        time.sleep(interval)


class Cluster:
    def __init__(self, nodes=None, topology="line", directory=None, network="regtest",
                 binary=None, args=(), node_args=None, base_port=0, distinct_ips=False, seed=0,
                 spec=None, start=True, progress=None):
        spec = dict(spec or {})
        self.size = int(spec.get("nodes", nodes if nodes is not None else 0))
        if self.size < 1:
            raise ClusterError("a cluster needs at least one node")
        self.topology = spec.get("topology", topology)
        self.network = spec.get("network", network)
        self.args = list(spec.get("args", args))
        self.node_args = {int(k): list(v) for k, v in (spec.get("node_args", node_args) or {}).items()}
        self.base_port = int(spec.get("base_port", base_port))
        self.distinct_ips = bool(spec.get("distinct_ips", distinct_ips))
        self.seed = int(spec.get("seed", seed))
        self.directory = os.path.abspath(directory or spec.get("directory") or "btcnet-cluster")
        self.binary = os.path.abspath(binary or spec.get("binary") or default_binary())
        self.edges = topo.edges(self.size, self.topology, self.seed)
        self.cut = []  # edges taken away by a partition, restored by heal()
        self.progress = progress or (lambda text: None)
        self._start_on_enter = start
        self._started_here = set()
        self.nodes = [self._make_node(i) for i in range(self.size)]

    # ---- state on disk ----

    @classmethod
    def load(cls, directory, binary=None, progress=None):
        path = os.path.join(os.path.abspath(directory), STATE_FILE)
        try:
            with open(path) as f:
                state = json.load(f)
        except OSError as e:
            raise ClusterError(f"no cluster in {directory} ({e.strerror}); create one with 'up'")
        c = cls(spec=state["spec"], directory=directory, binary=binary or state["spec"].get("binary"),
                start=False, progress=progress)
        c.nodes = [Node.from_json(n, c.binary) for n in state["nodes"]]
        c.edges = [tuple(e) for e in state["edges"]]
        c.cut = [tuple(e) for e in state.get("cut", [])]
        return c

    def spec(self):
        return {"nodes": self.size, "topology": self.topology, "network": self.network,
                "args": self.args, "node_args": {str(k): v for k, v in self.node_args.items()},
                "base_port": self.base_port, "distinct_ips": self.distinct_ips,
                "seed": self.seed, "binary": self.binary}

    def save(self):
        os.makedirs(self.directory, exist_ok=True)
        state = {"spec": self.spec(), "nodes": [n.to_json() for n in self.nodes],
                 "edges": [list(e) for e in self.edges], "cut": [list(e) for e in self.cut]}
        tmp = os.path.join(self.directory, STATE_FILE + ".tmp")
        with open(tmp, "w") as f:
            json.dump(state, f, indent=2)
        os.replace(tmp, os.path.join(self.directory, STATE_FILE))

    def _make_node(self, i):
        ip = f"127.0.0.{i + 2}" if self.distinct_ips else "127.0.0.1"
        if self.distinct_ips and i + 2 > 254:
            raise ClusterError("distinct loopback addresses stop at 127.0.0.254 (252 nodes)")
        p2p = rpc = None
        if self.base_port:
            p2p, rpc = self.base_port + 2 * i, self.base_port + 2 * i + 1
        return Node(i, os.path.join(self.directory, f"node{i}"), self.binary, self.network, ip,
                    p2p, rpc, self.args + self.node_args.get(i, []))

    # ---- the context manager ----

    def __enter__(self):
        if self._start_on_enter:
            try:
                self.up()
            except BaseException:
                self.down()
                raise
        return self

    def __exit__(self, *exc):
        self.down()

    # ---- nodes ----

    def node(self, i):
        if not 0 <= i < len(self.nodes):
            raise ClusterError(f"no node {i}: the cluster has {len(self.nodes)}")
        return self.nodes[i]

    def start_node(self, i, wait=True):
        n = self.node(i)
        n.start(wait=wait)
        self._started_here.add(i)
        self.save()
        if wait:
            self._reconnect_from(i)
        return n

    def stop_node(self, i):
        self.node(i).stop()
        self.save()

    def kill(self, i):
        self.node(i).kill()
        self.save()

    def restart(self, i, wait=True):
        self.stop_node(i)
        return self.start_node(i, wait)

    def start_nodes(self, indices=None):
        """Starts several nodes at once, then waits for all of them."""
        indices = list(range(len(self.nodes)) if indices is None else indices)
        for i in indices:
            n = self.nodes[i]
            if not n.is_running():
                n.start(wait=False)
                self._started_here.add(i)
        self.save()
        for done, i in enumerate(indices, 1):
            self.nodes[i].wait_for_rpc()
            self.progress(f"started {done}/{len(indices)} nodes")

    def up(self, timeout=None):
        """Starts every node, connects the topology and waits until it stands."""
        self.save()
        self.start_nodes()
        self.connect_topology()
        self.wait_for_topology(timeout or max(60, 2 * len(self.nodes)))
        return self

    def down(self):
        """Stops every node of the cluster that runs (also ones started by an earlier command)."""
        for n in self.nodes:
            if n.is_running():
                try:
                    n.rpc.stop()
                except (RPCUnavailable, RPCError):
                    pass
        for n in self.nodes:
            n.stop(timeout=20)
        self._started_here.clear()
        if os.path.isdir(self.directory):
            self.save()

    # ---- connections ----

    def connect_topology(self):
        for a, b in self.edges:
            if (a, b) not in self.cut:
                self._add_edge(a, b)

    def _add_edge(self, a, b):
        try:
            self.node(a).rpc.addnode(self.node(b).p2p, "add")
        except RPCError as e:
            if e.code != -23:  # already added
                raise

    def _reconnect_from(self, i):
        """A (re)started node has forgotten its addnode requests: give them back."""
        for a, b in self.edges:
            if a == i and (a, b) not in self.cut and self.node(b).is_running():
                self._add_edge(a, b)

    def connect(self, a, b, timeout=30):
        """Core's connect_nodes: a connects to b; waits until both list each other and each has
        had a pong from the other."""
        if (a, b) not in self.edges and (b, a) not in self.edges:
            self.edges.append((a, b))
        self.save()
        self._add_edge(a, b)
        wait_until(lambda: self.linked(a, b), timeout, f"node{a} and node{b} to connect")

    def disconnect(self, a, b, timeout=30):
        for x, y in ((a, b), (b, a)):
            if (x, y) in self.edges:
                self.edges.remove((x, y))
            self._drop_link(x, y)
        self.save()
        wait_until(lambda: not self.connected(a, b), timeout,
                   f"node{a} and node{b} to disconnect")

    def _drop_link(self, a, b):
        """Removes a's request for b (if any) and closes every connection between them."""
        na, nb = self.node(a), self.node(b)
        try:
            na.rpc.addnode(nb.p2p, "remove")
        except RPCError:
            pass
        for peer in self.peers_between(a, b):
            try:
                na.rpc.disconnectnode("", peer["id"])
            except RPCError:
                pass

    def partition(self, groups, timeout=30):
        """Cuts every edge between the groups (lists of node indices) and waits until no
        connection crosses the cut (Core's split_network, for any number of groups)."""
        side = {i: g for g, members in enumerate(groups) for i in members}
        crossing = [(a, b) for a, b in self.edges
                    if a in side and b in side and side[a] != side[b] and (a, b) not in self.cut]
        self.cut += crossing
        self.save()
        for a, b in crossing:
            self._drop_link(a, b)
            self._drop_link(b, a)
        pairs = [(a, b) for a in side for b in side if a < b and side[a] != side[b]]
        wait_until(lambda: not any(self.connected(a, b) for a, b in pairs), timeout,
                   "the partition to take hold")

    def heal(self, timeout=60):
        """Restores the edges a partition cut and waits until they stand."""
        restored, self.cut = self.cut, []
        self.save()
        for a, b in restored:
            self._add_edge(a, b)
        wait_until(lambda: all(self.linked(a, b) for a, b in restored), timeout,
                   "the cut edges to come back")

    # ---- what the nodes see ----

    def peers_between(self, a, b):
        """a's peer entries for connections to or from b."""
        na, nb = self.node(a), self.node(b)
        # b's own sockets identify the connections b opened to a; a stopped b has none left.
        b_sockets = {p["addrbind"] for p in nb.rpc.getpeerinfo()} if nb.is_running() else set()
        return [p for p in na.rpc.getpeerinfo()
                if p["addr"] == nb.p2p or p["addr"] in b_sockets]

    def connected(self, a, b):
        return bool(self.peers_between(a, b))

    def linked(self, a, b):
        """a has an outbound connection to b, b lists it too, and both have had a pong."""
        na, nb = self.node(a), self.node(b)
        outbound = [p for p in na.rpc.getpeerinfo() if p["addr"] == nb.p2p and not p["inbound"]]
        if not outbound or "pingtime" not in outbound[0]:
            return False
        inbound = [p for p in nb.rpc.getpeerinfo() if p["addr"] == outbound[0]["addrbind"]]
        return bool(inbound) and "pingtime" in inbound[0]

    def wait_for_topology(self, timeout=60):
        live = [(a, b) for a, b in self.edges if (a, b) not in self.cut]

        def established():
            done = sum(1 for a, b in live if self.linked(a, b))
            self.progress(f"{done}/{len(live)} connections established")
            return done == len(live)
        wait_until(established, timeout, f"the {self.topology} topology ({len(live)} connections)",
                   interval=0.25)

    def wait_until(self, predicate, timeout=60, description="the condition"):
        wait_until(predicate, timeout, description)

    def status(self):
        out = []
        for n in self.nodes:
            row = {"name": n.name, "index": n.index, "pid": n.pid if n.is_running() else None,
                   "running": n.is_running(), "p2p": n.p2p, "rpc": n.rpc_address,
                   "datadir": n.directory}
            if row["running"]:
                try:
                    peers = n.rpc.getpeerinfo()
                    book = n.rpc.getaddrmaninfo()["all_networks"]
                    row.update(peers_in=sum(1 for p in peers if p["inbound"]),
                               peers_out=sum(1 for p in peers if not p["inbound"]),
                               addresses=book["total"], uptime=n.rpc.uptime(),
                               rss_kib=n.rss_kib())
                except (RPCError, RPCUnavailable) as e:
                    row["error"] = str(e)
            out.append(row)
        return out

