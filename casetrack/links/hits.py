"""Cross-border hits: a pair of records of which the user sees only one side.

A hit names the other office and how to reach it, and nothing of the other record, until the
other side shares its record's primary name and case reference on purpose.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, contains_eager, joinedload, selectinload

from casetrack import access, clock
from casetrack.links import reasons
from casetrack.links.visibility import (
    LinkError,
    party_entry,
    record_url,
    request_url,
)
from casetrack.models import (
    Asset,
    AssetLink,
    Case,
    CaseParty,
    CrossBorderHit,
    HitKind,
    LinkState,
    Office,
    Party,
    PartyLink,
    User,
)


def _office_entry(office: Office) -> dict:
    return {
        "code": office.code,
        "name": office.name_en,
        "name_ru": office.name_ru,
        "country": office.country_code,
        "email": office.email,
    }


def party_matches(session: Session, user: User, party: Party) -> dict:
    """Return a visible party's confirmed identities, open proposals and hits, as plain dicts."""
    offices = access.office_ids_in_scope(session, user)
    empty = {"same_as": [], "proposals": [], "rejected": [], "hits": []}
    if party.office_id not in offices:
        return empty
    links = list(
        session.scalars(
            select(PartyLink)
            .where(or_(PartyLink.party_a_id == party.id, PartyLink.party_b_id == party.id))
            .options(
                selectinload(PartyLink.party_a).selectinload(Party.office),
                selectinload(PartyLink.party_b).selectinload(Party.office),
                selectinload(PartyLink.decided_by),
            )
            .order_by(PartyLink.score.desc(), PartyLink.id)
        )
    )
    hidden = [link for link in links if link.other(party.id).office_id not in offices]
    hits = {
        hit.party_link_id: hit
        for hit in session.scalars(
            select(CrossBorderHit)
            .where(CrossBorderHit.party_link_id.in_([link.id for link in hidden]))
            .options(selectinload(CrossBorderHit.office_a), selectinload(CrossBorderHit.office_b))
        )
    }
    result = empty
    for link in links:
        other = link.other(party.id)
        if other.office_id in offices:
            key = {
                LinkState.CONFIRMED: "same_as",
                LinkState.PROPOSED: "proposals",
                LinkState.REJECTED: "rejected",
            }[link.state]
            result[key].append(party_entry(link, other))
    told = [
        hits[link.id] for link in hidden if link.state != LinkState.REJECTED and link.id in hits
    ]
    result["hits"] = _entries(session, user, told)
    return result


def _hit_side(hit: CrossBorderHit, offices: set[int]) -> str | None:
    """Tell which side of a hit the user stands on; None if both or neither."""
    a, b = hit.office_a_id in offices, hit.office_b_id in offices
    if a == b:
        return None
    return "a" if a else "b"


def _hit_entry(hit: CrossBorderHit, offices: set[int], shared_cases: dict[int, str]) -> dict:
    side = _hit_side(hit, offices)
    ours, theirs = ("a", "b") if side == "a" else ("b", "a")
    other_office = getattr(hit, f"office_{theirs}")
    entry = {
        "id": hit.id,
        "kind": hit.kind.value,
        "side": ours,
        "office": _office_entry(other_office),
        "created_at": hit.created_at,
        "is_new": getattr(hit, f"seen_{ours}_at") is None,
        "we_shared": getattr(hit, f"shared_{ours}_at") is not None,
        "they_shared": getattr(hit, f"shared_{theirs}_at") is not None,
        "shared": None,
    }
    if hit.kind == HitKind.PARTY:
        link = hit.party_link
        our_record = getattr(link, f"party_{ours}")
        their_record = getattr(link, f"party_{theirs}")
        entry.update(
            score=link.score,
            summary=reasons.summary(link.reasons, link.score),
            record={
                "id": our_record.id,
                "kind": our_record.kind.value,
                "label": our_record.display_name,
                "url": record_url("parties.detail", our_record.id),
            },
        )
        if entry["they_shared"]:
            entry["shared"] = {
                "name": their_record.display_name,
                "case_reference": shared_cases.get(their_record.id, ""),
            }
    else:
        link = hit.asset_link
        our_record = getattr(link, f"asset_{ours}")
        their_record = getattr(link, f"asset_{theirs}")
        entry.update(
            score=1.0,
            summary=reasons.summary([{"code": "identifier_same"}], 1.0),
            record={
                "id": our_record.id,
                "kind": "asset",
                "label": our_record.identifier,
                "url": record_url("assets.detail", our_record.id),
            },
        )
        if entry["they_shared"]:
            entry["shared"] = {
                "name": their_record.identifier,
                "case_reference": their_record.case.reference if their_record.case else "",
            }
    our_case = shared_cases.get(("case", hit.id))
    entry["request_url"] = request_url(our_case)
    return entry


def _hits_query(user: User):
    in_a = access.office_in_scope(user, CrossBorderHit.office_a_id)
    in_b = access.office_in_scope(user, CrossBorderHit.office_b_id)
    return (
        select(CrossBorderHit)
        .outerjoin(PartyLink, PartyLink.id == CrossBorderHit.party_link_id)
        .where(
            or_(and_(in_a, ~in_b), and_(in_b, ~in_a)),
            or_(PartyLink.id.is_(None), PartyLink.state != LinkState.REJECTED),
        )
        # Every record a hit names is one row away (many-to-one): joined into the page's
        # one statement, so that a page costs the same whatever its mix of party and asset
        # hits (a loader per kind would run only when the page holds that kind).
        .options(
            joinedload(CrossBorderHit.office_a),
            joinedload(CrossBorderHit.office_b),
            contains_eager(CrossBorderHit.party_link).joinedload(PartyLink.party_a),
            contains_eager(CrossBorderHit.party_link).joinedload(PartyLink.party_b),
            joinedload(CrossBorderHit.asset_link)
            .joinedload(AssetLink.asset_a)
            .joinedload(Asset.case),
            joinedload(CrossBorderHit.asset_link)
            .joinedload(AssetLink.asset_b)
            .joinedload(Asset.case),
        )
        .order_by(CrossBorderHit.created_at.desc(), CrossBorderHit.id.desc())
    )


def _first_cases(session: Session, party_ids: set[int]) -> dict[int, tuple[int, str]]:
    # Asked even for no party (an empty IN): a page runs the same statements whatever it holds.
    rows = session.execute(
        select(CaseParty.party_id, Case.id, Case.reference)
        .join(Case, Case.id == CaseParty.case_id)
        .where(CaseParty.party_id.in_(party_ids))
        .order_by(CaseParty.id)
    )
    found: dict[int, tuple[int, str]] = {}
    for party_id, case_id, reference in rows:
        found.setdefault(party_id, (case_id, reference))
    return found


def _entries(session: Session, user: User, hits: list[CrossBorderHit]) -> list[dict]:
    offices = access.office_ids_in_scope(session, user)
    party_ids: set[int] = set()
    for hit in hits:
        if hit.kind == HitKind.PARTY:
            party_ids.update((hit.party_link.party_a_id, hit.party_link.party_b_id))
    cases = _first_cases(session, party_ids)
    entries = []
    for hit in hits:
        side = _hit_side(hit, offices)
        if side is None:
            continue
        theirs = "b" if side == "a" else "a"
        # Only what the other side chose to share, and the own side's case for a request.
        known: dict = {}
        if hit.kind == HitKind.PARTY:
            ours_id = getattr(hit.party_link, f"party_{side}_id")
            theirs_id = getattr(hit.party_link, f"party_{theirs}_id")
            if getattr(hit, f"shared_{theirs}_at") is not None and theirs_id in cases:
                known[theirs_id] = cases[theirs_id][1]
            if ours_id in cases:
                known[("case", hit.id)] = cases[ours_id][0]
        else:
            our_asset = getattr(hit.asset_link, f"asset_{side}")
            known[("case", hit.id)] = our_asset.case_id
        entries.append(_hit_entry(hit, offices, known))
    return _one_per_foreign_record(session, hits, entries, offices)


def _one_per_foreign_record(
    session: Session, hits: list[CrossBorderHit], entries: list[dict], offices: set[int]
) -> list[dict]:
    """Show a foreign record once where the user confirmed that our records of it are one.

    Two of our records, confirmed as the same person, that both match one record of another
    office are one hit to read, not two: the newest stays, naming the other records of ours.
    """
    ours_of: dict[int, tuple[int, int]] = {}
    for hit in hits:
        side = _hit_side(hit, offices)
        if side is None or hit.kind != HitKind.PARTY:
            continue
        theirs = "b" if side == "a" else "a"
        ours_of[hit.id] = (
            getattr(hit.party_link, f"party_{side}_id"),
            getattr(hit.party_link, f"party_{theirs}_id"),
        )
    our_ids = {ours for ours, _theirs in ours_of.values()}
    # Asked even for fewer than two records: the same statements whatever the page holds.
    parent = {i: i for i in our_ids}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in session.execute(
        select(PartyLink.party_a_id, PartyLink.party_b_id).where(
            PartyLink.state == LinkState.CONFIRMED,
            PartyLink.party_a_id.in_(our_ids),
            PartyLink.party_b_id.in_(our_ids),
        )
    ):
        parent[root(a)] = root(b)
    kept: dict[tuple[int, int], dict] = {}
    result = []
    for entry in entries:
        pair = ours_of.get(entry["id"])
        if pair is None:
            result.append(entry)
            continue
        key = (root(pair[0]), pair[1])
        first = kept.get(key)
        if first is None:
            entry.setdefault("also_records", [])
            kept[key] = entry
            result.append(entry)
        else:
            first["also_records"].append(entry["record"])
            first["is_new"] = first["is_new"] or entry["is_new"]
    return result


def hits_for(session: Session, user: User) -> list[dict]:
    """Return the hits between the user's offices and others, newest first, as plain dicts."""
    if not access.can_see_content(user):
        return []
    return _entries(session, user, list(session.scalars(_hits_query(user))))


def pending_hits(session: Session, user: User) -> list[dict]:
    """Return the unseen hits addressed to the user (or to the user's office as a whole)."""
    if not access.can_see_content(user):
        return []
    hits = list(session.scalars(_hits_query(user)))
    offices = access.office_ids_in_scope(session, user)
    mine = []
    for hit in hits:
        side = _hit_side(hit, offices)
        if side is None or getattr(hit, f"seen_{side}_at") is not None:
            continue
        recipient = getattr(hit, f"recipient_{side}_id")
        if recipient in (None, user.id):
            mine.append(hit)
    return _entries(session, user, mine)


def visible_hit(session: Session, user: User, hit_id: object) -> tuple[CrossBorderHit, str] | None:
    """Load a hit with one side in the user's scope, and that side; None otherwise."""
    try:
        hit_id = int(hit_id)
    except (TypeError, ValueError):
        return None
    hit = session.scalar(_hits_query(user).where(CrossBorderHit.id == hit_id))
    if hit is None:
        return None
    side = _hit_side(hit, access.office_ids_in_scope(session, user))
    return (hit, side) if side else None


def share(session: Session, user: User, hit: CrossBorderHit, side: str) -> None:
    """Let the other office see this side's record name and case reference (recorded consent)."""
    if getattr(hit, f"shared_{side}_at") is not None:
        raise LinkError("already shared")
    setattr(hit, f"shared_{side}_at", clock.now())
    setattr(hit, f"shared_{side}_by_id", user.id)
    setattr(hit, f"seen_{side}_at", getattr(hit, f"seen_{side}_at") or clock.now())
    session.flush()


def mark_seen(session: Session, hit: CrossBorderHit, side: str) -> None:
    """Record that this side has taken note of the hit."""
    if getattr(hit, f"seen_{side}_at") is None:
        setattr(hit, f"seen_{side}_at", clock.now())
        session.flush()


def hit_counts_by_country(session: Session) -> list[dict]:
    """Count the hits between each pair of countries, for coordinators: figures only."""
    office_a, office_b = Office.__table__.alias("oa"), Office.__table__.alias("ob")
    rows = session.execute(
        select(office_a.c.country_code, office_b.c.country_code, CrossBorderHit.kind, func.count())
        .join(office_a, office_a.c.id == CrossBorderHit.office_a_id)
        .join(office_b, office_b.c.id == CrossBorderHit.office_b_id)
        .outerjoin(PartyLink, PartyLink.id == CrossBorderHit.party_link_id)
        .where(or_(PartyLink.id.is_(None), PartyLink.state != LinkState.REJECTED))
        .group_by(office_a.c.country_code, office_b.c.country_code, CrossBorderHit.kind)
    )
    table: dict[tuple[str, str], dict] = defaultdict(lambda: {"party": 0, "asset": 0})
    for country_a, country_b, kind, count in rows:
        pair = tuple(sorted((country_a, country_b)))
        table[pair][HitKind(kind).value] += count
    return [
        {"countries": list(pair), "party": counts["party"], "asset": counts["asset"]}
        for pair, counts in sorted(table.items())
    ]
