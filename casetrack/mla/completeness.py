"""What a request's legal basis requires it to contain, and which of it is still missing.

The treaty table (TreatyRequirement) says which item each treaty requires and under which
article; this module knows how to tell whether a request holds each item. The page, the API,
the submit step and the printed request all use this one check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from casetrack.models import (
    PartyKind,
    Request,
    RequirementCondition,
    TreatyRequirement,
)

#: Assistance types that concern property, so that a treaty's asset items apply.
ASSET_ASSISTANCE = {"freezing", "search_and_seizure", "tracing_proceeds", "asset_recovery"}


def _filled(*values) -> bool:
    return all(value is not None and str(value).strip() for value in values)


def _people(request: Request):
    return [link.party for link in request.persons if link.party.kind == PartyKind.PERSON]


def _companies(request: Request):
    return [link.party for link in request.persons if link.party.kind == PartyKind.COMPANY]


def _assets(request: Request):
    return [link.asset for link in request.assets]


def _lacking(items, checks: dict[str, Callable]) -> list[str]:
    """Name each item with the fields it lacks, e.g. 'Aliyev Timur: date of birth'."""
    gaps = []
    for item in items:
        absent = [label for label, check in checks.items() if not check(item)]
        if absent:
            name = getattr(item, "display_name", None) or item.identifier or item.kind.value
            gaps.append(f"{name}: {', '.join(absent)}")
    return gaps


def _check_people_identity(request: Request) -> list[str]:
    return _lacking(
        _people(request),
        {
            "nationality": lambda p: _filled(p.nationality),
            "location": lambda p: _filled(p.address) or _filled(p.birth_place),
        },
    )


def _check_people_particulars(request: Request) -> list[str]:
    return _lacking(
        _people(request),
        {
            "date of birth": lambda p: p.birth_date is not None,
            "place of birth": lambda p: _filled(p.birth_place),
            "citizenship": lambda p: _filled(p.nationality),
            "residence": lambda p: _filled(p.address),
            "occupation": lambda p: _filled(p.occupation),
        },
    )


def _check_companies(request: Request) -> list[str]:
    return _lacking(
        _companies(request),
        {
            "address": lambda c: _filled(c.address),
            "registration number or tax id": lambda c: (
                _filled(c.registration_number) or _filled(c.tax_id)
            ),
            "bank details": lambda c: _filled(c.bank_details),
        },
    )


def _check_assets(checks: dict[str, Callable]) -> Callable[[Request], list[str]]:
    return lambda request: (
        _lacking(_assets(request), checks) if _assets(request) else ["no asset named"]
    )


def _whole(check: Callable[[Request], bool]) -> Callable[[Request], list[str]]:
    return lambda request: [] if check(request) else [""]


#: item key → a function returning what is missing ([] when the item is complete).
CHECKS: dict[str, Callable[[Request], list[str]]] = {
    "requesting_authority": _whole(
        lambda r: r.requesting_office_id is not None and _filled(r.signatory_name)
    ),
    "requested_authority": _whole(lambda r: r.requested_office_id is not None),
    "case_number": _whole(lambda r: r.case is not None and _filled(r.case.reference)),
    "subject": _whole(lambda r: _filled(r.subject)),
    "proceedings": _whole(lambda r: _filled(r.proceedings_stage, r.proceedings_authority)),
    "facts": _whole(lambda r: _filled(r.facts)),
    "offences": _whole(lambda r: _filled(r.offences)),
    "offence_text": _whole(lambda r: _filled(r.offence_text)),
    "damage": _whole(lambda r: _filled(r.damage)),
    "assistance_sought": _whole(
        lambda r: (
            bool(r.assistance_types) and any(_filled(m.get("text")) for m in (r.measures or []))
        )
    ),
    "purpose": _whole(lambda r: _filled(r.purpose)),
    "persons_identity": _check_people_identity,
    "persons_particulars": _check_people_particulars,
    "company_details": _check_companies,
    "asset_description": _check_assets(
        {"description": lambda a: _filled(a.description) or _filled(a.identifier)}
    ),
    "asset_location": _check_assets(
        {"country": lambda a: _filled(a.country_code), "location": lambda a: _filled(a.location)}
    ),
    "asset_value": _check_assets(
        {"estimated value": lambda a: a.estimated_value is not None and _filled(a.currency)}
    ),
    # An order listed as an annex, or attached as a file of kind "order" (issue 12).
    "asset_order": _whole(
        lambda r: any(a.get("is_order") for a in (r.annexes or []))
        or any(f.kind.value == "order" and f.side.value == "requesting" for f in r.attachments)
    ),
    "urgency_reason": _whole(lambda r: _filled(r.urgency_reason)),
}


def applies(condition: RequirementCondition, request: Request) -> bool:
    """Tell whether a requirement with ``condition`` applies to ``request``."""
    if condition == RequirementCondition.ALWAYS:
        return True
    if condition == RequirementCondition.PERSONS:
        return bool(_people(request))
    if condition == RequirementCondition.COMPANIES:
        return bool(_companies(request))
    if condition == RequirementCondition.ASSETS:
        return bool(request.assets) or bool(ASSET_ASSISTANCE & set(request.assistance_types or []))
    if condition == RequirementCondition.URGENT:
        return request.is_urgent
    return False


@dataclass
class MissingItem:
    """One item the legal basis requires and the request lacks."""

    item: str
    label_en: str
    label_ru: str
    #: "UNTOC Art. 18(15)(c); MINSK1993 Art. 7(1)(e)": every basis that requires the item.
    basis: str
    #: Which persons or assets lack what, where the item is about them.
    details: list[str] = field(default_factory=list)

    def label(self, lang: str) -> str:
        return self.label_ru if lang == "ru" else self.label_en

    def as_dict(self) -> dict:
        return {
            "item": self.item,
            "basis": self.basis,
            "label": self.label_en,
            "label_ru": self.label_ru,
            "details": self.details,
        }


def requirements(request: Request) -> list[TreatyRequirement]:
    """Every requirement of the request's legal bases that applies to it, in treaty order."""
    found = []
    for basis in request.legal_bases:
        found += [req for req in basis.treaty.requirements if applies(req.condition, request)]
    return found


def missing_items(request: Request) -> list[MissingItem]:
    """List what the request's legal bases require and the request does not yet contain."""
    result: dict[str, MissingItem] = {}
    if not request.legal_bases and not request.is_reciprocity:
        result["legal_basis"] = MissingItem(
            "legal_basis",
            "legal basis: a treaty or reciprocity",
            "правовое основание: договор или взаимность",
            "SPEC §3",
        )
    for requirement in requirements(request):
        gaps = CHECKS[requirement.item](request)
        if not gaps:
            continue
        basis = f"{requirement.treaty.code} {requirement.article}"
        if requirement.item in result:
            result[requirement.item].basis += f"; {basis}"
            continue
        result[requirement.item] = MissingItem(
            requirement.item,
            requirement.label_en,
            requirement.label_ru,
            basis,
            [gap for gap in gaps if gap],
        )
    result.update({item.item: item for item in _translation_gaps(request)})
    return list(result.values())


#: Not a treaty's requirement: casetrack's own rule, so that a letter in each language the
#: request is sent in is complete in that language.
TRANSLATION_BASIS = "casetrack rule: every text in every language of the request"


def _translation_gaps(request: Request) -> list[MissingItem]:
    """A blocking item per language of the request that lacks a text another one has."""
    from casetrack.mla import texts

    items = []
    for lang, fields in texts.gaps(request).items():
        items.append(
            MissingItem(
                f"text_{lang}",
                f"text in {texts.language_label(lang, 'en')}: "
                + ", ".join(texts.field_label(f, "en") for f in fields),
                f"текст на {texts.language_label(lang, 'ru')} языке: "
                + ", ".join(texts.field_label(f, "ru") for f in fields),
                TRANSLATION_BASIS,
                [texts.field_label(f, "en") for f in fields],
            )
        )
    return items


def report(request: Request) -> dict:
    """The completeness answer of SPEC §7: ``{"complete": bool, "missing": [...]}``."""
    missing = missing_items(request)
    return {"complete": not missing, "missing": [m.as_dict() for m in missing]}
