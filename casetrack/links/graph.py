"""The network of what a user may see: parties, companies, assets, cases, requests, countries.

Every row comes from a scoped query (casetrack.access). Confirmed matches merge two party
records into one node: the same identity shows once. networkx ranks the key actors (degree
and betweenness centrality) and finds the connected groups.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import networkx as nx
from sqlalchemy import and_, select, true
from sqlalchemy.orm import Session

from casetrack import access
from casetrack.links import analysis, structure
from casetrack.links import network as actor_network
from casetrack.links.focus import Focus
from casetrack.links.network import period as network_period
from casetrack.models import (
    Asset,
    AssetLink,
    AssetOwner,
    Case,
    CaseParty,
    Country,
    LinkState,
    Office,
    Party,
    PartyKind,
    PartyLink,
    Request,
    RequestAsset,
    RequestParty,
    User,
)

KINDS = ("person", "company", "asset", "case", "request", "country")


@dataclass
class Graph:
    """Nodes, edges, the ranked actors and the connected groups of one user's network."""

    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    rankings: list[dict] = field(default_factory=list)
    groups: list[dict] = field(default_factory=list)
    #: Sources sampled for betweenness, or None when exact.
    sampled: int | None = None
    #: How many of the latest cases were drawn, where the user sees more (None: all).
    focused: int | None = None

    def as_dict(self) -> dict:
        return {
            "nodes": self.nodes,
            "edges": self.edges,
            "rankings": self.rankings,
            "groups": self.groups,
            "sampled": self.sampled,
            "focused": self.focused,
        }


class _Builder:
    def __init__(self) -> None:
        self.graph = nx.Graph()
        self.edge_labels: dict[tuple[str, str], tuple[str, str]] = {}

    def node(self, node_id: str, kind: str, label: str, url: str | None) -> None:
        if node_id not in self.graph:
            self.graph.add_node(node_id, kind=kind, label=label, url=url)

    def edge(self, a: str, b: str, label: str, kind: str = "relation") -> None:
        if a in self.graph and b in self.graph and a != b and not self.graph.has_edge(a, b):
            self.graph.add_edge(a, b)
            self.edge_labels[a, b] = (label, kind)


def _country_node(builder: _Builder, code: str, names: dict[str, str]) -> str | None:
    if not code or code not in names:
        return None
    node_id = f"country:{code}"
    builder.node(node_id, "country", names[code], None)
    return node_id


def build(
    session: Session,
    user: User,
    lang: str = "en",
    since: date | None = None,
    until: date | None = None,
    cases: int | None = None,
) -> Graph:
    """Build the network the user may see, with rankings and groups.

    ``cases``: where the user sees more cases than that, the network of that many only, the
    most recently opened (by ``until`` if given), with the parties, assets and requests tied
    to them; None draws everything. An office's whole network grows with its years of
    records (20,348 nodes and 10.7 MB of page for Almaty at 100,000 requests, 2.5 s); the
    network of its latest cases is as large at any size.

    ``since``/``until`` keep the ties whose dated fact falls in that period (``until``
    alone: the network as it stood that day). Each kind of tie has its date: a party's place
    in a case, the day the party was put into the case; an asset with its ties (case,
    owners, country), the day the asset was recorded; a request with its ties (case,
    countries, parties and assets it names), the day it was recorded; a possible match or
    two assets with one identifier, the day the match was found. Parties (with their
    nationality) recorded by ``until`` and cases opened by then are shown; with ``since``,
    a party or a case from before the period shows only through its ties in the period.
    """
    if not access.can_see_content(user):
        return Graph()
    begin, finish = network_period(since, until)

    def in_period(column):
        conditions = []
        if begin is not None:
            conditions.append(column >= begin)
        if finish is not None:
            conditions.append(column < finish)
        return and_(true(), *conditions)

    focus = Focus.of(session, user, cases, until)
    builder = _Builder()
    urls = actor_network.record_urls
    party_url, case_url = urls("parties.detail"), urls("cases.detail")
    asset_url, request_url = urls("assets.detail"), urls("mla.detail")
    countries = {c.code: c.name(lang) for c in session.scalars(select(Country))}

    # Each query joins the scoped table and checks the other side against the ids already
    # loaded: two ``IN (subquery)`` conditions on one table make SQLite probe every pair
    # (2,000 cases × 5,000 parties took 12 s; the join takes 0.06 s).
    representative = actor_network.identities(session, user, among=focus.party_ids)

    def party_node(party_id: int) -> str:
        return f"party:{representative.get(party_id, party_id)}"

    party_rows = {
        row[0]: row
        for row in session.execute(
            select(
                Party.id,
                Party.kind,
                Party.display_name,
                Party.nationality,
                Party.jurisdiction,
                Party.created_at < finish if finish is not None else true(),
            )
            .where(access.party_scope(user), focus.parties(Party.id))
            .order_by(Party.id)
        )
    }
    merged: dict[str, int] = {}
    for party_id in party_rows:
        node_id = party_node(party_id)
        merged[node_id] = merged.get(node_id, 0) + 1

    def party(party_id: int) -> str | None:
        """Return the node of a visible party record, adding it (and its country) once."""
        row = party_rows.get(party_id)
        if row is None:
            return None
        node_id = party_node(party_id)
        if node_id in builder.graph:
            return node_id
        _id, kind, name, nationality, jurisdiction, _recorded = row
        kind = "company" if kind == PartyKind.COMPANY else "person"
        if merged[node_id] > 1:
            name = f"{name} (×{merged[node_id]})"
        builder.node(node_id, kind, name, party_url(party_id))
        country = _country_node(builder, (nationality or jurisdiction or "").upper(), countries)
        if country:
            builder.edge(node_id, country, "nationality" if kind == "person" else "jurisdiction")
        return node_id

    # A party is shown once recorded (as of ``until``), or once one of its ties falls in the
    # period: with ``since``, only through its ties.
    for party_id, *_rest, recorded in party_rows.values():
        if since is None and recorded:
            party(party_id)

    def tie(a: str | None, b: str | None, label: str, kind: str = "relation") -> None:
        if a is not None and b is not None:
            builder.edge(a, b, label, kind)

    # Undecided proposals among visible records: a dashed edge, for the user to look into.
    for a_id, b_id in actor_network.party_pairs(
        session,
        user,
        PartyLink.state == LinkState.PROPOSED,
        in_period(PartyLink.created_at),
        among=focus.party_ids,
    ):
        tie(party(a_id), party(b_id), "possible match", "possible_match")

    cases = session.execute(
        select(Case.id, Case.reference, Case.opened_on).where(
            access.case_scope(user),
            true() if until is None else Case.opened_on <= until,
            focus.cases(Case.id),
        )
    ).all()
    offices = {o.id: o for o in session.scalars(select(Office))}
    for case in cases:
        # With ``since``, a case opened earlier shows only through its ties in the period.
        if since is None or case.opened_on >= since:
            builder.node(f"case:{case.id}", "case", case.reference, case_url(case.id))
    case_of = {c.id: c for c in cases}

    def case_node(case_id: int | None) -> str | None:
        case = case_of.get(case_id)
        if case is None:
            return None
        node_id = f"case:{case.id}"
        if node_id not in builder.graph:
            builder.node(node_id, "case", case.reference, case_url(case.id))
        return node_id

    for case_id, party_id, role in session.execute(
        select(CaseParty.case_id, CaseParty.party_id, CaseParty.role)
        .join(Case, Case.id == CaseParty.case_id)
        .where(access.case_scope(user), in_period(CaseParty.created_at), focus.cases(Case.id))
    ):
        if case_id in case_of and party_id in party_rows:
            tie(party(party_id), case_node(case_id), role.value)

    assets = list(
        session.scalars(
            access.scoped(Asset, user).where(
                in_period(Asset.created_at), focus.cases(Asset.case_id)
            )
        )
    )
    for asset in assets:
        node_id = f"asset:{asset.id}"
        builder.node(
            node_id,
            "asset",
            asset.identifier or asset.kind.value,
            asset_url(asset.id),
        )
        tie(node_id, case_node(asset.case_id), "identified in")
        country = _country_node(builder, asset.country_code, countries)
        if country:
            builder.edge(node_id, country, "located in")
    for asset_id, party_id in session.execute(
        select(AssetOwner.asset_id, AssetOwner.party_id)
        .join(Asset, Asset.id == AssetOwner.asset_id)
        .where(access.asset_scope(user), in_period(Asset.created_at), focus.cases(Asset.case_id))
    ):
        if f"asset:{asset_id}" in builder.graph and party_id in party_rows:
            tie(party(party_id), f"asset:{asset_id}", "owns")
    for a_id, b_id in session.execute(
        select(AssetLink.asset_a_id, AssetLink.asset_b_id)
        .join(Asset, Asset.id == AssetLink.asset_a_id)
        .where(
            access.asset_scope(user),
            in_period(AssetLink.created_at),
            focus.cases(Asset.case_id),
        )
    ):
        # Both ends must be visible assets of the period: edge() needs both nodes.
        builder.edge(f"asset:{a_id}", f"asset:{b_id}", "same identifier")

    requests = list(
        session.scalars(
            access.scoped(Request, user).where(
                in_period(Request.created_at), focus.cases(Request.case_id)
            )
        )
    )
    for req in requests:
        node_id = f"request:{req.id}"
        builder.node(node_id, "request", req.reference, request_url(req.id))
        tie(node_id, case_node(req.case_id), "request in")
        for office_id in (req.requesting_office_id, req.requested_office_id):
            office = offices.get(office_id)
            country = _country_node(builder, office.country_code if office else "", countries)
            if country:
                builder.edge(node_id, country, "country")
    for request_id, party_id in session.execute(
        select(RequestParty.request_id, RequestParty.party_id)
        .join(Request, Request.id == RequestParty.request_id)
        .where(
            access.request_scope(user),
            in_period(Request.created_at),
            focus.cases(Request.case_id),
        )
    ):
        if f"request:{request_id}" in builder.graph and party_id in party_rows:
            tie(f"request:{request_id}", party(party_id), "names")
    for request_id, asset_id in session.execute(
        select(RequestAsset.request_id, RequestAsset.asset_id)
        .join(Request, Request.id == RequestAsset.request_id)
        .where(
            access.request_scope(user),
            in_period(Request.created_at),
            focus.cases(Request.case_id),
        )
    ):
        builder.edge(f"request:{request_id}", f"asset:{asset_id}", "concerns")
    result = _finish(builder)
    result.focused = None if focus.case_ids is None else len(focus.case_ids)
    return result


def _finish(builder: _Builder) -> Graph:
    graph = builder.graph
    result = Graph()
    if graph.number_of_nodes() == 0:
        return result
    # Betweenness, groups, k-core, communities and positions on integer indexes in igraph
    # (casetrack.links.analysis): estimated from sampled sources on a large network.
    net = analysis.Network()
    kinds, labels, urls = [], [], []
    for node_id, data in graph.nodes(data=True):
        net.add_node(node_id, data["kind"], data["label"])
        kinds.append(data["kind"])
        labels.append(data["label"])
        urls.append(data["url"])
    index = net.index
    for a, b in graph.edges():
        net.add_tie(index[a], index[b])
    n = len(net)
    measured = analysis.measure(net)
    result.sampled = measured.sampled
    # Countries tie everything to everything; communities are found without them.
    found = structure.communities(net, keep=[kind != "country" for kind in kinds])
    community = [0] * n
    for number, members in enumerate(found, start=1):
        for i in members:
            community[i] = number
    whole = net.igraph()
    core = whole.coreness()
    degree = whole.degree()
    scale = 1.0 / (n - 1) if n > 1 else 0.0
    positions = structure.layout(net, found)
    components = sorted(whole.connected_components(), key=lambda c: (-len(c), min(c)))
    group_of = [0] * n
    for number, component in enumerate(components, start=1):
        for i in component:
            group_of[i] = number
    for i in range(n):
        result.nodes.append(
            {
                "id": net.ids[i],
                "kind": kinds[i],
                "label": labels[i],
                "url": urls[i],
                "degree": round(degree[i] * scale, 4),
                "betweenness": round(measured.betweenness[i], 4),
                "group": group_of[i],
                "community": community[i],
                "core": core[i],
                "x": positions[i][0],
                "y": positions[i][1],
            }
        )
    result.edges = [
        {"id": f"e{i}", "source": a, "target": b, "label": label, "kind": kind}
        for i, ((a, b), (label, kind)) in enumerate(builder.edge_labels.items())
    ]
    actors = [n for n in result.nodes if n["kind"] in ("person", "company")]
    actors.sort(key=lambda n: (-n["betweenness"], -n["degree"], n["label"]))
    result.rankings = [
        {
            "rank": rank,
            "id": node["id"],
            "label": node["label"],
            "kind": node["kind"],
            "url": node["url"],
            "degree": node["degree"],
            "betweenness": node["betweenness"],
            "connections": degree[index[node["id"]]],
        }
        for rank, node in enumerate(actors[:10], start=1)
    ]
    for number, component in enumerate(components, start=1):
        members = sorted(component, key=lambda i: (-degree[i], labels[i]))
        counts = dict.fromkeys(KINDS, 0)
        for i in component:
            counts[kinds[i]] += 1
        result.groups.append(
            {
                "group": number,
                "size": len(component),
                "kinds": counts,
                "members": [labels[i] for i in members[:5]],
            }
        )
    return result
