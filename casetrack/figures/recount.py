"""Recount the tallies from the requests: ``rebuild`` with ``INSERT … SELECT … GROUP BY``
(the migration's back-fill and ``flask casetrack figures-rebuild``), one requesting office
(one milestone for the durations) per transaction; ``differences`` compares the tallies with
counts made from the requests (``figures-rebuild --check`` and the tests).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Integer,
    Select,
    String,
    case,
    cast,
    delete,
    func,
    literal,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from casetrack.figures import percentiles
from casetrack.figures.keeping import HOURLY_BELOW
from casetrack.figures.lateness import earliest_late_due
from casetrack.models import (
    UNSENT_STATUSES,
    Office,
    Request,
    RequestDurationFigure,
    RequestDurationTally,
    RequestLateTally,
    RequestMonthTally,
    RequestPairTally,
    RequestStatus,
    RequestTally,
)
from casetrack.models.figures import ANY, NETWORK
from casetrack.monitoring.sql import OPEN_STATUSES, assistance_type_table, month_key

# -- recomputing from the requests ------------------------------------------------------------


def _seconds_between(dialect: str, start, end):
    if dialect == "postgresql":
        return cast(func.round(func.extract("epoch", end - start)), Integer)
    return cast(func.round((func.julianday(end) - func.julianday(start)) * 86400), Integer)


def _bucket(seconds):
    # ``//`` on integers is SQL's truncating division on both databases (see _trunc_div).
    hours = (seconds + 1800) // 3600
    return case((hours < HOURLY_BELOW, hours), else_=((seconds + 43200) // 86400) * 24)


def count_selects(dialect: str, where=None) -> list:
    """The ``request_tallies`` rows, as SELECTs over the requests (optionally some of them)."""
    atype = assistance_type_table(dialect)
    keys = [
        Request.requesting_office_id,
        Request.requested_office_id,
        func.coalesce(Request.executing_office_id, 0),
        cast(Request.status, String),
        func.coalesce(cast(Request.refusal_ground, String), ""),
    ]
    conditions = [] if where is None else [where]
    anyrow = select(*keys, literal(ANY), func.count()).where(*conditions).group_by(*keys)
    typed = (
        select(*keys, atype.c.value, func.count(func.distinct(Request.id)))
        .select_from(Request)
        .join(atype, literal(True))
        .where(*conditions)
        .group_by(*keys, atype.c.value)
    )
    return [anyrow, typed]


def _with_offices(origin, target, *columns) -> Select:
    """``select(*columns)`` over the requests joined to their requesting office (``origin``)
    and their requested office (``target``), for keys by country pair."""
    return (
        select(*columns)
        .select_from(Request)
        .join(origin, origin.id == Request.requesting_office_id)
        .join(target, target.id == Request.requested_office_id)
    )


def pair_selects(dialect: str) -> list:
    """The ``request_pair_tallies`` rows, as SELECTs over the sent requests."""
    atype = assistance_type_table(dialect)
    origin, target = aliased(Office), aliased(Office)
    keys = [
        cast(Request.status, String),
        origin.country_code,
        target.country_code,
        func.coalesce(cast(Request.refusal_ground, String), ""),
    ]

    def joined(*columns):
        return _with_offices(origin, target, *columns).where(Request.status.not_in(UNSENT_STATUSES))

    return [
        joined(literal(ANY), *keys, func.count()).group_by(*keys),
        joined(atype.c.value, *keys, func.count(func.distinct(Request.id)))
        .join(atype, literal(True))
        .group_by(atype.c.value, *keys),
    ]


def month_selects(dialect: str, where=None, network: bool = False) -> list:
    """The ``request_month_tallies`` rows, as SELECTs over the requests: each office triple's,
    or with ``network`` the whole network's (office ids ``NETWORK``)."""
    atype = assistance_type_table(dialect)
    is_sent = cast(Request.status.not_in(UNSENT_STATUSES), Boolean)
    offices = [
        Request.requesting_office_id,
        Request.requested_office_id,
        func.coalesce(Request.executing_office_id, 0),
    ]
    by_offices = [] if network else offices
    if network:
        offices = [literal(NETWORK)] * 3
    conditions = [] if where is None else [where]
    selects = []
    for event_name, column, extra in (
        ("sent", Request.sent_at, []),
        ("executed", Request.closed_at, [Request.status == RequestStatus.EXECUTED]),
    ):
        month = month_key(dialect, column)
        keys = [month, literal(event_name), *offices, is_sent]
        groups = [month, *by_offices, is_sent]
        base = [column.is_not(None), *extra, *conditions]
        selects.append(select(*keys, literal(ANY), func.count()).where(*base).group_by(*groups))
        selects.append(
            select(*keys, atype.c.value, func.count(func.distinct(Request.id)))
            .select_from(Request)
            .join(atype, literal(True))
            .where(*base)
            .group_by(*groups, atype.c.value)
        )
    return selects


def duration_selects(dialect: str, milestone: str) -> list:
    """The ``request_duration_tallies`` rows of one milestone, as SELECTs over the requests."""
    atype = assistance_type_table(dialect)
    origin, target = aliased(Office), aliased(Office)
    end = Request.acknowledged_at if milestone == "acknowledged" else Request.closed_at
    hours = _bucket(_seconds_between(dialect, Request.sent_at, end))
    base = [Request.sent_at.is_not(None), end.is_not(None), Request.status.not_in(UNSENT_STATUSES)]
    if milestone == "executed":
        base.append(Request.status == RequestStatus.EXECUTED)

    def joined(*columns):
        return _with_offices(origin, target, *columns).where(*base)

    pair = [origin.country_code, target.country_code]
    return [
        joined(literal(milestone), *pair, literal(ANY), hours, func.count()).group_by(*pair, hours),
        joined(
            literal(milestone), *pair, atype.c.value, hours, func.count(func.distinct(Request.id))
        )
        .join(atype, literal(True))
        .group_by(*pair, atype.c.value, hours),
        joined(
            literal(milestone),
            literal(ANY),
            literal(ANY),
            atype.c.value,
            hours,
            func.count(func.distinct(Request.id)),
        )
        .join(atype, literal(True))
        .group_by(atype.c.value, hours),
    ]


def late_selects(dialect: str, where=None) -> list:
    """The ``request_late_tallies`` rows, as SELECTs over the open requests and their
    earliest owed late deadlines."""
    atype = assistance_type_table(dialect)
    due = earliest_late_due().subquery("late")
    if dialect == "postgresql":
        month = func.to_char(due.c.due_on, "YYYY-MM")
        day = cast(func.extract("day", due.c.due_on), Integer)
    else:
        month = func.strftime("%Y-%m", due.c.due_on)
        day = cast(func.strftime("%d", due.c.due_on), Integer)
    origin, target = aliased(Office), aliased(Office)
    pair = [origin.country_code, target.country_code]
    conditions = [Request.status.in_(OPEN_STATUSES), *([] if where is None else [where])]

    def joined(*columns):
        stmt = _with_offices(origin, target, *columns)
        return stmt.join(due, due.c.request_id == Request.id).where(*conditions)

    selects = []
    for day_key in (literal(0), day):
        # Each country pair's rows, and the whole network's ("*" to "*").
        for countries, by in ((pair, pair), ([literal(ANY), literal(ANY)], [])):
            keys = [month, day_key]
            grouped = [*keys, *by]
            selects.append(joined(literal(ANY), *keys, *countries, func.count()).group_by(*grouped))
            selects.append(
                joined(atype.c.value, *keys, *countries, func.count(func.distinct(Request.id)))
                .join(atype, literal(True))
                .group_by(atype.c.value, *grouped)
            )
    return selects


def insert_from(connection, table, selects: list) -> None:
    columns = [column.name for column in table.columns]
    connection.execute(table.insert().from_select(columns, union_all(*selects)))


def _hold_requests(session: Session) -> None:
    """Keep the requests and their deadlines still until this chunk commits (PostgreSQL; a
    SQLite write already holds the database's one write lock).

    A chunk deletes its tallies and counts them again from the requests; a writer changing
    a request in between would be counted twice or not at all, or its new tally row would
    collide with the chunk's. ``SHARE`` waits for the transactions that changed requests to
    commit and keeps others from changing them for the chunk's length (one office's
    requests, one milestone's durations), never for the whole rebuild; readers go on.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE requests, deadlines IN SHARE MODE"))


def rebuild(session: Session, commit: bool = True, echo=None) -> None:
    """Recompute every tally from the requests, a requesting office (a milestone) at a time.

    Each chunk deletes its rows and inserts them again in one transaction, so that the
    figures are never missing a chunk and no lock is held for longer than one chunk.
    """
    dialect = session.get_bind().dialect.name
    _hold_requests(session)
    offices = list(
        session.scalars(
            select(Request.requesting_office_id).distinct().order_by(Request.requesting_office_id)
        )
    )
    # Rows of offices that no longer send anything go first.
    connection = session.connection()
    for table in (RequestTally.__table__, RequestMonthTally.__table__):
        gone = table.c.requesting_office_id.not_in([*offices, NETWORK])
        connection.execute(delete(table).where(gone))
    for office_id in offices:
        _hold_requests(session)
        connection = session.connection()
        chosen = Request.requesting_office_id == office_id
        for table, selects in (
            (RequestTally.__table__, count_selects(dialect, chosen)),
            (RequestMonthTally.__table__, month_selects(dialect, chosen)),
        ):
            connection.execute(delete(table).where(table.c.requesting_office_id == office_id))
            insert_from(connection, table, selects)
        if commit:
            session.commit()
        if echo:
            echo(f"  office {office_id}")
    # The whole network's months and pairs, once every office's are in.
    _hold_requests(session)
    connection = session.connection()
    table = RequestMonthTally.__table__
    connection.execute(delete(table).where(table.c.requesting_office_id == NETWORK))
    insert_from(connection, table, month_selects(dialect, network=True))
    table = RequestPairTally.__table__
    connection.execute(delete(table))
    insert_from(connection, table, pair_selects(dialect))
    if commit:
        session.commit()
    if echo:
        echo("  the network's months and country pairs")
    for milestone in ("acknowledged", "executed"):
        _hold_requests(session)
        connection = session.connection()
        table = RequestDurationTally.__table__
        connection.execute(delete(table).where(table.c.milestone == milestone))
        insert_from(connection, table, duration_selects(dialect, milestone))
        percentiles.refresh_all(connection, milestone)
        if commit:
            session.commit()
        if echo:
            echo(f"  durations to {milestone}")
    _hold_requests(session)
    connection = session.connection()
    table = RequestLateTally.__table__
    connection.execute(delete(table))
    insert_from(connection, table, late_selects(dialect))
    if commit:
        session.commit()
    if echo:
        echo("  late deadlines")


def differences(session: Session) -> dict[str, list[tuple]]:
    """Where the tallies and counts made from the requests disagree, by table (and where
    the durations' percentiles disagree with their histogram).

    Each entry is ``(key, tallied, counted)``; an empty result means they agree.
    """
    dialect = session.get_bind().dialect.name
    expected = {
        RequestTally.__table__: count_selects(dialect),
        RequestPairTally.__table__: pair_selects(dialect),
        RequestMonthTally.__table__: month_selects(dialect) + month_selects(dialect, network=True),
        RequestLateTally.__table__: late_selects(dialect),
        RequestDurationTally.__table__: duration_selects(dialect, "acknowledged")
        + duration_selects(dialect, "executed"),
    }
    found = {}
    for table, selects in expected.items():
        counted = {
            tuple(row[:-1]): row[-1] for row in session.execute(union_all(*selects)) if row[-1]
        }
        tallied = {
            tuple(row[:-1]): row[-1] for row in session.execute(select(table)).all() if row[-1]
        }
        keys = sorted(set(counted) | set(tallied), key=repr)
        found[table.name] = [
            (key, tallied.get(key, 0), counted.get(key, 0))
            for key in keys
            if tallied.get(key, 0) != counted.get(key, 0)
        ]
    # The percentiles kept beside the histogram, against the histogram (itself checked above).
    expected_figures = percentiles.computed(session.connection())
    kept = {
        tuple(row[: len(percentiles.GROUP)]): tuple(row[len(percentiles.GROUP) :])
        for row in session.execute(
            select(
                *(RequestDurationFigure.__table__.c[name] for name in percentiles.GROUP),
                *(RequestDurationFigure.__table__.c[name] for name in percentiles.FIGURES),
            )
        )
    }
    found[RequestDurationFigure.__table__.name] = [
        (key, kept.get(key), expected_figures.get(key))
        for key in sorted(set(kept) | set(expected_figures))
        if kept.get(key) != expected_figures.get(key)
    ]
    return {name: rows for name, rows in found.items() if rows}
