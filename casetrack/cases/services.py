"""Cases: the rules for opening, editing, closing and reading a case file.

Services take a session and flush; the request commits. Pages and the API share them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, selectinload

from casetrack import access, clock, history, labels
from casetrack.concurrency import check_version
from casetrack.models import (
    Asset,
    AssetOwner,
    Case,
    CaseParty,
    CaseStatus,
    Deadline,
    Party,
    Request,
    User,
)
from casetrack.validation import InvalidInput, NotAllowed

SORTS = {
    "reference": Case.reference.asc(),
    "-reference": Case.reference.desc(),
    "opened": Case.opened_on.asc(),
    "-opened": Case.opened_on.desc(),
    "status": Case.status.asc(),
    "-status": Case.status.desc(),
}
EDITABLE = ("reference", "title", "offences", "offence_articles", "summary", "opened_on")


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


#: How a page of the case list is loaded: its ids first, then those cases with their lead
#: prosecutor and office (both many-to-one, joined), so that a page runs the same statements
#: whether it holds rows or not, and a scope of several offices sorts ids, not joined rows.
LIST_LOADING = (Case.id, joinedload(Case.lead_prosecutor), joinedload(Case.office))


def case_list_query(
    user: User,
    status: str | None = None,
    lead_id: int | None = None,
    q: str | None = None,
    sort: str = "-opened",
) -> Select:
    """Select the visible cases matching the filters, in the chosen order (page it with
    ``pagination.paginate(..., ids_first=LIST_LOADING)``)."""
    stmt = access.scoped(Case, user)
    if status:
        stmt = stmt.where(Case.status == CaseStatus(status))
    if lead_id:
        stmt = stmt.where(Case.lead_prosecutor_id == lead_id)
    if q and q.strip():
        pattern = _like(q.strip().lower())
        stmt = stmt.where(
            or_(
                func.lower(Case.reference).like(pattern, escape="\\"),
                func.lower(Case.title).like(pattern, escape="\\"),
            )
        )
    return stmt.order_by(SORTS.get(sort, SORTS["-opened"]), Case.id.desc())


def lead_candidates(session: Session, office_id: int) -> list[User]:
    """The users of an office who may lead its cases."""
    return access.office_workers(session, office_id)


def visible_leads(session: Session, user: User) -> list[User]:
    """The users who lead cases the user may see, for the list filter.

    Asked per user (the users are few) on the cases' lead index, which stops at the first
    visible case each leads: not a list of every visible case's lead, which read them all.
    """
    leads = select(Case.id).where(Case.lead_prosecutor_id == User.id, access.case_scope(user))
    return list(session.scalars(select(User).where(leads.exists()).order_by(User.name)))


def _check(session: Session, case: Case, data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    reference = (data.get("reference") or "").strip()
    if not reference:
        errors["reference"] = [_("A case needs a reference.")]
    elif session.scalar(
        select(Case.id).where(
            Case.office_id == case.office_id,
            Case.reference == reference,
            Case.id != (case.id or 0),
        )
    ):
        errors["reference"] = [_("This reference is already used in your office")]
    if not (data.get("title") or "").strip():
        errors["title"] = [_("A case needs a title.")]
    if not data.get("opened_on"):
        errors["opened_on"] = [_("Give the date the case was opened.")]
    lead_id = data.get("lead_prosecutor_id")
    if lead_id and lead_id not in {u.id for u in lead_candidates(session, case.office_id)}:
        errors["lead_prosecutor_id"] = [_("The lead prosecutor must work in the case's office.")]
    if errors:
        raise InvalidInput(errors)


def _apply_and_flush(session: Session, user: User, case: Case, data: dict[str, Any]) -> None:
    # The check above answers the usual duplicate; the savepoint catches two offices' clerks
    # saving the same reference at once, without losing the rest of the request's work.
    try:
        with session.begin_nested():
            for key in EDITABLE:
                if key in data:
                    value = data[key]
                    setattr(case, key, value.strip() if isinstance(value, str) else value)
            if "lead_prosecutor_id" in data:
                case.lead_prosecutor_id = data["lead_prosecutor_id"] or None
            case.updated_by_id = user.id
            session.add(case)
            session.flush()
    except IntegrityError:
        raise InvalidInput(
            {"reference": [_("This reference is already used in your office")]}
        ) from None


def create_case(session: Session, user: User, data: dict[str, Any]) -> Case:
    """Open a case in the user's office."""
    case = Case(office_id=user.office_id, status=CaseStatus.OPEN)
    data = {"opened_on": clock.today(), "lead_prosecutor_id": user.id, **data}
    _check(session, case, data)
    _apply_and_flush(session, user, case, data)
    return case


def update_case(session: Session, user: User, case: Case, data: dict[str, Any], version) -> Case:
    """Change a case's details, refusing an edit based on an older version."""
    check_version(case, version)
    merged = {key: getattr(case, key) for key in EDITABLE}
    merged["lead_prosecutor_id"] = case.lead_prosecutor_id
    merged.update(data)
    _check(session, case, merged)
    _apply_and_flush(session, user, case, data)
    return case


def set_status(
    session: Session, user: User, case: Case, status: CaseStatus, version, on: date | None = None
) -> Case:
    """Close, suspend or reopen a case; closing stamps closed_on, reopening clears it."""
    check_version(case, version)
    if case.status == status:
        return case
    if status not in access.case_statuses(user, case):
        raise NotAllowed(
            _(
                "A %(from)s case cannot become %(to)s.",
                **{
                    "from": labels.label(case.status),
                    "to": labels.label(status),
                },
            )
        )
    on = on or clock.today()
    if status == CaseStatus.CLOSED and not case.opened_on <= on <= clock.today():
        raise InvalidInput({"closed_on": [_("A case closes between its opening date and today.")]})
    case.status = status
    case.closed_on = on if status == CaseStatus.CLOSED else None
    case.updated_by_id = user.id
    session.flush()
    return case


@dataclass
class CaseAsset:
    """An asset shown in a case file, with why it belongs there."""

    asset: Asset
    is_recorded_in_case: bool
    owners_in_case: list[Party] = field(default_factory=list)


@dataclass
class CaseFile:
    """Everything the case page shows, loaded in a fixed number of queries."""

    links: list[CaseParty]
    assets: list[CaseAsset]
    requests: list[Request]
    deadlines: list[Deadline]
    history: list[history.HistoryEntry]


def case_file(session: Session, user: User, case: Case) -> CaseFile:
    """Load a case's parties, assets, requests, deadlines and history."""
    links = list(
        session.scalars(
            select(CaseParty)
            .join(Party)
            .where(CaseParty.case_id == case.id, access.party_scope(user))
            .options(selectinload(CaseParty.party).selectinload(Party.names))
            .order_by(CaseParty.role, Party.display_name)
        )
    )
    party_ids = {link.party_id for link in links}
    owned = select(AssetOwner.asset_id).where(AssetOwner.party_id.in_(party_ids or {0}))
    assets = list(
        session.scalars(
            access.scoped(Asset, user)
            .where(or_(Asset.case_id == case.id, Asset.id.in_(owned.scalar_subquery())))
            .options(selectinload(Asset.owners).selectinload(AssetOwner.party))
            .order_by(Asset.kind, Asset.id)
        )
    )
    case_assets = [
        CaseAsset(
            asset,
            asset.case_id == case.id,
            [o.party for o in asset.owners if o.party_id in party_ids],
        )
        for asset in assets
    ]
    requests = list(
        session.scalars(
            access.scoped(Request, user)
            .where(Request.case_id == case.id)
            .options(selectinload(Request.requested_office))
            .order_by(Request.id)
        )
    )
    request_ids = [r.id for r in requests]
    deadlines = list(
        session.scalars(
            select(Deadline)
            .where(
                or_(
                    Deadline.case_id == case.id,
                    Deadline.request_id.in_(request_ids or [0]),
                ),
                # Not the requested side's internal due date of a dispatch.
                access.deadline_scope(user),
            )
            .options(selectinload(Deadline.request))
            .order_by(Deadline.due_on, Deadline.id)
        )
    )
    objects = [("cases", case.id)]
    objects += [("case_parties", link.id) for link in links]
    objects += [("assets", item.asset.id) for item in case_assets]
    return CaseFile(links, case_assets, requests, deadlines, history.history_for(session, objects))
