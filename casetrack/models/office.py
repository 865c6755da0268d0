"""The directory: countries, offices and the treaties that bind them."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetrack.db import Base, enum_type


class OfficeKind(enum.StrEnum):
    CENTRAL_AUTHORITY = "central_authority"
    PROSECUTOR_OFFICE = "prosecutor_office"
    COURT = "court"
    OTHER = "other"


class RequirementCondition(enum.StrEnum):
    """When a treaty requirement applies to a request (see mla.item_checks.applies)."""

    ALWAYS = "always"
    #: The request names a natural person / a legal person / either.
    PERSONS = "persons"
    COMPANIES = "companies"
    PARTIES = "parties"
    #: Kept for rows written before issue 11; no current rule uses them.
    ASSETS = "assets"
    URGENT = "urgent"
    #: Every request except one made only to serve documents (UNTOC 18(15)(c) and alike).
    NOT_SERVICE_ONLY = "not_service_only"
    #: Letters rogatory under CoE 1959 Arts 3 to 5 (evidence, records, search and seizure).
    LETTERS_ROGATORY = "letters_rogatory"
    #: The request asks for service of documents.
    SERVICE = "service"
    #: Asset measures: obtaining a confiscation order, enforcing one, freezing or tracing.
    SEEK_CONFISCATION = "seek_confiscation"
    ENFORCE_ORDER = "enforce_order"
    FREEZE_OR_TRACE = "freeze_or_trace"


class RequirementStrength(enum.StrEnum):
    """How strongly the text asks for an item; only ``required`` blocks submission."""

    REQUIRED = "required"
    WHERE_POSSIBLE = "where_possible"
    TO_THE_EXTENT_POSSIBLE = "to_the_extent_possible"
    WHERE_AVAILABLE = "where_available"
    WHERE_RELEVANT = "where_relevant"
    #: "where there are any" / "if it was caused": a fact casetrack cannot see, so it reminds.
    IF_ANY = "if_any"
    IF_CAUSED = "if_caused"
    #: casetrack's advice derived from a declaration (e.g. accepted languages).
    ADVICE = "advice"

    @property
    def is_blocking(self) -> bool:
        return self is RequirementStrength.REQUIRED


class Country(Base):
    """A state of the network; its code also names its public-holiday calendar."""

    __tablename__ = "countries"

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(120))
    name_ru: Mapped[str] = mapped_column(String(120))
    #: ISO 639-1 codes of the official languages.
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)

    def name(self, lang: str) -> str:
        """Return the country's name in the given interface language."""
        return self.name_ru if lang == "ru" else self.name_en


class Office(Base):
    """A prosecutor office, central authority or court, on the system or not."""

    __tablename__ = "offices"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"), index=True)
    kind: Mapped[OfficeKind] = mapped_column(enum_type(OfficeKind))
    name_en: Mapped[str] = mapped_column(String(255))
    name_ru: Mapped[str] = mapped_column(String(255))
    name_local: Mapped[str] = mapped_column(String(255), default="")
    #: The address in English; its Russian and local-language forms below.
    address: Mapped[str] = mapped_column(Text, default="")
    address_ru: Mapped[str] = mapped_column(Text, default="")
    address_local: Mapped[str] = mapped_column(Text, default="")
    #: The city where the office signs its letters ("Almaty" / "Алматы" / "Алматы").
    place_en: Mapped[str] = mapped_column(String(120), default="")
    place_ru: Mapped[str] = mapped_column(String(120), default="")
    place_local: Mapped[str] = mapped_column(String(120), default="")
    email: Mapped[str] = mapped_column(String(255), default="")
    #: The central authority through which this office's requests normally travel.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id"), index=True)
    #: False for counterparts that do not work on casetrack: their steps are recorded by hand.
    is_member: Mapped[bool] = mapped_column(default=True)
    #: False once an admin deactivates the office: it keeps its history but takes no new work.
    is_active: Mapped[bool] = mapped_column(default=True)

    country: Mapped[Country] = relationship(lazy="joined")
    parent: Mapped[Office | None] = relationship(remote_side=[id])

    def name(self, lang: str) -> str:
        """Return the office's name in the given interface language."""
        return self.name_ru if lang == "ru" else self.name_en

    def address_in(self, lang: str) -> str:
        """Return the office's address in ``lang`` ("local" for the local language)."""
        return {"ru": self.address_ru, "local": self.address_local}.get(lang, self.address)

    def place(self, lang: str) -> str:
        """Return the city where the office signs, in ``lang`` ("local" for the local one)."""
        return {"ru": self.place_ru, "local": self.place_local}.get(lang, self.place_en)

    def __repr__(self) -> str:
        return f"<Office {self.code}>"


class Treaty(Base):
    """A legal basis for mutual legal assistance and what a request under it must contain."""

    __tablename__ = "treaties"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    title_en: Mapped[str] = mapped_column(Text)
    title_ru: Mapped[str] = mapped_column(Text)
    is_multilateral: Mapped[bool] = mapped_column(default=True)
    #: How citations name it: "the Chisinau Convention of 2002" / "Кишинёвской конвенции 2002 г."
    #: (Russian in the genitive, as it follows "ст. 7").
    short_en: Mapped[str] = mapped_column(Text, default="")
    short_ru: Mapped[str] = mapped_column(Text, default="")
    #: "cyrillic" where the authentic Russian text letters its sub-paragraphs а), б), в)…
    letters: Mapped[str] = mapped_column(String(10), default="latin")
    #: False where the treaty's article on the content of a request is not recorded.
    has_content_rules: Mapped[bool] = mapped_column(default=True)
    #: The treaty's own time limit for execution; None means casetrack's 90 calendar days.
    default_response_days: Mapped[int | None]
    default_days_are_business: Mapped[bool] = mapped_column(default=False)

    parties: Mapped[list[TreatyParty]] = relationship(
        back_populates="treaty", cascade="all, delete-orphan"
    )
    requirements: Mapped[list[TreatyRequirement]] = relationship(
        back_populates="treaty", cascade="all, delete-orphan", order_by="TreatyRequirement.id"
    )

    def title(self, lang: str) -> str:
        """Return the treaty's title in the given interface language."""
        return self.title_ru if lang == "ru" else self.title_en

    def short(self, lang: str) -> str:
        """Return the name citations use, in the given language."""
        return (self.short_ru if lang == "ru" else self.short_en) or self.title(lang)


class TreatyParty(Base):
    """A state with membership facts under a treaty (signatory, party or former party).

    ``in_force_on`` is copied from its entry-into-force fact for listings; what binds on a
    date is decided from the facts (casetrack.treaties.binding).
    """

    __tablename__ = "treaty_parties"

    treaty_id: Mapped[int] = mapped_column(ForeignKey("treaties.id"), primary_key=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"), primary_key=True)
    in_force_on: Mapped[date | None]

    treaty: Mapped[Treaty] = relationship(back_populates="parties")


class TreatyRequirement(Base):
    """One item a request under a treaty must contain, and the article that requires it."""

    __tablename__ = "treaty_requirements"
    __table_args__ = (UniqueConstraint("treaty_id", "item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    treaty_id: Mapped[int] = mapped_column(ForeignKey("treaties.id"), index=True)
    #: Key of the completeness check that verifies the item (see mla.completeness).
    item: Mapped[str] = mapped_column(String(40))
    article: Mapped[str] = mapped_column(String(80))
    condition: Mapped[RequirementCondition] = mapped_column(enum_type(RequirementCondition))
    strength: Mapped[RequirementStrength] = mapped_column(
        enum_type(RequirementStrength), default=RequirementStrength.REQUIRED
    )
    label_en: Mapped[str] = mapped_column(Text)
    label_ru: Mapped[str] = mapped_column(Text)
    #: True for a casetrack rule that no treaty states (never cited to the treaty).
    is_ours: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(Text, default="")

    treaty: Mapped[Treaty] = relationship(back_populates="requirements")

    def label(self, lang: str) -> str:
        """Return the item's description in the given interface language."""
        return self.label_ru if lang == "ru" else self.label_en
