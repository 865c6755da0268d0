"""The change history as people read it: one sentence per event, in the reader's language.

Field names become labels, values are formatted (dates, statuses, offices, people and parties
by name, countries by name), and ids, hashes and raw timestamps are left out.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import format_date, format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from casetrack.models import Country, Office, Party, User

#: What each audited table is called in a sentence.
OBJECTS = {
    "cases": _l("the case"),
    "case_parties": _l("a party's role in the case"),
    "assets": _l("the asset"),
    "asset_status_changes": _l("the asset's status"),
    "asset_owners": _l("an owner of the asset"),
    "parties": _l("the party"),
    "party_names": _l("a name of the party"),
    "identity_documents": _l("an identity document"),
}

#: Field labels; a field without one is not shown (ids, keys, bookkeeping).
FIELDS = {
    "reference": _l("Reference"),
    "title": _l("Title"),
    "offences": _l("Offences"),
    "offence_articles": _l("Articles of the criminal code"),
    "summary": _l("Summary of facts"),
    "status": _l("Status"),
    "lead_prosecutor_id": _l("Lead prosecutor"),
    "office_id": _l("Office"),
    "opened_on": _l("Opened on"),
    "closed_on": _l("Closed on"),
    "party_id": _l("Party"),
    "case_id": _l("Case"),
    "role": _l("Role"),
    "kind": _l("Kind"),
    "identifier": _l("Identifier"),
    "description": _l("Description"),
    "country_code": _l("Country"),
    "location": _l("Location"),
    "estimated_value": _l("Estimated value"),
    "currency": _l("Currency"),
    "from_status": _l("Previous status"),
    "to_status": _l("New status"),
    "effective_on": _l("Date"),
    "changed_by_id": _l("Changed by"),
    "comment": _l("Comment"),
    "share": _l("Share (%)"),
    "display_name": _l("Name"),
    "birth_date": _l("Date of birth"),
    "birth_place": _l("Place of birth"),
    "nationality": _l("Nationality"),
    "address": _l("Address"),
    "occupation": _l("Occupation"),
    "registration_number": _l("Registration number"),
    "tax_id": _l("Tax id"),
    "jurisdiction": _l("Jurisdiction"),
    "bank_details": _l("Bank details"),
    "notes": _l("Notes"),
    "full_name": _l("Full name"),
    "surname": _l("Surname"),
    "given_name": _l("Given name"),
    "patronymic": _l("Patronymic"),
    "script": _l("Script"),
    "is_primary": _l("Primary name"),
    "number": _l("Number"),
    "issuing_country": _l("Issuing country"),
    "issued_on": _l("Issued on"),
    "expires_on": _l("Expires on"),
}
_COUNTRY_FIELDS = {"country_code", "nationality", "jurisdiction", "issuing_country"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _value_labels() -> dict[str, dict[str, str]]:
    from casetrack import labels
    from casetrack.models import AssetKind, AssetStatus, CaseStatus, PartyKind, PartyRole

    asset_statuses = labels.by_value(AssetStatus)
    return {
        "cases.status": labels.by_value(CaseStatus),
        "case_parties.role": labels.by_value(PartyRole),
        "assets.kind": labels.by_value(AssetKind),
        "assets.status": asset_statuses,
        "asset_status_changes.from_status": asset_statuses,
        "asset_status_changes.to_status": asset_statuses,
        "parties.kind": labels.by_value(PartyKind),
        "identity_documents.kind": {
            kind: labels.identity_document(kind) for kind in labels.IDENTITY_DOCUMENTS
        },
        "party_names.script": {
            "cyrillic": _("Cyrillic"),
            "latin": _("Latin"),
            "other": _("other script"),
        },
    }


class Namer:
    """Resolves the ids and codes of a page's history in a few queries, not one per value."""

    def __init__(self, session: Session, entries, lang: str):
        wanted: dict[str, set] = {
            "users": set(),
            "offices": set(),
            "parties": set(),
            "cases": set(),
        }
        for entry in entries:
            for key, old, new in entry.changes:
                target = {
                    "lead_prosecutor_id": "users",
                    "changed_by_id": "users",
                    "office_id": "offices",
                    "party_id": "parties",
                    "case_id": "cases",
                }.get(key)
                if target:
                    wanted[target].update(v for v in (old, new) if isinstance(v, int))
        from casetrack.models import Case

        self.lang = lang
        countries_needed = any(
            key in _COUNTRY_FIELDS for entry in entries for key, _old, _new in entry.changes
        )

        def pairs(stmt, ids) -> dict:
            return dict(session.execute(stmt).tuples().all()) if ids else {}

        self.users = pairs(
            select(User.id, User.name).where(User.id.in_(wanted["users"])), wanted["users"]
        )
        self.offices = (
            {
                o.id: o.name(lang)
                for o in session.scalars(select(Office).where(Office.id.in_(wanted["offices"])))
            }
            if wanted["offices"]
            else {}
        )
        self.parties = pairs(
            select(Party.id, Party.display_name).where(Party.id.in_(wanted["parties"])),
            wanted["parties"],
        )
        self.cases = pairs(
            select(Case.id, Case.reference).where(Case.id.in_(wanted["cases"])), wanted["cases"]
        )
        self.countries = (
            {c.code: c.name(lang) for c in session.scalars(select(Country))}
            if countries_needed
            else {}
        )
        self.values = _value_labels()

    def value(self, table: str, key: str, value) -> str:
        if value is None or value == "" or value == []:
            return "—"
        names = {
            "lead_prosecutor_id": self.users,
            "changed_by_id": self.users,
            "office_id": self.offices,
            "party_id": self.parties,
            "case_id": self.cases,
        }.get(key)
        if names is not None:
            return names.get(value, "—")
        labels = self.values.get(f"{table}.{key}")
        if labels is not None:
            return labels.get(str(value), str(value))
        if key in _COUNTRY_FIELDS and isinstance(value, str):
            return self.countries.get(value.upper(), value)
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, str) and _DATE.match(value):
            try:
                return format_date(date.fromisoformat(value), "long")
            except ValueError:
                return value
        if key in ("estimated_value", "share"):
            try:
                return format_decimal(Decimal(str(value)), "#,##0.00")
            except (InvalidOperation, ValueError):
                return str(value)
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        text = str(value)
        return text if len(text) <= 200 else text[:199] + "…"


def sentence(entry, table_label: str) -> str:
    """The event's main clause: who did what to which record."""
    if entry.action == "create":
        return _("%(who)s added %(what)s.", who=entry.actor, what=table_label)
    if entry.action == "delete":
        return _("%(who)s removed %(what)s.", who=entry.actor, what=table_label)
    if entry.action == "update":
        return _("%(who)s changed %(what)s.", who=entry.actor, what=table_label)
    return _("%(who)s: %(what)s.", who=entry.actor, what=table_label)


def readable(session: Session, entries, lang: str) -> list:
    """Give each history entry its sentence and its formatted details (label, old, new)."""
    namer = Namer(session, entries, lang)
    for entry in entries:
        table_label = str(OBJECTS.get(entry.object_type, _("a record")))
        entry.sentence = sentence(entry, table_label)
        details = []
        for key, old, new in entry.changes:
            label = FIELDS.get(key)
            if label is None:
                continue
            if entry.action == "update":
                details.append(
                    (
                        str(label),
                        namer.value(entry.object_type, key, old),
                        namer.value(entry.object_type, key, new),
                    )
                )
            elif entry.action == "create":
                if new in (None, "", [], False):
                    continue
                details.append((str(label), None, namer.value(entry.object_type, key, new)))
            else:
                details.append((str(label), namer.value(entry.object_type, key, old), None))
        entry.details = details
    return entries
