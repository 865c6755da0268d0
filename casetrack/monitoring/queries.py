"""Grouped queries behind the network figures: every number is counted in the database.

Only metadata columns are ever selected here (reference, offices, countries, assistance
types, dates, status, refusal ground, deadlines' due dates): never facts, subject, persons,
assets or documents, so that no coordinator answer can carry case content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction

from sqlalchemy import (
    Float,
    Select,
    and_,
    case,
    cast,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    text,
    true,
)
from sqlalchemy.orm import Session, aliased

from casetrack import access
from casetrack.deadlines import state as deadline_state
from casetrack.models import (
    FINAL_STATUSES,
    UNSENT_STATUSES,
    Deadline,
    DeadlineKind,
    Office,
    RefusalGround,
    Request,
    RequestDurationTally,
    RequestMonthTally,
    RequestStatus,
    RequestTally,
    User,
)
from casetrack.models.figures import ANY as ANY_TYPE

#: Sent and not yet executed, refused or withdrawn.
OPEN_STATUSES = tuple(s for s in RequestStatus if s not in UNSENT_STATUSES + FINAL_STATUSES)
#: The deadlines whose lateness makes a request overdue (SPEC §4).
LATE_KINDS = (DeadlineKind.ACKNOWLEDGEMENT, DeadlineKind.RESPONSE_DUE)
#: Buckets of days late: under 30, 30–89, 90–180, over 180.
AGE_BUCKETS = ("lt30", "30-90", "90-180", "gt180")
MILESTONES = ("acknowledged", "executed")
#: Percentiles as exact fractions, so that SQLite picks rows with integer arithmetic.
MEDIAN = (1, 2)
P90 = (9, 10)
#: PostgreSQL's memory for sorting the durations of the percentiles (the default, 4 MB,
#: sends the sort of 100,000 requests' durations to temporary files).
SORT_MEMORY = "64MB"

FromOffice = aliased(Office, name="from_office")
ToOffice = aliased(Office, name="to_office")


@dataclass(frozen=True)
class Filters:
    """What the figures and the drill-down list are limited to."""

    date_from: date | None = None
    date_to: date | None = None
    #: Either side of the request is in this country.
    country: str | None = None
    assistance_type: str | None = None
    #: A central authority's "my country" view instead of the whole network.
    is_my_country: bool = False
    # Drill-down only: the figure a list stands behind.
    status: str | None = None
    from_country: str | None = None
    to_country: str | None = None
    age: str | None = None
    month: str | None = None
    executed_month: str | None = None
    milestone: str | None = None
    refusal_ground: str | None = None


def _month_bounds(month: str) -> tuple[datetime, datetime]:
    year, number = (int(part) for part in month.split("-"))
    start = datetime(year, number, 1, tzinfo=UTC)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=UTC)
    return start, end


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def month_key(dialect: str, column):
    """The ``YYYY-MM`` of a UTC timestamp column."""
    if dialect == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM")
    return func.strftime("%Y-%m", column)


def days_between(dialect: str, start, end):
    """The time from ``start`` to ``end`` in days, as a float."""
    if dialect == "postgresql":
        return cast(func.extract("epoch", end - start), Float) / 86400.0
    return func.julianday(end) - func.julianday(start)


def assistance_type_table(dialect: str):
    """The request's assistance types as rows of a table-valued function, column ``value``."""
    if dialect == "postgresql":
        return (
            func.json_array_elements_text(Request.assistance_types)
            .table_valued("value")
            .render_derived(name="atype")
        )
    return func.json_each(Request.assistance_types).table_valued("value").alias("atype")


class NetworkQueries:
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
            where.append(Request.sent_at >= _day_start(f.date_from))
        if f.date_to:
            where.append(Request.sent_at < _day_start(f.date_to + timedelta(days=1)))
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
            start, end = _month_bounds(f.month)
            where += [Request.sent_at >= start, Request.sent_at < end]
        if f.executed_month:
            start, end = _month_bounds(f.executed_month)
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
        start, _ = _month_bounds(first_month)
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

    def _group_keys(self, group: str) -> tuple[list, object | None]:
        if group == "pair":
            return [
                FromOffice.country_code.label("from_country"),
                ToOffice.country_code.label("to_country"),
            ], None
        table = assistance_type_table(self.dialect)
        return [table.c.value.label("assistance_type")], table

    def all_durations(self, group: str) -> dict[str, list[dict]]:
        """Median and 90th percentile of the days to each milestone, per pair or per type.

        On PostgreSQL both milestones come from one pass (``percentile_cont`` skips the
        NULL durations of requests without the milestone), its sort kept in memory; SQLite
        ranks with window functions, a query per milestone.
        """
        if self.dialect != "postgresql":
            return {milestone: self.durations(milestone, group) for milestone in MILESTONES}
        keys, table = self._group_keys(group)
        durations = {}
        for milestone in MILESTONES:
            end = Request.acknowledged_at if milestone == "acknowledged" else Request.closed_at
            reached = and_(*self.milestone_conditions(milestone))
            days = days_between(self.dialect, Request.sent_at, end)
            durations[milestone] = case((reached, days)).label(f"days_{milestone}")
        inner = self.base(*keys, *durations.values())
        if table is not None:
            inner = inner.join(table, true())
        inner = inner.where(
            or_(*(and_(*self.milestone_conditions(m)) for m in MILESTONES))
        ).subquery("durations")
        names = [key.name for key in keys]
        group_cols = [inner.c[name] for name in names]
        measures = []
        for milestone in MILESTONES:
            column = inner.c[f"days_{milestone}"]
            measures += [
                func.percentile_cont(MEDIAN[0] / MEDIAN[1]).within_group(column),
                func.percentile_cont(P90[0] / P90[1]).within_group(column),
                func.count(column),
            ]
        stmt = select(*group_cols, *measures).group_by(*group_cols).order_by(*group_cols)
        result: dict[str, list[dict]] = {milestone: [] for milestone in MILESTONES}
        for row in self.session.execute(stmt):
            key = dict(zip(names, row[: len(names)], strict=True))
            for index, milestone in enumerate(MILESTONES):
                median, p90, count = row[len(names) + 3 * index : len(names) + 3 * index + 3]
                if count:
                    result[milestone].append(
                        {
                            **key,
                            "median_days": round(float(median), 2),
                            "p90_days": round(float(p90), 2),
                            "count": count,
                        }
                    )
        return result

    def durations(self, milestone: str, group: str) -> list[dict]:
        """Median and 90th percentile of the days to ``milestone``, per pair or per type."""
        end = Request.acknowledged_at if milestone == "acknowledged" else Request.closed_at
        days = days_between(self.dialect, Request.sent_at, end).label("days")
        keys, table = self._group_keys(group)
        inner = self.base(*keys, days)
        if table is not None:
            inner = inner.join(table, true())
        inner = inner.where(*self.milestone_conditions(milestone))
        names = [key.name for key in keys]
        if self.dialect == "postgresql":
            sub = inner.subquery("durations")
            group_cols = [sub.c[name] for name in names]
            stmt = select(
                *group_cols,
                func.percentile_cont(MEDIAN[0] / MEDIAN[1]).within_group(sub.c.days),
                func.percentile_cont(P90[0] / P90[1]).within_group(sub.c.days),
                func.count(),
            )
        else:
            stmt, group_cols = self._window_percentiles(inner, names)
        stmt = stmt.group_by(*group_cols).order_by(*group_cols)
        return [
            {
                **dict(zip(names, row[: len(names)], strict=True)),
                "median_days": round(float(row[-3]), 2),
                "p90_days": round(float(row[-2]), 2),
                "count": row[-1],
            }
            for row in self.session.execute(stmt)
        ]

    @staticmethod
    def _window_percentiles(inner: Select, names: list[str]):
        """Percentiles as percentile_cont computes them, with window functions (for SQLite).

        Rows are numbered per group in order of duration; the percentile p sits at position
        1 + p·(n − 1), between the row at its whole part and the next, interpolated linearly.
        """
        source = inner.subquery("durations")
        partition = [source.c[name] for name in names]
        ranked = select(
            *partition,
            source.c.days,
            func.row_number().over(partition_by=partition, order_by=source.c.days).label("rn"),
            func.count().over(partition_by=partition).label("n"),
        ).subquery("ranked")

        def percentile(fraction: tuple[int, int]):
            numerator, denominator = fraction
            steps = (ranked.c.n - 1) * numerator
            low_rank = steps // denominator + 1
            share = (steps % denominator) * 1.0 / denominator
            low = func.max(case((ranked.c.rn == low_rank, ranked.c.days)))
            high = func.max(case((ranked.c.rn == low_rank + 1, ranked.c.days)))
            return low + func.max(share) * (func.coalesce(high, low) - low)

        group_cols = [ranked.c[name] for name in names]
        stmt = select(*group_cols, percentile(MEDIAN), percentile(P90), func.count())
        return stmt, group_cols

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
        """Open requests by days past their earliest late due date (one grouped query).

        Read from the owed late deadlines past today (their partial index), each request's
        earliest one, joined to the visible requests: proportional to the overdue deadlines
        of the network, not to its requests.
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


def percentile(histogram: list[tuple[int, int]], fraction: tuple[int, int]) -> Fraction:
    """``percentile_cont`` over a histogram of ``(value, count)`` rows in increasing order.

    The percentile p sits at position 1 + p·(n − 1) of the values in order, between the
    value at its whole part and the next, interpolated linearly (as ``_window_percentiles``),
    in exact fractions: the value is then rounded once, not after float arithmetic.
    """
    total = sum(count for _, count in histogram)
    numerator, denominator = fraction
    steps = (total - 1) * numerator
    low_rank, share = steps // denominator + 1, Fraction(steps % denominator, denominator)
    low = high = None
    seen = 0
    for value, count in histogram:
        if low is None and seen + count >= low_rank:
            low = value
        if seen + count >= low_rank + 1:
            high = value
            break
        seen += count
    high = low if high is None else high
    return low + share * (high - low)


def round_days(hours: Fraction) -> float:
    """Hours as days to two decimals, halves rounded up."""
    return float((hours * 100 / 24 + Fraction(1, 2)) // 1 / 100)


class TallyQueries:
    """The network figures read from the tallies (``casetrack.figures``), not the requests.

    Serves every filter but the period (``date_from``/``date_to``, read from the requests by
    ``NetworkQueries``). Each figure is one grouped read of a tally whose size depends on
    the network's shape (offices, countries, statuses, assistance types, months, distinct
    rounded durations), not on its number of requests.
    """

    def __init__(self, session: Session, user: User, filters: Filters, today: date):
        self.session = session
        self.user = user
        self.filters = filters
        self.today = today

    @staticmethod
    def serves(filters: Filters) -> bool:
        """Tell whether the tallies answer these filters (a period is read from requests)."""
        return filters.date_from is None and filters.date_to is None

    def _scope(self, table, is_sent):
        offices = (
            table.c.requesting_office_id,
            table.c.requested_office_id,
            table.c.executing_office_id,
        )
        if self.filters.is_my_country and access.can_monitor_own_country(self.user):
            return access.request_scope_on(self.user, *offices, is_sent)
        return access.request_metadata_scope_on(self.user, *offices, is_sent)

    def _joined(self, table, *columns) -> Select:
        stmt = (
            select(*columns)
            .select_from(table)
            .join(FromOffice, FromOffice.id == table.c.requesting_office_id)
            .join(ToOffice, ToOffice.id == table.c.requested_office_id)
            .where(table.c.assistance_type == (self.filters.assistance_type or ANY_TYPE))
        )
        if self.filters.country:
            country = self.filters.country
            stmt = stmt.where(
                or_(FromOffice.country_code == country, ToOffice.country_code == country)
            )
        return stmt

    def summary(self) -> list[tuple]:
        """``(status, from_country, to_country, refusal_ground, count)`` rows (one query)."""
        table = RequestTally.__table__
        is_sent = table.c.status.not_in([s.value for s in UNSENT_STATUSES])
        keys = [
            table.c.status,
            FromOffice.country_code,
            ToOffice.country_code,
            table.c.refusal_ground,
        ]
        stmt = (
            self._joined(table, *keys, func.sum(table.c.count))
            .where(self._scope(table, is_sent))
            .group_by(*keys)
        )
        return [
            (
                RequestStatus(status),
                origin,
                target,
                RefusalGround(ground) if ground else None,
                int(count),
            )
            for status, origin, target, ground, count in self.session.execute(stmt)
            if count
        ]

    def monthly(self, first_month: str) -> tuple[dict[str, int], dict[str, int]]:
        """Requests sent, and requests executed, per month from ``first_month`` on (one query)."""
        table = RequestMonthTally.__table__
        keys = [table.c.month, table.c.event]
        stmt = (
            self._joined(table, *keys, func.sum(table.c.count))
            .where(table.c.month >= first_month, self._scope(table, table.c.is_sent))
            .group_by(*keys)
        )
        sent: dict[str, int] = {}
        executed: dict[str, int] = {}
        for month, event, count in self.session.execute(stmt):
            (sent if event == "sent" else executed)[month] = int(count)
        return sent, executed

    def durations(self, group: str) -> dict[str, list[dict]] | None:
        """Median and 90th percentile of the days to each milestone, per pair or per type.

        From the histogram of rounded durations (one query); None where the figure must be
        read from the requests instead: a prosecutor's own office (a scope not of
        countries), or the types of the requests of one type (which other types they ask).
        """
        f = self.filters
        table = RequestDurationTally.__table__
        if group == "type" and f.assistance_type:
            return None
        scope = access.sent_request_country_scope(
            self.user, f.is_my_country, table.c.from_country, table.c.to_country
        )
        if scope is None:
            return None
        is_my_country = f.is_my_country and access.can_monitor_own_country(self.user)
        if group == "type" and not is_my_country and not f.country:
            # The whole network's histogram by type, whatever the countries: the "*" rows.
            scope = and_(table.c.from_country == ANY_TYPE, table.c.to_country == ANY_TYPE)
        else:
            scope = and_(scope, table.c.from_country != ANY_TYPE)
        if group == "pair":
            names = ["from_country", "to_country"]
            kind = table.c.assistance_type == (f.assistance_type or ANY_TYPE)
        else:
            names = ["assistance_type"]
            kind = table.c.assistance_type != ANY_TYPE
        where = [scope, kind]
        if f.country:
            where.append(or_(table.c.from_country == f.country, table.c.to_country == f.country))
        keys = [table.c.milestone, *(table.c[name] for name in names), table.c.hours]
        stmt = select(*keys, func.sum(table.c.count)).where(*where).group_by(*keys).order_by(*keys)
        histograms: dict[tuple, list[tuple[int, int]]] = {}
        for row in self.session.execute(stmt):
            if row[-1]:
                histograms.setdefault(tuple(row[:-2]), []).append((row[-2], int(row[-1])))
        result: dict[str, list[dict]] = {milestone: [] for milestone in MILESTONES}
        for (milestone, *group_key), histogram in histograms.items():
            result[milestone].append(
                {
                    **dict(zip(names, group_key, strict=True)),
                    "median_days": round_days(percentile(histogram, MEDIAN)),
                    "p90_days": round_days(percentile(histogram, P90)),
                    "count": sum(count for _, count in histogram),
                }
            )
        return result
