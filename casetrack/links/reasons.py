"""The evidence of a match in words: in full for who sees both records, generic for others."""

from __future__ import annotations

from flask_babel import gettext as _

from casetrack.links.matching import THRESHOLD
from casetrack.names import script_of


def _detailed(reason: dict) -> str | None:
    code = reason.get("code")
    a, b = reason.get("a", ""), reason.get("b", "")
    if script_of(b) == "latin" and script_of(a) != "latin":
        a, b = b, a
    texts = {
        "name_same": lambda: _("same name"),
        "transliteration": lambda: _("surname %(a)s is a transliteration of %(b)s", a=a, b=b),
        "name_spelling": lambda: _("%(a)s and %(b)s are spellings of one name", a=a, b=b),
        "name_similar": lambda: _("names %(percent)s%% similar", percent=reason.get("percent")),
        "word_order": lambda: _("names written in a different word order"),
        "gender_form": lambda: _(
            "surname in the other gender's form (%(a)s / %(b)s): a relative?", a=a, b=b
        ),
        "patronymic_same": lambda: _("same patronymic"),
        "patronymic_differs": lambda: _("patronymics differ"),
        "patronymic_absent": lambda: _("patronymic absent in one record"),
        "birth_date_same": lambda: _("same date of birth"),
        "birth_date_swapped": lambda: _("dates of birth differ only by day and month swapped"),
        "birth_date_differs": lambda: _("dates of birth differ"),
        "document_same": lambda: _(
            "same identity document number (%(kind)s)", kind=reason.get("kind", "")
        ),
        "document_differs": lambda: _("different numbers of the same national identity document"),
        "registration_same": lambda: _("same registration number or tax id"),
        "registration_differs": lambda: _("different registration numbers in the same state"),
        "nationality_same": lambda: _("same nationality"),
        "nationality_differs": lambda: _("different nationality"),
        "identifier_same": lambda: _("same asset identifier"),
    }
    text = texts.get(code)
    return text() if text else None


def describe(reasons: list[dict]) -> list[str]:
    """Return the reasons of a match in words, quoting both records' spellings."""
    return [text for text in (_detailed(r) for r in reasons) if text]


def summary(reasons: list[dict], score: float) -> str:
    """Return a generic account of a match that quotes nothing of either record."""
    codes = {r.get("code") for r in reasons}
    if "identifier_same" in codes:
        return _("the same asset identifier is recorded")
    agreeing = []
    if codes & {"name_same", "transliteration", "name_spelling"}:
        agreeing.append(_("name"))
    if "birth_date_same" in codes:
        agreeing.append(_("date of birth"))
    if "document_same" in codes:
        agreeing.append(_("identity document number"))
    if "registration_same" in codes:
        agreeing.append(_("registration number or tax id"))
    if not agreeing:
        return _("names are similar") if score >= THRESHOLD else _("weak similarity")
    if len(agreeing) == 1:
        return _("%(item)s agrees", item=agreeing[0])
    return _("%(items)s and %(last)s agree", items=", ".join(agreeing[:-1]), last=agreeing[-1])
