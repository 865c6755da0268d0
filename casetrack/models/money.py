"""The money trail: bank statements received (often what an executed request returns)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetrack.db import Base, utcnow
from casetrack.models.asset import Asset
from casetrack.models.case import Case
from casetrack.models.mla import Request
from casetrack.models.office import Office
from casetrack.models.party import Party
from casetrack.models.user import User


class Statement(Base):
    """One imported bank statement file of a case, with the column mapping confirmed."""

    __tablename__ = "statements"
    __table_args__ = (UniqueConstraint("case_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    #: The request whose execution returned this statement, where there is one.
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    #: SHA-256 of the file as received: the same file imported twice adds nothing.
    sha256: Mapped[str] = mapped_column(String(64))
    #: {"date": column, "amount": column, …} as the user confirmed it, with the formats.
    mapping: Mapped[dict] = mapped_column(JSON, default=dict)
    row_count: Mapped[int] = mapped_column(default=0)
    added_count: Mapped[int] = mapped_column(default=0)
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)

    office: Mapped[Office] = relationship()
    case: Mapped[Case] = relationship()
    request: Mapped[Request | None] = relationship()
    imported_by: Mapped[User | None] = relationship()


class Transaction(Base):
    """One transfer read from a statement: who paid whom, how much, when."""

    __tablename__ = "transactions"
    __table_args__ = (
        UniqueConstraint("case_id", "row_hash"),
        Index("ix_transactions_case_booked", "case_id", "booked_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), index=True
    )
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    #: The line of the file the transfer was read from (1 = first data row).
    row_number: Mapped[int]
    #: SHA-256 of the row's values and its occurrence in the file: a row already imported
    #: from any statement of the case is not added again.
    row_hash: Mapped[str] = mapped_column(String(64))
    booked_on: Mapped[date]
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    currency: Mapped[str] = mapped_column(String(3), default="")
    payer_account: Mapped[str] = mapped_column(String(64), default="")
    #: The account upper-cased without spaces or separators, as ``Asset.identifier_key``.
    payer_account_key: Mapped[str] = mapped_column(String(64), default="", index=True)
    payer_name: Mapped[str] = mapped_column(String(300), default="")
    payee_account: Mapped[str] = mapped_column(String(64), default="")
    payee_account_key: Mapped[str] = mapped_column(String(64), default="", index=True)
    payee_name: Mapped[str] = mapped_column(String(300), default="")
    reference: Mapped[str] = mapped_column(Text, default="")
    payer_asset_id: Mapped[int | None] = mapped_column(ForeignKey("assets.id", ondelete="SET NULL"))
    payee_asset_id: Mapped[int | None] = mapped_column(ForeignKey("assets.id", ondelete="SET NULL"))
    payer_party_id: Mapped[int | None] = mapped_column(
        ForeignKey("parties.id", ondelete="SET NULL")
    )
    payee_party_id: Mapped[int | None] = mapped_column(
        ForeignKey("parties.id", ondelete="SET NULL")
    )

    statement: Mapped[Statement] = relationship()
    payer_asset: Mapped[Asset | None] = relationship(foreign_keys=[payer_asset_id])
    payee_asset: Mapped[Asset | None] = relationship(foreign_keys=[payee_asset_id])
    payer_party: Mapped[Party | None] = relationship(foreign_keys=[payer_party_id])
    payee_party: Mapped[Party | None] = relationship(foreign_keys=[payee_party_id])
