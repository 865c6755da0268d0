"""What removing actors does to a network: each strategy's steps, the network measured again
after each (pure, no database).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from casetrack.links.analysis import DEFAULT_SEED, Network, Snapshot, cut_point_pieces, measure

#: At each step of a disruption run the network is measured again: exactly while one
#: measurement costs at most STEP_EXACT_WORK, else from this many sampled sources (at
#: most; fewer on a network so large that one search costs more than STEP_WORK /
#: STEP_SAMPLE_SOURCES, never fewer than STEP_MIN_SOURCES).
STEP_EXACT_WORK = 1_000_000


STEP_SAMPLE_SOURCES = 24


STEP_MIN_SOURCES = 12


STEP_WORK = 600_000


STRATEGIES = ("betweenness", "degree", "cut_points", "assets", "random")


MAX_STEPS = 50


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
    step_sample = max(STEP_MIN_SOURCES, min(STEP_SAMPLE_SOURCES, STEP_WORK // max(per_search, 1)))
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
