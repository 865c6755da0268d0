"""A deadline set by hand is checked by one schema (deadlines/inputs.py DeadlineInput), on the
page and through the API, which can now set one too (``POST /api/v1/deadlines``)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from casetrack import clock, inputs
from casetrack.db import db
from casetrack.deadlines.forms import DeadlineForm
from casetrack.models import Deadline
from casetrack.validation import limit
from tests.factories import api_client, make_asset, make_case, make_user, office, signed_in


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Deadline.id)))


def _case(app, code="KZ-ALM") -> int:
    with app.app_context():
        case = make_case(db.session, office=office(db.session, code))
        db.session.commit()
        return case.id


def test_the_form_states_no_rule_of_its_own():
    for name in ("kind", "title", "due_on", "owner_user_id"):
        validators = getattr(DeadlineForm, name).kwargs["validators"]
        assert all(getattr(v, inputs.FROM_SCHEMA, False) for v in validators), name
    kinds = [value for value, _label in DeadlineForm.kind.kwargs["choices"]]
    assert kinds == ["custody_limit", "measure_expiry", "hearing", "other"]


def test_the_api_sets_a_deadline_on_a_case_owned_by_the_caller(directory_app, people):
    case_id = _case(directory_app)
    due = clock.today() + timedelta(days=9)
    answer = api_client(directory_app, people.almaty).post(
        "/api/v1/deadlines",
        json={"case_id": case_id, "kind": "custody_limit", "title": "Custody ends",
              "due_on": due.isoformat()},
    )  # fmt: skip
    assert answer.status_code == 201, answer.get_json()
    body = answer.get_json()
    assert (body["kind"], body["title"], body["due_on"]) == ("custody_limit", "Custody ends",
                                                              due.isoformat())  # fmt: skip
    assert body["days_left"] == 9 and body["we_owe"] and body["owner_office"] == "KZ-ALM"
    with directory_app.app_context():
        deadline = db.session.get(Deadline, body["id"])
        assert deadline.case_id == case_id and deadline.owner_user_id == people.almaty.id
    listed = api_client(directory_app, people.almaty).get("/api/v1/deadlines").get_json()
    assert [item["id"] for item in listed["items"]] == [body["id"]]


def test_an_asset_and_a_named_owner_of_the_office(directory_app, people):
    with directory_app.app_context():
        almaty = office(db.session, "KZ-ALM")
        asset = make_asset(db.session, office=almaty)
        colleague = make_user(db.session, office=almaty)
        stranger = make_user(db.session, office=office(db.session, "UZ-TAS"))
        db.session.commit()
        ids = asset.id, colleague.id, stranger.id
    api = api_client(directory_app, people.almaty)
    body = {"asset_id": ids[0], "kind": "measure_expiry", "title": "Freezing order lapses",
            "due_on": (clock.today() + timedelta(days=30)).isoformat()}  # fmt: skip
    refused = api.post("/api/v1/deadlines", json={**body, "owner_user_id": ids[2]})
    assert refused.status_code == 422
    assert "owner_user_id" in refused.get_json()["error"]["fields"]
    made = api.post("/api/v1/deadlines", json={**body, "owner_user_id": ids[1]})
    assert made.status_code == 201, made.get_json()
    with directory_app.app_context():
        assert db.session.get(Deadline, made.get_json()["id"]).owner_user_id == ids[1]


def test_bad_input_is_refused_by_the_page_and_the_api_alike(directory_app, people):
    case_id = _case(directory_app)
    before = _count(directory_app)
    api = api_client(directory_app, people.almaty)
    page = signed_in(directory_app, people.almaty)
    good = {"kind": "hearing", "title": "Hearing", "due_on": clock.today().isoformat()}
    long_title = "t" * (limit("deadline", "title") + 1)
    for field, value in (("title", long_title), ("title", "   "), ("kind", "response_due"),
                         ("due_on", "2026-02-30")):  # fmt: skip
        answer = api.post("/api/v1/deadlines", json={**good, "case_id": case_id, field: value})
        assert answer.status_code == 422, (field, value)
        assert field in answer.get_json()["error"]["fields"], (field, value)
        shown = page.post(
            f"/deadlines/new?case_id={case_id}",
            data={**good, "owner_user_id": str(people.almaty.id), field: value},
        )
        assert shown.status_code == 422, (field, value)
    assert api.post("/api/v1/deadlines", json=good).status_code == 422  # neither case nor asset
    both = {**good, "case_id": case_id, "asset_id": case_id}
    assert api.post("/api/v1/deadlines", json=both).status_code == 422
    assert _count(directory_app) == before


def test_another_office_and_roles_without_content_get_404(directory_app, people):
    case_id = _case(directory_app)
    before = _count(directory_app)
    body = {"case_id": case_id, "kind": "hearing", "title": "Hearing",
            "due_on": clock.today().isoformat()}  # fmt: skip
    for person in (people.tashkent, people.tbilisi, people.coordinator, people.admin):
        answer = api_client(directory_app, person).post("/api/v1/deadlines", json=body)
        assert answer.status_code == 404, person
    assert _count(directory_app) == before
