"""Queries on the directory of offices and treaties, shared by pages and the API."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from casetrack.models import Office, Treaty, TreatyParty


def offices(
    session: Session, *, country: str | None = None, with_inactive: bool = False
) -> list[Office]:
    """List offices, optionally of one country, central authorities first.

    A deactivated office keeps its history but takes no new work, so it is left out unless
    ``with_inactive``.
    """
    stmt = (
        select(Office)
        .options(selectinload(Office.parent))
        .order_by(Office.country_code, Office.kind, Office.code)
    )
    if not with_inactive:
        stmt = stmt.where(Office.is_active.is_(True))
    if country:
        stmt = stmt.where(Office.country_code == country.upper())
    return list(session.scalars(stmt))


def treaties_between(session: Session, *countries: str) -> list[Treaty]:
    """List the treaties to which every one of ``countries`` is a party."""
    codes = {c.strip().upper() for c in countries if c.strip()}
    stmt = select(Treaty).options(selectinload(Treaty.requirements)).order_by(Treaty.code)
    if codes:
        bound = (
            select(TreatyParty.treaty_id)
            .where(TreatyParty.country_code.in_(codes))
            .group_by(TreatyParty.treaty_id)
            .having(func.count(TreatyParty.country_code) == len(codes))
        )
        stmt = stmt.where(Treaty.id.in_(bound))
    return list(session.scalars(stmt))
