"""Per-record decisions (SPEC §2): at which end of a request a user stands, and what that side may
do with the record.
"""

from __future__ import annotations

import enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from casetrack.access.capabilities import Capability, can, can_see_content, roles_with
from casetrack.access.scopes import is_office_in_scope
from casetrack.models import (
    CASE_TRANSITIONS,
    UNSENT_STATUSES,
    Case,
    CaseStatus,
    DocumentKind,
    Request,
    RequestStatus,
    User,
)


class Side(enum.StrEnum):
    """Which end of a request a user stands at."""

    REQUESTING = "requesting"
    REQUESTED = "requested"


def office_workers(session: Session, office_id: int) -> list[User]:
    """The active users of an office who work on its cases (may lead one, own a deadline)."""
    from casetrack.models import User

    return list(
        session.scalars(
            select(User)
            .where(
                User.office_id == office_id,
                User.is_active.is_(True),
                User.role.in_(roles_with(Capability.READ_CONTENT)),
            )
            .order_by(User.name)
        )
    )


def may_open_case(user: User, request: Request) -> bool:
    """Tell whether the user may open the case a request was drafted from.

    The one statement on the requesting case: its *reference* is part of the request's text
    (the letter states it and completeness asks for it), so whoever reads the request reads
    the reference — the requested side included; the case *itself* stays with the requesting
    side (SPEC §2: "never the rest of the requesting case").
    """
    return request.case_id is not None and request_side(user, request) == Side.REQUESTING


def may_see_case_reference(user: User, request: Request) -> bool:
    """Tell whether the user reads the requesting case's reference on ``request`` (see
    ``may_open_case``): whoever may read the request."""
    return request.case_id is not None and request_side(user, request) is not None


def sees_completeness(user: User, request: Request) -> bool:
    """Tell whether the request's page shows the user its completeness checklist: to the
    drafting side while the draft is written and approved."""
    return request_side(user, request) == Side.REQUESTING and request.status in (
        RequestStatus.DRAFT,
        RequestStatus.PENDING_APPROVAL,
    )


def case_statuses(user: User, case: Case) -> tuple[CaseStatus, ...]:
    """The statuses the user may move ``case`` to now (the transition table, for its office)."""
    if not can_see_content(user) or not is_office_in_scope(user, case.office):
        return ()
    return CASE_TRANSITIONS[case.status]


def case_actions(user: User, case: Case) -> dict[str, bool]:
    """What the case page offers the user: edit, and each status change the table allows."""
    statuses = case_statuses(user, case)
    return {
        "can_edit": can_see_content(user) and is_office_in_scope(user, case.office),
        "can_reopen": CaseStatus.OPEN in statuses,
        "can_suspend": CaseStatus.SUSPENDED in statuses,
        "can_close": CaseStatus.CLOSED in statuses,
        "is_open": case.status == CaseStatus.OPEN,
    }


def request_side(user: User, request: Request) -> Side | None:
    """Tell at which end of ``request`` the user stands, if any."""
    if is_office_in_scope(user, request.requesting_office):
        return Side.REQUESTING
    if is_office_in_scope(user, request.requested_office):
        return Side.REQUESTED
    if request.executing_office is not None and is_office_in_scope(user, request.executing_office):
        return Side.REQUESTED
    return None


def sees_internal_notes(user: User, request: Request) -> bool:
    """Tell whether the user reads the requested side's internal dispatch note and due date."""
    return request_side(user, request) == Side.REQUESTED


def can_edit(user: User, request: Request) -> bool:
    """Tell whether the user may change the request's content: its drafter's side, in draft."""
    return (
        request.status == RequestStatus.DRAFT
        and can_see_content(user)
        and request_side(user, request) == Side.REQUESTING
    )


def can_supplement(user: User, request: Request) -> bool:
    """Tell whether the user may draft a supplementary request to ``request``."""
    # Only a request that has gone out can be supplemented: before that, the draft is edited.
    return (
        request.case_id is not None
        and request.status not in UNSENT_STATUSES
        and request_side(user, request) == Side.REQUESTING
    )


#: Which side of a request sends each document.
ISSUING_SIDE = {
    DocumentKind.REQUEST: Side.REQUESTING,
    DocumentKind.REMINDER: Side.REQUESTING,
    DocumentKind.ACKNOWLEDGEMENT: Side.REQUESTED,
    DocumentKind.EXECUTION: Side.REQUESTED,
}


def can_issue(user: User, request: Request, kind: DocumentKind) -> bool:
    """Tell whether the user stands on the side of the request that sends ``kind``."""
    return can_see_content(user) and request_side(user, request) == ISSUING_SIDE[kind]


def may_dispatch(user: User, request: Request) -> bool:
    """Tell whether the user may hand an incoming request to an executing office: only the
    requested country's own central authority, and only where its requested office works on
    casetrack."""
    return (
        request_side(user, request) == Side.REQUESTED
        and can(user, Capability.APPROVE_AND_DISPATCH)
        and user.office.country_code == request.requested_office.country_code
        and request.requested_office.is_member
    )
