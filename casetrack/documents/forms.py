"""Forms of the document pages: issuing a version, choosing requests to print."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, SelectMultipleField
from wtforms.validators import DataRequired, InputRequired, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from casetrack import labels
from casetrack.documents.batch_print import BATCH_LIMIT
from casetrack.models import RequestStatus

LANGUAGE_CHOICES = [
    ("en", _l("English")),
    ("ru", _l("Russian")),
    ("en-ru", _l("English and Russian side by side")),
]


class IssueForm(FlaskForm):
    """Issue one document of a request in one language."""

    lang = SelectField(_l("Language"), choices=LANGUAGE_CHOICES, validators=[DataRequired()])


class BatchFilterForm(FlaskForm):
    """Narrow the list of requests on the batch page (a GET form, no CSRF token)."""

    class Meta:
        csrf = False

    direction = SelectField(
        _l("Direction"),
        choices=[("", _l("All")), ("outgoing", _l("Outgoing")), ("incoming", _l("Incoming"))],
        default="",
    )
    status = SelectField(
        _l("Status"),
        choices=[("", _l("Any status")), *labels.choices(RequestStatus)],
        default="",
    )


class BatchForm(FlaskForm):
    """Choose the requests to print, the language and the kind of file."""

    request_ids = SelectMultipleField(
        _l("Requests"),
        coerce=int,
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
        validate_choice=False,
        validators=[InputRequired(message=_l("Choose at least one request."))],
    )
    lang = SelectField(_l("Language"), choices=LANGUAGE_CHOICES, default="en")
    output = RadioField(
        _l("File"),
        choices=[("pdf", _l("One combined PDF")), ("zip", _l("A ZIP of one PDF per request"))],
        default="pdf",
    )

    def validate_request_ids(self, field):
        if len(set(field.data or [])) > BATCH_LIMIT:
            raise ValidationError(
                _l("At most %(limit)d requests can be printed at once.", limit=BATCH_LIMIT)
            )
