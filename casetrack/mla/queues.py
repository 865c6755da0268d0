"""Work queues: what waits for the user's role, as filters of the request lists.

Each queue is one SQL condition on ``Request`` (already within the user's visibility), so a
queue is the incoming or outgoing list narrowed by it, and all counts are one grouped query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from flask import g, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import ColumnElement, and_, false, func, select
from sqlalchemy.orm import Session

from casetrack import access, clock
from casetrack.db import db
from casetrack.models import FINAL_STATUSES, UNSENT_STATUSES, Request, RequestStatus, User

S = RequestStatus
#: A request stays among "answers received" this many days after its answer.
ANSWER_DAYS = 30
#: Sent and not yet answered for good: a request the executing office has in hand.
_IN_HAND = tuple(s for s in S if s not in FINAL_STATUSES + UNSENT_STATUSES)
_DISPATCHABLE = (
    S.RECEIVED,
    S.IN_EXECUTION,
    S.INFORMATION_REQUESTED,
    S.PARTIALLY_EXECUTED,
    S.POSTPONED,
)


@dataclass(frozen=True)
class Queue:
    key: str
    label: object
    #: Which list the queue narrows: "incoming" or "outgoing".
    direction: str
    #: What a user must be able to do to have the queue (casetrack.access decides who can).
    capability: access.Capability


_DESK = access.Capability.APPROVE_AND_DISPATCH
_CONTENT = access.Capability.READ_CONTENT
#: A queue's count stops here; more is shown as "100+".
COUNT_CAP = 100
QUEUES = (
    Queue("approval", _l("Awaiting my approval"), "outgoing", _DESK),
    Queue("dispatch", _l("Incoming to dispatch"), "incoming", _DESK),
    Queue("assigned", _l("Assigned to my office"), "incoming", _CONTENT),
    Queue("info", _l("Information requested from us"), "outgoing", _CONTENT),
    Queue("answers", _l("Answers received"), "outgoing", _CONTENT),
)
BY_KEY = {q.key: q for q in QUEUES}


def for_user(user: User) -> list[Queue]:
    """The queues the user's role has."""
    return [q for q in QUEUES if access.can(user, q.capability)]


def condition(user: User, key: str, today: date) -> ColumnElement[bool]:
    """The condition on ``Request`` of one queue for ``user``.

    Each implies ``access.request_scope`` (the user's side of a request they may read), so
    that a queue is counted on its own office-and-status index (``counts``).
    """
    ours = access.office_in_scope(user, Request.requesting_office_id)
    if key == "approval":
        return and_(ours, Request.status == S.PENDING_APPROVAL)
    if key == "dispatch":
        return and_(
            access.office_in_scope(user, Request.requested_office_id),
            Request.status.in_(_DISPATCHABLE),
            Request.executing_office_id.is_(None),
        )
    if key == "assigned":
        # The statuses named (not "none of the others"): the planner then reads the executing
        # office's few requests on its index instead of scanning every request's status.
        return and_(
            access.office_in_scope(user, Request.executing_office_id),
            Request.status.in_(_IN_HAND),
        )
    if key == "info":
        return and_(ours, Request.status == S.INFORMATION_REQUESTED)
    if key == "answers":
        since = today - timedelta(days=ANSWER_DAYS)
        start = datetime(since.year, since.month, since.day, tzinfo=UTC)
        return and_(
            ours,
            (Request.status == S.PARTIALLY_EXECUTED)
            | (Request.status.in_((S.EXECUTED, S.REFUSED)) & (Request.closed_at >= start)),
        )
    return false()


def counts(session: Session, user: User, today: date) -> dict[str, int]:
    """How many requests each of the user's queues holds: one statement, whatever the size.

    Each queue is counted by its own subquery on its own office-and-status index (each
    condition implies the user's request scope), never over every request in the scope, and
    only up to ``COUNT_CAP`` + 1 (shown as "100+").
    """
    queues = for_user(user)
    if not queues or not access.can_see_content(user):
        return {}
    columns = [
        select(func.count())
        .select_from(
            select(Request.id).where(condition(user, q.key, today)).limit(COUNT_CAP + 1).subquery()
        )
        .scalar_subquery()
        .label(q.key)
        for q in queues
    ]
    row = session.execute(select(*columns)).one()
    return {q.key: int(getattr(row, q.key) or 0) for q in queues}


def links() -> list[dict]:
    """The signed-in user's queues with counts and list links (menu, dashboard, lists).

    Counted once per page view (one grouped query), however many places show them.
    """
    if "work_queues" in g:
        return g.work_queues
    found = counts(db.session, current_user, clock.today())
    g.work_queues = [
        {
            "key": q.key,
            "label": q.label,
            "count": min(found.get(q.key, 0), COUNT_CAP),
            "capped": found.get(q.key, 0) > COUNT_CAP,
            "shown": f"{COUNT_CAP}+" if found.get(q.key, 0) > COUNT_CAP else found.get(q.key, 0),
            "url": url_for(f"mla.{q.direction}", queue=q.key),
        }
        for q in for_user(current_user)
    ]
    return g.work_queues
