"""Files that travel with a case or a request: orders, translations, scans, evidence.

The bytes live once per SHA-256 in ``blobs`` (behind casetrack.attachments.storage); an
``Attachment`` row describes one version of one file and never changes. Uploading a new file
for the same attachment makes the next version, which points at the first by ``series_id``.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, backref, deferred, mapped_column, relationship

from casetrack.db import Base, enum_type, utcnow
from casetrack.models.case import Case
from casetrack.models.mla import Request, StatusChange
from casetrack.models.user import User


class AttachmentKind(enum.StrEnum):
    ORDER = "order"
    DECISION = "decision"
    TRANSLATION = "translation"
    SIGNED_SCAN = "signed_scan"
    EVIDENCE = "evidence"
    CORRESPONDENCE = "correspondence"
    OTHER = "other"


class AttachmentSide(enum.StrEnum):
    """Which end of a request a file belongs to: the request's annexes or the response."""

    REQUESTING = "requesting"
    REQUESTED = "requested"


class Blob(Base):
    """The bytes of a file, stored once however many attachments name them."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int]
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Attachment(Base):
    """One version of a file of a case, a request, or a step of a request."""

    __tablename__ = "attachments"
    __table_args__ = (UniqueConstraint("series_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Exactly one of case_id / request_id is set.
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), index=True
    )
    #: For a request's file: the requesting side's annex or the requested side's response.
    side: Mapped[AttachmentSide | None] = mapped_column(enum_type(AttachmentSide))
    #: The step it belongs to (a refusal's reasons, an execution's enclosures), if any.
    status_change_id: Mapped[int | None] = mapped_column(
        ForeignKey("status_changes.id", ondelete="SET NULL"), index=True
    )
    #: The id of the first version; every version of one file shares it.
    series_id: Mapped[int | None] = mapped_column(index=True)
    version: Mapped[int] = mapped_column(default=1)
    kind: Mapped[AttachmentKind] = mapped_column(enum_type(AttachmentKind))
    title: Mapped[str] = mapped_column(String(300))
    #: ISO 639-1 code of the file's language ("" when it has none, e.g. a photograph).
    language: Mapped[str] = mapped_column(String(8), default="")
    file_name: Mapped[str] = mapped_column(String(255))
    #: Decided from the content, never from the name.
    media_type: Mapped[str] = mapped_column(String(127))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), index=True)
    page_count: Mapped[int | None]
    #: For a PDF: {"status": "none" | "valid" | "invalid", "signer": …, "detail": …}.
    signature: Mapped[dict | None] = mapped_column(JSON)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[Case | None] = relationship()
    #: ``Request.attachments``: every version of every file of the request.
    request: Mapped[Request | None] = relationship(
        backref=backref("attachments", order_by="Attachment.id", passive_deletes=True)
    )
    step: Mapped[StatusChange | None] = relationship()
    uploaded_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<Attachment {self.id} {self.file_name} v{self.version}>"
