"""Scripted local clusters of btcnetd nodes (standard library only): see cluster.Cluster, and
fake_peer.FakePeer for a peer that speaks the wire protocol from Python."""

from .cluster import Cluster, ClusterError, default_binary, wait_until
from .fake_peer import FakePeer
from .node import Node, NodeError
from .rpc import RPCError, RPCProxy, RPCUnavailable
from .topology import edges, parse_groups

__all__ = ["Cluster", "ClusterError", "FakePeer", "Node", "NodeError", "RPCError", "RPCProxy",
           "RPCUnavailable", "default_binary", "edges", "parse_groups", "wait_until"]
