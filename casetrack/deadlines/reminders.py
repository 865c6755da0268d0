"""The nightly run: marks owed deadlines missed once past their date and records reminders."""

from __future__ import annotations

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


@dataclass
class ReminderRun:
    """What one run of the reminders did."""

    marked_missed: list[Deadline]
    reminded: list[DeadlineRow]


def run_reminders(session: Session, today: date) -> ReminderRun:
    """Mark open deadlines past their date missed; record today's reminder for each late one."""
    marked = list(
        session.scalars(
            select(Deadline)
            .where(Deadline.state == DeadlineState.OPEN, deadline_state.overdue(today))
            .order_by(Deadline.id)
        )
    )
    for deadline in marked:
        deadline.state = DeadlineState.MISSED
    session.flush()
    already = exists().where(Reminder.deadline_id == Deadline.id, Reminder.sent_on == today)
    late = list(
        session.scalars(
            with_subjects(select(Deadline).where(deadline_state.overdue(today), ~already)).order_by(
                Deadline.due_on, Deadline.id
            )
        ).unique()
    )
    rows = []
    for deadline in late:
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
    from casetrack.notifications.services import deadline_notices

    soon = list(
        session.scalars(
            with_subjects(select(Deadline).where(deadline_state.due_soon(today))).order_by(
                Deadline.id
            )
        ).unique()
    )
    deadline_notices(session, marked, soon)
    session.flush()
    return ReminderRun(marked, rows)
