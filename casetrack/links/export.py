"""Exports of the network a user may see, for analysts' own tools: GEXF, GraphML and CSV.

Exactly the graph of ``/links/graph`` (casetrack.links.graph.build, scoped through
casetrack.access), with the roles of each actor (community, k-core, cut point) added, and
nothing else: another office's records are not in it at all.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import networkx as nx
from sqlalchemy.orm import Session

from casetrack.links import graph, structure
from casetrack.links import network as actors
from casetrack.models import User

FORMATS = {
    "gexf": ("application/gexf+xml", "network.gexf"),
    "graphml": ("application/graphml+xml", "network.graphml"),
    "nodes.csv": ("text/csv", "network-nodes.csv"),
    "edges.csv": ("text/csv", "network-edges.csv"),
}
NODE_COLUMNS = (
    "id",
    "kind",
    "label",
    "degree",
    "betweenness",
    "group",
    "community",
    "core",
    "is_cut_point",
)
EDGE_COLUMNS = ("id", "source", "target", "kind", "label")


def exported(
    session: Session, user: User, lang: str, since: date | None = None, until: date | None = None
) -> nx.Graph:
    """Return the user's network as a networkx graph with plain attributes."""
    built = graph.build(session, user, lang, since=since, until=until)
    net = actors.build(session, user, since, until)
    found = structure.roles(net.network)
    role_of = {
        actor.node_id: (found.community[i] + 1, found.core[i], i in found.cut_points)
        for i, actor in enumerate(net.actors)
    }
    result = nx.Graph()
    for node in built.nodes:
        community, core, cut = role_of.get(node["id"], (0, 0, False))
        result.add_node(
            node["id"],
            kind=node["kind"],
            label=node["label"],
            degree=float(node["degree"]),
            betweenness=float(node["betweenness"]),
            group=int(node["group"]),
            community=community,
            core=core,
            is_cut_point=cut,
        )
    for edge in built.edges:
        result.add_edge(
            edge["source"], edge["target"], id=edge["id"], kind=edge["kind"], label=edge["label"]
        )
    return result


def _csv(rows, columns) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    return buffer.getvalue().encode("utf-8")


def render(
    session: Session,
    user: User,
    fmt: str,
    lang: str,
    since: date | None = None,
    until: date | None = None,
) -> tuple[bytes, str, str]:
    """Return the export in ``fmt`` as (bytes, media type, file name)."""
    media_type, name = FORMATS[fmt]
    network = exported(session, user, lang, since, until)
    if fmt == "gexf":
        body = "\n".join(nx.generate_gexf(network)).encode("utf-8")
    elif fmt == "graphml":
        body = "\n".join(nx.generate_graphml(network)).encode("utf-8")
    elif fmt == "nodes.csv":
        body = _csv(({"id": n, **d} for n, d in network.nodes(data=True)), NODE_COLUMNS)
    else:
        body = _csv(
            ({"source": a, "target": b, **d} for a, b, d in network.edges(data=True)),
            EDGE_COLUMNS,
        )
    return body, media_type, name
