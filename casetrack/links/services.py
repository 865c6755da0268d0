"""Match proposals, decisions and cross-border hits: computed for every office, shown by scope.

Proposals are computed across all offices whenever a party or asset changes (see
``casetrack.links.hooks``) and by ``flask casetrack links-refresh``. What a user is shown
depends on what the user may see (casetrack.access): a pair of records the user sees both of
is a proposal to confirm or reject; a pair of which the user sees only one side is a *hit*
that names the other office and how to reach it, and nothing of the other record, until the
other side shares its record's primary name and case reference on purpose.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app, url_for
from sqlalchemy import and_, distinct, func, or_, select
from sqlalchemy.orm import Session, selectinload

from casetrack import access
from casetrack.concurrency import check_version
from casetrack.links import matching, reasons
from casetrack.models import (
    Asset,
    AssetLink,
    Case,
    CaseParty,
    CrossBorderHit,
    HitKind,
    IdentityDocument,
    LinkState,
    Office,
    Party,
    PartyKind,
    PartyLink,
    PartyNameToken,
    User,
)

#: At most this many candidates are scored for one party, the best-sharing first.
MAX_CANDIDATES = 200
#: Identifiers shorter than this ("1", "cash") are not evidence of one asset.
MIN_IDENTIFIER_LENGTH = 5


class LinkError(Exception):
    """A decision that the link's state does not allow."""


def _now() -> datetime:
    return datetime.now(UTC)


# --- computing ---------------------------------------------------------------------------


def record_of(party: Party) -> matching.Record:
    """Return what a party record says about who it is, for ``matching.compare``."""
    is_company = party.kind == PartyKind.COMPANY
    return matching.Record(
        id=party.id,
        office_id=party.office_id,
        is_company=is_company,
        spellings=[
            matching.spelling(n.full_name, n.surname, n.given_name, n.patronymic, is_company)
            for n in party.names
        ],
        birth_date=party.birth_date,
        nationality=party.nationality or "",
        documents=[(d.kind, d.number_key, d.issuing_country or "") for d in party.documents],
        registration_number=(party.registration_number or "").replace(" ", "").upper(),
        tax_id=(party.tax_id or "").replace(" ", "").upper(),
        jurisdiction=party.jurisdiction or "",
    )


def candidate_ids(session: Session, record: matching.Record, kind: PartyKind) -> list[int]:
    """Look up the parties that share a surname key, a document or a registration number."""
    found: list[int] = []
    blocking = matching.blocking_tokens(record)
    if blocking:
        every_word = set(blocking)
        for s in record.spellings:
            every_word.update(s.core)
        sharing = select(PartyNameToken.party_id).where(PartyNameToken.token.in_(blocking))
        shared = func.count(distinct(PartyNameToken.token))
        stmt = (
            select(PartyNameToken.party_id)
            .join(Party, Party.id == PartyNameToken.party_id)
            .where(
                PartyNameToken.party_id.in_(sharing.scalar_subquery()),
                PartyNameToken.token.in_(every_word),
                PartyNameToken.party_id != record.id,
                Party.kind == kind,
            )
            .group_by(PartyNameToken.party_id)
            .order_by(shared.desc(), PartyNameToken.party_id)
            .limit(MAX_CANDIDATES)
        )
        found.extend(session.scalars(stmt))
    numbers = {key for _, key, _ in record.documents if key}
    if numbers:
        found.extend(
            session.scalars(
                select(IdentityDocument.party_id).where(
                    IdentityDocument.number_key.in_(numbers),
                    IdentityDocument.party_id != record.id,
                )
            )
        )
    registration = {n for n in (record.registration_number, record.tax_id) if n}
    if registration and record.is_company:
        found.extend(
            session.scalars(
                select(Party.id).where(
                    or_(
                        Party.registration_number.in_(registration), Party.tax_id.in_(registration)
                    ),
                    Party.id != record.id,
                    Party.kind == PartyKind.COMPANY,
                )
            )
        )
    return list(dict.fromkeys(found))


def _load_parties(session: Session, ids: list[int]) -> list[Party]:
    if not ids:
        return []
    return list(
        session.scalars(
            select(Party)
            .where(Party.id.in_(ids))
            .options(selectinload(Party.names), selectinload(Party.documents))
        )
    )


@dataclass
class Candidate:
    """A party that may be the same identity as another, with the comparison."""

    party: Party
    comparison: matching.Comparison


def find_matches(session: Session, party: Party) -> list[Candidate]:
    """Score every indexed candidate for ``party`` and return those above the threshold."""
    record = record_of(party)
    others = _load_parties(session, candidate_ids(session, record, party.kind))
    found = []
    for other in others:
        if other.kind != party.kind:
            continue
        comparison = matching.compare(record, record_of(other))
        if comparison.score >= matching.THRESHOLD:
            found.append(Candidate(other, comparison))
    found.sort(key=lambda c: (-c.comparison.score, c.party.id))
    return found


def _responsible(session: Session, party_ids: list[int]) -> dict[int, int]:
    """Return the lead prosecutor of each party's first case, where it has one."""
    rows = session.execute(
        select(CaseParty.party_id, Case.lead_prosecutor_id)
        .join(Case, Case.id == CaseParty.case_id)
        .where(CaseParty.party_id.in_(party_ids), Case.lead_prosecutor_id.is_not(None))
        .order_by(CaseParty.id)
    )
    leads: dict[int, int] = {}
    for party_id, lead in rows:
        leads.setdefault(party_id, lead)
    return leads


def _ensure_party_hit(session: Session, link: PartyLink, a: Party, b: Party) -> None:
    if a.office_id == b.office_id or link.state == LinkState.REJECTED:
        return
    if session.scalar(select(CrossBorderHit.id).where(CrossBorderHit.party_link_id == link.id)):
        return
    leads = _responsible(session, [a.id, b.id])
    session.add(
        CrossBorderHit(
            kind=HitKind.PARTY,
            party_link_id=link.id,
            office_a_id=a.office_id,
            office_b_id=b.office_id,
            recipient_a_id=leads.get(a.id),
            recipient_b_id=leads.get(b.id),
        )
    )


def refresh_party(session: Session, party: Party) -> list[PartyLink]:
    """Recompute the proposals of one party; decided pairs keep their decision."""
    matches = {c.party.id: c for c in find_matches(session, party)}
    existing = {
        link.other(party.id).id: link
        for link in session.scalars(
            select(PartyLink)
            .where(or_(PartyLink.party_a_id == party.id, PartyLink.party_b_id == party.id))
            .options(selectinload(PartyLink.party_a), selectinload(PartyLink.party_b))
        )
    }
    links = []
    for other_id, link in existing.items():
        if other_id in matches or link.state != LinkState.PROPOSED:
            continue
        # A proposal the records no longer support goes; a decision stays.
        for hit in session.scalars(
            select(CrossBorderHit).where(CrossBorderHit.party_link_id == link.id)
        ):
            session.delete(hit)
        session.delete(link)
    session.flush()
    for other_id, candidate in matches.items():
        link = existing.get(other_id)
        score, evidence = candidate.comparison.score, candidate.comparison.reasons
        if link is None:
            a_id, b_id = sorted((party.id, other_id))
            link = PartyLink(party_a_id=a_id, party_b_id=b_id, score=score, reasons=evidence)
            session.add(link)
        elif link.state != LinkState.REJECTED and (link.score != score or link.reasons != evidence):
            link.score, link.reasons = score, evidence
        links.append(link)
    session.flush()
    for link in links:
        a, b = (
            (party, session.get(Party, link.party_b_id))
            if link.party_a_id == party.id
            else (
                session.get(Party, link.party_a_id),
                party,
            )
        )
        _ensure_party_hit(session, link, a, b)
    session.flush()
    return links


def refresh_asset(session: Session, asset: Asset) -> list[AssetLink]:
    """Link an asset to every other record of the same identifier, and tell other offices."""
    key = asset.identifier_key or ""
    others = []
    if len(key) >= MIN_IDENTIFIER_LENGTH:
        others = list(
            session.scalars(
                select(Asset)
                .where(Asset.identifier_key == key, Asset.id != asset.id)
                .options(selectinload(Asset.case))
            )
        )
    wanted = {o.id: o for o in others}
    existing = {
        (link.asset_b_id if link.asset_a_id == asset.id else link.asset_a_id): link
        for link in session.scalars(
            select(AssetLink).where(
                or_(AssetLink.asset_a_id == asset.id, AssetLink.asset_b_id == asset.id)
            )
        )
    }
    for other_id, link in existing.items():
        if other_id not in wanted:
            for hit in session.scalars(
                select(CrossBorderHit).where(CrossBorderHit.asset_link_id == link.id)
            ):
                session.delete(hit)
            session.delete(link)
    session.flush()
    links = []
    for other_id, other in wanted.items():
        link = existing.get(other_id)
        if link is None:
            a_id, b_id = sorted((asset.id, other_id))
            link = AssetLink(asset_a_id=a_id, asset_b_id=b_id)
            session.add(link)
            session.flush()
        links.append(link)
        a, b = (asset, other) if link.asset_a_id == asset.id else (other, asset)
        if a.office_id != b.office_id and not session.scalar(
            select(CrossBorderHit.id).where(CrossBorderHit.asset_link_id == link.id)
        ):
            session.add(
                CrossBorderHit(
                    kind=HitKind.ASSET,
                    asset_link_id=link.id,
                    office_a_id=a.office_id,
                    office_b_id=b.office_id,
                    recipient_a_id=a.case.lead_prosecutor_id if a.case else None,
                    recipient_b_id=b.case.lead_prosecutor_id if b.case else None,
                )
            )
    session.flush()
    return links


def refresh_all(session: Session) -> tuple[int, int]:
    """Recompute every party's proposals and every asset's links; return how many exist."""
    for party_id in list(session.scalars(select(Party.id).order_by(Party.id))):
        party = session.get(Party, party_id)
        if party is not None:
            refresh_party(session, party)
    for asset_id in list(
        session.scalars(select(Asset.id).where(Asset.identifier_key != "").order_by(Asset.id))
    ):
        asset = session.get(Asset, asset_id)
        if asset is not None:
            refresh_asset(session, asset)
    return (
        session.scalar(select(func.count(PartyLink.id))) or 0,
        session.scalar(select(func.count(AssetLink.id))) or 0,
    )


# --- deciding ---------------------------------------------------------------------------


def scope_office_ids(session: Session, user: User) -> set[int]:
    """Return the ids of the offices whose records the user sees."""
    if not access.can_see_content(user):
        return set()
    return set(session.scalars(select(Office.id).where(access.office_in_scope(user, Office.id))))


def visible_link(session: Session, user: User, link_id: object) -> PartyLink | None:
    """Load a link of which the user sees both records, or None."""
    try:
        link_id = int(link_id)
    except (TypeError, ValueError):
        return None
    link = session.get(PartyLink, link_id)
    offices = scope_office_ids(session, user)
    if link is None or not {link.party_a.office_id, link.party_b.office_id} <= offices:
        return None
    return link


DECISIONS = ("confirm", "reject", "reset")


def decide(
    session: Session, user: User, link: PartyLink, decision: str, version: object = None
) -> PartyLink:
    """Confirm or reject a proposed match, or put a decided one back to proposed."""
    if decision not in DECISIONS:
        raise LinkError(f"decision must be one of {', '.join(DECISIONS)}")
    if version is not None and str(version).strip() != "":
        check_version(link, version)
    if decision == "reset":
        if link.state == LinkState.PROPOSED:
            raise LinkError("this match is not decided")
        link.state, link.decided_by_id, link.decided_at = LinkState.PROPOSED, None, None
    else:
        if link.state != LinkState.PROPOSED:
            raise LinkError("this match is already decided; reset it first")
        link.state = LinkState.CONFIRMED if decision == "confirm" else LinkState.REJECTED
        link.decided_by_id, link.decided_at = user.id, _now()
    session.flush()
    return link


# --- reading ----------------------------------------------------------------------------


def record_url(endpoint: str, object_id: int) -> str | None:
    """Return the page of a record where its feature provides one, else None."""
    if endpoint not in current_app.view_functions:
        return None
    rules = current_app.url_map._rules_by_endpoint.get(endpoint, [])
    for rule in rules:
        arguments = [a for a in rule.arguments if a not in (rule.defaults or {})]
        if len(arguments) == 1:
            return url_for(endpoint, **{arguments[0]: object_id})
    return None


def request_url(case_id: int | None) -> str | None:
    """Return the page that opens a request from a case, where the MLA feature has it."""
    if case_id is None or "mla.new" not in current_app.view_functions:
        return None
    return url_for("mla.new", case_id=case_id)


def _party_entry(link: PartyLink, other: Party) -> dict:
    return {
        "link_id": link.id,
        "party_id": other.id,
        "name": other.display_name,
        "office": other.office.code,
        "url": record_url("parties.detail", other.id),
        "score": link.score,
        "state": link.state.value,
        "version": link.version,
        "reasons": reasons.describe(link.reasons),
        "decided_by": link.decided_by.name if link.decided_by else None,
        "decided_at": link.decided_at,
    }


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
    offices = scope_office_ids(session, user)
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
            result[key].append(_party_entry(link, other))
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
        .options(
            selectinload(CrossBorderHit.office_a),
            selectinload(CrossBorderHit.office_b),
            selectinload(CrossBorderHit.party_link).selectinload(PartyLink.party_a),
            selectinload(CrossBorderHit.party_link).selectinload(PartyLink.party_b),
            selectinload(CrossBorderHit.asset_link)
            .selectinload(AssetLink.asset_a)
            .selectinload(Asset.case),
            selectinload(CrossBorderHit.asset_link)
            .selectinload(AssetLink.asset_b)
            .selectinload(Asset.case),
        )
        .order_by(CrossBorderHit.created_at.desc(), CrossBorderHit.id.desc())
    )


def _first_cases(session: Session, party_ids: set[int]) -> dict[int, tuple[int, str]]:
    if not party_ids:
        return {}
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
    offices = scope_office_ids(session, user)
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
    return entries


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
    offices = scope_office_ids(session, user)
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
    side = _hit_side(hit, scope_office_ids(session, user))
    return (hit, side) if side else None


def share(session: Session, user: User, hit: CrossBorderHit, side: str) -> None:
    """Let the other office see this side's record name and case reference (recorded consent)."""
    if getattr(hit, f"shared_{side}_at") is not None:
        raise LinkError("already shared")
    setattr(hit, f"shared_{side}_at", _now())
    setattr(hit, f"shared_{side}_by_id", user.id)
    setattr(hit, f"seen_{side}_at", getattr(hit, f"seen_{side}_at") or _now())
    session.flush()


def mark_seen(session: Session, hit: CrossBorderHit, side: str) -> None:
    """Record that this side has taken note of the hit."""
    if getattr(hit, f"seen_{side}_at") is None:
        setattr(hit, f"seen_{side}_at", _now())
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


def proposals_query(user: User, state: LinkState):
    """``select(PartyLink)`` of the pairs in ``state`` whose two records the user sees."""
    a = select(Party.id).where(access.party_scope(user))
    return (
        select(PartyLink)
        .where(
            PartyLink.state == state,
            PartyLink.party_a_id.in_(a.scalar_subquery()),
            PartyLink.party_b_id.in_(a.scalar_subquery()),
        )
        .options(
            selectinload(PartyLink.party_a).selectinload(Party.office),
            selectinload(PartyLink.party_b).selectinload(Party.office),
            selectinload(PartyLink.decided_by),
        )
        .order_by(PartyLink.score.desc(), PartyLink.id)
    )


def link_entry(link: PartyLink) -> dict:
    """Return a link of two visible records as a plain dict for pages and the API."""
    return {
        "id": link.id,
        "state": link.state.value,
        "score": link.score,
        "version": link.version,
        "reasons": reasons.describe(link.reasons),
        "parties": [
            {
                "id": p.id,
                "name": p.display_name,
                "office": p.office.code,
                "url": record_url("parties.detail", p.id),
            }
            for p in (link.party_a, link.party_b)
        ],
        "decided_by": link.decided_by.name if link.decided_by else None,
        "decided_at": link.decided_at,
    }


def asset_links_for(session: Session, user: User) -> list[dict]:
    """Return the shared identifiers among the assets the user sees."""
    visible = select(Asset.id).where(access.asset_scope(user)).scalar_subquery()
    links = session.scalars(
        select(AssetLink)
        .where(AssetLink.asset_a_id.in_(visible), AssetLink.asset_b_id.in_(visible))
        .options(
            selectinload(AssetLink.asset_a).selectinload(Asset.case),
            selectinload(AssetLink.asset_b).selectinload(Asset.case),
        )
        .order_by(AssetLink.id)
        # A page lists the first hundred; the rest are reached through the assets.
        .limit(100)
    )
    return [
        {
            "id": link.id,
            "identifier": link.asset_a.identifier,
            "assets": [
                {
                    "id": asset.id,
                    "identifier": asset.identifier,
                    "case": asset.case.reference if asset.case else "",
                    "url": record_url("assets.detail", asset.id),
                }
                for asset in (link.asset_a, link.asset_b)
            ],
        }
        for link in links
    ]
