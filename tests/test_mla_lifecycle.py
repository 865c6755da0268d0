"""The request lifecycle (SPEC §3): every step for each side and role, and what each needs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from casetrack import clock
from casetrack.db import db
from casetrack.models import Request, RequestStatus, StatusChange
from tests import factories
from tests.factories import api_client, make_case, office, signed_in

# Who of ``people`` (tests.factories.People) stands on which side, in which role.
REQUESTING = {"almaty": "prosecutor", "kz_ca": "central_authority"}
REQUESTED = {"tashkent": "prosecutor", "uz_ca": "central_authority"}
OUTSIDERS = ("tbilisi", "coordinator")
BOTH = {"prosecutor", "central_authority"}

# The lifecycle as SPEC §3 draws it: action → (from states, to state, side, roles).
SPEC = {
    "submit": ({"draft"}, "pending_approval", "requesting", BOTH),
    "reject": ({"pending_approval"}, "draft", "requesting", {"central_authority"}),
    "approve": ({"pending_approval"}, "approved", "requesting", {"central_authority"}),
    "send": ({"approved"}, "sent", "requesting", {"central_authority"}),
    "acknowledge": ({"sent"}, "received", "requested", BOTH),
    "start": ({"received"}, "in_execution", "requested", BOTH),
    "partially_execute": ({"in_execution"}, "partially_executed", "requested", BOTH),
    "execute": ({"in_execution", "partially_executed"}, "executed", "requested", BOTH),
    "ask_info": ({"in_execution"}, "information_requested", "requested", BOTH),
    "provide_info": ({"information_requested"}, "in_execution", "requesting", BOTH),
    "refuse": (
        {"received", "in_execution", "information_requested", "postponed"},
        "refused",
        "requested",
        BOTH,
    ),
    "postpone": ({"in_execution"}, "postponed", "requested", BOTH),
    "resume": ({"postponed"}, "in_execution", "requested", BOTH),
    "withdraw": (
        {s.value for s in RequestStatus} - {"executed", "refused", "withdrawn"},
        "withdrawn",
        "requesting",
        BOTH,
    ),
}
UNSENT = {"draft", "pending_approval", "approved"}


def _body(action: str) -> dict:
    body = {"action": action, "comment": "because"}
    if action == "refuse":
        body["grounds"] = "dual_criminality"
    if action == "postpone":
        body["until"] = (clock.today() + timedelta(days=30)).isoformat()
    return body


def make_request(app, status: str, to: str = "UZ-TAS") -> int:
    """A complete request (on reciprocity) from a new Almaty case in the given state."""
    with app.app_context():
        case = make_case(db.session, office=office(db.session, "KZ-ALM"))
        req = factories.make_request(
            db.session,
            case=case,
            requested_office=office(db.session, to),
            is_reciprocity=True,
            status=RequestStatus(status),
            subject="Bank records",
            assistance_types=["records"],
            measures=[{"text": "Statements of account", "questions": []}],
            signatory_name="A. Nurlanova",
        )
        db.session.commit()
        return req.id


@pytest.fixture
def clients(directory_app, people):
    return {
        who: api_client(directory_app, getattr(people, who))
        for who in (*REQUESTING, *REQUESTED, *OUTSIDERS)
    }


def expected(action: str, status: str, who: str) -> int:
    sources, _target, side, roles = SPEC[action]
    if who in OUTSIDERS or (who in REQUESTED and status in UNSENT):
        return 404
    users = REQUESTING if side == "requesting" else REQUESTED
    if status in sources and who in users and users[who] in roles:
        return 201
    return 409


@pytest.mark.parametrize("action", sorted(SPEC))
def test_every_step_for_every_state_side_and_role(directory_app, clients, action):
    for status in (s.value for s in RequestStatus):
        request_id = None
        for who, client in clients.items():
            # A refused step changes nothing, so the same request serves the next caller.
            request_id = request_id or make_request(directory_app, status)
            want = expected(action, status, who)
            detail = client.get(f"/api/v1/requests/{request_id}")
            assert detail.status_code == (404 if want == 404 else 200)
            if want != 404:
                # The offered steps are exactly the allowed ones.
                assert (action in detail.json["allowed_actions"]) == (want == 201)
            response = client.post(f"/api/v1/requests/{request_id}/transitions", json=_body(action))
            assert response.status_code == want, (action, status, who, response.json)
            if want == 409:
                assert response.json["error"]["code"] == "conflict"
            if want == 201:
                request_id = None
                assert response.json["to_status"] == SPEC[action][1]
                assert response.json["from_status"] == status


def test_the_page_offers_only_allowed_steps(directory_app, people):
    request_id = make_request(directory_app, "pending_approval")
    ca_page = (
        signed_in(directory_app, people.kz_ca).get(f"/requests/{request_id}").get_data(as_text=True)
    )
    assert 'data-action="approve"' in ca_page and 'data-action="reject"' in ca_page
    prosecutor_page = (
        signed_in(directory_app, people.almaty)
        .get(f"/requests/{request_id}")
        .get_data(as_text=True)
    )
    assert 'data-action="approve"' not in prosecutor_page
    assert 'data-action="withdraw"' in prosecutor_page


def test_refusal_needs_grounds(directory_app, people):
    request_id = make_request(directory_app, "in_execution")
    client = api_client(directory_app, people.tashkent)
    response = client.post(
        f"/api/v1/requests/{request_id}/transitions", json={"action": "refuse", "comment": "no"}
    )
    assert response.status_code == 422
    assert "grounds" in response.json["error"]["fields"]
    wrong = client.post(
        f"/api/v1/requests/{request_id}/transitions",
        json={"action": "refuse", "grounds": "no_such_ground"},
    )
    assert wrong.status_code == 422
    with directory_app.app_context():
        assert db.session.get(Request, request_id).status == RequestStatus.IN_EXECUTION
    done = client.post(
        f"/api/v1/requests/{request_id}/transitions",
        json={"action": "refuse", "grounds": "political_offence"},
    )
    assert done.status_code == 201 and done.json["grounds"] == "political_offence"
    with directory_app.app_context():
        req = db.session.get(Request, request_id)
        assert req.refusal_ground.value == "political_offence" and req.closed_at is not None


def test_postponement_needs_a_reason_and_a_date(directory_app, people):
    request_id = make_request(directory_app, "in_execution")
    client = api_client(directory_app, people.tashkent)
    path = f"/api/v1/requests/{request_id}/transitions"
    no_date = client.post(path, json={"action": "postpone", "comment": "court holidays"})
    assert no_date.status_code == 422 and "until" in no_date.json["error"]["fields"]
    until = (clock.today() + timedelta(days=20)).isoformat()
    no_reason = client.post(path, json={"action": "postpone", "until": until})
    assert no_reason.status_code == 422 and "comment" in no_reason.json["error"]["fields"]
    past = client.post(
        path, json={"action": "postpone", "comment": "x", "until": clock.today().isoformat()}
    )
    assert past.status_code == 422
    assert (
        client.post(
            path, json={"action": "postpone", "comment": "court holidays", "until": until}
        ).status_code
        == 201
    )
    with directory_app.app_context():
        assert db.session.get(Request, request_id).postponed_until.isoformat() == until
    assert client.post(path, json={"action": "resume"}).status_code == 201
    with directory_app.app_context():
        req = db.session.get(Request, request_id)
        assert req.status == RequestStatus.IN_EXECUTION and req.postponed_until is None


def test_submit_is_refused_while_incomplete(directory_app, people):
    request_id = make_request(directory_app, "draft")
    with directory_app.app_context():
        req = db.session.get(Request, request_id)
        req.purpose = ""
        req.is_reciprocity = False
        db.session.commit()
    client = api_client(directory_app, people.almaty)
    response = client.post(f"/api/v1/requests/{request_id}/transitions", json={"action": "submit"})
    assert response.status_code == 409
    assert response.json["error"]["fields"]["missing"][0]["item"] == "legal_basis"
    page = signed_in(directory_app, people.almaty)
    page.post(f"/requests/{request_id}/transition", data={"action": "submit"})
    with directory_app.app_context():
        assert db.session.get(Request, request_id).status == RequestStatus.DRAFT
        assert (
            db.session.scalars(
                select(StatusChange).where(StatusChange.request_id == request_id)
            ).all()
            == []
        )


def test_requesting_side_records_a_non_member_counterparts_steps(directory_app, people):
    request_id = make_request(directory_app, "sent", to="TR-MOJ")
    almaty = api_client(directory_app, people.almaty)
    path = f"/api/v1/requests/{request_id}/transitions"
    letter = (clock.today() - timedelta(days=3)).isoformat()
    ack = almaty.post(path, json={"action": "acknowledge", "effective_on": letter})
    assert ack.status_code == 201
    assert ack.json["is_recorded_for_counterpart"] is True
    assert ack.json["effective_on"] == letter
    future = (clock.today() + timedelta(days=3)).isoformat()
    assert almaty.post(path, json={"action": "start", "effective_on": future}).status_code == 422
    assert almaty.post(path, json={"action": "start"}).status_code == 201
    assert almaty.post(path, json={"action": "partially_execute"}).status_code == 201
    assert almaty.post(path, json={"action": "execute"}).status_code == 201
    with directory_app.app_context():
        req = db.session.get(Request, request_id)
        assert req.status == RequestStatus.EXECUTED
        assert req.acknowledged_at.date().isoformat() == letter
        assert all(c.is_recorded_for_counterpart for c in req.history)


def test_requesting_side_cannot_take_a_members_steps(directory_app, people):
    request_id = make_request(directory_app, "sent")
    response = api_client(directory_app, people.almaty).post(
        f"/api/v1/requests/{request_id}/transitions", json={"action": "acknowledge"}
    )
    assert response.status_code == 409


def test_a_stale_step_is_refused(directory_app, people):
    request_id = make_request(directory_app, "pending_approval")
    ca = signed_in(directory_app, people.kz_ca)
    ca.post(f"/requests/{request_id}/transition", data={"action": "approve", "version": "0"})
    with directory_app.app_context():
        assert db.session.get(Request, request_id).status == RequestStatus.PENDING_APPROVAL
