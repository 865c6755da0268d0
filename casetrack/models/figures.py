"""The network figures' tallies: counts of requests kept up to date as requests change.

Derived data, never edited by hand: ``casetrack.figures`` adds and takes away a request's
rows whenever a flush changes it, ``flask casetrack figures-rebuild`` recomputes them from
the requests. Keys use sentinels instead of NULL (``0`` for no executing office, ``""`` for
no refusal ground, ``"*"`` for any assistance type or any country) so that each key is one
primary-key row that an upsert can add to. No foreign keys: a tally row outlives nothing and
refers to nothing that a delete must cascade to.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from casetrack.db import Base

#: The assistance-type key of the row that counts a request whatever its types.
ANY = "*"


class RequestTally(Base):
    """Requests by their offices, status, refusal ground and assistance type.

    A request counts once in the ``"*"`` row and once per assistance type it asks for.
    """

    __tablename__ = "request_tallies"

    requesting_office_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    requested_office_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: 0 while no executing office has been dispatched to.
    executing_office_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(32), primary_key=True)
    #: "" unless refused on a recorded ground.
    refusal_ground: Mapped[str] = mapped_column(String(64), primary_key=True)
    assistance_type: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class RequestPairTally(Base):
    """Sent requests by country pair, status, refusal ground and assistance type.

    The whole network's figures (and a central authority's own country's) read these rows,
    whose number depends on the countries, statuses and types, instead of summing every
    office triple's ``RequestTally`` rows, which fill as the network's offices exchange
    requests (0.7 ms at 1,000 requests, 3.7 ms at 100,000 on PostgreSQL). Only sent
    requests: the network sees no one's unsent requests, and a central authority's own
    are read from its offices' rows. Keyed by countries, as the durations are (the
    executing office is always of the requested country, ``mla.dispatching``).
    """

    __tablename__ = "request_pair_tallies"

    #: First, so that one type's (or "*"'s) rows of the open statuses are one range.
    assistance_type: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(32), primary_key=True)
    from_country: Mapped[str] = mapped_column(String(8), primary_key=True)
    to_country: Mapped[str] = mapped_column(String(8), primary_key=True)
    #: "" unless refused on a recorded ground.
    refusal_ground: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


#: The office ids of the month tally's whole-network rows (no office has id 0): each request
#: counts in its offices' row and in the network's, which the network's trend reads instead of
#: summing every office triple's.
NETWORK = 0


class RequestMonthTally(Base):
    """Requests sent, and requests executed, per month, by offices and assistance type, and
    for the whole network (office ids ``NETWORK``)."""

    __tablename__ = "request_month_tallies"
    __table_args__ = (
        # One office's (or the network's) months of one assistance type, as one range.
        Index(
            "ix_request_month_tallies_office_type_month",
            "requesting_office_id",
            "assistance_type",
            "month",
        ),
    )

    #: ``YYYY-MM`` of ``sent_at`` (event "sent") or of ``closed_at`` (event "executed").
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    event: Mapped[str] = mapped_column(String(16), primary_key=True)
    requesting_office_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    requested_office_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    executing_office_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: The request's status is past the unsent ones (the network sees only those).
    is_sent: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    assistance_type: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class RequestDurationTally(Base):
    """A histogram of the time from sending to acknowledgement, and to execution.

    Keyed by country (the executing office is always of the requested country), with
    ``"*"`` rows for any country pair, so that the network's figures by assistance type read
    one small histogram. Durations are rounded (``casetrack.figures.duration_bucket``): to
    the hour under two days, to the day from two days on.
    """

    __tablename__ = "request_duration_tallies"
    __table_args__ = (
        # The histogram of one assistance type (or "*") across pairs, read with its counts.
        Index(
            "ix_request_duration_tallies_type",
            "assistance_type",
            "milestone",
            "from_country",
            "to_country",
            "hours",
            "count",
        ),
    )

    #: "acknowledged" or "executed".
    milestone: Mapped[str] = mapped_column(String(16), primary_key=True)
    from_country: Mapped[str] = mapped_column(String(8), primary_key=True)
    to_country: Mapped[str] = mapped_column(String(8), primary_key=True)
    assistance_type: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: The rounded duration, in hours.
    hours: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class RequestDurationFigure(Base):
    """The median and 90th percentile of one histogram's durations (``RequestDurationTally``
    rows of one milestone, country pair and assistance type), kept beside it.

    Derived from the histogram whenever a flush changes it (``casetrack.figures.percentiles``),
    in the same transaction: the network's figures read one row per group instead of every
    rounded duration. A group with no request has no row.
    """

    __tablename__ = "request_duration_figures"
    __table_args__ = (
        # The network's figures by assistance type: the "*" pair's rows.
        Index("ix_request_duration_figures_pair", "from_country", "to_country"),
    )

    #: First, so that the figures by pair of one type (or "*") are one range in order.
    assistance_type: Mapped[str] = mapped_column(String(64), primary_key=True)
    milestone: Mapped[str] = mapped_column(String(16), primary_key=True)
    from_country: Mapped[str] = mapped_column(String(8), primary_key=True)
    to_country: Mapped[str] = mapped_column(String(8), primary_key=True)
    #: The requests in the histogram.
    count: Mapped[int] = mapped_column(Integer)
    #: In hundredths of a day, rounded half up (``percentiles.hundredths``): as shown.
    median_hundredths: Mapped[int] = mapped_column(Integer)
    p90_hundredths: Mapped[int] = mapped_column(Integer)


class RequestLateTally(Base):
    """Open requests by the due date of their earliest owed late deadline, by country pair
    and assistance type.

    A request counts here while it is open (sent, not yet executed, refused or withdrawn)
    and owes an acknowledgement or a response (``monitoring.sql.LATE_KINDS``): the earliest
    such due date is the one its days late are counted from once it has passed, whatever
    the day (``monitoring.tallied.TallyQueries.overdue_by_age``). Each request counts twice:
    in the row of its due date's day, and in the row of its month (``day`` 0), so that the
    ageing buckets read whole months where a month falls in one bucket and days only in the
    few months that straddle a bucket's edge. Keyed by countries, as the durations are (the
    executing office is always of the requested country): a prosecutor's own office's
    figure is read from the requests. Each request also counts in the whole network's rows
    (``from_country`` and ``to_country`` both ``"*"``), which the network's figure reads
    instead of summing every pair's.
    """

    __tablename__ = "request_late_tallies"
    __table_args__ = (
        # One pair's (or the network's) month rows, then its days, each a range of its own:
        # the primary key puts every pair between one month's rows and the next.
        Index(
            "ix_request_late_tallies_pair_day_month",
            "assistance_type",
            "from_country",
            "to_country",
            "day",
            "month",
        ),
    )

    assistance_type: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: ``YYYY-MM`` of the earliest owed late due date.
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    #: Its day of the month; 0 in the row that counts the whole month.
    day: Mapped[int] = mapped_column(Integer, primary_key=True)
    from_country: Mapped[str] = mapped_column(String(8), primary_key=True)
    to_country: Mapped[str] = mapped_column(String(8), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
