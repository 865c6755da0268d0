"""The hash chain: each event sealed to the one before it, its head, and the bulk append."""

from __future__ import annotations

import enum
import hashlib
import hmac
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from flask import current_app
from sqlalchemy import JSON, Column, MetaData, Table, insert, select, text
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator

from casetrack import clock, db_bulk
from casetrack.models import (
    AuditEvent,
)

GENESIS = "0" * 64


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


def _seal(connection, key: str, prev: str, items: list[dict], stamp) -> None:
    # Write each event sealed to the one before it, from ``prev`` on; ``stamp`` makes an
    # item its row (when, by whom), one at a time as it is written.
    for item in items:
        row = stamp(item)
        digest = event_hash(key, prev, _payload(row))
        connection.execute(
            insert(AuditEvent.__table__).values(
                **{**row, "at": datetime.fromisoformat(row["at"])},
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest


def head(session: Session) -> tuple[int, str]:
    """Return the id and hash of the chain's last event (0 and the genesis hash when empty)."""
    row = session.execute(
        select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    return (row[0], row[1]) if row else (0, GENESIS)


def event_at(session: Session, event_id: int) -> AuditEvent | None:
    """Return the event with that id, if the chain still holds it."""
    return session.get(AuditEvent, event_id)


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
    at = clock.now()
    # Fields in the sorted order json.dumps(payload, sort_keys=True) writes them.
    at_json, actor_json = _json(_plain(at)), _json(actor_id)
    names: dict[str, str] = {}
    rows = []
    for item in items:
        # None is stored as JSON null, as the ORM path's JSON column does.
        before = "null" if item["before"] is None else _json(item["before"])
        after = "null" if item["after"] is None else _json(item["after"])
        action = names.get(item["action"]) or names.setdefault(
            item["action"], _json(item["action"])
        )
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
