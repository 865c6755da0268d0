"""Attachments: upload, versions, listing and download, shared by the pages and the API.

Services take a session and flush; the caller commits once. Nothing of a refused upload is
stored: the checks (size, type, name, kind, language) all run before the first row is added.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort, current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from casetrack import access, audit
from casetrack.access import Side
from casetrack.attachments import files
from casetrack.attachments.inputs import AttachmentInput
from casetrack.attachments.storage import get_storage
from casetrack.models import (
    Attachment,
    AttachmentKind,
    AttachmentSide,
    Case,
    Request,
    StatusChange,
    User,
)


class InvalidUpload(ValueError):
    """An upload that may not be stored; ``fields`` maps each field to its messages."""

    def __init__(self, fields: dict[str, list[str]], status: int = 422):
        self.fields = fields
        self.status = status
        super().__init__("; ".join(m for messages in fields.values() for m in messages))


@dataclass
class Upload:
    """One file as received, with what the uploader says of it."""

    data: bytes
    file_name: str
    kind: str = "other"
    title: str = ""
    language: str = ""
    #: The id of the attachment this file is a new version of.
    replaces: Any = None
    #: The id of a step of the request the file belongs to.
    step_id: Any = None


def max_bytes() -> int:
    """The largest file one upload may hold, from configuration."""
    return int(current_app.config["ATTACHMENT_MAX_BYTES"])


def too_large_message() -> str:
    """The message of a 413, saying the limit."""
    limit = max_bytes()
    if limit < 1024 * 1024:
        return _(
            "The file is larger than the limit of %(kb)s KB. Nothing was stored.",
            kb=f"{limit / 1024:.0f}",
        )
    return _(
        "The file is larger than the limit of %(mb)s MB. Nothing was stored.",
        mb=f"{limit / (1024 * 1024):.0f}",
    )


def _check(upload: Upload) -> tuple[str, AttachmentKind]:
    """Validate an upload; return its media type and kind or raise InvalidUpload."""
    errors: dict[str, list[str]] = {}
    if len(upload.data) > max_bytes():
        raise InvalidUpload({"file": [too_large_message()]}, status=413)
    media_type = ""
    try:
        media_type = files.sniff(upload.data)
    except files.RefusedFile as refused:
        errors["file"] = [str(refused)]
    # The page's form and the API check the description with AttachmentInput before calling
    # here; a caller that did not (a job, a script) is checked by the same schema.
    described = {"kind": upload.kind or "other", "title": upload.title or ""}
    errors.update(AttachmentInput(only=("kind", "title")).validate(described))
    kind = AttachmentKind(described["kind"]) if "kind" not in errors else AttachmentKind.OTHER
    language = (upload.language or "").strip().lower()
    if language and (len(language) != 2 or not language.isalpha()):
        errors["language"] = [_("Give the language as a two-letter code, e.g. ru, en.")]
    if errors:
        raise InvalidUpload(errors)
    return media_type, kind


def can_upload_to_case(user: User, case: Case) -> bool:
    """Tell whether the user may attach files to the case (its own office's people)."""
    return access.can_see_content(user) and access.is_office_in_scope(user, case.office)


def upload_side(user: User, request: Request) -> AttachmentSide | None:
    """The side whose files the user adds to ``request``, or None if they may add none."""
    if not access.can_see_content(user):
        return None
    side = access.request_side(user, request)
    if side == Side.REQUESTING:
        return AttachmentSide.REQUESTING
    if side == Side.REQUESTED:
        return AttachmentSide.REQUESTED
    return None


def _previous(
    session: Session, user: User, replaces: Any, *, case_id=None, request_id=None, side=None
) -> Attachment | None:
    if replaces in (None, ""):
        return None
    try:
        replaces = int(replaces)
    except (TypeError, ValueError):
        raise InvalidUpload(
            {"replaces": [_("Choose the file this is a new version of.")]}
        ) from None
    old = session.scalar(access.scoped(Attachment, user).where(Attachment.id == replaces))
    if (
        old is None
        or old.case_id != case_id
        or old.request_id != request_id
        or (side is not None and old.side != side)
    ):
        raise InvalidUpload({"replaces": [_("Choose the file this is a new version of.")]})
    return old


def _step(session: Session, request: Request, step_id: Any) -> StatusChange | None:
    if step_id in (None, ""):
        return None
    try:
        step = session.get(StatusChange, int(step_id))
    except (TypeError, ValueError):
        step = None
    if step is None or step.request_id != request.id:
        raise InvalidUpload({"step_id": [_("Choose a step of this request.")]})
    return step


def _store(session: Session, user: User, upload: Upload, previous, **parent) -> Attachment:
    media_type, kind = _check(upload)
    name = files.clean_name(upload.file_name, media_type)
    signature = None
    if media_type == files.PDF:
        from casetrack.documents import signing

        signature = signing.check(upload.data)
    digest = get_storage().put(session, upload.data)
    version, series_id = 1, None
    if previous is not None:
        series_id = previous.series_id or previous.id
        version = (
            session.scalar(
                select(func.max(Attachment.version)).where(
                    (Attachment.series_id == series_id) | (Attachment.id == series_id)
                )
            )
            or 1
        ) + 1
    attachment = Attachment(
        **parent,
        series_id=series_id,
        version=version,
        kind=kind,
        title=(upload.title or "").strip() or name,
        language=(upload.language or "").strip().lower(),
        file_name=name,
        media_type=media_type,
        size=len(upload.data),
        sha256=digest,
        page_count=files.page_count(upload.data, media_type),
        signature=signature,
        uploaded_by_id=user.id,
    )
    session.add(attachment)
    session.flush()
    if attachment.series_id is None:
        attachment.series_id = attachment.id
        session.flush()
    return attachment


def attach_to_case(session: Session, user: User, case: Case, upload: Upload) -> Attachment:
    """Store a file of a case (only its office's people may)."""
    if not can_upload_to_case(user, case):
        abort(404)
    previous = _previous(session, user, upload.replaces, case_id=case.id)
    return _store(session, user, upload, previous, case_id=case.id)


def attach_to_request(session: Session, user: User, request: Request, upload: Upload) -> Attachment:
    """Store a file of a request on the user's side (annex or response material)."""
    side = upload_side(user, request)
    if side is None:
        abort(404)
    step = _step(session, request, upload.step_id)
    previous = _previous(session, user, upload.replaces, request_id=request.id, side=side)
    return _store(
        session,
        user,
        upload,
        previous,
        request_id=request.id,
        side=side,
        status_change_id=step.id if step else None,
    )


def _listed(session: Session, user: User, **where) -> list[Attachment]:
    stmt = (
        access.scoped(Attachment, user)
        .filter_by(**where)
        .options(selectinload(Attachment.uploaded_by))
        .order_by(Attachment.series_id, Attachment.version)
    )
    return list(session.scalars(stmt))


def for_case(session: Session, user: User, case: Case) -> list[Attachment]:
    """Every version of the case's files the user may see, oldest first per file."""
    return _listed(session, user, case_id=case.id)


def for_request(session: Session, user: User, request: Request) -> list[Attachment]:
    """Every version of the request's files the user may see, oldest first per file."""
    return _listed(session, user, request_id=request.id)


def latest(attachments: list[Attachment]) -> list[Attachment]:
    """The newest version of each file, in upload order of the first version."""
    newest: dict[int, Attachment] = {}
    for attachment in attachments:
        key = attachment.series_id or attachment.id
        if key not in newest or attachment.version > newest[key].version:
            newest[key] = attachment
    return sorted(newest.values(), key=lambda a: a.series_id or a.id)


def get(session: Session, user: User, attachment_id: Any) -> Attachment:
    """Load an attachment the user may see, or 404."""
    return access.get_or_404(session, Attachment, user, attachment_id)


def content(session: Session, user: User, attachment: Attachment) -> bytes:
    """Return the attachment's bytes and record who downloaded what."""
    data = get_storage().get(session, attachment.sha256)
    audit.record(
        session,
        "attachment.download",
        attachment,
        file_name=attachment.file_name,
        sha256=attachment.sha256,
        request_id=attachment.request_id,
        case_id=attachment.case_id,
    )
    audit.write_recorded(session)
    return data


def as_rows(attachments: list[Attachment]) -> list[dict]:
    """Plain rows for a page: the newest version of each file, with its older versions."""
    by_series: dict[int, list[Attachment]] = {}
    for attachment in attachments:
        by_series.setdefault(attachment.series_id or attachment.id, []).append(attachment)
    rows = []
    for versions in by_series.values():
        versions.sort(key=lambda a: a.version)
        rows.append({"current": versions[-1], "older": list(reversed(versions[:-1]))})
    return rows
