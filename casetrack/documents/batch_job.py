"""Batch printing as a job: up to BATCH_LIMIT documents laid out outside the web request.

The page answers at once with the job's status page; the job renders one document at a
time, reports its progress after each, and keeps the combined PDF (or the ZIP) for its user.
"""

from __future__ import annotations

from sqlalchemy import select

from casetrack import jobs
from casetrack.db import utcnow
from casetrack.documents import batch_print
from casetrack.models import User


@jobs.task
def print_batch(ctx: jobs.JobContext, request_ids: list[int], lang: str, output: str) -> dict:
    """Lay out the chosen requests' documents into one PDF or a ZIP, reporting progress."""
    session = ctx.session
    user = session.scalar(select(User).where(User.id == ctx.job.user_id))
    if user is None or not user.is_active:
        raise jobs.JobFailed("the user who asked for the batch no longer exists")
    chosen = batch_print.batch_requests(session, user, request_ids)
    if chosen is None:
        # Access may have changed since the batch was asked for: print nothing.
        raise jobs.JobFailed("a chosen request is no longer visible to you")
    total = len(chosen)
    ctx.progress(0, total)
    stamp = utcnow().strftime("%Y%m%d-%H%M")

    def step(done: int) -> None:
        ctx.progress(done, total)

    if output == "zip":
        data = batch_print.batch_zip(session, user, chosen, lang, on_progress=step)
        ctx.save_output(f"mla-requests-{stamp}.zip", "application/zip", data)
    else:
        data = batch_print.batch_pdf(session, user, chosen, lang, on_progress=step)
        ctx.save_output(f"mla-requests-{stamp}.pdf", "application/pdf", data)
    return {"documents": total}
