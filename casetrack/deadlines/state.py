"""The deadline state (SPEC §4): which deadlines are still owed, overdue or due soon.

States: ``open`` until the work is done; ``missed`` once the nightly ``reminders`` run finds
it past its date and still open; ``met`` when the step that fulfils it happens (a late step
turns a ``missed`` deadline ``met`` too — ``closed_at`` after ``due_on`` shows it was late);
``cancelled`` when the work is no longer owed. "Overdue" and "due soon" are never stored:
they are conditions on ``due_on`` against today for deadlines still owed (open or missed).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_

from casetrack.models import (
    Deadline,
    DeadlineState,
)

#: A deadline this close (in calendar days, today included) is "due soon".
SOON_DAYS = 7


#: Deadlines still owed: open ones, and those the nightly run already marked missed.
OWED_STATES = (DeadlineState.OPEN, DeadlineState.MISSED)


def overdue(today: date) -> ColumnElement[bool]:
    """Condition: still owed and past its date."""
    return and_(Deadline.state.in_(OWED_STATES), Deadline.due_on < today)


def due_soon(today: date) -> ColumnElement[bool]:
    """Condition: still owed and due between today and ``SOON_DAYS`` from now."""
    return and_(
        Deadline.state.in_(OWED_STATES),
        Deadline.due_on >= today,
        Deadline.due_on <= today + timedelta(days=SOON_DAYS),
    )
