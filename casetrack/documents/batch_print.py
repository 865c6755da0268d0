"""Batch printing: the requests a user may print together, and them laid out as one zip or one
PDF.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from sqlalchemy.orm import Session, selectinload

from casetrack import access, clock
from casetrack.documents import rendering
from casetrack.documents.services import _countries, _html, file_name, latest_issued, load_request
from casetrack.models import (
    DocumentKind,
    Request,
    RequestStatus,
    User,
)

#: The most requests one batch prints, so that one page view stays within a minute.
BATCH_LIMIT = 50


@dataclass
class BatchFilter:
    """What the batch page lists: direction (outgoing, incoming or both) and status."""

    direction: str = ""
    status: str = ""


def batch_candidates(session: Session, user: User, chosen: BatchFilter, limit: int = 200):
    """The user's visible requests matching the filter, newest first, at most ``limit``."""
    stmt = access.scoped(Request, user).options(
        selectinload(Request.requesting_office), selectinload(Request.requested_office)
    )
    if chosen.direction == "outgoing":
        stmt = stmt.where(access.office_in_scope(user, Request.requesting_office_id))
    elif chosen.direction == "incoming":
        stmt = stmt.where(access.office_in_scope(user, Request.requested_office_id))
    if chosen.status:
        stmt = stmt.where(Request.status == RequestStatus(chosen.status))
    return list(session.scalars(stmt.order_by(Request.created_at.desc()).limit(limit)))


def batch_requests(session: Session, user: User, ids: list[int]) -> list[Request] | None:
    """Load every chosen request, in the order given, or None if any is not the user's to see."""
    found = {
        r.id: r for r in session.scalars(access.scoped(Request, user).where(Request.id.in_(ids)))
    }
    if len(found) != len(set(ids)):
        return None
    return [found[i] for i in dict.fromkeys(ids)]


def _batch_item(session, user, request, lang, countries, today):
    """One request document of a batch: (file name, stored bytes or laid-out preview)."""
    stored = latest_issued(session, request, DocumentKind.REQUEST, lang)
    if stored is not None:
        return stored.file_name, stored.content, None
    load_request(session, user, request.id)
    html = _html(session, request, DocumentKind.REQUEST, lang, user, True, today, countries)
    return file_name(request, DocumentKind.REQUEST, lang, None), None, html


def batch_zip(
    session: Session, user: User, requests: list[Request], lang: str, on_progress=None
) -> bytes:
    """A ZIP of each request's document: the latest issued version, else a DRAFT preview."""
    countries, today = _countries(session), clock.today()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for request in requests:
            name, stored, html = _batch_item(session, user, request, lang, countries, today)
            # One document at a time: its layout is dropped before the next is rendered.
            archive.writestr(name, stored if stored is not None else rendering.write_pdf(html))
            session.expire_all()
            if on_progress is not None:
                on_progress(len(archive.namelist()))
    return buffer.getvalue()


def batch_pdf(
    session: Session, user: User, requests: list[Request], lang: str, on_progress=None
) -> bytes:
    """One PDF holding each request's document, each keeping its own page numbering."""
    # pypdf joins finished PDFs, so that issued versions go in byte for byte and only one
    # document is laid out at a time. (It comes with the test extra that `make` installs.)
    from pypdf import PdfWriter

    countries, today = _countries(session), clock.today()
    writer = PdfWriter()
    for done, request in enumerate(requests, start=1):
        _name, stored, html = _batch_item(session, user, request, lang, countries, today)
        writer.append(io.BytesIO(stored if stored is not None else rendering.write_pdf(html)))
        session.expire_all()
        if on_progress is not None:
            on_progress(done)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
