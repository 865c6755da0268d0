"""Mutual legal assistance requests, their legal bases, contents and history."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetrack.db import Base, enum_type, utcnow
from casetrack.models.asset import Asset
from casetrack.models.case import Case
from casetrack.models.office import Office, Treaty
from casetrack.models.party import Party, PartyRole
from casetrack.models.user import User


class RequestStatus(enum.StrEnum):
    DRAFT = "draft"
    PENDING_APPROVAL = "pending_approval"
    APPROVED = "approved"
    SENT = "sent"
    RECEIVED = "received"
    IN_EXECUTION = "in_execution"
    INFORMATION_REQUESTED = "information_requested"
    PARTIALLY_EXECUTED = "partially_executed"
    POSTPONED = "postponed"
    EXECUTED = "executed"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


#: Until a request is sent, only the requesting side may see it.
UNSENT_STATUSES = (RequestStatus.DRAFT, RequestStatus.PENDING_APPROVAL, RequestStatus.APPROVED)
FINAL_STATUSES = (RequestStatus.EXECUTED, RequestStatus.REFUSED, RequestStatus.WITHDRAWN)


class Channel(enum.StrEnum):
    CENTRAL_AUTHORITY = "central_authority"
    DIRECT = "direct"
    DIPLOMATIC = "diplomatic"
    INTERPOL = "interpol"


class RefusalGround(enum.StrEnum):
    DUAL_CRIMINALITY = "dual_criminality"
    POLITICAL_OFFENCE = "political_offence"
    NE_BIS_IN_IDEM = "ne_bis_in_idem"
    ESSENTIAL_INTERESTS = "essential_interests"
    INSUFFICIENT_INFORMATION = "insufficient_information"
    OTHER = "other"


class Request(Base):
    """An MLA request from one office to another."""

    __tablename__ = "requests"
    __table_args__ = (
        UniqueConstraint("requesting_office_id", "year", "seq"),
        # Work queues, counted on these alone: "answers received" (closed in the last days)
        # and "incoming to dispatch" (not yet given to an executing office).
        Index(
            "ix_requests_requesting_office_id_status_closed_at",
            "requesting_office_id",
            "status",
            "closed_at",
        ),
        Index(
            "ix_requests_requested_office_id_status_executing",
            "requested_office_id",
            "status",
            "executing_office_id",
        ),
        # The incoming list's order (reference) and both lists' "sent" order, per office.
        Index("ix_requests_requested_office_id_year_seq", "requested_office_id", "year", "seq"),
        Index("ix_requests_requesting_office_id_sent_at", "requesting_office_id", "sent_at"),
        Index("ix_requests_requested_office_id_sent_at", "requested_office_id", "sent_at"),
        # The network's open requests (the coordinator's dashboard), counted on the index;
        # the lists' status order.
        Index("ix_requests_status_id", "status", "id"),
        # The lists' reference order across a country's offices (a central authority's):
        # read in order and stop at a page, rather than sort every request of the country.
        Index("ix_requests_year_seq_id", "year", "seq", "id"),
        # Network figures (casetrack.monitoring): every column they read, so that their
        # pass over the network's requests reads this index, not the requests' rows (which
        # carry the facts and texts, ten times the bytes).
        Index(
            "ix_requests_figures",
            "status",
            "requesting_office_id",
            "requested_office_id",
            postgresql_include=[
                "refusal_ground",
                "sent_at",
                "acknowledged_at",
                "closed_at",
                "assistance_types",
            ],
        ),
        # Network figures: the sent requests by date.
        Index("ix_requests_sent_at", "sent_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: <requesting office code>/<year>/<seq>, issued without gaps per office and year.
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    year: Mapped[int]
    seq: Mapped[int]
    #: The requested office's own reference, once it gives one.
    counterpart_reference: Mapped[str] = mapped_column(String(128), default="")
    #: The requesting side's case; None for a request registered by hand from paper.
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    requesting_office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    requested_office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    #: True where no treaty applies and assistance is asked on the basis of reciprocity.
    is_reciprocity: Mapped[bool] = mapped_column(default=False)
    channel: Mapped[Channel] = mapped_column(enum_type(Channel), default=Channel.CENTRAL_AUTHORITY)
    #: Codes of reference_data.ASSISTANCE_TYPES (UNTOC Art. 18(3)).
    assistance_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    subject: Mapped[str] = mapped_column(Text, default="")
    proceedings_stage: Mapped[str] = mapped_column(Text, default="")
    proceedings_authority: Mapped[str] = mapped_column(Text, default="")
    facts: Mapped[str] = mapped_column(Text, default="")
    #: The offences with their legal qualification under the requesting state's law.
    offences: Mapped[str] = mapped_column(Text, default="")
    #: The full text of the cited articles, printed as an annex.
    offence_text: Mapped[str] = mapped_column(Text, default="")
    damage: Mapped[str] = mapped_column(Text, default="")
    #: Names and addresses of the representatives of the persons named (Minsk/Chisinau 7(1)(e)).
    representatives: Mapped[str] = mapped_column(Text, default="")
    #: For service of documents: the recipient's exact address and the documents' names.
    service_address: Mapped[str] = mapped_column(Text, default="")
    service_documents: Mapped[str] = mapped_column(Text, default="")
    #: For enforcing a confiscation order: the extent of execution sought (UNTOC 13(3)(b)),
    #: the notice to bona fide third parties and the order's finality (UNCAC 55(3)(b)).
    order_extent: Mapped[str] = mapped_column(Text, default="")
    third_party_notice: Mapped[str] = mapped_column(Text, default="")
    order_finality: Mapped[str] = mapped_column(Text, default="")
    #: The assistance sought as numbered measures: [{"text": …, "questions": [ … ]}].
    measures: Mapped[list[dict]] = mapped_column(JSON, default=list)
    procedures: Mapped[str] = mapped_column(Text, default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    is_urgent: Mapped[bool] = mapped_column(default=False)
    urgency_reason: Mapped[str] = mapped_column(Text, default="")
    is_confidential: Mapped[bool] = mapped_column(default=True)
    #: The requesting state undertakes to use the evidence only for the stated purpose; the
    #: drafter ticks it on purpose (an undertaking is never given by default).
    has_speciality_undertaking: Mapped[bool] = mapped_column(default=False)
    execution_requested_on: Mapped[date | None]
    #: Languages the request is written in / the answer is wanted in (ISO 639-1).
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: The free texts in each language of the request other than its first:
    #: {"ru": {"facts": …, "measures": [{"text": …, "questions": […]}], …}}. The text columns
    #: hold the first language's (see casetrack.mla.texts).
    texts: Mapped[dict] = mapped_column(JSON, default=dict)
    #: The date the requested side registered the request under counterpart_reference.
    counterpart_registered_on: Mapped[date | None]
    #: Annexes listed in the request: [{"title": …, "pages": …}].
    annexes: Mapped[list[dict]] = mapped_column(JSON, default=list)
    status: Mapped[RequestStatus] = mapped_column(
        enum_type(RequestStatus), default=RequestStatus.DRAFT
    )
    refusal_ground: Mapped[RefusalGround | None] = mapped_column(enum_type(RefusalGround))
    postponed_until: Mapped[date | None]
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id"), index=True)
    #: The office of the requested country that executes the request, once its central
    #: authority dispatches it there (SPEC §1: "dispatch them to the executing office").
    executing_office_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id"), index=True)
    #: The requested side's internal due date and note of the dispatch; the note is never
    #: shown to the requesting side.
    dispatch_due_on: Mapped[date | None]
    dispatch_note: Mapped[str] = mapped_column(Text, default="")
    #: True for an incoming request that a central authority registered from a paper letter.
    is_registered_by_hand: Mapped[bool] = mapped_column(default=False)
    signatory_name: Mapped[str] = mapped_column(String(200), default="")
    signatory_title: Mapped[str] = mapped_column(String(200), default="")
    #: Milestones copied from the history so that network figures are plain grouped queries.
    sent_at: Mapped[datetime | None]
    acknowledged_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)

    case: Mapped[Case | None] = relationship()
    requesting_office: Mapped[Office] = relationship(foreign_keys=[requesting_office_id])
    requested_office: Mapped[Office] = relationship(foreign_keys=[requested_office_id])
    executing_office: Mapped[Office | None] = relationship(foreign_keys=[executing_office_id])
    parent: Mapped[Request | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Request]] = relationship(back_populates="parent")
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    legal_bases: Mapped[list[RequestLegalBasis]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="RequestLegalBasis.id"
    )
    persons: Mapped[list[RequestParty]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="RequestParty.id"
    )
    assets: Mapped[list[RequestAsset]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="RequestAsset.asset_id"
    )
    history: Mapped[list[StatusChange]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="StatusChange.id"
    )

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Request {self.reference}>"


# The lists behind a figure, newest sent first with the unsent (a central authority's) last:
# read in that order and stop at a page, rather than sort every sent request of the network
# (issue 16: 64-67 ms a page at 100,000 requests on PostgreSQL, 10 ms on this index). SQLite
# cannot index NULLS LAST; its NULLs sort first ascending, so a DESC walk of
# ix_requests_sent_at already gives this order there.
Index("ix_requests_sent_order", Request.sent_at.desc().nulls_last(), Request.id.desc()).ddl_if(
    dialect="postgresql"
)


class RequestLegalBasis(Base):
    """A treaty (and its articles) a request is made under."""

    __tablename__ = "request_legal_bases"
    __table_args__ = (UniqueConstraint("request_id", "treaty_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), index=True
    )
    treaty_id: Mapped[int] = mapped_column(ForeignKey("treaties.id"), index=True)
    articles: Mapped[str] = mapped_column(String(255), default="")

    request: Mapped[Request] = relationship(back_populates="legal_bases")
    treaty: Mapped[Treaty] = relationship()


class RequestParty(Base):
    """A person or company a request names, with the role they have in it."""

    __tablename__ = "request_parties"
    __table_args__ = (UniqueConstraint("request_id", "party_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), index=True
    )
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), index=True)
    role: Mapped[PartyRole] = mapped_column(enum_type(PartyRole))

    request: Mapped[Request] = relationship(back_populates="persons")
    party: Mapped[Party] = relationship()


class RequestAsset(Base):
    """An asset a request concerns."""

    __tablename__ = "request_assets"

    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), primary_key=True
    )
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id"), primary_key=True, index=True)

    request: Mapped[Request] = relationship(back_populates="assets")
    asset: Mapped[Asset] = relationship()


class RequestSequence(Base):
    """The last reference number an office issued in a year; locked while the next is taken."""

    __tablename__ = "request_sequences"

    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last_seq: Mapped[int] = mapped_column(default=0)


class StatusChange(Base):
    """One step of a request's life: from, to, who, when and why."""

    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[RequestStatus | None] = mapped_column(
        enum_type(RequestStatus, "from_status")
    )
    to_status: Mapped[RequestStatus] = mapped_column(enum_type(RequestStatus, "to_status"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: The date the step happened, which for a counterpart's letter precedes its entry here.
    effective_on: Mapped[date | None]
    comment: Mapped[str] = mapped_column(Text, default="")
    grounds: Mapped[RefusalGround | None] = mapped_column(enum_type(RefusalGround))
    #: True when the requesting side recorded a non-member counterpart's step from its letter.
    is_recorded_for_counterpart: Mapped[bool] = mapped_column(default=False)
    #: What the step's letter carries: an acknowledgement's registration number and date,
    #: an execution's per-measure outcomes, a refusal's provision relied on.
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    #: For a dispatch: the office the request was assigned to (the note stays in ``comment``,
    #: which the requesting side never sees for this step).
    office_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id"))

    request: Mapped[Request] = relationship(back_populates="history")
    actor: Mapped[User | None] = relationship()
    office: Mapped[Office | None] = relationship()
