"""Attachments through the API: upload, list, exact bytes, versions, who sees what, bad files."""

from __future__ import annotations

import hashlib
import io

import pytest
from sqlalchemy import func, select

from casetrack.db import db
from casetrack.models import Attachment, AuditEvent, Blob, Case, Request

ALMATY = "aigerim@kz-alm.example"
KZ_CA = "daniyar@kz-gpo.example"
TASHKENT = "dilnoza@uz-tas.example"
UZ_CA = "bekzod@uz-gpo.example"
AZ_CA = "elchin@az-gpo.example"
TBILISI = "nino@ge-pgo.example"
COORDINATOR = "coordinator@network.example"
SENT_TO_TASHKENT = "KZ-ALM/2026/1"


def pdf_bytes(text: str = "Freezing order") -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<p>{text}</p>").write_pdf()


def upload(client, path: str, data: bytes, name: str, **fields):
    form = {"file": (io.BytesIO(data), name), **fields}
    return client.client.post(
        path, data=form, headers=client.headers, content_type="multipart/form-data"
    )


@pytest.fixture
def ids(app):
    with app.app_context():
        rid = db.session.scalar(select(Request.id).where(Request.reference == SENT_TO_TASHKENT))
        req = db.session.get(Request, rid)
        return {"request": rid, "case": req.case_id}


def counts(app) -> tuple[int, int]:
    with app.app_context():
        return (
            db.session.scalar(select(func.count()).select_from(Attachment)),
            db.session.scalar(select(func.count()).select_from(Blob)),
        )


def test_upload_list_download_on_both_sides(app, api_as, ids):
    kz, uz = api_as(ALMATY), api_as(TASHKENT)
    order = pdf_bytes()
    answer = upload(
        kz,
        f"/api/v1/requests/{ids['request']}/attachments",
        order,
        "freezing-order.pdf",
        kind="order",
        title="Freezing order of the Almaty district court",
        language="ru",
    )
    assert answer.status_code == 201, answer.get_json()
    body = answer.get_json()
    assert body["sha256"] == hashlib.sha256(order).hexdigest()
    assert body["size"] == len(order)
    assert body["media_type"] == "application/pdf"
    assert body["page_count"] == 1
    assert body["kind"] == "order" and body["side"] == "requesting"
    assert body["signature"]["status"] == "none"

    # The requested side sees the annex and gets the exact bytes, as a download.
    listed = uz.get(f"/api/v1/requests/{ids['request']}/attachments").get_json()
    assert [a["id"] for a in listed] == [body["id"]]
    got = uz.get(f"/api/v1/attachments/{body['id']}")
    assert got.status_code == 200 and got.data == order
    assert got.headers["Content-Disposition"].startswith("attachment;")
    assert got.headers["X-Content-Type-Options"] == "nosniff"

    # The requested side's own material stays its own until it encloses it with a step.
    records = b"account;date;amount\nUZ21;2024-01-02;1000\n"
    answer = upload(
        uz,
        f"/api/v1/requests/{ids['request']}/attachments",
        records,
        "bank-records.csv",
        kind="evidence",
        language="ru",
    )
    assert answer.status_code == 201, answer.get_json()
    response_id = answer.get_json()["id"]
    assert answer.get_json()["side"] == "requested"
    assert kz.get(f"/api/v1/attachments/{response_id}").status_code == 404
    kz_list = kz.get(f"/api/v1/requests/{ids['request']}/attachments").get_json()
    assert response_id not in [a["id"] for a in kz_list]

    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.object_type == "attachments")
        ).all()
    assert events.count("create") == 2
    assert "attachment.download" in events


def test_new_version_keeps_the_old_and_stores_content_once(app, api_as, ids):
    kz = api_as(ALMATY)
    path = f"/api/v1/requests/{ids['request']}/attachments"
    first = upload(kz, path, pdf_bytes("v1"), "order.pdf", kind="order").get_json()
    second = upload(
        kz, path, pdf_bytes("v2"), "order.pdf", kind="order", replaces=str(first["id"])
    ).get_json()
    assert second["version"] == 2 and second["series_id"] == first["id"]
    assert kz.get(f"/api/v1/attachments/{first['id']}").data == pdf_bytes("v1")
    # The same content attached again is stored once.
    before = counts(app)
    again = upload(kz, path, pdf_bytes("v1"), "copy.pdf", kind="other")
    assert again.status_code == 201
    after = counts(app)
    assert after == (before[0] + 1, before[1])


def test_case_files_never_reach_the_requested_side(app, api_as, ids):
    kz = api_as(ALMATY)
    answer = upload(kz, f"/api/v1/cases/{ids['case']}/attachments", b"internal note\n", "note.txt")
    assert answer.status_code == 201, answer.get_json()
    attachment_id = answer.get_json()["id"]
    assert [a["id"] for a in kz.get(f"/api/v1/cases/{ids['case']}/attachments").get_json()] == [
        attachment_id
    ]
    for email in (TASHKENT, UZ_CA, AZ_CA, TBILISI, COORDINATOR):
        other = api_as(email)
        assert other.get(f"/api/v1/attachments/{attachment_id}").status_code == 404, email
        assert other.get(f"/api/v1/cases/{ids['case']}/attachments").status_code == 404, email
        assert (
            upload(other, f"/api/v1/cases/{ids['case']}/attachments", b"x\n", "x.txt").status_code
            == 404
        ), email


@pytest.mark.parametrize("email", [AZ_CA, TBILISI, COORDINATOR])
def test_another_office_gets_404_for_request_files(app, api_as, ids, email):
    kz = api_as(ALMATY)
    made = upload(kz, f"/api/v1/requests/{ids['request']}/attachments", pdf_bytes(), "o.pdf")
    other = api_as(email)
    assert other.get(f"/api/v1/attachments/{made.get_json()['id']}").status_code == 404
    assert other.get(f"/api/v1/requests/{ids['request']}/attachments").status_code == 404
    refused = upload(other, f"/api/v1/requests/{ids['request']}/attachments", pdf_bytes(), "o.pdf")
    assert refused.status_code == 404


@pytest.mark.parametrize(
    ("data", "name", "field"),
    [
        (b"<html><body><script>alert(1)</script></body></html>", "order.pdf", "file"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "photo.png", "file"),
        (b"", "empty.pdf", "file"),
        (b"\x00\x01\x02\x03binary\xff\xfe\x00junk" * 10, "data.pdf", "file"),
    ],
)
def test_refused_files_store_nothing(app, api_as, ids, data, name, field):
    kz = api_as(ALMATY)
    before = counts(app)
    answer = upload(kz, f"/api/v1/requests/{ids['request']}/attachments", data, name)
    assert answer.status_code == 422, answer.get_json()
    assert field in answer.get_json()["error"]["fields"]
    assert counts(app) == before


def test_size_limit_answers_413_and_stores_nothing(app, api_as, ids, english_ui):
    app.config["ATTACHMENT_MAX_BYTES"] = 1000
    kz = api_as(ALMATY)
    before = counts(app)
    answer = upload(kz, f"/api/v1/requests/{ids['request']}/attachments", b"a" * 1001, "a.txt")
    assert answer.status_code == 413
    assert answer.get_json()["error"]["message"] == (
        "The file is larger than the limit of 1 KB. Nothing was stored."
    )
    assert counts(app) == before


@pytest.mark.parametrize(
    ("name", "expected"),
    [("../../x.pdf", "x.pdf"), ("report\u202eexe.pdf", "reportexe.pdf"), ("a\x00b.pdf", "ab.pdf")],
)
def test_names_are_cleaned(app, api_as, ids, name, expected):
    kz = api_as(ALMATY)
    answer = upload(kz, f"/api/v1/requests/{ids['request']}/attachments", pdf_bytes(), name)
    assert answer.status_code == 201
    assert answer.get_json()["file_name"] == expected
    got = kz.get(f"/api/v1/attachments/{answer.get_json()['id']}")
    assert "\u202e" not in got.headers["Content-Disposition"]
    assert "/" not in got.headers["Content-Disposition"].split("filename=")[1]


def test_a_pdf_named_png_is_served_under_its_real_type(app, api_as, ids):
    kz = api_as(ALMATY)
    answer = upload(kz, f"/api/v1/requests/{ids['request']}/attachments", pdf_bytes(), "scan.png")
    assert answer.get_json()["media_type"] == "application/pdf"
    assert answer.get_json()["file_name"] == "scan.png.pdf"


def test_openapi_documents_the_upload(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    post = spec["paths"]["/api/v1/requests/{request_id}/attachments"]["post"]
    assert "multipart/form-data" in post["requestBody"]["content"]
    assert "/api/v1/attachments/{attachment_id}" in spec["paths"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) > 0
