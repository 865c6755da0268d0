"""Reading requests: what a request's pages load, and the filtered, sorted request lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload

from casetrack import access, directory
from casetrack.deadlines import state as deadline_state
from casetrack.models import (
    Asset,
    Case,
    CaseParty,
    Deadline,
    Office,
    Party,
    Request,
    RequestAsset,
    RequestLegalBasis,
    RequestParty,
    RequestStatus,
    StatusChange,
    Treaty,
    User,
)
from casetrack.treaties import binding


def visible_cases(session: Session, user: User) -> list[Case]:
    """The cases the user may draft a request from, newest first."""
    stmt = access.scoped(Case, user).options(selectinload(Case.office))
    return list(session.scalars(stmt.order_by(Case.opened_on.desc(), Case.id.desc())))


def counterpart_offices(session: Session, requesting: Office) -> list[Office]:
    """Every office of the directory a request from ``requesting`` may go to."""
    return [o for o in directory.offices(session) if o.id != requesting.id]


def proposed_treaties(session: Session, request: Request) -> binding.Answer:
    """The treaties that bind both states on the request's date, and why the others do not."""
    return binding.for_request(session, request)


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
    #: One of casetrack.mla.queues.QUEUES: the list narrowed to what waits for the user.
    queue: str | None = None


def list_query(user: User, filters: ListFilters, today: date) -> Select:
    """Select the visible requests of one direction matching the filters, in order."""
    stmt = access.scoped(Request, user).options(
        selectinload(Request.requesting_office),
        selectinload(Request.requested_office),
    )
    if filters.direction == "incoming":
        # Incoming: addressed to the user's offices, or dispatched to one of them to execute.
        stmt = stmt.where(
            or_(
                access.office_in_scope(user, Request.requested_office_id),
                access.office_in_scope(user, Request.executing_office_id),
            )
        )
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
        stmt = stmt.where(deadline_state.request_overdue(today))
    if filters.queue:
        from casetrack.mla import queues

        stmt = stmt.where(queues.condition(user, filters.queue, today))
    return stmt.order_by(*SORTS.get(filters.sort, SORTS["-reference"]))
