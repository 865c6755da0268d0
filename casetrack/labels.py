"""One label set per enum, in English and Russian: the words for each status, kind and role.

Pages, documents, exports and the API's ``*_label`` fields all read them here, so that a
status is called the same everywhere ("pending approval", "на согласовании"). Each value has
its (English, Russian) pair; a page shows the interface language's word, a document the word
of the language it is printed in. Labels are lower case, as they stand inside a sentence or a
table cell; ``sentence()`` capitalises one for a heading or a list entry.

A new value of an enum gets its pair here; ``tests/test_labels.py`` fails while one is missing.
"""

from __future__ import annotations

import enum

from flask_babel.speaklater import LazyString

from casetrack.i18n import current_language
from casetrack.models import (
    AssetKind,
    AssetStatus,
    CaseStatus,
    Channel,
    DeadlineKind,
    DeadlineState,
    DocumentKind,
    JobStatus,
    OfficeKind,
    PartyKind,
    PartyRole,
    RefusalGround,
    RequestStatus,
    Role,
)
from casetrack.reference_data import ASSISTANCE_TYPES, REFUSAL_GROUNDS

#: (English, Russian) for every value of every enum a person reads.
PAIRS: dict[type[enum.Enum], dict[enum.Enum, tuple[str, str]]] = {
    RequestStatus: {
        RequestStatus.DRAFT: ("draft", "проект"),
        RequestStatus.PENDING_APPROVAL: ("pending approval", "на согласовании"),
        RequestStatus.APPROVED: ("approved", "согласован"),
        RequestStatus.SENT: ("sent", "направлен"),
        RequestStatus.RECEIVED: ("received", "получен"),
        RequestStatus.IN_EXECUTION: ("in execution", "на исполнении"),
        RequestStatus.INFORMATION_REQUESTED: ("information requested", "запрошены сведения"),
        RequestStatus.PARTIALLY_EXECUTED: ("partially executed", "исполнен частично"),
        RequestStatus.POSTPONED: ("postponed", "отложен"),
        RequestStatus.EXECUTED: ("executed", "исполнен"),
        RequestStatus.REFUSED: ("refused", "отказано"),
        RequestStatus.WITHDRAWN: ("withdrawn", "отозван"),
    },
    CaseStatus: {
        CaseStatus.OPEN: ("open", "открыто"),
        CaseStatus.SUSPENDED: ("suspended", "приостановлено"),
        CaseStatus.CLOSED: ("closed", "закрыто"),
    },
    DeadlineState: {
        DeadlineState.OPEN: ("open", "открыт"),
        DeadlineState.MET: ("met", "соблюдён"),
        DeadlineState.MISSED: ("missed", "пропущен"),
        DeadlineState.CANCELLED: ("cancelled", "отменён"),
    },
    DeadlineKind: {
        DeadlineKind.ACKNOWLEDGEMENT: ("acknowledgement of receipt", "подтверждение получения"),
        DeadlineKind.RESPONSE_DUE: ("response due", "срок ответа"),
        DeadlineKind.FOLLOW_UP: ("follow-up", "контроль исполнения"),
        DeadlineKind.CUSTODY_LIMIT: ("custody limit", "срок содержания под стражей"),
        DeadlineKind.MEASURE_EXPIRY: ("expiry of a measure", "истечение срока меры"),
        DeadlineKind.HEARING: ("hearing", "судебное заседание"),
        DeadlineKind.OTHER: ("other", "иной срок"),
    },
    PartyRole: {
        PartyRole.SUSPECT: ("suspect", "подозреваемый"),
        PartyRole.ACCUSED: ("accused", "обвиняемый"),
        PartyRole.DEFENDANT: ("defendant", "подсудимый"),
        PartyRole.WITNESS: ("witness", "свидетель"),
        PartyRole.VICTIM: ("victim", "потерпевший"),
        PartyRole.BENEFICIAL_OWNER: ("beneficial owner", "бенефициарный владелец"),
        PartyRole.OTHER: ("other", "иное"),
    },
    PartyKind: {
        PartyKind.PERSON: ("person", "физическое лицо"),
        PartyKind.COMPANY: ("company", "юридическое лицо"),
    },
    AssetKind: {
        AssetKind.BANK_ACCOUNT: ("bank account", "банковский счёт"),
        AssetKind.REAL_ESTATE: ("real estate", "недвижимое имущество"),
        AssetKind.VEHICLE: ("vehicle", "транспортное средство"),
        AssetKind.COMPANY_SHARE: ("company share", "доля в компании"),
        AssetKind.CRYPTO_WALLET: ("crypto-asset wallet", "криптокошелёк"),
        AssetKind.CASH: ("cash", "наличные денежные средства"),
        AssetKind.OTHER: ("other property", "иное имущество"),
    },
    AssetStatus: {
        AssetStatus.IDENTIFIED: ("identified", "выявлено"),
        AssetStatus.FROZEN: ("frozen", "заморожено"),
        AssetStatus.SEIZED: ("seized", "арестовано"),
        AssetStatus.CONFISCATED: ("confiscated", "конфисковано"),
        AssetStatus.RETURNED: ("returned", "возвращено"),
        AssetStatus.RELEASED: ("released", "освобождено"),
    },
    Channel: {
        Channel.CENTRAL_AUTHORITY: ("through the central authorities", "через центральные органы"),
        Channel.DIRECT: ("directly between the authorities", "непосредственно между органами"),
        Channel.DIPLOMATIC: ("through diplomatic channels", "по дипломатическим каналам"),
        Channel.INTERPOL: ("through INTERPOL", "через Интерпол"),
    },
    RefusalGround: {
        RefusalGround(row["code"]): (row["label_en"], row["label_ru"]) for row in REFUSAL_GROUNDS
    },
    OfficeKind: {
        OfficeKind.CENTRAL_AUTHORITY: ("central authority", "центральный орган"),
        OfficeKind.PROSECUTOR_OFFICE: ("prosecutor office", "прокуратура"),
        OfficeKind.COURT: ("court", "суд"),
        OfficeKind.OTHER: ("other", "иное"),
    },
    DocumentKind: {
        DocumentKind.REQUEST: ("MLA request", "запрос о правовой помощи"),
        DocumentKind.ACKNOWLEDGEMENT: ("acknowledgement of receipt", "подтверждение получения"),
        DocumentKind.REMINDER: ("reminder letter", "напоминание"),
        DocumentKind.EXECUTION: ("execution or refusal letter", "письмо об исполнении или отказе"),
        DocumentKind.UPLOAD: ("uploaded document", "загруженный документ"),
    },
    JobStatus: {
        JobStatus.QUEUED: ("waiting in the queue", "ожидает в очереди"),
        JobStatus.RUNNING: ("running", "выполняется"),
        JobStatus.RETRYING: ("failed, will try again", "ошибка, будет повторная попытка"),
        JobStatus.SUCCEEDED: ("done", "выполнено"),
        JobStatus.FAILED: ("failed", "не выполнено"),
    },
    Role: {
        Role.PROSECUTOR: ("prosecutor", "прокурор"),
        Role.CENTRAL_AUTHORITY: ("central-authority officer", "сотрудник центрального органа"),
        Role.COORDINATOR: ("network coordinator", "координатор сети"),
        Role.ADMIN: ("administrator", "администратор"),
    },
}

#: The title a document prints under a signatory of each role (English, Russian); roles that
#: never sign a letter have none.
SIGNATORY_TITLES: dict[Role, tuple[str, str]] = {
    Role.PROSECUTOR: ("Prosecutor", "Прокурор"),
    Role.CENTRAL_AUTHORITY: ("Officer of the central authority", "Сотрудник центрального органа"),
}

#: Kinds of identity document and registration number a party holds (a string column).
IDENTITY_DOCUMENTS: dict[str, tuple[str, str]] = {
    "passport": ("passport", "паспорт"),
    "national_id": ("national identity card", "удостоверение личности"),
    "iin": (
        "IIN (Kazakhstan personal number)",
        "ИИН (индивидуальный идентификационный номер, Казахстан)",
    ),
    "bin": ("BIN (Kazakhstan business number)", "БИН (бизнес-идентификационный номер, Казахстан)"),
    "pinfl": ("PINFL (Uzbekistan personal number)", "ПИНФЛ (персональный номер, Узбекистан)"),
    "stir": ("STIR (Uzbekistan tax number)", "ИНН/STIR (налоговый номер, Узбекистан)"),
    "inn": ("INN (tax number)", "ИНН (налоговый номер)"),
    "voen": ("VÖEN (Azerbaijan tax number)", "VÖEN (налоговый номер, Азербайджан)"),
    "other": ("other document", "иной документ"),
}


def _pick(pair: tuple[str, str], lang: str | None) -> str:
    return pair[1] if (lang or current_language()) == "ru" else pair[0]


def label(value: enum.Enum, lang: str | None = None) -> str:
    """The word for ``value`` in ``lang`` (the interface language by default)."""
    return _pick(PAIRS[type(value)][value], lang)


def labels(enum_type: type[enum.Enum], lang: str | None = None) -> dict:
    """Every value of ``enum_type`` with its word, in the enum's order."""
    pairs = PAIRS[enum_type]
    return {member: _pick(pairs[member], lang) for member in enum_type}


def by_value(enum_type: type[enum.Enum], lang: str | None = None) -> dict[str, str]:
    """``labels`` keyed by each value's string (for exports and the API)."""
    return {member.value: text for member, text in labels(enum_type, lang).items()}


def pairs(enum_type: type[enum.Enum]) -> dict[str, tuple[str, str]]:
    """The (English, Russian) pair of every value, keyed by the value's string."""
    return {member.value: pair for member, pair in PAIRS[enum_type].items()}


def lazy(value: enum.Enum) -> LazyString:
    """``label`` worked out when shown (for choices fixed at import, like a form's)."""
    return LazyString(label, value)


def choices(enum_type: type[enum.Enum], members=None) -> list[tuple[str, LazyString]]:
    """(value, lazy word) pairs for a select field, in the enum's order."""
    return [(member.value, lazy(member)) for member in (members or enum_type)]


def identity_document(kind: str, lang: str | None = None) -> str:
    """The name of a kind of identity document; an unknown kind is shown as it is."""
    pair = IDENTITY_DOCUMENTS.get(kind)
    return _pick(pair, lang) if pair else kind


def identity_document_choices() -> list[tuple[str, LazyString]]:
    """(kind, lazy name) pairs for the identity document select."""
    return [(kind, LazyString(identity_document, kind)) for kind in IDENTITY_DOCUMENTS]


def assistance_choices(lang: str | None = None) -> list[tuple[str, str]]:
    """The kinds of assistance a request may seek, as (code, label)."""
    key = "label_ru" if (lang or current_language()) == "ru" else "label_en"
    return [(t["code"], t[key]) for t in ASSISTANCE_TYPES]


def assistance_labels(lang: str | None = None) -> dict[str, str]:
    """The label of each kind of assistance, by code."""
    return dict(assistance_choices(lang))


def init_app(app) -> None:
    """Give templates the ``label`` filter: ``{{ request.status | label }}``."""
    app.add_template_filter(label, "label")


def sentence(text: str) -> str:
    """A label at the start of a sentence or a list entry: its first letter capitalised."""
    text = str(text)
    return text[:1].upper() + text[1:]
