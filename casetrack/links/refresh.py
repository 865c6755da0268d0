"""Computing match proposals and cross-border hits for every office.

Proposals are computed across all offices whenever a party or asset changes (see
``casetrack.links.hooks``) and by ``flask casetrack links-refresh``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import distinct, func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from casetrack.links import blocking, matching, name_forms
from casetrack.models import (
    Asset,
    AssetLink,
    Case,
    CaseParty,
    CrossBorderHit,
    HitKind,
    IdentityDocument,
    LinkState,
    Party,
    PartyKind,
    PartyLink,
    PartyNameToken,
)

#: At most this many candidates are scored for one party, the best-sharing first.
MAX_CANDIDATES = 200
#: A surname key shared by more parties than this is a common name: alone it is no evidence
#: (``links-refresh`` skips such blocks likewise, ``blocking.MAX_BLOCK``).
COMMON_BLOCK = 200


#: Identifiers shorter than this ("1", "cash") are not evidence of one asset.
MIN_IDENTIFIER_LENGTH = 5


def record_of(party: Party) -> matching.Record:
    """Return what a party record says about who it is, for ``matching.compare``."""
    is_company = party.kind == PartyKind.COMPANY
    return matching.Record(
        id=party.id,
        office_id=party.office_id,
        is_company=is_company,
        spellings=[
            name_forms.spelling(n.full_name, n.surname, n.given_name, n.patronymic, is_company)
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
    """Look up the parties that share a surname key, a document or a registration number.

    Asked of the token index, in SQL, bounded: a surname key (either gender's form) shared
    by at most ``COMMON_BLOCK`` parties brings all of them; a commoner one only the parties
    that also share another of the record's words (as ``links-refresh`` skips blocks that
    large, ``casetrack.links.bulk``). At most ``MAX_CANDIDATES`` either way, those sharing
    most words first. Each lookup reads the (token, party_id) index alone.
    """
    found: list[int] = []
    surnames = matching.blocking_tokens(record)
    if surnames:
        token = PartyNameToken.token
        sharing = (
            select(PartyNameToken.party_id)
            .where(token.in_(surnames), PartyNameToken.party_id != record.id)
            .distinct()
        )
        size = session.scalar(
            select(func.count()).select_from(sharing.limit(COMMON_BLOCK + 1).subquery())
        )
        words = {w for s in record.spellings for w in s.core if w and w not in surnames}
        other = aliased(PartyNameToken)
        stmt = (
            select(PartyNameToken.party_id)
            .join(Party, Party.id == PartyNameToken.party_id)
            .where(
                token.in_(surnames | words),
                PartyNameToken.party_id.in_(sharing),
                Party.kind == kind,
            )
        )
        if size > COMMON_BLOCK:
            stmt = (
                stmt.where(PartyNameToken.party_id.in_(select(other.party_id).where(
                    other.token.in_(words))))
                if words else None
            )  # fmt: skip
        if stmt is not None:
            found.extend(
                session.scalars(
                    stmt.group_by(PartyNameToken.party_id)
                    .order_by(func.count(distinct(token)).desc(), PartyNameToken.party_id)
                    .limit(MAX_CANDIDATES)
                )
            )
    numbers = {key for _, key, _ in record.documents if key}
    if numbers:
        found.extend(
            session.scalars(
                select(IdentityDocument.party_id)
                .where(
                    IdentityDocument.number_key.in_(numbers),
                    IdentityDocument.party_id != record.id,
                )
                .limit(MAX_CANDIDATES)
            )
        )
    registration = {n for n in (record.registration_number, record.tax_id) if n}
    if registration and record.is_company:
        found.extend(
            session.scalars(
                select(Party.id)
                .where(
                    or_(
                        Party.registration_number.in_(registration), Party.tax_id.in_(registration)
                    ),
                    Party.id != record.id,
                    Party.kind == PartyKind.COMPANY,
                )
                .limit(MAX_CANDIDATES)
            )
        )
    return list(dict.fromkeys(found))


@dataclass
class Candidate:
    """A party that may be the same identity as another, with the comparison."""

    party: Party
    comparison: matching.Comparison


def find_matches(session: Session, party: Party) -> list[Candidate]:
    """Score every indexed candidate for ``party`` and return those above the threshold.

    The candidates are read as plain rows (``blocking.records_of``: three statements, whatever
    their number); only those that match are loaded as parties.
    """

    record = record_of(party)
    others = blocking.records_of(session, candidate_ids(session, record, party.kind))
    scored = {}
    for other in others.values():
        if other.is_company != record.is_company or not matching.may_match(record, other):
            continue
        comparison = matching.compare(record, other)
        if comparison.score >= matching.THRESHOLD:
            scored[other.id] = comparison
    parties = {
        p.id: p for p in session.scalars(select(Party).where(Party.id.in_(list(scored))))
    } if scored else {}  # fmt: skip
    found = [Candidate(parties[i], c) for i, c in scored.items() if i in parties]
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
            (a_id, a_office), (b_id, b_office) = sorted(
                ((party.id, party.office_id), (other_id, candidate.party.office_id))
            )
            link = PartyLink(
                party_a_id=a_id,
                party_b_id=b_id,
                office_a_id=a_office,
                office_b_id=b_office,
                score=score,
                reasons=evidence,
            )
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
