"""Importing statements into a case, linking them to its assets and parties.

Services take a session and never commit. An import is idempotent twice over: the same file
(by SHA-256) is refused for the case, and a row already imported from any statement of the
case (by the hash of its values) is not added again. Accounts are linked to the office's
assets by account number or IBAN (``Asset.identifier_key``), names to the case's parties with
the cross-border matcher (``casetrack.links.matching``), so that "TOO STEPPE TRADE" finds
ТОО «Степь Трейд».
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from casetrack import audit
from casetrack.links import matching, name_forms
from casetrack.links.refresh import record_of
from casetrack.models import (
    Asset,
    AssetOwner,
    Case,
    CaseParty,
    Party,
    PartyKind,
    Request,
    Statement,
    Transaction,
    User,
)
from casetrack.money import statements

#: A statement larger than this is refused before it is read (ours).
MAX_STATEMENT_BYTES = 5 * 1024 * 1024
#: Rows shown in a preview besides every row that could not be read.
PREVIEW_ROWS = 50


class AlreadyImported(Exception):
    """The same file was imported into this case before."""

    def __init__(self, statement: Statement):
        super().__init__(f"This file was already imported on {statement.imported_at:%Y-%m-%d}.")
        self.statement = statement


class UnreadableRows(Exception):
    """Rows could not be read and the user did not choose to leave them out."""

    def __init__(self, reading: statements.Reading):
        super().__init__(f"{len(reading.bad)} rows could not be read; nothing was saved.")
        self.reading = reading


@dataclass
class Outcome:
    """What one import did."""

    statement: Statement
    added: int
    known: int
    skipped: int
    linked_accounts: int
    linked_names: int


def known_hashes(session: Session, case: Case, hashes: list[str]) -> set[str]:
    """Return the row hashes already imported into ``case``."""
    found: set[str] = set()
    for start in range(0, len(hashes), 500):
        found.update(
            session.scalars(
                select(Transaction.row_hash).where(
                    Transaction.case_id == case.id,
                    Transaction.row_hash.in_(hashes[start : start + 500]),
                )
            )
        )
    return found


@dataclass
class Preview:
    """A statement read with a mapping, before anything is saved: what an import would do."""

    reading: statements.Reading
    sha256: str
    #: The statement of the case imported from the same file, if any.
    already: Statement | None

    @property
    def shown(self) -> list[statements.Row]:
        """Every row that could not be read, and the first PREVIEW_ROWS that could."""
        rows, good = [], 0
        for row in self.reading.rows:
            if not row.ok or good < PREVIEW_ROWS:
                rows.append(row)
                good += row.ok
        return rows


def preview(
    session: Session,
    case: Case,
    data: bytes,
    file_name: str,
    mapping: dict[str, int | None] | Callable[[list[str]], dict[str, int | None]] | None = None,
    *,
    number_format: str = "auto",
    date_format: str = "auto",
    default_currency: str = "",
) -> Preview:
    """Read a statement for ``case`` row by row; nothing is saved.

    ``mapping`` says which column holds each field: given, made from the header by a
    function, or (None) guessed from the header's words. A file too large, empty or not a
    table raises StatementError.
    """
    if len(data) > MAX_STATEMENT_BYTES:
        raise TooLarge()
    table = statements.read_table(data, file_name)
    header = [str(h) for h in table[0]]
    if mapping is None:
        mapping = statements.guess_mapping(header)
    elif callable(mapping):
        mapping = mapping(header)
    reading = statements.read(
        table,
        mapping,
        number_format=number_format,
        date_format=date_format,
        default_currency=default_currency,
    )
    reading.known = known_hashes(session, case, [r.row_hash for r in reading.good])
    digest = statements.sha256(data)
    return Preview(reading, digest, previous_import(session, case, digest))


class TooLarge(statements.StatementError):
    """A statement over MAX_STATEMENT_BYTES."""

    def __init__(self) -> None:
        super().__init__(f"The file is larger than {MAX_STATEMENT_BYTES // 2**20} MB.")


def previous_import(session: Session, case: Case, digest: str) -> Statement | None:
    """Return the statement of ``case`` imported from the same file, if any."""
    return session.scalar(
        select(Statement).where(Statement.case_id == case.id, Statement.sha256 == digest)
    )


def _account_assets(session: Session, case: Case, keys: set[str]) -> dict[str, Asset]:
    """Map account keys to the office's assets with that identifier, the case's first."""
    keys = {k for k in keys if len(k) >= 5}
    if not keys:
        return {}
    found: dict[str, Asset] = {}
    assets = session.scalars(
        select(Asset)
        .where(Asset.office_id == case.office_id, Asset.identifier_key.in_(keys))
        .options(selectinload(Asset.owners))
        .order_by(Asset.id)
    )
    for asset in sorted(assets, key=lambda a: (a.case_id != case.id, a.id)):
        found.setdefault(asset.identifier_key, asset)
    return found


def _name_matcher(session: Session, case: Case):
    """Return a function naming the party of the case (or owning its assets) a name is."""
    parties = list(
        session.scalars(
            select(Party)
            .where(
                Party.id.in_(
                    select(CaseParty.party_id)
                    .where(CaseParty.case_id == case.id)
                    .union(
                        select(AssetOwner.party_id)
                        .join(Asset, Asset.id == AssetOwner.asset_id)
                        .where(Asset.case_id == case.id)
                    )
                    .scalar_subquery()
                )
            )
            .options(selectinload(Party.names), selectinload(Party.documents))
            .order_by(Party.id)
        )
    )
    records = [(p, record_of(p)) for p in parties]
    cache: dict[str, Party | None] = {}

    def find(name: str) -> Party | None:
        if not name.strip():
            return None
        if name in cache:
            return cache[name]
        best, best_score = None, matching.THRESHOLD
        for party, record in records:
            is_company = party.kind == PartyKind.COMPANY
            candidate = matching.Record(
                id=0,
                office_id=0,
                is_company=is_company,
                spellings=[name_forms.spelling(name, is_company=is_company)],
            )
            score = matching.compare(candidate, record).score
            if score >= best_score:
                best, best_score = party, score
        cache[name] = best
        return best

    return find


def import_statement(
    session: Session,
    user: User,
    case: Case,
    data: bytes,
    file_name: str,
    mapping: dict[str, int | None],
    *,
    number_format: str = "auto",
    date_format: str = "auto",
    default_currency: str = "",
    request: Request | None = None,
    leave_out_bad_rows: bool = False,
) -> Outcome:
    """Import a statement into a visible case; nothing is added when anything is refused."""
    if len(data) > MAX_STATEMENT_BYTES:
        raise TooLarge()
    digest = statements.sha256(data)
    earlier = previous_import(session, case, digest)
    if earlier is not None:
        raise AlreadyImported(earlier)
    reading = statements.read(
        statements.read_table(data, file_name),
        mapping,
        number_format=number_format,
        date_format=date_format,
        default_currency=default_currency,
    )
    if reading.problems:
        raise statements.StatementError(" ".join(reading.problems))
    if reading.bad and not leave_out_bad_rows:
        raise UnreadableRows(reading)
    good = reading.good
    known = known_hashes(session, case, [r.row_hash for r in good])
    fresh = [r for r in good if r.row_hash not in known]
    keys = {r.values[f"{s}_account_key"] for r in fresh for s in ("payer", "payee")}
    assets = _account_assets(session, case, keys)
    find_party = _name_matcher(session, case)
    statement = Statement(
        office_id=case.office_id,
        case_id=case.id,
        request_id=request.id if request is not None else None,
        file_name=file_name[:255],
        sha256=digest,
        mapping={
            **{k: v for k, v in mapping.items()},
            "number_format": number_format,
            "date_format": date_format,
            "currency": default_currency,
        },
        row_count=len(reading.rows),
        added_count=len(fresh),
        imported_by_id=user.id,
    )
    session.add(statement)
    session.flush()
    linked_accounts: set[str] = set()
    linked_names: set[str] = set()
    for row in fresh:
        v = row.values
        links: dict = {}
        for side in ("payer", "payee"):
            asset = assets.get(v[f"{side}_account_key"])
            party = find_party(v[f"{side}_name"])
            if party is not None:
                linked_names.add(v[f"{side}_name"])
            if asset is not None:
                linked_accounts.add(asset.identifier_key)
                if party is None and len(asset.owners) == 1:
                    party = session.get(Party, asset.owners[0].party_id)
            links[f"{side}_asset_id"] = asset.id if asset else None
            links[f"{side}_party_id"] = party.id if party else None
        session.add(
            Transaction(
                statement_id=statement.id,
                office_id=case.office_id,
                case_id=case.id,
                row_number=row.number,
                row_hash=row.row_hash,
                booked_on=v["booked_on"],
                amount=v["amount"],
                currency=v["currency"],
                payer_account=v["payer_account"],
                payer_account_key=v["payer_account_key"],
                payer_name=v["payer_name"],
                payee_account=v["payee_account"],
                payee_account_key=v["payee_account_key"],
                payee_name=v["payee_name"],
                reference=v["reference"],
                **links,
            )
        )
    audit.record(
        session,
        "statement.import",
        statement,
        file_name=statement.file_name,
        sha256=digest,
        rows=len(reading.rows),
        added=len(fresh),
        already_known=len(good) - len(fresh),
        left_out=len(reading.bad),
    )
    session.flush()
    return Outcome(
        statement,
        len(fresh),
        len(good) - len(fresh),
        len(reading.bad),
        len(linked_accounts),
        len(linked_names),
    )


# --- flows -------------------------------------------------------------------------------
