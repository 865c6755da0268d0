"""Persons and companies, every name they are known by, and their roles in cases."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetrack.db import Base, copied_on_insert, enum_type, utcnow
from casetrack.models.office import Office
from casetrack.models.user import User

if TYPE_CHECKING:
    from casetrack.models.case import Case


class PartyKind(enum.StrEnum):
    PERSON = "person"
    COMPANY = "company"


class PartyRole(enum.StrEnum):
    SUSPECT = "suspect"
    ACCUSED = "accused"
    DEFENDANT = "defendant"
    WITNESS = "witness"
    VICTIM = "victim"
    BENEFICIAL_OWNER = "beneficial_owner"
    OTHER = "other"


class Party(Base):
    """A person or a legal entity recorded by one office."""

    __tablename__ = "parties"
    # The party list's order (by name) within an office.
    __table_args__ = (
        Index("ix_parties_office_id_display_name", "office_id", "display_name", "id"),
        # Link matching looks companies up by registry number or tax id.
        Index("ix_parties_registration_number", "registration_number"),
        Index("ix_parties_tax_id", "tax_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"), index=True)
    kind: Mapped[PartyKind] = mapped_column(enum_type(PartyKind))
    #: The primary name as displayed; the names table holds every spelling.
    display_name: Mapped[str] = mapped_column(String(300))
    birth_date: Mapped[date | None]
    birth_place: Mapped[str] = mapped_column(String(255), default="")
    #: Citizenship, ISO 3166 alpha-2 code or free text where the state is unknown.
    nationality: Mapped[str] = mapped_column(String(64), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    occupation: Mapped[str] = mapped_column(String(255), default="")
    registration_number: Mapped[str] = mapped_column(String(64), default="")
    tax_id: Mapped[str] = mapped_column(String(64), default="")
    #: ISO code of the state where a company is registered.
    jurisdiction: Mapped[str] = mapped_column(String(2), default="")
    bank_details: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)

    office: Mapped[Office] = relationship()
    updated_by: Mapped[User | None] = relationship()
    names: Mapped[list[PartyName]] = relationship(
        back_populates="party",
        cascade="all, delete-orphan",
        order_by="(PartyName.is_primary.desc(), PartyName.id)",
    )
    documents: Mapped[list[IdentityDocument]] = relationship(
        back_populates="party", cascade="all, delete-orphan", order_by="IdentityDocument.id"
    )
    case_links: Mapped[list[CaseParty]] = relationship(
        back_populates="party", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Party {self.display_name}>"


class PartyName(Base):
    """One spelling of a party's name, in one script."""

    __tablename__ = "party_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="CASCADE"), index=True)
    full_name: Mapped[str] = mapped_column(String(300))
    surname: Mapped[str] = mapped_column(String(120), default="")
    given_name: Mapped[str] = mapped_column(String(120), default="")
    patronymic: Mapped[str] = mapped_column(String(120), default="")
    #: "cyrillic", "latin", "armenian", "georgian", "arabic" or "mixed", detected on save.
    script: Mapped[str] = mapped_column(String(16), default="")
    is_primary: Mapped[bool] = mapped_column(default=False)
    #: The folded form of the whole name (casetrack.names.fold), for exact-key matches.
    search_key: Mapped[str] = mapped_column(String(300), index=True)

    party: Mapped[Party] = relationship(back_populates="names")
    tokens: Mapped[list[PartyNameToken]] = relationship(
        back_populates="name", cascade="all, delete-orphan"
    )


class PartyNameToken(Base):
    """One folded word of one spelling: the index that any-script name search runs on."""

    __tablename__ = "party_name_tokens"
    __table_args__ = (
        Index(
            "ix_party_name_tokens_token",
            "token",
            postgresql_ops={"token": "text_pattern_ops"},
        ),
        # Link matching's candidates: the parties under a word, read from the index alone.
        Index("ix_party_name_tokens_token_party_id", "token", "party_id"),
        # Search: an office's parties under a word, without reading the network's (issue 16:
        # "aliyev" matched 639 tokens of 312 parties at 100,000 requests, 16 of them Almaty's).
        Index(
            "ix_party_name_tokens_office_id_token",
            "office_id",
            "token",
            postgresql_ops={"token": "text_pattern_ops"},
        ),
    )

    name_id: Mapped[int] = mapped_column(
        ForeignKey("party_names.id", ondelete="CASCADE"), primary_key=True
    )
    token: Mapped[str] = mapped_column(String(120), primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="CASCADE"), index=True)
    #: The party's office (a party never changes office), set from the party when the token
    #: is written (``db.copied_on_insert``).
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))

    name: Mapped[PartyName] = relationship(back_populates="tokens")
    party: Mapped[Party] = relationship()


# The party is written first, in the same flush.
copied_on_insert(PartyNameToken, "office_id", "party", Party.office_id)


class IdentityDocument(Base):
    """A passport, national id, personal or tax number of a party."""

    __tablename__ = "identity_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="CASCADE"), index=True)
    #: passport, national_id, iin, bin, pinfl, stir, inn, voen, other
    kind: Mapped[str] = mapped_column(String(32))
    number: Mapped[str] = mapped_column(String(64))
    #: Upper-case number without spaces or dashes, for matching across records.
    number_key: Mapped[str] = mapped_column(String(64), index=True)
    issuing_country: Mapped[str] = mapped_column(String(2), default="")
    issued_on: Mapped[date | None]
    expires_on: Mapped[date | None]

    party: Mapped[Party] = relationship(back_populates="documents")


class CaseParty(Base):
    """A party's role in a case."""

    __tablename__ = "case_parties"
    __table_args__ = (UniqueConstraint("case_id", "party_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="CASCADE"), index=True)
    role: Mapped[PartyRole] = mapped_column(enum_type(PartyRole))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[Case] = relationship(back_populates="case_parties")
    party: Mapped[Party] = relationship(back_populates="case_links")
