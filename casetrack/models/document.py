"""Generated and uploaded files; issued PDFs are kept exactly as issued."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from casetrack.db import Base, enum_type, utcnow
from casetrack.models.case import Case
from casetrack.models.mla import Request
from casetrack.models.user import User


class DocumentKind(enum.StrEnum):
    REQUEST = "request"
    ACKNOWLEDGEMENT = "acknowledgement"
    REMINDER = "reminder"
    EXECUTION = "execution"
    UPLOAD = "upload"


class Document(Base):
    """A file of a request or a case; ``content`` holds its bytes, ``sha256`` proves them."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("request_id", "kind", "language", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), index=True
    )
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[DocumentKind] = mapped_column(enum_type(DocumentKind))
    #: "en", "ru" or "en-ru" for generated documents; "" for uploads.
    language: Mapped[str] = mapped_column(String(8), default="")
    version: Mapped[int] = mapped_column(default=1)
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    # Kept in the database so that every app server behind a balancer serves the same bytes.
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    #: The subject of the certificate whose PAdES signature the PDF carries ("" if unsigned).
    signed_by: Mapped[str] = mapped_column(String(500), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    request: Mapped[Request | None] = relationship()
    case: Mapped[Case | None] = relationship()
    created_by: Mapped[User | None] = relationship()
