"""Pages of the formal documents: previews, issuing, downloads and batch printing."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from casetrack import access
from casetrack.auth.views import safe_next
from casetrack.db import db, utcnow
from casetrack.documents import services
from casetrack.documents.blueprint import bp
from casetrack.documents.forms import BatchFilterForm, BatchForm, IssueForm
from casetrack.mla.signals import request_page


def pdf_response(data: bytes, name: str, *, attachment: bool) -> Response:
    """Answer PDF (or ZIP) bytes under a file name, shown inline or downloaded."""
    media_type = "application/zip" if name.endswith(".zip") else services.PDF
    response = Response(data, mimetype=media_type)
    disposition = "attachment" if attachment else "inline"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


def _kind_or_404(value: str):
    kind = services.parse_kind(value)
    if kind is None:
        abort(404)
    return kind


@request_page.connect
def _request_page_documents(_sender, session, user, request) -> dict:
    """Add the request's documents section to the request's page."""
    return services.partial_context(session, user, request)


@bp.route("/requests/<int:request_id>/documents")
@login_required
def for_request(request_id: int):
    """Show a request's issued documents and the forms to preview and issue them."""
    request_obj = services.load_request(db.session, current_user, request_id)
    return render_template(
        "documents/for_request.html",
        **services.partial_context(db.session, current_user, request_obj),
    )


@bp.route("/requests/<int:request_id>/documents/<kind>.pdf")
@login_required
def preview(request_id: int, kind: str):
    """Render a draft of one document, marked DRAFT and not stored."""
    kind = _kind_or_404(kind)
    lang = services.parse_language(request.args.get("lang"), default="en")
    if lang is None:
        abort(400)
    request_obj = services.load_request(db.session, current_user, request_id)
    try:
        pdf = services.render(
            db.session,
            request_obj,
            kind,
            lang,
            current_user,
            is_draft=True,
            with_requirements=request.args.get("requirements") == "1",
        )
    except services.NotAvailable as refusal:
        return render_template("errors/error.html", code=409, message=str(refusal)), 409
    name = services.file_name(request_obj, kind, lang, None)
    return pdf_response(pdf, name, attachment=False)


@bp.route("/requests/<int:request_id>/documents/<kind>/issue", methods=["POST"])
@login_required
def issue(request_id: int, kind: str):
    """Issue the next version of one document and keep it unchanged from then on."""
    kind = _kind_or_404(kind)
    request_obj = services.load_request(db.session, current_user, request_id)
    back = safe_next(
        request.form.get("next"), url_for("documents.for_request", request_id=request_obj.id)
    )
    form = IssueForm()
    if not form.validate_on_submit():
        flash(_("Choose the language of the document."), "danger")
        return redirect(back)
    try:
        document = services.issue(db.session, request_obj, kind, form.lang.data, current_user)
        db.session.commit()
    except services.NotAllowed:
        db.session.rollback()
        abort(403)
    except services.NotAvailable as refusal:
        db.session.rollback()
        flash(str(refusal), "warning")
        return redirect(back)
    except IntegrityError:
        # Two people issued the same document at the same moment; the unique version stopped one.
        db.session.rollback()
        flash(_("Someone issued this document at the same moment. Please try again."), "warning")
        return redirect(back)
    flash(
        _(
            "Issued %(name)s (version %(version)d).",
            name=document.file_name,
            version=document.version,
        ),
        "success",
    )
    return redirect(back)


@bp.route("/documents/<int:document_id>")
@login_required
def download(document_id: int):
    """Download an issued document exactly as it was issued."""
    document = services.get_document(db.session, current_user, document_id)
    return pdf_response(document.content, document.file_name, attachment=True)


@bp.route("/documents/batch", methods=["GET", "POST"])
@login_required
def batch():
    """Choose several visible requests and print their request documents in one file."""
    access.require_content(current_user)
    filters = BatchFilterForm(request.args)
    if not filters.validate():
        filters = BatchFilterForm(formdata=None)
    candidates = services.batch_candidates(
        db.session,
        current_user,
        services.BatchFilter(filters.direction.data or "", filters.status.data or ""),
    )
    form = BatchForm()
    form.request_ids.choices = [(r.id, r.reference) for r in candidates]
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            chosen = services.batch_requests(db.session, current_user, form.request_ids.data)
            if chosen is None:
                abort(404)
            lang = form.lang.data
            stamp = utcnow().strftime("%Y%m%d-%H%M")
            if form.output.data == "zip":
                data = services.batch_zip(db.session, current_user, chosen, lang)
                return pdf_response(data, f"mla-requests-{stamp}.zip", attachment=True)
            data = services.batch_pdf(db.session, current_user, chosen, lang)
            return pdf_response(data, f"mla-requests-{stamp}.pdf", attachment=True)
        status = 422
    return render_template(
        "documents/batch.html",
        form=form,
        filters=filters,
        candidates=candidates,
        limit=services.BATCH_LIMIT,
    ), status


@bp.route("/requests/<int:request_id>/package.zip")
@login_required
def package(request_id: int):
    """Download the request package: issued letters, files and a manifest, in one ZIP."""
    from casetrack.attachments.responses import download as as_download
    from casetrack.documents import package as packaging

    request_obj = services.load_request(db.session, current_user, request_id)
    try:
        data = packaging.build(db.session, current_user, request_obj)
    except packaging.NothingToPackage:
        db.session.rollback()
        message = _("Issue the request's letter first: the package carries it.")
        return render_template("errors/error.html", code=409, message=message), 409
    db.session.commit()
    return as_download(data, packaging.file_name(request_obj), "application/zip")
