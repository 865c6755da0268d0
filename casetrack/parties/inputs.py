"""What a party's input may hold: the one schema the party form and the API both check with."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate

from casetrack.models import PartyKind
from casetrack.parties.services import DOCUMENT_KINDS
from casetrack.validation import limit

COUNTRY_CODE = _l("Use the two-letter country code, e.g. KZ.")
#: How many spellings and how many identity documents a party may have.
MAX_ROWS = 30


class PartyNameInput(Schema):
    """One spelling: by parts (surname, given name, patronymic) or whole."""

    full_name = fields.String(validate=validate.Length(max=limit("party", "full_name")))
    surname = fields.String(validate=validate.Length(max=limit("party", "surname")))
    given_name = fields.String(validate=validate.Length(max=limit("party", "given_name")))
    patronymic = fields.String(validate=validate.Length(max=limit("party", "patronymic")))
    is_primary = fields.Boolean()


class IdentityDocumentInput(Schema):
    """One identity document (on the page a row without a number is no document)."""

    kind = fields.String(required=True, validate=validate.OneOf(DOCUMENT_KINDS))
    number = fields.String(
        required=True, validate=validate.Length(min=1, max=limit("party", "number"))
    )
    issuing_country = fields.String(
        load_default="",
        validate=validate.Length(max=limit("party", "issuing_country"), error=COUNTRY_CODE),
    )
    issued_on = fields.Date(allow_none=True, load_default=None)
    expires_on = fields.Date(allow_none=True, load_default=None)


class PartyInput(Schema):
    """A person or a company as it is recorded (the API's POST body)."""

    kind = fields.String(
        load_default=PartyKind.PERSON.value, validate=validate.OneOf([k.value for k in PartyKind])
    )
    names = fields.List(
        fields.Nested(PartyNameInput),
        required=True,
        validate=validate.Length(min=1, max=MAX_ROWS),
    )
    birth_date = fields.Date(allow_none=True)
    birth_place = fields.String(validate=validate.Length(max=limit("party", "birth_place")))
    #: An ISO code (the page chooses it from the country list; the API may name the country).
    nationality = fields.String(validate=validate.Length(max=limit("party", "nationality")))
    address = fields.String(validate=validate.Length(max=limit("party", "address")))
    occupation = fields.String(validate=validate.Length(max=limit("party", "occupation")))
    registration_number = fields.String(
        validate=validate.Length(max=limit("party", "registration_number"))
    )
    tax_id = fields.String(validate=validate.Length(max=limit("party", "tax_id")))
    jurisdiction = fields.String(
        validate=validate.Length(max=limit("party", "jurisdiction"), error=COUNTRY_CODE)
    )
    bank_details = fields.String(validate=validate.Length(max=limit("party", "bank_details")))
    notes = fields.String(validate=validate.Length(max=limit("party", "notes")))
    documents = fields.List(
        fields.Nested(IdentityDocumentInput), validate=validate.Length(max=MAX_ROWS)
    )
