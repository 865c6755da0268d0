"""Deadline rules (SPEC §4): what each step of a request opens or closes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from casetrack import clock
from casetrack.deadlines import state as deadline_state
from casetrack.deadlines.workdays import Rule
from casetrack.models import (
    Deadline,
    DeadlineKind,
    DeadlineState,
    Request,
)

#: SPEC §4: the requested office acknowledges receipt within 7 of its business days.
ACKNOWLEDGEMENT_RULE = Rule(7, is_business=True)


#: Where neither the request nor its treaties set a date, the answer is due in 90 days.
DEFAULT_RESPONSE_RULE = Rule(90)


_TITLES = {
    DeadlineKind.ACKNOWLEDGEMENT: "Acknowledgement of receipt",
    DeadlineKind.RESPONSE_DUE: "Response due",
    DeadlineKind.FOLLOW_UP: "End of postponement",
}


def response_due(request: Request, start: date) -> tuple[date, str]:
    """The date the answer to ``request`` is due and how it was computed.

    The requested execution date wins; else the shortest default of the request's treaties;
    else 90 calendar days.
    """
    if request.execution_requested_on is not None:
        return (
            request.execution_requested_on,
            "execution date requested by the requesting office",
        )
    country = request.requested_office.country_code
    candidates = []
    for basis in request.legal_bases:
        treaty = basis.treaty
        if treaty.default_response_days:
            rule = Rule(treaty.default_response_days, treaty.default_days_are_business)
            candidates.append(
                (rule.due(start, country), f"{rule.describe(start, country)}, {treaty.code}")
            )
    if candidates:
        return min(candidates)
    return (
        DEFAULT_RESPONSE_RULE.due(start, country),
        DEFAULT_RESPONSE_RULE.describe(start, country) + ", casetrack default",
    )


def _owed(session: Session, request: Request, kinds: tuple[DeadlineKind, ...]) -> list[Deadline]:
    return list(
        session.scalars(
            select(Deadline)
            .where(
                Deadline.request_id == request.id,
                Deadline.kind.in_(kinds),
                deadline_state.owed(),
            )
            .order_by(Deadline.id)
        )
    )


def _open(
    session: Session,
    request: Request,
    kind: DeadlineKind,
    due_on: date,
    rule: str,
    replace: bool = False,
) -> Deadline:
    existing = _owed(session, request, (kind,))
    if existing:
        # Never two owed deadlines of one kind: a repeated step keeps the first, except where
        # the newer date is the one owed (a new postponement date).
        deadline = existing[0]
        if replace:
            deadline.due_on, deadline.rule = due_on, rule
        return deadline
    deadline = Deadline(
        request_id=request.id,
        kind=kind,
        title=_TITLES[kind],
        due_on=due_on,
        rule=rule,
        state=DeadlineState.OPEN,
        owner_office_id=request.requested_office_id,
        requesting_office_id=request.requesting_office_id,
    )
    session.add(deadline)
    return deadline


def closing_moment(today: date) -> datetime:
    """The moment a deadline closes for a step dated ``today``: now, or that day's start."""
    # A counterpart's letter recorded later closes the deadline on the letter's date.
    if today >= clock.today():
        return clock.now()
    return datetime(today.year, today.month, today.day, tzinfo=UTC)


def _close(
    session: Session,
    request: Request,
    kinds: tuple[DeadlineKind, ...],
    state: DeadlineState,
    today: date,
) -> None:
    for deadline in _owed(session, request, kinds):
        deadline.state = state
        deadline.closed_at = closing_moment(today)


def _on_send(session: Session, request: Request, today: date) -> None:
    country = request.requested_office.country_code
    _open(
        session,
        request,
        DeadlineKind.ACKNOWLEDGEMENT,
        ACKNOWLEDGEMENT_RULE.due(today, country),
        ACKNOWLEDGEMENT_RULE.describe(today, country),
    )
    _on_register(session, request, today)


def _on_register(session: Session, request: Request, today: date) -> None:
    due_on, rule = response_due(request, today)
    _open(session, request, DeadlineKind.RESPONSE_DUE, due_on, rule)


def _meet(*kinds: DeadlineKind) -> Callable[[Session, Request, date], None]:
    def meet(session: Session, request: Request, today: date) -> None:
        _close(session, request, kinds, DeadlineState.MET, today)

    return meet


def _on_withdraw(session: Session, request: Request, today: date) -> None:
    _close(session, request, tuple(DeadlineKind), DeadlineState.CANCELLED, today)


def _on_postpone(session: Session, request: Request, today: date) -> None:
    if request.postponed_until is None:
        return
    _open(
        session,
        request,
        DeadlineKind.FOLLOW_UP,
        request.postponed_until,
        "postponed by the requested office until this date",
        replace=True,
    )


def _nothing(session: Session, request: Request, today: date) -> None:
    """Steps before sending, and the exchange of information, owe no new dates."""


_ACK = DeadlineKind.ACKNOWLEDGEMENT


_RESPONSE = DeadlineKind.RESPONSE_DUE


_FOLLOW_UP = DeadlineKind.FOLLOW_UP


_ON_ACTION: dict[str, Callable[[Session, Request, date], None]] = {
    "submit": _nothing,
    "reject": _nothing,
    "approve": _nothing,
    "send": _on_send,
    "register": _on_register,
    "acknowledge": _meet(_ACK),
    # Starting or answering proves receipt, even where no acknowledgement was recorded.
    "start": _meet(_ACK),
    "partially_execute": _meet(_ACK),
    "ask_info": _nothing,
    "provide_info": _nothing,
    "execute": _meet(_ACK, _RESPONSE, _FOLLOW_UP, DeadlineKind.OTHER),
    # A refusal is an answer: the response is given, on time or not.
    "refuse": _meet(_ACK, _RESPONSE, _FOLLOW_UP, DeadlineKind.OTHER),
    "postpone": _on_postpone,
    "resume": _meet(_FOLLOW_UP),
    "withdraw": _on_withdraw,
}


#: A request's deadline of kind "other" is the executing office's internal due date.
DISPATCH_TITLE = "Internal due date"


def apply_dispatch_deadline(
    session: Session, request: Request, office, due_on: date | None, today: date
) -> None:
    """Make the dispatch's internal due date a deadline owed by the executing office.

    A reassignment moves the owed deadline to the new office (and date); one without a date
    cancels the previous office's.
    """
    owed = _owed(session, request, (DeadlineKind.OTHER,))
    if due_on is None:
        _close(session, request, (DeadlineKind.OTHER,), DeadlineState.CANCELLED, today)
        session.flush()
        return
    rule = f"internal due date set when assigned to {office.code} on {today.isoformat()}"
    if owed:
        deadline = owed[0]
        deadline.due_on, deadline.rule, deadline.owner_office_id = due_on, rule, office.id
        deadline.state = DeadlineState.OPEN
    else:
        session.add(
            Deadline(
                request_id=request.id,
                kind=DeadlineKind.OTHER,
                title=DISPATCH_TITLE,
                due_on=due_on,
                rule=rule,
                state=DeadlineState.OPEN,
                owner_office_id=office.id,
                requesting_office_id=request.requesting_office_id,
            )
        )
    session.flush()


def apply_transition_deadlines(
    session: Session, request: Request, action: str, today: date
) -> None:
    """Open and close the deadlines that one step of ``request``'s life brings."""
    handler = _ON_ACTION.get(action)
    if handler is None:
        raise ValueError(f"no deadline rule for the action {action!r}")
    if request.id is None:
        session.flush()
    handler(session, request, today)
    session.flush()
