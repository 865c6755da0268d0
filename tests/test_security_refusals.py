"""Every refused look at a record that exists is on the record, once; a missing one is not.

Another office's user probing each kind of record (case, request, party, asset, document,
attachment, hit), through pages and the API, by path or by query string, and a role that
never reads content (the coordinator) probing the same: each answer is 404, and each leaves
one ``access_refused`` event naming the record, the user, the method, path and address. An
id that does not exist answers the same 404 and leaves no event.
"""

from __future__ import annotations

import hashlib
import re

import pytest
from sqlalchemy import func, select

from casetrack import access
from casetrack.db import db
from casetrack.models import (
    Asset,
    Attachment,
    AttachmentKind,
    AuditEvent,
    Blob,
    Case,
    CrossBorderHit,
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
    api_client,
    make_asset,
    make_case,
    make_hit,
    make_party,
    make_request,
    office,
    signed_in,
)


def _hidden(session, people) -> dict[str, int]:
    """One record of each kind that the Almaty prosecutor may not see, and one own request."""
    almaty = session.get(User, people.almaty.id)
    tashkent_office, tbilisi_office = office(session, "UZ-TAS"), office(session, "GE-PGO")
    case = make_case(session, office=tashkent_office)
    # Tashkent's request to Tbilisi, and Almaty's own to Tashkent.
    theirs = make_request(
        session, case=case, requested_office=tbilisi_office, status=RequestStatus.SENT
    )
    own = make_request(
        session,
        case=make_case(session, office=office(session, "KZ-ALM")),
        requested_office=tashkent_office,
    )
    content = b"%PDF-1.4 not for Almaty"
    digest = hashlib.sha256(content).hexdigest()
    session.add(Blob(sha256=digest, size=len(content), content=content))
    attachment = Attachment(
        case=case,
        kind=AttachmentKind.ORDER,
        title="order",
        file_name="order.pdf",
        media_type="application/pdf",
        size=len(content),
        sha256=digest,
    )
    document = Document(
        case_id=case.id,
        kind=DocumentKind.UPLOAD,
        file_name="note.pdf",
        media_type="application/pdf",
        size=len(content),
        sha256=digest,
        content=content,
    )
    asset = make_asset(session, tashkent_office)
    tashkent = make_party(session, tashkent_office, names=["Karimov Rustam"])
    tbilisi = make_party(session, tbilisi_office, names=["Karimov Rustam"])
    hit = make_hit(session, tashkent, tbilisi)
    session.add_all([attachment, document])
    session.flush()
    ids = {
        "case": case.id,
        "request": theirs.id,
        "party": tashkent.id,
        "asset": asset.id,
        "document": document.id,
        "attachment": attachment.id,
        "hit": hit.id,
        "own_request": own.id,
    }
    models = {
        "case": Case,
        "request": Request,
        "party": Party,
        "asset": Asset,
        "document": Document,
        "attachment": Attachment,
        "hit": CrossBorderHit,
    }
    for name, model in models.items():
        assert not access.may_see(session, almaty, model, ids[name]), name
    assert access.may_see(session, almaty, Request, own.id)
    return ids


world, directory_app, people = snapshot_fixtures(_hidden)


@pytest.fixture
def hidden(world) -> dict[str, int]:
    return world.built


TABLES = {
    "case": "cases",
    "request": "requests",
    "party": "parties",
    "asset": "assets",
    "document": "documents",
    "attachment": "attachments",
    "hit": "cross_border_hits",
}
#: How each kind is probed: pages and API, by path or by query string.
PROBES = [
    ("case", "GET", "/cases/{id}"),
    ("case", "POST", "/cases/{id}/edit"),
    ("case", "GET", "/requests/new?case_id={id}"),
    ("case", "GET", "/api/v1/cases/{id}"),
    ("request", "GET", "/requests/{id}"),
    ("request", "GET", "/requests/{id}/documents/request.pdf"),
    ("request", "GET", "/api/v1/requests/{id}/history"),
    ("party", "GET", "/parties/{id}"),
    ("party", "GET", "/links/parties/{id}"),
    ("party", "GET", "/api/v1/parties/{id}"),
    ("asset", "GET", "/assets/{id}"),
    ("asset", "GET", "/api/v1/assets/{id}"),
    ("document", "GET", "/documents/{id}"),
    ("document", "GET", "/api/v1/documents/{id}"),
    ("attachment", "GET", "/attachments/{id}"),
    ("attachment", "GET", "/api/v1/attachments/{id}/meta"),
    ("hit", "POST", "/links/hits/{id}/seen"),
    ("hit", "POST", "/links/hits/{id}/share"),
]


def _refusals(app) -> list[AuditEvent]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(AuditEvent)
                .where(AuditEvent.action == "access_refused")
                .order_by(AuditEvent.id)
            )
        )


def _probe(app, person: Person, method: str, url: str):
    if url.startswith("/api/"):
        api = api_client(app, person)
        return api.client.open(url, method=method, headers=api.headers, json={})
    return signed_in(app, person).open(url, method=method)


@pytest.mark.parametrize("who", ["almaty", "coordinator"])
@pytest.mark.parametrize(("kind", "method", "pattern"), PROBES)
def test_a_refused_look_at_an_existing_record_is_audited_once(
    directory_app, people, hidden, who, kind, method, pattern
):
    app, person = directory_app, getattr(people, who)
    url = pattern.format(id=hidden[kind])
    before = len(_refusals(app))
    response = _probe(app, person, method, url)
    assert response.status_code == 404, url
    events = _refusals(app)[before:]
    assert [(e.object_type, e.object_id) for e in events] == [(TABLES[kind], hidden[kind])]
    event = events[0]
    assert event.actor_id == person.id
    assert event.after["method"] == method
    assert event.after["path"] == url.split("?")[0]
    assert event.after["ip"] == "127.0.0.1"


@pytest.mark.parametrize(
    "pattern", ["/cases/{id}", "/api/v1/cases/{id}", "/requests/new?case_id={id}"]
)
def test_a_missing_record_answers_alike_and_is_not_audited(directory_app, people, hidden, pattern):
    app = directory_app
    with app.app_context():
        missing = db.session.scalar(select(func.max(Case.id))) + 1000
    before = len(_refusals(app))
    absent = _probe(app, people.almaty, "GET", pattern.format(id=missing))
    assert absent.status_code == 404
    assert len(_refusals(app)) == before
    present = _probe(app, people.almaty, "GET", pattern.format(id=hidden["case"]))
    assert present.status_code == 404
    assert len(_refusals(app)) == before + 1

    def body(response) -> str:
        text = response.get_data(as_text=True)
        return (
            re.sub(r'value="[^"]{20,}"', "", text)
            .replace(str(missing), "ID")
            .replace(str(hidden["case"]), "ID")
        )

    assert body(absent) == body(present)


def test_a_404_about_something_else_on_a_visible_record_is_no_refusal(
    directory_app, people, hidden
):
    app, client = directory_app, signed_in(directory_app, people.almaty)
    own = hidden["own_request"]
    assert client.get(f"/requests/{own}/documents/no-such-kind.pdf").status_code == 404
    assert _refusals(app) == []


def test_anonymous_visitors_are_sent_to_log_in_and_leave_no_refusal(directory_app, hidden):
    app = directory_app
    response = app.test_client().get(f"/cases/{hidden['case']}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert _refusals(app) == []
