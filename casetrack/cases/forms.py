"""Forms of the case pages.

What each field of a case takes is stated once, by ``cases/inputs.py`` (the API's schema
too); the forms render, carry the CSRF token and coerce types.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional

from casetrack import labels
from casetrack.cases.inputs import CaseInput
from casetrack.inputs import rules, select_rules
from casetrack.models import PartyRole


def _case(name: str) -> list:
    return rules(CaseInput, name)


class CaseForm(FlaskForm):
    reference = StringField(_l("Reference"), validators=_case("reference"))
    title = StringField(_l("Title"), validators=_case("title"))
    offences = TextAreaField(_l("Offences"), validators=_case("offences"))
    offence_articles = StringField(
        _l("Articles of the criminal code"), validators=_case("offence_articles")
    )
    summary = TextAreaField(_l("Summary of facts"), validators=_case("summary"))
    #: The view fills the choices with the office's prosecutors.
    lead_prosecutor_id = SelectField(
        _l("Lead prosecutor"), coerce=int, validators=select_rules(CaseInput, "lead_prosecutor_id")
    )
    opened_on = DateField(_l("Opened on"), validators=_case("opened_on"))
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
