"""Lists of deadlines: who sees which, filters, the rows pages and feeds show, the dashboard's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select, union
from sqlalchemy.orm import Session, contains_eager, joinedload

from casetrack import access, labels, pagination
from casetrack.deadlines import state as deadline_state
from casetrack.models import (
    Asset,
    Case,
    Deadline,
    DeadlineKind,
    DeadlineState,
    Request,
    User,
)

#: Filters of the lists: "open" means still owed, including those marked missed.
STATE_FILTERS = ("open", "missed", "met", "cancelled", "all")


DUE_FILTERS = ("overdue", "soon")


def counting(user: User) -> dict:
    """How the lists count (``casetrack.pagination.paginate``): a hundred rows ahead of the
    page, as each row's visibility is checked on its own, and as two counts, of what the
    user's offices owe (on the owner office's index) and of what they are owed (through
    their requests): walked along the due-date order, the count of one office's deadlines
    read the whole network's until it found a hundred of its own (5,505 rows, 32 ms at
    100,000 requests on PostgreSQL)."""
    return {
        "count_ahead": pagination.CHECKED_COUNT_AHEAD,
        "count_branches": (Deadline.id, watched(user)),
    }


def owed_by_us(user: User) -> ColumnElement[bool]:
    """Condition: an office of the user's scope owes the deadline."""
    return access.office_in_scope(user, Deadline.owner_office_id)


def with_joined_subjects(stmt: Select) -> Select:
    """Outer-join each deadline's request, case and asset (each at most one row).

    The lists decide who sees a deadline on these joined rows (``callers_deadlines``), not
    with ``request_id IN (every request in scope)`` OR-ed with two more such lists: read in
    the order of the due-date index, a page checks its rows one by one and stops when full.
    """
    return (
        stmt.outerjoin(Request, Request.id == Deadline.request_id)
        .outerjoin(Case, Case.id == Deadline.case_id)
        .outerjoin(Asset, Asset.id == Deadline.asset_id)
    )


def callers_deadlines(user: User) -> ColumnElement[bool]:
    """Condition on deadlines joined to their subjects (``with_joined_subjects``): those the
    user watches — what their offices owe and what they are owed — and may see.

    The same rule as ``access.deadline_scope`` (a deadline is seen where its request, case
    or asset is; a request's deadline of kind "other" is the requested side's internal due
    date and not shown to the requesting side), on the joined rows.
    """
    if not access.can_see_content(user):
        return false()

    def ours(column) -> ColumnElement[bool]:
        return access.office_in_scope(user, column)

    request_visible = and_(
        Request.id.is_not(None),
        access.request_scope(user),
        or_(
            Deadline.kind != DeadlineKind.OTHER,
            ours(Request.requested_office_id),
            ours(Request.executing_office_id),
        ),
    )
    visible = or_(request_visible, ours(Case.office_id), ours(Asset.office_id))
    return and_(or_(*watched(user)), visible)


def watched(user: User) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """The two halves of what a user watches, on deadlines joined to their subjects: what
    their offices owe, and what they are owed (their offices' requests)."""
    return owed_by_us(user), access.office_in_scope(user, Request.requesting_office_id)


def _watched_statement(user: User) -> Select:
    """``select(Deadline)`` of the deadlines the user watches, subjects loaded in the rows."""
    return (
        with_joined_subjects(select(Deadline))
        .where(callers_deadlines(user))
        .options(
            contains_eager(Deadline.request),
            contains_eager(Deadline.case),
            contains_eager(Deadline.asset).joinedload(Asset.case),
            joinedload(Deadline.owner_office),
        )
    )


def _state_condition(state: str) -> ColumnElement[bool] | None:
    if state == "open":
        return deadline_state.owed()
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
    stmt = _watched_statement(user)
    state = _state_condition(filters.state)
    if state is not None:
        stmt = stmt.where(state)
    if filters.due == "overdue":
        stmt = stmt.where(deadline_state.overdue(today))
    elif filters.due == "soon":
        stmt = stmt.where(deadline_state.due_soon(today))
    if filters.kind in {k.value for k in DeadlineKind}:
        stmt = stmt.where(Deadline.kind == DeadlineKind(filters.kind))
    return stmt.order_by(Deadline.due_on, Deadline.id)


def visible(session: Session, user: User, deadline_id: int) -> Deadline | None:
    """One deadline the user may see, with its subjects, or None."""
    return session.scalars(
        with_subjects(
            select(Deadline).where(Deadline.id == deadline_id, access.deadline_scope(user))
        )
    ).first()


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
        return labels.sentence(labels.label(self.deadline.kind))

    @property
    def state(self) -> str:
        return self.deadline.state.value

    @property
    def state_label(self) -> str:
        return labels.label(self.deadline.state)

    @property
    def title(self) -> str:
        from casetrack.presentation import deadline_title

        return deadline_title(self.deadline.title)

    @property
    def due_on(self) -> date:
        return self.deadline.due_on

    @property
    def rule(self) -> str:
        from casetrack.presentation import deadline_rule

        return deadline_rule(self.deadline.rule)

    @property
    def owner_office(self) -> str:
        return self.deadline.owner_office.code

    @property
    def request_reference(self) -> str | None:
        return self.deadline.request.reference if self.deadline.request else None

    @property
    def case_reference(self) -> str | None:
        # Only a case's or an asset's own deadline names a case; a request's deadline names
        # the request (access.may_see_case_reference says who reads a request's case number).
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
    return DeadlineRow(
        deadline=deadline,
        days_left=deadline_state.days_left(today, deadline),
        is_overdue=deadline_state.overdue(today, deadline),
        is_due_soon=deadline_state.due_soon(today, deadline),
        we_owe=access.is_office_in_scope(user, deadline.owner_office),
    )


#: The dashboard counts overdue and due-soon deadlines up to here; more is shown as "100+"
#: (an office's late deadlines grow with the years it keeps; the list shows them all).
DASHBOARD_COUNT_CAP = 100


@dataclass
class DashboardDeadlines:
    """The late and close deadlines a dashboard shows first.

    ``overdue`` and ``due_soon`` stop at ``cap`` + 1: a count above ``cap`` reads "100+".
    """

    rows: list[DeadlineRow]
    overdue: int
    due_soon: int
    cap: int = DASHBOARD_COUNT_CAP


def _capped_count(session: Session, user: User, condition, cap: int) -> int:
    """How many deadlines the user watches meet ``condition``, counted up to ``cap`` + 1.

    The deadlines watched are those the user's offices owe and those owed to their requests
    (``callers_deadlines``); each side is read on its own index (the owner's office, state
    and due date; the requests of the requesting office) and stops at ``cap`` + 1 rows, so
    that the count costs the same for an office with thirty late deadlines and with thirty
    thousand. ``UNION`` drops a deadline both sides hold.
    """
    visible = callers_deadlines(user)
    sides = [
        with_joined_subjects(select(Deadline.id))
        .where(watched_side, visible, condition)
        .limit(cap + 1)
        for watched_side in (
            owed_by_us(user),
            access.office_in_scope(user, Request.requesting_office_id),
        )
    ]
    both = union(*(side.subquery().select() for side in sides)).subquery()
    return min(session.scalar(select(func.count()).select_from(both)) or 0, cap + 1)


def dashboard_deadlines(
    session: Session, user: User, today: date, limit: int = 10
) -> DashboardDeadlines:
    """The caller's overdue and due-soon deadlines, earliest first, with capped counts."""
    if not access.can_see_content(user):
        return DashboardDeadlines([], 0, 0)
    late, close = deadline_state.overdue(today), deadline_state.due_soon(today)
    cap = DASHBOARD_COUNT_CAP
    overdue = _capped_count(session, user, late, cap)
    due_soon = _capped_count(session, user, close, cap)
    stmt = (
        _watched_statement(user)
        .where(or_(late, close))
        .order_by(Deadline.due_on, Deadline.id)
        .limit(limit)
    )
    rows = [present(d, user, today) for d in session.scalars(stmt).unique()]
    return DashboardDeadlines(rows, overdue, due_soon, cap)
