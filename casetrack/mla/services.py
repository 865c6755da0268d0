"""Requests: drafting, registering, supplementing and listing (SPEC §1–§3).

Services take a session and flush; the request commits. Pages and the API share them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session, selectinload

from casetrack import access, directory
from casetrack.access import Side
from casetrack.concurrency import check_version
from casetrack.mla import lifecycle, texts
from casetrack.mla.numbering import next_reference
from casetrack.models import (
    Asset,
    Case,
    CaseParty,
    Channel,
    Deadline,
    DeadlineState,
    Office,
    Party,
    PartyRole,
    Request,
    RequestAsset,
    RequestLegalBasis,
    RequestParty,
    RequestStatus,
    Role,
    StatusChange,
    Treaty,
    User,
)
from casetrack.reference_data import ASSISTANCE_TYPES

ASSISTANCE_CODES = [t["code"] for t in ASSISTANCE_TYPES]


class InvalidInput(ValueError):
    """Input that breaks a domain rule; ``fields`` maps each field to its messages."""

    def __init__(self, fields: dict[str, list[str]]):
        self.fields = fields
        super().__init__("; ".join(m for messages in fields.values() for m in messages))


# --- the drafting form's sections -------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One part of the guided drafting form and the requirement items it holds."""

    number: int
    key: str
    fields: tuple[str, ...]
    items: tuple[str, ...]


SECTIONS = (
    Section(
        1,
        "basis",
        ("requested_office_id", "channel", "legal_bases", "is_reciprocity"),
        ("legal_basis", "requested_authority"),
    ),
    Section(
        2,
        "proceedings",
        ("subject", "proceedings_stage", "proceedings_authority"),
        ("case_number", "subject", "proceedings"),
    ),
    Section(
        3,
        "facts",
        ("facts", "offences", "offence_text", "damage"),
        ("facts", "offences", "offence_text", "damage"),
    ),
    Section(
        4,
        "persons",
        ("persons", "assets"),
        (
            "persons_identity",
            "persons_particulars",
            "company_details",
            "asset_description",
            "asset_location",
            "asset_value",
        ),
    ),
    Section(5, "assistance", ("assistance_types", "measures"), ("assistance_sought",)),
    Section(
        6,
        "procedures",
        (
            "procedures",
            "purpose",
            "is_urgent",
            "urgency_reason",
            "is_confidential",
            "has_speciality_undertaking",
            "execution_requested_on",
            "languages",
        ),
        ("purpose", "urgency_reason"),
    ),
    Section(
        7,
        "annexes",
        ("annexes", "signatory_name", "signatory_title"),
        ("asset_order", "requesting_authority"),
    ),
)
SECTION_BY_KEY = {s.key: s for s in SECTIONS}

TEXT_FIELDS = (
    "subject",
    "proceedings_stage",
    "proceedings_authority",
    "facts",
    "offences",
    "offence_text",
    "damage",
    "procedures",
    "purpose",
    "urgency_reason",
    "signatory_name",
    "signatory_title",
    "counterpart_reference",
)
BOOL_FIELDS = ("is_urgent", "is_confidential", "has_speciality_undertaking", "is_reciprocity")


def parse_measures(text: str) -> list[dict]:
    """Read measures written one block each, questions on lines starting with "-" or "?"."""
    measures: list[dict] = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        body, questions = [], []
        for line in lines:
            if line[0] in "-?•" and (body or questions):
                questions.append(line[1:].strip())
            else:
                body.append(line)
        measures.append({"text": " ".join(body), "questions": [q for q in questions if q]})
    return measures


def format_measures(measures: list[dict]) -> str:
    """Write measures back as the drafting form's text, one block each."""
    blocks = []
    for measure in measures or []:
        lines = [measure.get("text", "")]
        lines += [f"- {q}" for q in measure.get("questions") or []]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def parse_annexes(text: str) -> list[dict]:
    """Read annexes one a line as "title | pages | order" (the last two optional)."""
    annexes = []
    for line in (text or "").splitlines():
        parts = [p.strip() for p in line.split("|")]
        if not parts[0]:
            continue
        pages = next((int(p) for p in parts[1:] if p.isdigit()), None)
        is_order = any(p.lower() in ("order", "постановление") for p in parts[1:])
        annexes.append({"title": parts[0], "pages": pages, "is_order": is_order})
    return annexes


def format_annexes(annexes: list[dict]) -> str:
    """Write annexes back as the drafting form's text."""
    lines = []
    for annex in annexes or []:
        parts = [annex.get("title", "")]
        if annex.get("pages"):
            parts.append(str(annex["pages"]))
        if annex.get("is_order"):
            parts.append("order")
        lines.append(" | ".join(parts))
    return "\n".join(lines)


# --- who may do what ---------------------------------------------------------------------


def can_edit(user: User, request: Request) -> bool:
    """Tell whether the user may change the request's content: its drafter's side, in draft."""
    return (
        request.status == RequestStatus.DRAFT
        and user.role in (Role.PROSECUTOR, Role.CENTRAL_AUTHORITY)
        and access.request_side(user, request) == Side.REQUESTING
    )


def can_supplement(user: User, request: Request) -> bool:
    """Tell whether the user may draft a supplementary request to ``request``."""
    return (
        request.case_id is not None
        and request.status != RequestStatus.DRAFT
        and access.request_side(user, request) == Side.REQUESTING
    )


def can_register(user: User) -> bool:
    """Tell whether the user registers incoming paper requests (central authorities)."""
    return user.role == Role.CENTRAL_AUTHORITY


# --- reading -----------------------------------------------------------------------------


def visible_cases(session: Session, user: User) -> list[Case]:
    """The cases the user may draft a request from, newest first."""
    stmt = access.scoped(Case, user).options(selectinload(Case.office))
    return list(session.scalars(stmt.order_by(Case.opened_on.desc(), Case.id.desc())))


def counterpart_offices(session: Session, requesting: Office) -> list[Office]:
    """Every office of the directory a request from ``requesting`` may go to."""
    return [o for o in directory.offices(session) if o.id != requesting.id]


def proposed_treaties(session: Session, request: Request) -> list[Treaty]:
    """The treaties that bind both the requesting and the requested state."""
    return directory.treaties_between(
        session,
        request.requesting_office.country_code,
        request.requested_office.country_code,
    )


def all_treaties(session: Session) -> list[Treaty]:
    """Every treaty of the directory, with its requirements."""
    return directory.treaties_between(session)


def case_parties(session: Session, request: Request) -> list[CaseParty]:
    """The parties of the request's case, which section 4 chooses from."""
    if request.case_id is None:
        return []
    links = session.scalars(
        select(CaseParty)
        .where(CaseParty.case_id == request.case_id)
        .options(selectinload(CaseParty.party))
        .order_by(CaseParty.id)
    )
    # A party may hold several roles in a case; the request names it once.
    first: dict[int, CaseParty] = {}
    for link in links:
        first.setdefault(link.party_id, link)
    return list(first.values())


def case_assets(session: Session, request: Request) -> list[Asset]:
    """The assets identified in the request's case."""
    if request.case_id is None:
        return []
    return list(
        session.scalars(select(Asset).where(Asset.case_id == request.case_id).order_by(Asset.id))
    )


def load(session: Session, user: User, request_id: Any) -> Request:
    """Load a request the user may read in full, with what its page shows, or answer 404."""
    request = access.get_or_404(session, Request, user, request_id)
    session.scalars(
        select(Request)
        .where(Request.id == request.id)
        .options(
            selectinload(Request.legal_bases)
            .selectinload(RequestLegalBasis.treaty)
            .selectinload(Treaty.requirements),
            selectinload(Request.persons)
            .selectinload(RequestParty.party)
            .selectinload(Party.documents),
            selectinload(Request.assets).selectinload(RequestAsset.asset),
            selectinload(Request.history).selectinload(StatusChange.actor),
        )
    ).all()
    return request


def linked_requests(session: Session, user: User, request: Request) -> dict:
    """The parent and the supplementary requests the user may see."""
    children = list(
        session.scalars(
            access.scoped(Request, user).where(Request.parent_id == request.id).order_by(Request.id)
        )
    )
    parent = None
    if request.parent_id is not None:
        parent = session.scalar(access.scoped(Request, user).where(Request.id == request.parent_id))
    return {"parent": parent, "children": children}


def deadlines_of(session: Session, request: Request) -> list[Deadline]:
    """The deadlines of a request, soonest first."""
    return list(
        session.scalars(
            select(Deadline)
            .where(Deadline.request_id == request.id)
            .options(selectinload(Deadline.owner_office))
            .order_by(Deadline.due_on, Deadline.id)
        )
    )


# --- lists -------------------------------------------------------------------------------

SORTS = {
    # Year then number, so that /10 follows /9 (a text sort would put it after /1).
    "reference": (Request.year.asc(), Request.seq.asc(), Request.id.asc()),
    "-reference": (Request.year.desc(), Request.seq.desc(), Request.id.desc()),
    "sent": (Request.sent_at.asc(), Request.id.asc()),
    "-sent": (Request.sent_at.desc(), Request.id.desc()),
    "status": (Request.status.asc(), Request.id.asc()),
    "-status": (Request.status.desc(), Request.id.desc()),
}


@dataclass
class ListFilters:
    """What the request lists filter on."""

    direction: str = "outgoing"
    status: str | None = None
    country: str | None = None
    office: str | None = None
    overdue: bool = False
    sort: str = "-reference"


def overdue_condition(today: date):
    """True for requests with an open deadline already past its date."""
    return exists().where(
        Deadline.request_id == Request.id,
        Deadline.state == DeadlineState.OPEN,
        Deadline.due_on < today,
    )


def list_query(user: User, filters: ListFilters, today: date) -> Select:
    """Select the visible requests of one direction matching the filters, in order."""
    stmt = access.scoped(Request, user).options(
        selectinload(Request.requesting_office),
        selectinload(Request.requested_office),
    )
    if filters.direction == "incoming":
        stmt = stmt.where(access.office_in_scope(user, Request.requested_office_id))
        counterpart_column = Request.requesting_office_id
    else:
        stmt = stmt.where(access.office_in_scope(user, Request.requesting_office_id))
        counterpart_column = Request.requested_office_id
    if filters.status:
        stmt = stmt.where(Request.status == RequestStatus(filters.status))
    if filters.country:
        stmt = stmt.where(
            counterpart_column.in_(
                select(Office.id).where(Office.country_code == filters.country.upper())
            )
        )
    if filters.office:
        stmt = stmt.where(
            counterpart_column.in_(select(Office.id).where(Office.code == filters.office.upper()))
        )
    if filters.overdue:
        stmt = stmt.where(overdue_condition(today))
    return stmt.order_by(*SORTS.get(filters.sort, SORTS["-reference"]))


def overdue_ids(session: Session, requests: list[Request], today: date) -> set[int]:
    """Which of ``requests`` have an open deadline past its date (one query for a page)."""
    ids = [r.id for r in requests]
    if not ids:
        return set()
    return set(
        session.scalars(
            select(Deadline.request_id).where(
                Deadline.request_id.in_(ids),
                Deadline.state == DeadlineState.OPEN,
                Deadline.due_on < today,
            )
        )
    )


# --- writing -----------------------------------------------------------------------------


def _new_request(session: Session, numbering_office: Office, **fields) -> Request:
    year = date.today().year
    reference, seq = next_reference(session, numbering_office, year)
    request = Request(reference=reference, year=year, seq=seq, **fields)
    session.add(request)
    return request


def create_request(
    session: Session,
    user: User,
    case: Case,
    requested_office_id: Any,
    channel: str | None = None,
    data: dict | None = None,
) -> Request:
    """Open a draft request from a case, numbered in the case office's register."""
    if user.role not in (Role.PROSECUTOR, Role.CENTRAL_AUTHORITY) or not access.is_office_in_scope(
        user, case.office
    ):
        raise InvalidInput({"case_id": [_("Choose one of your cases.")]})
    requested = _requested_office(session, case.office, requested_office_id)
    request = _new_request(
        session,
        case.office,
        case=case,
        requesting_office=case.office,
        requested_office=requested,
        channel=_channel(channel),
        subject=case.title,
        facts=case.summary,
        offences="; ".join(p for p in (case.offences, case.offence_articles) if p),
        proceedings_authority=case.office.name_en,
        signatory_name=user.name,
        created_by=user,
        updated_by_id=user.id,
        measures=[],
        annexes=[],
        assistance_types=[],
        languages=[],
    )
    session.flush()
    if data:
        _apply(session, request, data)
        session.flush()
    return request


def _channel(value: str | None) -> Channel:
    try:
        return Channel(value) if value else Channel.CENTRAL_AUTHORITY
    except ValueError:
        raise InvalidInput({"channel": [_("Choose a channel from the list.")]}) from None


def _requested_office(session: Session, requesting: Office, office_id: Any) -> Office:
    office = None
    try:
        office = session.get(Office, int(office_id))
    except (TypeError, ValueError):
        office = None
    if office is None:
        raise InvalidInput({"requested_office_id": [_("Choose the requested office.")]})
    if office.id == requesting.id:
        raise InvalidInput(
            {"requested_office_id": [_("An office cannot send a request to itself.")]}
        )
    return office


def update_request(
    session: Session, user: User, request: Request, data: dict, version: Any
) -> Request:
    """Save some of a draft's content; fields not given keep their value."""
    check_version(request, version)
    if not can_edit(user, request):
        raise lifecycle.TransitionRefused(_("Only a draft can be changed, by its drafting side."))
    _apply(session, request, data)
    request.updated_by_id = user.id
    session.flush()
    return request


def _apply(session: Session, request: Request, data: dict) -> None:
    errors: dict[str, list[str]] = {}
    # Languages first: the texts that follow may be given per language.
    if "languages" in data:
        codes = [c.strip().lower() for c in data["languages"] or [] if c.strip()]
        if any(len(c) != 2 or not c.isalpha() for c in codes):
            errors["languages"] = [_("Give two-letter language codes, e.g. ru, en.")]
        texts.set_languages(request, list(dict.fromkeys(codes)))
    for name in TEXT_FIELDS:
        if name in data and name in texts.FIELDS:
            texts.apply(request, name, data[name], errors)
        elif name in data:
            setattr(request, name, (data[name] or "").strip())
    for name in BOOL_FIELDS:
        if name in data:
            setattr(request, name, bool(data[name]))
    if "requested_office_id" in data:
        try:
            request.requested_office = _requested_office(
                session, request.requesting_office, data["requested_office_id"]
            )
        except InvalidInput as error:
            errors.update(error.fields)
    if "channel" in data:
        try:
            request.channel = _channel(data["channel"])
        except InvalidInput as error:
            errors.update(error.fields)
    if "execution_requested_on" in data:
        request.execution_requested_on = data["execution_requested_on"] or None
    if "assistance_types" in data:
        types = list(dict.fromkeys(data["assistance_types"] or []))
        unknown = [t for t in types if t not in ASSISTANCE_CODES]
        if unknown:
            errors["assistance_types"] = [
                _("Unknown assistance type: %(types)s.", types=", ".join(unknown))
            ]
        request.assistance_types = types
    if "measures" in data and isinstance(data["measures"], dict):
        per_language = data["measures"]
        first = (texts.languages(request) or [""])[0]
        if first in per_language:
            request.measures = _clean_measures(per_language[first], errors)
        texts.apply(
            request, "measures", {k: v for k, v in per_language.items() if k != first}, errors
        )
    elif "measures" in data:
        request.measures = _clean_measures(data["measures"], errors)
    if "annexes" in data:
        request.annexes = _clean_annexes(data["annexes"], errors)
    if "legal_bases" in data:
        _set_legal_bases(session, request, data["legal_bases"] or [], errors)
    if "persons" in data:
        _set_persons(session, request, data["persons"] or [], errors)
    if "assets" in data:
        _set_assets(session, request, data["assets"] or [], errors)
    if request.is_reciprocity and request.legal_bases:
        errors.setdefault("is_reciprocity", []).append(
            _("Reciprocity is the basis only where no treaty is cited.")
        )
    if request.is_urgent is False and "is_urgent" in data:
        texts.apply(request, "urgency_reason", data.get("urgency_reason") or "", errors)
    if errors:
        raise InvalidInput(errors)


def _clean_measures(measures: Any, errors: dict) -> list[dict]:
    clean = []
    for measure in measures or []:
        if not isinstance(measure, dict) or not str(measure.get("text", "")).strip():
            errors["measures"] = [_("Each measure needs a text.")]
            continue
        questions = measure.get("questions") or []
        clean.append(
            {
                "text": str(measure["text"]).strip(),
                "questions": [str(q).strip() for q in questions if str(q).strip()],
            }
        )
    return clean


def _clean_annexes(annexes: Any, errors: dict) -> list[dict]:
    clean = []
    for annex in annexes or []:
        if not isinstance(annex, dict) or not str(annex.get("title", "")).strip():
            errors["annexes"] = [_("Each annex needs a title.")]
            continue
        pages = annex.get("pages")
        if pages is not None and (not isinstance(pages, int) or pages < 1):
            errors["annexes"] = [_("The number of pages must be a positive whole number.")]
            pages = None
        clean.append(
            {
                "title": str(annex["title"]).strip(),
                "pages": pages,
                "is_order": bool(annex.get("is_order")),
            }
        )
    return clean


def _set_legal_bases(session: Session, request: Request, bases: list, errors: dict) -> None:
    """Keep, change, add and drop legal bases in place (one row per treaty)."""
    wanted: dict[int, str] = {}
    for basis in bases:
        treaty = None
        key = basis.get("treaty_id") or basis.get("treaty")
        if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
            treaty = session.get(Treaty, int(key))
        elif isinstance(key, str):
            treaty = session.scalar(select(Treaty).where(Treaty.code == key.upper()))
        if treaty is None:
            errors["legal_bases"] = [_("Unknown treaty: %(treaty)s.", treaty=key)]
            continue
        wanted[treaty.id] = (basis.get("articles") or "").strip()[:255]
    for link in list(request.legal_bases):
        if link.treaty_id in wanted:
            link.articles = wanted.pop(link.treaty_id)
        else:
            request.legal_bases.remove(link)
    for treaty_id, articles in wanted.items():
        request.legal_bases.append(
            RequestLegalBasis(treaty=session.get(Treaty, treaty_id), articles=articles)
        )


def _set_persons(session: Session, request: Request, persons: list, errors: dict) -> None:
    """Name the case's parties in the request, each with its role."""
    allowed = {cp.party_id for cp in case_parties(session, request)}
    wanted: dict[int, PartyRole] = {}
    for person in persons:
        try:
            party_id = int(person.get("party_id"))
            role = PartyRole(person.get("role") or "other")
        except (TypeError, ValueError):
            errors["persons"] = [_("Each person needs a party and a known role.")]
            continue
        if party_id not in allowed:
            errors["persons"] = [_("Only parties of the request's case can be named.")]
            continue
        wanted[party_id] = role
    for link in list(request.persons):
        if link.party_id in wanted:
            link.role = wanted.pop(link.party_id)
        else:
            request.persons.remove(link)
    for party_id, role in wanted.items():
        request.persons.append(RequestParty(party=session.get(Party, party_id), role=role))


def _set_assets(session: Session, request: Request, asset_ids: list, errors: dict) -> None:
    """Name assets of the request's case in the request."""
    allowed = {a.id for a in case_assets(session, request)}
    wanted = set()
    for asset_id in asset_ids:
        try:
            asset_id = int(asset_id)
        except (TypeError, ValueError):
            asset_id = None
        if asset_id not in allowed:
            errors["assets"] = [_("Only assets of the request's case can be named.")]
            continue
        wanted.add(asset_id)
    for link in list(request.assets):
        if link.asset_id in wanted:
            wanted.discard(link.asset_id)
        else:
            request.assets.remove(link)
    for asset_id in sorted(wanted):
        request.assets.append(RequestAsset(asset=session.get(Asset, asset_id)))


def create_supplementary(session: Session, user: User, parent: Request) -> Request:
    """Draft a supplementary request to ``parent`` with its basis, offices and case."""
    if not can_supplement(user, parent):
        raise lifecycle.TransitionRefused(
            _("Only the requesting side drafts a supplementary request to a sent request.")
        )
    child = _new_request(
        session,
        parent.requesting_office,
        parent=parent,
        case_id=parent.case_id,
        requesting_office=parent.requesting_office,
        requested_office=parent.requested_office,
        channel=parent.channel,
        is_reciprocity=parent.is_reciprocity,
        counterpart_reference=parent.counterpart_reference,
        subject=parent.subject,
        proceedings_stage=parent.proceedings_stage,
        proceedings_authority=parent.proceedings_authority,
        facts=parent.facts,
        offences=parent.offences,
        offence_text=parent.offence_text,
        damage=parent.damage,
        languages=list(parent.languages or []),
        signatory_name=user.name,
        created_by=user,
        updated_by_id=user.id,
        measures=[],
        annexes=[],
        assistance_types=[],
    )
    for basis in parent.legal_bases:
        child.legal_bases.append(RequestLegalBasis(treaty=basis.treaty, articles=basis.articles))
    session.flush()
    return child


def registrable_requesting_offices(session: Session) -> list[Office]:
    """Non-member offices, whose paper requests a central authority registers by hand."""
    return [o for o in directory.offices(session) if not o.is_member]


def registrable_requested_offices(session: Session, user: User) -> list[Office]:
    """The offices of the central authority's country, one of which executes the request."""
    return directory.offices(session, country=user.office.country_code)


def register_incoming(session: Session, user: User, data: dict) -> Request:
    """Register by hand a request received on paper from a non-member office.

    Its reference is taken in the registering central authority's register (a non-member has
    no register here); the counterpart's own number is kept as ``counterpart_reference``. The
    year and sequence columns count the non-member's registered requests, so that two
    central authorities registering from the same counterpart never collide.
    """
    if not can_register(user):
        raise lifecycle.TransitionRefused(_("Only a central authority registers requests."))
    errors: dict[str, list[str]] = {}
    requesting = _office_or_none(session, data.get("requesting_office_id"))
    if requesting is None or requesting.is_member:
        errors["requesting_office_id"] = [_("Choose a requesting office that is not a member.")]
    requested = _office_or_none(session, data.get("requested_office_id"))
    if requested is None or requested.country_code != user.office.country_code:
        errors["requested_office_id"] = [_("Choose an office of your country.")]
    received_on = data.get("received_on") or date.today()
    letter_on = data.get("letter_on")
    if received_on > date.today():
        errors["received_on"] = [_("The date of receipt cannot be in the future.")]
    if letter_on and letter_on > received_on:
        errors["letter_on"] = [_("The letter cannot be dated after its receipt.")]
    if not (data.get("subject") or "").strip():
        errors["subject"] = [_("Give the subject of the request.")]
    if errors:
        raise InvalidInput(errors)
    reference, _seq = next_reference(session, user.office, date.today().year)
    _ref, seq = next_reference(session, requesting, date.today().year)
    request = Request(
        reference=reference,
        year=date.today().year,
        seq=seq,
        case_id=None,
        requesting_office=requesting,
        requested_office=requested,
        is_registered_by_hand=True,
        created_by=user,
        updated_by_id=user.id,
        measures=[],
        annexes=[],
        assistance_types=[],
        languages=[],
        status=RequestStatus.RECEIVED,
        sent_at=lifecycle.milestone(letter_on or received_on, date.today()),
    )
    session.add(request)
    _apply(
        session,
        request,
        {
            key: data[key]
            for key in (
                "counterpart_reference",
                "subject",
                "facts",
                "offences",
                "assistance_types",
                "measures",
                "channel",
                "legal_bases",
            )
            if key in data
        },
    )
    session.flush()
    lifecycle.register(session, user, request, received_on)
    return request


def _office_or_none(session: Session, office_id: Any) -> Office | None:
    try:
        return session.get(Office, int(office_id))
    except (TypeError, ValueError):
        return None
