"""Taking a lifecycle step: the input it needs, the request moved with its history, deadlines
and notices.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from casetrack import clock
from casetrack.concurrency import check_version
from casetrack.mla import completeness, dispatching, letters
from casetrack.mla.lifecycle import ACTIONS, Action, is_recording, may_take, milestone
from casetrack.models import (
    FINAL_STATUSES,
    RefusalGround,
    Request,
    StatusChange,
    User,
)
from casetrack.validation import InvalidInput, NotAllowed


class TransitionRefused(NotAllowed):
    """The step is not open to this user in this state (the API answers 409)."""

    def __init__(self, message: str, missing: list | None = None):
        super().__init__(message)
        self.missing = missing or []

    def messages(self, lang: str) -> list[str]:
        """The refusal, then each missing item with its source."""
        return [str(self)] + [f"{m.label(lang)} ({m.citation(lang)})" for m in self.missing]

    def api_fields(self, lang: str) -> dict:
        """The missing items, each with its source, for the API's 409."""
        return {"missing": [m.as_dict(lang) for m in self.missing]} if self.missing else {}


class InvalidTransition(InvalidInput):
    """The step lacks what it needs (comment, grounds, date); ``fields`` says which."""


def _check_input(
    action: Action,
    comment: str,
    grounds: str | None,
    until: date | None,
    effective_on: date,
    today: date,
) -> RefusalGround | None:
    errors: dict[str, list[str]] = {}
    if action.needs_comment and not comment:
        errors["comment"] = [_("Give a comment: it is required for this step.")]
    ground = None
    if action.needs_grounds:
        try:
            ground = RefusalGround(grounds) if grounds else None
        except ValueError:
            ground = None
        if ground is None:
            errors["grounds"] = [_("Choose the grounds of the refusal.")]
    elif grounds:
        errors["grounds"] = [_("Grounds are recorded only with a refusal.")]
    if action.needs_until:
        if until is None:
            errors["until"] = [_("Give the date until which execution is postponed.")]
        elif until <= effective_on:
            errors["until"] = [_("The postponement must end after the day it starts.")]
    if effective_on > today:
        errors["effective_on"] = [_("The date of the step cannot be in the future.")]
    if errors:
        raise InvalidTransition(errors)
    return ground


def apply(
    session: Session,
    user: User,
    request: Request,
    name: str,
    *,
    comment: str = "",
    grounds: str | None = None,
    until: date | None = None,
    effective_on: date | None = None,
    version=None,
    today: date | None = None,
    details: dict | None = None,
    office: str | None = None,
    due_on: date | None = None,
) -> StatusChange:
    """Take one lifecycle step: check it, move the status, record it and update deadlines.

    ``details`` is what the step's letter carries (casetrack.mla.letters). A dispatch names
    the executing ``office`` (its code) and may give an internal ``due_on``.
    """
    today = today or clock.today()
    action = ACTIONS.get(name)
    if action is None or not action.sources:
        raise TransitionRefused(_("There is no step called “%(action)s”.", action=name))
    if version is not None:
        check_version(request, version)
    if request.status not in action.sources:
        raise TransitionRefused(
            _(
                "“%(action)s” is not possible while the request is %(status)s.",
                action=action.label,
                status=request.status.value,
            )
        )
    if not may_take(user, request, action):
        if action.needs_office:
            raise TransitionRefused(
                _("Only the central authority of the requested country assigns this request.")
            )
        raise TransitionRefused(_("This step is not yours to take on this request."))
    comment = (comment or "").strip()
    effective_on = effective_on or today
    executing = None
    if action.needs_office:
        executing, errors = dispatching.check_office(session, request, office, due_on, today)
        if errors:
            raise InvalidTransition(errors)
    elif office or due_on:
        raise InvalidTransition(
            {"office": [_("An office and a due date are given only with a dispatch.")]}
        )
    ground = _check_input(action, comment, grounds, until, effective_on, today)
    clean, files, errors = letters.check(session, request, action.name, details, effective_on)
    if errors:
        raise InvalidTransition(errors)
    if executing is not None:
        return dispatching.dispatch(
            session, user, request, action.name, executing, due_on, comment, effective_on
        )
    if action.name == "submit":
        missing = completeness.missing_items(request)
        if missing:
            raise TransitionRefused(
                _("The request cannot be submitted while items are missing."), missing
            )
    change = _move(session, user, request, action, comment, ground, until, effective_on, today)
    letters.record(request, change, clean, files)
    session.flush()
    return change


def _move(session, user, request, action, comment, ground, until, effective_on, today):
    from casetrack.deadlines.rules import apply_transition_deadlines

    change = StatusChange(
        action=action.name,
        from_status=request.status if action.sources else None,
        to_status=action.target,
        actor=user,
        effective_on=effective_on,
        comment=comment,
        grounds=ground,
        is_recorded_for_counterpart=is_recording(action, request),
    )
    request.history.append(change)
    request.status = action.target
    request.updated_by_id = user.id
    at = milestone(effective_on, today)
    if action.name == "send":
        request.sent_at = at
    if action.name == "acknowledge" or (action.name == "register" and not request.acknowledged_at):
        request.acknowledged_at = at
    if action.name == "refuse":
        request.refusal_ground = ground
    if action.name == "postpone":
        request.postponed_until = until
    if action.target in FINAL_STATUSES:
        request.closed_at = at
    session.flush()
    apply_transition_deadlines(session, request, action.name, effective_on)
    if action.name == "resume":
        request.postponed_until = None
        session.flush()
    from casetrack.notifications import services as notifications

    notifications.on_step(session, user, request, change)
    return change


def register(session: Session, user: User, request: Request, effective_on: date) -> StatusChange:
    """Record the hand registration that starts an incoming paper request's life."""
    action = ACTIONS["register"]
    if user.role not in action.roles:
        raise TransitionRefused(_("Only a central authority registers incoming requests."))
    return _move(session, user, request, action, "", None, None, effective_on, clock.today())
