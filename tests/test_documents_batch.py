"""Batch printing: several visible requests in one PDF or a ZIP, and nothing hidden."""

from __future__ import annotations

import io
import zipfile

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from casetrack.db import db
from casetrack.mla import operations
from casetrack.models import Request, RequestStatus, User
from tests import factories
from tests.conftest import snapshot_fixtures
from tests.factories import (
    bilingual,
    make_case,
    make_complete_request,
    office,
    sent_request,
    signed_in,
    tashkents_request,
)


def _refs(session, people) -> dict[str, str]:
    """The references of the requests Almaty sees (and one it does not), by name."""
    alm = office(session, "KZ-ALM")
    theirs = make_case(session, office=office(session, "UZ-TAS"))
    made = {
        # Almaty's request, in Russian and English, that Tashkent is executing.
        "to_tashkent": sent_request(session, people, **bilingual()),
        "draft_to_baku": make_complete_request(
            session, requested_office=office(session, "AZ-GPO"), status=RequestStatus.DRAFT
        ),
        "to_turkey": make_complete_request(
            session, requested_office=office(session, "TR-MOJ"), status=RequestStatus.SENT
        ),
        "from_tashkent": factories.make_request(
            session, case=theirs, requested_office=alm, status=RequestStatus.RECEIVED
        ),
    }
    made["executed_for_tashkent"] = tashkents_request(
        session, people, theirs, "acknowledge", "start", "execute"
    )
    # Registered by Kazakhstan's central authority from a paper letter: not Almaty's.
    made["from_the_us"] = operations.register_incoming(
        session,
        session.get(User, people.kz_ca.id),
        {
            "requesting_office_id": office(session, "US-OIA").id,
            "requested_office_id": office(session, "KZ-GPO").id,
            "subject": "Wire fraud investigation",
        },
    )
    return {name: request.reference for name, request in made.items()}


# Almaty's prosecutor reads the interface in Russian.
world, directory_app, people = snapshot_fixtures(_refs, almaty={"language": "ru"})


@pytest.fixture
def refs(world) -> dict[str, str]:
    return world.built


def ids_of(app, *references: str) -> list[int]:
    with app.app_context():
        found = dict(
            db.session.execute(
                select(Request.reference, Request.id).where(Request.reference.in_(references))
            ).all()
        )
    return [found[reference] for reference in references]


def file_name(reference: str, rest: str) -> str:
    return f"{reference.replace('/', '-')}_{rest}"


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_page_lists_the_users_visible_requests_with_filters(directory_app, people, refs):
    client = signed_in(directory_app, people.almaty)
    page = client.get("/documents/batch")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    for reference in (refs["to_tashkent"], refs["draft_to_baku"], refs["from_tashkent"]):
        assert reference in html
    assert refs["from_the_us"] not in html  # registered at the central authority, not Almaty's
    assert 'src="/static/documents.js"' in html
    outgoing = client.get("/documents/batch?direction=outgoing").get_data(as_text=True)
    assert refs["to_tashkent"] in outgoing and refs["from_tashkent"] not in outgoing
    incoming = client.get("/documents/batch?direction=incoming&status=executed")
    assert refs["executed_for_tashkent"] in incoming.get_data(as_text=True)
    assert refs["from_tashkent"] not in incoming.get_data(as_text=True)


def batch_file(client, data):
    """Ask for a batch: the page answers at once with the job's page; fetch the job's file."""
    queued = client.post("/documents/batch", data=data)
    assert queued.status_code == 303 and "/jobs/" in queued.headers["Location"]
    state = client.get(queued.headers["Location"] + ".json").get_json()
    assert state["status"] == "succeeded", state
    assert state["done"] == state["total"] == len(data["request_ids"])
    return client.get(state["download_url"])


def test_one_combined_pdf_holds_each_chosen_request(directory_app, people, refs):
    chosen = ids_of(directory_app, refs["to_tashkent"], refs["from_tashkent"])
    response = batch_file(
        signed_in(directory_app, people.almaty),
        {"request_ids": chosen, "lang": "ru", "output": "pdf"},
    )
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    text = text_of(response.data)
    assert refs["to_tashkent"] in text and refs["from_tashkent"] in text
    # each document keeps its own numbering
    assert text.count("Страница 1 из") == 2


def test_a_zip_holds_one_pdf_per_request_and_issued_versions_as_issued(directory_app, people, refs):
    first, second = ids_of(directory_app, refs["to_tashkent"], refs["to_turkey"])
    client = signed_in(directory_app, people.almaty)
    assert (
        client.post(f"/requests/{first}/documents/request/issue", data={"lang": "en"}).status_code
        == 302
    )
    response = batch_file(client, {"request_ids": [first, second], "lang": "en", "output": "zip"})
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = sorted(archive.namelist())
    issued = file_name(refs["to_tashkent"], "request_en_v1.pdf")
    draft = file_name(refs["to_turkey"], "request_en_draft.pdf")
    assert names == sorted([issued, draft])
    with directory_app.app_context():
        from casetrack.models import Document

        stored = db.session.scalar(select(Document.content).where(Document.request_id == first))
    assert archive.read(issued) == stored
    assert "DRAFT" in text_of(archive.read(draft))


def test_a_request_the_user_cannot_see_refuses_the_batch(directory_app, people, refs):
    chosen = ids_of(directory_app, refs["to_tashkent"], refs["from_the_us"])
    response = signed_in(directory_app, people.almaty).post(
        "/documents/batch", data={"request_ids": chosen, "lang": "en", "output": "pdf"}
    )
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_bad_batches_are_explained(directory_app, people, refs):
    with directory_app.app_context():  # the messages are checked in English
        db.session.get(User, people.almaty.id).language = "en"
        db.session.commit()
    client = signed_in(directory_app, people.almaty)
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
        data={
            "request_ids": ids_of(directory_app, refs["to_tashkent"]),
            "lang": "de",
            "output": "pdf",
        },
    )
    assert bad_language.status_code == 422


def test_a_batch_is_a_job_with_progress_run_outside_the_request(directory_app, people, refs):
    """The page returns at once; the job runs apart (here: by hand, as a worker would)."""
    from casetrack import jobs
    from casetrack.models import Job, JobStatus

    directory_app.config["JOBS_MODE"] = "rq"  # queued, not run: no Redis needed, nothing sends
    chosen = ids_of(directory_app, refs["to_tashkent"], refs["to_turkey"])
    client = signed_in(directory_app, people.almaty)
    original = jobs.dispatch
    jobs.dispatch = lambda app_, job_id: None
    try:
        queued = client.post(
            "/documents/batch", data={"request_ids": chosen, "lang": "en", "output": "pdf"}
        )
    finally:
        jobs.dispatch = original
    assert queued.status_code == 303
    page = client.get(queued.headers["Location"])
    assert page.status_code == 200 and 'id="job-status"' in page.get_data(as_text=True)
    state = client.get(queued.headers["Location"] + ".json").get_json()
    assert (state["status"], state["done"], state["total"]) == ("queued", 0, 2)
    assert state["download_url"] is None
    # A worker picks it up outside any web request.
    assert jobs.run(directory_app, state["id"], attempts_left=True) == JobStatus.SUCCEEDED
    state = client.get(queued.headers["Location"] + ".json").get_json()
    assert (state["status"], state["done"], state["total"]) == ("succeeded", 2, 2)
    assert refs["to_turkey"] in text_of(client.get(state["download_url"]).data)
    # Somebody else cannot see or download it.
    other = signed_in(directory_app, people.tashkent)
    assert other.get(state["download_url"]).status_code == 404
    with directory_app.app_context():
        assert db.session.get(Job, state["id"]).output_name.endswith(".pdf")


@pytest.mark.parametrize("who", ["coordinator", "admin"])
def test_roles_without_content_get_404(directory_app, people, who):
    client = signed_in(directory_app, getattr(people, who))
    assert client.get("/documents/batch").status_code == 404
    assert client.post("/documents/batch", data={"request_ids": [1]}).status_code == 404


def test_the_menu_offers_batch_printing_to_prosecutors(directory_app, people):
    assert 'href="/documents/batch"' in signed_in(directory_app, people.almaty).get(
        "/dashboard"
    ).get_data(as_text=True)
    coordinator_page = (
        signed_in(directory_app, people.coordinator).get("/dashboard").get_data(as_text=True)
    )
    assert 'href="/documents/batch"' not in coordinator_page


def test_the_batch_page_runs_the_same_queries_whatever_the_rows(
    directory_app, people, refs, count_queries
):
    client = signed_in(directory_app, people.almaty)
    client.get("/documents/batch")
    with count_queries() as few:
        client.get("/documents/batch")
    with directory_app.app_context():
        template = db.session.get(Request, ids_of(directory_app, refs["draft_to_baku"])[0])
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
