"""The printed request's numbered sections, and where each item its legal bases require stands
in them.
"""

from __future__ import annotations

from casetrack.mla import completeness
from casetrack.models import (
    Request,
)
from casetrack.treaties.citations import cite_requirement

#: Which section of the printed request holds each item a legal basis may require.
ITEM_SECTIONS = {
    "requesting_authority": "requesting",
    "requested_authority": "requested",
    "case_number": "proceedings",
    "subject": "subject",
    "proceedings": "proceedings",
    "facts": "facts",
    "offences": "offences",
    "offence_text": "annex_a",
    "damage": "damage",
    "assistance_sought": "assistance",
    "purpose": "purpose",
    "persons_identity": "persons",
    "persons_nationality": "persons",
    "persons_residence": "persons",
    "persons_birth": "persons",
    "persons_particulars": "persons",
    "company_name_location": "companies",
    "company_details": "companies",
    "representatives": "representatives",
    "service_address": "assistance",
    "service_document": "assistance",
    "asset_description": "assets",
    "asset_location": "assets",
    "asset_value": "assets",
    "asset_order": "annexes",
    "freezing_order": "annexes",
    "order_extent": "assistance",
    "third_party_notice": "assistance",
    "order_finality": "assistance",
    "urgency_reason": "urgency",
}


def _sections(
    request: Request, has_persons: bool, has_companies: bool, has_assets: bool, required: set
) -> list[tuple[str, str]]:
    """The numbered sections of the printed request, in order: (key, number)."""
    optional = {
        "damage": bool(request.damage.strip()) or "damage" in required,
        "representatives": bool(request.representatives.strip()) or "representatives" in required,
        "persons": has_persons,
        "companies": has_companies,
        "assets": has_assets,
    }
    keys = [
        key
        for key in (
            "requesting",
            "requested",
            "legal_basis",
            "urgency",
            "confidentiality",
            "speciality",
            "subject",
            "proceedings",
            "facts",
            "offences",
            "damage",
            "persons",
            "representatives",
            "companies",
            "assets",
            "assistance",
            "procedures",
            "purpose",
            "execution_date",
            "languages",
            "annexes",
        )
        if optional.get(key, True)
    ]
    return [(key, str(number)) for number, key in enumerate(keys, start=1)]


def _required_items(request: Request, missing: set[str], lang: str, numbers: dict) -> list[dict]:
    """Each item the legal bases require, with every paragraph behind it and where it is."""
    items: dict[str, dict] = {}
    for requirement in completeness.requirements(request):
        basis = cite_requirement(requirement, lang)
        if requirement.item in items:
            items[requirement.item]["basis"].append(basis)
            continue
        section = ITEM_SECTIONS.get(requirement.item, "")
        items[requirement.item] = {
            "item": requirement.item,
            "label": requirement.label(lang),
            "basis": [basis],
            "section": "A" if section == "annex_a" else numbers.get(section, "—"),
            "is_missing": requirement.item in missing,
        }
    return list(items.values())
