"""The plain values a document template prints, built from a request (no ORM object leaves).

A document is built once per printed language: ``pages[lang]`` holds every label and value
in that language, so that a side-by-side document prints the English column from
``pages["en"]`` and the Russian one from ``pages["ru"]`` with the same template code.
User-written text is the same in both: it is printed as written, never translated. The
numbered sections and where each required item stands are ``documents/sections.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from casetrack.dates import long_date
from casetrack.documents import rows as printed
from casetrack.documents.labels import LABELS, languages_of, term
from casetrack.documents.sections import _required_items, _sections
from casetrack.labels import SIGNATORY_TITLES
from casetrack.mla import completeness, texts
from casetrack.models import (
    DocumentKind,
    Office,
    PartyKind,
    Request,
    RequestStatus,
    StatusChange,
    User,
)


@dataclass
class Overdue:
    """An overdue time limit, for the reminder letter."""

    kind: str
    due_on: date
    days_overdue: int


@dataclass
class Letter:
    """What the builder needs beyond the request itself."""

    kind: DocumentKind
    lang: str
    issued_on: date
    user: User
    is_draft: bool
    countries: dict[str, tuple[str, str]]
    overdue: list[Overdue] = field(default_factory=list)
    #: The request's annexes (the requesting side's files, newest version of each).
    annex_files: list[FileRow] = field(default_factory=list)
    #: The files the outcome step encloses (an execution's material, a refusal's reasons).
    enclosures: list[FileRow] = field(default_factory=list)
    #: Print the table of items the legal bases require, as an annex of the request.
    with_requirements: bool = False


@dataclass
class FileRow:
    """An attached file as a letter lists it."""

    id: int
    title: str
    file_name: str
    kind: str
    language: str
    pages: int | None
    sha256: str


def _last_step(request: Request, *statuses: RequestStatus) -> StatusChange | None:
    steps = [step for step in request.history if step.to_status in statuses]
    return steps[-1] if steps else None


def last_outcome(request: Request) -> StatusChange | None:
    """The step that gave the request its outcome (executed, partly executed, refused)."""
    return _last_step(
        request, RequestStatus.EXECUTED, RequestStatus.PARTIALLY_EXECUTED, RequestStatus.REFUSED
    )


def _step_date(step: StatusChange | None) -> date | None:
    if step is None:
        return None
    return step.effective_on or step.changed_at.date()


def _signatory(request: Request, letter: Letter, lang: str, issuer: Office) -> dict:
    # The request's signatory is the requesting side's; the requested side's letters are
    # signed by whoever issues them.
    on_requesting_side = letter.kind in (DocumentKind.REQUEST, DocumentKind.REMINDER)
    name = texts.get(request, "signatory_name", lang).strip()
    if on_requesting_side and name:
        return {"name": name, "title": texts.get(request, "signatory_title", lang)}
    titles = SIGNATORY_TITLES.get(letter.user.role, ("", ""))
    user_name = (letter.user.name_ru or letter.user.name) if lang == "ru" else letter.user.name
    return {"name": user_name, "title": titles[1] if lang == "ru" else titles[0]}


def _text(request: Request, letter: Letter, name: str, lang: str) -> str:
    """A free text in the document's language; a letter about the request (not the request
    itself) quotes it as written where the request has no text in that language."""
    value = texts.get(request, name, lang)
    if value.strip() or letter.kind == DocumentKind.REQUEST:
        return value
    first = (texts.languages(request) or [lang])[0]
    return texts.get(request, name, first)


def _outcomes(request: Request, details: dict, lang: str, enclosure_numbers: dict) -> list[dict]:
    """What was done for each measure, as the execution step recorded it."""
    rows = []
    measures = texts.measures(request, lang)
    written = texts.measures(request, (texts.languages(request) or [lang])[0])
    for outcome in details.get("outcomes") or []:
        index = int(outcome.get("measure") or 0)
        if not 1 <= index <= len(measures):
            continue
        rows.append(
            {
                "number": index,
                "text": measures[index - 1].get("text") or written[index - 1].get("text", ""),
                "result": term("measure_result", outcome.get("result"), lang),
                "note": str(outcome.get("note") or ""),
                "enclosures": [
                    enclosure_numbers[i]
                    for i in outcome.get("attachment_ids") or []
                    if i in enclosure_numbers
                ],
            }
        )
    return rows


def _merge(rows: list[dict]) -> dict:
    """Join one row's values across languages: "accused / обвиняемый", "UZ" once."""

    def join(values):
        if isinstance(values[0], list):
            return [join(list(items)) for items in zip(*values, strict=False)]
        if isinstance(values[0], dict):
            return _merge(values)
        if not isinstance(values[0], str):
            return values[0]
        return " / ".join(dict.fromkeys(v for v in values if v))

    return {key: join([row[key] for row in rows]) for key in rows[0]}


def build(request: Request, letter: Letter) -> dict:
    """Build everything a document prints, per language, as plain values."""
    requesting, requested = request.requesting_office, request.requested_office
    issuer_office, recipient_office = (
        (requesting, requested)
        if letter.kind in (DocumentKind.REQUEST, DocumentKind.REMINDER)
        else (requested, requesting)
    )
    people = [link for link in request.persons if link.party.kind == PartyKind.PERSON]
    companies = [link for link in request.persons if link.party.kind == PartyKind.COMPANY]
    required = {requirement.item for requirement in completeness.requirements(request)}
    sections = _sections(request, bool(people), bool(companies), bool(request.assets), required)
    numbers = dict(sections)
    missing = completeness.missing_items(request) if letter.kind == DocumentKind.REQUEST else []
    missing_keys = {item.item for item in missing}
    if letter.kind in (DocumentKind.REQUEST, DocumentKind.REMINDER):
        our_ref, your_ref = request.reference, request.counterpart_reference
    else:
        our_ref, your_ref = request.counterpart_reference, request.reference
    sent_on = request.sent_at.date() if request.sent_at else None
    received_step = _last_step(request, RequestStatus.RECEIVED)
    received_on = _step_date(received_step) or (
        request.acknowledged_at.date() if request.acknowledged_at else None
    )
    outcome_step = _last_step(
        request, RequestStatus.EXECUTED, RequestStatus.PARTIALLY_EXECUTED, RequestStatus.REFUSED
    )
    if letter.annex_files:
        annexes = [
            {"title": f.title, "pages": f.pages or "", "file_name": f.file_name}
            for f in letter.annex_files
        ]
    else:
        annexes = [
            {"title": annex.get("title", ""), "pages": annex.get("pages") or "", "file_name": ""}
            for annex in (request.annexes or [])
            if str(annex.get("title", "")).strip()
        ]
    details = dict(outcome_step.details or {}) if outcome_step else {}
    enclosure_numbers = {f.id: index for index, f in enumerate(letter.enclosures, start=1)}
    approved_on = _step_date(_last_step(request, RequestStatus.APPROVED))
    # The request is dated the day it was approved for sending; a copy printed after sending
    # keeps that date and says so.
    is_copy = letter.kind == DocumentKind.REQUEST and sent_on is not None and not letter.is_draft
    dated_on = (
        approved_on
        if letter.kind == DocumentKind.REQUEST and approved_on is not None
        else letter.issued_on
    )
    shared = {
        "kind": letter.kind.value,
        "status": request.status.value,
        "reference": request.reference,
        "counterpart_reference": request.counterpart_reference,
        "our_reference": our_ref,
        "your_reference": your_ref,
        "case_number": request.case.reference if request.case else "",
        "is_urgent": request.is_urgent,
        "is_confidential": request.is_confidential,
        "has_speciality": request.has_speciality_undertaking,
        "is_reciprocity": request.is_reciprocity,
        "annexes": annexes,
        "sections": sections,
        "is_draft": letter.is_draft,
        "is_copy": is_copy,
        "with_requirements": letter.with_requirements,
        "refusal_comment": outcome_step.comment
        if outcome_step and request.status == RequestStatus.REFUSED
        else "",
        "execution_comment": outcome_step.comment
        if outcome_step and request.status != RequestStatus.REFUSED
        else "",
        "provision": str(details.get("provision") or ""),
        "registration_number": request.counterpart_reference,
        "enclosures": [
            {
                "number": enclosure_numbers[f.id],
                "title": f.title,
                "file_name": f.file_name,
                "pages": f.pages or "",
                "sha256": f.sha256,
            }
            for f in letter.enclosures
        ],
    }
    pages = {}
    for lang in languages_of(letter.lang):
        labels = LABELS[lang]
        issuer = printed.office_row(issuer_office, lang, letter.countries)
        title_key = {
            DocumentKind.REQUEST: "title_request",
            DocumentKind.ACKNOWLEDGEMENT: "title_acknowledgement",
            DocumentKind.REMINDER: "title_reminder",
            DocumentKind.EXECUTION: {
                RequestStatus.REFUSED: "title_refusal",
                RequestStatus.PARTIALLY_EXECUTED: "title_partial",
            }.get(request.status, "title_execution"),
        }[letter.kind]
        pages[lang] = {
            **shared,
            **{name: _text(request, letter, name, lang) for name in texts.FIELDS},
            "measures": [
                {
                    "number": f"{numbers['assistance']}.{index}",
                    "text": measure.get("text", ""),
                    "questions": [q for q in measure.get("questions") or [] if str(q).strip()],
                }
                for index, measure in enumerate(texts.measures(request, lang), start=1)
            ],
            "outcomes": _outcomes(request, details, lang, enclosure_numbers),
            "lang": lang,
            "l": labels,
            "title": labels[title_key],
            "issued_on": long_date(dated_on, lang),
            "sent_on_copy": long_date(sent_on, lang) if is_copy else "",
            "registered_on": long_date(request.counterpart_registered_on, lang)
            if request.counterpart_registered_on
            else "",
            "issuer": issuer,
            "recipient": printed.office_row(recipient_office, lang, letter.countries),
            "requesting": printed.office_row(requesting, lang, letter.countries),
            "requested": printed.office_row(requested, lang, letter.countries),
            "place": issuer["place"],
            "signatory": _signatory(request, letter, lang, issuer_office),
            "legal_bases": [
                {
                    "title": basis.treaty.title(lang),
                    "articles": basis.articles,
                }
                for basis in request.legal_bases
            ],
            "channel": term("channel", request.channel.value, lang),
            "assistance_types": [
                term("assistance", code, lang) for code in request.assistance_types or []
            ],
            "execution_date": long_date(request.execution_requested_on, lang)
            if request.execution_requested_on
            else labels["no_execution_date"],
            "languages": [term("language", code, lang) for code in request.languages or []],
            "persons": [printed.person_row(link, lang, letter.countries) for link in people],
            "companies": [printed.company_row(link, lang, letter.countries) for link in companies],
            "assets": [printed.asset_row(link, lang, letter.countries) for link in request.assets],
            "requirements": _required_items(request, missing_keys, lang, numbers),
            "missing": [
                {
                    "label": item.label(lang),
                    "basis": item.citation(lang),
                    "details": item.missing(lang),
                }
                for item in missing
            ],
            "sent_on": long_date(sent_on, lang),
            "received_on": long_date(received_on, lang),
            "outcome_on": long_date(_step_date(outcome_step), lang),
            "refusal_ground": term(
                "refusal_ground",
                request.refusal_ground.value if request.refusal_ground else "",
                lang,
            ),
            # What has not been received since when: the dates casetrack keeps (7 business
            # days, 90 days) are its own targets, never a time limit owed by the counterpart.
            "overdue": [
                {
                    "kind": term("deadline_kind", item.kind, lang),
                    "since": long_date(sent_on, lang),
                    "days": (letter.issued_on - sent_on).days if sent_on else "",
                }
                for item in letter.overdue
            ],
        }
    langs = languages_of(letter.lang)
    return {
        "kind": letter.kind.value,
        "lang": letter.lang,
        # Tables print once across the page; in both languages their words are joined.
        "heads": {key: " / ".join(LABELS[lang][key] for lang in langs) for key in LABELS["en"]},
        "tables": {
            key: [_merge([pages[lang][key][i] for lang in langs]) for i in range(len(rows))]
            for key, rows in pages[langs[0]].items()
            if key in ("persons", "companies", "assets", "overdue", "requirements")
        },
        "langs": languages_of(letter.lang),
        "is_draft": letter.is_draft,
        "pages": pages,
        "first": pages[languages_of(letter.lang)[0]],
        "letterhead": _letterhead([pages[lang] for lang in langs]),
    }


def _letterhead(printed: list[dict]) -> dict[str, list[str]]:
    """The running letterhead's lines: the office's name in each language (once where they
    are the same) and its address on the left; our reference in each language and the date
    in each language on the right."""
    names = list(dict.fromkeys(page["issuer"]["name"] for page in printed))
    address = printed[0]["issuer"]["address"]
    return {
        "left": names + ([address] if address else []),
        "right": [
            f"{page['l']['our_reference']}: {page['our_reference'] or page['l']['not_given']}"
            for page in printed
        ]
        + [page["issued_on"] for page in printed],
    }
