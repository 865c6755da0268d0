"""Deadlines in the API: what the caller owes and is owed, late and close ones marked."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import Schema, fields, validate

from casetrack import access, clock
from casetrack.api import PageArgs, api_blueprint, page_schema, paginate
from casetrack.db import db
from casetrack.deadlines import manual, queries
from casetrack.deadlines.inputs import DeadlineInput
from casetrack.handlers import api_call, load
from casetrack.models import Asset, Case, DeadlineKind
from casetrack.validation import InvalidInput

blp = api_blueprint("api_deadlines", __name__, "Deadlines the caller owes and is owed")


class DeadlineQuery(PageArgs):
    state = fields.String(
        load_default="all",
        validate=validate.OneOf(queries.STATE_FILTERS),
        metadata={
            "description": "open (still owed, missed ones included), missed, met, cancelled or all"
        },
    )
    due = fields.String(
        validate=validate.OneOf(queries.DUE_FILTERS),
        metadata={"description": "overdue (past due, still owed) or soon (within 7 days)"},
    )
    kind = fields.String(validate=validate.OneOf([k.value for k in DeadlineKind]))


class DeadlineSchema(Schema):
    id = fields.Integer()
    kind = fields.String()
    kind_label = fields.String()
    title = fields.String()
    due_on = fields.Date()
    state = fields.String()
    state_label = fields.String()
    days_left = fields.Integer(
        allow_none=True, metadata={"description": "None once met or cancelled"}
    )
    is_overdue = fields.Boolean()
    is_due_soon = fields.Boolean()
    we_owe = fields.Boolean(
        metadata={
            "description": "True when an office of the caller owes it; false when owed "
            "to the caller by the counterpart of an outgoing request"
        }
    )
    owner_office = fields.String(metadata={"description": "code of the office that owes it"})
    request_reference = fields.String(allow_none=True)
    case_reference = fields.String(allow_none=True)
    rule = fields.String()


DeadlinePage = page_schema(DeadlineSchema, "DeadlinePage")


@blp.route("/deadlines")
@blp.arguments(DeadlineQuery, location="query")
@blp.response(200, DeadlinePage)
def list_deadlines(args):
    """List the caller's deadlines, earliest first."""
    access.require_content(current_user)
    today = clock.today()
    filters = queries.Filters(
        state=args["state"], due=args.get("due", ""), kind=args.get("kind", "")
    )
    stmt = queries.list_statement(current_user, filters, today)
    result = paginate(
        db.session,
        stmt,
        args["page"],
        args["per_page"],
        **queries.counting(current_user, filters, today),
    )
    result["items"] = [queries.present(d, current_user, today) for d in result["items"]]
    return result


@blp.route("/deadlines", methods=["POST"])
@blp.arguments(DeadlineInput)
@blp.response(201, DeadlineSchema)
def create_deadline(data):
    """Set a deadline by hand on one case or one asset the caller sees (404 otherwise)."""
    access.require_content(current_user)
    today = clock.today()

    def act():
        if (data["case_id"] is None) == (data["asset_id"] is None):
            both = [_("Give either case_id or asset_id.")]
            raise InvalidInput({"case_id": both, "asset_id": both})
        case = load(Case, data["case_id"]) if data["case_id"] is not None else None
        asset = load(Asset, data["asset_id"]) if data["asset_id"] is not None else None
        subject = case or asset
        return manual.create_manual(
            db.session,
            case=case,
            asset=asset,
            kind=DeadlineKind(data["kind"]),
            title=data["title"],
            due_on=data["due_on"],
            owner_user=manual.owner_for(db.session, subject, data["owner_user_id"], current_user),
            today=today,
        )

    return queries.present(api_call(act), current_user, today)
