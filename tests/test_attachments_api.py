"""Attachments through the API: upload, list, exact bytes, versions, who sees what, bad files."""

from __future__ import annotations

import hashlib
import io

import pytest
from sqlalchemy import func, select

from casetrack.db import db
from casetrack.models import Attachment, AuditEvent, Blob, Case
from tests.conftest import snapshot_fixtures
from tests.factories import api_client, sent_request


def pdf_bytes(text: str = "Freezing order") -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<p>{text}</p>").write_pdf()


def upload(client, path: str, data: bytes, name: str, **fields):
    form = {"file": (io.BytesIO(data), name), **fields}
    return client.client.post(
        path, data=form, headers=client.headers, content_type="multipart/form-data"
    )


def _ids(session, people):
    """A request of Almaty's case that Tashkent is executing."""
    req = sent_request(session, people)
    session.flush()
    return {"request": req.id, "case": req.case_id}


world, directory_app, people = snapshot_fixtures(_ids)


@pytest.fixture
def ids(world):
    return world.built


def counts(app) -> tuple[int, int]:
    with app.app_context():
        return (
            db.session.scalar(select(func.count()).select_from(Attachment)),
            db.session.scalar(select(func.count()).select_from(Blob)),
        )


def test_upload_list_download_on_both_sides(directory_app, people, ids):
    kz, uz = api_client(directory_app, people.almaty), api_client(directory_app, people.tashkent)
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

    with directory_app.app_context():
        events = db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.object_type == "attachments")
        ).all()
    assert events.count("create") == 2
    assert "attachment.download" in events


def test_new_version_keeps_the_old_and_stores_content_once(directory_app, people, ids):
    kz = api_client(directory_app, people.almaty)
    path = f"/api/v1/requests/{ids['request']}/attachments"
    first = upload(kz, path, pdf_bytes("v1"), "order.pdf", kind="order").get_json()
    second = upload(
        kz, path, pdf_bytes("v2"), "order.pdf", kind="order", replaces=str(first["id"])
    ).get_json()
    assert second["version"] == 2 and second["series_id"] == first["id"]
    assert kz.get(f"/api/v1/attachments/{first['id']}").data == pdf_bytes("v1")
    # The same content attached again is stored once.
    before = counts(directory_app)
    again = upload(kz, path, pdf_bytes("v1"), "copy.pdf", kind="other")
    assert again.status_code == 201
    after = counts(directory_app)
    assert after == (before[0] + 1, before[1])


def test_case_files_never_reach_the_requested_side(directory_app, people, ids):
    kz = api_client(directory_app, people.almaty)
    answer = upload(kz, f"/api/v1/cases/{ids['case']}/attachments", b"internal note\n", "note.txt")
    assert answer.status_code == 201, answer.get_json()
    attachment_id = answer.get_json()["id"]
    assert [a["id"] for a in kz.get(f"/api/v1/cases/{ids['case']}/attachments").get_json()] == [
        attachment_id
    ]
    for who in ("tashkent", "uz_ca", "az_ca", "tbilisi", "coordinator"):
        other = api_client(directory_app, getattr(people, who))
        assert other.get(f"/api/v1/attachments/{attachment_id}").status_code == 404, who
        assert other.get(f"/api/v1/cases/{ids['case']}/attachments").status_code == 404, who
        assert (
            upload(other, f"/api/v1/cases/{ids['case']}/attachments", b"x\n", "x.txt").status_code
            == 404
        ), who


@pytest.mark.parametrize("who", ["az_ca", "tbilisi", "coordinator"])
def test_another_office_gets_404_for_request_files(directory_app, people, ids, who):
    kz = api_client(directory_app, people.almaty)
    made = upload(kz, f"/api/v1/requests/{ids['request']}/attachments", pdf_bytes(), "o.pdf")
    other = api_client(directory_app, getattr(people, who))
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
def test_refused_files_store_nothing(directory_app, people, ids, data, name, field):
    kz = api_client(directory_app, people.almaty)
    before = counts(directory_app)
    answer = upload(kz, f"/api/v1/requests/{ids['request']}/attachments", data, name)
    assert answer.status_code == 422, answer.get_json()
    assert field in answer.get_json()["error"]["fields"]
    assert counts(directory_app) == before


def test_size_limit_answers_413_and_stores_nothing(directory_app, people, ids):
    directory_app.config["ATTACHMENT_MAX_BYTES"] = 1000
    kz = api_client(directory_app, people.almaty)
    before = counts(directory_app)
    answer = upload(kz, f"/api/v1/requests/{ids['request']}/attachments", b"a" * 1001, "a.txt")
    assert answer.status_code == 413
    assert answer.get_json()["error"]["message"] == (
        "The file is larger than the limit of 1 KB. Nothing was stored."
    )
    assert counts(directory_app) == before


@pytest.mark.parametrize(
    ("name", "expected"),
    [("../../x.pdf", "x.pdf"), ("report\u202eexe.pdf", "reportexe.pdf"), ("a\x00b.pdf", "ab.pdf")],
)
def test_names_are_cleaned(directory_app, people, ids, name, expected):
    kz = api_client(directory_app, people.almaty)
    answer = upload(kz, f"/api/v1/requests/{ids['request']}/attachments", pdf_bytes(), name)
    assert answer.status_code == 201
    assert answer.get_json()["file_name"] == expected
    got = kz.get(f"/api/v1/attachments/{answer.get_json()['id']}")
    assert "\u202e" not in got.headers["Content-Disposition"]
    assert "/" not in got.headers["Content-Disposition"].split("filename=")[1]


def test_a_pdf_named_png_is_served_under_its_real_type(directory_app, people, ids):
    kz = api_client(directory_app, people.almaty)
    answer = upload(kz, f"/api/v1/requests/{ids['request']}/attachments", pdf_bytes(), "scan.png")
    assert answer.get_json()["media_type"] == "application/pdf"
    assert answer.get_json()["file_name"] == "scan.png.pdf"


def test_openapi_documents_the_upload(directory_app, ids):
    spec = directory_app.test_client().get("/api/v1/openapi.json").get_json()
    post = spec["paths"]["/api/v1/requests/{request_id}/attachments"]["post"]
    assert "multipart/form-data" in post["requestBody"]["content"]
    assert "/api/v1/attachments/{attachment_id}" in spec["paths"]
    with directory_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) > 0
