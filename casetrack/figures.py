"""Keep the network figures' tallies exact as requests change (models.figures).

Every flush that creates, changes or deletes a request takes its old rows off the tallies
and adds its new ones, in the flush's own transaction (an ``after_flush`` hook, so that no
code path can forget it: the pages, the API, the lifecycle, dispatching and the demo all
write through the ORM). The bulk path (``casetrack.synth``) writes requests with Core
inserts, past the hook, and adds its rows with ``add_rows`` in the same batch.

``rebuild`` recomputes the tallies from the requests with ``INSERT … SELECT … GROUP BY``
(the migration's back-fill and ``flask casetrack figures-rebuild``), one requesting office
(one milestone for the durations) per transaction; ``differences`` compares the tallies with
counts made from the requests (``figures-rebuild --check`` and the tests).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    Integer,
    String,
    case,
    cast,
    delete,
    event,
    func,
    literal,
    select,
    text,
    union_all,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, aliased

from casetrack.models import (
    UNSENT_STATUSES,
    Office,
    Request,
    RequestDurationTally,
    RequestMonthTally,
    RequestStatus,
    RequestTally,
)
from casetrack.models.figures import ANY

#: The request's columns the tallies depend on: a flush that changes none of them is free.
WATCHED = (
    "requesting_office_id",
    "requested_office_id",
    "executing_office_id",
    "status",
    "refusal_ground",
    "assistance_types",
    "sent_at",
    "acknowledged_at",
    "closed_at",
)
TABLES = (RequestTally.__table__, RequestMonthTally.__table__, RequestDurationTally.__table__)
_UNSENT = tuple(status.value for status in UNSENT_STATUSES)
#: Durations under this many hours are kept to the hour, longer ones to the day.
HOURLY_BELOW = 48


# -- one request's rows ----------------------------------------------------------------------


def _value(member) -> str:
    return "" if member is None else getattr(member, "value", member)


def _trunc_div(numerator: int, denominator: int) -> int:
    # SQL's integer division truncates towards zero on both databases; Python's // floors.
    quotient = abs(numerator) // denominator
    return quotient if numerator >= 0 else -quotient


def duration_bucket(seconds: int) -> int:
    """The rounded duration in hours: to the hour under two days, to the day from then on."""
    hours = _trunc_div(seconds + 1800, 3600)
    if hours < HOURLY_BELOW:
        return hours
    return _trunc_div(seconds + 43200, 86400) * 24


def _seconds(start: datetime, end: datetime) -> int:
    return round((end - start).total_seconds())


def _month(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m")


def contributions(values: Mapping, countries: Mapping[int, str]) -> dict[str, Counter]:
    """The tally rows one request counts in, by table name (each key counted once)."""
    rows = {table.name: Counter() for table in TABLES}
    if values.get("requesting_office_id") is None or values.get("requested_office_id") is None:
        return rows
    status = _value(values.get("status") or RequestStatus.DRAFT)
    offices = (
        values["requesting_office_id"],
        values["requested_office_id"],
        values.get("executing_office_id") or 0,
    )
    types = sorted(set(values.get("assistance_types") or []))
    ground = _value(values.get("refusal_ground"))
    for kind in (ANY, *types):
        rows["request_tallies"][(*offices, status, ground, kind)] += 1
    sent_at, closed_at = values.get("sent_at"), values.get("closed_at")
    acknowledged_at = values.get("acknowledged_at")
    is_sent = status not in _UNSENT
    is_executed = status == RequestStatus.EXECUTED.value
    months = rows["request_month_tallies"]
    for kind in (ANY, *types):
        if sent_at is not None:
            months[(_month(sent_at), "sent", *offices, is_sent, kind)] += 1
        if is_executed and closed_at is not None:
            months[(_month(closed_at), "executed", *offices, is_sent, kind)] += 1
    if not is_sent or sent_at is None:
        return rows
    pair = (countries[offices[0]], countries[offices[1]])
    durations = rows["request_duration_tallies"]
    for milestone, end in (
        ("acknowledged", acknowledged_at),
        ("executed", closed_at if is_executed else None),
    ):
        if end is None:
            continue
        hours = duration_bucket(_seconds(sent_at, end))
        durations[(milestone, *pair, ANY, hours)] += 1
        for kind in types:
            durations[(milestone, *pair, kind, hours)] += 1
            durations[(milestone, ANY, ANY, kind, hours)] += 1
    return rows


def apply(session: Session, deltas: Mapping[str, Counter]) -> None:
    """Add ``deltas`` (key → change of count) to the tallies: one upsert per table."""
    connection = session.connection()
    insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    for table in TABLES:
        changes = [(key, n) for key, n in deltas.get(table.name, {}).items() if n]
        if not changes:
            continue
        keys = [column.name for column in table.primary_key.columns]
        stmt = insert(table)
        stmt = stmt.on_conflict_do_update(
            index_elements=keys, set_={"count": table.c.count + stmt.excluded.count}
        )
        connection.execute(
            stmt, [dict(zip(keys, key, strict=True), count=n) for key, n in sorted(changes)]
        )


def _countries(session: Session) -> dict[int, str]:
    connection = session.connection()
    return dict(connection.execute(select(Office.id, Office.country_code)).all())


def add_rows(session: Session, rows: Iterable[Mapping]) -> None:
    """Count requests written past the ORM (the bulk path), as plain column dicts."""
    countries = _countries(session)
    deltas = {table.name: Counter() for table in TABLES}
    for row in rows:
        for name, counted in contributions(row, countries).items():
            deltas[name].update(counted)
    apply(session, deltas)


# -- the hook --------------------------------------------------------------------------------


def _old_values(state) -> dict:
    values = {}
    for name in WATCHED:
        history = state.attrs[name].history
        if history.deleted:
            values[name] = history.deleted[0]
        elif history.unchanged:
            values[name] = history.unchanged[0]
        else:
            values[name] = None
    return values


def _new_values(obj: Request) -> dict:
    return {name: getattr(obj, name) for name in WATCHED}


@event.listens_for(Session, "after_flush")
def _keep_tallies(session: Session, flush_context) -> None:
    from sqlalchemy import inspect

    changed = []
    for obj in session.new:
        if isinstance(obj, Request):
            changed.append((None, _new_values(obj)))
    for obj in session.dirty:
        if not isinstance(obj, Request):
            continue
        state = inspect(obj)
        if any(state.attrs[name].history.has_changes() for name in WATCHED):
            changed.append((_old_values(state), _new_values(obj)))
    for obj in session.deleted:
        if isinstance(obj, Request):
            changed.append((_old_values(inspect(obj)), None))
    if not changed:
        return
    countries = _countries(session)
    deltas = {table.name: Counter() for table in TABLES}
    for old, new in changed:
        if old is not None:
            for name, counted in contributions(old, countries).items():
                deltas[name].subtract(counted)
        if new is not None:
            for name, counted in contributions(new, countries).items():
                deltas[name].update(counted)
    apply(session, deltas)


@event.listens_for(Session, "do_orm_execute")
def _count_bulk_statements(state) -> None:
    """Count requests inserted by ``session.execute(insert(Request), rows)`` too.

    An ORM bulk insert skips the flush (and ``_keep_tallies``); its rows are counted from its
    parameters. A bulk UPDATE or DELETE of requests that would change a figure is refused:
    it cannot tell which requests it changed (load them, or run ``rebuild`` afterwards with
    ``figures_rebuild=True`` in the statement's execution options).
    """
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    mapper = state.bind_mapper
    if mapper is None or mapper.class_ is not Request:
        return
    if state.execution_options.get("figures_rebuild"):
        return
    if state.is_insert:
        params = state.parameters
        rows = params if isinstance(params, list) else [params] if params else []
        if not rows:
            rows = [{c.key: v.value for c, v in state.statement._values.items()}]
        result = state.invoke_statement()
        add_rows(state.session, rows)
        return result
    if state.is_update:
        values = getattr(state.statement, "_values", None) or {}
        names = {getattr(column, "key", str(column)) for column in values}
        if state.parameters:
            extra = state.parameters if isinstance(state.parameters, list) else [state.parameters]
            names |= {key for row in extra for key in row}
        if not names & set(WATCHED):
            return
    raise RuntimeError(
        "a bulk statement would change requests behind the tallies of the network figures"
    )


# -- recomputing from the requests ------------------------------------------------------------


def _types(dialect: str):
    if dialect == "postgresql":
        return (
            func.json_array_elements_text(Request.assistance_types)
            .table_valued("value")
            .render_derived(name="atype")
        )
    return func.json_each(Request.assistance_types).table_valued("value").alias("atype")


def _month_of(dialect: str, column):
    if dialect == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM")
    return func.strftime("%Y-%m", column)


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
    atype = _types(dialect)
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


def month_selects(dialect: str, where=None) -> list:
    """The ``request_month_tallies`` rows, as SELECTs over the requests."""
    atype = _types(dialect)
    is_sent = cast(Request.status.not_in(UNSENT_STATUSES), Boolean)
    offices = [
        Request.requesting_office_id,
        Request.requested_office_id,
        func.coalesce(Request.executing_office_id, 0),
    ]
    conditions = [] if where is None else [where]
    selects = []
    for event_name, column, extra in (
        ("sent", Request.sent_at, []),
        ("executed", Request.closed_at, [Request.status == RequestStatus.EXECUTED]),
    ):
        month = _month_of(dialect, column)
        keys = [month, literal(event_name), *offices, is_sent]
        base = [column.is_not(None), *extra, *conditions]
        selects.append(select(*keys, literal(ANY), func.count()).where(*base).group_by(*keys))
        selects.append(
            select(*keys, atype.c.value, func.count(func.distinct(Request.id)))
            .select_from(Request)
            .join(atype, literal(True))
            .where(*base)
            .group_by(*keys, atype.c.value)
        )
    return selects


def duration_selects(dialect: str, milestone: str) -> list:
    """The ``request_duration_tallies`` rows of one milestone, as SELECTs over the requests."""
    atype = _types(dialect)
    origin, target = aliased(Office), aliased(Office)
    end = Request.acknowledged_at if milestone == "acknowledged" else Request.closed_at
    hours = _bucket(_seconds_between(dialect, Request.sent_at, end))
    base = [Request.sent_at.is_not(None), end.is_not(None), Request.status.not_in(UNSENT_STATUSES)]
    if milestone == "executed":
        base.append(Request.status == RequestStatus.EXECUTED)

    def joined(*columns):
        return (
            select(*columns)
            .select_from(Request)
            .join(origin, origin.id == Request.requesting_office_id)
            .join(target, target.id == Request.requested_office_id)
            .where(*base)
        )

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


def insert_from(connection, table, selects: list) -> None:
    columns = [column.name for column in table.columns]
    connection.execute(table.insert().from_select(columns, union_all(*selects)))


def _hold_requests(session: Session) -> None:
    """Keep the requests still until this chunk commits (PostgreSQL; a SQLite write already
    holds the database's one write lock).

    A chunk deletes its tallies and counts them again from the requests; a writer changing
    a request in between would be counted twice or not at all, or its new tally row would
    collide with the chunk's. ``SHARE`` waits for the transactions that changed requests to
    commit and keeps others from changing them for the chunk's length (one office's
    requests, one milestone's durations), never for the whole rebuild; readers go on.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE requests IN SHARE MODE"))


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
        connection.execute(delete(table).where(table.c.requesting_office_id.not_in(offices)))
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
    for milestone in ("acknowledged", "executed"):
        _hold_requests(session)
        connection = session.connection()
        table = RequestDurationTally.__table__
        connection.execute(delete(table).where(table.c.milestone == milestone))
        insert_from(connection, table, duration_selects(dialect, milestone))
        if commit:
            session.commit()
        if echo:
            echo(f"  durations to {milestone}")


def differences(session: Session) -> dict[str, list[tuple]]:
    """Where the tallies and counts made from the requests disagree, by table.

    Each entry is ``(key, tallied, counted)``; an empty result means they agree.
    """
    dialect = session.get_bind().dialect.name
    expected = {
        RequestTally.__table__: count_selects(dialect),
        RequestMonthTally.__table__: month_selects(dialect),
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
    return {name: rows for name, rows in found.items() if rows}
