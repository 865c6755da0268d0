"""The real directory: countries, the network's offices and the treaties that bind them.

It is what every installation starts with (``flask casetrack demo`` loads it before the demo
network; tests load it without the demo). The rows are data in ``casetrack.reference_data``
and ``casetrack.treaties.data``, each with its source; this module only writes the missing ones.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casetrack import reference_data
from casetrack.models import Country, Office, OfficeKind
from casetrack.treaties import loader as treaty_loader


def load(session: Session) -> int:
    """Add the countries, offices and treaties that are missing; return how many were added."""
    added = 0
    known = set(session.scalars(select(Country.code)))
    for row in reference_data.COUNTRIES:
        if row["code"] not in known:
            session.add(Country(**row))
            added += 1
    session.flush()
    offices = {o.code: o for o in session.scalars(select(Office))}
    for row in reference_data.OFFICES:
        if row["code"] in offices:
            continue
        fields = {k: v for k, v in row.items() if k not in ("country", "parent", "kind")}
        office = Office(**fields, country_code=row["country"], kind=OfficeKind(row["kind"]))
        session.add(office)
        offices[row["code"]] = office
        added += 1
    session.flush()
    for row in reference_data.OFFICES:
        office = offices[row["code"]]
        if row.get("parent") and office.parent_id is None:
            office.parent_id = offices[row["parent"]].id
    _fill_office_places(offices)
    added += treaty_loader.sync(session)
    session.flush()
    return added


def _fill_office_places(offices: dict[str, Office]) -> None:
    """Give offices their Russian address and places of signature where still empty."""
    for code, (address_ru, place_en, place_ru, place_local) in reference_data.OFFICE_PLACES.items():
        office = offices.get(code)
        if office is None:
            continue
        for attr, value in (
            ("address_ru", address_ru),
            ("place_en", place_en),
            ("place_ru", place_ru),
            ("place_local", place_local),
        ):
            if not getattr(office, attr):
                setattr(office, attr, value)
