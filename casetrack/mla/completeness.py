"""What a request's legal basis requires it to contain, and which of it is still missing.

The treaty table (TreatyRequirement) says which item each treaty asks for, under which
paragraph, on which condition and how strongly; this module knows how to tell whether a request
holds each item. Only a ``required`` item blocks submission; "where possible", "where
available" and the like are advice. The page, the API, the submit step and the printed request
all use this one check, and the legal basis itself is checked against
``casetrack.treaties.binding`` (a treaty that does not bind both states on the request's date
is a blocking item). The report's words are ``mla/completeness_words.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import object_session

from casetrack.dates import long_date
from casetrack.mla.completeness_words import CONDITION_WORDS, GAP_WORDS, OURS, STRENGTH_WORDS
from casetrack.mla.item_checks import CHECKS, Gap, applies, filled
from casetrack.models import (
    Request,
    RequirementCondition,
    RequirementStrength,
    TreatyRequirement,
)
from casetrack.treaties import binding
from casetrack.treaties.citations import cite, cite_requirement


@dataclass
class Citation:
    """One paragraph that asks for an item."""

    treaty: str
    article: str
    strength: RequirementStrength
    en: str
    ru: str

    def text(self, lang: str) -> str:
        return self.ru if lang == "ru" else self.en


@dataclass
class MissingItem:
    """One item the legal basis asks for that the request lacks."""

    item: str
    label_en: str
    label_ru: str
    strength: RequirementStrength
    condition: RequirementCondition | None = None
    citations: list[Citation] = field(default_factory=list)
    #: Which persons or assets lack what, where the item is about them.
    gaps: list[Gap] = field(default_factory=list)
    #: Ready-made details (already in both languages), for the items built here.
    notes_en: list[str] = field(default_factory=list)
    notes_ru: list[str] = field(default_factory=list)
    is_ours: bool = False

    @property
    def is_blocking(self) -> bool:
        return self.strength.is_blocking

    @property
    def basis(self) -> str:
        """ "UNTOC Art. 18(15)(c); MINSK1993 Art. 7(1)(g)": the codes, for the API."""
        if self.is_ours:
            return "casetrack"
        return "; ".join(f"{c.treaty} {c.article}".strip() for c in self.citations)

    @property
    def details(self) -> list[str]:
        return self.missing("en")

    def label(self, lang: str) -> str:
        return self.label_ru if lang == "ru" else self.label_en

    def citation(self, lang: str) -> str:
        """The paragraphs in the language's legal form, or that this is casetrack's rule."""
        if self.is_ours:
            return OURS[1 if lang == "ru" else 0]
        return "; ".join(c.text(lang) for c in self.citations)

    def strength_words(self, lang: str) -> str:
        return STRENGTH_WORDS[self.strength][1 if lang == "ru" else 0]

    def condition_words(self, lang: str) -> str:
        if self.condition is None:
            return ""
        return CONDITION_WORDS[self.condition][1 if lang == "ru" else 0]

    def missing(self, lang: str) -> list[str]:
        """What is missing, in ``lang``: "Aliyev Timur: date of birth"."""
        index = 1 if lang == "ru" else 0
        lines = []
        for name, keys in self.gaps:
            words = ", ".join(GAP_WORDS[key][index] for key in keys)
            if name and words:
                lines.append(f"{name}: {words}")
            elif words:
                lines.append(words)
        return lines + (self.notes_ru if lang == "ru" else self.notes_en)

    def as_dict(self, lang: str = "en") -> dict:
        return {
            "item": self.item,
            "label": self.label(lang),
            "label_en": self.label_en,
            "label_ru": self.label_ru,
            "strength": self.strength.value,
            "strength_text": self.strength_words(lang),
            "blocking": self.is_blocking,
            "condition": self.condition.value if self.condition else None,
            "condition_text": self.condition_words(lang),
            "paragraph": self.citation(lang),
            "paragraphs": [
                {"treaty": c.treaty, "article": c.article, "citation": c.text(lang)}
                for c in self.citations
            ],
            "is_ours": self.is_ours,
            "missing": self.missing(lang),
            "basis": self.basis,
            "details": self.missing(lang),
        }


def requirements(request: Request) -> list[TreatyRequirement]:
    """Every requirement of the request's legal bases that applies to it, in treaty order."""
    found = []
    for basis in request.legal_bases:
        found += [req for req in basis.treaty.requirements if applies(req.condition, request)]
    return found


def _binding_items(request: Request) -> list[MissingItem]:
    """A blocking item for each basis that does not bind both states on the request's date."""
    session = object_session(request)
    if session is None or not request.legal_bases:
        return []
    answer = binding.for_request(session, request)
    day = binding.request_date(request)
    items = []
    notes_en, notes_ru, citations = [], [], []
    for basis in request.legal_bases:
        refusal = answer.refusal(basis.treaty_id)
        if refusal is None:
            continue
        treaty = basis.treaty
        notes_en.append(f"{treaty.title('en')}: {refusal.reason('en')}")
        notes_ru.append(f"{treaty.title('ru')}: {refusal.reason('ru')}")
        citations.append(
            Citation(
                treaty.code,
                "",
                RequirementStrength.REQUIRED,
                treaty.short("en"),
                treaty.short("ru"),
            )
        )
    if notes_en:
        items.append(
            MissingItem(
                "legal_basis_binding",
                f"a legal basis that binds both states on {long_date(day, 'en')}",
                f"правовое основание, обязательное для обоих государств на {long_date(day, 'ru')}",
                RequirementStrength.REQUIRED,
                citations=citations,
                notes_en=notes_en,
                notes_ru=notes_ru,
            )
        )
    return items


def _language_items(request: Request) -> list[MissingItem]:
    """Advice where the request's languages include none its requested state declared."""
    session = object_session(request)
    if session is None or not request.legal_bases:
        return []
    country = request.requested_office.country_code
    wanted = set(request.languages or [])
    items = []
    for row in binding.accepted_languages(
        session, country, [basis.treaty for basis in request.legal_bases]
    ):
        if row["languages"] is None or wanted & set(row["languages"]):
            continue
        treaty = row["treaty"]
        citations = [
            Citation(
                treaty.code,
                d.article,
                RequirementStrength.ADVICE,
                cite(d.article, treaty.short_en, treaty.short_ru, treaty.letters, "en"),
                cite(d.article, treaty.short_en, treaty.short_ru, treaty.letters, "ru"),
            )
            for d in row["declarations"]
        ]
        accepted = ", ".join(row["languages"])
        items.append(
            MissingItem(
                "languages",
                f"a language the requested state accepts under {treaty.short('en')}",
                f"язык, который запрашиваемое государство принимает по {treaty.short('ru')}",
                RequirementStrength.ADVICE,
                citations=citations,
                notes_en=[f"accepted: {accepted}; the request is in: {', '.join(wanted) or '—'}"]
                + [d.text("en") for d in row["declarations"]],
                notes_ru=[f"принимаются: {accepted}; язык запроса: {', '.join(wanted) or '—'}"]
                + [d.text("ru") for d in row["declarations"]],
            )
        )
    return items


def _unrecorded_rules(request: Request) -> list[MissingItem]:
    """Advice (ours) for a basis whose article on the content of a request is not recorded."""
    items = []
    for basis in request.legal_bases:
        if basis.treaty.has_content_rules:
            continue
        items.append(
            MissingItem(
                "content_rules_not_recorded",
                f"check the request against the text of {basis.treaty.short('en')}: its "
                "article on the content of a request is not recorded in casetrack",
                f"сверьте запрос с текстом {basis.treaty.short('ru')}: его статья о содержании "
                "запроса в casetrack не записана",
                RequirementStrength.ADVICE,
                is_ours=True,
            )
        )
    return items


def check(request: Request) -> list[MissingItem]:
    """Every item the request lacks, blocking ones first, each with its paragraphs."""
    result: dict[str, MissingItem] = {}
    extra: list[MissingItem] = []
    if not request.legal_bases and not request.is_reciprocity:
        extra.append(
            MissingItem(
                "legal_basis",
                "legal basis: a treaty that binds both states, or reciprocity",
                "правовое основание: договор, обязательный для обоих государств, или взаимность",
                RequirementStrength.REQUIRED,
                is_ours=True,
            )
        )
    if not filled(request.signatory_name):
        extra.append(
            MissingItem(
                "signatory",
                "the signatory of the request (its printed signature block)",
                "лицо, подписывающее запрос (блок подписи печатного запроса)",
                RequirementStrength.REQUIRED,
                is_ours=True,
            )
        )
    extra += _binding_items(request)
    for requirement in requirements(request):
        gaps = CHECKS[requirement.item](request)
        if not gaps:
            continue
        citation = Citation(
            requirement.treaty.code,
            requirement.article,
            requirement.strength,
            cite_requirement(requirement, "en"),
            cite_requirement(requirement, "ru"),
        )
        known = result.get(requirement.item)
        if known is not None:
            known.citations.append(citation)
            if requirement.strength.is_blocking and not known.is_blocking:
                known.strength = requirement.strength
                known.condition = requirement.condition
                known.label_en, known.label_ru = requirement.label_en, requirement.label_ru
            continue
        result[requirement.item] = MissingItem(
            requirement.item,
            requirement.label_en,
            requirement.label_ru,
            requirement.strength,
            requirement.condition,
            [citation],
            [gap for gap in gaps if gap[0] or gap[1]],
            is_ours=requirement.is_ours,
        )
    items = extra + list(result.values()) + _language_items(request) + _unrecorded_rules(request)
    items += _translation_gaps(request)
    return sorted(items, key=lambda item: not item.is_blocking)


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
                RequirementStrength.REQUIRED,
                notes_en=[texts.field_label(f, "en") for f in fields],
                notes_ru=[texts.field_label(f, "ru") for f in fields],
                is_ours=True,
            )
        )
    return items


def missing_items(request: Request) -> list[MissingItem]:
    """The items that block submission: what the legal bases require and the request lacks."""
    return [item for item in check(request) if item.is_blocking]


def advice_items(request: Request) -> list[MissingItem]:
    """The items that never block: "where possible", "where available", languages…"""
    return [item for item in check(request) if not item.is_blocking]


def report(request: Request, lang: str = "en") -> dict:
    """The completeness answer of SPEC §7: ``{"complete", "missing", "advice"}``."""
    items = check(request)
    return {
        "complete": not any(item.is_blocking for item in items),
        "missing": [item.as_dict(lang) for item in items if item.is_blocking],
        "advice": [item.as_dict(lang) for item in items if not item.is_blocking],
    }
