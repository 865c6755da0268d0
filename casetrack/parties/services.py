"""Parties: recording persons and companies, their spellings and documents, and finding them.

Services take a session and flush; the request commits. Pages and the API share them.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from casetrack import access, clock, names
from casetrack.concurrency import check_version
from casetrack.models import (
    Asset,
    AssetOwner,
    Case,
    CaseParty,
    IdentityDocument,
    Party,
    PartyKind,
    PartyName,
    PartyNameToken,
    PartyRole,
    User,
)
from casetrack.parties.identifiers import number_error
from casetrack.parties.names import set_names
from casetrack.validation import InvalidInput

DOCUMENT_KINDS = ("passport", "national_id", "iin", "bin", "pinfl", "stir", "inn", "voen", "other")
PERSON_FIELDS = ("birth_date", "birth_place", "nationality", "address", "occupation", "notes")
COMPANY_FIELDS = (
    "registration_number",
    "tax_id",
    "jurisdiction",
    "address",
    "bank_details",
    "notes",
)
TEXT_FIELDS = set(PERSON_FIELDS + COMPANY_FIELDS) - {"birth_date"}
_KEY_SEPARATORS = re.compile(r"[\s\-]+")


def number_key(number: str) -> str:
    """Return a document number upper-cased without spaces or dashes, for matching."""
    return _KEY_SEPARATORS.sub("", number or "").upper()


#: How far the search counts each word's tokens to choose the word it starts from.
WORD_PROBE = 1000


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _starts_with(word: str):
    """The tokens that begin with ``word``, as one range of the token index.

    The range lets SQLite search the index by prefix (it cannot for LIKE 'x%'); PostgreSQL's
    text_pattern_ops index serves the LIKE. Together: one index range on both.
    """
    token = PartyNameToken.token
    return and_(token >= word, token < word + "\uffff", token.like(_like_prefix(word), escape="\\"))


def _rarest_first(session: Session, words: list[str]) -> list[str]:
    """Order the words by how many tokens each prefix matches, counted to ``WORD_PROBE``.

    A common given name ("timur") matches a hundred times the tokens of a surname at a
    hundred times the parties; the search reads only the rarest word's tokens and checks
    the others party by party, so it reads the same few rows at any size.
    """
    if len(words) < 2:
        return words
    counts = session.execute(
        select(
            *(
                select(func.count())
                .select_from(
                    select(PartyNameToken.token).where(_starts_with(w)).limit(WORD_PROBE).subquery()
                )
                .scalar_subquery()
                for w in words
            )
        )
    ).one()
    # Past the probe's cap, the longer prefix is taken as the rarer.
    order = sorted(range(len(words)), key=lambda i: (counts[i], -len(words[i]), i))
    return [words[i] for i in order]


def search_query(
    session: Session, user: User, q: str | None = None, kind: str | None = None
) -> Select:
    """Select the visible parties; with ``q``, those with a spelling matching every word.

    Each word is folded as the index is (casetrack.names) and matched as a token prefix, so
    Алиев, Aliyev, Aliev and Əliyev meet and "ali tim" finds Aliyev Timur. The rarest word
    picks the candidates from the token index; each other word is checked on a candidate's
    own tokens (a list of every party under "timur" would grow with the register).
    """
    stmt = access.scoped(Party, user).options(
        selectinload(Party.names), selectinload(Party.documents), selectinload(Party.office)
    )
    if kind:
        stmt = stmt.where(Party.kind == PartyKind(kind))
    words = _rarest_first(session, list(dict.fromkeys(names.search_tokens(q or ""))))
    # The rarest word's tokens are read within the user's offices (the parties' own scope).
    in_scope = access.office_in_scope(user, PartyNameToken.office_id)
    by_name = [
        Party.id.in_(select(PartyNameToken.party_id).where(in_scope, _starts_with(w)))
        if i == 0
        else select(PartyNameToken.name_id)
        .where(PartyNameToken.party_id == Party.id, _starts_with(w))
        .exists()
        for i, w in enumerate(words)
    ]
    key = number_key(q or "")
    if len(key) >= 4 and any(ch.isdigit() for ch in key):
        # A passport, IIN, PINFL or company registration number finds its party too.
        by_number = or_(
            Party.id.in_(
                select(IdentityDocument.party_id)
                .where(IdentityDocument.number_key == key)
                .scalar_subquery()
            ),
            _number_column(Party.registration_number) == key,
            _number_column(Party.tax_id) == key,
        )
        stmt = stmt.where(or_(and_(*by_name), by_number) if by_name else by_number)
    elif by_name:
        stmt = stmt.where(*by_name)
    return stmt.order_by(Party.display_name, Party.id)


def _number_column(column):
    """A stored number as number_key writes it: upper case, no spaces or dashes."""
    return func.upper(func.replace(func.replace(column, " ", ""), "-", ""))


def _clean_names(kind: PartyKind, rows: list[dict]) -> list[dict]:
    spellings = []
    for row in rows:
        parts = {k: (row.get(k) or "").strip() for k in ("surname", "given_name", "patronymic")}
        full = (row.get("full_name") or "").strip()
        if kind == PartyKind.COMPANY:
            parts = {"surname": "", "given_name": "", "patronymic": ""}
        if not full and not any(parts.values()):
            continue
        spellings.append({"full_name": full, **parts, "is_primary": bool(row.get("is_primary"))})
    return spellings


def _clean_documents(rows: list[dict]) -> tuple[list[dict], list[str]]:
    documents, errors = [], []
    for row in rows:
        number = (row.get("number") or "").strip()
        if not number:
            continue
        kind = (row.get("kind") or "other").strip()
        if kind not in DOCUMENT_KINDS:
            errors.append(_("Unknown kind of document: %(kind)s", kind=kind))
            continue
        if problem := number_error(kind, number):
            errors.append(problem)
        country = (row.get("issuing_country") or "").strip().upper()
        if country and not re.fullmatch(r"[A-Z]{2}", country):
            errors.append(_("Use the two-letter country code, e.g. KZ."))
        issued, expires = row.get("issued_on"), row.get("expires_on")
        if issued and expires and expires < issued:
            errors.append(_("Document %(number)s expires before it was issued.", number=number))
        documents.append(
            {
                "kind": kind,
                "number": number,
                "number_key": number_key(number),
                "issuing_country": country,
                "issued_on": issued,
                "expires_on": expires,
            }
        )
    return documents, errors


def country_code(value: str | None) -> str | None:
    """The ISO code a nationality names: a code of the country list, or its English or
    Russian name in any case ("KAZAKHSTAN", "Казахстан" → "KZ"); None if it names none."""
    from casetrack.reference_data import COUNTRIES

    wanted = (value or "").strip().casefold()
    for row in COUNTRIES:
        if wanted in (row["code"].casefold(), row["name_en"].casefold(), row["name_ru"].casefold()):
            return row["code"]
    return None


def _check(kind: PartyKind, data: dict[str, Any]) -> tuple[list[dict] | None, list[dict] | None]:
    errors: dict[str, list[str]] = {}
    nationality = (data.get("nationality") or "").strip()
    if nationality:
        code = country_code(nationality)
        if code is None:
            errors["nationality"] = [_("Choose the nationality from the country list.")]
        else:
            data["nationality"] = code
    spellings = documents = None
    if "names" in data:
        spellings = _clean_names(kind, data["names"])
        if not spellings:
            errors["names"] = [_("Give at least one name.")]
        elif sum(1 for s in spellings if s["is_primary"]) > 1:
            errors["names"] = [_("Only one name can be the primary one.")]
    if "documents" in data:
        documents, doc_errors = _clean_documents(data["documents"])
        if doc_errors:
            errors["documents"] = doc_errors
    jurisdiction = (data.get("jurisdiction") or "").strip()
    if jurisdiction and not re.fullmatch(r"[A-Za-z]{2}", jurisdiction):
        errors["jurisdiction"] = [_("Use the two-letter country code, e.g. KZ.")]
    birth = data.get("birth_date")
    if isinstance(birth, date) and birth > clock.today():
        errors["birth_date"] = [_("The date of birth cannot be in the future.")]
    if errors:
        raise InvalidInput(errors)
    return spellings, documents


def _names_changed(party: Party, spellings: list[dict]) -> bool:
    primary_index = next((i for i, s in enumerate(spellings) if s["is_primary"]), 0)
    wanted = [
        (s["full_name"], s["surname"], s["given_name"], s["patronymic"], i == primary_index)
        for i, s in enumerate(spellings)
    ]
    current = [
        (
            n.full_name if not (n.surname or n.given_name or n.patronymic) else "",
            n.surname,
            n.given_name,
            n.patronymic,
            n.is_primary,
        )
        for n in party.names
    ]
    return wanted != current


def _apply(party: Party, data: dict, spellings, documents) -> None:
    for key in TEXT_FIELDS | {"birth_date"}:
        if key in data:
            value = data[key]
            if isinstance(value, str):
                value = value.strip()
                if key in ("nationality", "jurisdiction"):
                    value = value.upper()
            setattr(party, key, value if key == "birth_date" else (value or ""))
    if spellings is not None and (not party.names or _names_changed(party, spellings)):
        set_names(party, spellings)
    if documents is not None:
        current = [
            (d.kind, d.number, d.issuing_country, d.issued_on, d.expires_on)
            for d in party.documents
        ]
        wanted = [
            (d["kind"], d["number"], d["issuing_country"], d["issued_on"], d["expires_on"])
            for d in documents
        ]
        if current != wanted:
            party.documents.clear()
            party.documents.extend(IdentityDocument(**d) for d in documents)


def create_party(
    session: Session, user: User, data: dict[str, Any], office_id: int | None = None
) -> Party:
    """Record a person or a company in an office the user works on (their own by default)."""
    kind = PartyKind(data.get("kind") or PartyKind.PERSON)
    data = {"names": [], **data}
    spellings, documents = _check(kind, data)
    party = Party(
        office_id=office_id or user.office_id, kind=kind, display_name="", updated_by_id=user.id
    )
    session.add(party)
    _apply(party, data, spellings, documents)
    session.flush()
    return party


def update_party(
    session: Session, user: User, party: Party, data: dict[str, Any], version
) -> Party:
    """Change a party's details, names or documents, refusing a stale edit."""
    check_version(party, version)
    spellings, documents = _check(party.kind, data)
    _apply(party, data, spellings, documents)
    party.updated_by_id = user.id
    session.flush()
    return party


def party_links(session: Session, user: User, party: Party) -> tuple[list[CaseParty], list[Asset]]:
    """Return the visible cases (with roles) and assets a party is linked to."""
    links = list(
        session.scalars(
            select(CaseParty)
            .join(Case)
            .where(CaseParty.party_id == party.id, access.case_scope(user))
            .options(selectinload(CaseParty.case))
            .order_by(Case.reference, CaseParty.role)
        )
    )
    assets = list(
        session.scalars(
            access.scoped(Asset, user)
            .join(AssetOwner, AssetOwner.asset_id == Asset.id)
            .where(AssetOwner.party_id == party.id)
            .options(
                selectinload(Asset.owners).selectinload(AssetOwner.party),
                selectinload(Asset.case),
            )
            .order_by(Asset.kind, Asset.id)
        )
    )
    return links, assets


def office_parties(session: Session, user: User, office_id: int) -> list[Party]:
    """The parties of one office that the user sees, by name, for choosing owners."""
    stmt = access.scoped(Party, user).where(Party.office_id == office_id)
    return list(session.scalars(stmt.order_by(Party.display_name, Party.id)))


def primary_and_other_names(party: Party) -> tuple[PartyName | None, list[PartyName]]:
    """Split a party's spellings into the primary one and the others."""
    primary = next((n for n in party.names if n.is_primary), None)
    return primary, [n for n in party.names if n is not primary]


def link_party(
    session: Session, user: User, case: Case, party: Party, role: PartyRole | str
) -> CaseParty:
    """Give a party a role in a case; both belong to the same office."""
    role = PartyRole(role)
    if party.office_id != case.office_id:
        raise InvalidInput({"party_id": [_("Only a party of the case's office can be linked.")]})
    if any(link.party_id == party.id and link.role == role for link in case.case_parties):
        raise InvalidInput({"role": [_("This party already has this role in the case.")]})
    link = CaseParty(case=case, party=party, role=role)
    session.add(link)
    session.flush()
    return link


def unlink_party(session: Session, case: Case, link_id: int) -> None:
    """Remove a party's role from a case (the party itself stays)."""
    link = next((item for item in case.case_parties if item.id == link_id), None)
    if link is None:
        raise InvalidInput({"link": [_("This party is not linked to the case.")]})
    case.case_parties.remove(link)
    session.flush()
