"""Deadlines set by hand on a case or an asset (custody limits, hearings, measures).

Services take a session and flush; the request commits.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from casetrack import access
from casetrack.deadlines import state as deadline_state
from casetrack.deadlines.rules import closing_moment
from casetrack.models import (
    Asset,
    Case,
    Deadline,
    DeadlineKind,
    DeadlineState,
    User,
)
from casetrack.validation import InvalidInput

#: Kinds a user sets by hand on a case or an asset; the others follow a request's steps.
MANUAL_KINDS = (
    DeadlineKind.CUSTODY_LIMIT,
    DeadlineKind.MEASURE_EXPIRY,
    DeadlineKind.HEARING,
    DeadlineKind.OTHER,
)


class DeadlineError(ValueError):
    """A deadline change that the rules do not allow."""


def owner_candidates(session: Session, office_id: int) -> list[User]:
    """The users who may own a deadline of an office: its active prosecutors and officers."""
    return access.office_workers(session, office_id)


def owner_for(session: Session, subject: Case | Asset, owner_user_id: int | None, user: User):
    """The owner of a deadline set on ``subject``: the user ``owner_user_id`` names, who must be
    a prosecutor or officer of the office that owes it; none named, ``user`` if one of them."""
    candidates = owner_candidates(session, subject.office_id)
    if owner_user_id is None:
        return next((u for u in candidates if u.id == user.id), None)
    found = next((u for u in candidates if u.id == owner_user_id), None)
    if found is None:
        raise InvalidInput(
            {"owner_user_id": [_("Choose a prosecutor or officer of the office that owes it.")]}
        )
    return found


def create_manual(
    session: Session,
    *,
    kind: DeadlineKind,
    title: str,
    due_on: date,
    owner_user: User | None,
    today: date,
    case: Case | None = None,
    asset: Asset | None = None,
) -> Deadline:
    """Set a deadline by hand on a case or an asset, owed by that record's office."""
    subject = case or asset
    if subject is None or (case is not None and asset is not None):
        raise DeadlineError("a deadline set by hand belongs to one case or one asset")
    if kind not in MANUAL_KINDS:
        raise DeadlineError(f"{kind.value} deadlines follow a request's steps")
    if owner_user is not None and owner_user.office_id != subject.office_id:
        raise DeadlineError("the owner must work at the office of the case")
    deadline = Deadline(
        case_id=case.id if case else None,
        asset_id=asset.id if asset else None,
        kind=kind,
        title=title.strip(),
        due_on=due_on,
        rule=f"set by hand on {today.isoformat()}",
        state=DeadlineState.OPEN,
        owner_office_id=subject.office_id,
        owner_user_id=owner_user.id if owner_user else None,
    )
    session.add(deadline)
    session.flush()
    return deadline


def is_manual(deadline: Deadline) -> bool:
    """Tell whether a person closes the deadline (a request's steps close the others)."""
    return deadline.request_id is None and deadline.kind in MANUAL_KINDS


def close_manual(session: Session, deadline: Deadline, state: DeadlineState, today: date) -> None:
    """Mark a deadline set by hand as met or cancelled."""
    if state not in (DeadlineState.MET, DeadlineState.CANCELLED):
        raise DeadlineError("a deadline is closed as met or cancelled")
    if not is_manual(deadline):
        raise DeadlineError("this deadline closes with the request's steps")
    if not deadline_state.owed(deadline):
        raise DeadlineError("this deadline is already closed")
    deadline.state = state
    deadline.closed_at = closing_moment(today)
    session.flush()
