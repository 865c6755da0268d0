"""The deadline state (SPEC §4): which deadlines are still owed, overdue or due soon.

States: ``open`` until the work is done; ``missed`` once the nightly ``reminders`` run finds
it past its date and still open; ``met`` when the step that fulfils it happens (a late step
turns a ``missed`` deadline ``met`` too — ``closed_at`` after ``due_on`` shows it was late);
``cancelled`` when the work is no longer owed. "Overdue" and "due soon" are never stored:
they are conditions on ``due_on`` against today for deadlines still owed (open or missed).

Each rule is written once and answers both ways: given the ``Deadline`` class (or an alias of
it) it returns an SQL condition; given a deadline it returns a bool::

    select(Deadline).where(state.overdue(today))        # SQL
    state.overdue(today, deadline)                       # Python, the same rule
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import bindparam, exists, select
from sqlalchemy.orm import Session

from casetrack.models import Deadline, DeadlineState, Request

#: A deadline this close (in calendar days, today included) is "due soon".
SOON_DAYS = 7
#: Deadlines still owed: open ones, and those the nightly run already marked missed.
OWED_STATES = (DeadlineState.OPEN, DeadlineState.MISSED)


def owed(deadline: Any = Deadline) -> Any:
    """Still owed: open, or marked missed and not yet met or cancelled.

    In SQL the states are written as literals (``state IN ('open', 'missed')``), as the
    partial index of the owed deadlines states them: a database uses a partial index only for
    a condition it can see implies the index's, which a bound parameter hides from SQLite.
    """
    if isinstance(deadline, Deadline):
        return deadline.state in OWED_STATES
    owed_states = bindparam("owed_states", list(OWED_STATES), expanding=True, literal_execute=True)
    return deadline.state.in_(owed_states)


def overdue(today: date, deadline: Any = Deadline) -> Any:
    """Still owed and past its date."""
    return owed(deadline) & (deadline.due_on < today)


def due_soon(today: date, deadline: Any = Deadline) -> Any:
    """Still owed and due between today and ``SOON_DAYS`` from today, both included."""
    return (
        owed(deadline)
        & (deadline.due_on >= today)
        & (deadline.due_on <= today + timedelta(days=SOON_DAYS))
    )


def days_to(today: date, due_on: date) -> int:
    """Calendar days from ``today`` to ``due_on``: negative once the date has passed."""
    return (due_on - today).days


def days_left(today: date, deadline: Deadline) -> int | None:
    """Days until the due date (negative once late) for a deadline still owed, else None."""
    return days_to(today, deadline.due_on) if owed(deadline) else None


def request_overdue(today: date) -> Any:
    """SQL condition on ``Request``: one of its deadlines is overdue."""
    return exists().where(Deadline.request_id == Request.id, overdue(today))


def overdue_request_ids(session: Session, request_ids: list[int], today: date) -> set[int]:
    """Which of ``request_ids`` have an overdue deadline (one query for a page of requests)."""
    if not request_ids:
        return set()
    return set(
        session.scalars(
            select(Deadline.request_id).where(Deadline.request_id.in_(request_ids), overdue(today))
        )
    )
