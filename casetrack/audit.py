"""The one audit mechanism: every flushed change to a model becomes a hash-chained event."""

from __future__ import annotations

import enum
import hashlib
import hmac
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from flask import current_app, g, has_request_context, request
from sqlalchemy import JSON, Column, MetaData, Table, event, insert, inspect, select, text
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator

from casetrack import clock, db_bulk
from casetrack.db import in_read_transaction, writing
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
GENESIS = "0" * 64
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


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


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


def event_hash(key: str, prev_hash: str, payload: dict) -> str:
    """Seal one event to the one before it."""
    message = prev_hash + json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hmac.new(key.encode(), message.encode(), hashlib.sha256).hexdigest()


def _payload(row: dict) -> dict:
    return {
        k: row[k]
        for k in (
            "at",
            "actor_id",
            "action",
            "object_type",
            "object_id",
            "office_id",
            "before",
            "after",
        )
    }


def _lock_head(session: Session) -> str:
    return _lock_head_on(session.connection())


def _lock_head_on(connection) -> str:
    if connection.dialect.name == "postgresql":
        # Two writers reading the same head would fork the chain; SQLite's BEGIN IMMEDIATE
        # already serialises writers.
        connection.execute(text("SELECT pg_advisory_xact_lock(7270001)"))
    head = connection.execute(
        select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
    ).scalar()
    return head or GENESIS


def head(session: Session) -> tuple[int, str]:
    """Return the id and hash of the chain's last event (0 and the genesis hash when empty)."""
    row = session.execute(
        select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    return (row[0], row[1]) if row else (0, GENESIS)


def event_at(session: Session, event_id: int) -> AuditEvent | None:
    """Return the event with that id, if the chain still holds it."""
    return session.get(AuditEvent, event_id)


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
        for item in items:
            row = {**item, "at": _plain(datetime.now(UTC))}
            digest = event_hash(key, prev, _payload(row))
            connection.execute(
                insert(AuditEvent.__table__).values(
                    **{**row, "at": datetime.fromisoformat(row["at"])},
                    prev_hash=prev,
                    hash=digest,
                )
            )
            prev = digest


@event.listens_for(Session, "after_flush")
def _write_events(session: Session, flush_context) -> None:
    _append(session, session.info.pop(_PENDING, []) + _row_events(session))


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


def _append(session: Session, events: list[dict]) -> None:
    if not events:
        return
    key = current_app.config["AUDIT_KEY"]
    actor_id = _actor_id(session)
    prev = _lock_head(session)
    connection = session.connection()
    for item in events:
        row = {**item, "at": _plain(clock.now()), "actor_id": actor_id}
        digest = event_hash(key, prev, _payload(row))
        connection.execute(
            insert(AuditEvent.__table__).values(
                **{**row, "at": datetime.fromisoformat(row["at"])},
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest


plain = _plain


class _SerialisedJSON(TypeDecorator):
    """A JSON column written from text already serialised (``append_events`` serialises each
    event once: the same text is hashed into the chain and stored)."""

    impl = JSON
    cache_ok = True

    def bind_processor(self, dialect):
        return None


#: The trail's table as the bulk path writes it: ``before`` and ``after`` arrive as JSON text.
_BULK_TABLE = Table(
    AuditEvent.__tablename__,
    MetaData(),
    *(
        Column(c.name, _SerialisedJSON() if c.name in ("before", "after") else c.type,
               primary_key=c.primary_key)
        for c in AuditEvent.__table__.c
    ),
)  # fmt: skip


#: json.dumps(value, sort_keys=True, ensure_ascii=False, default=str), as ``event_hash`` writes
#: it, without building an encoder per call.
_json = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str).encode


def _json_id(value: int | None) -> str:
    return "null" if value is None else str(int(value))


def append_events(
    session: Session, items: list[dict], actor_id: int | None = None, chunk: int = 5000
) -> int:
    """Seal a batch of events into the chain at once (bulk loads; no per-row flush hook).

    Each item has ``action``, ``object_type``, ``object_id``, ``office_id``, ``before`` and
    ``after`` (plain JSON values). The chain's head is locked as for any write, so the batch
    is appended after whatever committed before it; the caller commits.

    Each event is serialised once: ``event_hash`` would dump the whole payload with sorted
    keys, which is the payload's fields, sorted, around ``before`` and ``after`` dumped the
    same way, so the message is put together from those pieces and the pieces are stored.
    """
    if not items:
        return 0
    key = current_app.config["AUDIT_KEY"].encode()
    prev = _lock_head(session)
    at = datetime.now(UTC)
    # Fields in the sorted order json.dumps(payload, sort_keys=True) writes them.
    at_json, actor_json = _json(_plain(at)), _json(actor_id)
    names: dict[str, str] = {}
    rows = []
    for item in items:
        # None is stored as JSON null, as the ORM path's JSON column does.
        before = "null" if item["before"] is None else _json(item["before"])
        after = "null" if item["after"] is None else _json(item["after"])
        action = names.get(item["action"]) or names.setdefault(item["action"],
                                                               _json(item["action"]))
        object_type = names.get(item["object_type"]) or names.setdefault(
            item["object_type"], _json(item["object_type"])
        )
        message = (
            f'{prev}{{"action": {action}, "actor_id": {actor_json}, '
            f'"after": {after}, "at": {at_json}, "before": {before}, '
            f'"object_id": {_json_id(item["object_id"])}, "object_type": {object_type}, '
            f'"office_id": {_json_id(item["office_id"])}}}'
        )
        digest = hmac.digest(key, message.encode(), "sha256").hex()
        rows.append(
            {
                "at": at, "actor_id": actor_id, "action": item["action"],
                "object_type": item["object_type"], "object_id": item["object_id"],
                "office_id": item["office_id"], "before": before, "after": after,
                "prev_hash": prev, "hash": digest,
            }
        )  # fmt: skip
        prev = digest
    db_bulk.insert_rows(session, _BULK_TABLE, rows, chunk=chunk, with_ids=False)
    return len(rows)


def verify(
    session: Session, key: str, batch: int = 1000, start: tuple[int, str] | None = None
) -> tuple[int, AuditEvent | None]:
    """Walk the chain from the start (or after ``start`` = (event id, its hash)).

    Return the number checked and the first broken event.
    """
    last_id, prev = start or (0, GENESIS)
    checked = 0
    while True:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
        ).all()
        if not rows:
            return checked, None
        for ev in rows:
            payload = {
                "at": _plain(ev.at),
                "actor_id": ev.actor_id,
                "action": ev.action,
                "object_type": ev.object_type,
                "object_id": ev.object_id,
                "office_id": ev.office_id,
                "before": ev.before,
                "after": ev.after,
            }
            if ev.prev_hash != prev or event_hash(key, prev, payload) != ev.hash:
                return checked, ev
            prev, checked, last_id = ev.hash, checked + 1, ev.id
        for ev in rows:  # constant memory over millions of events
            session.expunge(ev)


def _checkpoint_mac(key: str, event_id: int, digest: str) -> str:
    return hmac.new(key.encode(), f"checkpoint:{event_id}:{digest}".encode(), "sha256").hexdigest()


def read_checkpoint(path, key: str) -> tuple[int, str] | None:
    """Return the last verified (event id, hash) from ``path`` if its seal holds, else None."""
    from pathlib import Path

    file = Path(path)
    if not file.exists():
        return None
    try:
        data = json.loads(file.read_text())
        expected = _checkpoint_mac(key, int(data["event_id"]), str(data["hash"]))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"the checkpoint {file} cannot be read: {error}") from None
    if not hmac.compare_digest(expected, data.get("mac", "")):
        raise ValueError(f"the checkpoint {file} is not sealed with this audit key")
    return int(data["event_id"]), data["hash"]


def write_checkpoint(session: Session, path, key: str) -> tuple[int, str] | None:
    """Seal the head of the chain just verified into ``path`` (outside the database)."""
    from pathlib import Path

    head = session.execute(
        select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    if head is None:
        return None
    data = {
        "event_id": head.id,
        "hash": head.hash,
        "mac": _checkpoint_mac(key, head.id, head.hash),
        "verified_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(json.dumps(data))
    return head.id, head.hash


def checkpoint_holds(session: Session, checkpoint: tuple[int, str]) -> bool:
    """Tell whether the checkpoint's event is still in the trail with the same hash."""
    event_id, digest = checkpoint
    return session.scalar(select(AuditEvent.hash).where(AuditEvent.id == event_id)) == digest
