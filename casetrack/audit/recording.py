"""The one audit mechanism: every flushed change to a model becomes a hash-chained event."""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from casetrack import clock
from casetrack.audit.chain import _lock_head, _plain, _seal
from casetrack.models import (
    AuditEvent,
    Job,
    LoginAttempt,
    Notification,
    PartyNameToken,
    Reminder,
    RequestSequence,
    UserSession,
)

#: Bookkeeping tables whose rows are not changes anyone made to the record.
UNAUDITED = (
    AuditEvent,
    Job,
    LoginAttempt,
    Notification,
    PartyNameToken,
    RequestSequence,
    UserSession,
    Reminder,
)
#: Columns whose values never go into the trail.
REDACTED = {"password_hash", "token_hash", "totp_secret", "calendar_token_hash", "content"}
#: Columns that change with every edit and say nothing on their own.
NOISE = {"updated_at", "version", "last_seen_at", "last_used_at"}
_PENDING = "casetrack.audit.pending"
_ACTOR = "casetrack.audit.actor_id"


def set_actor(session: Session, user_id: int | None) -> None:
    """Name the user to whom the session's next changes are attributed (CLI, tests)."""
    session.info[_ACTOR] = user_id


def record(session: Session, action: str, obj: Any = None, **details: Any) -> None:
    """Queue an event that is not a row change (a log-in, a named step) for the next flush."""
    session.info.setdefault(_PENDING, []).append(
        {
            "action": action,
            "object_type": obj.__tablename__ if obj is not None else "",
            "object_id": _object_id(obj) if obj is not None else None,
            "office_id": _office_id(obj) if obj is not None else None,
            "before": None,
            "after": _plain(details) if details else None,
        }
    )


def _actor_id(session: Session) -> int | None:
    if _ACTOR in session.info:
        return session.info[_ACTOR]
    if has_request_context():
        from flask import g
        from flask_login import current_user

        user = getattr(g, "api_user", None) or current_user
        if user is not None and getattr(user, "is_authenticated", False):
            return user.id
    return None


def _object_id(obj: Any) -> int | None:
    identity = inspect(obj).identity
    if identity and len(identity) == 1 and isinstance(identity[0], int):
        return identity[0]
    return getattr(obj, "id", None)


def _office_id(obj: Any) -> int | None:
    for attr in ("office_id", "requesting_office_id", "owner_office_id"):
        value = getattr(obj, attr, None)
        if value is not None:
            return value
    for parent in ("case", "party", "asset", "request"):
        related = getattr(obj, parent, None)
        if related is not None and related is not obj:
            return _office_id(related)
    return None


def _columns(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    values = {}
    for attr in state.mapper.column_attrs:
        if attr.key in REDACTED:
            continue
        values[attr.key] = _plain(state.dict.get(attr.key))
    return values


def _changes(obj: Any) -> tuple[dict, dict]:
    state = inspect(obj)
    before, after = {}, {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if not history.has_changes() or attr.key in NOISE:
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if attr.key in REDACTED:
            old, new = ("<redacted>" if old is not None else None), "<redacted>"
        before[attr.key], after[attr.key] = _plain(old), _plain(new)
    return before, after


def _row_events(session: Session) -> list[dict]:
    events = []
    for obj in session.new:
        if not isinstance(obj, UNAUDITED):
            events.append(("create", obj, None, _columns(obj)))
    for obj in session.dirty:
        if isinstance(obj, UNAUDITED) or not session.is_modified(obj, include_collections=False):
            continue
        before, after = _changes(obj)
        if after:
            events.append(("update", obj, before, after))
    for obj in session.deleted:
        if not isinstance(obj, UNAUDITED):
            events.append(("delete", obj, _columns(obj), None))
    return [
        {
            "action": action,
            "object_type": obj.__tablename__,
            "object_id": _object_id(obj),
            "office_id": _office_id(obj),
            "before": before,
            "after": after,
        }
        for action, obj, before, after in events
    ]


@event.listens_for(Session, "after_flush")
def _write_events(session: Session, flush_context) -> None:
    _append(session, session.info.pop(_PENDING, []) + _row_events(session))


def _append(session: Session, events: list[dict]) -> None:
    if not events:
        return
    key = current_app.config["AUDIT_KEY"]
    actor_id = _actor_id(session)
    prev = _lock_head(session)
    _seal(
        session.connection(),
        key,
        prev,
        events,
        lambda item: {**item, "at": _plain(clock.now()), "actor_id": actor_id},
    )


plain = _plain
