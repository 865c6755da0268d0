"""Pages of the formal documents: previews, issuing, downloads and batch printing."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from casetrack import access, jobs
from casetrack.auth.views import safe_next
from casetrack.db import db
from casetrack.documents import batch_job, batch_print, services
from casetrack.documents.blueprint import bp
from casetrack.documents.forms import BatchFilterForm, BatchForm, IssueForm
from casetrack.handlers import Refused, load, loads, perform
from casetrack.mla.signals import request_page
from casetrack.models import Document, Request


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
@loads(Request, "request_id", "request_obj", using=services.load_request)
def for_request(request_obj: Request):
    """Show a request's issued documents and the forms to preview and issue them."""
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
    request_obj = load(Request, request_id, using=services.load_request)
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
    request_obj = load(Request, request_id, using=services.load_request)
    back = safe_next(
        request.form.get("next"), url_for("documents.for_request", request_id=request_obj.id)
    )
    form = IssueForm()
    if not form.validate_on_submit():
        flash(_("Choose the language of the document."), "danger")
        return redirect(back)

    def issue_document():
        try:
            document = services.issue(db.session, request_obj, kind, form.lang.data, current_user)
            db.session.flush()
        except services.NotAllowed:
            abort(403)
        except services.NotAvailable as refusal:
            raise Refused(str(refusal), "warning") from refusal
        except IntegrityError as error:
            # Two people issued the same document at the same moment; the unique version
            # stopped one.
            raise Refused(
                _("Someone issued this document at the same moment. Please try again."),
                "warning",
            ) from error
        return document

    def issued(document):
        flash(
            _(
                "Issued %(name)s (version %(version)d).",
                name=document.file_name,
                version=document.version,
            ),
            "success",
        )
        return redirect(back)

    return perform(issue_document, done=issued, failed=lambda _error: redirect(back))


@bp.route("/documents/<int:document_id>")
@login_required
@loads(Document, "document_id", using=services.get_document)
def download(document: Document):
    """Download an issued document exactly as it was issued."""
    return pdf_response(document.content, document.file_name, attachment=True)


@bp.route("/documents/batch", methods=["GET", "POST"])
@login_required
def batch():
    """Choose several visible requests and print their request documents in one file."""
    access.require_content(current_user)
    filters = BatchFilterForm(request.args)
    if not filters.validate():
        filters = BatchFilterForm(formdata=None)
    candidates = batch_print.batch_candidates(
        db.session,
        current_user,
        batch_print.BatchFilter(filters.direction.data or "", filters.status.data or ""),
    )
    form = BatchForm()
    form.request_ids.choices = [(r.id, r.reference) for r in candidates]
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            chosen = batch_print.batch_requests(db.session, current_user, form.request_ids.data)
            if chosen is None:
                abort(404)
            # Laid out by the job queue, not in this request: the page answers at once and
            # the job's page shows how many documents are done.
            return perform(
                lambda: jobs.enqueue(
                    db.session,
                    batch_job.print_batch,
                    user_id=current_user.id,
                    office_id=current_user.office_id,
                    total=len(chosen),
                    message=_("Preparing %(count)s documents…", count=len(chosen)),
                    request_ids=[r.id for r in chosen],
                    lang=form.lang.data,
                    output=form.output.data,
                ),
                done=lambda job: redirect(url_for("jobs.status_page", job_id=job.id), 303),
            )
        status = 422
    return render_template(
        "documents/batch.html",
        form=form,
        filters=filters,
        candidates=candidates,
        limit=batch_print.BATCH_LIMIT,
    ), status


@bp.route("/requests/<int:request_id>/package.zip")
@login_required
@loads(Request, "request_id", "request_obj", using=services.load_request)
def package(request_obj: Request):
    """Download the request package: issued letters, files and a manifest, in one ZIP."""
    from casetrack.attachments.responses import download as as_download
    from casetrack.documents import package as packaging

    def nothing(_error):
        message = _("Issue the request's letter first: the package carries it.")
        return render_template("errors/error.html", code=409, message=message), 409

    return perform(
        lambda: packaging.build(db.session, current_user, request_obj),
        done=lambda data: as_download(data, packaging.file_name(request_obj), "application/zip"),
        failed=nothing,
        refusals=(packaging.NothingToPackage,),
    )
