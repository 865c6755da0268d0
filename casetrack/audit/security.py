"""Security events (a refused log-in, a CSRF refusal, a refused look), written in a transaction of
their own so that a rollback keeps them.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.orm import Session

from casetrack import clock
from casetrack.audit.chain import _lock_head_on, _plain, _seal
from casetrack.audit.recording import _PENDING, _actor_id, _append, _object_id, _office_id
from casetrack.db import in_read_transaction, writing

# --- Security events, in their own transaction --------------------------------------------
#
# A refused log-in, a CSRF refusal or a refused look at someone else's record must stay on the
# record even though the request that caused it saves nothing (and rolls back). They are
# written through a connection of their own, chained and sealed like every other event under
# the same lock. While the request's own transaction is open it may hold that lock (SQLite:
# any open transaction; PostgreSQL: once it wrote an event), and a second connection would
# wait for it forever; so they wait instead until the request's transaction has ended (at
# the latest when the request ends), which also keeps each request to one connection.


_SECURITY_PENDING = "casetrack_security_events"


def _clean(value: Any, limit: int = 320) -> Any:
    """Text as typed, but storable: NUL, surrogates and other controls shown as escapes."""
    if isinstance(value, str):
        value = value[:limit]
        return "".join(
            ch
            if ch.isprintable() or ch == " "
            else ch.encode("unicode_escape", "backslashreplace").decode("ascii")
            for ch in value
        )
    if isinstance(value, dict):
        return {str(_clean(k, 64)): _clean(v, limit) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v, limit) for v in value]
    return _plain(value)


def security_event(
    action: str,
    obj: Any = None,
    *,
    object_type: str = "",
    object_id: int | None = None,
    office_id: int | None = None,
    actor_id: int | None = None,
    **details: Any,
) -> None:
    """Record a security event (who, what, from where) that stays whatever the request does."""
    if obj is not None:
        object_type = obj.__tablename__
        object_id = _object_id(obj)
        office_id = _office_id(obj)
    after = dict(details)
    if has_request_context():
        after.setdefault("ip", request.remote_addr or "")
        after.setdefault("method", request.method)
        after.setdefault("path", request.path)
        user_agent = request.headers.get("User-Agent", "")
        if user_agent:
            after.setdefault("user_agent", user_agent)
    item = {
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "office_id": office_id,
        "before": None,
        "after": _clean(after),
        "actor_id": actor_id if actor_id is not None else _security_actor(),
    }
    from casetrack.db import db

    session = db.session()
    session.info.setdefault(_SECURITY_PENDING, []).append(item)
    if not session.in_transaction():
        flush_security_events()


def _security_actor() -> int | None:
    if not has_request_context():
        return None
    # Only a user already loaded: loading one here would open a transaction on the request's
    # session, which would then hold the lock this event waits for.
    user = g.get("api_user") or g.get("_login_user")
    if user is not None and getattr(user, "is_authenticated", False):
        return user.id
    return None


def flush_security_events(force: bool = False) -> None:
    """Write the pending security events now if the request's transaction has ended.

    ``force`` first ends that transaction (rolling back what it did not commit, as the end of
    the request would), so that they are written at once. Otherwise they are written when the
    transaction ends (``_write_when_transaction_ends``).
    """
    from casetrack.db import db

    session = db.session()
    if not session.info.get(_SECURITY_PENDING):
        return
    if session.in_transaction():
        if not force:
            return
        session.rollback()  # ends the transaction: the listener below writes them
        return
    _write_pending(session)


def _write_pending(session: Session) -> None:
    items = session.info.pop(_SECURITY_PENDING, None)
    if items:
        _write_security(items)


@event.listens_for(Session, "after_transaction_end")
def _write_when_transaction_ends(session: Session, transaction) -> None:
    # The request's connection is back in the pool by now (commit, rollback or close alike),
    # so the events' own connection waits for no one.
    if transaction.parent is not None or not session.info.get(_SECURITY_PENDING):
        return
    try:
        _write_pending(session)
    except Exception:
        current_app.logger.exception("security events could not be written")


def _write_security(items: list[dict]) -> None:
    from casetrack.db import db

    key = current_app.config["AUDIT_KEY"]
    # Its own transaction, with the write lock from the start even during a reading request.
    with writing(), db.engine.connect() as connection, connection.begin():
        prev = _lock_head_on(connection)
        _seal(connection, key, prev, items, lambda item: {**item, "at": _plain(clock.now())})


def write_recorded(session: Session) -> None:
    """Write the queued events now: a read (a download) flushes no row to carry them.

    In a reading request on SQLite, whose transaction holds no write lock, they are written
    like security events instead: in a transaction of their own that takes the lock, as soon
    as the request's transaction ends (the view's commit).
    """
    if in_read_transaction(session) and not (session.new or session.dirty or session.deleted):
        actor_id = _actor_id(session)
        items = [{**item, "actor_id": actor_id} for item in session.info.pop(_PENDING, [])]
        session.info.setdefault(_SECURITY_PENDING, []).extend(items)
        return
    session.flush()
    _append(session, session.info.pop(_PENDING, []))
