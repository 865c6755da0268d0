"""Bank statements in the API: preview an upload row by row, then import it with the mapping.

``POST /cases/{id}/statements/preview`` reads a CSV or XLSX statement (multipart ``file``)
and answers the header, the proposed (or given) column mapping, and every row that could
not be read with why; nothing is saved. ``POST /cases/{id}/statements`` imports the same
file with the mapping the caller confirms (``date_column=1``, ``amount_column=2``, … with
1 = the first column; none given: guessed from the header): 201 with what was added, or
200 when the same file was imported into the case before (nothing added). Both run the
services of the statement page (casetrack.money.importing, .queries): the same reading, linking,
idempotence and audit.
"""

from __future__ import annotations

from flask import abort as http_abort
from flask_login import current_user
from flask_smorest import abort
from flask_smorest.fields import Upload
from marshmallow import Schema, fields, validate

from casetrack import access
from casetrack.api import api_blueprint, decimal_out
from casetrack.db import db
from casetrack.handlers import api_call, find, loads
from casetrack.models import Case, Request
from casetrack.money import importing, queries, statements
from casetrack.money.inputs import StatementInput

blp = api_blueprint("api_statements", __name__, "Bank statements: preview and import")

#: The highest column number a mapping may name (ours; statements have a dozen or so).
MAX_COLUMN = 200


@blp.before_request
def content_readers_only():
    """Answer 404 to roles that never read case content (coordinators, admins)."""
    if current_user.is_authenticated and not access.can_see_content(current_user):
        http_abort(404)


class StatementFields(StatementInput):
    """How to read the statement: which column holds what, and the formats (money/inputs.py,
    which the import form checks with too)."""


for _name in statements.FIELDS:
    StatementFields._declared_fields[f"{_name}_column"] = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=MAX_COLUMN),
        metadata={
            "description": f"the column (1 = first) holding the {_name.replace('_', ' ')}; "
            "when no column is given at all, they are guessed from the header"
        },
    )


class ImportFields(StatementFields):
    request_id = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "the request of this case that returned the statement"},
    )
    leave_out_bad_rows = fields.Boolean(
        load_default=False,
        metadata={"description": "import the rows that could be read, leaving out the others"},
    )


class StatementFile(Schema):
    file = Upload(required=True, metadata={"description": "CSV (UTF-8 or Windows-1251) or XLSX"})


class ColumnSchema(Schema):
    column = fields.Integer(metadata={"description": "1 = first"})
    name = fields.String()


class ValuesSchema(Schema):
    booked_on = fields.Date(allow_none=True)
    amount = decimal_out(allow_none=True)
    currency = fields.String()
    payer_account = fields.String()
    payer_name = fields.String()
    payee_account = fields.String()
    payee_name = fields.String()
    reference = fields.String()


class RowSchema(Schema):
    number = fields.Integer(metadata={"description": "data row, 1 = the first under the header"})
    ok = fields.Boolean()
    errors = fields.List(fields.String(), metadata={"description": "what could not be read"})
    notes = fields.List(fields.String())
    known = fields.Boolean(metadata={"description": "already imported into the case"})
    cells = fields.List(fields.String())
    values = fields.Nested(ValuesSchema)


class PreviousSchema(Schema):
    id = fields.Integer()
    file_name = fields.String()
    imported_at = fields.DateTime()


class PreviewSchema(Schema):
    file_name = fields.String()
    sha256 = fields.String()
    header = fields.List(fields.Nested(ColumnSchema))
    mapping = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(allow_none=True),
        metadata={"description": "field → column (1 = first), null where not in the file"},
    )
    problems = fields.List(
        fields.String(), metadata={"description": "why the mapping cannot be imported"}
    )
    rows_read = fields.Integer()
    rows_unreadable = fields.Integer()
    rows_known = fields.Integer()
    rows = fields.List(
        fields.Nested(RowSchema),
        metadata={"description": f"every unreadable row and the first {importing.PREVIEW_ROWS}"},
    )
    already_imported = fields.Nested(PreviousSchema, allow_none=True)
    can_import = fields.Boolean()


class StatementSchema(Schema):
    id = fields.Integer()
    case_id = fields.Integer()
    request_id = fields.Integer(allow_none=True)
    file_name = fields.String()
    sha256 = fields.String()
    row_count = fields.Integer()
    added_count = fields.Integer()
    imported_at = fields.DateTime()
    imported_by = fields.Function(lambda s: s.imported_by.name if s.imported_by else None)


class ImportSchema(Schema):
    statement = fields.Nested(StatementSchema)
    already_imported = fields.Boolean()
    added = fields.Integer()
    already_known = fields.Integer()
    left_out = fields.Integer()
    linked_accounts = fields.Integer()
    linked_names = fields.Integer()


def _columns(form: dict) -> dict[str, int | None] | None:
    """The mapping given (0-based inside), or None to have it guessed."""
    given = {name: form.get(f"{name}_column") for name in statements.FIELDS}
    if all(v is None for v in given.values()):
        return None
    return {name: (None if v is None else v - 1) for name, v in given.items()}


def _read(case: Case, form: dict, files: dict) -> tuple[bytes, str, importing.Preview]:
    upload = files["file"]
    data = upload.read(importing.MAX_STATEMENT_BYTES + 1)
    file_name = upload.filename or ""
    columns = _columns(form)

    def checked(header: list[str]) -> dict[str, int | None] | None:
        outside = {
            f"{name}_column": [f"the file has {len(header)} columns"]
            for name, column in (columns or {}).items()
            if column is not None and column >= len(header)
        }
        if outside:
            abort(422, message="A column given is not in the file.", fields=outside)
        return columns if columns is not None else statements.guess_mapping(header)

    try:
        found = importing.preview(
            db.session,
            case,
            data,
            file_name,
            checked,
            number_format=form["number_format"],
            date_format=form["date_format"],
            default_currency=form["currency"],
        )
    except importing.TooLarge as error:
        abort(413, message=str(error))
    except statements.StatementError as error:
        abort(422, message=str(error), fields={"file": [str(error)]})
    return data, file_name, found


def _row(row: statements.Row, known: set[str]) -> dict:
    return {
        "number": row.number,
        "ok": row.ok,
        "errors": row.errors,
        "notes": row.notes,
        "known": row.row_hash in known,
        "cells": row.cells,
        "values": {
            k: row.values.get(k)
            for k in ValuesSchema._declared_fields
            if k in row.values and row.values.get(k) is not None
        },
    }


@blp.route("/cases/<int:case_id>/statements/preview", methods=["POST"])
@blp.arguments(StatementFields, location="form")
@blp.arguments(StatementFile, location="files")
@blp.response(200, PreviewSchema)
@loads(Case, "case_id")
def preview_statement(form, files, case: Case):
    """Read a statement row by row with the proposed (or given) mapping; nothing is saved."""
    _, file_name, found = _read(case, form, files)
    reading = found.reading
    return {
        "file_name": file_name,
        "sha256": found.sha256,
        "header": [{"column": i + 1, "name": h} for i, h in enumerate(reading.header)],
        "mapping": {k: (None if v is None else v + 1) for k, v in reading.mapping.items()},
        "problems": reading.problems,
        "rows_read": len(reading.good),
        "rows_unreadable": len(reading.bad),
        "rows_known": len(reading.known),
        "rows": [_row(r, reading.known) for r in found.shown],
        "already_imported": found.already,
        "can_import": not reading.problems and found.already is None,
    }


@blp.route("/cases/<int:case_id>/statements", methods=["POST"])
@blp.arguments(ImportFields, location="form")
@blp.arguments(StatementFile, location="files")
@blp.response(201, ImportSchema)
@blp.alt_response(200, schema=ImportSchema, description="The same file was imported before.")
@loads(Case, "case_id")
def import_statement(form, files, case: Case):
    """Import a statement with the mapping confirmed: idempotent, audited."""
    data, file_name, found = _read(case, form, files)
    if found.already is not None:
        return _outcome(found.already, already=True), 200
    reading = found.reading
    if reading.problems:
        abort(422, message=" ".join(reading.problems), fields={"mapping": reading.problems})
    if reading.bad and not form["leave_out_bad_rows"]:
        abort(
            422,
            message=f"{len(reading.bad)} rows could not be read; nothing was saved. Correct "
            "the mapping or the formats, or set leave_out_bad_rows.",
            fields={f"row {r.number}": r.errors for r in reading.bad[:100]},
        )
    linked = None
    if form["request_id"] is not None:
        linked = find(Request, form["request_id"])
        if linked is None or linked.case_id != case.id:
            abort(
                422,
                message="No such request of this case.",
                fields={"request_id": ["is not a request of this case you may see"]},
            )

    def act():
        try:
            outcome = importing.import_statement(
                db.session,
                current_user,
                case,
                data,
                file_name,
                reading.mapping,
                number_format=form["number_format"],
                date_format=form["date_format"],
                default_currency=form["currency"],
                request=linked,
                leave_out_bad_rows=form["leave_out_bad_rows"],
            )
        except importing.AlreadyImported as error:  # refused before anything was added
            return _outcome(error.statement, already=True), 200
        return _outcome(outcome.statement, outcome=outcome), 201

    return api_call(act)


def _outcome(statement, *, already: bool = False, outcome: importing.Outcome | None = None):
    return {
        "statement": statement,
        "already_imported": already,
        "added": outcome.added if outcome else 0,
        "already_known": outcome.known if outcome else 0,
        "left_out": outcome.skipped if outcome else 0,
        "linked_accounts": outcome.linked_accounts if outcome else 0,
        "linked_names": outcome.linked_names if outcome else 0,
    }


@blp.route("/cases/<int:case_id>/statements")
@blp.response(200, StatementSchema(many=True))
@loads(Case, "case_id")
def list_statements(case: Case):
    """List the statements imported into a case, newest first."""
    return queries.statements_of(db.session, current_user, case)
