"""Network figures on MLA requests, shared by the monitoring pages, exports and the API."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casetrack import access
from casetrack.deadlines import state as deadline_state
from casetrack.labels import assistance_labels, by_value
from casetrack.models import (
    FINAL_STATUSES,
    Country,
    RefusalGround,
    Request,
    RequestStatus,
    User,
)
from casetrack.monitoring.queries import NetworkQueries
from casetrack.monitoring.sql import AGE_BUCKETS, OPEN_STATUSES, Filters
from casetrack.monitoring.tallied import TallyQueries
from casetrack.pagination import COUNT_AHEAD, Page

#: The statuses every status table shows, even at zero: a request's life after sending.
SHOWN_STATUSES = OPEN_STATUSES + FINAL_STATUSES
HEAT_LEVELS = 5


def last_months(today: date, count: int = 12) -> list[str]:
    """The ``YYYY-MM`` of the ``count`` months ending with today's, oldest first."""
    index = today.year * 12 + today.month - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - count + 1, index + 1)]


def network_figures(session: Session, user: User, filters: Filters, today: date) -> dict:
    """Count the visible requests by status, pair, lateness, delays, refusals and month.

    Read from the tallies kept up to date as requests change (``casetrack.figures``); a
    period (from/to) and the few figures the tallies cannot answer are read from the
    requests, as ``figures_from_requests`` does.
    """
    if not TallyQueries.serves(filters):
        return figures_from_requests(session, user, filters, today)
    queries = NetworkQueries(session, user, filters, today)
    queries.prepare()
    tallies = TallyQueries(session, user, filters, today)
    summary = [(*row[:4], None, row[4]) for row in tallies.summary()]
    ageing = tallies.overdue_by_age()
    if ageing is None:
        ageing = queries.overdue_by_age()
    months = last_months(today)
    monthly = tallies.monthly(months[0])
    by_pair = tallies.durations("pair") or queries.all_durations("pair")
    by_type = tallies.durations("type") or queries.all_durations("type")
    return _figures(summary, ageing, monthly, by_pair, by_type, months)


def figures_from_requests(session: Session, user: User, filters: Filters, today: date) -> dict:
    """The network figures counted over the visible requests themselves, grouped per view.

    The path of a period filter (and the tallies' check in the tests): every figure a
    grouped pass over the requests in scope, proportional to their number.
    """
    queries = NetworkQueries(session, user, filters, today)
    queries.prepare()
    summary = queries.summary()
    ageing: dict[str, int] = {}
    for *_row, bucket, count in summary:
        if bucket is not None:
            ageing[bucket] = ageing.get(bucket, 0) + count
    months = last_months(today)
    monthly = queries.monthly(months[0])
    by_pair, by_type = queries.all_durations("pair"), queries.all_durations("type")
    return _figures(summary, ageing, monthly, by_pair, by_type, months)


def _figures(summary, ageing, monthly, by_pair, by_type, months) -> dict:
    by_status: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}
    refusals: dict[str, int] = {}
    for status, origin, target, ground, _bucket, count in summary:
        by_status[status.value] = by_status.get(status.value, 0) + count
        if status in OPEN_STATUSES:
            pairs[(origin, target)] = pairs.get((origin, target), 0) + count
        if status == RequestStatus.REFUSED:
            key = ground.value if ground else "unrecorded"
            refusals[key] = refusals.get(key, 0) + count
    statuses = [s.value for s in RequestStatus if s in SHOWN_STATUSES or by_status.get(s.value)]
    grounds = [g.value for g in RefusalGround] + (
        ["unrecorded"] if "unrecorded" in refusals else []
    )
    sent, executed = monthly

    def times(milestone: str) -> dict:
        return {
            "by_pair": [
                {
                    "from": row["from_country"],
                    "to": row["to_country"],
                    **{k: v for k, v in row.items() if k not in ("from_country", "to_country")},
                }
                for row in by_pair[milestone]
            ],
            "by_assistance_type": by_type[milestone],
        }

    return {
        "by_status": {status: by_status.get(status, 0) for status in statuses},
        "country_pairs": [
            {"from": origin, "to": target, "open": count}
            for (origin, target), count in sorted(pairs.items())
        ],
        "overdue_by_age": {bucket: ageing.get(bucket, 0) for bucket in AGE_BUCKETS},
        "time_to_acknowledge": times("acknowledged"),
        "time_to_execute": times("executed"),
        "refusals_by_grounds": {ground: refusals.get(ground, 0) for ground in grounds},
        "monthly": [
            {"month": month, "sent": sent.get(month, 0), "executed": executed.get(month, 0)}
            for month in months
        ],
    }


@dataclass
class RequestRow:
    """One request's metadata as the drill-down list and its export show it."""

    id: int
    reference: str
    from_office: str
    to_office: str
    from_country: str
    to_country: str
    assistance_types: list[str]
    sent_on: date | None
    acknowledged_on: date | None
    closed_on: date | None
    status: str
    days_late: int | None


def _request_row(row, late_due_on: date | None, today: date) -> RequestRow:
    is_open = row.status in OPEN_STATUSES
    return RequestRow(
        id=row.id,
        reference=row.reference,
        from_office=row.from_office,
        to_office=row.to_office,
        from_country=row.from_country,
        to_country=row.to_country,
        assistance_types=list(row.assistance_types or []),
        sent_on=row.sent_at.date() if row.sent_at else None,
        acknowledged_on=row.acknowledged_at.date() if row.acknowledged_at else None,
        closed_on=row.closed_at.date() if row.closed_at else None,
        status=row.status.value,
        days_late=-deadline_state.days_to(today, late_due_on) if is_open and late_due_on else None,
    )


def request_page(
    session: Session, user: User, filters: Filters, today: date, page: int, per_page: int
) -> Page:
    """One page of the requests behind a figure: metadata only, three statements.

    Counted as the other lists are, up to ``COUNT_AHEAD`` rows past the page ("more than"),
    not over every request of the network behind the figure; the days late are looked up
    for the rows of the page only.
    """
    queries = NetworkQueries(session, user, filters, today)
    stmt = queries.request_rows()
    cap = page * per_page + COUNT_AHEAD
    limited = stmt.with_only_columns(Request.id).order_by(None).limit(cap + 1).subquery()
    total = session.scalar(select(func.count()).select_from(limited)) or 0
    rows = session.execute(stmt.limit(per_page).offset((page - 1) * per_page)).all()
    late = queries.late_due_dates([row.id for row in rows])
    return Page(
        [_request_row(row, late.get(row.id), today) for row in rows],
        page,
        per_page,
        min(total, cap),
        total_is_capped=total > cap,
    )


def all_requests(session: Session, user: User, filters: Filters, today: date, chunk: int = 1000):
    """Every request behind a figure, for an export: yielded in chunks, never all in memory
    (the days late looked up once per chunk)."""
    queries = NetworkQueries(session, user, filters, today)
    result = session.execute(queries.request_rows().execution_options(yield_per=chunk))
    for rows in result.partitions(chunk):
        late = queries.late_due_dates([row.id for row in rows])
        for row in rows:
            yield _request_row(row, late.get(row.id), today)


def country_names(session: Session, lang: str) -> dict[str, str]:
    """Every country's name in the interface language, by code."""
    return {country.code: country.name(lang) for country in session.scalars(select(Country))}


def has_my_country_choice(user: User) -> bool:
    """Tell whether the user may switch between their own country and the network."""
    return access.can_monitor_own_country(user)


# -- words ----------------------------------------------------------------------------------


def status_labels() -> dict[str, str]:
    """Each request status in the interface language, and "open" (sent, not yet answered)."""
    return {**by_value(RequestStatus), "open": _("open")}


def age_labels() -> dict[str, str]:
    """Each ageing bucket in the interface language."""
    return {
        "lt30": _("under 30 days late"),
        "30-90": _("30 to 89 days late"),
        "90-180": _("90 to 180 days late"),
        "gt180": _("over 180 days late"),
    }


def ground_labels(lang: str) -> dict[str, str]:
    """Each refusal ground in the interface language, and the count of unrecorded grounds."""
    return {**by_value(RefusalGround, lang), "unrecorded": _("ground not recorded")}


# -- presentation ---------------------------------------------------------------------------


@dataclass
class HeatCell:
    count: int
    level: int


def heat_map(pairs: list[dict]) -> tuple[list[str], list[str], dict[tuple[str, str], HeatCell]]:
    """Arrange open requests by pair as rows (requesting) and columns (requested countries)."""
    rows = sorted({pair["from"] for pair in pairs})
    columns = sorted({pair["to"] for pair in pairs})
    highest = max((pair["open"] for pair in pairs), default=0)
    cells = {
        (pair["from"], pair["to"]): HeatCell(
            pair["open"], math.ceil(HEAT_LEVELS * pair["open"] / highest) if highest else 0
        )
        for pair in pairs
    }
    return rows, columns, cells


@dataclass
class Table:
    """A figure as rows of plain values, for the page's tables and the exports."""

    title: str
    headers: list[str]
    rows: list[list]


TABLES = (
    "status",
    "pairs",
    "ageing",
    "acknowledge-pairs",
    "acknowledge-types",
    "execute-pairs",
    "execute-types",
    "refusals",
    "monthly",
    "requests",
)


def figure_table(name: str, figures: dict, lang: str) -> Table:
    """One of the dashboard's figures as a table with a header row."""
    if name == "status":
        labels = status_labels()
        return Table(
            _("Requests by status"),
            [_("Status"), _("Requests")],
            [[labels[status], count] for status, count in figures["by_status"].items()],
        )
    if name == "pairs":
        return Table(
            _("Open requests by country pair"),
            [_("Requesting country"), _("Requested country"), _("Open requests")],
            [[p["from"], p["to"], p["open"]] for p in figures["country_pairs"]],
        )
    if name == "ageing":
        labels = age_labels()
        return Table(
            _("Overdue requests by days late"),
            [_("Days late"), _("Requests")],
            [[labels[bucket], n] for bucket, n in figures["overdue_by_age"].items()],
        )
    if name in ("acknowledge-pairs", "acknowledge-types", "execute-pairs", "execute-types"):
        milestone, group = name.split("-")
        source = figures["time_to_acknowledge" if milestone == "acknowledge" else "time_to_execute"]
        measures = [_("Median days"), _("90th percentile, days"), _("Requests")]
        title = _("Days to acknowledge") if milestone == "acknowledge" else _("Days to execute")
        if group == "pairs":
            return Table(
                title,
                [_("Requesting country"), _("Requested country"), *measures],
                [
                    [r["from"], r["to"], r["median_days"], r["p90_days"], r["count"]]
                    for r in source["by_pair"]
                ],
            )
        labels = assistance_labels(lang)
        return Table(
            title,
            [_("Assistance type"), *measures],
            [
                [
                    labels.get(r["assistance_type"], r["assistance_type"]),
                    r["median_days"],
                    r["p90_days"],
                    r["count"],
                ]
                for r in source["by_assistance_type"]
            ],
        )
    if name == "refusals":
        labels = ground_labels(lang)
        return Table(
            _("Refusals by grounds"),
            [_("Ground"), _("Requests")],
            [[labels[g], n] for g, n in figures["refusals_by_grounds"].items()],
        )
    if name == "monthly":
        return Table(
            _("Requests sent and executed per month"),
            [_("Month"), _("Sent"), _("Executed")],
            [[m["month"], m["sent"], m["executed"]] for m in figures["monthly"]],
        )
    raise KeyError(name)


def requests_table(rows, lang: str) -> Table:
    """The requests behind a figure as a table with a header row (rows stay a generator)."""
    statuses = status_labels()
    types = assistance_labels(lang)
    return Table(
        _("Requests"),
        [
            _("Reference"),
            _("Requesting office"),
            _("Requested office"),
            _("Requesting country"),
            _("Requested country"),
            _("Assistance types"),
            _("Sent"),
            _("Acknowledged"),
            _("Closed"),
            _("Status"),
            _("Days late"),
        ],
        (
            [
                row.reference,
                row.from_office,
                row.to_office,
                row.from_country,
                row.to_country,
                "; ".join(types.get(code, code) for code in row.assistance_types),
                row.sent_on,
                row.acknowledged_on,
                row.closed_on,
                statuses[row.status],
                row.days_late,
            ]
            for row in rows
        ),
    )
