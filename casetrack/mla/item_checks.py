"""How to tell whether a request holds each item a treaty may ask for, and when an item applies.

``CHECKS`` maps each item key (reference_data's) to a function returning what is missing;
``applies`` says whether a requirement's condition holds for a request. The treaty table says
which items a treaty asks for; ``casetrack.mla.completeness`` puts the two together.
"""

from __future__ import annotations

from collections.abc import Callable

from casetrack.models import PartyKind, Request, RequirementCondition

#: Assistance types (reference_data.ASSISTANCE_TYPES) behind each condition. The mapping of
#: the UNTOC Art. 18(3) types onto CoE Arts 3–5 and onto the asset articles is casetrack's.
SERVICE_TYPES = {"service_of_documents"}
LETTERS_ROGATORY_TYPES = {
    "taking_evidence",
    "search_and_seizure",
    "freezing",
    "examining_objects",
    "providing_information",
    "records",
    "tracing_proceeds",
}
SEEK_CONFISCATION_TYPES = {"confiscation_order", "asset_recovery"}
ENFORCE_ORDER_TYPES = {"confiscation_enforcement"}
FREEZE_OR_TRACE_TYPES = {"freezing", "tracing_proceeds"}
#: Kept for the PDF's list of property concerned.
ASSET_ASSISTANCE = SEEK_CONFISCATION_TYPES | ENFORCE_ORDER_TYPES | FREEZE_OR_TRACE_TYPES


def filled(*values) -> bool:
    """Tell whether every value is given (not None, not blank)."""
    return all(value is not None and str(value).strip() for value in values)


def _types(request: Request) -> set[str]:
    return set(request.assistance_types or [])


def _people(request: Request):
    return [link.party for link in request.persons if link.party.kind == PartyKind.PERSON]


def _companies(request: Request):
    return [link.party for link in request.persons if link.party.kind == PartyKind.COMPANY]


def _assets(request: Request):
    return [link.asset for link in request.assets]


Gap = tuple[str, tuple[str, ...]]


def _lacking(items, checks: dict[str, Callable]) -> list[Gap]:
    """Each item with the keys of what it lacks, e.g. ("Aliyev Timur", ("birth_date",))."""
    gaps = []
    for item in items:
        absent = tuple(key for key, check in checks.items() if not check(item))
        if absent:
            name = getattr(item, "display_name", None) or item.identifier or item.kind.value
            gaps.append((name, absent))
    return gaps


def _people_check(checks: dict[str, Callable]) -> Callable[[Request], list[Gap]]:
    return lambda request: _lacking(_people(request), checks)


def _check_assets(checks: dict[str, Callable]) -> Callable[[Request], list[Gap]]:
    return lambda request: (
        _lacking(_assets(request), checks) if _assets(request) else [("", ("no_asset",))]
    )


def _whole(check: Callable[[Request], bool]) -> Callable[[Request], list[Gap]]:
    return lambda request: [] if check(request) else [("", ())]


def _has_order(request: Request) -> bool:
    # An order listed as an annex, or attached as a file of kind "order" (issue 12).
    return any(a.get("is_order") for a in (request.annexes or [])) or any(
        f.kind.value == "order" and f.side.value == "requesting" for f in request.attachments
    )


_NATIONALITY = {"nationality": lambda p: filled(p.nationality)}
_RESIDENCE = {"residence": lambda p: filled(p.address)}
_OCCUPATION = {"occupation": lambda p: filled(p.occupation)}
_BIRTH = {
    "birth_date": lambda p: p.birth_date is not None,
    "birth_place": lambda p: filled(p.birth_place),
}

#: item key → a function returning what is missing ([] when the item is complete).
CHECKS: dict[str, Callable[[Request], list[Gap]]] = {
    "requesting_authority": _whole(lambda r: r.requesting_office_id is not None),
    "requested_authority": _whole(lambda r: r.requested_office_id is not None),
    "case_number": _whole(lambda r: r.case is not None and filled(r.case.reference)),
    "subject": _whole(lambda r: filled(r.subject)),
    "proceedings": _whole(lambda r: filled(r.proceedings_stage, r.proceedings_authority)),
    "facts": _whole(lambda r: filled(r.facts)),
    "offences": _whole(lambda r: filled(r.offences)),
    "offence_text": _whole(lambda r: filled(r.offence_text)),
    "damage": _whole(lambda r: filled(r.damage)),
    "assistance_sought": _whole(
        lambda r: (
            bool(r.assistance_types) and any(filled(m.get("text")) for m in (r.measures or []))
        )
    ),
    "purpose": _whole(lambda r: filled(r.purpose)),
    "persons_identity": _people_check({**_NATIONALITY, "location": lambda p: filled(p.address)}),
    "persons_nationality": _people_check(_NATIONALITY),
    "persons_residence": _people_check({**_RESIDENCE, **_NATIONALITY, **_OCCUPATION}),
    "persons_birth": _people_check(_BIRTH),
    "persons_particulars": _people_check({**_BIRTH, **_RESIDENCE, **_NATIONALITY, **_OCCUPATION}),
    "company_name_location": lambda r: _lacking(
        _companies(r), {"address": lambda c: filled(c.address)}
    ),
    "company_details": lambda r: _lacking(
        _companies(r),
        {
            "address": lambda c: filled(c.address),
            "bank_details": lambda c: filled(c.bank_details),
            "tax_id": lambda c: filled(c.tax_id),
        },
    ),
    "representatives": _whole(lambda r: filled(r.representatives)),
    "service_address": _whole(lambda r: filled(r.service_address)),
    "service_document": _whole(lambda r: filled(r.service_documents)),
    "asset_description": _check_assets(
        {"description": lambda a: filled(a.description) or filled(a.identifier)}
    ),
    "asset_location": _check_assets(
        {"asset_location": lambda a: filled(a.country_code) or filled(a.location)}
    ),
    "asset_value": _check_assets(
        {"value": lambda a: a.estimated_value is not None and filled(a.currency)}
    ),
    "asset_order": _whole(_has_order),
    "freezing_order": _whole(_has_order),
    "order_extent": _whole(lambda r: filled(r.order_extent)),
    "third_party_notice": _whole(lambda r: filled(r.third_party_notice)),
    "order_finality": _whole(lambda r: filled(r.order_finality)),
}


def applies(condition: RequirementCondition, request: Request) -> bool:
    """Tell whether a requirement with ``condition`` applies to ``request``."""
    types = _types(request)
    if condition == RequirementCondition.ALWAYS:
        return True
    if condition == RequirementCondition.PERSONS:
        return bool(_people(request))
    if condition == RequirementCondition.COMPANIES:
        return bool(_companies(request))
    if condition == RequirementCondition.PARTIES:
        return bool(request.persons)
    if condition == RequirementCondition.NOT_SERVICE_ONLY:
        return not types or not types <= SERVICE_TYPES
    if condition == RequirementCondition.LETTERS_ROGATORY:
        return bool(types & LETTERS_ROGATORY_TYPES)
    if condition == RequirementCondition.SERVICE:
        return bool(types & SERVICE_TYPES)
    if condition == RequirementCondition.SEEK_CONFISCATION:
        return bool(types & SEEK_CONFISCATION_TYPES)
    if condition == RequirementCondition.ENFORCE_ORDER:
        return bool(types & ENFORCE_ORDER_TYPES)
    if condition == RequirementCondition.FREEZE_OR_TRACE:
        return bool(types & FREEZE_OR_TRACE_TYPES)
    if condition == RequirementCondition.ASSETS:
        return bool(request.assets) or bool(ASSET_ASSISTANCE & types)
    if condition == RequirementCondition.URGENT:
        return request.is_urgent
    return False
