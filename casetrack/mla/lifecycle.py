"""The life of a request (SPEC §3) as one state machine shared by the pages and the API.

Each action names the states it leaves, the state it reaches, the side that takes it and the
roles on that side who may. Where the office on that side does not work on casetrack, the
other side records the step from the counterpart's letter instead. Taking a step (its input,
the move, the registration of a paper request) is ``mla/transitions.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from flask_babel import lazy_gettext as _l

from casetrack import access
from casetrack.access import Side
from casetrack.db import utcnow
from casetrack.models import (
    Request,
    RequestStatus,
    Role,
    User,
)

S = RequestStatus
BOTH_ROLES = frozenset({Role.PROSECUTOR, Role.CENTRAL_AUTHORITY})
CA_ONLY = frozenset({Role.CENTRAL_AUTHORITY})


@dataclass(frozen=True)
class Action:
    """One step of the lifecycle: where it may start, where it leads and who takes it."""

    name: str
    label: object
    sources: frozenset[RequestStatus]
    #: None for a step that keeps the status (a dispatch to the executing office).
    target: RequestStatus | None
    side: Side
    roles: frozenset[Role]
    needs_comment: bool = False
    needs_grounds: bool = False
    needs_until: bool = False
    #: The step names an office of the requested country that will execute the request.
    needs_office: bool = False
    #: Steps that travel only inside casetrack (approval, sending) are never recorded for a
    #: counterpart; the others are, when the counterpart is not a member.
    is_recordable: bool = True


_ACTIVE = frozenset(
    {
        S.DRAFT,
        S.PENDING_APPROVAL,
        S.APPROVED,
        S.SENT,
        S.RECEIVED,
        S.IN_EXECUTION,
        S.INFORMATION_REQUESTED,
        S.PARTIALLY_EXECUTED,
        S.POSTPONED,
    }
)

ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action(
            "submit",
            _l("Submit for approval"),
            frozenset({S.DRAFT}),
            S.PENDING_APPROVAL,
            Side.REQUESTING,
            BOTH_ROLES,
            is_recordable=False,
        ),
        Action(
            "reject",
            _l("Return to the drafter"),
            frozenset({S.PENDING_APPROVAL}),
            S.DRAFT,
            Side.REQUESTING,
            CA_ONLY,
            needs_comment=True,
            is_recordable=False,
        ),
        Action(
            "approve",
            _l("Approve"),
            frozenset({S.PENDING_APPROVAL}),
            S.APPROVED,
            Side.REQUESTING,
            CA_ONLY,
            is_recordable=False,
        ),
        Action(
            "send",
            _l("Send"),
            frozenset({S.APPROVED}),
            S.SENT,
            Side.REQUESTING,
            CA_ONLY,
            is_recordable=False,
        ),
        # A central authority registers a paper request by hand; it starts the life there.
        Action(
            "register",
            _l("Register"),
            frozenset(),
            S.RECEIVED,
            Side.REQUESTED,
            CA_ONLY,
            is_recordable=False,
        ),
        Action(
            "acknowledge",
            _l("Acknowledge receipt"),
            frozenset({S.SENT}),
            S.RECEIVED,
            Side.REQUESTED,
            BOTH_ROLES,
        ),
        # The requested country's central authority hands the request to the office that will
        # execute it, with an internal due date and note; dispatching again reassigns it.
        Action(
            "dispatch",
            _l("Assign to an executing office"),
            frozenset(
                {
                    S.RECEIVED,
                    S.IN_EXECUTION,
                    S.INFORMATION_REQUESTED,
                    S.PARTIALLY_EXECUTED,
                    S.POSTPONED,
                }
            ),
            None,
            Side.REQUESTED,
            CA_ONLY,
            needs_office=True,
            is_recordable=False,
        ),
        Action(
            "start",
            _l("Start execution"),
            frozenset({S.RECEIVED}),
            S.IN_EXECUTION,
            Side.REQUESTED,
            BOTH_ROLES,
        ),
        Action(
            "partially_execute",
            _l("Record partial execution"),
            frozenset({S.IN_EXECUTION}),
            S.PARTIALLY_EXECUTED,
            Side.REQUESTED,
            BOTH_ROLES,
        ),
        Action(
            "execute",
            _l("Record execution"),
            frozenset({S.IN_EXECUTION, S.PARTIALLY_EXECUTED}),
            S.EXECUTED,
            Side.REQUESTED,
            BOTH_ROLES,
        ),
        Action(
            "ask_info",
            _l("Ask for information"),
            frozenset({S.IN_EXECUTION}),
            S.INFORMATION_REQUESTED,
            Side.REQUESTED,
            BOTH_ROLES,
            needs_comment=True,
        ),
        Action(
            "provide_info",
            _l("Provide the information"),
            frozenset({S.INFORMATION_REQUESTED}),
            S.IN_EXECUTION,
            Side.REQUESTING,
            BOTH_ROLES,
        ),
        Action(
            "refuse",
            _l("Refuse"),
            frozenset({S.RECEIVED, S.IN_EXECUTION, S.INFORMATION_REQUESTED, S.POSTPONED}),
            S.REFUSED,
            Side.REQUESTED,
            BOTH_ROLES,
            needs_grounds=True,
        ),
        Action(
            "postpone",
            _l("Postpone"),
            frozenset({S.IN_EXECUTION}),
            S.POSTPONED,
            Side.REQUESTED,
            BOTH_ROLES,
            needs_comment=True,
            needs_until=True,
        ),
        Action(
            "resume",
            _l("Resume execution"),
            frozenset({S.POSTPONED}),
            S.IN_EXECUTION,
            Side.REQUESTED,
            BOTH_ROLES,
        ),
        Action(
            "withdraw",
            _l("Withdraw"),
            _ACTIVE,
            S.WITHDRAWN,
            Side.REQUESTING,
            BOTH_ROLES,
        ),
    )
}


def _other(side: Side) -> Side:
    return Side.REQUESTED if side == Side.REQUESTING else Side.REQUESTING


def _office_on(request: Request, side: Side):
    return request.requesting_office if side == Side.REQUESTING else request.requested_office


def is_recording(action: Action, request: Request) -> bool:
    """Tell whether ``action`` is taken by the other side from a non-member's letter."""
    return action.is_recordable and not _office_on(request, action.side).is_member


def may_take(user: User, request: Request, action: Action) -> bool:
    """Tell whether the user's side and role allow ``action`` on ``request`` (state aside)."""
    side = access.request_side(user, request)
    if side is None:
        return False
    if action.needs_office:
        return access.may_dispatch(user, request)
    if is_recording(action, request):
        return side == _other(action.side) and user.role in BOTH_ROLES
    return side == action.side and user.role in action.roles


def allowed_actions(user: User, request: Request) -> list[Action]:
    """The steps the user may take on ``request`` now, in lifecycle order (the page's buttons)."""
    return [
        action
        for action in ACTIONS.values()
        if request.status in action.sources and may_take(user, request, action)
    ]


def milestone(effective_on: date, today: date) -> datetime:
    """The moment a step dated ``effective_on`` is recorded as having happened."""
    # A step taken today keeps its exact time; a counterpart's earlier letter counts from the
    # start of the day it bears.
    return utcnow() if effective_on == today else datetime.combine(effective_on, time(), UTC)
