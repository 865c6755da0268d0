"""What templates/attachments/_list.html needs, for the request and case pages."""

from __future__ import annotations

from flask import url_for
from sqlalchemy.orm import Session

from casetrack.attachments import services
from casetrack.attachments.forms import KIND_LABELS, UploadForm
from casetrack.models import Case, Request, User


def _context(rows, upload_url, mine) -> dict:
    return {
        "attachments": rows,
        "upload_url": upload_url,
        "upload_form": UploadForm(formdata=None),
        "kind_labels": KIND_LABELS,
        "versionable": mine,
        "max_mb": f"{services.max_bytes() / (1024 * 1024):g}",
    }


def for_request(session: Session, user: User, request: Request) -> dict:
    """The request's visible files and, for a side that may add files, the upload form."""
    rows = services.as_rows(services.for_request(session, user, request))
    side = services.upload_side(user, request)
    mine = [row for row in rows if side is not None and row["current"].side == side]
    url = url_for("attachments.upload_to_request", request_id=request.id) if side else None
    return _context(rows, url, mine)


def for_case(session: Session, user: User, case: Case) -> dict:
    """The case's files and the upload form for its office's people."""
    rows = services.as_rows(services.for_case(session, user, case))
    allowed = services.can_upload_to_case(user, case)
    url = url_for("attachments.upload_to_case", case_id=case.id) if allowed else None
    return _context(rows, url, rows if allowed else [])
