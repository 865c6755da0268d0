"""The groups of a network: Louvain communities, each actor's role, and a seeded layout (pure,
no database).
"""

from __future__ import annotations

import math
import random
import threading
from contextlib import contextmanager
from dataclasses import dataclass

import igraph as ig

from casetrack.links.analysis import DEFAULT_SEED, Network, cut_point_pieces, measure


@dataclass
class Roles:
    """Communities, brokers between them, k-core and cut points of a network."""

    community: list[int]
    core: list[int]
    cut_points: set[int]
    #: For each actor, the other communities its ties reach.
    reaches: list[set[int]]
    betweenness: list[float]
    degree: list[int]
    sampled: int | None
    communities: list[list[int]]


_RNG_LOCK = threading.Lock()


@contextmanager
def _seeded(seed: int):
    """Run igraph with a generator of its own, seeded, so that it answers the same each time.

    igraph draws from one process-wide generator: the lock keeps two requests from sharing it.
    """
    with _RNG_LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)


def communities(
    network: Network, *, seed: int = DEFAULT_SEED, keep: list[bool] | None = None
) -> list[list[int]]:
    """Return Louvain communities (igraph's multilevel method, seeded), largest first.

    ``keep`` leaves actors out (each one is then in no community).
    """
    if not len(network):
        return []
    graph, present = network.alive_graph(keep or [True] * len(network))
    if not graph.vcount():
        return []
    with _seeded(seed):
        found = graph.community_multilevel(weights="weight")
    groups = [sorted(present[v] for v in members) for members in found]
    return sorted(groups, key=lambda c: (-len(c), c[0]))


def roles(network: Network, *, seed: int = DEFAULT_SEED) -> Roles:
    """Find communities (Louvain, seeded), brokers, the k-core and cut points."""
    n = len(network)
    found = communities(network, seed=seed)
    community = [0] * n
    for number, members in enumerate(found):
        for i in members:
            community[i] = number
    core = network.igraph().coreness() if n else []
    measured = measure(network)
    pieces = cut_point_pieces(network, [True] * n)
    reaches = [{community[w] for w in network.adj[i]} - {community[i]} for i in range(n)]
    return Roles(
        community=community,
        core=list(core),
        cut_points=set(pieces),
        reaches=reaches,
        betweenness=measured.betweenness,
        degree=[len(network.adj[i]) for i in range(n)],
        sampled=measured.sampled,
        communities=found,
    )


_GOLDEN = math.pi * (3 - math.sqrt(5))


def layout(network: Network, communities: list[list[int]]) -> list[tuple[float, float]]:
    """Place each community on a disc of its own, the discs on a spiral (linear time).

    Positions are computed once on the server so that a browser draws thousands of nodes
    without running a force layout; a member's place within its disc follows its degree
    (the best connected in the middle). Nodes in no community sit among their neighbours.
    """
    n = len(network)
    position: list[tuple[float, float] | None] = [None] * n
    laid = 0
    for number, members in enumerate(communities):
        # Disc centres on a sunflower spiral: the area out to a centre grows with the
        # members laid before it, so that the discs (largest first) do not overlap much.
        distance = 1.9 * math.sqrt(laid + len(members) / 2) if number else 0.0
        angle = number * _GOLDEN
        cx, cy = distance * math.cos(angle), distance * math.sin(angle)
        laid += len(members)
        ordered = sorted(members, key=lambda i: (-len(network.adj[i]), network.labels[i]))
        for rank, i in enumerate(ordered):
            r = math.sqrt(rank + 0.5) * 0.9
            position[i] = (cx + r * math.cos(rank * _GOLDEN), cy + r * math.sin(rank * _GOLDEN))
    for i in range(n):
        if position[i] is None:
            placed = [position[w] for w in network.adj[i] if position[w] is not None]
            if placed:
                x = sum(p[0] for p in placed) / len(placed)
                y = sum(p[1] for p in placed) / len(placed)
                position[i] = (x + 0.3 * math.cos(i), y + 0.3 * math.sin(i))
            else:
                edge = 2 * math.sqrt(laid + 1)
                position[i] = (edge + i % 10, float(i // 10))
    return [(round(x, 3), round(y, 3)) for x, y in position]  # type: ignore[misc]
