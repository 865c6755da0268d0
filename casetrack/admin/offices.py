"""The directory of offices as admins keep it, and the counterpart a central authority adds.

Every change is a row change of ``offices`` and so lands in the audit trail (casetrack.audit).
"""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from casetrack import labels
from casetrack.models import Country, Office, OfficeKind

#: The kinds of office, named in the interface language.
#: Each office kind with its word (casetrack.labels), shown in the interface language.
OFFICE_KIND_LABELS = {kind.value: labels.lazy(kind) for kind in OfficeKind}

CODE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{2,12}(-[A-Z0-9]{1,12})?$")
FIELDS = (
    "code",
    "country_code",
    "kind",
    "name_en",
    "name_ru",
    "name_local",
    "address",
    "email",
    "parent_id",
    "is_member",
)


class OfficeError(ValueError):
    """The office cannot be saved as given; ``fields`` names each problem."""

    def __init__(self, fields: dict[str, list[str]]):
        self.fields = fields
        super().__init__("; ".join(m for ms in fields.values() for m in ms))


def _clean(data: dict) -> dict:
    cleaned = dict(data)
    for key in ("code", "country_code"):
        cleaned[key] = (cleaned.get(key) or "").strip().upper()
    for key in ("name_en", "name_ru", "name_local", "address", "email"):
        cleaned[key] = (cleaned.get(key) or "").strip()
    return cleaned


def _check(session: Session, office: Office | None, data: dict) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    code, country = data["code"], data["country_code"]
    if session.get(Country, country) is None:
        errors["country_code"] = [_("Choose a country of the list.")]
    if not CODE.match(code):
        errors["code"] = [_("A code is the country code, a hyphen and letters or digits: KZ-AST.")]
    elif not code.startswith(country + "-"):
        errors["code"] = [_("The code must begin with the country code (%(c)s-).", c=country)]
    else:
        clash = session.scalar(select(Office.id).where(Office.code == code))
        if clash is not None and (office is None or clash != office.id):
            errors["code"] = [_("Another office already has this code.")]
    try:
        OfficeKind(data.get("kind") or "")
    except ValueError:
        errors["kind"] = [_("Choose the kind of office.")]
    # Their lengths are OfficeInput's (admin/inputs.py), checked by the forms; the names are
    # checked here too because the registration page asks for them only when adding an office.
    for key in ("name_en", "name_ru"):
        if not data[key]:
            errors[key] = [_("Give the office's name.")]
    if data["email"]:
        try:
            data["email"] = validate_email(data["email"], check_deliverability=False).normalized
        except EmailNotValidError:
            errors["email"] = [_("This is not a valid e-mail address.")]
    parent_id = data.get("parent_id") or None
    if parent_id is not None:
        parent = session.get(Office, int(parent_id))
        if (
            parent is None
            or parent.kind != OfficeKind.CENTRAL_AUTHORITY
            or parent.country_code != country
            or (office is not None and parent.id == office.id)
        ):
            errors["parent_id"] = [_("The parent must be a central authority of the same country.")]
    return errors


def save_office(session: Session, office: Office | None, data: dict) -> Office:
    """Create (``office`` None) or change an office; raise OfficeError and change nothing."""
    data = _clean(data)
    errors = _check(session, office, data)
    if errors:
        raise OfficeError(errors)
    if office is None:
        office = Office(code=data["code"], country_code=data["country_code"], kind=OfficeKind.OTHER)
        session.add(office)
    for key in FIELDS:
        value = data.get(key)
        if key == "kind":
            value = OfficeKind(value)
        elif key == "parent_id":
            value = int(value) if value else None
        elif key == "is_member":
            value = bool(value)
        setattr(office, key, value)
    session.flush()
    return office


def set_active(session: Session, office: Office, active: bool) -> None:
    """Deactivate an office (it keeps its records and history) or bring it back."""
    office.is_active = active
    session.flush()


def add_counterpart(session: Session, user, data: dict) -> Office:
    """A central authority adds a foreign office not on casetrack while registering its letter."""
    data = {**data, "is_member": False, "parent_id": None}
    country = (data.get("country_code") or "").strip().upper()
    if country == user.office.country_code:
        raise OfficeError({"country_code": [_("A counterpart is an office of another country.")]})
    return save_office(session, None, data)
