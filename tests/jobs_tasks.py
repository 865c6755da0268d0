"""Job functions used by the job-queue tests (importable by a worker process: PYTHONPATH=tests)."""

from __future__ import annotations

from sqlalchemy import func, select

from casetrack import jobs
from casetrack.models import Office, User


@jobs.task
def count_users(ctx, email_domain: str, chunks: int = 3):
    """Count users with an e-mail in a domain, reporting progress in chunks."""
    for done in range(1, chunks + 1):
        ctx.progress(done, chunks, f"chunk {done}")
    found = ctx.session.scalar(
        select(func.count()).select_from(User).where(User.email.like(f"%@{email_domain}"))
    )
    return {"users": found, "offices": ctx.session.scalar(select(func.count(Office.id)))}


@jobs.task
def always_fails(ctx, reason: str):
    """Fail every attempt with the given reason."""
    raise ValueError(reason)


def not_a_task(ctx):
    """A plain function: the queue refuses to run it."""
    return {}
