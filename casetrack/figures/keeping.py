"""Keep the network figures' tallies exact as requests change (models.figures).

Every flush that creates, changes or deletes a request takes its old rows off the tallies
and adds its new ones, in the flush's own transaction (an ``after_flush`` hook, so that no
code path can forget it: the pages, the API, the lifecycle, dispatching and the demo all
write through the ORM). The bulk path (``casetrack.synth``) writes requests with Core
inserts, past the hook, and adds its rows with ``add_rows`` in the same batch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from sqlalchemy import event, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from casetrack.figures import percentiles
from casetrack.models import (
    UNSENT_STATUSES,
    Office,
    Request,
    RequestDurationTally,
    RequestLateTally,
    RequestMonthTally,
    RequestPairTally,
    RequestStatus,
    RequestTally,
)
from casetrack.models.figures import ANY, NETWORK

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
TABLES = (
    RequestTally.__table__,
    RequestPairTally.__table__,
    RequestMonthTally.__table__,
    RequestDurationTally.__table__,
)
#: Every tally ``apply`` adds to: ``TABLES`` and the late deadlines' (``figures.lateness``).
KEPT = (*TABLES, RequestLateTally.__table__)
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
        # Its offices' row, and the whole network's.
        for at in (offices, (NETWORK, NETWORK, NETWORK)):
            if sent_at is not None:
                months[(_month(sent_at), "sent", *at, is_sent, kind)] += 1
            if is_executed and closed_at is not None:
                months[(_month(closed_at), "executed", *at, is_sent, kind)] += 1
    if not is_sent:
        return rows
    pair = (countries[offices[0]], countries[offices[1]])
    for kind in (ANY, *types):
        rows["request_pair_tallies"][(kind, status, *pair, ground)] += 1
    if sent_at is None:
        return rows
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
    """Add ``deltas`` (key → change of count) to the tallies: one upsert per table, and the
    percentiles of the duration histograms changed."""
    connection = session.connection()
    insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    for table in KEPT:
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
        if table is RequestDurationTally.__table__:
            # A histogram's key begins with its group's.
            percentiles.refresh(connection, {key[: len(percentiles.GROUP)] for key, _n in changes})


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


def bulk_statement_on(state, model: type) -> bool:
    """Whether an ORM statement is a bulk INSERT, UPDATE or DELETE of ``model`` the tallies
    must see (not one a rebuild runs with ``figures_rebuild=True``)."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return False
    mapper = state.bind_mapper
    if mapper is None or mapper.class_ is not model:
        return False
    return not state.execution_options.get("figures_rebuild")


def inserted_rows(state) -> list[dict]:
    """The rows a bulk INSERT writes, from its parameters or its VALUES."""
    params = state.parameters
    rows = params if isinstance(params, list) else [params] if params else []
    return rows or [{c.key: v.value for c, v in state.statement._values.items()}]


def updated_columns(state) -> set[str]:
    """The names of the columns a bulk UPDATE sets."""
    values = getattr(state.statement, "_values", None) or {}
    names = {getattr(column, "key", str(column)) for column in values}
    if state.parameters:
        extra = state.parameters if isinstance(state.parameters, list) else [state.parameters]
        names |= {key for row in extra for key in row}
    return names


@event.listens_for(Session, "do_orm_execute")
def _count_bulk_statements(state) -> None:
    """Count requests inserted by ``session.execute(insert(Request), rows)`` too.

    An ORM bulk insert skips the flush (and ``_keep_tallies``); its rows are counted from its
    parameters. A bulk UPDATE or DELETE of requests that would change a figure is refused:
    it cannot tell which requests it changed (load them, or run ``rebuild`` afterwards with
    ``figures_rebuild=True`` in the statement's execution options).
    """
    if not bulk_statement_on(state, Request):
        return
    if state.is_insert:
        rows = inserted_rows(state)
        result = state.invoke_statement()
        add_rows(state.session, rows)
        return result
    if state.is_update and not updated_columns(state) & set(WATCHED):
        return
    raise RuntimeError(
        "a bulk statement would change requests behind the tallies of the network figures"
    )
