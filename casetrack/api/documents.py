"""Formal documents in the API: a request's issued versions, their bytes, and PDFs by kind.

``GET /requests/{id}/documents/{kind}.pdf?lang=`` answers the latest issued version of that
kind and language when there is one (header ``X-Document-Status: issued``); otherwise it
renders a preview marked DRAFT on every page and stores nothing (``X-Document-Status:
draft``). A preview the request's state does not allow (a reminder with nothing overdue, an
execution letter before the outcome) answers 409.
"""

from __future__ import annotations

from flask import Response
from flask_login import current_user
from flask_smorest import abort
from marshmallow import Schema, fields, validate

from casetrack.api import api_blueprint
from casetrack.db import db
from casetrack.documents import services
from casetrack.documents.labels import DOCUMENT_LANGUAGES
from casetrack.handlers import api_call, load, loads
from casetrack.models import Document, Request

blp = api_blueprint("api_documents", __name__, "Formal documents of requests (PDF)")


class IssuedDocumentSchema(Schema):
    id = fields.Integer()
    request_id = fields.Integer()
    kind = fields.Function(lambda document: document.kind.value)
    language = fields.String()
    version = fields.Integer()
    file_name = fields.String()
    media_type = fields.String()
    size = fields.Integer()
    sha256 = fields.String()
    created_at = fields.DateTime()
    created_by = fields.Function(
        lambda document: document.created_by.name if document.created_by else None
    )
    url = fields.Function(lambda document: f"/api/v1/documents/{document.id}")


class LanguageQuery(Schema):
    lang = fields.String(
        load_default="en",
        validate=validate.OneOf(DOCUMENT_LANGUAGES),
        metadata={"description": "en, ru, or en-ru (side by side)"},
    )
    requirements = fields.Boolean(
        load_default=False,
        metadata={
            "description": "draft preview only: add the annex listing the items the legal "
            "basis requires and where the request holds them"
        },
    )


def _pdf(data: bytes, name: str, status: str) -> Response:
    response = Response(data, mimetype=services.PDF)
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    response.headers["X-Document-Status"] = status
    return response


_PDF_DOC = {
    "responses": {
        "200": {
            "description": "the PDF",
            "headers": {
                "X-Document-Status": {
                    "description": "issued, or draft for a preview",
                    "schema": {"type": "string", "enum": ["issued", "draft"]},
                }
            },
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        },
        "default": {"$ref": "#/components/responses/DEFAULT_ERROR"},
    }
}


@blp.route("/requests/<int:request_id>/documents")
@blp.response(200, IssuedDocumentSchema(many=True))
@loads(Request, "request_id", "request", using=services.load_request)
def list_documents(request: Request):
    """List the issued versions of a request's documents, newest first."""
    return services.issued_documents(db.session, request)


@blp.route("/requests/<int:request_id>/documents/<kind>.pdf")
@blp.arguments(LanguageQuery, location="query")
@blp.doc(**_PDF_DOC)
def request_document(args, request_id: int, kind: str):
    """Return the latest issued version of a kind and language, else a DRAFT preview."""
    document_kind = services.parse_kind(kind)
    if document_kind is None:
        abort(404, message="kind is one of request, acknowledgement, reminder, execution")
    request = load(Request, request_id, using=services.load_request)
    lang = args["lang"]
    stored = services.latest_issued(db.session, request, document_kind, lang)
    if stored is not None:
        return _pdf(stored.content, stored.file_name, "issued")
    try:
        data = services.render(
            db.session,
            request,
            document_kind,
            lang,
            current_user,
            is_draft=True,
            with_requirements=args["requirements"],
        )
    except services.NotAvailable as refusal:
        abort(409, message=str(refusal))
    return _pdf(data, services.file_name(request, document_kind, lang, None), "draft")


@blp.route("/documents/<int:document_id>")
@blp.doc(**_PDF_DOC)
@loads(Document, "document_id", using=services.get_document)
def download(document: Document):
    """Return an issued document's bytes exactly as issued."""
    response = _pdf(document.content, document.file_name, "issued")
    response.headers["X-Content-SHA256"] = document.sha256
    return response


@blp.route("/requests/<int:request_id>/package.zip")
@blp.doc(
    responses={
        "200": {
            "description": "the request package",
            "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
        },
        "default": {"$ref": "#/components/responses/DEFAULT_ERROR"},
    }
)
def package(request_id: int):
    """Return the request package: issued letters, visible files and manifest.json, as a ZIP."""
    from casetrack.attachments.responses import download as as_download
    from casetrack.documents import package as packaging

    request = load(Request, request_id, using=services.load_request)

    def build() -> bytes:
        try:
            return packaging.build(db.session, current_user, request)
        except packaging.NothingToPackage as refusal:
            abort(409, message=str(refusal))

    data = api_call(build)
    return as_download(data, packaging.file_name(request), "application/zip")
