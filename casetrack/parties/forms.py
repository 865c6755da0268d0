"""Forms of the party pages: repeatable rows for spellings and identity documents.

What each field takes is stated once, by ``parties/inputs.py`` (the API's schema too); the
forms render, carry the CSRF token and coerce types.
"""

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)

from casetrack import labels
from casetrack.inputs import choices, max_rows, rules, select_rules
from casetrack.models import PartyKind, PartyRole
from casetrack.parties.inputs import IdentityDocumentInput, PartyInput, PartyNameInput

NAME_ROWS = 3
DOCUMENT_ROWS = 2


def _row(name: str) -> list:
    return rules(PartyNameInput, name, row=True)


def _document(name: str) -> list:
    return rules(IdentityDocumentInput, name, row=True)


def _party(name: str) -> list:
    return rules(PartyInput, name)


class NameRow(Form):
    surname = StringField(_l("Surname"), validators=_row("surname"))
    given_name = StringField(_l("Given name"), validators=_row("given_name"))
    patronymic = StringField(_l("Patronymic"), validators=_row("patronymic"))
    full_name = StringField(_l("Full name"), validators=_row("full_name"))
    is_primary = BooleanField(_l("Primary"), validators=_row("is_primary"))


class DocumentRow(Form):
    kind = SelectField(
        _l("Kind"),
        choices=choices(
            IdentityDocumentInput, "kind", lambda kind: LazyString(labels.identity_document, kind)
        ),
        default="passport",
        validators=select_rules(IdentityDocumentInput, "kind", row=True),
    )
    number = StringField(_l("Number"), validators=_document("number"))
    issuing_country = StringField(
        _l("Issued by (country code)"), validators=_document("issuing_country")
    )
    issued_on = DateField(_l("Issued on"), validators=_document("issued_on"))
    expires_on = DateField(_l("Expires on"), validators=_document("expires_on"))


class PartyForm(FlaskForm):
    kind = SelectField(
        _l("Kind"),
        choices=choices(PartyInput, "kind", lambda kind: labels.lazy(PartyKind(kind))),
        default="person",
        validators=select_rules(PartyInput, "kind"),
    )
    names = FieldList(
        FormField(NameRow), min_entries=NAME_ROWS, max_entries=max_rows(PartyInput, "names")
    )
    birth_date = DateField(_l("Date of birth"), validators=_party("birth_date"))
    birth_place = StringField(_l("Place of birth"), validators=_party("birth_place"))
    #: An ISO code chosen from the country list (the view fills the choices).
    nationality = SelectField(
        _l("Nationality"),
        choices=[("", "—")],
        validate_choice=False,
        validators=_party("nationality"),
    )
    address = TextAreaField(_l("Address"), validators=_party("address"))
    occupation = StringField(_l("Occupation"), validators=_party("occupation"))
    registration_number = StringField(
        _l("Registration number"), validators=_party("registration_number")
    )
    tax_id = StringField(_l("Tax id"), validators=_party("tax_id"))
    jurisdiction = StringField(_l("Jurisdiction (country code)"), validators=_party("jurisdiction"))
    bank_details = TextAreaField(_l("Bank details"), validators=_party("bank_details"))
    notes = TextAreaField(_l("Notes"), validators=_party("notes"))
    documents = FieldList(
        FormField(DocumentRow),
        min_entries=DOCUMENT_ROWS,
        max_entries=max_rows(PartyInput, "documents"),
    )
    #: The party's role in the case it is recorded from (not the party's own input).
    role = SelectField(
        _l("Role in the case"),
        choices=labels.choices(PartyRole),
        default="other",
    )
    version = HiddenField()
