"""Pages of the money trail: import a statement into a case (preview, confirm), the flows."""

from __future__ import annotations

import base64
import binascii

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from casetrack import access
from casetrack.db import db
from casetrack.handlers import find, load, perform
from casetrack.links import filters
from casetrack.models import Case, Request, Statement
from casetrack.money import importing, queries, statements, trail
from casetrack.money.blueprint import bp
from casetrack.money.forms import FIELD_LABELS, StatementForm

MAX_STATEMENT_BYTES = importing.MAX_STATEMENT_BYTES


def _reader() -> None:
    if not access.can_see_content(current_user):
        abort(404)


def _file_of(form: StatementForm) -> tuple[bytes, str] | None:
    """Return the uploaded file, or the one carried over from the preview."""
    upload = form.file.data
    if upload is not None and getattr(upload, "filename", ""):
        data = upload.read(MAX_STATEMENT_BYTES + 1)
        return data, upload.filename
    if form.data.data:
        try:
            return base64.b64decode(form.data.data, validate=True), form.file_name.data or ""
        except (binascii.Error, ValueError):
            return None
    return None


def _mapping(form: StatementForm, header: list[str]) -> dict[str, int | None]:
    mapping: dict[str, int | None] = {}
    for name in statements.FIELDS:
        value = getattr(form, f"col_{name}").data
        try:
            mapping[name] = int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            mapping[name] = None
        if mapping[name] is not None and not 0 <= mapping[name] < len(header):
            mapping[name] = None
    return mapping


def _page(case, form, *, found=None, error=None, status=200):
    requests = queries.returning_requests(db.session, current_user, case)
    form.request_id.choices = [("", _("none"))] + [
        (str(r.id), f"{r.reference} → {r.requested_office.code} ({r.status.value})")
        for r in requests
    ]
    rows = []
    reading = found.reading if found is not None else None
    if reading is not None:
        columns = [("", _("— not in the file —"))] + [
            (str(i), f"{i + 1}: {h}") for i, h in enumerate(reading.header)
        ]
        for name in statements.FIELDS:
            field = getattr(form, f"col_{name}")
            field.choices = columns
            column = reading.mapping.get(name)
            field.data = "" if column is None else str(column)
        rows = found.shown
    return render_template(
        "money/import.html",
        case=case,
        form=form,
        reading=reading,
        rows=rows,
        error=error,
        already=found.already if found is not None else None,
        field_labels=FIELD_LABELS,
        fields=statements.FIELDS,
        imported=queries.statements_of(db.session, current_user, case),
        max_mb=MAX_STATEMENT_BYTES // (1024 * 1024),
    ), status


@bp.route("/cases/<int:case_id>/statements", methods=["GET", "POST"])
@login_required
def import_statement(case_id: int):
    """Import a bank statement into a case: preview row by row, then confirm."""
    _reader()
    case = load(Case, case_id)
    form = StatementForm()
    if request.method == "GET":
        return _page(case, form)
    if not form.validate_on_submit():
        return _page(
            case, form, error=_("The form could not be read. Nothing was saved."), status=422
        )
    found = _file_of(form)
    if found is None:
        return _page(case, form, error=_("Choose a statement file (CSV or XLSX)."), status=422)
    data, file_name = found
    if len(data) > MAX_STATEMENT_BYTES:
        return _page(
            case,
            form,
            error=_("The file is larger than %(mb)d MB.", mb=MAX_STATEMENT_BYTES // 2**20),
            status=413,
        )
    fresh_upload = bool(getattr(form.file.data, "filename", ""))
    try:
        found = importing.preview(
            db.session,
            case,
            data,
            file_name,
            None if fresh_upload else (lambda header: _mapping(form, header)),
            number_format=form.number_format.data,
            date_format=form.date_format.data,
            default_currency=form.currency.data or "",
        )
    except statements.StatementError as error:
        return _page(case, form, error=str(error), status=422)
    reading = found.reading
    mapping = reading.mapping
    form.data.data = base64.b64encode(data).decode("ascii")
    form.file_name.data = file_name
    if request.form.get("action", "preview") != "import":
        return _page(case, form, found=found)
    linked_request = None
    if form.request_id.data:
        # Only a visible request of this case is tied to the statement; any other id is ignored.
        linked_request = find(Request, form.request_id.data)
        if linked_request is not None and linked_request.case_id != case.id:
            linked_request = None

    def refused(error: Exception):
        if isinstance(error, importing.AlreadyImported):
            flash(str(error) + " " + _("Nothing was added."), "info")
            return redirect(url_for("money.import_statement", case_id=case.id)), 303
        if isinstance(error, importing.UnreadableRows):
            return _page(
                case,
                form,
                found=found,
                error=_(
                    "%(num)d rows could not be read. Correct the mapping or the formats, or "
                    "choose to leave those rows out. Nothing was saved.",
                    num=len(reading.bad),
                ),
                status=422,
            )
        return _page(case, form, found=found, error=str(error), status=422)

    def imported(outcome):
        flash(
            _(
                "Imported %(added)d transfers (%(known)d already known, %(left)d left out); "
                "%(accounts)d accounts linked to assets and %(names)d names to parties.",
                added=outcome.added,
                known=outcome.known,
                left=outcome.skipped,
                accounts=outcome.linked_accounts,
                names=outcome.linked_names,
            ),
            "success",
        )
        return redirect(url_for("money.flows", case=case.id)), 303

    return perform(
        lambda: importing.import_statement(
            db.session,
            current_user,
            case,
            data,
            file_name,
            mapping,
            number_format=form.number_format.data,
            date_format=form.date_format.data,
            default_currency=form.currency.data or "",
            request=linked_request,
            leave_out_bad_rows=form.leave_out.data,
        ),
        done=imported,
        failed=refused,
        refusals=(importing.AlreadyImported, importing.UnreadableRows, statements.StatementError),
    )


@bp.route("/")
@login_required
def flows():
    """Show where the money went: accounts and parties, weighted transfers, totals, flags."""
    _reader()
    args, errors = filters.load(filters.FlowArgs(), request.args)
    case = None
    if args["case"] is not None:
        case = load(Case, args["case"])
    result = trail.flows(
        db.session,
        current_user,
        case_id=case.id if case else None,
        since=args["since"],
        until=args["until"],
    )
    visible_cases = select(Case.id).where(access.case_scope(current_user)).scalar_subquery()
    with_statements = list(
        db.session.scalars(
            access.scoped(Case, current_user)
            .where(
                Case.id.in_(select(Statement.case_id).where(Statement.case_id.in_(visible_cases)))
            )
            .order_by(Case.reference)
        )
    )
    cases = list(db.session.scalars(access.scoped(Case, current_user).order_by(Case.reference)))
    return render_template(
        "money/flows.html",
        flows=result,
        case=case,
        args=args,
        errors=errors,
        cases=cases,
        with_statements=with_statements,
        node_labels={n["id"]: n["label"] for n in result["nodes"]},
    ), (422 if errors else 200)
