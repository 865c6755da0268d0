"""Notifications: what a user is told in the app and, after the commit, by e-mail."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetrack.db import Base, enum_type, utcnow
from casetrack.models.user import User


class EmailState(enum.StrEnum):
    #: No e-mail is owed (the user chose none, or no SMTP server is configured).
    NONE = "none"
    #: To be sent right after the commit that created it.
    PENDING = "pending"
    #: Waits for the user's daily digest.
    DIGEST = "digest"
    SENT = "sent"
    #: The last attempt failed; the retry run tries again and an admin sees the error.
    FAILED = "failed"


class Notification(Base):
    """One thing a user is told: a step on a request, a deadline, a cross-border hit.

    It holds a kind, a reference and a link, never case content: the sentence is written in
    the reader's language when it is shown or e-mailed.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user_id_read_at", "user_id", "read_at"),
        Index("ix_notifications_email_state", "email_state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    #: See casetrack.notifications.KINDS.
    kind: Mapped[str] = mapped_column(String(32))
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), index=True
    )
    deadline_id: Mapped[int | None] = mapped_column(
        ForeignKey("deadlines.id", ondelete="CASCADE"), index=True
    )
    #: The reference the sentence names (a request's, a case's or a party's record).
    reference: Mapped[str] = mapped_column(String(128), default="")
    #: The page it links to, as a path inside casetrack.
    path: Mapped[str] = mapped_column(String(255), default="")
    #: Values the sentence needs that are not content: a step's name, an office code, a date.
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
    email_state: Mapped[EmailState] = mapped_column(enum_type(EmailState), default=EmailState.NONE)
    email_attempts: Mapped[int] = mapped_column(default=0)
    email_error: Mapped[str] = mapped_column(Text, default="")
    emailed_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
