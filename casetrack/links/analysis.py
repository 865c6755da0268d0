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

import math
import random
import threading
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

import igraph as ig
import networkx as nx

#: Up to this many actors, betweenness and efficiency are computed exactly…
EXACT_LIMIT = 1000
#: …when one measurement costs at most this many steps of the shortest-path search
#: (actors × (actors + 2 × ties), about 0.1 s in igraph on this machine); past it, sampled.
EXACT_WORK = 4_000_000
#: Sources sampled for the estimate of a large network's measures, once (roles, rankings).
SAMPLE_SOURCES = 64
#: At each step of a disruption run the network is measured again: exactly while one
#: measurement costs at most STEP_EXACT_WORK, else from this many sampled sources (at
#: most; fewer on a network so large that one search costs more than STEP_WORK /
#: STEP_SAMPLE_SOURCES, never fewer than STEP_MIN_SOURCES).
STEP_EXACT_WORK = 1_000_000
STEP_SAMPLE_SOURCES = 24
STEP_MIN_SOURCES = 12
STEP_WORK = 600_000
#: The seed of every sample and of the random baseline unless the caller gives one.
DEFAULT_SEED = 7

STRATEGIES = ("betweenness", "degree", "cut_points", "assets", "random")
MAX_STEPS = 50


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


@dataclass
class Step:
    """One removal: who, why chosen, and the network afterwards."""

    removed: int
    score: float
    snapshot: Snapshot


def _asset_order(network: Network, holdings: dict[str, dict[str, Decimal]]) -> list[int]:
    """Order actors by the share of each currency's recorded value they hold, summed."""
    totals: dict[str, Decimal] = {}
    for by_currency in holdings.values():
        for currency, value in by_currency.items():
            totals[currency] = totals.get(currency, Decimal(0)) + value
    scored = []
    for node_id, by_currency in holdings.items():
        if node_id not in network.index:
            continue
        score = sum(
            (value / totals[c] for c, value in by_currency.items() if totals[c] > 0), Decimal(0)
        )
        if score > 0:
            scored.append((float(score), network.index[node_id]))
    scored.sort(key=lambda t: (-t[0], network.labels[t[1]], t[1]))
    return [i for _, i in scored]


def _best(scores: dict[int, float], labels: list[str]) -> tuple[int, float]:
    """Return the highest-scoring actor; equal scores go in alphabetical order, then index."""
    chosen = min(scores, key=lambda i: (-scores[i], labels[i], i))
    return chosen, float(scores[chosen])


def _live_degrees(network: Network, alive: list[bool], present: list[int]) -> dict[int, float]:
    return {i: float(sum(1 for w in network.adj[i] if alive[w])) for i in present}


def simulate(
    network: Network,
    strategy: str,
    steps: int,
    *,
    seed: int = DEFAULT_SEED,
    holdings: dict[str, dict[str, Decimal]] | None = None,
) -> tuple[Snapshot, list[Step], int | None]:
    """Remove actors one at a time by ``strategy``, re-measuring after each removal.

    Return the starting snapshot, the steps, and the number of sampled sources per step
    (None when exact). Betweenness, degree and cut points are recomputed on what is left
    after every removal; asset holders are ranked once (removal does not move money); the
    random baseline draws from a generator seeded with ``seed``.
    """
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown strategy {strategy!r}")
    n = len(network)
    alive = [True] * n
    rng = random.Random(seed)
    sample_rng = random.Random(seed)
    per_search = len(network) + 2 * network.tie_count
    step_sample = max(
        STEP_MIN_SOURCES, min(STEP_SAMPLE_SOURCES, STEP_WORK // max(per_search, 1))
    )
    start = measure(
        network,
        alive,
        sample=step_sample,
        rng=sample_rng,
        with_betweenness=strategy == "betweenness",
        exact_work=STEP_EXACT_WORK,
    )
    current = start
    done: list[Step] = []
    asset_queue = _asset_order(network, holdings or {}) if strategy == "assets" else []
    for _ in range(min(steps, n)):
        present = [i for i in range(n) if alive[i]]
        if not present:
            break
        if strategy == "betweenness":
            chosen, score = _best({i: current.betweenness[i] for i in present}, network.labels)
        elif strategy == "degree":
            chosen, score = _best(_live_degrees(network, alive, present), network.labels)
        elif strategy == "cut_points":
            pieces = cut_point_pieces(network, alive)
            if pieces:
                # The cut point whose removal leaves the smallest largest piece.
                chosen, _ = _best({i: -p for i, p in pieces.items()}, network.labels)
                score = float(pieces[chosen])
            else:
                # No cut point left: the best connected actor is the next target.
                chosen, _ = _best(_live_degrees(network, alive, present), network.labels)
                score = 0.0
        elif strategy == "assets":
            asset_queue = [i for i in asset_queue if alive[i]]
            if not asset_queue:
                break
            chosen, score = asset_queue.pop(0), 0.0
        else:
            chosen, score = rng.choice(present), 0.0
        alive[chosen] = False
        current = measure(
            network,
            alive,
            sample=step_sample,
            rng=sample_rng,
            original_size=n,
            with_betweenness=strategy == "betweenness",
            exact_work=STEP_EXACT_WORK,
        )
        done.append(Step(chosen, score, current.snapshot))
    return start.snapshot, done, start.sampled


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
