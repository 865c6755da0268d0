"""Attachments in the API: upload (multipart), list, and the exact bytes.

``POST /requests/{id}/attachments`` and ``POST /cases/{id}/attachments`` take a multipart
body with ``file`` and optional ``kind``, ``title``, ``language``, ``replaces`` (the id of
the attachment this file is a new version of) and, on a request, ``step_id``. The answer is
201 with the stored attachment. A refused file answers 422 (type, empty, bad field) or 413
(over ``CASETRACK_ATTACHMENT_MAX_MB``) and nothing is stored.
"""

from __future__ import annotations

from flask import abort as http_abort
from flask_login import current_user
from flask_smorest import abort
from flask_smorest.fields import Upload
from marshmallow import Schema, fields

from casetrack import access
from casetrack.api import api_blueprint
from casetrack.attachments import responses, services
from casetrack.attachments.inputs import AttachmentInput
from casetrack.db import db
from casetrack.handlers import api_call, loads
from casetrack.mla import queries as mla_queries
from casetrack.models import Attachment, Case, Request

blp = api_blueprint("api_attachments", __name__, "Files of cases and requests")


@blp.before_request
def content_readers_only():
    """Answer 404 to roles that never read case content (coordinators, admins)."""
    if current_user.is_authenticated and not access.can_see_content(current_user):
        http_abort(404)


class SignatureSchema(Schema):
    status = fields.String(metadata={"description": "none, valid or invalid"})
    signer = fields.String()
    is_trusted = fields.Boolean()
    detail = fields.String()


class AttachmentSchema(Schema):
    id = fields.Integer()
    series_id = fields.Integer()
    version = fields.Integer()
    case_id = fields.Integer(allow_none=True)
    request_id = fields.Integer(allow_none=True)
    side = fields.Function(lambda a: a.side.value if a.side else None)
    step_id = fields.Integer(attribute="status_change_id", allow_none=True)
    kind = fields.Function(lambda a: a.kind.value)
    title = fields.String()
    language = fields.String()
    file_name = fields.String()
    media_type = fields.String()
    size = fields.Integer()
    sha256 = fields.String()
    page_count = fields.Integer(allow_none=True)
    signature = fields.Nested(SignatureSchema, allow_none=True)
    uploaded_by = fields.Function(lambda a: a.uploaded_by.name if a.uploaded_by else None)
    created_at = fields.DateTime()
    url = fields.Function(lambda a: f"/api/v1/attachments/{a.id}")


#: The form fields beside the file: the schema the upload form checks with too.
UploadFields = AttachmentInput


class UploadFile(Schema):
    file = Upload(required=True)


def _store(store, form: dict, files: dict):
    upload = files["file"]
    item = services.Upload(
        data=upload.read(),
        file_name=upload.filename or "",
        kind=form["kind"],
        title=form["title"],
        language=form["language"],
        replaces=form["replaces"],
        step_id=form.get("step_id"),
    )

    def stored():
        try:
            return store(item)
        except services.InvalidUpload as error:
            abort(error.status, message=str(error), fields=error.fields)

    return api_call(stored)


@blp.route("/requests/<int:request_id>/attachments", methods=["POST"])
@blp.arguments(UploadFields, location="form")
@blp.arguments(UploadFile, location="files")
@blp.response(201, AttachmentSchema)
@loads(Request, "request_id", "req", using=mla_queries.load)
def upload_to_request(form, files, req: Request):
    """Attach a file to a request on the caller's side (annex, or response material)."""
    return _store(
        lambda item: services.attach_to_request(db.session, current_user, req, item), form, files
    )


@blp.route("/requests/<int:request_id>/attachments")
@blp.response(200, AttachmentSchema(many=True))
@loads(Request, "request_id", "req", using=mla_queries.load)
def list_request_attachments(req: Request):
    """List every version of the request's files the caller may see."""
    return services.for_request(db.session, current_user, req)


@blp.route("/cases/<int:case_id>/attachments", methods=["POST"])
@blp.arguments(UploadFields, location="form")
@blp.arguments(UploadFile, location="files")
@blp.response(201, AttachmentSchema)
@loads(Case, "case_id")
def upload_to_case(form, files, case: Case):
    """Attach a file to a case of the caller's office."""
    form.pop("step_id", None)
    return _store(
        lambda item: services.attach_to_case(db.session, current_user, case, item), form, files
    )


@blp.route("/cases/<int:case_id>/attachments")
@blp.response(200, AttachmentSchema(many=True))
@loads(Case, "case_id")
def list_case_attachments(case: Case):
    """List every version of the case's files."""
    return services.for_case(db.session, current_user, case)


@blp.route("/attachments/<int:attachment_id>/meta")
@blp.response(200, AttachmentSchema)
@loads(Attachment, "attachment_id")
def get_attachment_meta(attachment: Attachment):
    """Describe one attachment (type, hash, pages, signature)."""
    return attachment


@blp.route("/attachments/<int:attachment_id>")
@blp.doc(
    responses={
        "200": {
            "description": "the file's bytes, in the file's own media type",
            "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
        },
        "default": {"$ref": "#/components/responses/DEFAULT_ERROR"},
    }
)
@loads(Attachment, "attachment_id")
def download(attachment: Attachment):
    """Return the attachment's bytes exactly as uploaded, as a download."""
    data = api_call(lambda: services.content(db.session, current_user, attachment))
    return responses.download(data, attachment.file_name, attachment.media_type, attachment.sha256)
