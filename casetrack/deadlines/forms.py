"""Forms of the deadline pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField
from wtforms.validators import AnyOf

from casetrack import labels
from casetrack.deadlines.inputs import DeadlineInput
from casetrack.inputs import choices, rules, select_rules
from casetrack.models import DeadlineKind


class DeadlineForm(FlaskForm):
    """A deadline set by hand; each field takes its rules from ``DeadlineInput`` (the API's).

    The view offers as owners the prosecutors and officers of the office that owes it."""

    kind = SelectField(
        _l("Kind"),
        choices=choices(DeadlineInput, "kind", lambda kind: labels.lazy(DeadlineKind(kind))),
        validators=select_rules(DeadlineInput, "kind"),
    )
    title = StringField(_l("Title"), validators=rules(DeadlineInput, "title"))
    due_on = DateField(_l("Due date"), validators=rules(DeadlineInput, "due_on"))
    owner_user_id = SelectField(
        _l("Owner"), coerce=int, validators=select_rules(DeadlineInput, "owner_user_id")
    )


class CloseForm(FlaskForm):
    """Mark a deadline met or cancelled (a POST with a CSRF token)."""

    state = HiddenField(validators=[AnyOf(["met", "cancelled"])])


class CalendarForm(FlaskForm):
    """Create (or replace) or revoke the calendar feed's secret URL."""

    action = HiddenField(validators=[AnyOf(["create", "revoke"])])
