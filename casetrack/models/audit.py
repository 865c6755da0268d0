"""The audit trail: one hash-chained event per change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DDL, JSON, ForeignKey, Index, String, event
from sqlalchemy.orm import Mapped, mapped_column

from casetrack.db import Base, utcnow


class AuditEvent(Base):
    """One change to anything: who, when, what, before and after, chained to the previous."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    #: create, update, delete, or a named step such as "transition:send".
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(64))
    object_id: Mapped[int | None]
    #: The office the object belongs to, so that its history can be scoped like the object.
    office_id: Mapped[int | None] = mapped_column(index=True)
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    #: HMAC-SHA256 over the previous hash and this event, keyed outside the database.
    hash: Mapped[str] = mapped_column(String(64), unique=True)


# The trail is append-only: the database itself refuses to change or remove an event.
_SQLITE_GUARDS = [
    DDL(
        f"CREATE TRIGGER audit_events_no_{op.lower()} BEFORE {op} ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END"
    ).execute_if(dialect="sqlite")
    for op in ("UPDATE", "DELETE")
]
_POSTGRES_GUARDS = [
    DDL(
        "CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$"
    ).execute_if(dialect="postgresql"),
    DDL(
        "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
        "ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()"
    ).execute_if(dialect="postgresql"),
]
for _guard in _SQLITE_GUARDS + _POSTGRES_GUARDS:
    event.listen(AuditEvent.__table__, "after_create", _guard)
