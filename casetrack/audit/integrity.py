"""Checking the trail: verify the chain, and the checkpoint that tells a truncated trail from a
whole one.
"""

from __future__ import annotations

import hmac
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from casetrack import clock
from casetrack.audit.chain import GENESIS, _plain, event_hash
from casetrack.models import (
    AuditEvent,
)


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
        "verified_at": clock.now().isoformat(timespec="seconds"),
    }
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(json.dumps(data))
    return head.id, head.hash


def checkpoint_holds(session: Session, checkpoint: tuple[int, str]) -> bool:
    """Tell whether the checkpoint's event is still in the trail with the same hash."""
    event_id, digest = checkpoint
    return session.scalar(select(AuditEvent.hash).where(AuditEvent.id == event_id)) == digest
