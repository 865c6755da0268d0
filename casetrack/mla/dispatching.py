"""Dispatching an incoming request to the office that executes it: which offices qualify,
the checks of the chosen office and internal due date, and the step itself (called by
casetrack.mla.lifecycle, whose table says who may)."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from casetrack.models import Office, OfficeKind, Request, StatusChange


def check_office(
    session: Session, request: Request, office_code: str | None, due_on: date | None, today
) -> tuple[Office | None, dict[str, list[str]]]:
    """The office a dispatch names, and what is wrong with it or with the internal due date."""
    errors: dict[str, list[str]] = {}
    office = None
    code = (office_code or "").strip().upper()
    if not code:
        errors["office"] = [_("Choose the office that will execute the request.")]
    else:
        office = session.scalar(select(Office).where(Office.code == code))
        if office is None or not office.is_active:
            errors["office"] = [_("There is no active office with the code “%(code)s”.", code=code)]
        elif office.country_code != request.requested_office.country_code:
            errors["office"] = [
                _(
                    "The executing office must be of the requested country (%(country)s).",
                    country=request.requested_office.country_code,
                )
            ]
    if due_on is not None and due_on < today:
        errors["due_on"] = [_("The internal due date cannot be in the past.")]
    return office, errors


def executing_offices(session: Session, request: Request) -> list[Office]:
    """The offices a request may be dispatched to: the requested country's active offices."""
    return list(
        session.scalars(
            select(Office)
            .where(
                Office.country_code == request.requested_office.country_code,
                Office.is_active.is_(True),
                Office.kind != OfficeKind.COURT,
            )
            .order_by(Office.code)
        )
    )


def dispatch(session, user, request, action_name, office, due_on, comment, effective_on):
    """Hand an incoming request to its executing office (its status stays) and set the
    internal due date, the deadline and the notices."""
    from casetrack.deadlines.rules import apply_dispatch_deadline

    change = StatusChange(
        action=action_name,
        from_status=request.status,
        to_status=request.status,
        actor=user,
        effective_on=effective_on,
        comment=comment,
        office=office,
    )
    request.history.append(change)
    request.executing_office = office
    request.dispatch_due_on = due_on
    request.dispatch_note = comment
    request.updated_by_id = user.id
    session.flush()
    apply_dispatch_deadline(session, request, office, due_on, effective_on)
    from casetrack.notifications import services as notifications

    notifications.on_step(session, user, request, change)
    return change
