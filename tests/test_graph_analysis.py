"""The network measures and the disruption simulation on graphs whose answers are known."""

from __future__ import annotations

from decimal import Decimal

import networkx as nx
import pytest

from casetrack.links import analysis, removal, structure


def _network(graph: nx.Graph) -> analysis.Network:
    net = analysis.Network()
    for node in sorted(graph.nodes):
        net.add_node(str(node), "person", f"actor {node:04d}")
    for a, b in graph.edges:
        net.add_tie(net.index[str(a)], net.index[str(b)])
    return net


def test_barbell_bridge_is_the_first_betweenness_target_and_its_removal_splits_it():
    # Two cliques of six joined by a path through one middle actor (number 6).
    net = _network(nx.barbell_graph(6, 1))
    start, steps, sampled = removal.simulate(net, "betweenness", 1)
    assert sampled is None
    assert (start.largest_share, start.groups) == (1.0, 1)
    assert net.ids[steps[0].removed] == "6"
    after = steps[0].snapshot
    assert after.groups == 2
    assert after.largest_share == pytest.approx(6 / 13)
    assert after.efficiency < start.efficiency


def test_barbell_without_middle_actor_removes_one_end_of_the_bridge():
    net = _network(nx.barbell_graph(5, 0))
    _, steps, _ = removal.simulate(net, "betweenness", 1)
    assert net.ids[steps[0].removed] in {"4", "5"}
    assert steps[0].snapshot.groups == 2 and steps[0].snapshot.largest_share == 0.5


def test_star_centre_goes_first_by_every_structural_strategy():
    net = _network(nx.star_graph(8))
    for strategy in ("betweenness", "degree", "cut_points"):
        start, steps, _ = removal.simulate(net, strategy, 1)
        assert net.ids[steps[0].removed] == "0", strategy
        assert steps[0].snapshot.groups == 8
        assert steps[0].snapshot.largest_share == pytest.approx(1 / 9)
        assert steps[0].snapshot.efficiency == 0.0
    assert start.efficiency == pytest.approx(nx.global_efficiency(nx.star_graph(8)))


def test_random_baseline_is_reproducible_with_a_seed_and_differs_with_another():
    net = _network(nx.gnm_random_graph(60, 150, seed=3))
    first = [s.removed for s in removal.simulate(net, "random", 10, seed=11)[1]]
    again = [s.removed for s in removal.simulate(net, "random", 10, seed=11)[1]]
    other = [s.removed for s in removal.simulate(net, "random", 10, seed=12)[1]]
    assert first == again
    assert first != other
    assert len(set(first)) == 10


def test_exact_measures_agree_with_networkx():
    graph = nx.gnm_random_graph(120, 300, seed=5)
    net = _network(graph)
    measured = analysis.measure(net)
    expected = nx.betweenness_centrality(graph)
    for node, value in expected.items():
        assert measured.betweenness[net.index[str(node)]] == pytest.approx(value, abs=1e-9)
    assert measured.snapshot.efficiency == pytest.approx(nx.global_efficiency(graph))
    groups = list(nx.connected_components(graph))
    assert measured.snapshot.groups == len(groups)
    assert measured.snapshot.largest_share == pytest.approx(max(map(len, groups)) / 120)


def test_cut_points_and_the_pieces_they_leave_agree_with_networkx():
    graph = nx.Graph()
    nx.add_path(graph, range(8))  # a path: every inner actor is a cut point
    graph.add_edges_from([(3, 10), (10, 11), (11, 3)])  # a triangle hanging on 3
    net = _network(graph)
    pieces = analysis.cut_point_pieces(net, [True] * len(net))
    assert {int(net.ids[i]) for i in pieces} == set(nx.articulation_points(graph))
    for i, largest in pieces.items():
        rest = graph.copy()
        rest.remove_node(int(net.ids[i]))
        assert largest == max(len(c) for c in nx.connected_components(rest))


def test_large_network_is_estimated_and_says_how():
    graph = nx.gnm_random_graph(analysis.EXACT_LIMIT + 50, 2000, seed=1)
    net = _network(graph)
    measured = analysis.measure(net, sample=40)
    assert measured.sampled == 40
    assert measured.snapshot.efficiency == pytest.approx(nx.global_efficiency(graph), rel=0.1)


def test_holders_of_assets_are_ranked_by_their_share_of_each_currency():
    net = _network(nx.path_graph(4))
    holdings = {
        "0": {"USD": Decimal(100)},  # 1/4 of the USD
        "1": {"USD": Decimal(300), "KZT": Decimal(10)},  # 3/4 of the USD, 1/2 of the KZT
        "3": {"KZT": Decimal(10)},  # 1/2 of the KZT
    }
    _, steps, _ = removal.simulate(net, "assets", 4, holdings=holdings)
    assert [net.ids[s.removed] for s in steps] == ["1", "3", "0"]


def test_roles_find_the_communities_and_the_broker_between_them():
    graph = nx.barbell_graph(6, 1)
    net = _network(graph)
    found = structure.roles(net)
    assert len(found.communities) >= 2
    bridge = net.index["6"]
    left, right = net.index["0"], net.index["12"]
    assert found.community[left] != found.community[right]
    assert found.reaches[bridge] or found.reaches[net.index["5"]]
    assert bridge in found.cut_points
    assert found.core[left] == 5
    positions = structure.layout(net, found.communities)
    assert len(positions) == len(net) and len(set(positions)) == len(net)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_cut_point_pieces_agree_with_networkx_on_random_sparse_graphs(seed):
    graph = nx.gnm_random_graph(70, 80, seed=seed)  # sparse: many cut points and pieces
    net = _network(graph)
    alive = [True] * len(net)
    alive[net.index["0"]] = False  # and with an actor already removed
    rest = graph.copy()
    rest.remove_node(0)
    pieces = analysis.cut_point_pieces(net, alive)
    assert {int(net.ids[i]) for i in pieces} == set(nx.articulation_points(rest))
    for i, largest in pieces.items():
        without = rest.copy()
        without.remove_node(int(net.ids[i]))
        assert largest == max(len(c) for c in nx.connected_components(without))


def test_sampled_betweenness_finds_the_same_brokers_as_exact():
    graph = nx.connected_caveman_graph(30, 12)  # 30 groups of 12 in a ring: brokers between
    net = _network(graph)
    exact = analysis.measure(net)
    sampled = analysis.measure(net, sample=48, exact_work=0)
    assert exact.sampled is None and sampled.sampled == 48
    # Each group has two ends of the ring's ties: 60 brokers, the rest far below them.
    top = sorted(range(len(net)), key=lambda i: -exact.betweenness[i])[:60]
    found = sorted(range(len(net)), key=lambda i: -sampled.betweenness[i])[:60]
    assert len(set(top) & set(found)) >= 55
    assert sampled.snapshot.efficiency == pytest.approx(exact.snapshot.efficiency, rel=0.1)
