"""A user account is checked by one schema (auth/inputs.py UserInput): the admin's form takes its
rules from it and create_user (the admin page and `flask casetrack create-user`) checks with it."""

from __future__ import annotations

from sqlalchemy import func, select

from casetrack import inputs
from casetrack.admin.forms import PasswordForm, UserForm
from casetrack.auth.inputs import UserInput
from casetrack.db import db
from casetrack.models import User
from casetrack.validation import limit
from tests.factories import signed_in


def _users(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(User.id)))


def test_the_user_forms_take_their_rules_from_the_schema():
    for form, names in ((UserForm, ("email", "name", "password")),
                        (PasswordForm, ("password",))):  # fmt: skip
        for name in names:
            validators = getattr(form, name).kwargs["validators"]
            assert validators and all(getattr(v, inputs.FROM_SCHEMA, False) for v in validators)
    # A select checks the schema's choices itself.
    roles = [value for value, _label in UserForm.role.kwargs["choices"]]
    assert roles == inputs.choice_values(UserInput, "role")
    assert not UserForm.role.kwargs["validators"]


def test_the_admin_page_and_the_command_refuse_the_same_input(directory_app, people):
    admin = signed_in(directory_app, people.admin)
    base = {"email": "timur@kz-alm.example", "name": "Timur", "office": "KZ-ALM",
            "role": "prosecutor", "language": "en", "password": "long-enough-pass",
            "confirm": "long-enough-pass"}  # fmt: skip
    before = _users(directory_app)
    long_name = "n" * (limit("user", "name") + 1)
    for field, value in (("email", "not-an-address"), ("name", long_name), ("role", "boss")):
        answer = admin.post("/admin/users/new", data={**base, field: value})
        assert answer.status_code == 400, (field, answer.status_code)
    short = {**base, "password": "short", "confirm": "short"}
    answer = admin.post("/admin/users/new", data=short)
    assert answer.status_code == 400
    assert "between 10 and 1024 characters" in answer.get_data(as_text=True)
    runner = directory_app.test_cli_runner()
    for email, password, message in (
        ("not-an-address", "a-long-enough-password", "email: Not a valid email address."),
        ("x@kz-alm.example", "short", "password: Length must be between 10 and 1024."),
    ):
        result = runner.invoke(
            args=["casetrack", "create-user", email, "--name", "X", "--office", "KZ-ALM",
                  "--role", "prosecutor", "--password-stdin"],
            input=password + "\n",
        )  # fmt: skip
        assert result.exit_code != 0 and message in result.output
    assert _users(directory_app) == before
    assert admin.post("/admin/users/new", data=base).status_code == 302
    assert _users(directory_app) == before + 1


def test_only_an_administrator_creates_users(directory_app, people):
    for person in (people.almaty, people.kz_ca, people.coordinator):
        assert signed_in(directory_app, person).get("/admin/users/new").status_code == 404
