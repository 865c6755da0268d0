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
    """When a treaty requirement applies to a request."""

    ALWAYS = "always"
    PERSONS = "persons"
    COMPANIES = "companies"
    ASSETS = "assets"
    URGENT = "urgent"


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


class TreatyParty(Base):
    """A state bound by a treaty, from the date it entered into force for that state."""

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
    label_en: Mapped[str] = mapped_column(Text)
    label_ru: Mapped[str] = mapped_column(Text)

    treaty: Mapped[Treaty] = relationship(back_populates="requirements")

    def label(self, lang: str) -> str:
        """Return the item's description in the given interface language."""
        return self.label_ru if lang == "ru" else self.label_en
