"""Forms of the user administration."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, EqualTo

from casetrack import labels
from casetrack.admin.inputs import OfficeInput
from casetrack.auth.inputs import PasswordInput, UserInput
from casetrack.inputs import choices, rules, select_rules
from casetrack.models import Role


class UserForm(FlaskForm):
    """A new account; each field takes its rules from ``auth.inputs.UserInput``."""

    email = StringField(_l("E-mail"), validators=rules(UserInput, "email"))
    name = StringField(_l("Full name"), validators=rules(UserInput, "name"))
    office = SelectField(_l("Office"), validators=[DataRequired()])
    role = SelectField(
        _l("Role"),
        choices=choices(UserInput, "role", lambda role: labels.lazy(Role(role))),
        validators=select_rules(UserInput, "role"),
    )
    language = SelectField(_l("Language"), choices=[("en", "English"), ("ru", "Русский")])
    password = PasswordField(_l("Initial password"), validators=rules(UserInput, "password"))
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[EqualTo("password", message=_l("The passwords differ."))],
    )


class PasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=rules(PasswordInput, "password"))


def office_rules(name: str, *, optional: bool = False) -> list:
    """``OfficeInput``'s rules for field ``name``; ``optional``: the field is filled only when
    the user asks to add an office (the registration page's block), so the service checks
    that it is given."""
    return rules(OfficeInput, name, row=optional)


class OfficeForm(FlaskForm):
    """An office of the directory: kind, country, names, address, e-mail, parent, membership."""

    code = StringField(_l("Code"), validators=office_rules("code"))
    country_code = SelectField(_l("Country"), validators=office_rules("country_code"))
    kind = SelectField(_l("Kind"), validators=office_rules("kind"))
    name_en = StringField(_l("Name in English"), validators=office_rules("name_en"))
    name_ru = StringField(_l("Name in Russian"), validators=office_rules("name_ru"))
    name_local = StringField(
        _l("Name in the local language"), validators=office_rules("name_local")
    )
    address = TextAreaField(_l("Address"), validators=office_rules("address"))
    # Its form is checked by admin.offices.save_office, which also normalises it.
    email = StringField(_l("Contact e-mail"), validators=office_rules("email"))
    parent_id = SelectField(_l("Parent central authority"), coerce=int, validate_choice=False)
    is_member = BooleanField(_l("Works on casetrack (member)"))
