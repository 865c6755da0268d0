"""One row of a printed request per office, person, company or asset, in one language.

``casetrack.documents.content`` builds a whole document from these rows.
"""

from __future__ import annotations

from decimal import Decimal

from casetrack.dates import short_date
from casetrack.documents.labels import term
from casetrack.models import Office


def office_row(office: Office, lang: str, countries) -> dict:
    """An office as a letter prints it, in ``lang``."""
    names = countries.get(office.country_code, (office.country_code, office.country_code))
    country = names[1] if lang == "ru" else names[0]
    address = office.address_in(lang) or office.address
    return {
        "name": office.name(lang),
        # The name in the state's language, where it differs; a Russian letter stays Russian.
        "name_local": office.name_local
        if lang != "ru" and office.name_local != office.name(lang)
        else "",
        "address": address,
        "country": country,
        "code": office.code,
        # The city where the letter is signed, in the letter's language; else the address.
        "place": office.place(lang) or with_country(address, names) or country,
    }


def with_country(text: str, names) -> str:
    """``text`` followed by the country, unless it already ends with it in any language."""
    text = (text or "").strip().rstrip(",")
    country = names[0] if isinstance(names, tuple) else names
    if not text:
        return ""
    candidates = names if isinstance(names, tuple) else (names,)
    if any(name and text.lower().endswith(name.lower()) for name in candidates):
        return text
    return f"{text}, {country}" if country else text


def country_name(code: str, lang: str, countries) -> str:
    """The country named ``code`` in ``lang`` (the code where the list lacks it)."""
    if code in countries:
        return countries[code][1 if lang == "ru" else 0]
    return code


def money_text(value: Decimal | None, currency: str, lang: str = "en") -> str:
    """An amount with its currency, grouped as ``lang`` writes numbers."""
    if value is None:
        return ""
    amount = f"{value:,.2f}".replace(",", "\u202f")
    if lang == "ru":
        amount = amount.replace(".", ",")
    return f"{amount} {currency}".strip()


def person_row(link, lang: str, countries) -> dict:
    """A person the request names, as the letter prints them."""
    party = link.party
    names = [name.full_name for name in party.names] or [party.display_name]
    birth = ", ".join(v for v in (short_date(party.birth_date), party.birth_place) if v)
    return {
        "role": term("party_role", link.role.value, lang),
        "names": names,
        "birth": birth,
        "nationality": country_name(party.nationality, lang, countries),
        "address": party.address,
        "occupation": party.occupation,
        "documents": [
            {
                "kind": term("identity_document", doc.kind, lang),
                "number": doc.number,
                "country": doc.issuing_country,
            }
            for doc in party.documents
        ],
    }


def company_row(link, lang: str, countries) -> dict:
    """A legal person the request names, as the letter prints it."""
    party = link.party
    return {
        "role": term("party_role", link.role.value, lang),
        "names": [name.full_name for name in party.names] or [party.display_name],
        "registration": party.registration_number,
        "tax_id": party.tax_id,
        "jurisdiction": country_name(party.jurisdiction, lang, countries),
        "address": party.address,
        "bank_details": party.bank_details,
    }


def asset_row(link, lang: str, countries) -> dict:
    """An asset the request names, as the letter prints it."""
    asset = link.asset
    owners = []
    for owner in asset.owners:
        share = f" ({owner.share.normalize():f}%)" if owner.share is not None else ""
        owners.append(owner.party.display_name + share)
    names = countries.get(asset.country_code, (asset.country_code, asset.country_code))
    country = country_name(asset.country_code, lang, countries)
    location = with_country(asset.location, (country, *names)) if asset.location else country
    return {
        "kind": term("asset_kind", asset.kind.value, lang),
        "identifier": asset.identifier,
        "description": asset.description,
        "location": location,
        "value": money_text(asset.estimated_value, asset.currency, lang),
        "owners": owners,
        "status": term("asset_status", asset.status.value, lang),
    }
