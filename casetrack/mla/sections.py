"""The guided drafting form: its sections, the fields they hold and the text forms of lists."""

from __future__ import annotations

from dataclasses import dataclass

from casetrack.reference_data import ASSISTANCE_TYPES

ASSISTANCE_CODES = [t["code"] for t in ASSISTANCE_TYPES]


@dataclass(frozen=True)
class Section:
    """One part of the guided drafting form and the requirement items it holds."""

    number: int
    key: str
    fields: tuple[str, ...]
    items: tuple[str, ...]


SECTIONS = (
    Section(
        1,
        "basis",
        ("requested_office_id", "channel", "legal_bases", "is_reciprocity"),
        ("legal_basis", "legal_basis_binding", "requested_authority", "content_rules_not_recorded"),
    ),
    Section(
        2,
        "proceedings",
        ("subject", "proceedings_stage", "proceedings_authority"),
        ("case_number", "subject", "proceedings"),
    ),
    Section(
        3,
        "facts",
        ("facts", "offences", "offence_text", "damage"),
        ("facts", "offences", "offence_text", "damage"),
    ),
    Section(
        4,
        "persons",
        ("persons", "assets", "representatives"),
        (
            "persons_identity",
            "persons_nationality",
            "persons_residence",
            "persons_birth",
            "persons_particulars",
            "company_name_location",
            "company_details",
            "representatives",
            "asset_description",
            "asset_location",
            "asset_value",
        ),
    ),
    Section(
        5,
        "assistance",
        (
            "assistance_types",
            "measures",
            "service_address",
            "service_documents",
            "order_extent",
            "third_party_notice",
            "order_finality",
        ),
        (
            "assistance_sought",
            "service_address",
            "service_document",
            "order_extent",
            "third_party_notice",
            "order_finality",
        ),
    ),
    Section(
        6,
        "procedures",
        (
            "procedures",
            "purpose",
            "is_urgent",
            "urgency_reason",
            "is_confidential",
            "has_speciality_undertaking",
            "execution_requested_on",
            "languages",
        ),
        ("purpose", "urgency_reason", "languages"),
    ),
    Section(
        7,
        "annexes",
        ("annexes", "signatory_name", "signatory_title"),
        ("asset_order", "freezing_order", "requesting_authority", "signatory"),
    ),
)
SECTION_BY_KEY = {s.key: s for s in SECTIONS}


TEXT_FIELDS = (
    "subject",
    "proceedings_stage",
    "proceedings_authority",
    "facts",
    "offences",
    "offence_text",
    "damage",
    "representatives",
    "service_address",
    "service_documents",
    "order_extent",
    "third_party_notice",
    "order_finality",
    "procedures",
    "purpose",
    "urgency_reason",
    "signatory_name",
    "signatory_title",
    "counterpart_reference",
)


BOOL_FIELDS = ("is_urgent", "is_confidential", "has_speciality_undertaking", "is_reciprocity")


def parse_measures(text: str) -> list[dict]:
    """Read measures written one block each, questions on lines starting with "-" or "?"."""
    measures: list[dict] = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        body, questions = [], []
        for line in lines:
            if line[0] in "-?•" and (body or questions):
                questions.append(line[1:].strip())
            else:
                body.append(line)
        measures.append({"text": " ".join(body), "questions": [q for q in questions if q]})
    return measures


def format_measures(measures: list[dict]) -> str:
    """Write measures back as the drafting form's text, one block each."""
    blocks = []
    for measure in measures or []:
        lines = [measure.get("text", "")]
        lines += [f"- {q}" for q in measure.get("questions") or []]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def parse_annexes(text: str) -> list[dict]:
    """Read annexes one a line as "title | pages | order" (the last two optional)."""
    annexes = []
    for line in (text or "").splitlines():
        parts = [p.strip() for p in line.split("|")]
        if not parts[0]:
            continue
        pages = next((int(p) for p in parts[1:] if p.isdigit()), None)
        is_order = any(p.lower() in ("order", "постановление") for p in parts[1:])
        annexes.append({"title": parts[0], "pages": pages, "is_order": is_order})
    return annexes


def format_annexes(annexes: list[dict]) -> str:
    """Write annexes back as the drafting form's text."""
    lines = []
    for annex in annexes or []:
        parts = [annex.get("title", "")]
        if annex.get("pages"):
            parts.append(str(annex["pages"]))
        if annex.get("is_order"):
            parts.append("order")
        lines.append(" | ".join(parts))
    return "\n".join(lines)
