"""Request pages and API: who sees what, lists, drafting sections, registration, supplements."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select, update

from casetrack import clock
from casetrack.db import db
from casetrack.models import (
    Case,
    CaseParty,
    Office,
    Party,
    PartyKind,
    PartyRole,
    Request,
    RequestParty,
    RequestStatus,
    User,
)
from tests.test_mla_lifecycle import (
    ALMATY,
    COORDINATOR,
    GEORGIA,
    KZ_CA,
    TASHKENT,
    UZ_CA,
    make_request,
)


@pytest.fixture(autouse=True)
def _english(app):
    """Read messages in English whatever language the demo users prefer."""
    with app.app_context():
        db.session.execute(update(User).values(language="en"))
        db.session.commit()


def _sent_with_hidden_party(app) -> int:
    """A sent request naming one party of a case that holds another, unnamed one."""
    request_id = make_request(app, "sent")
    with app.app_context():
        req = db.session.get(Request, request_id)
        named = Party(
            office_id=req.requesting_office_id,
            kind=PartyKind.PERSON,
            display_name="Named Witness",
            birth_date=date(1980, 5, 5),
        )
        hidden = Party(
            office_id=req.requesting_office_id,
            kind=PartyKind.PERSON,
            display_name="Secret Informant",
        )
        req.case.case_parties += [
            CaseParty(party=named, role=PartyRole.WITNESS),
            CaseParty(party=hidden, role=PartyRole.WITNESS),
        ]
        req.persons.append(RequestParty(party=named, role=PartyRole.WITNESS))
        db.session.commit()
    return request_id


def test_requested_side_sees_the_request_but_not_the_rest_of_the_case(app, login_as, api_as):
    request_id = _sent_with_hidden_party(app)
    for email in (TASHKENT, UZ_CA):
        page = login_as(email).get(f"/requests/{request_id}")
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert "Named Witness" in text and "1980" in text
        assert "Secret Informant" not in text
        assert not re.search(r'href="/cases/\d', text)
        api = api_as(email).get(f"/api/v1/requests/{request_id}")
        assert api.status_code == 200
        assert "Secret Informant" not in api.get_data(as_text=True)
        assert api.json["case_id"] is None
        assert [p["name"] for p in api.json["persons"]] == ["Named Witness"]
    with app.app_context():
        case_id = db.session.get(Request, request_id).case_id
    own = login_as(ALMATY).get(f"/requests/{request_id}").get_data(as_text=True)
    assert f'href="/cases/{case_id}"' in own
    assert login_as(TASHKENT).get(f"/cases/{case_id}").status_code == 404


@pytest.mark.parametrize("email", [COORDINATOR, GEORGIA, "admin@casetrack.example"])
def test_outsiders_get_404_on_content(app, login_as, api_as, email):
    request_id = make_request(app, "in_execution")
    client = login_as(email)
    for path in (f"/requests/{request_id}", f"/requests/{request_id}/edit/basis"):
        assert client.get(path).status_code == 404
    api = api_as(email)
    for path in ("", "/completeness", "/history"):
        assert api.get(f"/api/v1/requests/{request_id}{path}").status_code == 404


def test_unsent_request_is_hidden_from_the_requested_side(app, login_as):
    request_id = make_request(app, "approved")
    assert login_as(TASHKENT).get(f"/requests/{request_id}").status_code == 404
    assert login_as(ALMATY).get(f"/requests/{request_id}").status_code == 200


def test_anonymous_is_sent_to_log_in(client, app):
    request_id = make_request(app, "draft")
    response = client.get(f"/requests/{request_id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_menu_entry_for_prosecutors_and_central_authorities(login_as):
    assert 'href="/requests/"' in login_as(ALMATY).get("/requests/").get_data(as_text=True)
    assert login_as(COORDINATOR).get("/requests/").status_code == 404


def _add_requests(app, count: int, status: str = "sent") -> None:
    for _ in range(count):
        make_request(app, status)


@pytest.mark.parametrize(
    ("email", "path"),
    [(ALMATY, "/requests/?sort=-sent"), (TASHKENT, "/requests/incoming?overdue=0&sort=status")],
)
def test_list_query_count_does_not_grow(app, login_as, count_queries, email, path):
    client = login_as(email)
    _add_requests(app, 2)
    with count_queries() as few:
        assert client.get(path).status_code == 200
    _add_requests(app, 8)
    with count_queries() as many:
        assert client.get(path).status_code == 200
    assert len(many) == len(few)


def test_lists_filter_and_sort(app, login_as):
    request_id = make_request(app, "in_execution")
    to_turkey = make_request(app, "sent", to="TR-MOJ")
    almaty = login_as(ALMATY)
    outgoing = almaty.get("/requests/?country=TR").get_data(as_text=True)
    assert f"/requests/{to_turkey}" in outgoing and f'/requests/{request_id}"' not in outgoing
    executing = almaty.get("/requests/?status=in_execution").get_data(as_text=True)
    assert f'/requests/{request_id}"' in executing and f'/requests/{to_turkey}"' not in executing
    incoming = login_as(TASHKENT).get("/requests/incoming").get_data(as_text=True)
    assert f'/requests/{request_id}"' in incoming and f'/requests/{to_turkey}"' not in incoming
    # The demo's request to Tashkent is past its requested execution date.
    overdue = almaty.get("/requests/?overdue=1").get_data(as_text=True)
    assert "overdue" in overdue and f'/requests/{to_turkey}"' not in overdue


def _version(client, path: str) -> str:
    return re.search(r'name="version"[^>]*value="(\d+)"', client.get(path).get_data(as_text=True))[
        1
    ]


def test_saving_a_section_keeps_the_others_and_refuses_stale_edits(app, login_as):
    request_id = make_request(app, "draft")
    almaty = login_as(ALMATY)
    path = f"/requests/{request_id}/edit/proceedings"
    version = _version(almaty, path)
    saved = almaty.post(
        path,
        data={
            "version": version,
            "subject": "New subject",
            "proceedings_stage": "Trial",
            "proceedings_authority": "Court",
        },
    )
    assert saved.status_code == 302
    stale = almaty.post(
        path,
        data={"version": version, "subject": "Lost edit", "proceedings_stage": "x"},
    )
    assert stale.status_code == 409
    assert "Lost edit" in stale.get_data(as_text=True)
    with app.app_context():
        req = db.session.get(Request, request_id)
        assert req.subject == "New subject" and req.proceedings_stage == "Trial"
        assert req.measures == [{"text": "Statements of account", "questions": []}]
        assert req.is_reciprocity is True


def test_persons_come_only_from_the_case(app, login_as):
    request_id = make_request(app, "draft")
    with app.app_context():
        stranger = db.session.scalar(
            select(Party).join(Office, Office.id == Party.office_id).where(Office.code == "UZ-TAS")
        )
    almaty = login_as(ALMATY)
    path = f"/requests/{request_id}/edit/persons"
    response = almaty.post(
        path,
        data={"version": _version(almaty, path), f"party-{stranger.id}": "on"},
    )
    assert response.status_code == 422
    with app.app_context():
        assert db.session.get(Request, request_id).persons == []


def test_supplementary_request_points_at_its_parent(app, login_as):
    parent_id = make_request(app, "in_execution")
    almaty = login_as(ALMATY)
    response = almaty.post(f"/requests/{parent_id}/supplementary")
    assert response.status_code == 302
    child_id = int(re.search(r"/requests/(\d+)/edit", response.headers["Location"])[1])
    with app.app_context():
        child = db.session.get(Request, child_id)
        parent = db.session.get(Request, parent_id)
        assert child.parent_id == parent_id and child.status == RequestStatus.DRAFT
        assert child.case_id == parent.case_id
        assert child.requested_office_id == parent.requested_office_id
        assert child.is_reciprocity == parent.is_reciprocity
        child_reference, parent_reference = child.reference, parent.reference
    assert child_reference in almaty.get(f"/requests/{parent_id}").get_data(as_text=True)
    assert parent_reference in almaty.get(f"/requests/{child_id}").get_data(as_text=True)
    # The draft supplement stays hidden from Tashkent until it is sent.
    assert child_reference not in login_as(TASHKENT).get(f"/requests/{parent_id}").get_data(
        as_text=True
    )
    assert login_as(TASHKENT).post(f"/requests/{parent_id}/supplementary").status_code == 303


def test_central_authority_registers_a_paper_request(app, login_as):
    with app.app_context():
        us = db.session.scalar(select(Office).where(Office.code == "US-OIA"))
        kz_alm = db.session.scalar(select(Office).where(Office.code == "KZ-ALM"))
        ids = (us.id, kz_alm.id)
    ca = login_as(KZ_CA)
    assert ca.get("/requests/register").status_code == 200
    response = ca.post(
        "/requests/register",
        data={
            "requesting_office_id": ids[0],
            "requested_office_id": ids[1],
            "counterpart_reference": "OIA 182-99-1",
            "letter_on": clock.today().isoformat(),
            "received_on": clock.today().isoformat(),
            "channel": "central_authority",
            "subject": "Bank records for a wire fraud case",
            "assistance_types": ["records"],
            "measures": "Records of account KZ00 0000",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    request_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        req = db.session.get(Request, request_id)
        assert req.status == RequestStatus.RECEIVED and req.is_registered_by_hand
        assert req.case_id is None and req.reference.startswith("KZ-GPO/")
        assert req.counterpart_reference == "OIA 182-99-1"
        assert [c.action for c in req.history] == ["register"]
        assert req.measures == [{"text": "Records of account KZ00 0000", "questions": []}]
    # Almaty, the executing office, works it through its steps.
    almaty = login_as(ALMATY)
    assert f'/requests/{request_id}"' in almaty.get("/requests/incoming").get_data(as_text=True)
    page = almaty.get(f"/requests/{request_id}").get_data(as_text=True)
    assert 'data-action="start"' in page


def test_registration_is_for_central_authorities_and_non_members(app, login_as):
    assert login_as(ALMATY).get("/requests/register").status_code == 404
    with app.app_context():
        uz = db.session.scalar(select(Office).where(Office.code == "UZ-TAS")).id
        kz = db.session.scalar(select(Office).where(Office.code == "KZ-GPO")).id
    response = login_as(KZ_CA).post(
        "/requests/register",
        data={
            "requesting_office_id": uz,
            "requested_office_id": kz,
            "received_on": clock.today().isoformat(),
            "channel": "central_authority",
            "subject": "x",
        },
    )
    assert response.status_code == 422
    assert "not a member" in response.get_data(as_text=True)


def test_new_request_chooser_lists_only_visible_cases(app, login_as):
    with app.app_context():
        tashkent_case = db.session.scalar(select(Case).where(Case.reference == "TAS-45/2026")).id
        uz = db.session.scalar(select(Office).where(Office.code == "UZ-TAS")).id
    almaty = login_as(ALMATY)
    page = almaty.get("/requests/new").get_data(as_text=True)
    assert "DEMO-2026-0147" in page and "TAS-45/2026" not in page
    response = almaty.post(
        "/requests/new",
        data={"case_id": tashkent_case, "requested_office_id": uz, "channel": "direct"},
    )
    assert response.status_code == 422
