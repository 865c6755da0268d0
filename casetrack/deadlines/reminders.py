"""The nightly run: marks owed deadlines missed once past their date and records reminders."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from casetrack.deadlines import state as deadline_state
from casetrack.deadlines.queries import DeadlineRow, with_subjects
from casetrack.models import (
    Deadline,
    DeadlineState,
    Reminder,
)

#: Deadlines handled per transaction: a run over a register of years (55,206 reminders and
#: 712 MB in one transaction at 100,000 requests) holds no lock, and no more rows in memory,
#: than one chunk's.
CHUNK = 1000


@dataclass
class ReminderRun:
    """What one run of the reminders did."""

    marked_missed: list[Deadline]
    reminded: int


def _nothing() -> None:
    return None


def run_reminders(
    session: Session,
    today: date,
    *,
    commit: Callable[[], None] = _nothing,
    report: Callable[[list[DeadlineRow]], None] | None = None,
    chunk: int = CHUNK,
) -> ReminderRun:
    """Mark open deadlines past their date missed, telling their offices; record today's
    reminder for each late one; tell the offices of those due soon.

    Works ``chunk`` deadlines at a time and calls ``commit`` after each (the command commits;
    a caller holding a transaction of its own passes nothing), so that the audit trail's
    lock, which the missed marks take, and SQLite's write lock are held for one chunk only:
    a log-in during the nightly run waits for a chunk, not for the run. A run stopped
    midway is finished by the next (it reads what is still open, unreminded or untold);
    a second run the same day adds nothing. ``report`` receives each chunk's reminders.
    """
    from casetrack.notifications.services import deadline_notices

    owed_late = select(Deadline.id).where(
        Deadline.state == DeadlineState.OPEN, deadline_state.overdue(today)
    )
    marked: list[Deadline] = []
    for ids in _chunks(session.scalars(owed_late.order_by(Deadline.id)).all(), chunk):
        deadlines = _loaded(session, ids, Deadline.id)
        for deadline in deadlines:
            deadline.state = DeadlineState.MISSED
        session.flush()
        deadline_notices(session, deadlines, [])
        session.flush()
        commit()
        marked += deadlines

    already = exists().where(Reminder.deadline_id == Deadline.id, Reminder.sent_on == today)
    late = select(Deadline.id).where(deadline_state.overdue(today), ~already)
    late_ids = session.scalars(late.order_by(Deadline.due_on, Deadline.id)).all()
    for ids in _chunks(late_ids, chunk):
        rows = []
        for deadline in _loaded(session, ids, Deadline.due_on, Deadline.id):
            session.add(Reminder(deadline_id=deadline.id, sent_on=today))
            rows.append(
                DeadlineRow(
                    deadline=deadline,
                    days_left=deadline_state.days_left(today, deadline),
                    is_overdue=True,
                    is_due_soon=False,
                    we_owe=False,
                )
            )
        session.flush()
        if report is not None:
            report(rows)
        commit()

    soon = select(Deadline.id).where(deadline_state.due_soon(today)).order_by(Deadline.id)
    for ids in _chunks(session.scalars(soon).all(), chunk):
        deadline_notices(session, [], _loaded(session, ids, Deadline.id))
        session.flush()
        commit()
    return ReminderRun(marked, len(late_ids))


def _chunks(ids: Sequence[int], size: int):
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def _loaded(session: Session, ids: list[int], *order) -> list[Deadline]:
    """The deadlines ``ids`` with their subjects, in ``order``."""
    stmt = with_subjects(select(Deadline).where(Deadline.id.in_(ids))).order_by(*order)
    return list(session.scalars(stmt).unique())
