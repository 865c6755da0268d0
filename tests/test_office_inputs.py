"""An office's fields are checked by one schema (admin/inputs.py OfficeInput), wherever it is
entered: the admin's office form and the registration page's "add the requesting office"."""

from __future__ import annotations

from sqlalchemy import func, select

from casetrack import clock, inputs
from casetrack.admin.forms import OfficeForm
from casetrack.admin.inputs import OfficeInput
from casetrack.db import db
from casetrack.mla.forms import RegisterForm
from casetrack.models import Office, Request
from casetrack.validation import limit
from tests.factories import office, signed_in

LONG_NAME = "N" * (limit("office", "name_en") + 1)
ANKARA = {
    "code": "TR-ANK",
    "country_code": "TR",
    "kind": "prosecutor_office",
    "name_en": "Ankara Chief Public Prosecutor's Office",
    "name_ru": "Главная прокуратура Анкары",
    "parent_id": 0,
}


def _counts(app) -> tuple[int, int]:
    with app.app_context():
        return (
            db.session.scalar(select(func.count(Office.id))),
            db.session.scalar(select(func.count(Request.id))),
        )


def test_both_forms_take_the_office_rules_from_the_one_schema():
    for name in OfficeInput._declared_fields:
        admin = getattr(OfficeForm, name).kwargs["validators"]
        new = getattr(RegisterForm, f"new_{name}").kwargs.get("validators") or []
        assert admin and all(getattr(v, inputs.FROM_SCHEMA, False) for v in admin), name
        assert all(getattr(v, inputs.FROM_SCHEMA, False) for v in new), name


def test_a_name_past_the_limit_is_refused_by_the_admin_form(directory_app, people):
    before = _counts(directory_app)
    page = signed_in(directory_app, people.admin).post(
        "/admin/offices/new", data={**ANKARA, "name_en": LONG_NAME}
    )
    assert page.status_code == 422
    assert f"longer than {limit('office', 'name_en')} characters" in page.get_data(as_text=True)
    assert _counts(directory_app) == before
    made = signed_in(directory_app, people.admin).post("/admin/offices/new", data=ANKARA)
    assert made.status_code == 302


def test_a_name_past_the_limit_is_refused_when_registering_with_a_new_office(directory_app, people):
    with directory_app.app_context():
        almaty = office(db.session, "KZ-ALM").id
    letter = {
        "requesting_office_id": 0,
        "requested_office_id": almaty,
        "received_on": clock.today().isoformat(),
        "channel": "central_authority",
        "subject": "Bank records",
        "new_counterpart": "y",
        "new_code": "TR-IST",
        "new_country_code": "TR",
        "new_kind": "prosecutor_office",
        "new_name_en": "Istanbul Chief Public Prosecutor's Office",
        "new_name_ru": "Главная прокуратура Стамбула",
    }
    before = _counts(directory_app)
    ca = signed_in(directory_app, people.kz_ca)
    refused = ca.post("/requests/register", data={**letter, "new_name_ru": LONG_NAME})
    assert refused.status_code == 422
    assert f"longer than {limit('office', 'name_ru')} characters" in refused.get_data(as_text=True)
    assert _counts(directory_app) == before
    # Left blank, the new office's names are asked for (by the service: the block is optional).
    blank = ca.post("/requests/register", data={**letter, "new_name_en": ""})
    assert blank.status_code == 422 and "Give the office" in blank.get_data(as_text=True)
    assert _counts(directory_app) == before
    done = ca.post("/requests/register", data=letter)
    assert done.status_code == 302, done.get_data(as_text=True)
    assert _counts(directory_app) == (before[0] + 1, before[1] + 1)
    # Not a central authority: the page is not there.
    assert signed_in(directory_app, people.almaty).get("/requests/register").status_code == 404
