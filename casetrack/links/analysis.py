"""Measures on a network of actors, and what removing actors does to it (pure, no database).

The network is undirected: two actors are tied when the records put them together (one
case, one asset, money between them). ``Network`` keeps integer node indexes with adjacency
sets; the shortest-path work (betweenness, efficiency), the groups, the k-core and the
Louvain communities run in igraph's C core, so that a network of 5,000 actors and 20,000
ties is measured in a fraction of a second (``bench/graph_bench.py``) instead of seconds
of per-node Python.

Where one exact measurement would cost more than ``EXACT_WORK`` (or the network has more
than ``EXACT_LIMIT`` actors), betweenness and efficiency are *estimated* from the shortest
paths out of a seeded sample of actors (Brandes' algorithm from sampled sources, as
networkx's ``k=`` does); the result says so (``sampled``).
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field

import igraph as ig
import networkx as nx

#: Up to this many actors, betweenness and efficiency are computed exactly…
EXACT_LIMIT = 1000
#: …when one measurement costs at most this many steps of the shortest-path search
#: (actors × (actors + 2 × ties), about 0.1 s in igraph on this machine); past it, sampled.
EXACT_WORK = 4_000_000
#: Sources sampled for the estimate of a large network's measures, once (roles, rankings).
SAMPLE_SOURCES = 64
#: The seed of every sample and of the random baseline unless the caller gives one.
DEFAULT_SEED = 7


@dataclass
class Network:
    """Actors as integer indexes with their adjacency sets and descriptive attributes."""

    ids: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    adj: list[set[int]] = field(default_factory=list)
    #: Ties' weights by ordered index pair (a < b): how many contexts join the two.
    weights: dict[tuple[int, int], int] = field(default_factory=dict)
    index: dict[str, int] = field(default_factory=dict)

    def add_node(self, node_id: str, kind: str, label: str) -> int:
        """Add an actor once and return its index."""
        if node_id in self.index:
            return self.index[node_id]
        self.index[node_id] = len(self.ids)
        self.ids.append(node_id)
        self.kinds.append(kind)
        self.labels.append(label)
        self.adj.append(set())
        return self.index[node_id]

    def add_tie(self, a: int, b: int, weight: int = 1) -> None:
        """Tie two actors, adding ``weight`` to the tie if it exists."""
        if a == b:
            return
        self._graph = None
        key = (a, b) if a < b else (b, a)
        self.weights[key] = self.weights.get(key, 0) + weight
        self.adj[a].add(b)
        self.adj[b].add(a)

    def __len__(self) -> int:
        return len(self.ids)

    _graph: ig.Graph | None = None

    def igraph(self) -> ig.Graph:
        """Return the network as an igraph graph on the same indexes, made once."""
        if self._graph is None or self._graph.vcount() != len(self.ids):
            self._graph = ig.Graph(
                n=len(self.ids),
                edges=list(self.weights),
                edge_attrs={"weight": list(self.weights.values())},
            )
        return self._graph

    def alive_graph(self, alive: list[bool]) -> tuple[ig.Graph, list[int]]:
        """Return the actors still present as an igraph graph, and each vertex's index."""
        present = [i for i, here in enumerate(alive) if here]
        graph = self.igraph()
        if len(present) == len(self.ids):
            return graph, present
        # igraph keeps the vertices in increasing order: vertex v is actor present[v].
        return graph.induced_subgraph(present), present

    @property
    def tie_count(self) -> int:
        return len(self.weights)

    def to_networkx(self) -> nx.Graph:
        """Return the network as a networkx graph on the string ids, with tie weights."""
        graph = nx.Graph()
        for i, node_id in enumerate(self.ids):
            graph.add_node(node_id, kind=self.kinds[i], label=self.labels[i])
        for (a, b), weight in self.weights.items():
            graph.add_edge(self.ids[a], self.ids[b], weight=weight)
        return graph


@dataclass
class Snapshot:
    """The state of a network at one step: largest group's share, groups, efficiency."""

    largest_share: float
    groups: int
    efficiency: float

    def as_dict(self) -> dict:
        return {
            "largest_share": round(self.largest_share, 4),
            "groups": self.groups,
            "efficiency": round(self.efficiency, 4),
        }


@dataclass
class Measures:
    """Betweenness (normalised 0–1) and the snapshot of one state of the network."""

    betweenness: list[float]
    snapshot: Snapshot
    sampled: int | None  #: sources sampled, or None when exact


def measure(
    network: Network,
    alive: list[bool] | None = None,
    *,
    sample: int = SAMPLE_SOURCES,
    rng: random.Random | None = None,
    original_size: int | None = None,
    with_betweenness: bool = True,
    exact_work: int = EXACT_WORK,
) -> Measures:
    """Measure the network (or what is left of it): betweenness, groups, efficiency.

    Shares and efficiency are relative to ``original_size`` actors (the starting network),
    so that they fall as actors are removed.
    """
    n = len(network)
    alive = alive if alive is not None else [True] * n
    total = original_size or n
    graph, present = network.alive_graph(alive)
    m = len(present)
    if not m or total == 0:
        return Measures([0.0] * n, Snapshot(0.0, 0, 0.0), None)
    sizes = graph.connected_components().sizes()
    if m <= EXACT_LIMIT and m * (m + 2 * graph.ecount()) <= exact_work:
        sources, sampled = None, None
    else:
        rng = rng or random.Random(DEFAULT_SEED)
        sources = sorted(rng.sample(range(m), min(sample, m)))
        sampled = len(sources)
    scale = m / (sampled or m)
    betweenness = [0.0] * n
    if with_betweenness and m > 2:
        # igraph counts each pair once; from sampled sources, each source's paths to all.
        raw = graph.betweenness(directed=False, sources=sources)
        factor = 2.0 * scale / ((m - 1) * (m - 2))
        for vertex, value in enumerate(raw):
            betweenness[present[vertex]] = value * factor
    inverse = sum(graph.harmonic_centrality(vertices=sources, normalized=False))
    efficiency = inverse * scale / (total * (total - 1)) if total > 1 else 0.0
    return Measures(
        betweenness,
        Snapshot(max(sizes) / total, len(sizes), efficiency),
        sampled,
    )


def cut_point_pieces(network: Network, alive: list[bool]) -> dict[int, int]:
    """Return, for each cut point, the size of the largest piece left when it is removed.

    From the biconnected blocks and cut points (igraph) as a block–cut tree: removing a cut
    point leaves each subtree below it as a piece of its own, and the rest of its group
    (above it) as one more.
    """
    graph, present = network.alive_graph(alive)
    if graph.vcount() < 3:
        return {}
    cover, cuts = graph.biconnected_components(return_articulation_points=True)
    if not cuts:
        return {}
    is_cut = set(cuts)
    blocks = list(cover)
    group = graph.connected_components()
    group_size = group.sizes()
    membership = group.membership
    blocks_of_cut: dict[int, list[int]] = defaultdict(list)
    cuts_of_block: list[list[int]] = []
    plain: list[int] = []
    for number, block in enumerate(blocks):
        mine = [v for v in block if v in is_cut]
        for v in mine:
            blocks_of_cut[v].append(number)
        cuts_of_block.append(mine)
        plain.append(len(block) - len(mine))
    # Walk the block–cut tree from a block of each group; note each cut point's parent.
    parent: dict[int, int] = {}
    seen = [False] * len(blocks)
    order: list[tuple[bool, int]] = []
    for root in range(len(blocks)):
        if seen[root]:
            continue
        seen[root] = True
        stack = [(True, root)]
        while stack:
            is_block, x = stack.pop()
            order.append((is_block, x))
            if is_block:
                for c in cuts_of_block[x]:
                    if c not in parent:
                        parent[c] = x
                        stack.append((False, c))
            else:
                for j in blocks_of_cut[x]:
                    if not seen[j]:
                        seen[j] = True
                        stack.append((True, j))
    below_block = [0] * len(blocks)
    below_cut: dict[int, int] = {}
    for is_block, x in reversed(order):
        if is_block:
            below_block[x] = plain[x] + sum(
                below_cut[c] for c in cuts_of_block[x] if parent.get(c) == x
            )
        else:
            below_cut[x] = 1 + sum(below_block[j] for j in blocks_of_cut[x] if j != parent[x])
    pieces: dict[int, int] = {}
    for c in is_cut:
        sizes = [below_block[j] for j in blocks_of_cut[c] if j != parent[c]]
        rest = group_size[membership[c]] - below_cut[c]
        pieces[present[c]] = max([*sizes, rest])
    return pieces
