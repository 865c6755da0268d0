"""The request-handler layer (Indico's shape): load → check access → act → commit once.

A view states only what is particular to it; this module does what every view does:

- ``loads(Model, "case_id")`` loads the URL's record through ``access.get_or_404`` (a hidden
  record answers 404 like a missing one) and hands it to the view; ``load(Model, id)`` does the
  same for a record named in the input (a form's or body's id), ``find(Model, id)`` answers
  None instead of 404 for an optional reference. ``using=`` names a feature's own loader.
- ``submit(form, act, render=..., done=...)`` for pages: invalid form → 422 with its errors;
  ``act()`` runs the service; a stale version → 409 with the user's input kept
  (``render(stale=...)``); ``InvalidInput`` → the messages on the form's fields, 422;
  ``NotAllowed`` → flashed, 409; otherwise one commit and ``done(result)``.
- ``perform(act, done=..., failed=...)`` for a page action with no form to show again (a
  button): every refusal is flashed and answered by ``failed(error)`` (usually a redirect back);
  ``Refused(message, category)`` raised in ``act`` is a refusal the view words itself;
  otherwise one commit and ``done(result)``.
- ``api_call(act)`` for the API: ``InvalidInput`` → 422 with ``fields``; ``NotAllowed`` → 409;
  a stale version → 409 (errors.py); otherwise one commit and the result.

Rollbacks happen here, once, for the errors a handler answers itself; errors.py rolls back
for the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, flash
from flask_babel import gettext as _
from flask_login import current_user
from flask_smorest import abort as api_abort

from casetrack import access
from casetrack.concurrency import MissingVersion, StaleEdit
from casetrack.db import db
from casetrack.guards import INT_MAX, INT_MIN
from casetrack.i18n import current_language
from casetrack.validation import InvalidInput, NotAllowed


def show_errors(form, fields: dict[str, list[str]]) -> list[str]:
    """Put a service's messages on the form's fields; return those that fit no field."""
    rest = []
    for name, messages in fields.items():
        target = getattr(form, name, None)
        if target is None or not hasattr(target, "errors"):
            rest.extend(messages)
            continue
        target.errors = [*list(target.errors or []), *messages]
    return rest


def flash_errors(form, fields: dict[str, list[str]]) -> None:
    """Put a service's messages on the form's fields and flash those that fit no field."""
    for message in show_errors(form, fields):
        flash(message, "danger")


def loads(
    model: type,
    arg: str,
    name: str | None = None,
    *,
    using: Callable[[Any, Any, Any], Any] | None = None,
) -> Callable:
    """Decorate a view so that it receives the ``model`` row whose id is the URL's ``arg``,
    loaded through access (404 when hidden or missing), as keyword ``name``.

    ``using(session, user, id)`` is a feature's own loader (one that also fetches what its
    pages show, such as ``mla.queries.load``); it must load through access too and answer
    404 or None for what the user may not see.
    """
    target = name or model.__name__.lower()

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            kwargs[target] = load(model, kwargs.pop(arg), using=using)
            return view(*args, **kwargs)

        return wrapped

    return decorate


def load(
    model: type, object_id: Any, *, using: Callable[[Any, Any, Any], Any] | None = None
) -> Any:
    """Load the ``model`` row whose id the input names, through access (404 when hidden or
    missing); ``using`` as for ``loads`` (a loader that answers None is answered 404 here)."""
    if using is None:
        return access.get_or_404(db.session, model, current_user, object_id)
    found = using(db.session, current_user, object_id)
    if found is None:
        abort(404, description=_("There is nothing here, or it is not yours to see."))
    return found


def find(model: type, object_id: Any) -> Any:
    """The visible ``model`` row whose id the input names, or None (for an optional reference
    that is ignored when it does not fit, not answered 404)."""
    try:
        object_id = int(object_id)
    except (TypeError, ValueError):
        return None
    if not INT_MIN <= object_id <= INT_MAX:
        return None
    return db.session.scalar(access.scoped(model, current_user).where(model.id == object_id))


def submit(
    form,
    act: Callable[[], Any],
    *,
    render: Callable[..., Any],
    done: Callable[[Any], Any],
    validate: bool = True,
    invalid_status: int = 422,
):
    """Validate ``form``, run ``act`` and commit once, answering every failure the same way.

    ``invalid_status`` is the answer to input the form or the service refuses (422 unless a
    page has long answered otherwise)."""
    if validate and not form.validate():
        return render(), invalid_status
    try:
        result = act()
    except StaleEdit as stale:
        db.session.rollback()
        return render(stale=stale), 409
    except MissingVersion as missing:
        db.session.rollback()
        flash(str(missing), "danger")
        return render(), 422
    except InvalidInput as error:
        db.session.rollback()
        flash_errors(form, error.fields)
        return render(), invalid_status
    except NotAllowed as refused:
        db.session.rollback()
        flash(str(refused), "danger")
        return render(), 409
    db.session.commit()
    return done(result)


class Refused(Exception):
    """A refusal a view words itself (``raise Refused(message, "warning")`` inside ``act``):
    ``perform`` rolls back, flashes the message in ``category`` and answers ``failed``."""

    def __init__(self, message: str, category: str = "danger"):
        super().__init__(message)
        self.category = category


def _flash_refusal(error: Exception) -> None:
    category = "danger"
    if isinstance(error, Refused):
        messages, category = [str(error)], error.category
    elif isinstance(error, InvalidInput) and error.fields:
        messages = [m for field_messages in error.fields.values() for m in field_messages]
    elif isinstance(error, NotAllowed):
        messages = error.messages(current_language())
    else:
        messages = [str(error)]
    for message in messages:
        flash(message, category)


def perform(
    act: Callable[[], Any],
    *,
    done: Callable[[Any], Any],
    failed: Callable[[Exception], Any] | None = None,
    refusals: tuple[type[Exception], ...] = (),
):
    """Run a page action that has no form to show again and commit once.

    A stale or missing version, bad input, a step not allowed now or a ``Refused`` is flashed
    and answered by ``failed(error)``; without ``failed`` it goes on to errors.py (which rolls
    back and answers). ``refusals`` are a feature's own exceptions that ``failed(error)`` words
    itself (they are not flashed).
    """
    try:
        result = act()
    except (StaleEdit, MissingVersion, InvalidInput, NotAllowed, Refused, *refusals) as error:
        if failed is None:
            raise
        db.session.rollback()
        if not isinstance(error, refusals):
            _flash_refusal(error)
        return failed(error)
    db.session.commit()
    return done(result)


def api_call(act: Callable[[], Any]) -> Any:
    """Run an API action and commit once; bad input is 422, a step not allowed now is 409."""
    try:
        result = act()
    except InvalidInput as error:
        db.session.rollback()
        api_abort(422, message=str(error), fields=error.fields)
    except NotAllowed as refused:
        db.session.rollback()
        lang = "ru" if getattr(current_user, "language", None) == "ru" else "en"
        api_abort(409, message=str(refused), fields=refused.api_fields(lang))
    db.session.commit()
    return result
