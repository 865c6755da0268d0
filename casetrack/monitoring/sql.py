"""The terms every network figure is built of: the statuses and buckets counted, the
filters, and the SQL pieces both backends need (months, durations, assistance types).

Only metadata columns are named here (reference, offices, countries, assistance types,
dates, status, refusal ground): never facts, subject, persons, assets or documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction

from sqlalchemy import Float, cast, func
from sqlalchemy.orm import aliased

from casetrack.models import (
    FINAL_STATUSES,
    UNSENT_STATUSES,
    DeadlineKind,
    Office,
    Request,
    RequestStatus,
)

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


def age_bucket(today: date, due_on: date) -> str:
    """The ageing bucket of a request whose earliest late due date ``due_on`` has passed
    (as ``NetworkQueries.age_bucket`` in SQL)."""
    if due_on > today - timedelta(days=30):
        return "lt30"
    if due_on > today - timedelta(days=90):
        return "30-90"
    if due_on >= today - timedelta(days=180):
        return "90-180"
    return "gt180"


def month_bounds(month: str) -> tuple[datetime, datetime]:
    year, number = (int(part) for part in month.split("-"))
    start = datetime(year, number, 1, tzinfo=UTC)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=UTC)
    return start, end


def day_start(day: date) -> datetime:
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


def hundredths(hours: Fraction) -> int:
    """Hours as hundredths of a day, halves rounded up."""
    return int((hours * 100 / 24 + Fraction(1, 2)) // 1)


def round_days(hours: Fraction) -> float:
    """Hours as days to two decimals, halves rounded up."""
    return hundredths(hours) / 100


def ranked_percentile(
    rows: list[tuple[int, int, int]], total: int, fraction: tuple[int, int]
) -> Fraction:
    """``percentile_cont`` over a histogram, from the rows that hold the ranks it needs, each
    ``(value, requests before it, requests up to and including it)``.

    The percentile p sits at position 1 + p·(n − 1) of the values in order, between the
    value at its whole part and the next, interpolated linearly (as the figures over the
    requests, ``monitoring.durations``), in exact fractions: the value is then rounded once,
    not after float arithmetic.
    """
    numerator, denominator = fraction
    steps = (total - 1) * numerator
    low_rank, share = steps // denominator + 1, Fraction(steps % denominator, denominator)

    def value_at(rank: int) -> int:
        return next(value for value, before, upto in rows if before < rank <= upto)

    low = value_at(low_rank)
    high = value_at(low_rank + 1) if low_rank + 1 <= total else low
    return low + share * (high - low)
