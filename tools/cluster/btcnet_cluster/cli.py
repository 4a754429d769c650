"""btcnet-cluster: the command line over btcnet_cluster.Cluster. Every subcommand takes --dir D
(the cluster's directory, ./btcnet-cluster by default); `up` creates or resumes a cluster there.
Exit code 1 with a message on any failure."""

import argparse
import json
import os
import sys
import time

from .cluster import Cluster, ClusterError
from .node import NodeError
from .rpc import RPCError, RPCUnavailable
from .topology import parse_groups


def progress(text):
    if sys.stderr.isatty():
        sys.stderr.write("\r\x1b[K" + text)
        sys.stderr.flush()
    else:
        print(text, file=sys.stderr)


def end_progress():
    if sys.stderr.isatty():
        sys.stderr.write("\n")


def parse_value(text):
    """bitcoin-cli's rule: JSON when it parses, a string otherwise."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def table(rows):
    columns = ["name", "pid", "p2p", "rpc", "peers_in", "peers_out", "addresses", "uptime"]
    lines = [columns] + [[str(r.get(c, "-") if r.get(c) is not None else "-") for c in columns]
                         for r in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(columns))]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(line, widths)) for line in lines)


def node_index(cluster, text):
    name = text[4:] if text.startswith("node") else text
    try:
        return cluster.node(int(name)).index
    except ValueError:
        raise ClusterError(f"no node {text!r} (use its number or nodeN)") from None


def cmd_up(a):
    if os.path.exists(os.path.join(a.dir, "cluster.json")):
        c = Cluster.load(a.dir, a.binary, progress)
        print(f"resuming the cluster in {a.dir}", file=sys.stderr)
    else:
        spec = {}
        if a.spec:
            with open(a.spec) as f:
                spec = json.load(f)
        topology = spec.get("topology", a.topology)
        if isinstance(topology, str) and topology.startswith("["):
            topology = json.loads(topology)
        spec.update({k: v for k, v in {"nodes": a.nodes, "topology": topology,
                                       "network": a.network, "base_port": a.base_port,
                                       "seed": a.seed}.items()
                     if v is not None and k not in spec})
        if a.distinct_ips:
            spec["distinct_ips"] = True
        if a.arg:
            spec["args"] = spec.get("args", []) + a.arg
        c = Cluster(spec=spec, directory=a.dir, binary=a.binary, start=False, progress=progress)
    started = time.monotonic()
    c.up(timeout=a.timeout)
    end_progress()
    print(f"{len(c.nodes)} nodes up, {len(c.edges) - len(c.cut)} connections established in "
          f"{time.monotonic() - started:.1f} s", file=sys.stderr)
    print(table(c.status()))


def cmd_status(a):
    c = Cluster.load(a.dir, a.binary)
    rows = c.status()
    if a.json:
        print(json.dumps({"directory": c.directory, "topology": c.topology,
                          "edges": [list(e) for e in c.edges], "cut": [list(e) for e in c.cut],
                          "nodes": rows}, indent=2))
    else:
        print(table(rows))


def cmd_exec(a):
    c = Cluster.load(a.dir, a.binary)
    result = c.node(node_index(c, a.node)).rpc.call(a.method, *[parse_value(x) for x in a.args])
    print(result if isinstance(result, str) else json.dumps(result, indent=2))


def cmd_pair(a):
    c = Cluster.load(a.dir, a.binary)
    x, y = node_index(c, a.a), node_index(c, a.b)
    (c.connect if a.command == "connect" else c.disconnect)(x, y)


def cmd_partition(a):
    c = Cluster.load(a.dir, a.binary)
    c.partition(parse_groups(a.groups, len(c.nodes)))


def cmd_heal(a):
    Cluster.load(a.dir, a.binary).heal()


def cmd_node(a):
    c = Cluster.load(a.dir, a.binary)
    i = node_index(c, a.node)
    {"kill": c.kill, "stop": c.stop_node, "start": c.start_node, "restart": c.restart}[a.command](i)


def cmd_logs(a):
    c = Cluster.load(a.dir, a.binary)
    print(c.node(node_index(c, a.node)).tail(a.lines), end="")


def cmd_inspect(a):
    c = Cluster.load(a.dir, a.binary)
    n = c.node(node_index(c, a.node))
    inspector = os.path.join(os.path.dirname(c.binary), "btcnet-inspect")
    if not os.access(inspector, os.X_OK):
        raise ClusterError(f"btcnet-inspect not found next to btcnetd ({inspector})")
    flag = {"regtest": "--regtest", "testnet3": "--testnet", "testnet4": "--testnet4",
            "signet": "--signet", "simnet": "--simnet"}.get(n.network)
    os.execv(inspector, [inspector] + ([flag] if flag else []) + [f"--datadir={n.directory}"]
             + a.args)


def cmd_down(a):
    c = Cluster.load(a.dir, a.binary)
    c.down()
    if a.purge:
        import shutil
        shutil.rmtree(c.directory)
        print(f"stopped and removed {c.directory}", file=sys.stderr)
    else:
        print(f"stopped {len(c.nodes)} nodes; data kept in {c.directory}", file=sys.stderr)


def parser():
    p = argparse.ArgumentParser(prog="btcnet-cluster",
                                description="Script clusters of btcnetd nodes on this machine.")
    sub = p.add_subparsers(dest="command", required=True)

    def add(name, fn, text):
        s = sub.add_parser(name, help=text, description=text)
        s.add_argument("--dir", default="btcnet-cluster", help="the cluster's directory")
        s.add_argument("--binary", help="btcnetd to run (default: build/bin/btcnetd or $BTCNETD)")
        s.set_defaults(fn=fn)
        return s

    up = add("up", cmd_up, "start (or resume) a cluster and connect its topology")
    up.add_argument("--nodes", type=int, help="how many nodes (default 3)")
    up.add_argument("--topology", help="line, ring, star, mesh, random:k or [[a,b],...]")
    up.add_argument("--spec", help="a JSON file: nodes, topology, network, args, node_args, "
                                   "base_port, distinct_ips, seed")
    up.add_argument("--network", help="regtest (default), simnet, testnet3, testnet4, signet")
    up.add_argument("--base-port", type=int, help="ports from here (default: free ones)")
    up.add_argument("--distinct-ips", action="store_true",
                    help="node i listens on 127.0.0.(i+2) instead of 127.0.0.1")
    up.add_argument("--seed", type=int, help="for random:k topologies")
    up.add_argument("--arg", action="append", default=[], help="an extra btcnetd flag for all")
    up.add_argument("--timeout", type=float, help="seconds to wait for the topology")
    st = add("status", cmd_status, "show every node: pid, ports, peers, addresses, uptime")
    st.add_argument("--json", action="store_true")
    ex = add("exec", cmd_exec, "call an RPC method on a node")
    ex.add_argument("node")
    ex.add_argument("method")
    ex.add_argument("args", nargs="*")
    for name, text in (("connect", "connect node a to node b and wait"),
                       ("disconnect", "disconnect two nodes and keep them apart")):
        s = add(name, cmd_pair, text)
        s.add_argument("a")
        s.add_argument("b")
    pa = add("partition", cmd_partition, 'cut the cluster into groups, e.g. "0,1,2|3,4"')
    pa.add_argument("groups")
    add("heal", cmd_heal, "restore what partition cut")
    for name, text in (("kill", "SIGKILL a node"), ("stop", "stop a node gracefully"),
                       ("start", "start a stopped node and reconnect it"),
                       ("restart", "stop and start a node")):
        add(name, cmd_node, text).add_argument("node")
    lg = add("logs", cmd_logs, "print the end of a node's log")
    lg.add_argument("node")
    lg.add_argument("--lines", type=int, default=50)
    ins = add("inspect", cmd_inspect, "open btcnet-inspect on a node")
    ins.add_argument("node")
    ins.add_argument("args", nargs=argparse.REMAINDER, help="more btcnet-inspect arguments")
    dn = add("down", cmd_down, "stop every node (data is kept unless --purge)")
    dn.add_argument("--purge", action="store_true", help="also delete the cluster's directory")
    return p


def main(argv=None):
    a = parser().parse_args(argv)
    if a.command == "up" and a.nodes is None and not a.spec and not os.path.exists(
            os.path.join(a.dir, "cluster.json")):
        a.nodes = 3
    if a.command == "up" and a.topology is None:
        a.topology = "line"
    a.dir = os.path.abspath(a.dir)
    try:
        a.fn(a)
    except (ClusterError, NodeError, RPCError, RPCUnavailable, ValueError, OSError) as e:
        end_progress()
        print(f"btcnet-cluster: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        end_progress()
        print("btcnet-cluster: interrupted (nodes that started keep running; 'down' stops them)",
              file=sys.stderr)
        return 130
    return 0
