"""Who sees what (SPEC §2), on records and requests this module makes at real offices."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from casetrack import access
from casetrack.db import db
from casetrack.models import (
    UNSENT_STATUSES,
    Asset,
    Case,
    Document,
    DocumentKind,
    Party,
    Request,
    RequestStatus,
    User,
)
from tests.conftest import snapshot_fixtures
from tests.factories import (
    Person,
    make_asset,
    make_case,
    make_party,
    make_request,
    office,
)

#: Offices that hold a case, a party and an asset each.
RECORD_OFFICES = ("KZ-ALM", "KZ-GPO", "UZ-TAS", "GE-PGO")


def _network(session, people) -> dict[str, int]:
    """A case, a party and an asset at each of ``RECORD_OFFICES``; Almaty's requests to Tashkent
    in every stage up to execution, its draft to Baku, and Tashkent's request sent to
    Kazakhstan. The cases' ids by office code."""
    cases = {}
    for code in RECORD_OFFICES:
        at = office(session, code)
        case = make_case(session, office=at, title=f"Case of {code}")
        make_party(session, office=at)
        make_asset(session, case=case)
        cases[code] = case
    tashkent = office(session, "UZ-TAS")
    for status in (
        RequestStatus.DRAFT,
        RequestStatus.PENDING_APPROVAL,
        RequestStatus.APPROVED,
        RequestStatus.SENT,
        RequestStatus.IN_EXECUTION,
    ):
        make_request(session, case=cases["KZ-ALM"], requested_office=tashkent, status=status)
    make_request(session, case=cases["KZ-ALM"], requested_office=office(session, "AZ-GPO"))
    make_request(
        session,
        case=cases["UZ-TAS"],
        requested_office=office(session, "KZ-GPO"),
        status=RequestStatus.SENT,
    )
    session.flush()
    return {code: case.id for code, case in cases.items()}


world, directory_app, people = snapshot_fixtures(_network)


@pytest.fixture
def network(world):
    """The cases of ``_network`` by office code; yields inside the app context, as the scope
    checks run on the session."""
    with world.app.app_context():
        yield {code: db.session.get(Case, id_) for code, id_ in world.built.items()}


def _user(person: Person) -> User:
    return db.session.get(User, person.id)


def _visible(model, person: Person) -> set[int]:
    return set(db.session.scalars(access.scoped(model, _user(person)).with_only_columns(model.id)))


def _ids(model, **where) -> set[int]:
    stmt = select(model.id)
    for key, value in where.items():
        stmt = stmt.where(getattr(model, key) == value)
    return set(db.session.scalars(stmt))


def _office_id(code: str) -> int:
    from casetrack.models import Office

    return db.session.scalar(select(Office.id).where(Office.code == code))


@pytest.mark.parametrize("model", [Case, Party, Asset])
def test_prosecutor_sees_own_office_records_only(network, people, model):
    mine = _ids(model, office_id=_office_id("KZ-ALM"))
    assert mine, "the network has records in Almaty"
    assert _visible(model, people.almaty) == mine
    assert _visible(model, people.tashkent) == _ids(model, office_id=_office_id("UZ-TAS"))
    assert not (_visible(model, people.tashkent) & mine)
    assert not _visible(model, people.tbilisi) & mine


@pytest.mark.parametrize("model", [Case, Party, Asset])
def test_central_authority_sees_its_countrys_offices(network, people, model):
    almaty = _ids(model, office_id=_office_id("KZ-ALM"))
    assert almaty <= _visible(model, people.kz_ca)
    assert not almaty & _visible(model, people.uz_ca)


@pytest.mark.parametrize("who", ["coordinator", "admin"])
@pytest.mark.parametrize("model", [Case, Party, Asset, Request, Document])
def test_coordinator_and_admin_see_no_content(network, people, who, model):
    assert _visible(model, getattr(people, who)) == set()


def test_requests_are_seen_by_the_requested_side_once_sent(network, people):
    requests = {r.reference: r for r in db.session.scalars(select(Request))}
    tashkent_sees = _visible(Request, people.tashkent)
    almaty_sees = _visible(Request, people.almaty)
    for req in requests.values():
        if req.requesting_office.code == "KZ-ALM":
            assert req.id in almaty_sees
        if req.requested_office.code == "UZ-TAS":
            assert (req.id in tashkent_sees) == (req.status not in UNSENT_STATUSES)
    # The Almaty draft to Azerbaijan is not visible in Baku until it is sent.
    draft = next(r for r in requests.values() if r.requested_office.code == "AZ-GPO")
    assert draft.id not in _visible(Request, people.az_ca)


def test_coordinator_sees_metadata_of_sent_requests_only(network, people):
    coordinator = _user(people.coordinator)
    ids = set(
        db.session.scalars(select(Request.id).where(access.request_metadata_scope(coordinator)))
    )
    sent = {r.id for r in db.session.scalars(select(Request)) if r.status not in UNSENT_STATUSES}
    assert ids == sent


def test_documents_follow_their_request(network, people):
    req = db.session.scalar(select(Request).where(Request.case_id == network["KZ-ALM"].id))
    doc = Document(
        request=req,
        kind=DocumentKind.UPLOAD,
        file_name="a.pdf",
        media_type="application/pdf",
        size=3,
        sha256="0" * 64,
        content=b"abc",
    )
    db.session.add(doc)
    db.session.flush()
    assert doc.id in _visible(Document, people.almaty)
    assert doc.id not in _visible(Document, people.tbilisi)
    assert doc.id not in _visible(Document, people.coordinator)


def test_get_or_404_hides_other_offices_records(network, people):
    from werkzeug.exceptions import NotFound

    case = db.session.get(Case, network["KZ-ALM"].id)
    assert access.get_or_404(db.session, Case, _user(people.almaty), case.id) is case
    for person in (people.tashkent, people.coordinator, people.admin):
        with pytest.raises(NotFound):
            access.get_or_404(db.session, Case, _user(person), case.id)
    with pytest.raises(NotFound):
        access.get_or_404(db.session, Case, _user(people.almaty), "not-a-number")


def test_queues_follow_the_capabilities_of_access(network, people):
    from casetrack.mla import queues

    desk = {"approval", "dispatch", "assigned", "info", "answers"}
    assert {q.key for q in queues.for_user(_user(people.kz_ca))} == desk
    assert {q.key for q in queues.for_user(_user(people.almaty))} == {"assigned", "info", "answers"}
    assert queues.for_user(_user(people.coordinator)) == []
    assert queues.for_user(_user(people.admin)) == []


def test_the_metadata_list_is_for_monitors_who_read_no_content(network, people):
    assert access.lists_metadata_only(_user(people.coordinator))
    for person in (people.almaty, people.kz_ca, people.admin):
        assert not access.lists_metadata_only(_user(person))


def test_only_the_requested_countrys_central_authority_dispatches(network, people):
    from casetrack.models import UNSENT_STATUSES

    incoming = [
        r
        for r in db.session.scalars(select(Request))
        if r.status not in UNSENT_STATUSES
        and r.requested_office.country_code == "KZ"
        and r.requested_office.is_member
        and r.requesting_office.country_code != "KZ"
    ]
    assert incoming, "the network has a request sent to Kazakhstan"
    req = incoming[0]
    assert access.may_dispatch(_user(people.kz_ca), req)
    for person in (people.almaty, people.uz_ca, people.coordinator, people.admin):
        assert not access.may_dispatch(_user(person), req)
