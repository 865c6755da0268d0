"""Request pages and API: who sees what, lists, drafting sections, registration, supplements."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from casetrack import clock
from casetrack.db import db
from casetrack.models import (
    CaseParty,
    Party,
    PartyKind,
    PartyRole,
    Request,
    RequestParty,
    RequestStatus,
)
from tests.factories import api_client, make_case, make_deadline, make_party, office, signed_in
from tests.test_mla_lifecycle import make_request


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


def test_requested_side_sees_the_request_but_not_the_rest_of_the_case(directory_app, people):
    request_id = _sent_with_hidden_party(directory_app)
    for who in ("tashkent", "uz_ca"):
        page = signed_in(directory_app, getattr(people, who)).get(f"/requests/{request_id}")
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert "Named Witness" in text and "1980" in text
        assert "Secret Informant" not in text
        assert not re.search(r'href="/cases/\d', text)
        api = api_client(directory_app, getattr(people, who)).get(f"/api/v1/requests/{request_id}")
        assert api.status_code == 200
        assert "Secret Informant" not in api.get_data(as_text=True)
        assert api.json["case_id"] is None
        assert [p["name"] for p in api.json["persons"]] == ["Named Witness"]
    with directory_app.app_context():
        case_id = db.session.get(Request, request_id).case_id
    own = (
        signed_in(directory_app, people.almaty)
        .get(f"/requests/{request_id}")
        .get_data(as_text=True)
    )
    assert f'href="/cases/{case_id}"' in own
    assert signed_in(directory_app, people.tashkent).get(f"/cases/{case_id}").status_code == 404


@pytest.mark.parametrize("who", ["coordinator", "tbilisi", "admin"])
def test_outsiders_get_404_on_content(directory_app, people, who):
    request_id = make_request(directory_app, "in_execution")
    client = signed_in(directory_app, getattr(people, who))
    for path in (f"/requests/{request_id}", f"/requests/{request_id}/edit/basis"):
        assert client.get(path).status_code == 404
    api = api_client(directory_app, getattr(people, who))
    for path in ("", "/completeness", "/history"):
        assert api.get(f"/api/v1/requests/{request_id}{path}").status_code == 404


def test_unsent_request_is_hidden_from_the_requested_side(directory_app, people):
    request_id = make_request(directory_app, "approved")
    assert (
        signed_in(directory_app, people.tashkent).get(f"/requests/{request_id}").status_code == 404
    )
    assert signed_in(directory_app, people.almaty).get(f"/requests/{request_id}").status_code == 200


def test_anonymous_is_sent_to_log_in(directory_app):
    client = directory_app.test_client()
    request_id = make_request(directory_app, "draft")
    response = client.get(f"/requests/{request_id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_menu_entry_for_prosecutors_and_central_authorities(directory_app, people):
    assert 'href="/requests/"' in signed_in(directory_app, people.almaty).get(
        "/requests/"
    ).get_data(as_text=True)
    assert signed_in(directory_app, people.coordinator).get("/requests/").status_code == 404


def _add_requests(directory_app, count: int, status: str = "sent") -> None:
    for _ in range(count):
        make_request(directory_app, status)


@pytest.mark.parametrize(
    ("who", "path"),
    [("almaty", "/requests/?sort=-sent"), ("tashkent", "/requests/incoming?overdue=0&sort=status")],
)
def test_list_query_count_does_not_grow(directory_app, people, count_queries, who, path):
    client = signed_in(directory_app, getattr(people, who))
    _add_requests(directory_app, 2)
    with count_queries() as few:
        assert client.get(path).status_code == 200
    _add_requests(directory_app, 8)
    with count_queries() as many:
        assert client.get(path).status_code == 200
    assert len(many) == len(few)


def test_lists_filter_and_sort(directory_app, people):
    request_id = make_request(directory_app, "in_execution")
    to_turkey = make_request(directory_app, "sent", to="TR-MOJ")
    late = make_request(directory_app, "in_execution")  # past its requested execution date
    with directory_app.app_context():
        make_deadline(
            db.session,
            request=db.session.get(Request, late),
            due_on=clock.today() - timedelta(days=5),
            title="Execution requested by",
        )
        db.session.commit()
    almaty = signed_in(directory_app, people.almaty)
    outgoing = almaty.get("/requests/?country=TR").get_data(as_text=True)
    assert f"/requests/{to_turkey}" in outgoing and f'/requests/{request_id}"' not in outgoing
    executing = almaty.get("/requests/?status=in_execution").get_data(as_text=True)
    assert f'/requests/{request_id}"' in executing and f'/requests/{to_turkey}"' not in executing
    incoming = (
        signed_in(directory_app, people.tashkent).get("/requests/incoming").get_data(as_text=True)
    )
    assert f'/requests/{request_id}"' in incoming and f'/requests/{to_turkey}"' not in incoming
    overdue = almaty.get("/requests/?overdue=1").get_data(as_text=True)
    assert "overdue" in overdue and f'/requests/{to_turkey}"' not in overdue
    assert f'/requests/{late}"' in overdue and f'/requests/{request_id}"' not in overdue


def _version(client, path: str) -> str:
    return re.search(r'name="version"[^>]*value="(\d+)"', client.get(path).get_data(as_text=True))[
        1
    ]


def test_saving_a_section_keeps_the_others_and_refuses_stale_edits(directory_app, people):
    request_id = make_request(directory_app, "draft")
    almaty = signed_in(directory_app, people.almaty)
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
    with directory_app.app_context():
        req = db.session.get(Request, request_id)
        assert req.subject == "New subject" and req.proceedings_stage == "Trial"
        assert req.measures == [{"text": "Statements of account", "questions": []}]
        assert req.is_reciprocity is True


def test_persons_come_only_from_the_case(directory_app, people):
    request_id = make_request(directory_app, "draft")
    with directory_app.app_context():
        stranger = make_party(db.session, office=office(db.session, "UZ-TAS"))
        db.session.commit()
    almaty = signed_in(directory_app, people.almaty)
    path = f"/requests/{request_id}/edit/persons"
    response = almaty.post(
        path,
        data={"version": _version(almaty, path), f"party-{stranger.id}": "on"},
    )
    assert response.status_code == 422
    with directory_app.app_context():
        assert db.session.get(Request, request_id).persons == []


def test_supplementary_request_points_at_its_parent(directory_app, people):
    parent_id = make_request(directory_app, "in_execution")
    almaty = signed_in(directory_app, people.almaty)
    response = almaty.post(f"/requests/{parent_id}/supplementary")
    assert response.status_code == 302
    child_id = int(re.search(r"/requests/(\d+)/edit", response.headers["Location"])[1])
    with directory_app.app_context():
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
    tashkent = signed_in(directory_app, people.tashkent)
    assert child_reference not in tashkent.get(f"/requests/{parent_id}").get_data(as_text=True)
    assert tashkent.post(f"/requests/{parent_id}/supplementary").status_code == 303


def test_central_authority_registers_a_paper_request(directory_app, people):
    with directory_app.app_context():
        ids = (office(db.session, "US-OIA").id, office(db.session, "KZ-ALM").id)
    ca = signed_in(directory_app, people.kz_ca)
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
    with directory_app.app_context():
        req = db.session.get(Request, request_id)
        assert req.status == RequestStatus.RECEIVED and req.is_registered_by_hand
        assert req.case_id is None and req.reference.startswith("KZ-GPO/")
        assert req.counterpart_reference == "OIA 182-99-1"
        assert [c.action for c in req.history] == ["register"]
        assert req.measures == [{"text": "Records of account KZ00 0000", "questions": []}]
    # Almaty, the executing office, works it through its steps.
    almaty = signed_in(directory_app, people.almaty)
    assert f'/requests/{request_id}"' in almaty.get("/requests/incoming").get_data(as_text=True)
    page = almaty.get(f"/requests/{request_id}").get_data(as_text=True)
    assert 'data-action="start"' in page


def test_registration_is_for_central_authorities_and_non_members(directory_app, people):
    assert signed_in(directory_app, people.almaty).get("/requests/register").status_code == 404
    with directory_app.app_context():
        uz, kz = office(db.session, "UZ-TAS").id, office(db.session, "KZ-GPO").id
    response = signed_in(directory_app, people.kz_ca).post(
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


def test_new_request_chooser_lists_only_visible_cases(directory_app, people):
    with directory_app.app_context():
        uz = office(db.session, "UZ-TAS")
        make_case(db.session, office=office(db.session, "KZ-ALM"), reference="ALM-2026-0147")
        tashkent_case = make_case(db.session, office=uz, reference="TAS-45/2026").id
        uz = uz.id
        db.session.commit()
    almaty = signed_in(directory_app, people.almaty)
    page = almaty.get("/requests/new").get_data(as_text=True)
    assert "ALM-2026-0147" in page and "TAS-45/2026" not in page
    response = almaty.post(
        "/requests/new",
        data={"case_id": tashkent_case, "requested_office_id": uz, "channel": "direct"},
    )
    assert response.status_code == 422
