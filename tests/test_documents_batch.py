"""Batch printing: several visible requests in one PDF or a ZIP, and nothing hidden."""

from __future__ import annotations

import io
import zipfile

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from casetrack.db import db
from casetrack.models import Request, RequestStatus

ALMATY = "aigerim@kz-alm.example"
COORDINATOR = "coordinator@network.example"
ADMIN = "admin@casetrack.example"


def ids_of(app, *references: str) -> list[int]:
    with app.app_context():
        found = dict(
            db.session.execute(
                select(Request.reference, Request.id).where(Request.reference.in_(references))
            ).all()
        )
    return [found[reference] for reference in references]


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_page_lists_the_users_visible_requests_with_filters(app, login_as):
    client = login_as(ALMATY)
    page = client.get("/documents/batch")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    for reference in ("KZ-ALM/2026/1", "KZ-ALM/2026/2", "UZ-TAS/2026/1"):
        assert reference in html
    assert "US-OIA/2026/1" not in html  # registered at the central authority, not Almaty's
    assert 'src="/static/documents.js"' in html
    outgoing = client.get("/documents/batch?direction=outgoing").get_data(as_text=True)
    assert "KZ-ALM/2026/1" in outgoing and "UZ-TAS/2026/1" not in outgoing
    incoming = client.get("/documents/batch?direction=incoming&status=executed")
    assert "UZ-TAS/2026/2" in incoming.get_data(as_text=True)
    assert "UZ-TAS/2026/1" not in incoming.get_data(as_text=True)


def test_one_combined_pdf_holds_each_chosen_request(app, login_as):
    chosen = ids_of(app, "KZ-ALM/2026/1", "UZ-TAS/2026/1")
    response = login_as(ALMATY).post(
        "/documents/batch", data={"request_ids": chosen, "lang": "ru", "output": "pdf"}
    )
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    text = text_of(response.data)
    assert "KZ-ALM/2026/1" in text and "UZ-TAS/2026/1" in text
    # each document keeps its own numbering
    assert text.count("Страница 1 из") == 2


def test_a_zip_holds_one_pdf_per_request_and_issued_versions_as_issued(app, login_as):
    first, second = ids_of(app, "KZ-ALM/2026/1", "KZ-ALM/2026/3")
    with app.app_context():
        req = db.session.get(Request, first)
        # The signatory in each language of the request (Russian first, then English).
        req.signatory_name = "Сейткали А."
        req.texts = {"en": {**req.texts["en"], "signatory_name": "Aigerim Seitkali"}}
        db.session.commit()
    client = login_as(ALMATY)
    assert (
        client.post(f"/requests/{first}/documents/request/issue", data={"lang": "en"}).status_code
        == 302
    )
    response = client.post(
        "/documents/batch", data={"request_ids": [first, second], "lang": "en", "output": "zip"}
    )
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = sorted(archive.namelist())
    assert names == ["KZ-ALM-2026-1_request_en_v1.pdf", "KZ-ALM-2026-3_request_en_draft.pdf"]
    with app.app_context():
        from casetrack.models import Document

        stored = db.session.scalar(select(Document.content).where(Document.request_id == first))
    assert archive.read("KZ-ALM-2026-1_request_en_v1.pdf") == stored
    assert "DRAFT" in text_of(archive.read("KZ-ALM-2026-3_request_en_draft.pdf"))


def test_a_request_the_user_cannot_see_refuses_the_batch(app, login_as):
    chosen = ids_of(app, "KZ-ALM/2026/1", "US-OIA/2026/1")
    response = login_as(ALMATY).post(
        "/documents/batch", data={"request_ids": chosen, "lang": "en", "output": "pdf"}
    )
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_bad_batches_are_explained(app, login_as):
    from casetrack.models import User

    with app.app_context():  # the messages are checked in English
        db.session.scalar(select(User).where(User.email == ALMATY)).language = "en"
        db.session.commit()
    client = login_as(ALMATY)
    empty = client.post("/documents/batch", data={"lang": "en", "output": "pdf"})
    assert empty.status_code == 422
    assert "Choose at least one request." in empty.get_data(as_text=True)
    too_many = client.post(
        "/documents/batch",
        data={"request_ids": list(range(1, 60)), "lang": "en", "output": "zip"},
    )
    assert too_many.status_code == 422
    assert "At most 50 requests" in too_many.get_data(as_text=True)
    bad_language = client.post(
        "/documents/batch",
        data={"request_ids": ids_of(app, "KZ-ALM/2026/1"), "lang": "de", "output": "pdf"},
    )
    assert bad_language.status_code == 422


@pytest.mark.parametrize("email", [COORDINATOR, ADMIN])
def test_roles_without_content_get_404(app, login_as, email):
    client = login_as(email)
    assert client.get("/documents/batch").status_code == 404
    assert client.post("/documents/batch", data={"request_ids": [1]}).status_code == 404


def test_the_menu_offers_batch_printing_to_prosecutors(app, login_as):
    assert 'href="/documents/batch"' in login_as(ALMATY).get("/dashboard").get_data(as_text=True)
    coordinator_page = login_as(COORDINATOR).get("/dashboard").get_data(as_text=True)
    assert 'href="/documents/batch"' not in coordinator_page


def test_the_batch_page_runs_the_same_queries_whatever_the_rows(app, login_as, count_queries):
    client = login_as(ALMATY)
    client.get("/documents/batch")
    with count_queries() as few:
        client.get("/documents/batch")
    with app.app_context():
        template = db.session.get(Request, ids_of(app, "KZ-ALM/2026/2")[0])
        for seq in range(100, 112):
            db.session.add(
                Request(
                    reference=f"KZ-ALM/2026/{seq}",
                    year=2026,
                    seq=seq,
                    requesting_office_id=template.requesting_office_id,
                    requested_office_id=template.requested_office_id,
                    status=RequestStatus.DRAFT,
                    subject=f"Extra request {seq}",
                )
            )
        db.session.commit()
    with count_queries() as many:
        page = client.get("/documents/batch")
    assert "KZ-ALM/2026/111" in page.get_data(as_text=True)
    assert len(many) == len(few)
