"""Issued documents: versions, hashes that never change, who issues, who reads, the API."""

from __future__ import annotations

import contextlib
import hashlib
import io
from dataclasses import dataclass
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from casetrack import clock
from casetrack.db import db
from casetrack.models import Document, DocumentKind, Request, RequestStatus
from tests import factories
from tests.conftest import snapshot_fixtures
from tests.factories import (
    api_client,
    bilingual,
    drop_signatory,
    make_case,
    make_complete_request,
    make_deadline,
    office,
    sent_request,
    signed_in,
    tashkents_request,
)

# Who of ``people`` (tests.factories.People) acts, and the requests of ``requests_``.
ALMATY, KZ_CA, TASHKENT, UZ_CA, AZ_CA = "almaty", "kz_ca", "tashkent", "uz_ca", "az_ca"
TBILISI, COORDINATOR, ADMIN = "tbilisi", "coordinator", "admin"
SENT_TO_TASHKENT = "sent_to_tashkent"


@dataclass
class Issued:
    id: int
    kind: DocumentKind
    language: str
    version: int
    file_name: str
    media_type: str
    size: int
    sha256: str
    content: bytes
    created_by: str


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


class Data:
    """Arrange and inspect the database outside any request (requests get their own context)."""

    def __init__(self, app):
        self.app = app

    def reference(self, rid: int) -> str:
        with self.app.app_context():
            return db.session.get(Request, rid).reference

    @contextlib.contextmanager
    def edit(self, rid: int):
        with self.app.app_context():
            yield db.session.get(Request, rid)
            db.session.commit()

    def documents_of(self, rid: int) -> list[Issued]:
        with self.app.app_context():
            rows = db.session.scalars(
                select(Document).where(Document.request_id == rid).order_by(Document.id)
            )
            return [
                Issued(
                    d.id,
                    d.kind,
                    d.language,
                    d.version,
                    d.file_name,
                    d.media_type,
                    d.size,
                    d.sha256,
                    d.content,
                    d.created_by.email,
                )
                for d in rows
            ]

    def count_documents(self) -> int:
        with self.app.app_context():
            return db.session.scalar(select(func.count(Document.id)))


def _requests(session, people) -> dict[str, int]:
    """The requests between Almaty and its counterparts that the tests read, by name."""
    late = clock.today() - timedelta(days=5)
    # Almaty's request, written in Russian and English, that Tashkent is executing past the
    # date Almaty asked; it went out without a signatory (casetrack's rule came later).
    to_tashkent = sent_request(session, people, **bilingual(execution_requested_on=late))
    drop_signatory(to_tashkent)
    theirs = make_case(session, office=office(session, "UZ-TAS"))
    alm = office(session, "KZ-ALM")
    # Tashkent's request that Almaty executed, taken through the real steps.
    executed = tashkents_request(session, people, theirs, "acknowledge", "start", "execute")
    # Tashkent's request Almaty has received; its one time limit is four days ahead.
    received = factories.make_request(
        session, case=theirs, requested_office=alm, status=RequestStatus.RECEIVED
    )
    make_deadline(session, request=received, due_on=clock.today() + timedelta(days=4))
    to_turkey = factories.make_request(
        session,
        case=to_tashkent.case,
        requested_office=office(session, "TR-MOJ"),
        status=RequestStatus.SENT,
    )
    draft_to_baku = make_complete_request(
        session, requested_office=office(session, "AZ-GPO"), status=RequestStatus.DRAFT
    )
    session.flush()
    return {
        SENT_TO_TASHKENT: to_tashkent.id,
        "executed_for_tashkent": executed.id,
        "received_from_tashkent": received.id,
        "sent_to_turkey": to_turkey.id,
        "draft_to_baku": draft_to_baku.id,
    }


# The two prosecutors read the interface in Russian.
world, directory_app, people = snapshot_fixtures(
    _requests, almaty={"language": "ru"}, tashkent={"language": "ru"}
)


@pytest.fixture
def requests_(world) -> dict[str, int]:
    return world.built


@pytest.fixture
def data(directory_app):
    return Data(directory_app)


def client_of(app, people, who: str):
    return signed_in(app, getattr(people, who))


def api_of(app, people, who: str):
    return api_client(app, getattr(people, who))


@pytest.fixture
def signed(data, requests_):
    """The request to Tashkent, complete for its legal basis (it lacked a signatory)."""
    rid = requests_[SENT_TO_TASHKENT]
    with data.edit(rid) as req:
        # In each language of the request (Russian first, then English).
        req.signatory_name = "Сейткали А."
        req.signatory_title = "Старший прокурор"
        english = {**req.texts["en"], "signatory_name": "Aigerim Seitkali"}
        req.texts = {"en": {**english, "signatory_title": "Senior prosecutor"}}
    return rid


def issue(client, rid: int, kind: str, lang: str = "en"):
    return client.post(f"/requests/{rid}/documents/{kind}/issue", data={"lang": lang})


def test_issuing_stores_the_pdf_with_its_hash_and_it_never_changes(
    directory_app, data, people, signed
):
    client = client_of(directory_app, people, ALMATY)
    response = issue(client, signed, "request", "en-ru")
    assert response.status_code == 302
    [document] = data.documents_of(signed)
    assert (document.kind, document.language, document.version) == (
        DocumentKind.REQUEST,
        "en-ru",
        1,
    )
    assert document.media_type == "application/pdf"
    assert document.size == len(document.content)
    assert document.sha256 == hashlib.sha256(document.content).hexdigest()
    reference = data.reference(signed).replace("/", "-")
    assert document.file_name == f"{reference}_request_en-ru_v1.pdf"
    assert document.created_by == people.almaty.email
    assert "DRAFT" not in text_of(document.content)
    first_bytes, first_hash = document.content, document.sha256

    with data.edit(signed) as req:
        req.facts = "Facts rewritten after the request was issued."

    download = client.get(f"/documents/{document.id}")
    assert download.status_code == 200
    assert download.data == first_bytes
    assert hashlib.sha256(download.data).hexdigest() == first_hash
    assert "attachment" in download.headers["Content-Disposition"]

    assert issue(client, signed, "request", "en-ru").status_code == 302
    first, second = data.documents_of(signed)
    assert (first.version, second.version) == (1, 2)
    assert first.content == first_bytes and first.sha256 == first_hash
    assert "Facts rewritten" in text_of(second.content)
    assert "Facts rewritten" not in text_of(first.content)
    # Versions count per language: the first English version is version 1.
    assert issue(client, signed, "request", "en").status_code == 302
    assert data.documents_of(signed)[-1].version == 1


def test_an_incomplete_request_is_not_issued(directory_app, data, requests_, people):
    rid = requests_[SENT_TO_TASHKENT]  # it has no signatory yet
    response = issue(client_of(directory_app, people, ALMATY), rid, "request")
    assert response.status_code == 302
    assert data.documents_of(rid) == []
    page = client_of(directory_app, people, ALMATY).get(f"/requests/{rid}/documents")
    assert page.status_code == 200


def test_the_refusal_is_explained_to_the_user(directory_app, data, requests_, people):
    rid = requests_[SENT_TO_TASHKENT]
    client = client_of(directory_app, people, ALMATY)
    response = issue(client, rid, "request")
    page = client.get(response.headers["Location"])
    text = page.get_data(as_text=True)
    # In the user's language (Russian), with the rule's origin: casetrack's, not the treaty's.
    assert "лицо, подписывающее запрос" in text and "правило casetrack" in text


@pytest.mark.parametrize(
    "who, kind, name, issued",
    [
        (ALMATY, "request", SENT_TO_TASHKENT, True),
        (KZ_CA, "request", SENT_TO_TASHKENT, True),
        (ALMATY, "reminder", SENT_TO_TASHKENT, True),
        (TASHKENT, "acknowledgement", SENT_TO_TASHKENT, True),
        (UZ_CA, "acknowledgement", SENT_TO_TASHKENT, True),
        (ALMATY, "execution", "executed_for_tashkent", True),
        # the requesting side never issues its counterpart's letters, nor the reverse
        (TASHKENT, "request", SENT_TO_TASHKENT, False),
        (TASHKENT, "reminder", SENT_TO_TASHKENT, False),
        (ALMATY, "acknowledgement", SENT_TO_TASHKENT, False),
        (ALMATY, "acknowledgement", "sent_to_turkey", False),
        (TASHKENT, "execution", "executed_for_tashkent", False),
    ],
)
def test_the_side_that_sends_a_document_issues_it(
    directory_app, data, requests_, people, signed, who, kind, name, issued
):
    rid = requests_[name]
    response = issue(client_of(directory_app, people, who), rid, kind)
    assert response.status_code == (302 if issued else 403)
    assert len(data.documents_of(rid)) == (1 if issued else 0)


@pytest.mark.parametrize(
    "who, kind, name",
    [
        # nothing overdue on this request: its only time limit is four days ahead
        (ALMATY, "reminder", "received_from_tashkent"),
        (TASHKENT, "reminder", "received_from_tashkent"),
        # not executed, partially executed or refused yet
        (TASHKENT, "execution", SENT_TO_TASHKENT),
        # not received yet
        (KZ_CA, "acknowledgement", "sent_to_turkey"),
    ],
)
def test_a_document_the_state_does_not_call_for_is_refused(
    directory_app, data, requests_, people, who, kind, name
):
    rid = requests_[name]
    client = client_of(directory_app, people, who)
    response = client.get(f"/requests/{rid}/documents/{kind}.pdf?lang=en")
    assert response.status_code == 409
    issued = issue(client, rid, kind)
    assert issued.status_code in (302, 403)
    assert data.documents_of(rid) == []


@pytest.mark.parametrize(
    "who, status",
    [
        (ALMATY, 200),
        (KZ_CA, 200),
        (TASHKENT, 200),  # the requested side sees a sent request's documents
        (UZ_CA, 200),
        (AZ_CA, 404),
        (TBILISI, 404),
        (COORDINATOR, 404),
        (ADMIN, 404),
    ],
)
def test_who_reads_previews_and_issued_documents(directory_app, data, people, signed, who, status):
    assert issue(client_of(directory_app, people, ALMATY), signed, "request").status_code == 302
    [document] = data.documents_of(signed)
    client = client_of(directory_app, people, who)
    assert client.get(f"/requests/{signed}/documents/request.pdf?lang=ru").status_code == status
    assert client.get(f"/documents/{document.id}").status_code == status
    assert client.get(f"/requests/{signed}/documents").status_code == status


def test_an_unsent_request_is_hidden_from_the_requested_side(
    directory_app, data, requests_, people
):
    draft = requests_["draft_to_baku"]
    assert (
        client_of(directory_app, people, ALMATY)
        .get(f"/requests/{draft}/documents/request.pdf")
        .status_code
        == 200
    )
    assert (
        client_of(directory_app, people, AZ_CA)
        .get(f"/requests/{draft}/documents/request.pdf")
        .status_code
        == 404
    )
    assert issue(client_of(directory_app, people, AZ_CA), draft, "request").status_code == 404


def test_bad_kind_and_language(directory_app, data, requests_, people):
    rid = requests_[SENT_TO_TASHKENT]
    almaty = client_of(directory_app, people, ALMATY)
    assert almaty.get(f"/requests/{rid}/documents/letter.pdf").status_code == 404
    assert almaty.get(f"/requests/{rid}/documents/request.pdf?lang=de").status_code == 400
    assert almaty.get("/documents/999999").status_code == 404
    response = issue(almaty, rid, "request", "de")
    assert response.status_code == 302 and data.documents_of(rid) == []
    anonymous = directory_app.test_client().get(f"/requests/{rid}/documents/request.pdf")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]


def test_the_request_page_partial_lists_versions_and_issue_forms(
    directory_app, data, people, signed
):
    client = client_of(directory_app, people, ALMATY)
    issue(client, signed, "request", "ru")
    issue(client, signed, "request", "ru")
    page = client.get(f"/requests/{signed}/documents")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert html.count("/documents/") >= 2
    assert f"/requests/{signed}/documents/request/issue" in html
    # the requesting side is not offered its counterpart's letters
    assert f"/requests/{signed}/documents/acknowledgement/issue" not in html
    newest = data.documents_of(signed)[-1]
    assert html.index(f"/documents/{newest.id}") < html.index(f"/documents/{newest.id - 1}")


def test_the_documents_page_runs_the_same_queries_whatever_the_versions(
    directory_app, data, people, signed, count_queries
):
    client = client_of(directory_app, people, ALMATY)
    issue(client, signed, "request", "en")
    client.get(f"/requests/{signed}/documents")
    with count_queries() as few:
        client.get(f"/requests/{signed}/documents")
    for lang in ("ru", "en-ru", "en"):
        issue(client, signed, "request", lang)
        issue(client, signed, "reminder", lang)
    with count_queries() as many:
        client.get(f"/requests/{signed}/documents")
    assert len(many) == len(few)


# --- API ----------------------------------------------------------------------------------


def test_api_lists_versions_and_serves_issued_bytes(directory_app, data, people, signed):
    issue(client_of(directory_app, people, ALMATY), signed, "request", "ru")
    api = api_of(directory_app, people, TASHKENT)
    listing = api.get(f"/api/v1/requests/{signed}/documents")
    assert listing.status_code == 200
    [item] = listing.json
    assert item["kind"] == "request" and item["language"] == "ru" and item["version"] == 1
    assert {"id", "sha256", "size", "created_at", "created_by"} <= item.keys()

    pdf = api.get(f"/api/v1/requests/{signed}/documents/request.pdf?lang=ru")
    assert pdf.status_code == 200
    assert pdf.headers["X-Document-Status"] == "issued"
    assert hashlib.sha256(pdf.data).hexdigest() == item["sha256"]

    raw = api.get(f"/api/v1/documents/{item['id']}")
    assert raw.status_code == 200 and raw.data == pdf.data
    assert raw.mimetype == "application/pdf"


def test_api_renders_a_draft_where_nothing_was_issued(directory_app, data, requests_, people):
    rid = requests_[SENT_TO_TASHKENT]
    api = api_of(directory_app, people, ALMATY)
    response = api.get(f"/api/v1/requests/{rid}/documents/request.pdf?lang=en-ru")
    assert response.status_code == 200
    assert response.headers["X-Document-Status"] == "draft"
    assert "DRAFT" in text_of(response.data)
    assert data.count_documents() == 0


@pytest.mark.parametrize("who", [COORDINATOR, ADMIN, AZ_CA, TBILISI])
def test_api_hides_documents_from_whoever_may_not_see_the_request(
    directory_app, data, people, signed, who
):
    issue(client_of(directory_app, people, ALMATY), signed, "request")
    [document] = data.documents_of(signed)
    api = api_of(directory_app, people, who)
    for path in (
        f"/api/v1/requests/{signed}/documents",
        f"/api/v1/requests/{signed}/documents/request.pdf",
        f"/api/v1/documents/{document.id}",
    ):
        response = api.get(path)
        assert response.status_code == 404
        assert response.json["error"]["code"] == "not_found"


def test_api_bad_input(directory_app, data, requests_, people):
    rid = requests_[SENT_TO_TASHKENT]
    api = api_of(directory_app, people, ALMATY)
    bad_lang = api.get(f"/api/v1/requests/{rid}/documents/request.pdf?lang=fr")
    assert bad_lang.status_code == 422 and "lang" in bad_lang.json["error"]["fields"]
    assert api.get(f"/api/v1/requests/{rid}/documents/memo.pdf").status_code == 404
    overdue_none = api.get(
        f"/api/v1/requests/{requests_['received_from_tashkent']}/documents/reminder.pdf"
    )
    assert overdue_none.status_code == 409
    assert overdue_none.json["error"]["code"] == "conflict"
    assert directory_app.test_client().get(f"/api/v1/requests/{rid}/documents").status_code == 401
