"""Candidate pairs for a full refresh: every party record read once in chunks, blocked by
shared documents and name keys, each pair scored once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casetrack.links import matching, name_forms
from casetrack.models import (
    IdentityDocument,
    Party,
    PartyKind,
    PartyName,
)

#: Parties read per query.
READ_CHUNK = 5000


#: A block larger than this is a common word, not evidence: it is skipped, as the per-party
#: lookup narrows a surname shared by more than refresh.COMMON_BLOCK parties.
MAX_BLOCK = 200


MIN_IDENTIFIER_LENGTH = 5


_PARTY_COLUMNS = (
    Party.id,
    Party.office_id,
    Party.kind,
    Party.birth_date,
    Party.nationality,
    Party.registration_number,
    Party.tax_id,
    Party.jurisdiction,
)


def _records(session: Session, rows, names_of, documents_of) -> dict[int, matching.Record]:
    """Build the records of ``rows`` (parties) from their names and documents (three reads)."""
    kinds = {row.id: row.kind == PartyKind.COMPANY for row in rows}
    if not kinds:
        return {}
    spellings = defaultdict(list)
    for n in session.execute(
        select(
            PartyName.party_id,
            PartyName.full_name,
            PartyName.surname,
            PartyName.given_name,
            PartyName.patronymic,
        )
        .where(names_of)
        .order_by(PartyName.party_id, PartyName.is_primary.desc(), PartyName.id)
    ):
        if n.party_id in kinds:
            spellings[n.party_id].append(
                name_forms.spelling(
                    n.full_name, n.surname, n.given_name, n.patronymic, kinds[n.party_id]
                )
            )
    documents = defaultdict(list)
    for d in session.execute(
        select(
            IdentityDocument.party_id,
            IdentityDocument.kind,
            IdentityDocument.number_key,
            IdentityDocument.issuing_country,
        ).where(documents_of)
    ):
        documents[d.party_id].append((d.kind, d.number_key, d.issuing_country or ""))
    return {
        row.id: matching.Record(
            id=row.id,
            office_id=row.office_id,
            is_company=kinds[row.id],
            spellings=spellings[row.id],
            birth_date=row.birth_date,
            nationality=row.nationality or "",
            documents=documents[row.id],
            registration_number=(row.registration_number or "").replace(" ", "").upper(),
            tax_id=(row.tax_id or "").replace(" ", "").upper(),
            jurisdiction=row.jurisdiction or "",
        )
        for row in rows
    }


def records_of(session: Session, ids: list[int]) -> dict[int, matching.Record]:
    """Read the parties with these ids as ``matching.Record``s (in id order)."""
    if not ids:
        return {}
    ids = sorted(set(ids))
    rows = session.execute(select(*_PARTY_COLUMNS).where(Party.id.in_(ids)).order_by(Party.id))
    return _records(
        session, rows.all(), PartyName.party_id.in_(ids), IdentityDocument.party_id.in_(ids)
    )


def load_records(session: Session) -> dict[int, matching.Record]:
    """Read every party as a ``matching.Record``, chunk by chunk of ids."""
    records: dict[int, matching.Record] = {}
    last_id = 0
    while True:
        rows = session.execute(
            select(*_PARTY_COLUMNS).where(Party.id > last_id).order_by(Party.id).limit(READ_CHUNK)
        ).all()
        if not rows:
            break
        first, last_id = rows[0].id, rows[-1].id
        records.update(
            _records(
                session,
                rows,
                PartyName.party_id.between(first, last_id),
                IdentityDocument.party_id.between(first, last_id),
            )
        )
    return records


def block_keys(record: matching.Record) -> set[tuple]:
    """Return the keys under which a record meets its candidates."""
    keys: set[tuple] = set()
    for _, number, _ in record.documents:
        if number:
            keys.add(("doc", number))
    if record.is_company:
        for number in (record.registration_number, record.tax_id):
            if number:
                keys.add(("reg", number))
        for s in record.spellings:
            if s.core:
                keys.add(("company", " ".join(sorted(s.core))))
        return keys
    for s in record.spellings:
        if not s.core:
            continue
        surnames = [s.surname_index] if s.surname_index is not None else list(range(len(s.core)))
        for index in surnames:
            word = s.core[index]
            if len(word) < 2:
                continue
            others = {w[:1] for i, w in enumerate(s.core) if i != index and w} or {""}
            for variant in name_forms.gender_variants(word):
                for initial in others:
                    keys.add(("person", variant, initial))
    return keys


def candidate_pairs(records: dict[int, matching.Record]) -> set[tuple[int, int]]:
    """Return the (lower id, higher id) pairs that share a block."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for record in records.values():
        for key in block_keys(record):
            blocks[key].append(record.id)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if 1 < len(members) <= MAX_BLOCK:
            pairs.update(combinations(sorted(members), 2))
    return pairs


def score_pairs(
    records: dict[int, matching.Record], pairs: Iterable[tuple[int, int]]
) -> dict[tuple[int, int], matching.Comparison]:
    """Compare each candidate pair once; keep those at or above the threshold."""
    found = {}
    for a, b in pairs:
        if not matching.may_match(records[a], records[b]):
            continue
        comparison = matching.compare(records[a], records[b])
        if comparison.score >= matching.THRESHOLD:
            found[(a, b)] = comparison
    return found
