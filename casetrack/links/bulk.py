"""Matching the whole register at once (``links-refresh``, after a bulk load), in chunks.

``casetrack.links.hooks`` re-matches only the parties a transaction changed, one by one.
A full refresh instead reads every record once, in chunks of ids, and generates candidate
pairs by blocking: two people are compared only when they share a document number, or a
surname key (in either gender's form) together with the first letter of another name word;
two companies when they share a registry number or their whole folded name. Each candidate
pair is scored once (``matching.compare``) instead of once from each side. Reading and
blocking are ``links/blocking.py``; this module writes what they find.

The writes go out in chunks, each its own transaction with its audit events sealed in one
go (``audit.append_events``), so a refresh never holds the trail's lock for more than one
chunk: log-ins and edits wait at most for one chunk, never for the refresh.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from casetrack import audit, clock, db_bulk
from casetrack.links import matching
from casetrack.links.blocking import (
    MIN_IDENTIFIER_LENGTH,
    candidate_pairs,
    load_records,
    score_pairs,
)
from casetrack.models import (
    Asset,
    AssetLink,
    Case,
    CaseParty,
    CrossBorderHit,
    HitKind,
    LinkState,
    PartyLink,
)

#: Links written per transaction.
WRITE_CHUNK = 2000


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _responsible(session: Session) -> dict[int, int]:
    """The lead prosecutor of each party's first case (hits are addressed to them)."""
    leads: dict[int, int] = {}
    for party_id, lead in session.execute(
        select(CaseParty.party_id, Case.lead_prosecutor_id)
        .join(Case, Case.id == CaseParty.case_id)
        .where(Case.lead_prosecutor_id.is_not(None))
        .order_by(CaseParty.id)
    ):
        leads.setdefault(party_id, lead)
    return leads


def _event(action: str, table: str, object_id, office_id, before=None, after=None) -> dict:
    return {
        "action": action,
        "object_type": table,
        "object_id": object_id,
        "office_id": office_id,
        "before": before,
        "after": after,
    }


def refresh_parties(session: Session, echo: Callable[[str], None] = lambda _: None) -> int:
    """Match every party again; decisions stay; commits chunk by chunk; returns the links."""
    records = load_records(session)
    pairs = candidate_pairs(records)
    echo(f"  {len(records)} parties, {len(pairs)} candidate pairs")
    matches = score_pairs(records, pairs)
    existing = {
        (row.party_a_id, row.party_b_id): row
        for row in session.execute(
            select(
                PartyLink.id,
                PartyLink.party_a_id,
                PartyLink.party_b_id,
                PartyLink.state,
                PartyLink.score,
                PartyLink.reasons,
            )
        )
    }
    hit_links = set(
        session.scalars(select(CrossBorderHit.party_link_id).where(CrossBorderHit.kind == "party"))
    )
    leads = _responsible(session)
    session.commit()  # the reading is done: no lock is held while the writes wait their turn

    stale = [
        row
        for key, row in existing.items()
        if key not in matches and row.state == LinkState.PROPOSED
    ]
    for chunk in _chunks(stale, WRITE_CHUNK):
        ids = [row.id for row in chunk]
        hits = session.execute(
            select(CrossBorderHit.id, CrossBorderHit.party_link_id, CrossBorderHit.office_a_id)
            .where(CrossBorderHit.party_link_id.in_(ids))
        ).all()  # fmt: skip
        session.execute(delete(CrossBorderHit).where(CrossBorderHit.party_link_id.in_(ids)))
        session.execute(delete(PartyLink).where(PartyLink.id.in_(ids)))
        events = [_event("delete", "cross_border_hits", h.id, h.office_a_id) for h in hits]
        events += [
            _event("delete", "party_links", row.id, records[row.party_a_id].office_id
                   if row.party_a_id in records else None,
                   before={"party_a_id": row.party_a_id, "party_b_id": row.party_b_id,
                           "score": row.score})
            for row in chunk
        ]  # fmt: skip
        audit.append_events(session, events)
        session.commit()

    now = clock.now()
    changed = []
    for key, comparison in matches.items():
        row = existing.get(key)
        if row is None:
            continue
        if row.state != LinkState.REJECTED and (
            row.score != comparison.score or row.reasons != comparison.reasons
        ):
            changed.append((row, comparison))
    for chunk in _chunks(changed, WRITE_CHUNK):
        table = PartyLink.__table__
        session.connection().execute(
            update(table)
            .where(table.c.id == bindparam("link_id"))
            .values(score=bindparam("new_score"), reasons=bindparam("new_reasons"),
                    updated_at=now, version=table.c.version + 1),
            [{"link_id": row.id, "new_score": comparison.score,
              "new_reasons": comparison.reasons} for row, comparison in chunk],
        )  # fmt: skip
        events = [
            _event("update", "party_links", row.id, records[key_a(row)].office_id,
                   before={"score": row.score}, after={"score": comparison.score})
            for row, comparison in chunk
        ]  # fmt: skip
        audit.append_events(session, events)
        session.commit()

    new = sorted(key for key in matches if key not in existing)
    for chunk in _chunks(new, WRITE_CHUNK):
        rows = [
            {"party_a_id": a, "party_b_id": b, "office_a_id": records[a].office_id,
             "office_b_id": records[b].office_id, "state": LinkState.PROPOSED,
             "score": matches[(a, b)].score, "reasons": matches[(a, b)].reasons,
             "created_at": now, "updated_at": now, "version": 1}
            for a, b in chunk
        ]  # fmt: skip
        ids = db_bulk.insert_rows(session, PartyLink.__table__, rows)
        events = [
            _event("create", "party_links", link_id, records[row["party_a_id"]].office_id,
                   after=audit.plain(row))
            for link_id, row in zip(ids, rows, strict=True)
        ]  # fmt: skip
        hits = []
        for link_id, (a, b) in zip(ids, chunk, strict=True):
            if records[a].office_id != records[b].office_id:
                hits.append(_hit_row(link_id, records[a], records[b], leads, now))
        events += _write_hits(session, hits)
        audit.append_events(session, events)
        session.commit()

    # Decided or kept links across offices that lost their hit get it back.
    missing = [
        (row.id, key)
        for key, row in existing.items()
        if key in matches and row.state != LinkState.REJECTED and row.id not in hit_links
        and records[key[0]].office_id != records[key[1]].office_id
    ]  # fmt: skip
    for chunk in _chunks(missing, WRITE_CHUNK):
        hits = [_hit_row(link_id, records[a], records[b], leads, now) for link_id, (a, b) in chunk]
        audit.append_events(session, _write_hits(session, hits))
        session.commit()
    return session.scalar(select(func.count(PartyLink.id))) or 0


def key_a(row) -> int:
    return row.party_a_id


def _hit_row(link_id, a: matching.Record, b: matching.Record, leads, now) -> dict:
    return {
        "kind": HitKind.PARTY,
        "party_link_id": link_id,
        "asset_link_id": None,
        "office_a_id": a.office_id,
        "office_b_id": b.office_id,
        "recipient_a_id": leads.get(a.id),
        "recipient_b_id": leads.get(b.id),
        "created_at": now,
    }


def _write_hits(session: Session, hits: list[dict]) -> list[dict]:
    if not hits:
        return []
    ids = db_bulk.insert_rows(session, CrossBorderHit.__table__, hits)
    return [
        _event("create", "cross_border_hits", hit_id, row["office_a_id"], after=audit.plain(row))
        for hit_id, row in zip(ids, hits, strict=True)
    ]


def refresh_assets(session: Session) -> int:
    """Link every pair of assets recorded under one identifier; commits in chunks."""
    groups: dict[str, list] = defaultdict(list)
    shared = (
        select(Asset.identifier_key)
        .where(func.length(Asset.identifier_key) >= MIN_IDENTIFIER_LENGTH)
        .group_by(Asset.identifier_key)
        .having(func.count(Asset.id) > 1)
    )
    for row in session.execute(
        select(Asset.id, Asset.identifier_key, Asset.office_id, Case.lead_prosecutor_id)
        .outerjoin(Case, Case.id == Asset.case_id)
        .where(Asset.identifier_key.in_(shared))
        .order_by(Asset.id)
    ):
        groups[row.identifier_key].append(row)
    wanted = {}
    for members in groups.values():
        for a, b in combinations(members, 2):
            wanted[(a.id, b.id)] = (a, b)
    existing = {
        (row.asset_a_id, row.asset_b_id): row.id
        for row in session.execute(select(AssetLink.id, AssetLink.asset_a_id, AssetLink.asset_b_id))
    }
    hit_links = set(
        session.scalars(select(CrossBorderHit.asset_link_id).where(CrossBorderHit.kind == "asset"))
    )
    session.commit()
    stale = [link_id for key, link_id in existing.items() if key not in wanted]
    for chunk in _chunks(stale, WRITE_CHUNK):
        session.execute(delete(CrossBorderHit).where(CrossBorderHit.asset_link_id.in_(chunk)))
        session.execute(delete(AssetLink).where(AssetLink.id.in_(chunk)))
        audit.append_events(session, [_event("delete", "asset_links", i, None) for i in chunk])
        session.commit()
    now = clock.now()
    new = sorted(key for key in wanted if key not in existing)
    for chunk in _chunks(new, WRITE_CHUNK):
        rows = [{"asset_a_id": a, "asset_b_id": b, "created_at": now} for a, b in chunk]
        ids = db_bulk.insert_rows(session, AssetLink.__table__, rows)
        events = [
            _event("create", "asset_links", i, wanted[key][0].office_id, after=audit.plain(r))
            for i, key, r in zip(ids, chunk, rows, strict=True)
        ]
        hits = []
        for link_id, key in zip(ids, chunk, strict=True):
            a, b = wanted[key]
            if a.office_id != b.office_id and link_id not in hit_links:
                hits.append(
                    {"kind": HitKind.ASSET, "party_link_id": None, "asset_link_id": link_id,
                     "office_a_id": a.office_id, "office_b_id": b.office_id,
                     "recipient_a_id": a.lead_prosecutor_id,
                     "recipient_b_id": b.lead_prosecutor_id, "created_at": now}
                )  # fmt: skip
        events += _write_hits(session, hits)
        audit.append_events(session, events)
        session.commit()
    return session.scalar(select(func.count(AssetLink.id))) or 0


def refresh_all(session: Session, echo: Callable[[str], None] = lambda _: None) -> tuple[int, int]:
    """Match every party and asset again, chunk by chunk; return the links that exist."""
    parties = refresh_parties(session, echo)
    assets = refresh_assets(session)
    return parties, assets
