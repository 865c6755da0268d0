"""One record by id (SPEC §2): load what is visible or answer 404, and audit a refused look at a
record that exists.
"""

from __future__ import annotations

from typing import Any

from flask import abort, g
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session

from casetrack.access.capabilities import Capability, can
from casetrack.access.scopes import _SCOPES, scoped
from casetrack.guards import INT_MAX, INT_MIN
from casetrack.models import (
    Asset,
    Attachment,
    Case,
    CrossBorderHit,
    Deadline,
    Document,
    Job,
    Office,
    Party,
    PartyLink,
    Request,
    User,
)


def get_or_404(session: Session, model: type, user: User, object_id: Any) -> Any:
    """Load one visible object by id, or answer 404 whether it is hidden or missing."""
    try:
        object_id = int(object_id)
    except (TypeError, ValueError):
        abort(404)
    if not INT_MIN <= object_id <= INT_MAX:
        abort(404)
    obj = session.scalar(scoped(model, user).where(model.id == object_id))
    if obj is None:
        refuse_existing(session, model, user, object_id)
        abort(404)
    return obj


def refuse_existing(session: Session, model: type, user: User, object_id: int) -> None:
    """Put a refused look at a record that exists on the record: who, what, from where.

    The one writer of ``access_refused`` (SPEC §2: the answer stays 404 either way; only the
    audit trail tells hidden from missing): nothing for a record that does not exist, and
    one event per record and request however many checks refused it. The event is written in
    a transaction of its own (``audit.security_event``), so the request's rollback keeps it.
    """
    seen = g.setdefault("casetrack_refused", set())
    if (model, object_id) in seen:
        return
    office_id = _OFFICE_COLUMNS.get(model)
    columns = [model.id] + ([office_id(model)] if office_id else [])
    row = session.execute(select(*columns).where(model.id == object_id)).first()
    if row is None:
        return
    seen.add((model, object_id))
    from casetrack import audit

    audit.security_event(
        "access_refused",
        object_type=model.__tablename__,
        object_id=object_id,
        office_id=row[1] if len(row) > 1 else None,
        actor_id=getattr(user, "id", None),
    )


def note_refused_records(session: Session) -> None:
    """After a 403 or 404 answer, audit each record the request names that exists but that
    the user may not see.

    This covers every refusal, whichever check gave it: a role that never reads content
    (``require_content_reader``, ``require``), a hidden record loaded by id anywhere, a hit, a
    match or a job that is not the user's. The records are those of the URL rule's arguments
    and the ids of the query string (``/requests/new?case_id=``); a record the user does see
    (a 404 for something else, such as an unknown document kind) is not a refusal of it.
    """
    from flask import request

    if not getattr(current_user, "is_authenticated", False):
        return  # anonymous visitors are sent to log in and learn nothing
    user = current_user._get_current_object()
    names = [(name, value) for name, value in (request.view_args or {}).items()]
    names += [(name, request.args.get(name)) for name in _QUERY_RECORDS if name in request.args]
    for name, value in names:
        model = _record_named(name, request.url_rule.rule if request.url_rule else "")
        object_id = _bounded_id(value)
        if model is None or object_id is None or may_see(session, user, model, object_id):
            continue
        refuse_existing(session, model, user, object_id)


def _bounded_id(value: Any) -> int | None:
    try:
        object_id = int(value)
    except (TypeError, ValueError):
        return None
    return object_id if INT_MIN <= object_id <= INT_MAX else None


def _record_named(name: str, rule: str) -> type | None:
    # ``id`` and ``link_id`` name a different record in each place: the path segment before
    # them says which (``/requests/<int:id>``, ``/admin/users/<int:id>``, ``/links/<int:link_id>``).
    if name in _URL_RECORDS:
        return _URL_RECORDS[name]
    segments = rule.split("/")
    for index, segment in enumerate(segments[1:], start=1):
        if segment == f"<int:{name}>":
            found = _URL_RECORDS_BY_SEGMENT.get((segments[index - 1], name))
            return found
    return None


def may_see(session: Session, user: User, model: type, object_id: int) -> bool:
    """Tell whether ``user`` may see the ``model`` record ``object_id`` (False if missing)."""
    return bool(_VISIBLE[model](session, user, object_id))


def _visible_in_scope(model: type):
    def visible(session: Session, user: User, object_id: int) -> bool:
        stmt = select(model.id).where(_SCOPES[model](user), model.id == object_id)
        return session.scalar(stmt) is not None

    return visible


def _visible_hit(session: Session, user: User, object_id: int) -> bool:
    from casetrack.links import hits

    return hits.visible_hit(session, user, object_id) is not None


def _visible_link(session: Session, user: User, object_id: int) -> bool:
    from casetrack.links import visibility

    return visibility.visible_link(session, user, object_id) is not None


def _visible_job(session: Session, user: User, object_id: int) -> bool:
    return session.scalar(select(Job.user_id).where(Job.id == object_id)) == user.id


def _administered(session: Session, user: User, object_id: int) -> bool:
    return can(user, Capability.ADMINISTER)


_OFFICE_COLUMNS = {
    Case: lambda m: m.office_id,
    Party: lambda m: m.office_id,
    Asset: lambda m: m.office_id,
    Request: lambda m: m.requesting_office_id,
}


#: The record each argument of a URL rule (or id of a query string) names, by its name.
_URL_RECORDS = {
    "case_id": Case,
    "party_id": Party,
    "owner_id": Party,
    "asset_id": Asset,
    "request_id": Request,
    "document_id": Document,
    "attachment_id": Attachment,
    "deadline_id": Deadline,
    "hit_id": CrossBorderHit,
    "job_id": Job,
}


_URL_RECORDS_BY_SEGMENT = {
    ("requests", "id"): Request,
    ("users", "id"): User,
    ("offices", "id"): Office,
    ("links", "link_id"): PartyLink,
}


#: The ids a query string may name (the subject of a new request, party or asset).
_QUERY_RECORDS = ("case_id", "party_id", "owner_id", "asset_id", "request_id")


#: How to tell whether a user may see a record of each kind a URL can name.
_VISIBLE = {
    **{model: _visible_in_scope(model) for model in _SCOPES},
    CrossBorderHit: _visible_hit,
    PartyLink: _visible_link,
    Job: _visible_job,
    User: _administered,
    Office: _administered,
}
