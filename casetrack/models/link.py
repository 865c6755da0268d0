"""Cross-border links: the same person, company or asset recorded by more than one office."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    UniqueConstraint,
    event,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetrack.db import Base, enum_type, utcnow
from casetrack.models.asset import Asset
from casetrack.models.office import Office
from casetrack.models.party import Party
from casetrack.models.user import User


class LinkState(enum.StrEnum):
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class HitKind(enum.StrEnum):
    PARTY = "party"
    ASSET = "asset"


class PartyLink(Base):
    """Two party records that are probably (or, once confirmed, certainly) one identity."""

    __tablename__ = "party_links"
    __table_args__ = (
        UniqueConstraint("party_a_id", "party_b_id"),
        CheckConstraint("party_a_id < party_b_id", name="ordered_pair"),
        # A state's pairs between two offices, best first: the links page reads each pair of
        # the user's offices along it (links.queries), and a hit asks here, state first,
        # whether its pair was rejected.
        Index(
            "ix_party_links_state_offices_score",
            "state",
            "office_a_id",
            "office_b_id",
            "score",
            "id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The lower of the two party ids, so that a pair has exactly one row.
    party_a_id: Mapped[int] = mapped_column(
        ForeignKey("parties.id", ondelete="CASCADE"), index=True
    )
    party_b_id: Mapped[int] = mapped_column(
        ForeignKey("parties.id", ondelete="CASCADE"), index=True
    )
    #: The offices of party a and party b, copied from the parties (a party never changes
    #: office), so that an office's pairs are read without going through its parties.
    office_a_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    office_b_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    state: Mapped[LinkState] = mapped_column(enum_type(LinkState), default=LinkState.PROPOSED)
    #: 0–1, from casetrack.links.matching; refreshed whenever either record changes.
    score: Mapped[float] = mapped_column(Float)
    #: The evidence as codes with the spellings they compare: [{"code": …, "a": …, "b": …}].
    #: Rendered in words only to users who may see both records.
    reasons: Mapped[list[dict]] = mapped_column(JSON, default=list)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    party_a: Mapped[Party] = relationship(foreign_keys=[party_a_id])
    party_b: Mapped[Party] = relationship(foreign_keys=[party_b_id])
    decided_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}

    def other(self, party_id: int) -> Party:
        """Return the party at the other end of the link from ``party_id``."""
        return self.party_b if self.party_a_id == party_id else self.party_a


@event.listens_for(PartyLink, "before_insert")
def _copy_offices(mapper, connection, link: PartyLink) -> None:
    """Fill a new link's offices from its parties where the writer did not name them."""
    if link.office_a_id is not None and link.office_b_id is not None:
        return
    ids = (link.party_a_id, link.party_b_id)
    offices = dict(
        connection.execute(select(Party.id, Party.office_id).where(Party.id.in_(ids))).all()
    )
    link.office_a_id, link.office_b_id = offices.get(ids[0]), offices.get(ids[1])


class AssetLink(Base):
    """Two asset records that carry the same identifier (IBAN, VIN, wallet, cadastral number)."""

    __tablename__ = "asset_links"
    __table_args__ = (
        UniqueConstraint("asset_a_id", "asset_b_id"),
        CheckConstraint("asset_a_id < asset_b_id", name="ordered_pair"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    asset_a_id: Mapped[int] = mapped_column(ForeignKey("assets.id", ondelete="CASCADE"), index=True)
    asset_b_id: Mapped[int] = mapped_column(ForeignKey("assets.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    asset_a: Mapped[Asset] = relationship(foreign_keys=[asset_a_id])
    asset_b: Mapped[Asset] = relationship(foreign_keys=[asset_b_id])


class CrossBorderHit(Base):
    """A possible match between the records of two offices, told to both without content.

    Side "a" is the link's lower-id record. Each side sees only that a match exists and who
    holds the other record, until the other side shares its details on purpose.
    """

    __tablename__ = "cross_border_hits"
    __table_args__ = (
        UniqueConstraint("party_link_id"),
        UniqueConstraint("asset_link_id"),
        CheckConstraint("(party_link_id IS NULL) <> (asset_link_id IS NULL)", name="one_link"),
        # Each side's hits newest first (the links page, the API), and its unseen hits for one
        # recipient newest first (the dashboard): links.queries reads one side (and one
        # recipient) at a time along these.
        Index("ix_cross_border_hits_office_a_created", "office_a_id", "created_at", "id"),
        Index("ix_cross_border_hits_office_b_created", "office_b_id", "created_at", "id"),
        *(
            Index(
                f"ix_cross_border_hits_office_{side}_recipient_unseen",
                f"office_{side}_id",
                f"recipient_{side}_id",
                f"seen_{side}_at",
                "created_at",
                "id",
            )
            for side in ("a", "b")
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[HitKind] = mapped_column(enum_type(HitKind))
    party_link_id: Mapped[int | None] = mapped_column(
        ForeignKey("party_links.id", ondelete="CASCADE")
    )
    asset_link_id: Mapped[int | None] = mapped_column(
        ForeignKey("asset_links.id", ondelete="CASCADE")
    )
    office_a_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    office_b_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    #: The responsible prosecutor on each side (the lead of the record's case); None means
    #: the office as a whole is told.
    recipient_a_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    recipient_b_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    seen_a_at: Mapped[datetime | None]
    seen_b_at: Mapped[datetime | None]
    #: A side that shares lets the other office see its record's primary name and case
    #: reference; nothing else of its record is ever shown.
    shared_a_at: Mapped[datetime | None]
    shared_a_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    shared_b_at: Mapped[datetime | None]
    shared_b_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    party_link: Mapped[PartyLink | None] = relationship()
    asset_link: Mapped[AssetLink | None] = relationship()
    office_a: Mapped[Office] = relationship(foreign_keys=[office_a_id])
    office_b: Mapped[Office] = relationship(foreign_keys=[office_b_id])
