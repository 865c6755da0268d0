"""A criminal case of one office."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetrack.db import Base, enum_type, utcnow
from casetrack.models.office import Office
from casetrack.models.user import User

if TYPE_CHECKING:
    from casetrack.models.party import CaseParty


class CaseStatus(enum.StrEnum):
    OPEN = "open"
    SUSPENDED = "suspended"
    CLOSED = "closed"


#: Which status a case may move to from each status (closing stamps ``closed_on``; reopening
#: or suspending needs an open or suspended case, never a closed one: a closed case reopens).
CASE_TRANSITIONS: dict[CaseStatus, tuple[CaseStatus, ...]] = {
    CaseStatus.OPEN: (CaseStatus.SUSPENDED, CaseStatus.CLOSED),
    CaseStatus.SUSPENDED: (CaseStatus.OPEN, CaseStatus.CLOSED),
    CaseStatus.CLOSED: (CaseStatus.OPEN,),
}


class Case(Base):
    """A criminal case: the file that parties, assets, requests and deadlines hang on."""

    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("office_id", "reference"),
        Index("ix_cases_office_id_status", "office_id", "status"),
        # The case list's default order (newest opened first) within an office.
        Index("ix_cases_office_id_opened_on", "office_id", "opened_on", "id"),
        # Whether a user leads a case of an office: one probe (the list's filter of leads).
        Index("ix_cases_lead_prosecutor_id_office_id", "lead_prosecutor_id", "office_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    #: The office's own case number, unique within the office.
    reference: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(255))
    #: The offences in words.
    offences: Mapped[str] = mapped_column(Text, default="")
    #: The articles of the national criminal code, e.g. "Art. 218(3) CC RK".
    offence_articles: Mapped[str] = mapped_column(String(255), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[CaseStatus] = mapped_column(enum_type(CaseStatus), default=CaseStatus.OPEN)
    lead_prosecutor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    opened_on: Mapped[date]
    closed_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)

    office: Mapped[Office] = relationship()
    lead_prosecutor: Mapped[User | None] = relationship(foreign_keys=[lead_prosecutor_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    case_parties: Mapped[list[CaseParty]] = relationship(
        back_populates="case", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Case {self.reference}>"
