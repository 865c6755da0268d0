"""Attachment pages: upload to a case or a request (several files, one request per file when
the page's script sends them with progress), and download."""

from __future__ import annotations

from flask import flash, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casetrack.attachments import pages as attachment_pages
from casetrack.attachments import responses, services
from casetrack.attachments.blueprint import bp
from casetrack.attachments.forms import UploadForm
from casetrack.db import db
from casetrack.handlers import loads, perform
from casetrack.mla import queries as mla_queries
from casetrack.mla.signals import request_page
from casetrack.models import Attachment, Case, Request


def _wants_json() -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def _uploads(form: UploadForm) -> list[services.Upload]:
    return [
        services.Upload(
            data=storage.read(),
            file_name=storage.filename or "",
            kind=form.kind.data,
            # One title for one file; several files are titled by their names.
            title=form.title.data if len(request.files.getlist("file")) == 1 else "",
            language=form.language.data or "",
            replaces=form.replaces.data or None,
        )
        for storage in request.files.getlist("file")
        if storage.filename or storage.content_length
    ]


def _handle(store, back: str):
    """Store every file of the form, or none of them, and answer the page or the script."""
    form = UploadForm()
    if not form.validate():
        message = "; ".join(m for messages in form.errors.values() for m in messages)
        return _answer_error(422, {"form": [message]}, back)
    uploads = _uploads(form)
    if not uploads:
        return _answer_error(422, {"file": [_("Choose at least one file.")]}, back)

    def stored(attachments):
        if _wants_json():
            return jsonify(
                [{"id": a.id, "file_name": a.file_name, "sha256": a.sha256} for a in attachments]
            ), 201
        flash(_("%(count)d file(s) attached.", count=len(attachments)), "success")
        return redirect(back, 303)

    return perform(
        lambda: [store(upload) for upload in uploads],
        done=stored,
        failed=lambda error: _answer_error(error.status, error.fields, back),
        refusals=(services.InvalidUpload,),
    )


def _answer_error(status: int, fields: dict, back: str):
    message = "; ".join(m for messages in fields.values() for m in messages)
    if _wants_json():
        code = {413: "too_large"}.get(status, "invalid")
        return jsonify({"error": {"code": code, "message": message, "fields": fields}}), status
    flash(message, "danger")
    return redirect(back, 303)


@bp.post("/requests/<int:request_id>/attachments")
@login_required
@loads(Request, "request_id", "req", using=mla_queries.load)
def upload_to_request(req: Request):
    """Attach files to a request on the user's side (annexes, or response material)."""
    return _handle(
        lambda upload: services.attach_to_request(db.session, current_user, req, upload),
        url_for("mla.detail", id=req.id) + "#attachments",
    )


@bp.post("/cases/<int:case_id>/attachments")
@login_required
@loads(Case, "case_id")
def upload_to_case(case: Case):
    """Attach files to a case of the user's office."""
    return _handle(
        lambda upload: services.attach_to_case(db.session, current_user, case, upload),
        url_for("cases.detail", case_id=case.id) + "#attachments",
    )


@bp.route("/attachments/<int:attachment_id>")
@login_required
@loads(Attachment, "attachment_id", using=services.get)
def download(attachment: Attachment):
    """Download an attachment exactly as uploaded (never shown in the browser)."""
    return perform(
        lambda: services.content(db.session, current_user, attachment),
        done=lambda data: responses.download(
            data, attachment.file_name, attachment.media_type, attachment.sha256
        ),
    )


@request_page.connect
def _request_page_files(sender, session, user, request):
    """Add the request's files and the upload form to the request's page."""
    return attachment_pages.for_request(session, user, request)
