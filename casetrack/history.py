"""The change history of records, read from the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import or_, select, tuple_
from sqlalchemy.orm import Session

from casetrack.models import AuditEvent, User


@dataclass
class HistoryEntry:
    """One change as a page shows it: who, when, what, and the fields that changed."""

    at: datetime
    actor: str
    action: str
    object_type: str
    object_id: int | None
    changes: list[tuple[str, object, object]]
    #: The event as a sentence and its fields as (label, old, new) in the reader's language.
    sentence: str = ""
    details: list[tuple[str, str | None, str | None]] | None = None


def history_for(
    session: Session, objects: list[tuple[str, int]], limit: int = 200
) -> list[HistoryEntry]:
    """Return the newest changes of the given (table name, id) pairs, newest first."""
    if not objects:
        return []
    stmt = (
        select(AuditEvent, User.name)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .where(
            or_(
                tuple_(AuditEvent.object_type, AuditEvent.object_id).in_(objects)
                if len(objects) > 1
                else (AuditEvent.object_type == objects[0][0])
                & (AuditEvent.object_id == objects[0][1])
            )
        )
        .order_by(AuditEvent.id.desc())
        .limit(limit)
    )
    entries = []
    for event, actor in session.execute(stmt):
        before, after = event.before or {}, event.after or {}
        keys = list(after) if event.action != "delete" else list(before)
        changes = [(key, before.get(key), after.get(key)) for key in keys]
        entries.append(
            HistoryEntry(
                event.at,
                actor or _("the system"),
                event.action,
                event.object_type,
                event.object_id,
                changes,
            )
        )
    from flask import has_request_context

    if has_request_context():
        from flask_babel import get_locale

        from casetrack.history_text import readable

        readable(session, entries, str(get_locale() or "en"))
    return entries
