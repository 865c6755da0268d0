"""How values read on a page, in the interface language: template filters.

Stored texts that casetrack writes itself in English (deadline titles and the rule that set a
date, "Art." in a legal reference) are put into the reader's language here, and values that
have a label (countries, document kinds, scripts, statuses) are shown by it, never raw.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from flask import Flask, g
from flask_babel import format_date, format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from casetrack.documents import rendering

_TITLES = {
    "Acknowledgement of receipt": _l("Acknowledgement of receipt"),
    "Response due": _l("Response due"),
    "End of postponement": _l("End of postponement"),
    "Internal due date": _l("Internal due date"),
    "Execution requested by": _l("Execution requested by"),
}
_FROM = r"from (?:(?P<d>\d{4}-\d{2}-\d{2})|(?P<sent>the date sent))"
_BUSINESS = re.compile(rf"^(?P<n>\d+) business days {_FROM} \((?P<c>[A-Z]{{2}}) calendar\)$")
_CALENDAR = re.compile(rf"^(?P<n>\d+) calendar days {_FROM}$")
_ASSIGNED = re.compile(
    r"^internal due date set when assigned to (?P<o>\S+) on (?P<d>\d{4}-\d{2}-\d{2})$"
)
_BY_HAND = re.compile(r"^set by hand on (?P<d>\d{4}-\d{2}-\d{2})$")
_ARTICLE = re.compile(r"\bArts?\.\s*")
_SCRIPTS = {
    "cyrillic": _l("Cyrillic"),
    "latin": _l("Latin"),
    "other": _l("other script"),
}


def _day(iso: str) -> str:
    return format_date(date.fromisoformat(iso), "long")


def deadline_title(title: str | None) -> str:
    """A deadline's title: casetrack's own titles translated, a user's kept as written."""
    if not title:
        return ""
    known = _TITLES.get(title)
    return str(known) if known is not None else title


def deadline_rule(rule: str | None) -> str:
    """How a deadline's date was set, in the reader's language."""
    if not rule:
        return ""
    head, _sep, tail = rule.partition(", ")
    if m := _BUSINESS.match(head):
        start = _("the date sent") if m["sent"] else _day(m["d"])
        text = _(
            "%(num)s business days from %(date)s (%(country)s calendar)",
            num=m["n"],
            date=start,
            country=m["c"],
        )
    elif m := _CALENDAR.match(head):
        start = _("the date sent") if m["sent"] else _day(m["d"])
        text = _("%(num)s calendar days from %(date)s", num=m["n"], date=start)
    elif head in ("execution date requested by the requesting office", "requested execution date"):
        text = _("the execution date the requesting office asked for")
    elif head == "postponed by the requested office until this date":
        text = _("postponed by the requested office until this date")
    elif m := _ASSIGNED.match(head):
        text = _(
            "internal due date set when assigned to %(office)s on %(date)s",
            office=m["o"],
            date=_day(m["d"]),
        )
    elif m := _BY_HAND.match(head):
        text = _("set by hand on %(date)s", date=_day(m["d"]))
    else:
        return rule
    if tail == "casetrack default":
        return text + ", " + _("casetrack's default")
    return text + (", " + tail if tail else "")


def legal_ref(text: str | None, lang: str | None = None) -> str:
    """A legal reference ("UNTOC Art. 18(15)") as a Russian reader writes it ("ст. 18(15)")."""
    from casetrack.i18n import current_language

    if not text:
        return ""
    if (lang or current_language()) == "ru":
        return _ARTICLE.sub("ст. ", text)
    return text


def money(value, currency: str | None = "") -> str:
    """An amount with its currency, grouped as the locale writes it: 850 000,00 USD."""
    if value is None or value == "":
        return "—"
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    text = format_decimal(amount, "#,##0.00")
    return f"{text} {currency}".strip()


def country_name(code: str | None) -> str:
    """A country by its name in the interface language (the code where it is not listed)."""
    from casetrack.db import db
    from casetrack.i18n import current_language
    from casetrack.models import Country

    if not code:
        return ""
    lang = current_language()
    key = f"_country_names_{lang}"
    names = g.get(key)
    if names is None:
        names = {c.code: c.name(lang) for c in db.session.scalars(select(Country))}
        setattr(g, key, names)
    return names.get(code.upper(), code)


def document_kind(kind: str | None) -> str:
    """An identity document's kind by its label ("IIN (Kazakhstan personal number)")."""
    from casetrack import labels

    return labels.identity_document(kind) if kind else ""


def script(name: str | None) -> str:
    """The script a spelling is written in, by its name."""
    label = _SCRIPTS.get(name or "")
    return str(label) if label is not None else (name or "")


def init_app(app: Flask) -> None:
    """Register the filters."""
    app.add_template_filter(deadline_title, "deadline_title")
    app.add_template_filter(deadline_rule, "deadline_rule")
    app.add_template_filter(legal_ref, "legal_ref")
    app.add_template_filter(money, "money")
    app.add_template_filter(country_name, "country_name")
    app.add_template_filter(document_kind, "document_kind")
    app.add_template_filter(script, "script_name")
    app.add_template_filter(rendering.css_string, "css_string")
