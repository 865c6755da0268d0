"""Dates something is owed, and the reminders sent about them."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetrack.db import Base, copied_on_insert, enum_type, utcnow
from casetrack.models.asset import Asset
from casetrack.models.case import Case
from casetrack.models.mla import Request
from casetrack.models.office import Office
from casetrack.models.user import User


class DeadlineKind(enum.StrEnum):
    ACKNOWLEDGEMENT = "acknowledgement"
    RESPONSE_DUE = "response_due"
    FOLLOW_UP = "follow_up"
    CUSTODY_LIMIT = "custody_limit"
    MEASURE_EXPIRY = "measure_expiry"
    HEARING = "hearing"
    OTHER = "other"


class DeadlineState(enum.StrEnum):
    OPEN = "open"
    MET = "met"
    MISSED = "missed"
    CANCELLED = "cancelled"


#: The owed deadlines whose lateness makes a request overdue (monitoring.sql.LATE_KINDS,
#: deadlines.state.OWED_STATES), as the partial index's condition.
LATE_WHERE = "kind IN ('acknowledgement', 'response_due') AND state IN ('open', 'missed')"
#: Still owed (deadlines.state.owed, which writes the same literal so that the index serves).
OWED_WHERE = "state IN ('open', 'missed')"


class Deadline(Base):
    """A date by which an office owes something on a request, a case or an asset."""

    __tablename__ = "deadlines"
    __table_args__ = (
        CheckConstraint(
            "request_id IS NOT NULL OR case_id IS NOT NULL OR asset_id IS NOT NULL",
            name="has_subject",
        ),
        Index("ix_deadlines_owner_office_id_state_due_on", "owner_office_id", "state", "due_on"),
        # What an office is owed on its requests, read as what it owes is (deadlines.queries).
        Index(
            "ix_deadlines_requesting_office_id_state_due_on",
            "requesting_office_id",
            "state",
            "due_on",
        ),
        # "Overdue" per request (open and past its date) without reading its other deadlines.
        Index("ix_deadlines_request_id_state_due_on", "request_id", "state", "due_on"),
        # A request's earliest late due date (network figures: "days late"), on the owed
        # deadlines of the kinds that make a request overdue only.
        Index(
            "ix_deadlines_late_request_id_due_on",
            "request_id",
            "due_on",
            postgresql_where=text(LATE_WHERE),
            sqlite_where=text(LATE_WHERE),
        ),
        # The lists' order (earliest first): a page reads its rows in this order and stops.
        Index("ix_deadlines_due_on_id", "due_on", "id"),
        # The same order over the deadlines still owed only (the lists' default): met and
        # cancelled ones, most of a register that is years old, are never walked past.
        Index(
            "ix_deadlines_owed_due_on_id",
            "due_on",
            "id",
            postgresql_where=text(OWED_WHERE),
            sqlite_where=text(OWED_WHERE),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), index=True
    )
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    asset_id: Mapped[int | None] = mapped_column(
        ForeignKey("assets.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[DeadlineKind] = mapped_column(enum_type(DeadlineKind))
    title: Mapped[str] = mapped_column(String(255), default="")
    due_on: Mapped[date]
    #: How the date was computed, e.g. "7 business days from 2026-03-20 (KZ calendar)".
    rule: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[DeadlineState] = mapped_column(
        enum_type(DeadlineState), default=DeadlineState.OPEN
    )
    #: The office that owes the work; its country's calendar counts the business days.
    owner_office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    #: The requesting office of the deadline's request (None on a case's or an asset's), a
    #: copy of a value that never changes (a request keeps its requesting office), set on
    #: insert (``db.copied_on_insert``): the lists of what an office is owed read it on
    #: ``ix_deadlines_requesting_office_id_state_due_on`` instead of joining every request.
    requesting_office_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]

    request: Mapped[Request | None] = relationship()
    case: Mapped[Case | None] = relationship()
    asset: Mapped[Asset | None] = relationship()
    owner_office: Mapped[Office] = relationship(foreign_keys=[owner_office_id])
    owner_user: Mapped[User | None] = relationship()


# Bulk loads that write rows past the ORM (``casetrack.synth``) set it in their rows.
copied_on_insert(Deadline, "requesting_office_id", "request", Request.requesting_office_id)


class Reminder(Base):
    """A reminder recorded for an overdue deadline, at most one a day."""

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("deadline_id", "sent_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadlines.id", ondelete="CASCADE"))
    sent_on: Mapped[date]
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    deadline: Mapped[Deadline] = relationship()
