"""Forms of the user administration."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from casetrack import labels
from casetrack.models import Role


class UserForm(FlaskForm):
    email = StringField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=255)])
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    office = SelectField(_l("Office"), validators=[DataRequired()])
    role = SelectField(_l("Role"), choices=labels.choices(Role), validators=[DataRequired()])
    language = SelectField(_l("Language"), choices=[("en", "English"), ("ru", "Русский")])
    password = PasswordField(
        _l("Initial password"), validators=[DataRequired(), Length(min=10, max=1024)]
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[EqualTo("password", message=_l("The passwords differ."))],
    )


class PasswordForm(FlaskForm):
    password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(min=10, max=1024)]
    )
