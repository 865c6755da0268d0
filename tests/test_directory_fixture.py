"""The directory fixture: the real offices and treaties, people made by factories, no demo."""

from __future__ import annotations

from sqlalchemy import func, select

from casetrack.db import db
from casetrack.models import Case, Office, Request, Treaty, User
from tests.factories import api_client, make_case, make_request, office, signed_in


def test_the_directory_holds_offices_and_treaties_and_no_demo_content(directory_app, people):
    with directory_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Office)) > 10
        assert db.session.scalar(select(func.count()).select_from(Treaty)) > 0
        assert db.session.scalar(select(func.count()).select_from(Case)) == 0
        assert db.session.scalar(select(func.count()).select_from(User)) == 8
        assert db.session.get(User, people.kz_ca.id).office.code == "KZ-GPO"


def test_people_sign_in_and_see_only_what_the_test_made(directory_app, people):
    with directory_app.app_context():
        case = make_case(db.session, office=office(db.session, "KZ-ALM"), title="Made here")
        make_request(db.session, case=case, requested_office=office(db.session, "UZ-TAS"))
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(Request)) == 1
    page = signed_in(directory_app, people.almaty).get("/cases/").get_data(as_text=True)
    assert "Made here" in page
    other = signed_in(directory_app, people.tbilisi).get("/cases/").get_data(as_text=True)
    assert "Made here" not in other
    answer = api_client(directory_app, people.almaty).get("/api/v1/cases")
    assert answer.status_code == 200
    assert [item["title"] for item in answer.get_json()["items"]] == ["Made here"]
