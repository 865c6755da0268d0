"""Forms of the user administration."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

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


class OfficeForm(FlaskForm):
    """An office of the directory: kind, country, names, address, e-mail, parent, membership."""

    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=32)])
    country_code = SelectField(_l("Country"), validators=[DataRequired()])
    kind = SelectField(_l("Kind"), validators=[DataRequired()])
    name_en = StringField(_l("Name in English"), validators=[DataRequired(), Length(max=255)])
    name_ru = StringField(_l("Name in Russian"), validators=[DataRequired(), Length(max=255)])
    name_local = StringField(_l("Name in the local language"), validators=[Length(max=255)])
    address = TextAreaField(_l("Address"), validators=[Length(max=2000)])
    # Checked by admin.offices.save_office, which also normalises the address.
    email = StringField(_l("Contact e-mail"), validators=[Optional(), Length(max=255)])
    parent_id = SelectField(_l("Parent central authority"), coerce=int, validate_choice=False)
    is_member = BooleanField(_l("Works on casetrack (member)"))
