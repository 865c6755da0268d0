"""A request's free texts in each of its languages (casetrack's rule, not a treaty's).

A request is written in the languages of ``Request.languages``. The text columns (``facts``,
``purpose``, … and ``measures``) hold the text in the first of them; ``Request.texts`` holds
the others: ``{"en": {"facts": …, "measures": [{"text": …, "questions": […]}]}}``. A request
with no language yet has one text per field, in the columns, printed whatever the language.

Changing the order of the languages keeps every text with its language. Pages, the API, the
completeness check and the printed documents all read and write through this module.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from casetrack.models import Request

#: The free texts of a request, with their names as the completeness check prints them.
FIELDS: dict[str, tuple[str, str]] = {
    "subject": ("subject of the request", "предмет запроса"),
    "proceedings_stage": ("stage of the proceedings", "стадия производства"),
    "proceedings_authority": (
        "authority conducting the proceedings",
        "орган, осуществляющий производство",
    ),
    "facts": ("summary of the facts", "краткое изложение обстоятельств дела"),
    "offences": ("offences and their qualification", "преступления и их квалификация"),
    "offence_text": ("text of the cited provisions", "текст приведённых статей"),
    "damage": ("damage caused", "причинённый ущерб"),
    "representatives": ("representatives of the persons", "представители лиц"),
    "service_address": ("address for service", "адрес для вручения"),
    "service_documents": ("documents to be served", "вручаемые документы"),
    "order_extent": ("extent of the order", "объём постановления"),
    "third_party_notice": ("notice to third parties", "уведомление третьих лиц"),
    "order_finality": ("finality of the order", "вступление постановления в силу"),
    "procedures": ("procedures to be followed", "порядок исполнения"),
    "purpose": ("purpose of the assistance", "цель запрашиваемой помощи"),
    "urgency_reason": ("reason for urgency", "причина срочности"),
    "signatory_name": ("signatory's name", "фамилия и инициалы подписывающего лица"),
    "signatory_title": ("signatory's title", "должность подписывающего лица"),
}
MEASURES = ("measures requested", "запрашиваемые действия")
LANGUAGE_NAMES = {
    "en": ("English", "английском"),
    "ru": ("Russian", "русском"),
}


def languages(request: Request) -> list[str]:
    """The languages the request is written in, first one first."""
    return list(request.languages or [])


def _is_first(request: Request, lang: str) -> bool:
    langs = languages(request)
    return not langs or lang == langs[0]


def get(request: Request, field: str, lang: str) -> str:
    """The text of ``field`` in ``lang`` ("" when it has none in that language)."""
    if _is_first(request, lang):
        return getattr(request, field) or ""
    return str(((request.texts or {}).get(lang) or {}).get(field) or "")


def measures(request: Request, lang: str) -> list[dict]:
    """The measures in ``lang``, one per measure of the request, texts "" where missing."""
    base = list(request.measures or [])
    if _is_first(request, lang):
        return base
    others = ((request.texts or {}).get(lang) or {}).get("measures") or []
    result = []
    for index in range(len(base)):
        other = others[index] if index < len(others) and isinstance(others[index], dict) else {}
        result.append(
            {"text": str(other.get("text") or ""), "questions": list(other.get("questions") or [])}
        )
    return result


def as_map(request: Request, field: str) -> dict[str, Any]:
    """``{"en": …, "ru": …}`` of one field across the request's languages."""
    if field == "measures":
        return {lang: measures(request, lang) for lang in languages(request)}
    return {lang: get(request, field, lang) for lang in languages(request)}


def _write(request: Request, field: str, lang: str, value: Any) -> None:
    if _is_first(request, lang):
        setattr(request, field, value)
        return
    texts = {key: dict(val) for key, val in (request.texts or {}).items()}
    texts.setdefault(lang, {})[field] = value
    request.texts = texts


def _snapshot(request: Request, langs: list[str]) -> dict:
    return {
        lang: {
            **{field: get(request, field, lang) for field in FIELDS},
            "measures": measures(request, lang),
        }
        for lang in langs
    }


def set_languages(request: Request, new: list[str]) -> None:
    """Change the request's languages, keeping every text with its language."""
    old = languages(request)
    if old == new:
        return
    keep = list(dict.fromkeys(old + new + list((request.texts or {}).keys())))
    saved = _snapshot(request, keep) if old else {}
    untyped = None if old else _snapshot(request, ["_"])["_"]
    request.languages = list(new)
    if not new:
        return
    if untyped is not None:
        # Texts written before any language was chosen are in the first language chosen.
        saved = {new[0]: untyped}
    for lang, values in saved.items():
        for field, value in values.items():
            _write(request, field, lang, value)


def _clean_measure_list(value: Any) -> list[dict] | None:
    if not isinstance(value, list):
        return None
    clean = []
    for item in value:
        if not isinstance(item, dict):
            return None
        clean.append(
            {
                "text": str(item.get("text") or "").strip(),
                "questions": [
                    str(q).strip() for q in item.get("questions") or [] if str(q).strip()
                ],
            }
        )
    return clean


def apply(request: Request, field: str, value: Any, errors: dict) -> None:
    """Set a text from the API or a form: a string (first language) or {"en": …, "ru": …}."""
    if not isinstance(value, dict):
        if field == "measures":
            clean = _clean_measure_list(value or [])
            if clean is None:
                errors[field] = [_("Each measure needs a text.")]
                return
            value = clean
        else:
            value = (value or "").strip() if isinstance(value, str) else ""
        _write(request, field, (languages(request) or [""])[0], value)
        return
    langs = languages(request)
    unknown = [lang for lang in value if lang not in langs]
    if not langs:
        errors[field] = [_("Choose the request's languages before giving texts per language.")]
        return
    if unknown:
        errors[field] = [
            _(
                "%(langs)s: not a language of this request (%(known)s).",
                langs=", ".join(unknown),
                known=", ".join(langs),
            )
        ]
        return
    for lang, text in value.items():
        if field == "measures":
            clean = _clean_measure_list(text or [])
            if clean is None:
                errors[field] = [_("Each measure needs a text.")]
                return
            if lang != langs[0] and len(clean) != len(request.measures or []):
                errors[field] = [
                    _("Give every measure in each language: as many as in %(lang)s.", lang=langs[0])
                ]
                return
            _write(request, field, lang, clean)
        elif text is not None and not isinstance(text, str):
            errors[field] = [_("Each language's text must be a string.")]
            return
        else:
            _write(request, field, lang, (text or "").strip())


def gaps(request: Request) -> dict[str, list[str]]:
    """Per language of the request, the fields written in another language but not in it."""
    langs = languages(request)
    if len(langs) < 2:
        return {}
    found: dict[str, list[str]] = {}
    for field in FIELDS:
        values = {lang: get(request, field, lang).strip() for lang in langs}
        if any(values.values()):
            for lang, text in values.items():
                if not text:
                    found.setdefault(lang, []).append(field)
    for lang in langs[1:]:
        if any(not m["text"].strip() for m in measures(request, lang)):
            found.setdefault(lang, []).append("measures")
    return found


def field_label(field: str, lang: str) -> str:
    """The printed name of a text field in English or Russian."""
    pair = MEASURES if field == "measures" else FIELDS[field]
    return pair[1] if lang == "ru" else pair[0]


def language_label(code: str, lang: str) -> str:
    """ "Russian" / "русском" for the completeness item's sentence."""
    pair = LANGUAGE_NAMES.get(code, (code, code))
    return pair[1] if lang == "ru" else pair[0]
