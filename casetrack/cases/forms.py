"""Forms of the case pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from casetrack import labels
from casetrack.models import PartyRole


class CaseForm(FlaskForm):
    reference = StringField(_l("Reference"), validators=[DataRequired(), Length(max=64)])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=255)])
    offences = TextAreaField(_l("Offences"), validators=[Length(max=20000)])
    offence_articles = StringField(
        _l("Articles of the criminal code"), validators=[Length(max=255)]
    )
    summary = TextAreaField(_l("Summary of facts"), validators=[Length(max=100000)])
    lead_prosecutor_id = SelectField(_l("Lead prosecutor"), coerce=int)
    opened_on = DateField(_l("Opened on"), validators=[DataRequired()])
    version = HiddenField()


class CaseStatusForm(FlaskForm):
    """Close or reopen: a POST with the version the user saw."""

    version = HiddenField()
    closed_on = DateField(_l("Closed on"), validators=[Optional()])


class LinkPartyForm(FlaskForm):
    party_id = HiddenField(validators=[DataRequired()])
    role = SelectField(_l("Role"), choices=labels.choices(PartyRole))


class UnlinkForm(FlaskForm):
    """Remove a party's role from a case."""
