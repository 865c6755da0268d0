"""Attachments in the pages: several files in one form, the script's per-file answer, lists."""

from __future__ import annotations

import io

from sqlalchemy import func, select

from casetrack.db import db
from casetrack.models import Attachment
from tests.factories import sent_request, signed_in

MINIMAL_PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _ids(app, people):
    """A request of Almaty's case that Tashkent is executing: its id and its case's."""
    with app.app_context():
        req = sent_request(db.session, people)
        db.session.commit()
        return req.id, req.case_id


def test_several_files_in_one_form_are_all_listed(directory_app, people):
    rid, case_id = _ids(directory_app, people)
    kz = signed_in(directory_app, people.almaty)
    answer = kz.post(
        f"/requests/{rid}/attachments",
        data={
            "file": [
                (io.BytesIO(MINIMAL_PDF), "order.pdf"),
                (io.BytesIO(b"Translation of the order\n"), "translation.txt"),
            ],
            "kind": "order",
            "language": "ru",
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 303
    page = kz.get(f"/requests/{rid}").get_data(as_text=True)
    assert "order.pdf" in page and "translation.txt" in page
    assert 'data-testid="upload-form"' in page
    # The requested side sees the request's annexes, and may upload its own material.
    uz_page = (
        signed_in(directory_app, people.tashkent).get(f"/requests/{rid}").get_data(as_text=True)
    )
    assert "order.pdf" in uz_page and 'data-testid="upload-form"' in uz_page


def test_one_bad_file_stores_none_of_the_form(directory_app, people):
    rid, _case = _ids(directory_app, people)
    kz = signed_in(directory_app, people.almaty)
    with directory_app.app_context():
        before = db.session.scalar(select(func.count()).select_from(Attachment))
    answer = kz.post(
        f"/requests/{rid}/attachments",
        data={
            "file": [
                (io.BytesIO(b"plain note\n"), "note.txt"),
                (io.BytesIO(b"<!doctype html><script>x</script>"), "order.pdf"),
            ],
            "kind": "other",
        },
        content_type="multipart/form-data",
        headers={"X-Requested-With": "fetch"},
    )
    assert answer.status_code == 422
    assert "cannot be attached" in answer.get_json()["error"]["message"]
    with directory_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Attachment)) == before


def test_script_upload_answers_json_and_download_is_an_attachment(directory_app, people):
    rid, case_id = _ids(directory_app, people)
    kz = signed_in(directory_app, people.almaty)
    answer = kz.post(
        f"/cases/{case_id}/attachments",
        data={"file": (io.BytesIO(b"case note\n"), "note.txt"), "kind": "other"},
        content_type="multipart/form-data",
        headers={"X-Requested-With": "fetch"},
    )
    assert answer.status_code == 201
    attachment_id = answer.get_json()[0]["id"]
    got = kz.get(f"/attachments/{attachment_id}")
    assert got.data == b"case note\n"
    assert got.headers["Content-Disposition"].startswith("attachment;")
    assert got.mimetype == "application/octet-stream"
    assert "note.txt" in kz.get(f"/cases/{case_id}").get_data(as_text=True)
    # Neither the requested side nor another office reaches the case's file.
    tashkent = signed_in(directory_app, people.tashkent)
    assert tashkent.get(f"/attachments/{attachment_id}").status_code == 404
    tbilisi = signed_in(directory_app, people.tbilisi)
    assert tbilisi.get(f"/attachments/{attachment_id}").status_code == 404
    assert "note.txt" not in tashkent.get(f"/requests/{rid}").get_data(as_text=True)
