"""Treaty law as dated facts: membership events, declarations, and replacement between treaties."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetrack.db import Base, enum_type
from casetrack.models.office import Treaty


class FactKind(enum.StrEnum):
    SIGNATURE = "signature"
    #: Deposit of the instrument of ratification, accession, acceptance or approval.
    DEPOSIT = "deposit"
    ENTRY_INTO_FORCE = "entry_into_force"
    #: A status list shows the state bound on ``on``; when it became bound is not recorded.
    IN_FORCE_CONFIRMED = "in_force_confirmed"
    #: A domestic act (ratification or accession law): it does not by itself bind.
    ACT = "act"
    NOTIFICATION = "notification"
    WITHDRAWAL = "withdrawal"
    SUSPENSION = "suspension"
    TERMINATION = "termination"


class DeclarationKind(enum.StrEnum):
    CENTRAL_AUTHORITY = "central_authority"
    CHANNEL = "channel"
    LANGUAGES = "languages"
    TERRITORIAL = "territorial"
    OTHER = "other"


class TreatyFact(Base):
    """One dated fact of a state's membership in a treaty, with its source."""

    __tablename__ = "treaty_facts"
    __table_args__ = (Index("ix_treaty_facts_treaty_id_country_code", "treaty_id", "country_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    treaty_id: Mapped[int] = mapped_column(ForeignKey("treaties.id", ondelete="CASCADE"))
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    kind: Mapped[FactKind] = mapped_column(enum_type(FactKind))
    #: The date of the fact (signature, deposit, entry into force, the act of withdrawal…).
    on: Mapped[date | None]
    #: For a withdrawal or suspension: when it takes effect (None when not recorded).
    effective_on: Mapped[date | None]
    #: The act: "Law No. 2783-IX of 1 December 2022".
    act: Mapped[str] = mapped_column(Text, default="")
    #: For a suspension: the states it concerns.
    towards: Mapped[str] = mapped_column(String(200), default="")
    #: casetrack's own decision where the effective date is unknown (explained in ``note``).
    casetrack_ends_on: Mapped[date | None]
    source_document: Mapped[str] = mapped_column(Text)
    source_article: Mapped[str] = mapped_column(String(80), default="")
    source_date: Mapped[date | None]
    note: Mapped[str] = mapped_column(Text, default="")

    treaty: Mapped[Treaty] = relationship()


class TreatyDeclaration(Base):
    """A state's declaration or reservation under a treaty that matters for cooperation."""

    __tablename__ = "treaty_declarations"

    id: Mapped[int] = mapped_column(primary_key=True)
    treaty_id: Mapped[int] = mapped_column(
        ForeignKey("treaties.id", ondelete="CASCADE"), index=True
    )
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    kind: Mapped[DeclarationKind] = mapped_column(enum_type(DeclarationKind))
    article: Mapped[str] = mapped_column(String(80), default="")
    #: For a language declaration: the ISO 639-1 codes accepted.
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    text_en: Mapped[str] = mapped_column(Text)
    text_ru: Mapped[str] = mapped_column(Text)
    source_document: Mapped[str] = mapped_column(Text)
    source_date: Mapped[date | None]

    treaty: Mapped[Treaty] = relationship()

    def text(self, lang: str) -> str:
        """Return the declaration's summary in the given language."""
        return self.text_ru if lang == "ru" else self.text_en


class TreatyReplacement(Base):
    """A treaty that replaces another between the states bound by both."""

    __tablename__ = "treaty_replacements"
    __table_args__ = (UniqueConstraint("treaty_id", "replaced_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    treaty_id: Mapped[int] = mapped_column(ForeignKey("treaties.id", ondelete="CASCADE"))
    replaced_id: Mapped[int] = mapped_column(ForeignKey("treaties.id", ondelete="CASCADE"))
    article: Mapped[str] = mapped_column(String(80))
    source_document: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")

    treaty: Mapped[Treaty] = relationship(foreign_keys=[treaty_id])
    replaced: Mapped[Treaty] = relationship(foreign_keys=[replaced_id])
