"""Case status changes follow one transition table (models.CASE_TRANSITIONS via casetrack.access).

The bug this fixes: only the template kept a closed case from being suspended, so
``POST /cases/<id>/suspend`` on a closed case answered 302, suspended it and cleared
``closed_on``. Now it is refused with a message and nothing changes, on the page and the API.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from casetrack import access, clock
from casetrack.db import db
from casetrack.models import CASE_TRANSITIONS, Case, CaseStatus
from tests.factories import api_client, make_case, make_office, make_user, signed_in


@pytest.fixture
def closed_case(empty_app):
    with empty_app.app_context():
        office = make_office(db.session)
        user = make_user(db.session, office=office)
        case = make_case(
            db.session,
            office=office,
            status=CaseStatus.CLOSED,
            closed_on=clock.today() - timedelta(days=2),
        )
        db.session.commit()
        return {"user": user, "case_id": case.id, "version": case.version}


def _case(app, case_id: int) -> Case:
    with app.app_context():
        case = db.session.get(Case, case_id)
        db.session.expunge(case)
        return case


def test_suspending_a_closed_case_is_refused_and_changes_nothing(empty_app, closed_case):
    client = signed_in(empty_app, closed_case["user"])
    case_id = closed_case["case_id"]
    answer = client.post(f"/cases/{case_id}/suspend", data={"version": closed_case["version"]})
    assert answer.status_code == 303
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "A closed case cannot become suspended." in page
    after = _case(empty_app, case_id)
    assert after.status == CaseStatus.CLOSED
    assert after.closed_on == clock.today() - timedelta(days=2)
    assert after.version == closed_case["version"]


def test_the_api_answers_409_and_changes_nothing(empty_app, closed_case):
    api = api_client(empty_app, closed_case["user"])
    case_id = closed_case["case_id"]
    answer = api.patch(
        f"/api/v1/cases/{case_id}", json={"version": closed_case["version"], "status": "suspended"}
    )
    assert answer.status_code == 409
    assert answer.get_json()["error"]["code"] == "conflict"
    after = _case(empty_app, case_id)
    assert (after.status, after.version) == (CaseStatus.CLOSED, closed_case["version"])


def test_a_closed_case_still_reopens(empty_app, closed_case):
    client = signed_in(empty_app, closed_case["user"])
    case_id = closed_case["case_id"]
    answer = client.post(f"/cases/{case_id}/reopen", data={"version": closed_case["version"]})
    assert answer.status_code == 302
    after = _case(empty_app, case_id)
    assert (after.status, after.closed_on) == (CaseStatus.OPEN, None)


def test_the_page_offers_only_what_the_table_allows(empty_app, closed_case):
    page = signed_in(empty_app, closed_case["user"]).get(f"/cases/{closed_case['case_id']}")
    html = page.get_data(as_text=True)
    case_id = closed_case["case_id"]
    assert f"/cases/{case_id}/reopen" in html
    assert f"/cases/{case_id}/suspend" not in html
    assert f"/cases/{case_id}/close" not in html


@pytest.mark.parametrize("status", list(CaseStatus))
def test_access_offers_the_table_to_the_cases_office_only(empty_app, status):
    with empty_app.app_context():
        office = make_office(db.session)
        case = make_case(db.session, office=office, status=status)
        own = make_user(db.session, office=office)
        other = make_user(db.session, office=make_office(db.session))
        assert access.case_statuses(own, case) == CASE_TRANSITIONS[status]
        assert access.case_statuses(other, case) == ()
