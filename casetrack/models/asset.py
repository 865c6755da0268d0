"""Property linked to parties: accounts, real estate, vehicles, shares, wallets, cash."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetrack.db import Base, enum_type, utcnow
from casetrack.models.case import Case
from casetrack.models.office import Office
from casetrack.models.party import Party
from casetrack.models.user import User


class AssetKind(enum.StrEnum):
    BANK_ACCOUNT = "bank_account"
    REAL_ESTATE = "real_estate"
    VEHICLE = "vehicle"
    COMPANY_SHARE = "company_share"
    CRYPTO_WALLET = "crypto_wallet"
    CASH = "cash"
    OTHER = "other"


class AssetStatus(enum.StrEnum):
    IDENTIFIED = "identified"
    FROZEN = "frozen"
    SEIZED = "seized"
    CONFISCATED = "confiscated"
    RETURNED = "returned"
    RELEASED = "released"


class Asset(Base):
    """An item of property recorded by one office, with its owners and its legal status."""

    __tablename__ = "assets"
    # The asset list's order (newest first) within an office.
    __table_args__ = (Index("ix_assets_office_id_id", "office_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"), index=True)
    #: The case in which the asset was identified.
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[AssetKind] = mapped_column(enum_type(AssetKind))
    #: IBAN, account number, cadastral number, VIN, wallet address…
    identifier: Mapped[str] = mapped_column(String(128), default="")
    #: The identifier upper-cased without spaces or separators, for matching across records.
    identifier_key: Mapped[str] = mapped_column(String(128), default="", index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    #: ISO code of the state where the asset is located.
    country_code: Mapped[str] = mapped_column(String(2), default="")
    location: Mapped[str] = mapped_column(Text, default="")
    estimated_value: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    currency: Mapped[str] = mapped_column(String(3), default="")
    status: Mapped[AssetStatus] = mapped_column(
        enum_type(AssetStatus), default=AssetStatus.IDENTIFIED
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)

    office: Mapped[Office] = relationship()
    case: Mapped[Case | None] = relationship()
    updated_by: Mapped[User | None] = relationship()
    owners: Mapped[list[AssetOwner]] = relationship(
        back_populates="asset", cascade="all, delete-orphan"
    )
    status_changes: Mapped[list[AssetStatusChange]] = relationship(
        back_populates="asset", cascade="all, delete-orphan", order_by="AssetStatusChange.id"
    )

    __mapper_args__ = {"version_id_col": version}


class AssetOwner(Base):
    """A party's ownership of an asset, with its share where known."""

    __tablename__ = "asset_owners"

    asset_id: Mapped[int] = mapped_column(
        ForeignKey("assets.id", ondelete="CASCADE"), primary_key=True
    )
    party_id: Mapped[int] = mapped_column(
        ForeignKey("parties.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    #: Percentage of the asset the party owns; None where unknown.
    share: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))

    asset: Mapped[Asset] = relationship(back_populates="owners")
    party: Mapped[Party] = relationship()


class AssetStatusChange(Base):
    """One change of an asset's legal status: frozen, seized, confiscated…"""

    __tablename__ = "asset_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[AssetStatus | None] = mapped_column(enum_type(AssetStatus, "from_status"))
    to_status: Mapped[AssetStatus] = mapped_column(enum_type(AssetStatus, "to_status"))
    #: The date of the order or act, which may precede its entry here.
    effective_on: Mapped[date]
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    comment: Mapped[str] = mapped_column(Text, default="")

    asset: Mapped[Asset] = relationship(back_populates="status_changes")
    changed_by: Mapped[User | None] = relationship()
