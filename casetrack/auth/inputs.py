"""What a user account may hold: the one schema the admin's user and password forms take their
rules from and ``auth.services.create_user`` (the admin page and ``flask casetrack
create-user``) checks with. Whether the office exists and the address is free is the service's
to say."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from casetrack.models import Role
from casetrack.validation import limit


def _password() -> validate.Length:
    # Long enough to resist guessing; bounded so that hashing it stays cheap.
    return validate.Length(min=limit("user", "password_min"), max=limit("user", "password"))


class UserInput(Schema):
    """A new account: e-mail, name, role and initial password."""

    email = fields.String(
        required=True, validate=[validate.Email(), validate.Length(max=limit("user", "email"))]
    )
    name = fields.String(required=True, validate=validate.Length(max=limit("user", "name")))
    role = fields.String(required=True, validate=validate.OneOf([r.value for r in Role]))
    password = fields.String(required=True, validate=_password())


class PasswordInput(Schema):
    """A new password an administrator gives an account."""

    password = fields.String(required=True, validate=_password())
