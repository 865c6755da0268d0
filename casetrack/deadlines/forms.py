"""Forms of the deadline pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length

from casetrack import labels
from casetrack.deadlines.manual import MANUAL_KINDS
from casetrack.models import DeadlineKind


class DeadlineForm(FlaskForm):
    kind = SelectField(
        _l("Kind"),
        choices=labels.choices(DeadlineKind, MANUAL_KINDS),
        validators=[InputRequired()],
    )
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=255)])
    due_on = DateField(_l("Due date"), validators=[InputRequired()])
    owner_user_id = SelectField(_l("Owner"), coerce=int, validators=[InputRequired()])


class CloseForm(FlaskForm):
    """Mark a deadline met or cancelled (a POST with a CSRF token)."""

    state = HiddenField(validators=[AnyOf(["met", "cancelled"])])


class CalendarForm(FlaskForm):
    """Create (or replace) or revoke the calendar feed's secret URL."""

    action = HiddenField(validators=[AnyOf(["create", "revoke"])])
