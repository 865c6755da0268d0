"""The job queue: sent after the commit, retried, failed with its reason, polled by its page."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import jobs_tasks
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url
from tests_support_redis import redis_available

from casetrack import jobs
from casetrack.auth import services as auth_services
from casetrack.db import db
from casetrack.models import Job, JobStatus
from tests.factories import make_user, office, signed_in

ROOT = Path(__file__).resolve().parent.parent


def _add_user(email: str):
    return auth_services.create_user(
        db.session,
        email=email,
        name="Job Test",
        office_code="KZ-ALM",
        role="prosecutor",
        password="a long enough password 1",
    )


def test_job_runs_after_commit_and_sees_the_committed_change(directory_app, people):
    with directory_app.app_context():
        user = people.almaty
        _add_user("first@jobs.test")
        job = jobs.enqueue(
            db.session, jobs_tasks.count_users, user_id=user.id, email_domain="jobs.test"
        )
        # Nothing has run before the commit: the work waits for the transaction.
        assert db.session.get(Job, job.id).status == JobStatus.QUEUED
        db.session.commit()
        db.session.expire_all()
        done = db.session.get(Job, job.id)
        assert done.status == JobStatus.SUCCEEDED
        assert done.result["users"] == 1
        assert (done.done, done.total, done.attempts) == (3, 3, 1)
        assert done.message == "chunk 3"


def test_rolled_back_job_never_runs(directory_app):
    with directory_app.app_context():
        job = jobs.enqueue(db.session, jobs_tasks.count_users, email_domain="x.test")
        job_id = job.id
        db.session.rollback()
        assert db.session.get(Job, job_id) is None
        # The next commit of the same session sends nothing left over from the rollback.
        _add_user("later@jobs.test")
        db.session.commit()
        assert db.session.scalars(select(Job)).all() == []


def test_failing_job_is_retried_then_failed_with_its_reason(directory_app):
    with directory_app.app_context():
        job = jobs.enqueue(
            db.session, jobs_tasks.always_fails, reason="printer on fire", max_attempts=3
        )
        db.session.commit()
        db.session.expire_all()
        failed = db.session.get(Job, job.id)
        assert failed.status == JobStatus.FAILED
        assert failed.attempts == 3
        assert failed.error == "ValueError: printer on fire"
        assert failed.finished_at is not None


def test_only_declared_tasks_are_queued(directory_app):
    with directory_app.app_context(), pytest.raises(ValueError):
        jobs.enqueue(db.session, jobs_tasks.not_a_task)


def test_status_page_and_json_for_its_user_only(directory_app, people):
    with directory_app.app_context():
        user = people.almaty
        colleague = make_user(db.session, office=office(db.session, "KZ-ALM"))
        db.session.commit()
        job = jobs.enqueue(
            db.session, jobs_tasks.always_fails, user_id=user.id, reason="no paper", max_attempts=1
        )
        db.session.commit()
        job_id = job.id
    own = signed_in(directory_app, people.almaty)
    state = own.get(f"/jobs/{job_id}.json").get_json()
    assert state["status"] == "failed" and state["error"] == "ValueError: no paper"
    page = own.get(f"/jobs/{job_id}")
    assert page.status_code == 200 and "no paper" in page.get_data(as_text=True)
    # Another office's user, and even a colleague of the same office, never see it.
    for stranger in (people.tashkent, colleague):
        other = signed_in(directory_app, stranger)
        assert other.get(f"/jobs/{job_id}.json").status_code == 404
        assert other.get(f"/jobs/{job_id}").status_code == 404


def _worker_env(app) -> dict:
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).render_as_string(hide_password=False)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": app.config["SECRET_KEY"],
        "CASETRACK_AUDIT_KEY": app.config["AUDIT_KEY"],
        "CASETRACK_JOBS": "rq",
        "CASETRACK_JOB_QUEUE": app.config["JOB_QUEUE"],
        "CASETRACK_JOB_RETRY_SECONDS": "0",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT)]),
    }
    return env


def test_jobs_run_through_a_real_rq_worker_on_redis(backend):
    from conftest import DIRECTORY, _make_app

    redis_available()
    url = backend.copy(DIRECTORY)
    queue_name = f"casetrack-test-{uuid.uuid4().hex[:8]}"
    app = _make_app(backend, url, JOBS_MODE="rq", JOB_QUEUE=queue_name, JOB_RETRY_INTERVALS=[0])
    queue = jobs.rq_queue(app)
    try:
        with app.app_context():
            user = make_user(db.session, office=office(db.session, "KZ-ALM"))
            _add_user("rq@jobs.test")
            ok = jobs.enqueue(
                db.session, jobs_tasks.count_users, user_id=user.id, email_domain="jobs.test"
            )
            bad = jobs.enqueue(
                db.session, jobs_tasks.always_fails, reason="disk full", max_attempts=2
            )
            db.session.commit()
            ids = ok.id, bad.id
            assert len(queue) == 2  # on Redis, not run in this process
            assert db.session.get(Job, ok.id).status == JobStatus.QUEUED
            db.session.remove()
        # The worker is a separate process, started as `make worker` starts it, in burst mode.
        worker = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "app", "casetrack", "worker", "--burst"],
            cwd=ROOT,
            env=_worker_env(app),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert worker.returncode == 0, worker.stderr
        with app.app_context():
            done, failed = (db.session.get(Job, i) for i in ids)
            assert done.status == JobStatus.SUCCEEDED, done.error
            assert done.result["users"] == 1 and done.done == 3
            assert failed.status == JobStatus.FAILED
            assert failed.attempts == 2 and failed.error == "ValueError: disk full"
            db.session.remove()
            db.engine.dispose()
    finally:
        queue.empty()
        connection = queue.connection
        for key in connection.scan_iter(f"rq:*{queue_name}*"):
            connection.delete(key)
        backend.drop(url)
        time.sleep(0)
