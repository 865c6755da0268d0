"""Forms of the log-in pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length


class LoginForm(FlaskForm):
    email = StringField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=255)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])
    next = HiddenField()


class LanguageForm(FlaskForm):
    language = SelectField(choices=[("en", "English"), ("ru", "Русский")])
    next = HiddenField()


class LogoutForm(FlaskForm):
    """Log-out is a POST with a CSRF token, so that a link elsewhere cannot sign anyone out."""


class CodeForm(FlaskForm):
    code = StringField(
        _l("Code from your authenticator app"),
        validators=[DataRequired(), Length(min=6, max=8)],
    )


class EnrolForm(FlaskForm):
    secret = HiddenField(validators=[DataRequired(), Length(min=16, max=64)])
    code = StringField(
        _l("Code from your authenticator app"),
        validators=[DataRequired(), Length(min=6, max=8)],
    )
