"""Forms of the party pages: repeatable rows for spellings and identity documents."""

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
from wtforms.validators import Length, Optional

from casetrack import labels
from casetrack.models import PartyKind, PartyRole

NAME_ROWS = 3
DOCUMENT_ROWS = 2


class NameRow(Form):
    surname = StringField(_l("Surname"), validators=[Length(max=120)])
    given_name = StringField(_l("Given name"), validators=[Length(max=120)])
    patronymic = StringField(_l("Patronymic"), validators=[Length(max=120)])
    full_name = StringField(_l("Full name"), validators=[Length(max=300)])
    is_primary = BooleanField(_l("Primary"))


class DocumentRow(Form):
    kind = SelectField(_l("Kind"), choices=labels.identity_document_choices(), default="passport")
    number = StringField(_l("Number"), validators=[Length(max=64)])
    issuing_country = StringField(_l("Issued by (country code)"), validators=[Length(max=8)])
    issued_on = DateField(_l("Issued on"), validators=[Optional()])
    expires_on = DateField(_l("Expires on"), validators=[Optional()])


class PartyForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=labels.choices(PartyKind), default="person")
    names = FieldList(FormField(NameRow), min_entries=NAME_ROWS, max_entries=30)
    birth_date = DateField(_l("Date of birth"), validators=[Optional()])
    birth_place = StringField(_l("Place of birth"), validators=[Length(max=255)])
    #: An ISO code chosen from the country list (the view fills the choices).
    nationality = SelectField(_l("Nationality"), choices=[("", "—")], validate_choice=False)
    address = TextAreaField(_l("Address"), validators=[Length(max=2000)])
    occupation = StringField(_l("Occupation"), validators=[Length(max=255)])
    registration_number = StringField(_l("Registration number"), validators=[Length(max=64)])
    tax_id = StringField(_l("Tax id"), validators=[Length(max=64)])
    jurisdiction = StringField(_l("Jurisdiction (country code)"), validators=[Length(max=8)])
    bank_details = TextAreaField(_l("Bank details"), validators=[Length(max=4000)])
    notes = TextAreaField(_l("Notes"), validators=[Length(max=20000)])
    documents = FieldList(FormField(DocumentRow), min_entries=DOCUMENT_ROWS, max_entries=30)
    role = SelectField(
        _l("Role in the case"),
        choices=labels.choices(PartyRole),
        default="other",
    )
    version = HiddenField()
