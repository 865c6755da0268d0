"""Grouped queries behind the network figures: every number is counted in the database.

Only metadata columns are ever selected here (reference, offices, countries, assistance
types, dates, status, refusal ground, deadlines' due dates): never facts, subject, persons,
assets or documents, so that no coordinator answer can carry case content.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Select, case, exists, false, func, literal, or_, select, text
from sqlalchemy.orm import Session

from casetrack import access
from casetrack.deadlines import state as deadline_state
from casetrack.models import Deadline, RefusalGround, Request, RequestStatus, User
from casetrack.monitoring.durations import DurationQueries
from casetrack.monitoring.sql import (
    LATE_KINDS,
    OPEN_STATUSES,
    SORT_MEMORY,
    Filters,
    FromOffice,
    ToOffice,
    assistance_type_table,
    day_start,
    month_bounds,
    month_key,
)


class NetworkQueries(DurationQueries):
    """The grouped queries for one user, one set of filters and one day."""

    def __init__(self, session: Session, user: User, filters: Filters, today: date):
        self.session = session
        self.user = user
        self.filters = filters
        self.today = today
        self.dialect = session.get_bind().dialect.name
        # A correlated subquery rather than a join to a grouped one: each request's lookup
        # uses the deadlines' request index, whatever the planner believes about row counts.
        self.late_due = (
            select(func.min(Deadline.due_on))
            .where(
                Deadline.request_id == Request.id,
                Deadline.kind.in_(LATE_KINDS),
                deadline_state.overdue(today),
            )
            .correlate(Request)
            .scalar_subquery()
        )

    # -- building blocks -------------------------------------------------------------------

    def scope(self):
        """The requests the user may count: the network's, or a central authority's own."""
        if self.filters.is_my_country and access.can_monitor_own_country(self.user):
            return access.request_scope(self.user)
        return access.request_metadata_scope(self.user)

    def age_bucket(self, due=None):
        """The ageing bucket of an overdue request, from its earliest late due date."""
        due = self.late_due if due is None else due
        return case(
            (due > self.today - timedelta(days=30), "lt30"),
            (due > self.today - timedelta(days=90), "30-90"),
            (due >= self.today - timedelta(days=180), "90-180"),
            else_="gt180",
        )

    def has_assistance_type(self, code: str):
        """A condition true where the request asks for assistance of type ``code``."""
        table = assistance_type_table(self.dialect)
        return exists(select(literal(1)).select_from(table).where(table.c.value == code))

    def conditions(self) -> list:
        """The scope and every filter, as conditions on requests and their two offices."""
        f = self.filters
        where = [self.scope()]
        if f.date_from:
            where.append(Request.sent_at >= day_start(f.date_from))
        if f.date_to:
            where.append(Request.sent_at < day_start(f.date_to + timedelta(days=1)))
        if f.country:
            where.append(
                or_(FromOffice.country_code == f.country, ToOffice.country_code == f.country)
            )
        if f.assistance_type:
            where.append(self.has_assistance_type(f.assistance_type))
        if f.status == "open":
            where.append(Request.status.in_(OPEN_STATUSES))
        elif f.status:
            where.append(Request.status == RequestStatus(f.status))
        if f.from_country:
            where.append(FromOffice.country_code == f.from_country)
        if f.to_country:
            where.append(ToOffice.country_code == f.to_country)
        if f.age:
            where += [
                Request.status.in_(OPEN_STATUSES),
                self.late_due.is_not(None),
                self.age_bucket() == f.age,
            ]
        if f.month:
            start, end = month_bounds(f.month)
            where += [Request.sent_at >= start, Request.sent_at < end]
        if f.executed_month:
            start, end = month_bounds(f.executed_month)
            where += [
                Request.status == RequestStatus.EXECUTED,
                Request.closed_at >= start,
                Request.closed_at < end,
            ]
        if f.milestone:
            where += self.milestone_conditions(f.milestone)
        if f.refusal_ground:
            where += [
                Request.status == RequestStatus.REFUSED,
                Request.refusal_ground == RefusalGround(f.refusal_ground),
            ]
        return where

    @staticmethod
    def milestone_conditions(milestone: str) -> list:
        """The requests that have a time to acknowledge, or a time to execute."""
        if milestone == "acknowledged":
            return [Request.sent_at.is_not(None), Request.acknowledged_at.is_not(None)]
        if milestone == "executed":
            return [
                Request.status == RequestStatus.EXECUTED,
                Request.sent_at.is_not(None),
                Request.closed_at.is_not(None),
            ]
        return [false()]

    def base(self, *columns) -> Select:
        """``select(columns)`` over the visible, filtered requests joined to both offices."""
        return (
            select(*columns)
            .select_from(Request)
            .join(FromOffice, FromOffice.id == Request.requesting_office_id)
            .join(ToOffice, ToOffice.id == Request.requested_office_id)
            .where(*self.conditions())
        )

    # -- figures ---------------------------------------------------------------------------

    def prepare(self) -> None:
        """On PostgreSQL, set this transaction up for the figures (one statement).

        The percentiles sort every duration of the network: in memory (``SORT_MEMORY``),
        not in temporary files. And no JIT compilation: these queries' estimated costs
        (a lookup per open request, a row per assistance type) pass its threshold, and
        compiling them took seconds for queries that run in a fraction of that.
        """
        if self.dialect == "postgresql":
            self.session.execute(
                text(
                    "SELECT set_config('work_mem', :memory, true), set_config('jit', 'off', true)"
                ),
                {"memory": SORT_MEMORY},
            )

    def summary(self) -> list[tuple]:
        """One grouped pass over the visible requests, for every count of the figures.

        Each row is ``(status, from_country, to_country, refusal_ground, age_bucket, count)``;
        the bucket is that of an open request past its earliest late due date (else None).
        Counts by status, open requests by pair, refusals by ground and overdue requests by
        age are sums of these rows, so the requests are read once, not once per figure.
        """
        # The earliest late due date is looked up once per open request (in the inner query,
        # kept from being merged into the outer one by OFFSET 0), then bucketed.
        inner = (
            self.base(
                Request.status.label("status"),
                FromOffice.country_code.label("from_country"),
                ToOffice.country_code.label("to_country"),
                Request.refusal_ground.label("refusal_ground"),
                case((Request.status.in_(OPEN_STATUSES), self.late_due)).label("due_on"),
            )
            .offset(0)
            .subquery("visible")
        )
        bucket = case(
            (inner.c.due_on.is_(None), None), else_=self.age_bucket(inner.c.due_on)
        ).label("bucket")
        keys = [
            inner.c.status,
            inner.c.from_country,
            inner.c.to_country,
            inner.c.refusal_ground,
            bucket,
        ]
        stmt = select(*keys, func.count()).group_by(*keys)
        return [tuple(row) for row in self.session.execute(stmt)]

    def monthly(self, first_month: str) -> tuple[dict[str, int], dict[str, int]]:
        """Requests sent, and requests executed, per month from ``first_month`` on (one query)."""
        start, _ = month_bounds(first_month)
        is_executed = (Request.status == RequestStatus.EXECUTED) & (Request.closed_at >= start)
        sent_month = case(
            (Request.sent_at >= start, month_key(self.dialect, Request.sent_at))
        ).label("sent_month")
        closed_month = case((is_executed, month_key(self.dialect, Request.closed_at))).label(
            "closed_month"
        )
        stmt = (
            self.base(sent_month, closed_month, func.count(Request.id))
            .where(or_(Request.sent_at >= start, is_executed))
            .group_by(sent_month, closed_month)
        )
        sent: dict[str, int] = {}
        executed: dict[str, int] = {}
        for sent_in, executed_in, count in self.session.execute(stmt):
            if sent_in:
                sent[sent_in] = sent.get(sent_in, 0) + count
            if executed_in:
                executed[executed_in] = executed.get(executed_in, 0) + count
        return sent, executed

    # -- the list behind a figure ----------------------------------------------------------

    def request_rows(self) -> Select:
        """The metadata of each request behind a figure, newest sent first."""
        return self.base(
            Request.id,
            Request.reference,
            FromOffice.code.label("from_office"),
            ToOffice.code.label("to_office"),
            FromOffice.country_code.label("from_country"),
            ToOffice.country_code.label("to_country"),
            Request.assistance_types,
            Request.sent_at,
            Request.acknowledged_at,
            Request.closed_at,
            Request.status,
        ).order_by(Request.sent_at.desc().nulls_last(), Request.id.desc())

    def late_due_dates(self, request_ids: list[int]) -> dict[int, date]:
        """The earliest late due date past today of each of ``request_ids`` (one query, for
        the rows of one page or one chunk of an export, never for every request behind it)."""
        if not request_ids:
            return {}
        stmt = (
            select(Deadline.request_id, func.min(Deadline.due_on))
            .where(
                Deadline.request_id.in_(request_ids),
                Deadline.kind.in_(LATE_KINDS),
                deadline_state.overdue(self.today),
            )
            .group_by(Deadline.request_id)
        )
        return dict(self.session.execute(stmt).all())

    def overdue_by_age(self) -> dict[str, int]:
        """Open requests by days past their earliest late due date, counted over the requests
        (one grouped query): for a scope the late tally cannot answer (a prosecutor's office).

        Read from the owed late deadlines past today (their partial index), each request's
        earliest one, joined to the visible requests.
        """
        late = (
            select(
                Deadline.request_id.label("request_id"),
                func.min(Deadline.due_on).label("due_on"),
            )
            .where(Deadline.kind.in_(LATE_KINDS), deadline_state.overdue(self.today))
            .group_by(Deadline.request_id)
            .subquery("late")
        )
        bucket = self.age_bucket(late.c.due_on).label("bucket")
        stmt = (
            self.base(bucket, func.count())
            .join(late, late.c.request_id == Request.id)
            .where(Request.status.in_(OPEN_STATUSES))
            .group_by(bucket)
        )
        return {name: count for name, count in self.session.execute(stmt)}
