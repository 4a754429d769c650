"""Cluster topologies as directed edges (a, b): node a keeps a permanent connection to node b
(`addnode b add`), so a restarted b is reconnected by a, as Bitcoin Core's connect_nodes does."""

import random


def edges(n, topology, seed=0):
    """line, ring, star (node 0 in the middle), mesh, random:k (each node dials k others, a
    spanning line first so that the graph is connected), or an explicit list of [a, b] pairs."""
    if isinstance(topology, list):
        out = [(int(a), int(b)) for a, b in topology]
        for a, b in out:
            if not (0 <= a < n and 0 <= b < n) or a == b:
                raise ValueError(f"bad edge [{a}, {b}] for {n} nodes")
        return _unique(out)
    if topology == "line":
        return [(i, i + 1) for i in range(n - 1)]
    if topology == "ring":
        return [(i, (i + 1) % n) for i in range(n)] if n > 2 else edges(n, "line")
    if topology == "star":
        return [(i, 0) for i in range(1, n)]
    if topology == "mesh":
        return [(a, b) for a in range(n) for b in range(a + 1, n)]
    if isinstance(topology, str) and topology.startswith("random:"):
        try:
            k = int(topology.split(":", 1)[1])
        except ValueError:
            raise ValueError(f"random:k needs a number, not {topology!r}") from None
        rng = random.Random(seed)
        out = edges(n, "line")
        for a in range(n):
            others = [b for b in range(n) if b != a]
            rng.shuffle(others)
            out += [(a, b) for b in others[:max(0, k - 1)]]
        return _unique(out)
    raise ValueError(f"unknown topology {topology!r} (line, ring, star, mesh, random:k, or edges)")


def _unique(pairs):
    """Drops repeats and reverse duplicates: one connection per pair of nodes."""
    seen, out = set(), []
    for a, b in pairs:
        if (a, b) in seen or (b, a) in seen:
            continue
        seen.add((a, b))
        out.append((a, b))
    return out


def parse_groups(text, n):
    """'0,1,2|3,4' -> [[0, 1, 2], [3, 4]]; every node at most once."""
    groups = [[int(x) for x in part.split(",") if x.strip() != ""] for part in text.split("|")]
    flat = [x for g in groups for x in g]
    if len(groups) < 2 or any(not g for g in groups):
        raise ValueError(f"a partition needs two or more groups separated by '|': {text!r}")
    if len(set(flat)) != len(flat) or any(not 0 <= x < n for x in flat):
        raise ValueError(f"nodes must be distinct numbers below {n}: {text!r}")
    return groups
