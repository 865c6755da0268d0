"""The network figures read from the tallies (``casetrack.figures``), not from the requests:
counts, months and the durations' percentiles (kept per histogram, or over a histogram
merged across pairs), exact in fractions.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from sqlalchemy import BigInteger, Select, and_, cast, false, func, or_, select, union_all
from sqlalchemy.orm import Session

from casetrack import access
from casetrack.models import (
    UNSENT_STATUSES,
    RefusalGround,
    RequestDurationFigure,
    RequestDurationTally,
    RequestLateTally,
    RequestMonthTally,
    RequestPairTally,
    RequestStatus,
    RequestTally,
    User,
)
from casetrack.models.figures import ANY as ANY_TYPE
from casetrack.models.figures import NETWORK
from casetrack.monitoring.sql import (
    MEDIAN,
    MILESTONES,
    P90,
    Filters,
    FromOffice,
    ToOffice,
    age_bucket,
    ranked_percentile,
    round_days,
)

UNSENTS = [status.value for status in UNSENT_STATUSES]


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

    def _is_my_country(self) -> bool:
        """Whether the figures are narrowed to the user's own country (and the user may)."""
        return self.filters.is_my_country and access.can_monitor_own_country(self.user)

    def _is_whole_network(self) -> bool:
        """Whether the figures are the whole network's, read from the tallies' network rows:
        no country chosen or narrowed to, by a user who watches the network."""
        return (
            not self.filters.country
            and not self._is_my_country()
            and access.can(self.user, access.Capability.MONITOR_NETWORK)
        )

    def _scope(self, table, is_sent):
        offices = (
            table.c.requesting_office_id,
            table.c.requested_office_id,
            table.c.executing_office_id,
        )
        if self._is_my_country():
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
            stmt = stmt.where(self._of_country(FromOffice.country_code, ToOffice.country_code))
        return stmt

    def _of_country(self, from_country, to_country):
        """The rows of the chosen country's requests, sent or received."""
        country = self.filters.country
        return or_(from_country == country, to_country == country)

    def summary(self) -> list[tuple]:
        """``(status, from_country, to_country, refusal_ground, count)`` rows (one query).

        Where the scope is one of countries (the network's, a central authority's own
        country's), the sent requests come from the country pairs' rows, as many at 100,000
        requests as at 1,000, and a central authority's own unsent ones from its offices'
        rows; a prosecutor's office's figures from its offices' rows.
        """
        f = self.filters
        pairs = RequestPairTally.__table__
        scope = access.sent_request_country_scope(
            self.user, f.is_my_country, pairs.c.from_country, pairs.c.to_country
        )
        table = RequestTally.__table__
        if scope is None:
            is_sent = table.c.status.not_in(UNSENTS)
            stmt = self._office_summary(self._scope(table, is_sent))
        else:
            where = [pairs.c.assistance_type == (f.assistance_type or ANY_TYPE), scope]
            if f.country:
                where.append(self._of_country(pairs.c.from_country, pairs.c.to_country))
            keys = [pairs.c[name] for name in ("status", "from_country", "to_country")]
            keys.append(pairs.c.refusal_ground)
            # One row per key: the rest of the primary key (the assistance type) is fixed
            # above, so the rows are read as they are, not grouped (grouping them took
            # SQLite twice as long: 1.4 ms for 991 rows at 100,000 requests).
            sent = select(*keys, pairs.c.count).where(*where)
            # The user's own unsent requests (none for a coordinator, who reads no content).
            own_unsent = access.request_scope_on(
                self.user,
                table.c.requesting_office_id,
                table.c.requested_office_id,
                table.c.executing_office_id,
                false(),
            )
            unsent = self._office_summary(and_(table.c.status.in_(UNSENTS), own_unsent))
            stmt = union_all(sent, unsent)
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

    def _office_summary(self, where) -> Select:
        """The summary's rows read from the office triples' tallies that ``where`` keeps."""
        table = RequestTally.__table__
        keys = [
            table.c.status,
            FromOffice.country_code,
            ToOffice.country_code,
            table.c.refusal_ground,
        ]
        return self._joined(table, *keys, func.sum(table.c.count)).where(where).group_by(*keys)

    def monthly(self, first_month: str) -> tuple[dict[str, int], dict[str, int]]:
        """Requests sent, and requests executed, per month from ``first_month`` on (one query).

        The whole network's sent requests come from the network's own rows (office ids
        ``NETWORK``), as many at 100,000 requests as at 1,000; a central authority's own
        country's unsent ones, which it also sees, from its offices' rows.
        """
        table = RequestMonthTally.__table__
        keys = [table.c.month, table.c.event]
        f = self.filters
        if self._is_whole_network():
            counted = and_(table.c.requesting_office_id == NETWORK, table.c.is_sent)
            if access.can_see_content(self.user):
                own_unsent = and_(
                    table.c.requesting_office_id != NETWORK,
                    ~table.c.is_sent,
                    access.request_scope_on(
                        self.user,
                        table.c.requesting_office_id,
                        table.c.requested_office_id,
                        table.c.executing_office_id,
                        table.c.is_sent,
                    ),
                )
                counted = or_(counted, own_unsent)
            # A coordinator has no unsent requests to add: ``OR 0 = 1`` kept SQLite off the
            # office index and read every office's months (1.8 ms at 100,000, 0.03 without).
            stmt = (
                select(*keys, func.sum(table.c.count))
                .where(
                    table.c.assistance_type == (f.assistance_type or ANY_TYPE),
                    table.c.month >= first_month,
                    counted,
                )
                .group_by(*keys)
            )
        else:
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

    def overdue_by_age(self) -> dict[str, int] | None:
        """Open requests by days past their earliest owed late due date (one query).

        A month wholly in one ageing bucket (or wholly not yet due) is read from its month
        row; only the few months that straddle a bucket's edge or today are read by day.
        None where the figure must be read from the requests instead: a scope not of
        countries (a prosecutor's own office).
        """
        f = self.filters
        table = RequestLateTally.__table__
        scope = access.sent_request_country_scope(
            self.user, f.is_my_country, table.c.from_country, table.c.to_country
        )
        if scope is None:
            return None
        split = [month for month in self._months_due() if self._is_split(month)]
        which = and_(table.c.day == 0, table.c.month.not_in(split)) if split else table.c.day == 0
        if split:
            which = or_(which, and_(table.c.day > 0, table.c.month.in_(split)))
        if self._is_whole_network():
            # Its own rows, as many at 100,000 requests as at 1,000 (every pair's read
            # 10,668 rows for 212 groups, 8.9 ms on PostgreSQL).
            countries = [table.c.from_country == ANY_TYPE, table.c.to_country == ANY_TYPE]
        else:
            # Some countries' pairs; never the whole network's row.
            countries = [table.c.from_country != ANY_TYPE, scope]
            if f.country:
                countries.append(self._of_country(table.c.from_country, table.c.to_country))
        where = [
            table.c.assistance_type == (f.assistance_type or ANY_TYPE),
            table.c.month <= _month_of(self.today),
            *countries,
            which,
        ]
        keys = [table.c.month, table.c.day]
        stmt = select(*keys, func.sum(table.c.count)).where(*where).group_by(*keys)
        ageing: dict[str, int] = {}
        for month, day, count in self.session.execute(stmt):
            year, number = (int(part) for part in month.split("-"))
            due_on = date(year, number, day or calendar.monthrange(year, number)[1])
            if due_on < self.today and count:
                bucket = age_bucket(self.today, due_on)
                ageing[bucket] = ageing.get(bucket, 0) + int(count)
        return ageing

    def _months_due(self) -> list[str]:
        """The months holding today and each edge of the ageing buckets."""
        edges = [self.today - timedelta(days=days) for days in (0, 1, 30, 31, 90, 91, 180, 181)]
        return sorted({_month_of(day) for day in edges})

    def _is_split(self, month: str) -> bool:
        year, number = (int(part) for part in month.split("-"))
        first = date(year, number, 1)
        last = date(year, number, calendar.monthrange(year, number)[1])

        def place(day: date):
            return age_bucket(self.today, day) if day < self.today else None

        return place(first) != place(last)

    def durations(self, group: str) -> dict[str, list[dict]] | None:
        """Median and 90th percentile of the days to each milestone, per pair or per type.

        One query: the percentiles kept per histogram (``RequestDurationFigure``) where a
        figure is one histogram's (by pair; by type across the whole network, the "*"
        pair's), else the histogram of rounded durations merged across the pairs in scope
        (by type, of one country or a central authority's own). None where the figure must
        be read from the requests instead: a prosecutor's own office (a scope not of
        countries), or the types of the requests of one type (which other types they ask).
        """
        f = self.filters
        if group == "type" and f.assistance_type:
            return None
        table = RequestDurationFigure.__table__
        scope = access.sent_request_country_scope(
            self.user, f.is_my_country, table.c.from_country, table.c.to_country
        )
        if scope is None:
            return None
        is_my_country = self._is_my_country()
        if group == "type" and (is_my_country or f.country):
            return self._merged_durations_by_type()
        if group == "pair":
            names = ["from_country", "to_country"]
            where = [
                table.c.assistance_type == (f.assistance_type or ANY_TYPE),
                table.c.from_country != ANY_TYPE,
                scope,
            ]
        else:
            # The whole network's figures by type, whatever the countries: the "*" pair's.
            names = ["assistance_type"]
            where = [
                table.c.from_country == ANY_TYPE,
                table.c.to_country == ANY_TYPE,
                table.c.assistance_type != ANY_TYPE,
            ]
        if f.country:
            where.append(self._of_country(table.c.from_country, table.c.to_country))
        keys = [table.c[name] for name in names]
        stmt = (
            select(
                table.c.milestone,
                *keys,
                table.c.median_hundredths,
                table.c.p90_hundredths,
                table.c.count,
            )
            .where(*where)
            .order_by(table.c.milestone, *keys)
        )
        result: dict[str, list[dict]] = {milestone: [] for milestone in MILESTONES}
        for milestone, *key, median, p90, count in self.session.execute(stmt):
            result[milestone].append(
                {
                    **dict(zip(names, key, strict=True)),
                    "median_days": median / 100,
                    "p90_days": p90 / 100,
                    "count": count,
                }
            )
        return result

    def _merged_durations_by_type(self) -> dict[str, list[dict]]:
        """The figures by type of the pairs in scope, from their histograms merged: a
        window over the rounded durations, reading back only the rows that hold a rank the
        percentiles interpolate between."""
        f = self.filters
        table = RequestDurationTally.__table__
        scope = access.sent_request_country_scope(
            self.user, f.is_my_country, table.c.from_country, table.c.to_country
        )
        where = [scope, table.c.from_country != ANY_TYPE, table.c.assistance_type != ANY_TYPE]
        if f.country:
            where.append(self._of_country(table.c.from_country, table.c.to_country))
        names = ["assistance_type"]
        part = [table.c.milestone, *(table.c[name] for name in names)]
        histogram = (
            select(*part, table.c.hours, func.sum(table.c.count).label("here"))
            .where(*where)
            .group_by(*part, table.c.hours)
            .having(func.sum(table.c.count) > 0)
            .subquery("histogram")
        )
        groups = [histogram.c[column.name] for column in part]
        ranked = select(
            *groups,
            histogram.c.hours,
            histogram.c.here,
            # PostgreSQL's sum of a bigint is numeric: cast back, for integer division.
            cast(
                func.sum(histogram.c.here).over(partition_by=groups, order_by=histogram.c.hours),
                BigInteger,
            ).label("upto"),
            cast(func.sum(histogram.c.here).over(partition_by=groups), BigInteger).label("total"),
        ).subquery("ranked")
        needed = []
        for numerator, denominator in (MEDIAN, P90):
            low_rank = (ranked.c.total - 1) * numerator // denominator + 1
            for rank in (low_rank, low_rank + 1):
                needed.append(and_(ranked.c.upto - ranked.c.here < rank, rank <= ranked.c.upto))
        columns = [ranked.c[column.name] for column in part]
        stmt = (
            select(*columns, ranked.c.hours, ranked.c.here, ranked.c.upto, ranked.c.total)
            .where(or_(*needed))
            .order_by(*columns, ranked.c.hours)
        )
        rows: dict[tuple, list[tuple[int, int, int]]] = {}
        totals: dict[tuple, int] = {}
        for *key, hours, here, upto, total in self.session.execute(stmt):
            rows.setdefault(tuple(key), []).append((hours, int(upto) - int(here), int(upto)))
            totals[tuple(key)] = int(total)
        result: dict[str, list[dict]] = {milestone: [] for milestone in MILESTONES}
        for (milestone, *group_key), found in rows.items():
            total = totals[(milestone, *group_key)]
            result[milestone].append(
                {
                    **dict(zip(names, group_key, strict=True)),
                    "median_days": round_days(ranked_percentile(found, total, MEDIAN)),
                    "p90_days": round_days(ranked_percentile(found, total, P90)),
                    "count": total,
                }
            )
        return result


def _month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"
