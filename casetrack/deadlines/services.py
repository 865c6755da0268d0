"""Deadline rules (SPEC §4): what each step of a request opens or closes, and what is late.

States: ``open`` until the work is done; ``missed`` once the nightly ``reminders`` run finds
it past its date and still open; ``met`` when the step that fulfils it happens (a late step
turns a ``missed`` deadline ``met`` too — ``closed_at`` after ``due_on`` shows it was late);
``cancelled`` when the work is no longer owed. "Overdue" and "due soon" are never stored:
they are conditions on ``due_on`` against today for deadlines still owed (open or missed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session, joinedload

from casetrack import access
from casetrack.db import utcnow
from casetrack.deadlines.labels import KIND_LABELS, STATE_LABELS
from casetrack.deadlines.workdays import Rule
from casetrack.models import (
    Asset,
    Case,
    Deadline,
    DeadlineKind,
    DeadlineState,
    Reminder,
    Request,
    Role,
    User,
)

#: A deadline this close (in calendar days, today included) is "due soon".
SOON_DAYS = 7
#: SPEC §4: the requested office acknowledges receipt within 7 of its business days.
ACKNOWLEDGEMENT_RULE = Rule(7, is_business=True)
#: Where neither the request nor its treaties set a date, the answer is due in 90 days.
DEFAULT_RESPONSE_RULE = Rule(90)
#: Deadlines still owed: open ones, and those the nightly run already marked missed.
OWED_STATES = (DeadlineState.OPEN, DeadlineState.MISSED)
#: Kinds a user sets by hand on a case or an asset; the others follow a request's steps.
MANUAL_KINDS = (
    DeadlineKind.CUSTODY_LIMIT,
    DeadlineKind.MEASURE_EXPIRY,
    DeadlineKind.HEARING,
    DeadlineKind.OTHER,
)
#: Filters of the lists: "open" means still owed, including those marked missed.
STATE_FILTERS = ("open", "missed", "met", "cancelled", "all")
DUE_FILTERS = ("overdue", "soon")

_TITLES = {
    DeadlineKind.ACKNOWLEDGEMENT: "Acknowledgement of receipt",
    DeadlineKind.RESPONSE_DUE: "Response due",
    DeadlineKind.FOLLOW_UP: "End of postponement",
}


class DeadlineError(ValueError):
    """A deadline change that the rules do not allow."""


# --- the request lifecycle -------------------------------------------------------------


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
                Deadline.state.in_(OWED_STATES),
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
    )
    session.add(deadline)
    return deadline


def _closed_at(today: date) -> datetime:
    now = utcnow()
    # A counterpart's letter recorded later closes the deadline on the letter's date.
    return now if today >= now.date() else datetime(today.year, today.month, today.day, tzinfo=UTC)


def _close(
    session: Session,
    request: Request,
    kinds: tuple[DeadlineKind, ...],
    state: DeadlineState,
    today: date,
) -> None:
    for deadline in _owed(session, request, kinds):
        deadline.state = state
        deadline.closed_at = _closed_at(today)


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


# --- who sees which deadlines ------------------------------------------------------------


def owed_by_us(user: User) -> ColumnElement[bool]:
    """Condition: an office of the user's scope owes the deadline."""
    return access.office_in_scope(user, Deadline.owner_office_id)


def owed_to_us(user: User) -> ColumnElement[bool]:
    """Condition: the deadline is on a request the user's offices sent."""
    return Deadline.request_id.in_(
        select(Request.id)
        .where(access.office_in_scope(user, Request.requesting_office_id))
        .scalar_subquery()
    )


def callers_deadlines(user: User) -> ColumnElement[bool]:
    """Condition: the deadlines the user watches — what they owe and what they are owed."""
    return and_(access.deadline_scope(user), or_(owed_by_us(user), owed_to_us(user)))


def overdue(today: date) -> ColumnElement[bool]:
    """Condition: still owed and past its date."""
    return and_(Deadline.state.in_(OWED_STATES), Deadline.due_on < today)


def due_soon(today: date) -> ColumnElement[bool]:
    """Condition: still owed and due between today and ``SOON_DAYS`` from now."""
    return and_(
        Deadline.state.in_(OWED_STATES),
        Deadline.due_on >= today,
        Deadline.due_on <= today + timedelta(days=SOON_DAYS),
    )


def _state_condition(state: str) -> ColumnElement[bool] | None:
    if state == "open":
        return Deadline.state.in_(OWED_STATES)
    if state in ("missed", "met", "cancelled"):
        return Deadline.state == DeadlineState(state)
    return None


def with_subjects(stmt: Select) -> Select:
    """Load each deadline's request, case, asset and owner office with it (no per-row query)."""
    return stmt.options(
        joinedload(Deadline.request),
        joinedload(Deadline.case),
        joinedload(Deadline.asset).joinedload(Asset.case),
        joinedload(Deadline.owner_office),
    )


@dataclass
class Filters:
    """What a list of deadlines is narrowed to."""

    state: str = "open"
    due: str = ""
    kind: str = ""


def list_statement(user: User, filters: Filters, today: date) -> Select:
    """The caller's deadlines matching ``filters``, earliest first, subjects eager-loaded."""
    stmt = select(Deadline).where(callers_deadlines(user))
    state = _state_condition(filters.state)
    if state is not None:
        stmt = stmt.where(state)
    if filters.due == "overdue":
        stmt = stmt.where(overdue(today))
    elif filters.due == "soon":
        stmt = stmt.where(due_soon(today))
    if filters.kind in {k.value for k in DeadlineKind}:
        stmt = stmt.where(Deadline.kind == DeadlineKind(filters.kind))
    return with_subjects(stmt).order_by(Deadline.due_on, Deadline.id)


def visible(session: Session, user: User, deadline_id: int) -> Deadline | None:
    """One deadline the user may see, with its subjects, or None."""
    return session.scalars(
        with_subjects(
            select(Deadline).where(Deadline.id == deadline_id, access.deadline_scope(user))
        )
    ).first()


# --- presenting ----------------------------------------------------------------------------


@dataclass
class DeadlineRow:
    """A deadline as a user sees it on a given day."""

    deadline: Deadline
    days_left: int | None
    is_overdue: bool
    is_due_soon: bool
    we_owe: bool

    @property
    def id(self) -> int:
        return self.deadline.id

    @property
    def kind(self) -> str:
        return self.deadline.kind.value

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.deadline.kind])

    @property
    def state(self) -> str:
        return self.deadline.state.value

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.deadline.state])

    @property
    def title(self) -> str:
        return self.deadline.title

    @property
    def due_on(self) -> date:
        return self.deadline.due_on

    @property
    def rule(self) -> str:
        return self.deadline.rule

    @property
    def owner_office(self) -> str:
        return self.deadline.owner_office.code

    @property
    def request_reference(self) -> str | None:
        return self.deadline.request.reference if self.deadline.request else None

    @property
    def case_reference(self) -> str | None:
        # A request's case belongs to the requesting side only; the requested side never
        # learns it, so request deadlines name the request alone.
        if self.deadline.case is not None:
            return self.deadline.case.reference
        asset = self.deadline.asset
        return asset.case.reference if asset is not None and asset.case is not None else None

    @property
    def subject(self) -> str:
        """The request or case reference a person recognises the deadline by."""
        if self.request_reference:
            return self.request_reference
        if self.case_reference:
            return self.case_reference
        return f"#{self.deadline.asset_id}"


def present(deadline: Deadline, user: User, today: date) -> DeadlineRow:
    """Work out, for ``today``, how many days are left and whether it is late or close."""
    owed = deadline.state in OWED_STATES
    days_left = (deadline.due_on - today).days if owed else None
    return DeadlineRow(
        deadline=deadline,
        days_left=days_left,
        is_overdue=owed and days_left < 0,
        is_due_soon=owed and 0 <= days_left <= SOON_DAYS,
        we_owe=access.is_office_in_scope(user, deadline.owner_office),
    )


@dataclass
class DashboardDeadlines:
    """The late and close deadlines a dashboard shows first."""

    rows: list[DeadlineRow]
    overdue: int
    due_soon: int


def dashboard_deadlines(
    session: Session, user: User, today: date, limit: int = 10
) -> DashboardDeadlines:
    """The caller's overdue and due-soon deadlines, earliest first, with their counts."""
    if not access.can_see_content(user):
        return DashboardDeadlines([], 0, 0)
    late, close = overdue(today), due_soon(today)
    counts = session.execute(
        select(func.count(Deadline.id).filter(late), func.count(Deadline.id).filter(close)).where(
            callers_deadlines(user), or_(late, close)
        )
    ).one()
    stmt = (
        with_subjects(select(Deadline).where(callers_deadlines(user), or_(late, close)))
        .order_by(Deadline.due_on, Deadline.id)
        .limit(limit)
    )
    rows = [present(d, user, today) for d in session.scalars(stmt).unique()]
    return DashboardDeadlines(rows, counts[0] or 0, counts[1] or 0)


# --- deadlines set by hand -----------------------------------------------------------------


def owner_candidates(session: Session, office_id: int) -> list[User]:
    """The users who may own a deadline of an office: its active prosecutors and officers."""
    return list(
        session.scalars(
            select(User)
            .where(
                User.office_id == office_id,
                User.is_active.is_(True),
                User.role.in_((Role.PROSECUTOR, Role.CENTRAL_AUTHORITY)),
            )
            .order_by(User.name)
        )
    )


def create_manual(
    session: Session,
    *,
    kind: DeadlineKind,
    title: str,
    due_on: date,
    owner_user: User | None,
    today: date,
    case: Case | None = None,
    asset: Asset | None = None,
) -> Deadline:
    """Set a deadline by hand on a case or an asset, owed by that record's office."""
    subject = case or asset
    if subject is None or (case is not None and asset is not None):
        raise DeadlineError("a deadline set by hand belongs to one case or one asset")
    if kind not in MANUAL_KINDS:
        raise DeadlineError(f"{kind.value} deadlines follow a request's steps")
    if owner_user is not None and owner_user.office_id != subject.office_id:
        raise DeadlineError("the owner must work at the office of the case")
    deadline = Deadline(
        case_id=case.id if case else None,
        asset_id=asset.id if asset else None,
        kind=kind,
        title=title.strip(),
        due_on=due_on,
        rule=f"set by hand on {today.isoformat()}",
        state=DeadlineState.OPEN,
        owner_office_id=subject.office_id,
        owner_user_id=owner_user.id if owner_user else None,
    )
    session.add(deadline)
    session.flush()
    return deadline


def is_manual(deadline: Deadline) -> bool:
    """Tell whether a person closes the deadline (a request's steps close the others)."""
    return deadline.request_id is None and deadline.kind in MANUAL_KINDS


def close_manual(session: Session, deadline: Deadline, state: DeadlineState, today: date) -> None:
    """Mark a deadline set by hand as met or cancelled."""
    if state not in (DeadlineState.MET, DeadlineState.CANCELLED):
        raise DeadlineError("a deadline is closed as met or cancelled")
    if not is_manual(deadline):
        raise DeadlineError("this deadline closes with the request's steps")
    if deadline.state not in OWED_STATES:
        raise DeadlineError("this deadline is already closed")
    deadline.state = state
    deadline.closed_at = _closed_at(today)
    session.flush()


# --- the nightly run ---------------------------------------------------------------------


@dataclass
class ReminderRun:
    """What one run of the reminders did."""

    marked_missed: list[Deadline]
    reminded: list[DeadlineRow]


def run_reminders(session: Session, today: date) -> ReminderRun:
    """Mark open deadlines past their date missed; record today's reminder for each late one."""
    marked = list(
        session.scalars(
            select(Deadline)
            .where(Deadline.state == DeadlineState.OPEN, Deadline.due_on < today)
            .order_by(Deadline.id)
        )
    )
    for deadline in marked:
        deadline.state = DeadlineState.MISSED
    session.flush()
    already = exists().where(Reminder.deadline_id == Deadline.id, Reminder.sent_on == today)
    late = list(
        session.scalars(
            with_subjects(select(Deadline).where(overdue(today), ~already)).order_by(
                Deadline.due_on, Deadline.id
            )
        ).unique()
    )
    rows = []
    for deadline in late:
        session.add(Reminder(deadline_id=deadline.id, sent_on=today))
        rows.append(
            DeadlineRow(
                deadline=deadline,
                days_left=(deadline.due_on - today).days,
                is_overdue=True,
                is_due_soon=False,
                we_owe=False,
            )
        )
    session.flush()
    from casetrack.notifications.services import deadline_notices

    soon = list(
        session.scalars(
            with_subjects(select(Deadline).where(due_soon(today))).order_by(Deadline.id)
        ).unique()
    )
    deadline_notices(session, marked, soon)
    session.flush()
    return ReminderRun(marked, rows)
