"""Formal documents of a request: who may issue which, previews, issued versions, batches.

Rules (SPEC §5, decided here and shared by the pages and the API):

* The side that sends a document issues it: the requesting side issues the request and the
  reminder; the requested side issues the acknowledgement and the execution (or refusal)
  letter. The requesting side never issues its counterpart's letters, not even for a
  counterpart that does not work on casetrack: that office sends its own paper letter.
* Whoever may see the request may preview its documents and download the issued ones.
* The request can be issued only when its legal bases' required items are all present;
  the reminder only while a time limit owed by the other side is overdue; the execution
  letter only once the request is executed, partially executed or refused; the
  acknowledgement only once the request has been received.
* An issued document is stored with its SHA-256 and never changes; issuing again makes the
  next version for that request, kind and language.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from flask import abort, render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from casetrack import access, clock, labels
from casetrack.db import utcnow
from casetrack.deadlines import state as deadline_state
from casetrack.documents import content, rendering, signing
from casetrack.documents.labels import DOCUMENT_LANGUAGES
from casetrack.mla import completeness
from casetrack.models import (
    UNSENT_STATUSES,
    Asset,
    AssetOwner,
    Attachment,
    AttachmentSide,
    Country,
    Deadline,
    Document,
    DocumentKind,
    Party,
    Request,
    RequestAsset,
    RequestLegalBasis,
    RequestParty,
    RequestStatus,
    Treaty,
    User,
)

#: The generated kinds, in the order a request's life produces them.
KINDS = (
    DocumentKind.REQUEST,
    DocumentKind.ACKNOWLEDGEMENT,
    DocumentKind.REMINDER,
    DocumentKind.EXECUTION,
)
OUTCOME_STATUSES = (
    RequestStatus.EXECUTED,
    RequestStatus.PARTIALLY_EXECUTED,
    RequestStatus.REFUSED,
)
PDF = "application/pdf"


class NotAvailable(Exception):
    """The document cannot be produced in the request's present state (answered 409)."""


class NotAllowed(Exception):
    """The user's side of the request does not issue this document (answered 403)."""


def parse_kind(value: str) -> DocumentKind | None:
    """Return the generated kind named ``value``, or None."""
    for kind in KINDS:
        if kind.value == value:
            return kind
    return None


def parse_language(value: str | None, default: str = "en") -> str | None:
    """Return a document language (en, ru, en-ru), the default when absent, None if invalid."""
    if value is None or value == "":
        return default
    return value if value in DOCUMENT_LANGUAGES else None


def load_request(session: Session, user: User, request_id) -> Request:
    """Load a request the user may see, with everything its documents print, or 404."""
    request = access.get_or_404(session, Request, user, request_id)
    # One round of eager loads for the whole request, instead of a query per person.
    session.scalars(
        select(Request)
        .where(Request.id == request.id)
        .options(
            selectinload(Request.legal_bases)
            .selectinload(RequestLegalBasis.treaty)
            .selectinload(Treaty.requirements),
            selectinload(Request.persons)
            .selectinload(RequestParty.party)
            .selectinload(Party.names),
            selectinload(Request.persons)
            .selectinload(RequestParty.party)
            .selectinload(Party.documents),
            selectinload(Request.assets)
            .selectinload(RequestAsset.asset)
            .selectinload(Asset.owners)
            .selectinload(AssetOwner.party),
            selectinload(Request.history),
        )
    ).all()
    return request


def overdue_deadlines(session: Session, request: Request, today: date) -> list[content.Overdue]:
    """The time limits the other side owes on ``request`` that have passed unmet."""
    rows = session.scalars(
        select(Deadline)
        .where(
            Deadline.request_id == request.id,
            deadline_state.overdue(today),
            Deadline.owner_office_id != request.requesting_office_id,
        )
        .order_by(Deadline.due_on)
    )
    return [
        content.Overdue(row.kind.value, row.due_on, -deadline_state.days_left(today, row))
        for row in rows
    ]


def check_available(
    session: Session, request: Request, kind: DocumentKind, today: date
) -> list[content.Overdue]:
    """Refuse a document the request's state does not call for; return the overdue limits."""
    overdue: list[content.Overdue] = []
    if kind == DocumentKind.ACKNOWLEDGEMENT and request.status in (
        *UNSENT_STATUSES,
        RequestStatus.SENT,
    ):
        raise NotAvailable(_("An acknowledgement is issued once the request has been received."))
    if kind == DocumentKind.REMINDER:
        overdue = overdue_deadlines(session, request, today)
        if request.status in (*OUTCOME_STATUSES, RequestStatus.WITHDRAWN) or not overdue:
            raise NotAvailable(
                "A reminder is issued only while a time limit of the request is overdue; none is."
            )
    if kind == DocumentKind.EXECUTION and request.status not in OUTCOME_STATUSES:
        raise NotAvailable(
            _(
                "An execution letter is issued once the request is executed, partially "
                "executed or refused."
            )
        )
    return overdue


def _countries(session: Session) -> dict[str, tuple[str, str]]:
    return {c.code: (c.name_en, c.name_ru) for c in session.scalars(select(Country))}


def render(
    session: Session,
    request: Request,
    kind: DocumentKind,
    lang: str,
    user: User,
    *,
    is_draft: bool,
    today: date | None = None,
    with_requirements: bool = False,
) -> bytes:
    """Render one document of ``request`` as PDF bytes (a draft is marked DRAFT)."""
    return rendering.write_pdf(
        _html(session, request, kind, lang, user, is_draft, today, None, with_requirements)
    )


def _file_row(attachment: Attachment) -> content.FileRow:
    return content.FileRow(
        id=attachment.id,
        title=attachment.title,
        file_name=attachment.file_name,
        kind=attachment.kind.value,
        language=attachment.language,
        pages=attachment.page_count,
        sha256=attachment.sha256,
    )


def annex_files(session: Session, request: Request) -> list[Attachment]:
    """The request's annexes: the newest version of each of the requesting side's files."""
    from casetrack.attachments.services import latest

    rows = session.scalars(
        select(Attachment)
        .where(
            Attachment.request_id == request.id,
            Attachment.side == AttachmentSide.REQUESTING,
            Attachment.status_change_id.is_(None),
        )
        .order_by(Attachment.id)
    )
    return latest(list(rows))


def enclosures(session: Session, request: Request) -> list[Attachment]:
    """The files the request's outcome step encloses (execution material, refusal reasons)."""
    outcome = content.last_outcome(request)
    if outcome is None or outcome.id is None:
        return []
    return list(
        session.scalars(
            select(Attachment)
            .where(Attachment.status_change_id == outcome.id)
            .order_by(Attachment.id)
        )
    )


def _html(
    session, request, kind, lang, user, is_draft, today, countries=None, with_requirements=False
) -> str:
    today = today or clock.today()
    overdue = check_available(session, request, kind, today)
    letter = content.Letter(
        kind=kind,
        lang=lang,
        issued_on=today,
        user=user,
        is_draft=is_draft,
        countries=countries if countries is not None else _countries(session),
        overdue=overdue,
        annex_files=[_file_row(a) for a in annex_files(session, request)],
        enclosures=[_file_row(a) for a in enclosures(session, request)]
        if kind == DocumentKind.EXECUTION
        else [],
        with_requirements=with_requirements,
    )
    return render_template(f"pdf/{kind.value}.html", doc=content.build(request, letter))


def issuing_office(request: Request, kind: DocumentKind):
    """The office that sends (and signs) a document of ``kind``."""
    if access.ISSUING_SIDE[kind] == access.Side.REQUESTING:
        return request.requesting_office
    return request.requested_office


def file_name(request: Request, kind: DocumentKind, lang: str, version: int | None) -> str:
    """A file name that says what the file is: KZ-ALM-2026-1_request_en-ru_v2.pdf."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", request.reference).strip("-")
    suffix = f"_v{version}" if version else "_draft"
    return f"{stem}_{kind.value}_{lang}{suffix}.pdf"


def issue(
    session: Session,
    request: Request,
    kind: DocumentKind,
    lang: str,
    user: User,
    today: date | None = None,
) -> Document:
    """Render and store the next version of a document; it never changes afterwards."""
    if not access.can_issue(user, request, kind):
        raise NotAllowed(_("Only the side of the request that sends this document issues it."))
    if kind == DocumentKind.REQUEST:
        missing = completeness.missing_items(request)
        if missing:
            lang = str(get_locale() or "en")
            raise NotAvailable(
                _(
                    "The request lacks what its legal basis requires: %(items)s",
                    items="; ".join(
                        f"{item.label(lang)} ({item.citation(lang)})" for item in missing
                    ),
                )
            )
        if request.status == RequestStatus.WITHDRAWN:
            raise NotAvailable(_("A withdrawn request is not issued."))
    pdf = render(session, request, kind, lang, user, is_draft=False, today=today)
    # Signed with the key of the issuing user's office (a central authority transmitting the
    # request signs as itself), else of the office the letter is from; unsigned without one.
    signer = next(
        (
            code
            for code in (user.office.code, issuing_office(request, kind).code)
            if signing.can_sign(code)
        ),
        None,
    )
    signed_by = ""
    if signer is not None:
        pdf = signing.sign(pdf, signer)
        signed_by = signing.check(pdf)["signer"]
    previous = session.scalar(
        select(func.max(Document.version)).where(
            Document.request_id == request.id,
            Document.kind == kind,
            Document.language == lang,
        )
    )
    version = (previous or 0) + 1
    document = Document(
        request_id=request.id,
        kind=kind,
        language=lang,
        version=version,
        file_name=file_name(request, kind, lang, version),
        media_type=PDF,
        size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
        content=pdf,
        signed_by=signed_by,
        created_by_id=user.id,
        created_at=utcnow(),
    )
    session.add(document)
    session.flush()
    return document


def issued_documents(session: Session, request: Request) -> list[Document]:
    """The issued versions of a request's documents, newest first."""
    return list(
        session.scalars(
            select(Document)
            .where(Document.request_id == request.id, Document.kind.in_(KINDS))
            .options(selectinload(Document.created_by))
            .order_by(Document.created_at.desc(), Document.id.desc())
        )
    )


def latest_issued(
    session: Session, request: Request, kind: DocumentKind, lang: str
) -> Document | None:
    """The newest issued version of one kind and language, or None."""
    return session.scalar(
        select(Document)
        .where(
            Document.request_id == request.id,
            Document.kind == kind,
            Document.language == lang,
        )
        .order_by(Document.version.desc())
        .limit(1)
    )


def partial_context(session: Session, user: User, request: Request) -> dict:
    """What templates/documents/_request_documents.html needs to show one request's documents."""
    unavailable: dict[str, str] = {}
    for kind in KINDS:
        try:
            check_available(session, request, kind, clock.today())
        except NotAvailable as refusal:
            # No preview button that would only answer 409: say why instead.
            unavailable[kind.value] = str(refusal)
    return {
        "request_obj": request,
        "documents": issued_documents(session, request),
        "can_issue": {kind.value: access.can_issue(user, request, kind) for kind in KINDS},
        "unavailable": unavailable,
        "kind_names": {kind.value: labels.sentence(labels.label(kind)) for kind in KINDS},
    }


def get_document(session: Session, user: User, document_id) -> Document:
    """Load a document the user may download, or 404 (coordinators and admins never may)."""
    if not access.can_see_content(user):
        abort(404)
    return access.get_or_404(session, Document, user, document_id)
