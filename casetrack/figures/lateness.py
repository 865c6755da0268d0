"""Keep the tally of open requests by their earliest owed late due date exact
(``models.figures.RequestLateTally``), as requests and their deadlines change.

A request's row depends on the request (its offices, status and assistance types) and on
all its acknowledgement and response deadlines (the earliest owed one), so it cannot be
worked out from one changed object alone: before a flush the rows of every request it
touches are read from the database, after the flush they are read again, and the tally
takes the difference. The ORM bulk insert of deadlines (``session.execute(insert(Deadline),
rows)``) is counted the same way; the synthetic bulk path counts its requests with
``add_requests`` once their deadlines are written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sqlalchemy import event, func, inspect, select
from sqlalchemy.orm import Session

from casetrack.deadlines.state import owed
from casetrack.models import Deadline, Request, RequestLateTally
from casetrack.models.figures import ANY
from casetrack.monitoring.sql import LATE_KINDS, OPEN_STATUSES, FromOffice, ToOffice

TABLE = RequestLateTally.__table__
#: The columns whose change can move a request in the tally.
REQUEST_COLUMNS = (
    "requesting_office_id",
    "requested_office_id",
    "executing_office_id",
    "status",
    "assistance_types",
)
DEADLINE_COLUMNS = ("request_id", "kind", "due_on", "state")
_CHUNK = 500
_SNAPSHOT = "casetrack.figures.late_before_flush"


def earliest_late_due():
    """Each request's earliest owed late due date, as a subquery (``request_id``, ``due_on``)."""
    return (
        select(Deadline.request_id.label("request_id"), func.min(Deadline.due_on).label("due_on"))
        .where(Deadline.request_id.is_not(None), Deadline.kind.in_(LATE_KINDS), owed(Deadline))
        .group_by(Deadline.request_id)
    )


def late_rows(connection, request_ids: Iterable[int]) -> Counter:
    """The tally rows the requests ``request_ids`` count in now (a query per 500 requests)."""
    ids = sorted(set(request_ids))
    rows: Counter = Counter()
    for start in range(0, len(ids), _CHUNK):
        chosen = ids[start : start + _CHUNK]
        due = earliest_late_due().where(Deadline.request_id.in_(chosen)).subquery("late")
        stmt = (
            select(
                FromOffice.country_code,
                ToOffice.country_code,
                Request.assistance_types,
                due.c.due_on,
            )
            .select_from(Request)
            .join(due, due.c.request_id == Request.id)
            .join(FromOffice, FromOffice.id == Request.requesting_office_id)
            .join(ToOffice, ToOffice.id == Request.requested_office_id)
            .where(Request.id.in_(chosen), Request.status.in_(OPEN_STATUSES))
        )
        for origin, target, types, due_on in connection.execute(stmt):
            month = f"{due_on.year:04d}-{due_on.month:02d}"
            for kind in (ANY, *sorted(set(types or []))):
                for day in (0, due_on.day):
                    # Its country pair's row, and the whole network's ("*" to "*").
                    for pair in ((origin, target), (ANY, ANY)):
                        rows[(kind, month, day, *pair)] += 1
    return rows


def add_requests(session: Session, request_ids: Iterable[int]) -> None:
    """Count requests (and deadlines) written past the ORM, none of them counted before."""
    from casetrack.figures.keeping import apply

    apply(session, {TABLE.name: late_rows(session.connection(), request_ids)})


# -- the hooks -------------------------------------------------------------------------------


def _changed(obj, columns) -> bool:
    """Tell whether any of ``columns`` changed, or a relationship that sets one in the flush
    (``request.executing_office = office`` changes ``executing_office_id`` only then)."""
    state = inspect(obj)
    names = set(columns) | {
        relationship.key
        for relationship in state.mapper.relationships
        if {column.key for column in relationship.local_columns} & set(columns)
    }
    return any(state.attrs[name].history.has_changes() for name in names)


def _request_ids_of_deadline(obj: Deadline) -> set[int]:
    state = inspect(obj)
    history = state.attrs.request_id.history
    ids = {i for i in (*history.deleted, *history.unchanged, *history.added) if i}
    related = state.dict.get("request")
    if related is not None and inspect(related).identity:
        ids.add(inspect(related).identity[0])
    return ids


def touched_requests(session: Session) -> set[int]:
    """The requests whose tally row this flush may change (ids the database knows)."""
    ids: set[int] = set()
    for obj in session.new:
        if isinstance(obj, Deadline):
            ids |= _request_ids_of_deadline(obj)
    for obj in session.dirty:
        if isinstance(obj, Deadline) and _changed(obj, DEADLINE_COLUMNS):
            ids |= _request_ids_of_deadline(obj)
        elif isinstance(obj, Request) and obj.id and _changed(obj, REQUEST_COLUMNS):
            ids.add(obj.id)
    for obj in session.deleted:
        if isinstance(obj, Deadline):
            ids |= _request_ids_of_deadline(obj)
        elif isinstance(obj, Request) and obj.id:
            ids.add(obj.id)
    return ids


@event.listens_for(Session, "before_flush")
def _read_before(session: Session, flush_context, instances) -> None:
    ids = touched_requests(session)
    session.info[_SNAPSHOT] = (ids, late_rows(session.connection(), ids) if ids else Counter())


@event.listens_for(Session, "after_flush")
def _keep_late(session: Session, flush_context) -> None:
    before_ids, before = session.info.pop(_SNAPSHOT, (set(), Counter()))
    ids = before_ids | touched_requests(session)
    if not ids:
        return
    delta = late_rows(session.connection(), ids)
    delta.subtract(before)
    from casetrack.figures.keeping import apply

    apply(session, {TABLE.name: delta})


@event.listens_for(Session, "do_orm_execute")
def _count_bulk_deadlines(state) -> None:
    """Count deadlines inserted by ``session.execute(insert(Deadline), rows)``; refuse a bulk
    UPDATE or DELETE of deadlines that could move a request in the tally (it cannot tell
    which requests it changed: load them, or rebuild with ``figures_rebuild=True``)."""
    from casetrack.figures.keeping import apply, bulk_statement_on, inserted_rows, updated_columns

    if not bulk_statement_on(state, Deadline):
        return
    if state.is_insert:
        ids = {row.get("request_id") for row in inserted_rows(state)} - {None}
        connection = state.session.connection()
        before = late_rows(connection, ids) if ids else Counter()
        result = state.invoke_statement()
        if ids:
            delta = late_rows(connection, ids)
            delta.subtract(before)
            apply(state.session, {TABLE.name: delta})
        return result
    if state.is_update and not updated_columns(state) & set(DEADLINE_COLUMNS):
        return
    raise RuntimeError(
        "a bulk statement would change deadlines behind the tallies of the network figures"
    )
