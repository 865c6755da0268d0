"""The buttons of the links pages: each a small form with its CSRF token."""

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import AnyOf, DataRequired

from casetrack.links.visibility import DECISIONS


class DecisionForm(FlaskForm):
    """Confirm, reject or reset one match."""

    decision = HiddenField(validators=[DataRequired(), AnyOf(DECISIONS)])
    version = HiddenField(validators=[DataRequired()])
    next = HiddenField()


class HitForm(FlaskForm):
    """Share on purpose, or take note of, one hit."""

    next = HiddenField()
