"""Lists of deadlines: who sees which, filters, the rows pages and feeds show, the dashboard's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, false, or_, select
from sqlalchemy.orm import Session, aliased, contains_eager, joinedload

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


def counting(user: User, filters: Filters, today: date) -> dict:
    """How the lists count (``casetrack.pagination.paginate``): a hundred rows ahead of the
    page, as each row's visibility is checked on its own, and as two counts, of what the
    user's offices owe (on the owner office's index) and of what they are owed (on the
    requesting office's): walked along the due-date order, the count of one office's deadlines
    read the whole network's until it found a hundred of its own (5,505 rows, 32 ms at
    100,000 requests on PostgreSQL). Each count is the list's statement with its half of
    ``watched`` alone: with the whole OR beside the half, the planner hashed every request
    of the network for the half an office owes (53 ms, against 1 ms)."""
    return {
        "count_ahead": pagination.CHECKED_COUNT_AHEAD,
        "count_branches": (
            Deadline.id,
            [list_statement(user, filters, today, half) for half in watched(user)],
        ),
    }


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


#: The case and the asset a deadline's visibility checks (``EXISTS``), apart from the ones
#: the lists join to load; made once (an alias takes 1–2 ms to build).
_CASE = aliased(Case, name="checked_case")
_ASSET = aliased(Asset, name="checked_asset")


def callers_deadlines(user: User) -> ColumnElement[bool]:
    """Condition on deadlines joined to their subjects (``with_joined_subjects``): those the
    user watches — what their offices owe and what they are owed — and may see (the two
    halves of ``watched``)."""
    return or_(*watched(user))


def watched(user: User) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """The two halves of what a user watches and may see, on deadlines joined to their
    subjects: what their offices owe, and what they are owed on their offices' requests.

    The same rule as ``access.deadline_scope`` (a deadline is seen where its request, case
    or asset is; a request's deadline of kind "other" is the requested side's internal due
    date and not shown to the requesting side), stated for each half on its own: the
    requests of the user's offices are theirs to see, so what they are owed needs only the
    "other" kind's check. As one condition, ``(owed by us OR owed to us) AND visible``, the
    planner on PostgreSQL estimated the half owed to an office's requests at 83 rows where
    a count needs 126, hashed the office's 5,850 requests and took 17 ms at 100,000
    requests; each half with its own check reads its office's index and stops. What an
    office is owed is read on the deadline's copy of its request's requesting office
    (``Deadline.requesting_office_id``), whose index serves it as the owner's serves the
    other half: through the requests, the count of what was due this week hashed the
    office's 5,850 requests (6 ms at 100,000, 1 ms at 1,000). A case's or an asset's office
    is checked with ``EXISTS`` rather than on the joined rows: an OR over three outer-joined
    tables led the planner to merge-join the office's deadlines with every case (10 ms),
    where the subjects' checks as subplans let it read the owner office's index and stop
    (1.7 ms).
    """
    if not access.can_see_content(user):
        return false(), false()

    def ours(column) -> ColumnElement[bool]:
        return access.office_in_scope(user, column)

    not_internal = or_(
        Deadline.kind != DeadlineKind.OTHER,
        ours(Request.requested_office_id),
        ours(Request.executing_office_id),
    )
    subject_ours = tuple(
        select(subject.id).where(subject.id == column, ours(subject.office_id)).exists()
        for subject, column in ((_CASE, Deadline.case_id), (_ASSET, Deadline.asset_id))
    )
    request_visible = and_(Request.id.is_not(None), access.request_scope(user), not_internal)
    owed_by_us = and_(
        access.office_in_scope(user, Deadline.owner_office_id),
        or_(request_visible, *subject_ours),
    )
    # A deadline carries a requesting office only where it is a request's (and then has no
    # case or asset: manual.py sets a case's or an asset's, rules.py a request's), so what
    # an office is owed needs no subject's check; were a deadline ever to hold both, this
    # half would hide it rather than show it. With the two subjects' checks here the
    # planner walked the case index of the deadlines (19 ms, against 1.3 ms).
    owed_to_us = and_(ours(Deadline.requesting_office_id), not_internal)
    return owed_by_us, owed_to_us


def _watched_statement(user: User, half: ColumnElement[bool] | None = None) -> Select:
    """``select(Deadline)`` of the deadlines the user watches (or of one ``half`` of
    ``watched``), subjects loaded in the rows."""
    return (
        with_joined_subjects(select(Deadline))
        .where(callers_deadlines(user) if half is None else half)
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


def list_statement(
    user: User, filters: Filters, today: date, half: ColumnElement[bool] | None = None
) -> Select:
    """The caller's deadlines matching ``filters`` (of one ``half`` of ``watched`` only, if
    given), earliest first, subjects eager-loaded."""
    stmt = _watched_statement(user, half)
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
    (``callers_deadlines``); each side is read on its own index (the owner's or the
    requesting office, state and due date) and stops at ``cap`` + 1 rows, so
    that the count costs the same for an office with thirty late deadlines and with thirty
    thousand. ``UNION`` drops a deadline both sides hold.
    """
    joined = with_joined_subjects(select(Deadline))
    sides = [joined.where(side, condition) for side in watched(user)]
    return pagination.capped_union_count(session, cap, Deadline.id, sides)


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
