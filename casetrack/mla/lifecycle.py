"""The life of a request (SPEC §3) as one state machine shared by the pages and the API.

Each action names the states it leaves, the state it reaches, the side that takes it and the
roles on that side who may. Where the office on that side does not work on casetrack, the
other side records the step from the counterpart's letter instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from casetrack import access, clock
from casetrack.access import Side
from casetrack.concurrency import check_version
from casetrack.db import utcnow
from casetrack.mla import completeness, dispatching, letters
from casetrack.models import (
    FINAL_STATUSES,
    RefusalGround,
    Request,
    RequestStatus,
    Role,
    StatusChange,
    User,
)
from casetrack.validation import InvalidInput, NotAllowed

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


class TransitionRefused(NotAllowed):
    """The step is not open to this user in this state (the API answers 409)."""

    def __init__(self, message: str, missing: list | None = None):
        super().__init__(message)
        self.missing = missing or []

    def messages(self, lang: str) -> list[str]:
        """The refusal, then each missing item with its source."""
        return [str(self)] + [f"{m.label(lang)} ({m.citation(lang)})" for m in self.missing]

    def api_fields(self, lang: str) -> dict:
        """The missing items, each with its source, for the API's 409."""
        return {"missing": [m.as_dict(lang) for m in self.missing]} if self.missing else {}


class InvalidTransition(InvalidInput):
    """The step lacks what it needs (comment, grounds, date); ``fields`` says which."""


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


def _check_input(
    action: Action,
    comment: str,
    grounds: str | None,
    until: date | None,
    effective_on: date,
    today: date,
) -> RefusalGround | None:
    errors: dict[str, list[str]] = {}
    if action.needs_comment and not comment:
        errors["comment"] = [_("Give a comment: it is required for this step.")]
    ground = None
    if action.needs_grounds:
        try:
            ground = RefusalGround(grounds) if grounds else None
        except ValueError:
            ground = None
        if ground is None:
            errors["grounds"] = [_("Choose the grounds of the refusal.")]
    elif grounds:
        errors["grounds"] = [_("Grounds are recorded only with a refusal.")]
    if action.needs_until:
        if until is None:
            errors["until"] = [_("Give the date until which execution is postponed.")]
        elif until <= effective_on:
            errors["until"] = [_("The postponement must end after the day it starts.")]
    if effective_on > today:
        errors["effective_on"] = [_("The date of the step cannot be in the future.")]
    if errors:
        raise InvalidTransition(errors)
    return ground


def apply(
    session: Session,
    user: User,
    request: Request,
    name: str,
    *,
    comment: str = "",
    grounds: str | None = None,
    until: date | None = None,
    effective_on: date | None = None,
    version=None,
    today: date | None = None,
    details: dict | None = None,
    office: str | None = None,
    due_on: date | None = None,
) -> StatusChange:
    """Take one lifecycle step: check it, move the status, record it and update deadlines.

    ``details`` is what the step's letter carries (casetrack.mla.letters). A dispatch names
    the executing ``office`` (its code) and may give an internal ``due_on``.
    """
    today = today or clock.today()
    action = ACTIONS.get(name)
    if action is None or not action.sources:
        raise TransitionRefused(_("There is no step called “%(action)s”.", action=name))
    if version is not None:
        check_version(request, version)
    if request.status not in action.sources:
        raise TransitionRefused(
            _(
                "“%(action)s” is not possible while the request is %(status)s.",
                action=action.label,
                status=request.status.value,
            )
        )
    if not may_take(user, request, action):
        if action.needs_office:
            raise TransitionRefused(
                _("Only the central authority of the requested country assigns this request.")
            )
        raise TransitionRefused(_("This step is not yours to take on this request."))
    comment = (comment or "").strip()
    effective_on = effective_on or today
    executing = None
    if action.needs_office:
        executing, errors = dispatching.check_office(session, request, office, due_on, today)
        if errors:
            raise InvalidTransition(errors)
    elif office or due_on:
        raise InvalidTransition(
            {"office": [_("An office and a due date are given only with a dispatch.")]}
        )
    ground = _check_input(action, comment, grounds, until, effective_on, today)
    clean, files, errors = letters.check(session, request, action.name, details, effective_on)
    if errors:
        raise InvalidTransition(errors)
    if executing is not None:
        return dispatching.dispatch(
            session, user, request, action.name, executing, due_on, comment, effective_on
        )
    if action.name == "submit":
        missing = completeness.missing_items(request)
        if missing:
            raise TransitionRefused(
                _("The request cannot be submitted while items are missing."), missing
            )
    change = _move(session, user, request, action, comment, ground, until, effective_on, today)
    letters.record(request, change, clean, files)
    session.flush()
    return change


def _move(session, user, request, action, comment, ground, until, effective_on, today):
    from casetrack.deadlines.rules import apply_transition_deadlines

    change = StatusChange(
        action=action.name,
        from_status=request.status if action.sources else None,
        to_status=action.target,
        actor=user,
        effective_on=effective_on,
        comment=comment,
        grounds=ground,
        is_recorded_for_counterpart=is_recording(action, request),
    )
    request.history.append(change)
    request.status = action.target
    request.updated_by_id = user.id
    at = milestone(effective_on, today)
    if action.name == "send":
        request.sent_at = at
    if action.name == "acknowledge" or (action.name == "register" and not request.acknowledged_at):
        request.acknowledged_at = at
    if action.name == "refuse":
        request.refusal_ground = ground
    if action.name == "postpone":
        request.postponed_until = until
    if action.target in FINAL_STATUSES:
        request.closed_at = at
    session.flush()
    apply_transition_deadlines(session, request, action.name, effective_on)
    if action.name == "resume":
        request.postponed_until = None
        session.flush()
    from casetrack.notifications import services as notifications

    notifications.on_step(session, user, request, change)
    return change


def register(session: Session, user: User, request: Request, effective_on: date) -> StatusChange:
    """Record the hand registration that starts an incoming paper request's life."""
    action = ACTIONS["register"]
    if user.role not in action.roles:
        raise TransitionRefused(_("Only a central authority registers incoming requests."))
    return _move(session, user, request, action, "", None, None, effective_on, clock.today())
