"""Concurrent requests: writers never lose an update, readers never queue behind a writer."""

from __future__ import annotations

import multiprocessing
import sqlite3
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError

from casetrack import clock
from casetrack.db import db, in_read_transaction
from casetrack.models import AuditEvent, Case, UserSession
from tests.factories import api_client, make_case, office, signed_in

PROCESSES, EDITS = 8, 50


@pytest.fixture
def app(directory_app, people):
    """The directory, ``people`` and one Almaty case for them to read and write."""
    with directory_app.app_context():
        make_case(db.session, office=office(db.session, "KZ-ALM"))
        db.session.commit()
    return directory_app


def _edit_many(url: str, case_id: int, edits: int, results) -> None:
    """Add one to a case's counter ``edits`` times, each a request of its own (a POST)."""
    from conftest import base_config

    from casetrack import create_app

    app = create_app(base_config(url))
    done = retries = 0
    with app.app_context():
        while done < edits:
            with app.test_request_context(f"/cases/{case_id}/edit", method="POST"):
                try:
                    case = db.session.get(Case, case_id)
                    case.summary = str(int(case.summary or "0") + 1)
                    db.session.commit()
                    done += 1
                except (StaleDataError, OperationalError):
                    # PostgreSQL: the version check caught a concurrent edit; try again.
                    db.session.rollback()
                    retries += 1
                finally:
                    db.session.remove()
        db.engine.dispose()
    results.put((done, retries))


def test_eight_writers_times_fifty_edits_lose_no_update(app):
    with app.app_context():
        case = db.session.scalar(select(Case).order_by(Case.id).limit(1))
        case.summary = "0"
        db.session.commit()
        case_id = case.id
        url = app.config["SQLALCHEMY_DATABASE_URI"]
        db.session.remove()
        db.engine.dispose()
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    workers = [
        context.Process(target=_edit_many, args=(url, case_id, EDITS, results))
        for _ in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=600) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert sum(done for done, _ in outcomes) == PROCESSES * EDITS
    with app.app_context():
        assert db.session.get(Case, case_id).summary == str(PROCESSES * EDITS)


def _sqlite_path(app) -> str:
    return make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database


# SQLite's write lock only (PostgreSQL readers never wait for writers): run on SQLite alone
# rather than skip on PostgreSQL, since nothing may skip in CI.
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_read_goes_on_while_another_connection_holds_the_write_lock(app, backend, people):
    client = api_client(app, people.almaty)
    with app.app_context():
        case_id = db.session.scalar(select(Case.id))
    assert client.get("/api/v1/cases").status_code == 200  # the token's use is stamped now
    writer = sqlite3.connect(_sqlite_path(app), isolation_level=None, timeout=0)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(f"UPDATE cases SET summary = 'being written' WHERE id = {case_id}")
        # Holding the lock: a reading request must neither wait for it nor fail.
        response = client.get("/api/v1/cases?per_page=200")
        assert response.status_code == 200
        assert "being written" not in response.get_data(as_text=True)
        assert client.get(f"/api/v1/cases/{case_id}").status_code == 200
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_reading_request_reads_without_the_lock_and_a_write_takes_it(app, backend):
    with app.test_request_context("/cases/", method="GET"):
        db.session.scalar(select(Case.id).limit(1))
        assert in_read_transaction(db.session) is (backend.name == "sqlite")
        db.session.remove()
    with app.test_request_context("/cases/1/edit", method="POST"):
        db.session.scalar(select(Case.id).limit(1))
        assert not in_read_transaction(db.session)
        db.session.remove()
    with app.app_context():  # commands and jobs write: they take the lock
        db.session.scalar(select(Case.id).limit(1))
        assert not in_read_transaction(db.session)
        db.session.remove()


def test_a_reading_request_still_writes_the_session_stamp(app, people):
    client = signed_in(app, people.almaty)
    with app.app_context():
        before = db.session.scalar(select(UserSession.last_seen_at).order_by(UserSession.id.desc()))
    with clock.travel(clock.now() + timedelta(minutes=3)):
        assert client.get("/cases/").status_code == 200
        with app.app_context():
            after = db.session.scalar(
                select(UserSession.last_seen_at).order_by(UserSession.id.desc())
            )
    assert after > before


def test_a_download_in_a_reading_request_is_still_audited(app, people):
    from io import BytesIO

    from casetrack.models import Attachment

    client = signed_in(app, people.almaty)
    with app.app_context():
        case_id = db.session.scalar(select(Case.id).where(Case.office.has(code="KZ-ALM")).limit(1))
    upload = client.post(
        f"/cases/{case_id}/attachments",
        data={"file": (BytesIO(b"%PDF-1.4 test"), "note.pdf"), "title": "Note", "kind": "other"},
        content_type="multipart/form-data",
    )
    assert upload.status_code in (302, 303), upload.get_data(as_text=True)[:500]
    with app.app_context():
        attachment_id = db.session.scalar(select(Attachment.id).order_by(Attachment.id.desc()))
    assert client.get(f"/attachments/{attachment_id}").status_code == 200
    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "attachment.download", AuditEvent.object_id == attachment_id
            )
        ).all()
        assert len(events) == 1 and events[0].actor_id is not None
