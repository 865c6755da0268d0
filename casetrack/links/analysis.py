"""Measures on a network of actors, and what removing actors does to it (pure, no database).

The network is undirected: two actors are tied when the records put them together (one
case, one asset, money between them). Every function works on ``Network``: integer node
indexes with adjacency sets, so that the loops stay in plain Python lists and a network of
5,000 actors and 20,000 ties is measured in well under two seconds (``bench/graph_bench.py``).

Where the network is larger than ``EXACT_LIMIT`` actors, betweenness and efficiency are
*estimated* from shortest paths out of a seeded sample of actors (Brandes' algorithm run
from sampled sources, as networkx's ``k=`` does); the result says so (``sampled``).
"""

from __future__ import annotations

import math
import random
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal

import networkx as nx

#: Up to this many actors, betweenness and efficiency are computed exactly…
EXACT_LIMIT = 600
#: …when one measurement costs at most this many steps of the shortest-path search
#: (actors × (actors + 2 × ties)); past it, sampled.
EXACT_WORK = 1_500_000
#: Sources sampled for the estimate of a large network's measures, once (roles, rankings).
SAMPLE_SOURCES = 48
#: Sources sampled at each step of a disruption run on a large network (at most; fewer on
#: a network so large that one search costs more than STEP_WORK / STEP_SAMPLE_SOURCES).
STEP_SAMPLE_SOURCES = 24
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
        self._lists = None
        key = (a, b) if a < b else (b, a)
        self.weights[key] = self.weights.get(key, 0) + weight
        self.adj[a].add(b)
        self.adj[b].add(a)

    def __len__(self) -> int:
        return len(self.ids)

    _lists: list[list[int]] | None = None

    def neighbour_lists(self) -> list[list[int]]:
        """Return the adjacency as lists (faster to walk than sets), made once per network."""
        if self._lists is None or len(self._lists) != len(self.adj):
            self._lists = [list(neighbours) for neighbours in self.adj]
        return self._lists

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


def components(adj: list[set[int]], alive: list[bool]) -> list[list[int]]:
    """Return the connected groups among the actors still present, largest first."""
    seen = [not a for a in alive]
    groups = []
    for start in range(len(adj)):
        if seen[start]:
            continue
        seen[start] = True
        group = [start]
        queue = deque([start])
        while queue:
            v = queue.popleft()
            for w in adj[v]:
                if not seen[w]:
                    seen[w] = True
                    group.append(w)
                    queue.append(w)
        groups.append(group)
    groups.sort(key=lambda g: (-len(g), min(g)))
    return groups


def _brandes(
    adj: list, alive: list[bool], sources: list[int], with_betweenness: bool = True
) -> tuple[list[float], float]:
    """Run Brandes' accumulation from ``sources``; return raw betweenness and Σ 1/distance.

    Flat lists reused from source to source (only the nodes reached are reset), and no
    predecessor lists: a predecessor of w is a neighbour one step nearer the source.
    """
    n = len(adj)
    betweenness = [0.0] * n
    dist = [-1 if alive[i] else -2 for i in range(n)]
    sigma = [0] * n
    delta = [0.0] * n
    inverse_distances = 0.0
    for s in sources:
        dist[s], sigma[s] = 0, 1
        order = [s]
        head = 0
        while head < len(order):
            v = order[head]
            head += 1
            dv, sv = dist[v] + 1, sigma[v]
            for w in adj[v]:
                dw = dist[w]
                if dw == -1:
                    dist[w], sigma[w] = dv, sv
                    order.append(w)
                elif dw == dv:
                    sigma[w] += sv
        for w in order[1:]:
            inverse_distances += 1.0 / dist[w]
        if with_betweenness:
            for w in reversed(order[1:]):
                nearer = dist[w] - 1
                coefficient = (1.0 + delta[w]) / sigma[w]
                for v in adj[w]:
                    if dist[v] == nearer:
                        delta[v] += sigma[v] * coefficient
                betweenness[w] += delta[w]
        for w in order:
            dist[w], sigma[w], delta[w] = -1, 0, 0.0
    return betweenness, inverse_distances


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
) -> Measures:
    """Measure the network (or what is left of it): betweenness, groups, efficiency.

    Shares and efficiency are relative to ``original_size`` actors (the starting network),
    so that they fall as actors are removed.
    """
    n = len(network)
    alive = alive if alive is not None else [True] * n
    total = original_size or n
    present = [i for i in range(n) if alive[i]]
    groups = components(network.adj, alive)
    if not present or total == 0:
        return Measures([0.0] * n, Snapshot(0.0, 0, 0.0), None)
    if len(present) <= EXACT_LIMIT and len(present) * (len(present) + 2 * network.tie_count) <= (
        EXACT_WORK
    ):
        sources, sampled = present, None
    else:
        rng = rng or random.Random(DEFAULT_SEED)
        sources = rng.sample(present, min(sample, len(present)))
        sampled = len(sources)
    raw, inverse = _brandes(network.neighbour_lists(), alive, sources, with_betweenness)
    scale = len(present) / len(sources)
    m = len(present)
    norm = 1.0 / ((m - 1) * (m - 2)) if m > 2 else 0.0
    # Each pair is counted from both ends in an undirected graph: the factor 2 cancels the
    # halving of the undirected normalisation.
    betweenness = [b * scale * norm for b in raw]
    efficiency = inverse * scale / (total * (total - 1)) if total > 1 else 0.0
    return Measures(
        betweenness,
        Snapshot(len(groups[0]) / total if groups else 0.0, len(groups), efficiency),
        sampled,
    )


def cut_point_pieces(adj: list[set[int]], alive: list[bool]) -> dict[int, int]:
    """Return, for each cut point, the size of the largest piece left when it is removed.

    One iterative depth-first pass (Hopcroft–Tarjan low points with subtree sizes): for a cut
    point v, each child subtree c with low[c] ≥ disc[v] becomes a piece of its own, and the
    rest of v's group is one more piece.
    """
    n = len(adj)
    disc = [-1] * n
    low = [0] * n
    size = [1] * n
    pieces: dict[int, int] = {}
    clock = 0
    for root in range(n):
        if not alive[root] or disc[root] >= 0:
            continue
        # First pass over the group to know its size (for "the rest" piece).
        group_size = 0
        separated: dict[int, list[int]] = {}
        disc[root] = low[root] = clock
        clock += 1
        stack = [(root, -1, iter(adj[root]))]
        root_children = 0
        while stack:
            v, parent, neighbours = stack[-1]
            advanced = False
            for w in neighbours:
                if not alive[w] or w == parent:
                    continue
                if disc[w] < 0:
                    disc[w] = low[w] = clock
                    clock += 1
                    stack.append((w, v, iter(adj[w])))
                    advanced = True
                    break
                low[v] = min(low[v], disc[w])
            if advanced:
                continue
            stack.pop()
            group_size += 1
            if parent >= 0:
                size[parent] += size[v]
                low[parent] = min(low[parent], low[v])
                if parent == root:
                    root_children += 1
                    separated.setdefault(root, []).append(size[v])
                elif low[v] >= disc[parent]:
                    separated.setdefault(parent, []).append(size[v])
        for v, children in separated.items():
            if v == root and root_children < 2:
                continue
            rest = group_size - 1 - sum(children)
            pieces[v] = max([*children, rest])
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
    step_sample = max(12, min(STEP_SAMPLE_SOURCES, STEP_WORK // max(per_search, 1)))
    start = measure(
        network,
        alive,
        sample=step_sample,
        rng=sample_rng,
        with_betweenness=strategy == "betweenness",
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
            pieces = cut_point_pieces(network.adj, alive)
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


def roles(network: Network, *, seed: int = DEFAULT_SEED) -> Roles:
    """Find communities (Louvain, seeded), brokers, the k-core and cut points."""
    n = len(network)
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in network.weights.items())
    found = (
        nx.community.louvain_communities(graph, weight="weight", seed=seed, threshold=1e-4)
        if n
        else []
    )
    found = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    community = [0] * n
    for number, members in enumerate(found):
        for i in members:
            community[i] = number
    core_numbers = nx.core_number(graph) if n else {}
    measured = measure(network)
    pieces = cut_point_pieces(network.adj, [True] * n)
    reaches = [{community[w] for w in network.adj[i]} - {community[i]} for i in range(n)]
    return Roles(
        community=community,
        core=[core_numbers.get(i, 0) for i in range(n)],
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
