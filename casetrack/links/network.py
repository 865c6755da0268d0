"""The network of actors a user may see, with what the records say about each actor.

Actors are persons and companies; records of one identity (confirmed matches among the
records the user sees) are one actor. Two actors are tied when a visible case names both
(co-offending, the usual tie in police and prosecution data), when they own one asset
together, or when money passed between them in an imported bank statement. Every row comes
from a scoped query (casetrack.access); another office's record is known only as a hit,
by that office's name and country, never by its content.

``since``/``until`` limit the ties to those recorded in a period (a case tie from the day
the party was put into the case, an ownership from the day the asset was recorded, a
transfer from its booking date); actors recorded after ``until`` are left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import networkx as nx
from sqlalchemy import or_, select, true
from sqlalchemy.orm import Session

from casetrack import access
from casetrack.links.analysis import Network
from casetrack.links.visibility import record_url
from casetrack.models import (
    Asset,
    AssetOwner,
    Case,
    CaseParty,
    CrossBorderHit,
    LinkState,
    Office,
    Party,
    PartyKind,
    PartyLink,
    Request,
    RequestParty,
    User,
)
from casetrack.models.money import Transaction


@dataclass
class Actor:
    """What the visible records say about one actor."""

    node_id: str
    kind: str
    label: str
    url: str | None
    party_ids: list[int] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)
    #: (case id, reference, country of the case's office)
    cases: dict[int, tuple[str, str]] = field(default_factory=dict)
    requests: list[dict] = field(default_factory=list)
    #: Records of this actor held by offices the user does not see, or by other offices
    #: the user sees in another country: {"office", "office_name", "country", "via"}.
    elsewhere: list[dict] = field(default_factory=list)
    holdings: dict[str, Decimal] = field(default_factory=dict)
    #: Countries where the actor's visible assets are located.
    asset_countries: set[str] = field(default_factory=set)

    def jurisdictions(self) -> list[str]:
        """Return the countries this actor's records touch, sorted."""
        found = set(self.countries)
        found.update(country for _, country in self.cases.values() if country)
        found.update(e["country"] for e in self.elsewhere if e["country"])
        return sorted(found)


@dataclass
class ActorNetwork:
    """The actors a user may see, their ties, and the evidence of each tie."""

    network: Network = field(default_factory=Network)
    actors: list[Actor] = field(default_factory=list)
    #: Why two actors are tied, by ordered index pair: ["case DEMO-1", "asset 20-321…"].
    evidence: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    since: date | None = None
    until: date | None = None


def _start(day: date | None) -> datetime | None:
    return datetime.combine(day, time.min, tzinfo=UTC) if day else None


def _end(day: date | None) -> datetime | None:
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC) if day else None


def period(since: date | None, until: date | None) -> tuple[datetime | None, datetime | None]:
    """Return the period's bounds as aware datetimes: [start of since, end of until)."""
    return _start(since), _end(until)


def party_pairs(
    session: Session, user: User, *conditions, among: set[int] | None = None
) -> list[tuple[int, int]]:
    """Return the party links (a, b) meeting ``conditions`` whose two records are visible
    (and both of ``among``, visible party ids, where given).

    One side is joined to its scoped table, the other checked against the visible ids:
    two ``IN (subquery)`` conditions on one table make SQLite probe every pair of ids.
    """
    if among is None:
        visible = set(session.scalars(select(Party.id).where(access.party_scope(user))))
    else:
        visible = among
        conditions = (*conditions, PartyLink.party_a_id.in_(among))
    rows = session.execute(
        select(PartyLink.party_a_id, PartyLink.party_b_id)
        .join(Party, Party.id == PartyLink.party_a_id)
        .where(access.party_scope(user), *conditions)
    ).tuples()
    return [(a, b) for a, b in rows if b in visible]


def record_urls(endpoint: str):
    """Return a function giving a record's page from its id, the route built once.

    ``url_for`` for each of thousands of records was a quarter of the network's build.
    """
    marker = 987654321
    sample = record_url(endpoint, marker)
    if sample is None:
        return lambda _id: None
    head, _, tail = sample.rpartition(str(marker))
    return lambda record_id: f"{head}{record_id}{tail}"


def identities(session: Session, user: User, among: set[int] | None = None) -> dict[int, int]:
    """Map each visible party record confirmed as one identity to the lowest record id (of
    the records ``among`` where given)."""
    graph = nx.Graph()
    graph.add_edges_from(
        party_pairs(session, user, PartyLink.state == LinkState.CONFIRMED, among=among)
    )
    return {pid: min(group) for group in nx.connected_components(graph) for pid in group}


def build(
    session: Session, user: User, since: date | None = None, until: date | None = None
) -> ActorNetwork:
    """Build the actor network the user may see, tied by cases, assets and money."""
    result = ActorNetwork(since=since, until=until)
    if not access.can_see_content(user):
        return result
    net = result.network
    representative = identities(session, user)
    offices = {o.id: o for o in session.scalars(select(Office))}
    begin, finish = _start(since), _end(until)
    party_url = record_urls("parties.detail")

    party_rows = session.execute(
        select(
            Party.id,
            Party.kind,
            Party.display_name,
            Party.nationality,
            Party.jurisdiction,
            Party.office_id,
            # Recorded by the end of the period, told by the database (no datetime to read).
            Party.created_at < finish if finish is not None else true(),
        )
        .where(access.party_scope(user))
        .order_by(Party.id)
    ).all()
    rows_of = {row[0]: row for row in party_rows}
    actor_of: dict[int, int] = {}

    def actor(pid: int) -> int | None:
        """Return the actor index of a visible party record, adding it on first sight."""
        if pid in actor_of:
            return actor_of[pid]
        row = rows_of.get(pid)
        if row is None:
            return None
        _pid, kind, name, nationality, jurisdiction, _office, _recorded = row
        rep = representative.get(pid, pid)
        node_id = f"party:{rep}"
        kind_name = "company" if kind == PartyKind.COMPANY else "person"
        index = net.add_node(node_id, kind_name, name)
        if index == len(result.actors):
            result.actors.append(Actor(node_id, kind_name, name, party_url(rep)))
        found = result.actors[index]
        found.party_ids.append(pid)
        country = (nationality or jurisdiction or "").upper()
        if len(country) == 2:
            found.countries.add(country)
        actor_of[pid] = index
        return index

    # An actor is in the network once recorded (as of ``until``), or once tied in the period.
    for pid, *_rest, recorded in party_rows:
        if begin is None and recorded:
            actor(pid)

    def tie(members: set[int], why: str) -> None:
        ordered = sorted(members)
        for x, a in enumerate(ordered):
            for b in ordered[x + 1 :]:
                net.add_tie(a, b)
                result.evidence.setdefault((a, b), []).append(why)

    # Cases: every visible case ties the actors it names.
    visible_cases = select(Case.id).where(access.case_scope(user)).scalar_subquery()
    stmt = (
        select(CaseParty.case_id, CaseParty.party_id, Case.reference, Case.office_id)
        .join(Case, Case.id == CaseParty.case_id)
        .where(access.case_scope(user))
    )
    if begin:
        stmt = stmt.where(CaseParty.created_at >= begin)
    if finish:
        stmt = stmt.where(CaseParty.created_at < finish)
    by_case: dict[int, set[int]] = defaultdict(set)
    case_refs: dict[int, str] = {}
    for case_id, pid, reference, office_id in session.execute(stmt):
        index = actor(pid)
        if index is None:
            continue
        by_case[case_id].add(index)
        case_refs[case_id] = reference
        office = offices.get(office_id)
        result.actors[index].cases[case_id] = (reference, office.country_code if office else "")
    for case_id, members in by_case.items():
        tie(members, f"case {case_refs[case_id]}")

    # Assets: co-owners are tied; what each owns counts toward "holds the money".
    stmt = (
        select(
            AssetOwner.asset_id,
            AssetOwner.party_id,
            AssetOwner.share,
            Asset.identifier,
            Asset.estimated_value,
            Asset.currency,
            Asset.country_code,
        )
        .join(Asset, Asset.id == AssetOwner.asset_id)
        .where(access.asset_scope(user))
    )
    if begin:
        stmt = stmt.where(Asset.created_at >= begin)
    if finish:
        stmt = stmt.where(Asset.created_at < finish)
    by_asset: dict[int, set[int]] = defaultdict(set)
    asset_names: dict[int, str] = {}
    for asset_id, pid, share, identifier, value, currency, country in session.execute(stmt):
        index = actor(pid)
        if index is None:
            continue
        by_asset[asset_id].add(index)
        asset_names[asset_id] = identifier or f"#{asset_id}"
        owner = result.actors[index]
        if country:
            owner.countries.add(country)
            owner.asset_countries.add(country)
        if value is not None and currency:
            part = Decimal(value) * (Decimal(share) / 100 if share is not None else 1)
            owner.holdings[currency] = owner.holdings.get(currency, Decimal(0)) + part
    for asset_id, members in by_asset.items():
        tie(members, f"asset {asset_names[asset_id]}")

    # Money between two known actors, from imported statements of visible cases.
    stmt = select(
        Transaction.payer_party_id, Transaction.payee_party_id, Transaction.booked_on
    ).where(
        Transaction.case_id.in_(visible_cases),
        Transaction.payer_party_id.is_not(None),
        Transaction.payee_party_id.is_not(None),
    )
    if since:
        stmt = stmt.where(Transaction.booked_on >= since)
    if until:
        stmt = stmt.where(Transaction.booked_on <= until)
    for payer, payee, _booked in session.execute(stmt):
        a, b = actor(payer), actor(payee)
        if a is not None and b is not None:
            tie({a, b}, "money")
    for found in result.actors:
        if len(found.party_ids) > 1:
            found.label = f"{found.label} (×{len(found.party_ids)})"
            net.labels[net.index[found.node_id]] = found.label

    _requests(session, user, result, actor_of, offices)
    _elsewhere(session, user, result, actor_of, offices)
    return result


def _requests(session, user, result, actor_of, offices) -> None:
    """Note the visible requests that name each actor."""
    rows = session.execute(
        select(
            RequestParty.party_id,
            Request.id,
            Request.reference,
            Request.status,
            Request.requested_office_id,
            Request.requesting_office_id,
        )
        .join(Request, Request.id == RequestParty.request_id)
        .where(access.request_scope(user))
        .order_by(Request.id)
    )
    for pid, request_id, reference, status, requested, requesting in rows:
        if pid not in actor_of:
            continue
        actor = result.actors[actor_of[pid]]
        if any(r["id"] == request_id for r in actor.requests):
            continue
        to = offices.get(requested)
        by = offices.get(requesting)
        actor.requests.append(
            {
                "id": request_id,
                "reference": reference,
                "status": status.value,
                "office": to.code if to else "",
                "country": to.country_code if to else "",
                "from_country": by.country_code if by else "",
                "url": record_url("mla.detail", request_id),
            }
        )


def _elsewhere(session, user, result, actor_of, offices) -> None:
    """Note each actor's records in other offices: hits (office only) and confirmed links."""
    mine = access.office_ids_in_scope(session, user)
    if not actor_of:
        return
    visible = select(Party.id).where(access.party_scope(user)).scalar_subquery()
    links = session.execute(
        select(
            PartyLink.id,
            PartyLink.party_a_id,
            PartyLink.party_b_id,
            PartyLink.state,
            CrossBorderHit.office_a_id,
            CrossBorderHit.office_b_id,
        )
        .join(CrossBorderHit, CrossBorderHit.party_link_id == PartyLink.id)
        .where(
            PartyLink.state != LinkState.REJECTED,
            or_(PartyLink.party_a_id.in_(visible), PartyLink.party_b_id.in_(visible)),
        )
    )
    for _link_id, a, b, state, office_a, office_b in links:
        ours_a, ours_b = office_a in mine, office_b in mine
        if ours_a == ours_b:
            # Both records are the user's own: their cases are already on the actor.
            continue
        own, other_office = (a, office_b) if ours_a else (b, office_a)
        if own in actor_of:
            _note(result, actor_of, own, offices.get(other_office), state)


def _note(result, actor_of, pid, office, state) -> None:
    if office is None or pid not in actor_of:
        return
    actor = result.actors[actor_of[pid]]
    entry = {
        "office": office.code,
        "office_name": office.name_en,
        "country": office.country_code,
        "via": "confirmed link" if state == LinkState.CONFIRMED else "hit",
    }
    if entry not in actor.elsewhere:
        actor.elsewhere.append(entry)
