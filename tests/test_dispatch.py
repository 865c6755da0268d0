"""Dispatch: the requested country's central authority hands a request to an executing office.

The step is in the one lifecycle table: every role and side, every state, bad input, the
executing office's visibility, the internal note kept from the requesting side, the deadline.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from casetrack import clock
from casetrack.db import db
from casetrack.models import (
    AuditEvent,
    Deadline,
    DeadlineKind,
    DeadlineState,
    Request,
    RequestStatus,
)
from tests.factories import api_client, signed_in
from tests.test_mla_lifecycle import make_request

# Who of ``people`` (tests.factories.People) takes part.
ALMATY, KZ_CA, TASHKENT, UZ_CA = "almaty", "kz_ca", "tashkent", "uz_ca"
GEORGIA, COORDINATOR = "tbilisi", "coordinator"

DISPATCHABLE = {
    "received",
    "in_execution",
    "information_requested",
    "partially_executed",
    "postponed",
}
UNSENT = {"draft", "pending_approval", "approved"}
NOTE = "Internal: ask investigator Yusupov, room 12"


def _body(office="UZ-TAS", **extra):
    due = (clock.today() + timedelta(days=20)).isoformat()
    return {"action": "dispatch", "office": office, "due_on": due, "comment": NOTE, **extra}


@pytest.fixture
def clients(directory_app, people):
    return {
        who: api_client(directory_app, getattr(people, who))
        for who in (ALMATY, KZ_CA, TASHKENT, UZ_CA, GEORGIA, COORDINATOR)
    }


def _expected(status: str, who: str) -> int:
    if who in (GEORGIA, COORDINATOR):
        return 404
    if who == TASHKENT:
        # Addressed to the UZ central authority, not yet assigned: Tashkent does not see it.
        return 404
    if who == UZ_CA:
        if status in UNSENT:
            return 404
        return 201 if status in DISPATCHABLE else 409
    return 409  # the requesting side never dispatches


def test_dispatch_in_the_lifecycle_matrix(directory_app, clients):
    for status in (s.value for s in RequestStatus):
        request_id = make_request(directory_app, status, to="UZ-GPO")
        # Everyone but the one who may dispatch goes first: a refused step changes nothing.
        for who in (ALMATY, KZ_CA, TASHKENT, GEORGIA, COORDINATOR, UZ_CA):
            client = clients[who]
            want = _expected(status, who)
            detail = client.get(f"/api/v1/requests/{request_id}")
            assert detail.status_code == (404 if want == 404 else 200), (status, who)
            if want != 404:
                assert ("dispatch" in detail.json["allowed_actions"]) == (want == 201)
            response = client.post(f"/api/v1/requests/{request_id}/transitions", json=_body())
            assert response.status_code == want, (status, who, response.json)
            if want == 201:
                assert response.json["from_status"] == response.json["to_status"] == status
                assert response.json["office"] == "UZ-TAS"


def test_dispatch_gives_the_executing_office_the_request(directory_app, clients):
    request_id = make_request(directory_app, "received", to="UZ-GPO")
    assert clients[TASHKENT].get(f"/api/v1/requests/{request_id}").status_code == 404
    response = clients[UZ_CA].post(f"/api/v1/requests/{request_id}/transitions", json=_body())
    assert response.status_code == 201
    seen = clients[TASHKENT].get(f"/api/v1/requests/{request_id}")
    assert seen.status_code == 200
    assert seen.json["executing_office"]["code"] == "UZ-TAS"
    assert seen.json["dispatch_note"] == NOTE
    # Tashkent works it: start, then execute.
    assert "start" in seen.json["allowed_actions"]
    assert "dispatch" not in seen.json["allowed_actions"]
    start = clients[TASHKENT].post(
        f"/api/v1/requests/{request_id}/transitions", json={"action": "start"}
    )
    assert start.status_code == 201
    incoming = clients[TASHKENT].get("/api/v1/requests?direction=incoming&per_page=200")
    assert request_id in [r["id"] for r in incoming.json["items"]]


def test_the_requesting_side_sees_the_assignment_but_not_the_note(directory_app, people, clients):
    request_id = make_request(directory_app, "received", to="UZ-GPO")
    clients[UZ_CA].post(f"/api/v1/requests/{request_id}/transitions", json=_body())
    for who in (ALMATY, KZ_CA):
        detail = clients[who].get(f"/api/v1/requests/{request_id}").json
        assert detail["executing_office"]["code"] == "UZ-TAS"
        assert detail["dispatch_note"] is None and detail["dispatch_due_on"] is None
        history = clients[who].get(f"/api/v1/requests/{request_id}/history").json
        assert [h["comment"] for h in history if h["action"] == "dispatch"] == [""]
        assert NOTE not in str(history)
        page = (
            signed_in(directory_app, getattr(people, who))
            .get(f"/requests/{request_id}")
            .get_data(as_text=True)
        )
        assert 'data-testid="assigned-to"' in page and "UZ-TAS" in page
        assert NOTE not in page
        deadlines = clients[who].get("/api/v1/deadlines?per_page=200")
        if deadlines.status_code == 200:
            assert all(
                d.get("kind") != "other"
                for d in deadlines.json["items"]
                if d.get("request_id") == request_id
            )
    page = (
        signed_in(directory_app, people.uz_ca).get(f"/requests/{request_id}").get_data(as_text=True)
    )
    assert NOTE in page


def test_the_internal_due_date_is_a_deadline_owed_by_the_executing_office(directory_app, clients):
    request_id = make_request(directory_app, "received", to="UZ-GPO")
    due = clock.today() + timedelta(days=20)
    clients[UZ_CA].post(f"/api/v1/requests/{request_id}/transitions", json=_body())
    with directory_app.app_context():
        deadline = db.session.scalar(
            select(Deadline).where(
                Deadline.request_id == request_id, Deadline.kind == DeadlineKind.OTHER
            )
        )
        assert deadline.owner_office.code == "UZ-TAS"
        assert deadline.due_on == due and deadline.state == DeadlineState.OPEN
        events = db.session.scalars(
            select(AuditEvent.action).where(
                AuditEvent.object_type == "requests", AuditEvent.object_id == request_id
            )
        ).all()
        assert "update" in events
    # Reassigning to the UZ central authority itself moves the deadline; executing meets it.
    again = clients[UZ_CA].post(
        f"/api/v1/requests/{request_id}/transitions", json=_body(office="UZ-GPO")
    )
    assert again.status_code == 201
    assert clients[TASHKENT].get(f"/api/v1/requests/{request_id}").status_code == 404
    with directory_app.app_context():
        owners = db.session.scalars(
            select(Deadline).where(
                Deadline.request_id == request_id, Deadline.kind == DeadlineKind.OTHER
            )
        ).all()
        assert [d.owner_office.code for d in owners] == ["UZ-GPO"]


def test_bad_dispatches_change_nothing(directory_app, clients):
    request_id = make_request(directory_app, "received", to="UZ-GPO")
    with directory_app.app_context():
        before = db.session.scalar(select(func.count(AuditEvent.id)))
    uz = clients[UZ_CA]
    cases = [
        (_body(office="KZ-ALM"), 422, "office"),
        (_body(office="XX-NOPE"), 422, "office"),
        (_body(office=""), 422, "office"),
        (_body(due_on=(clock.today() - timedelta(days=1)).isoformat()), 422, "due_on"),
    ]
    for body, status, field in cases:
        response = uz.post(f"/api/v1/requests/{request_id}/transitions", json=body)
        assert response.status_code == status, (body, response.json)
        assert field in response.json["error"]["fields"]
    # An office given with another step is refused too.
    wrong = uz.post(
        f"/api/v1/requests/{request_id}/transitions", json={"action": "start", "office": "UZ-TAS"}
    )
    assert wrong.status_code == 422
    # The executing office cannot reassign it; nor can the requesting side's authority.
    assert uz.post(f"/api/v1/requests/{request_id}/transitions", json=_body()).status_code == 201
    for who in (TASHKENT, KZ_CA):
        response = clients[who].post(
            f"/api/v1/requests/{request_id}/transitions", json=_body(office="UZ-GPO")
        )
        assert response.status_code == 409
        assert "central authority of the requested country" in response.json["error"]["message"]
    with directory_app.app_context():
        req = db.session.get(Request, request_id)
        assert req.executing_office.code == "UZ-TAS"
        after = db.session.scalar(select(func.count(AuditEvent.id)))
        # Only the one accepted dispatch (and its deadline) wrote to the trail.
        assert after > before


def test_dispatch_from_the_page(directory_app, people):
    request_id = make_request(directory_app, "received", to="UZ-GPO")
    uz = signed_in(directory_app, people.uz_ca)
    page = uz.get(f"/requests/{request_id}").get_data(as_text=True)
    assert 'data-action="dispatch"' in page and 'name="office"' in page
    with directory_app.app_context():
        version = db.session.get(Request, request_id).version
    response = uz.post(
        f"/requests/{request_id}/transition",
        data={"action": "dispatch", "office": "KZ-ALM", "version": version, "comment": "x"},
        follow_redirects=True,
    )
    assert "must be of the requested country" in response.get_data(as_text=True)
    response = uz.post(
        f"/requests/{request_id}/transition",
        data={"action": "dispatch", "office": "UZ-TAS", "version": version, "comment": NOTE},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert 'data-testid="assigned-to"' in response.get_data(as_text=True)
