"""Issued documents: versions, hashes that never change, who issues, who reads, the API."""

from __future__ import annotations

import contextlib
import hashlib
import io
from dataclasses import dataclass

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from casetrack.db import db
from casetrack.models import Document, DocumentKind, Request

ALMATY = "aigerim@kz-alm.example"
KZ_CA = "daniyar@kz-gpo.example"
TASHKENT = "dilnoza@uz-tas.example"
UZ_CA = "bekzod@uz-gpo.example"
AZ_CA = "elchin@az-gpo.example"
TBILISI = "nino@ge-pgo.example"
COORDINATOR = "coordinator@network.example"
ADMIN = "admin@casetrack.example"
SENT_TO_TASHKENT = "KZ-ALM/2026/1"


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

    def request_id(self, reference: str) -> int:
        with self.app.app_context():
            return db.session.scalar(select(Request.id).where(Request.reference == reference))

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


@pytest.fixture
def data(app):
    return Data(app)


@pytest.fixture
def signed(data):
    """The demo request to Tashkent, complete for its legal basis (it lacked a signatory)."""
    rid = data.request_id(SENT_TO_TASHKENT)
    with data.edit(rid) as req:
        # In each language of the request (Russian first, then English).
        req.signatory_name = "Сейткали А."
        req.signatory_title = "Старший прокурор"
        english = {**req.texts["en"], "signatory_name": "Aigerim Seitkali"}
        req.texts = {"en": {**english, "signatory_title": "Senior prosecutor"}}
    return rid


def issue(client, rid: int, kind: str, lang: str = "en"):
    return client.post(f"/requests/{rid}/documents/{kind}/issue", data={"lang": lang})


def test_issuing_stores_the_pdf_with_its_hash_and_it_never_changes(app, data, login_as, signed):
    client = login_as(ALMATY)
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
    assert document.file_name == "KZ-ALM-2026-1_request_en-ru_v1.pdf"
    assert document.created_by == ALMATY
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


def test_an_incomplete_request_is_not_issued(app, data, login_as):
    rid = data.request_id(SENT_TO_TASHKENT)  # the demo request has no signatory yet
    response = issue(login_as(ALMATY), rid, "request")
    assert response.status_code == 302
    assert data.documents_of(rid) == []
    page = login_as(ALMATY).get(f"/requests/{rid}/documents")
    assert page.status_code == 200


def test_the_refusal_is_explained_to_the_user(app, data, login_as):
    rid = data.request_id(SENT_TO_TASHKENT)
    client = login_as(ALMATY)
    response = issue(client, rid, "request")
    page = client.get(response.headers["Location"])
    text = page.get_data(as_text=True)
    # In the user's language (Russian), with the rule's origin: casetrack's, not the treaty's.
    assert "лицо, подписывающее запрос" in text and "правило casetrack" in text


@pytest.mark.parametrize(
    "email, kind, reference, issued",
    [
        (ALMATY, "request", SENT_TO_TASHKENT, True),
        (KZ_CA, "request", SENT_TO_TASHKENT, True),
        (ALMATY, "reminder", SENT_TO_TASHKENT, True),
        (TASHKENT, "acknowledgement", SENT_TO_TASHKENT, True),
        (UZ_CA, "acknowledgement", SENT_TO_TASHKENT, True),
        (ALMATY, "execution", "UZ-TAS/2026/2", True),
        # the requesting side never issues its counterpart's letters, nor the reverse
        (TASHKENT, "request", SENT_TO_TASHKENT, False),
        (TASHKENT, "reminder", SENT_TO_TASHKENT, False),
        (ALMATY, "acknowledgement", SENT_TO_TASHKENT, False),
        (ALMATY, "acknowledgement", "KZ-ALM/2026/3", False),
        (TASHKENT, "execution", "UZ-TAS/2026/2", False),
    ],
)
def test_the_side_that_sends_a_document_issues_it(
    app, data, login_as, signed, email, kind, reference, issued
):
    rid = data.request_id(reference)
    response = issue(login_as(email), rid, kind)
    assert response.status_code == (302 if issued else 403)
    assert len(data.documents_of(rid)) == (1 if issued else 0)


@pytest.mark.parametrize(
    "email, kind, reference",
    [
        # nothing overdue on this request: its only time limit is four days ahead
        (ALMATY, "reminder", "UZ-TAS/2026/1"),
        (TASHKENT, "reminder", "UZ-TAS/2026/1"),
        # not executed, partially executed or refused yet
        (TASHKENT, "execution", SENT_TO_TASHKENT),
        # not received yet
        (KZ_CA, "acknowledgement", "KZ-ALM/2026/3"),
    ],
)
def test_a_document_the_state_does_not_call_for_is_refused(
    app, data, login_as, email, kind, reference
):
    rid = data.request_id(reference)
    client = login_as(email)
    response = client.get(f"/requests/{rid}/documents/{kind}.pdf?lang=en")
    assert response.status_code == 409
    issued = issue(client, rid, kind)
    assert issued.status_code in (302, 403)
    assert data.documents_of(rid) == []


@pytest.mark.parametrize(
    "email, status",
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
def test_who_reads_previews_and_issued_documents(app, data, login_as, signed, email, status):
    assert issue(login_as(ALMATY), signed, "request").status_code == 302
    [document] = data.documents_of(signed)
    client = login_as(email)
    assert client.get(f"/requests/{signed}/documents/request.pdf?lang=ru").status_code == status
    assert client.get(f"/documents/{document.id}").status_code == status
    assert client.get(f"/requests/{signed}/documents").status_code == status


def test_an_unsent_request_is_hidden_from_the_requested_side(app, data, login_as):
    draft = data.request_id("KZ-ALM/2026/2")  # a draft to Baku
    assert login_as(ALMATY).get(f"/requests/{draft}/documents/request.pdf").status_code == 200
    assert login_as(AZ_CA).get(f"/requests/{draft}/documents/request.pdf").status_code == 404
    assert issue(login_as(AZ_CA), draft, "request").status_code == 404


def test_bad_kind_and_language(app, data, login_as, client):
    rid = data.request_id(SENT_TO_TASHKENT)
    signed_in = login_as(ALMATY)
    assert signed_in.get(f"/requests/{rid}/documents/letter.pdf").status_code == 404
    assert signed_in.get(f"/requests/{rid}/documents/request.pdf?lang=de").status_code == 400
    assert signed_in.get("/documents/999999").status_code == 404
    response = issue(signed_in, rid, "request", "de")
    assert response.status_code == 302 and data.documents_of(rid) == []
    anonymous = client.get(f"/requests/{rid}/documents/request.pdf")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]


def test_the_request_page_partial_lists_versions_and_issue_forms(app, data, login_as, signed):
    client = login_as(ALMATY)
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
    app, data, login_as, signed, count_queries
):
    client = login_as(ALMATY)
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


def test_api_lists_versions_and_serves_issued_bytes(app, data, login_as, api_as, signed):
    issue(login_as(ALMATY), signed, "request", "ru")
    api = api_as(TASHKENT)
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


def test_api_renders_a_draft_where_nothing_was_issued(app, data, api_as):
    rid = data.request_id(SENT_TO_TASHKENT)
    api = api_as(ALMATY)
    response = api.get(f"/api/v1/requests/{rid}/documents/request.pdf?lang=en-ru")
    assert response.status_code == 200
    assert response.headers["X-Document-Status"] == "draft"
    assert "DRAFT" in text_of(response.data)
    assert data.count_documents() == 0


@pytest.mark.parametrize("email", [COORDINATOR, ADMIN, AZ_CA, TBILISI])
def test_api_hides_documents_from_whoever_may_not_see_the_request(
    app, data, login_as, api_as, signed, email
):
    issue(login_as(ALMATY), signed, "request")
    [document] = data.documents_of(signed)
    api = api_as(email)
    for path in (
        f"/api/v1/requests/{signed}/documents",
        f"/api/v1/requests/{signed}/documents/request.pdf",
        f"/api/v1/documents/{document.id}",
    ):
        response = api.get(path)
        assert response.status_code == 404
        assert response.json["error"]["code"] == "not_found"


def test_api_bad_input(app, data, api_as):
    rid = data.request_id(SENT_TO_TASHKENT)
    api = api_as(ALMATY)
    bad_lang = api.get(f"/api/v1/requests/{rid}/documents/request.pdf?lang=fr")
    assert bad_lang.status_code == 422 and "lang" in bad_lang.json["error"]["fields"]
    assert api.get(f"/api/v1/requests/{rid}/documents/memo.pdf").status_code == 404
    overdue_none = api.get(
        f"/api/v1/requests/{data.request_id('UZ-TAS/2026/1')}/documents/reminder.pdf"
    )
    assert overdue_none.status_code == 409
    assert overdue_none.json["error"]["code"] == "conflict"
    assert app.test_client().get(f"/api/v1/requests/{rid}/documents").status_code == 401
