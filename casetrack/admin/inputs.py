"""What an office of the directory may hold: the one schema the admin's office form and the
registration page's "add the requesting office" block both take their rules from.

The service (casetrack/admin/offices.py) says what depends on the directory: that the country
exists, the code's form and that no other office has it, the parent, the e-mail's form.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from casetrack.validation import limit


def _most(name: str):
    return validate.Length(max=limit("office", name))


class OfficeInput(Schema):
    """An office: its code, country, kind, names, address and e-mail."""

    code = fields.String(required=True, validate=_most("code"))
    country_code = fields.String(required=True)
    kind = fields.String(required=True)
    name_en = fields.String(required=True, validate=_most("name_en"))
    name_ru = fields.String(required=True, validate=_most("name_ru"))
    name_local = fields.String(load_default="", validate=_most("name_local"))
    address = fields.String(load_default="", validate=_most("address"))
    email = fields.String(load_default="", validate=_most("email"))
