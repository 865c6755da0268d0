"""Who sees what (SPEC §2), proven on the demo network."""

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
    User,
)

ALMATY = "aigerim@kz-alm.example"
KZ_CA = "daniyar@kz-gpo.example"
TASHKENT = "dilnoza@uz-tas.example"
UZ_CA = "bekzod@uz-gpo.example"
AZ_CA = "elchin@az-gpo.example"
TBILISI = "nino@ge-pgo.example"
COORDINATOR = "coordinator@network.example"
ADMIN = "admin@casetrack.example"


def _user(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def _visible(model, email: str) -> set[int]:
    return set(db.session.scalars(access.scoped(model, _user(email)).with_only_columns(model.id)))


def _ids(model, **where) -> set[int]:
    stmt = select(model.id)
    for key, value in where.items():
        stmt = stmt.where(getattr(model, key) == value)
    return set(db.session.scalars(stmt))


def _office_id(code: str) -> int:
    from casetrack.models import Office

    return db.session.scalar(select(Office.id).where(Office.code == code))


@pytest.mark.parametrize("model", [Case, Party, Asset])
def test_prosecutor_sees_own_office_records_only(db_session, model):
    mine = _ids(model, office_id=_office_id("KZ-ALM"))
    assert mine, "the demo network has records in Almaty"
    assert _visible(model, ALMATY) == mine
    assert _visible(model, TASHKENT) == _ids(model, office_id=_office_id("UZ-TAS"))
    assert not (_visible(model, TASHKENT) & mine)
    assert not _visible(model, TBILISI) & mine


@pytest.mark.parametrize("model", [Case, Party, Asset])
def test_central_authority_sees_its_countrys_offices(db_session, model):
    almaty = _ids(model, office_id=_office_id("KZ-ALM"))
    assert almaty <= _visible(model, KZ_CA)
    assert not almaty & _visible(model, UZ_CA)


@pytest.mark.parametrize("email", [COORDINATOR, ADMIN])
@pytest.mark.parametrize("model", [Case, Party, Asset, Request, Document])
def test_coordinator_and_admin_see_no_content(db_session, email, model):
    assert _visible(model, email) == set()


def test_requests_are_seen_by_the_requested_side_once_sent(db_session):
    requests = {r.reference: r for r in db.session.scalars(select(Request))}
    tashkent_sees = _visible(Request, TASHKENT)
    almaty_sees = _visible(Request, ALMATY)
    for req in requests.values():
        if req.requesting_office.code == "KZ-ALM":
            assert req.id in almaty_sees
        if req.requested_office.code == "UZ-TAS":
            assert (req.id in tashkent_sees) == (req.status not in UNSENT_STATUSES)
    # The Almaty draft to Azerbaijan is not visible in Baku until it is sent.
    draft = next(r for r in requests.values() if r.requested_office.code == "AZ-GPO")
    assert draft.id not in _visible(Request, AZ_CA)


def test_coordinator_sees_metadata_of_sent_requests_only(db_session):
    coordinator = _user(COORDINATOR)
    ids = set(
        db.session.scalars(select(Request.id).where(access.request_metadata_scope(coordinator)))
    )
    sent = {r.id for r in db.session.scalars(select(Request)) if r.status not in UNSENT_STATUSES}
    assert ids == sent


def test_documents_follow_their_request(db_session):
    req = db.session.scalar(
        select(Request).join(Request.requesting_office).where(Request.case_id.is_not(None))
    )
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
    assert doc.id in _visible(Document, ALMATY)
    assert doc.id not in _visible(Document, TBILISI)
    assert doc.id not in _visible(Document, COORDINATOR)


def test_get_or_404_hides_other_offices_records(app, db_session):
    from werkzeug.exceptions import NotFound

    case = db.session.scalar(select(Case).where(Case.reference == "DEMO-2026-0147"))
    assert access.get_or_404(db.session, Case, _user(ALMATY), case.id) is case
    for email in (TASHKENT, COORDINATOR, ADMIN):
        with pytest.raises(NotFound):
            access.get_or_404(db.session, Case, _user(email), case.id)
    with pytest.raises(NotFound):
        access.get_or_404(db.session, Case, _user(ALMATY), "not-a-number")


def test_queues_follow_the_capabilities_of_access(db_session):
    from casetrack.mla import queues

    desk = {"approval", "dispatch", "assigned", "info", "answers"}
    assert {q.key for q in queues.for_user(_user(KZ_CA))} == desk
    assert {q.key for q in queues.for_user(_user(ALMATY))} == {"assigned", "info", "answers"}
    assert queues.for_user(_user(COORDINATOR)) == []
    assert queues.for_user(_user(ADMIN)) == []


def test_the_metadata_list_is_for_monitors_who_read_no_content(db_session):
    assert access.lists_metadata_only(_user(COORDINATOR))
    for email in (ALMATY, KZ_CA, ADMIN):
        assert not access.lists_metadata_only(_user(email))


def test_only_the_requested_countrys_central_authority_dispatches(db_session):
    from casetrack.models import UNSENT_STATUSES

    incoming = [
        r
        for r in db.session.scalars(select(Request))
        if r.status not in UNSENT_STATUSES
        and r.requested_office.country_code == "KZ"
        and r.requested_office.is_member
        and r.requesting_office.country_code != "KZ"
    ]
    assert incoming, "the demo network has requests sent to Kazakhstan"
    req = incoming[0]
    assert access.may_dispatch(_user(KZ_CA), req)
    for email in (ALMATY, UZ_CA, COORDINATOR, ADMIN):
        assert not access.may_dispatch(_user(email), req)
