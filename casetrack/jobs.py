"""The job queue: long work runs outside the web request, on RQ (Redis) or in the app's process.

A job is two things: a status record in the database (``jobs`` table: status, progress,
result, the reason of the last failure), which every app server and the page that started the
job can read, and a message on the queue that names the record. The message is sent only
after the transaction that created the record commits, so a worker never looks for a record
that is not there yet and a rolled-back change never starts work.

Modes (``CASETRACK_JOBS``):

- ``eager`` — run the job right after the commit, in the same process and thread (tests,
  command-line tools that want the result before they exit);
- ``thread`` — the embedded default: one background thread of the app's own process runs the
  jobs in order, so ``make run`` needs nothing else and a page still returns at once;
- ``rq`` — deployments: the message goes to Redis and ``make worker`` (``flask --app app
  casetrack worker``) runs it; RQ retries it and keeps the failed ones in its registry.

A job function is declared with :func:`task` and receives a :class:`JobContext`: its own
session (the job commits its work in chunks through ``ctx.progress``) and the record.
"""

from __future__ import annotations

import importlib
import logging
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import click
from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    jsonify,
    make_response,
    render_template,
    url_for,
)
from flask.cli import with_appcontext
from flask_login import current_user, login_required
from sqlalchemy import event, update
from sqlalchemy.orm import Session

from casetrack import audit, labels
from casetrack.db import db, utcnow
from casetrack.models import Job, JobStatus

log = logging.getLogger(__name__)

MODES = ("eager", "thread", "rq")
_PENDING = "casetrack.jobs.pending"
_TASK_FLAG = "_casetrack_task"
#: The app a worker process runs jobs with (set by the ``worker`` command).
_worker_app: Flask | None = None
_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()

bp = Blueprint("jobs", __name__, url_prefix="/jobs")


class JobFailed(Exception):
    """A job gave up for a reason the user should read (no retry helps)."""


def task(function: Callable) -> Callable:
    """Declare a job function: ``function(ctx, **params)`` returning a JSON-able result."""
    setattr(function, _TASK_FLAG, True)
    return function


def kind_of(function: Callable) -> str:
    """Return the name a job function is queued under (its module and name)."""
    if not getattr(function, _TASK_FLAG, False):
        raise ValueError(f"{function!r} is not declared with casetrack.jobs.task")
    return f"{function.__module__}:{function.__qualname__}"


def _resolve(kind: str) -> Callable:
    module_name, _, name = kind.partition(":")
    function = getattr(importlib.import_module(module_name), name, None)
    # Only declared tasks run: a forged record cannot call an arbitrary function.
    if function is None or not getattr(function, _TASK_FLAG, False):
        raise LookupError(f"no job function {kind}")
    return function


@dataclass
class JobContext:
    """What a running job sees: its session, its record, and a way to report progress."""

    session: Session
    job: Job

    @property
    def params(self) -> dict:
        return self.job.params or {}

    def progress(self, done: int, total: int | None = None, message: str | None = None) -> None:
        """Commit the work done so far and show how far the job got (call between chunks)."""
        self.job.done = done
        if total is not None:
            self.job.total = total
        if message is not None:
            self.job.message = message[:255]
        self.session.commit()

    def save_output(self, name: str, media_type: str, data: bytes) -> None:
        """Keep the file the job made, for its user to download from the status page."""
        self.job.output = data
        self.job.output_name = name[:255]
        self.job.output_type = media_type[:100]


def enqueue(
    session: Session,
    function: Callable,
    *,
    user_id: int | None = None,
    office_id: int | None = None,
    total: int = 0,
    message: str = "",
    max_attempts: int | None = None,
    **params: Any,
) -> Job:
    """Create a job's record in ``session``; it is sent to the queue once the session commits."""
    job = Job(
        kind=kind_of(function),
        params=params,
        status=JobStatus.QUEUED,
        total=total,
        message=message[:255],
        user_id=user_id,
        office_id=office_id,
        max_attempts=max_attempts or current_app.config.get("JOB_MAX_ATTEMPTS", 3),
    )
    session.add(job)
    session.flush()
    session.info.setdefault(_PENDING, []).append(job.id)
    return job


@event.listens_for(Session, "after_commit")
def _dispatch_after_commit(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    app = current_app._get_current_object()
    for job_id in pending:
        dispatch(app, job_id)


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    # The records were rolled back with the change: nothing to send.
    session.info.pop(_PENDING, None)


def mode(app: Flask) -> str:
    value = app.config.get("JOBS_MODE", "thread")
    if value not in MODES:
        raise RuntimeError(f"CASETRACK_JOBS must be one of {', '.join(MODES)}, not {value!r}")
    return value


def dispatch(app: Flask, job_id: int) -> None:
    """Send a committed job to whatever runs jobs in this deployment."""
    chosen = mode(app)
    if chosen == "eager":
        # Run in a thread of its own and wait for it: the job sees no web request (as in a
        # worker), and its session never waits for a lock this request's session holds.
        worker = threading.Thread(target=run, args=(app, job_id, True), name="casetrack-eager")
        worker.start()
        worker.join()
    elif chosen == "thread":
        _thread_executor().submit(run, app, job_id, True)
    else:
        try:
            _rq_enqueue(app, job_id)
        except Exception as error:  # Redis down: say so on the record instead of losing it.
            log.exception("could not queue job %s", job_id)
            _finish(app, job_id, JobStatus.FAILED, error=f"queue unavailable: {error}")


def _thread_executor() -> ThreadPoolExecutor:
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="casetrack-job")
        return _executor


def redis_connection(app: Flask):
    from redis import Redis

    return Redis.from_url(app.config.get("REDIS_URL", "redis://127.0.0.1:6379/0"))


def rq_queue(app: Flask):
    from rq import Queue

    return Queue(app.config.get("JOB_QUEUE", "casetrack"), connection=redis_connection(app))


def _rq_enqueue(app: Flask, job_id: int) -> None:
    from rq import Retry

    with app.app_context():
        max_attempts = db.session.get(Job, job_id).max_attempts
        db.session.remove()
    intervals = app.config.get("JOB_RETRY_INTERVALS", [10, 60])
    retry = Retry(max=max_attempts - 1, interval=intervals) if max_attempts > 1 else None
    rq_queue(app).enqueue_call(
        "casetrack.jobs.perform",
        args=(job_id,),
        retry=retry,
        timeout=app.config.get("JOB_TIMEOUT", 3600),
        result_ttl=3600,
        failure_ttl=7 * 24 * 3600,
        description=f"casetrack job {job_id}",
    )


def perform(job_id: int) -> None:
    """Run one attempt of a job in a worker; raise when it failed so that RQ retries it."""
    global _worker_app
    if _worker_app is None:
        from casetrack import create_app

        _worker_app = create_app()
    status = run(_worker_app, job_id, attempts_left=False)
    if status not in (JobStatus.SUCCEEDED, None):
        raise RuntimeError(f"casetrack job {job_id} {status.value}")


def _finish(app: Flask, job_id: int, status: JobStatus, **values) -> None:
    with app.app_context(), Session(db.engine) as session, session.begin():
        session.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(status=status, finished_at=utcnow(), **values)
        )


def run(app: Flask, job_id: int, attempts_left: bool) -> JobStatus | None:
    """Run a job: one attempt, or (``attempts_left``) every attempt it has until one succeeds.

    Returns the status the record ends with; never raises for a failing job.
    """
    with app.app_context():
        while True:
            status = _attempt(job_id)
            if status != JobStatus.RETRYING or not attempts_left:
                return status


def _attempt(job_id: int) -> JobStatus | None:
    with Session(db.engine, expire_on_commit=False) as session:
        job = session.get(Job, job_id)
        if job is None or job.is_finished:
            return None if job is None else job.status
        job.status = JobStatus.RUNNING
        job.attempts += 1
        job.started_at = job.started_at or utcnow()
        session.commit()
        audit.set_actor(session, job.user_id)
        try:
            function = _resolve(job.kind)
            result = function(JobContext(session, job), **(job.params or {}))
            job.status = JobStatus.SUCCEEDED
            job.result = result
            job.error = None
            job.finished_at = utcnow()
            if job.total and job.done < job.total:
                job.done = job.total
            session.commit()
            return JobStatus.SUCCEEDED
        except Exception as error:
            session.rollback()
            reason = f"{type(error).__name__}: {error}"
            log.warning(
                "job %s (%s) attempt %s failed: %s",
                job_id,
                job.kind,
                job.attempts,
                traceback.format_exc(),
            )
            give_up = isinstance(error, JobFailed | LookupError) or job.attempts >= job.max_attempts
            job.status = JobStatus.FAILED if give_up else JobStatus.RETRYING
            job.error = reason[:4000]
            if give_up:
                job.finished_at = utcnow()
            session.commit()
            return job.status


def visible_job(session: Session, user, job_id: int) -> Job:
    """Return a job its user may see, or 404 (somebody else's job does not exist for them)."""
    job = session.get(Job, job_id)
    if job is None or job.user_id != user.id:
        abort(404)
    return job


def status_labels() -> dict[str, str]:
    """Name each job status in the interface language."""
    words = labels.labels(JobStatus)
    return {status.value: labels.sentence(text) for status, text in words.items()}


def as_json(job: Job) -> dict:
    """Describe a job's state for the page that polls it."""
    has_file = job.status == JobStatus.SUCCEEDED and bool(job.output_name)
    return {
        "download_url": url_for("jobs.download", job_id=job.id) if has_file else None,
        "file_name": job.output_name or None,
        "id": job.id,
        "status": job.status.value,
        "done": job.done,
        "total": job.total,
        "message": job.message,
        "result": job.result,
        "error": job.error,
        "attempts": job.attempts,
        "max_attempts": job.max_attempts,
        "is_finished": job.is_finished,
    }


@bp.route("/<int:job_id>")
@login_required
def status_page(job_id: int):
    """Show a job's progress; the page polls its JSON until the job is finished."""
    job = visible_job(db.session, current_user, job_id)
    return render_template(
        "jobs/status.html", job=job, state=as_json(job), job_labels=status_labels()
    )


@bp.route("/<int:job_id>.json")
@login_required
def status_json(job_id: int):
    """Answer a job's state as JSON (polled by the status page)."""
    return jsonify(as_json(visible_job(db.session, current_user, job_id)))


@bp.route("/<int:job_id>/download")
@login_required
def download(job_id: int):
    """Download the file a finished job made."""
    job = visible_job(db.session, current_user, job_id)
    if job.status != JobStatus.SUCCEEDED or not job.output_name:
        abort(404)
    response = make_response(job.output)
    response.headers["Content-Type"] = job.output_type
    response.headers["Content-Disposition"] = f'attachment; filename="{job.output_name}"'
    return response


@click.command("worker")
@click.option("--burst", is_flag=True, help="Run the queued jobs, then exit.")
@click.option("--simple", is_flag=True, help="Run jobs in this process instead of a fork.")
@with_appcontext
def worker_command(burst: bool, simple: bool):
    """Run queued jobs from Redis (a deployment's worker; CASETRACK_JOBS=rq on the app)."""
    from rq import SimpleWorker, Worker

    global _worker_app
    _worker_app = current_app._get_current_object()
    queue = rq_queue(_worker_app)
    cls = SimpleWorker if simple else Worker
    # The scheduler moves retries that wait for their interval back onto the queue.
    cls([queue], connection=queue.connection).work(burst=burst, with_scheduler=True)


def init_app(app: Flask) -> None:
    """Check the mode, register the status pages and the worker command."""
    mode(app)
    app.register_blueprint(bp)
