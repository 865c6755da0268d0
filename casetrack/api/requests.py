"""MLA requests in the API: the same services, lifecycle and visibility as the request pages."""

from __future__ import annotations

from flask import jsonify, request
from flask_login import current_user
from flask_smorest import abort
from marshmallow import fields, validate

from casetrack import access, clock
from casetrack.api import PageArgs, api_blueprint, paginate
from casetrack.api.request_schemas import (
    CompletenessSchema,
    RequestCreate,
    RequestDetailSchema,
    RequestMetadataPage,
    RequestPage,
    RequestPatch,
    StatusChangeSchema,
)
from casetrack.db import db
from casetrack.handlers import api_call, load, loads
from casetrack.mla import completeness, drafting, queries, transitions
from casetrack.mla.inputs import StepInput
from casetrack.models import Case, Request, RequestStatus
from casetrack.monitoring import filters as monitoring_filters
from casetrack.monitoring import services as monitoring_services

blp = api_blueprint("api_requests", __name__, "MLA requests, their completeness and lifecycle")


@blp.before_request
def content_readers_only():
    """Answer 404 to roles that never read request content (coordinators, admins).

    A coordinator reads one thing here: the metadata list, ``GET /requests``.
    """
    if (
        current_user.is_authenticated
        and access.lists_metadata_only(current_user)
        and request.method in ("GET", "HEAD")
        and request.endpoint == "api_requests.list_requests"
    ):
        return None
    return access.require_content_reader()


class RequestQuery(PageArgs, monitoring_filters.DrillArgs):
    """The list filters; a coordinator's list takes the monitoring filters (from, to,
    country, assistance_type, status incl. "open", from_country, to_country, age, month,
    executed_month, milestone) and ignores direction, office, overdue, sort and queue."""

    direction = fields.String(
        load_default="outgoing", validate=validate.OneOf(["outgoing", "incoming"])
    )
    status = fields.String(
        load_default=None,
        validate=validate.OneOf([s.value for s in RequestStatus] + ["open"]),
        metadata={"description": "a status; “open” (not final) only in a coordinator's list"},
    )
    office = fields.String(metadata={"description": "office code of the counterpart"})
    country = fields.String(
        load_default=None,
        validate=monitoring_filters.COUNTRY,
        metadata={
            "description": "country code of the counterpart (a coordinator: of either office)"
        },
    )
    overdue = fields.Boolean(load_default=False)
    sort = fields.String(load_default="-reference", validate=validate.OneOf(list(queries.SORTS)))
    queue = fields.String(
        load_default=None,
        validate=validate.OneOf(["approval", "dispatch", "assigned", "info", "answers"]),
        metadata={"description": "one of the caller's work queues"},
    )


def _office_id(code: str):
    from sqlalchemy import select

    from casetrack.models import Office

    office = db.session.scalar(select(Office).where(Office.code == (code or "").upper()))
    if office is None:
        abort(422, message="Unknown office.", fields={"requested_office": ["Unknown office code."]})
    return office.id


@blp.route("/requests")
@blp.arguments(RequestQuery, location="query")
@blp.response(200, RequestPage)
@blp.doc(
    responses={
        "200": {
            "description": "A content reader's requests (RequestPage), or for a coordinator "
            "the metadata list (RequestMetadataPage): reference, offices, countries, "
            "assistance types, dates, status and days late, never a content field.",
            "content": {
                "application/json": {"schema": {"anyOf": [RequestPage, RequestMetadataPage]}}
            },
        }
    }
)
def list_requests(args):
    """List outgoing or incoming requests (status, office, country, overdue, queue);
    a coordinator gets the network's metadata list with the monitoring filters."""
    if access.lists_metadata_only(current_user):
        return _metadata_list(args)
    if args.get("status") == "open":
        abort(
            422, message="Unknown status.", fields={"status": ["“open” is a coordinator filter."]}
        )
    filters = queries.ListFilters(
        args["direction"],
        args.get("status"),
        args.get("country"),
        args.get("office"),
        args["overdue"],
        args["sort"],
        args.get("queue"),
    )
    stmt = queries.list_query(current_user, filters, clock.today())
    return paginate(db.session, stmt, args["page"], args["per_page"])


def _metadata_list(args):
    result = monitoring_services.request_page(
        db.session,
        current_user,
        monitoring_filters.to_filters(args),
        clock.today(),
        args["page"],
        args["per_page"],
    )
    body = {
        "items": result.items,
        "meta": {
            "page": result.page,
            "per_page": result.per_page,
            "total": result.total,
            "pages": result.pages,
        },
    }
    return jsonify(RequestMetadataPage().dump(body))


@blp.route("/requests", methods=["POST"])
@blp.arguments(RequestCreate)
@blp.response(201, RequestDetailSchema)
def create_request(data):
    """Draft a request from one of the caller's cases to the office named by its code."""
    case = load(Case, data.pop("case_id"))
    requested = _office_id(data.pop("requested_office"))
    channel = data.pop("channel", None)
    return api_call(
        lambda: drafting.create_request(db.session, current_user, case, requested, channel, data)
    )


@blp.route("/requests/<int:request_id>")
@blp.response(200, RequestDetailSchema)
@loads(Request, "request_id", "req", using=queries.load)
def get_request(req: Request):
    """Return a request's content, the persons and assets it names, and the allowed steps."""
    return req


@blp.route("/requests/<int:request_id>", methods=["PATCH"])
@blp.arguments(RequestPatch)
@blp.response(200, RequestDetailSchema)
@loads(Request, "request_id", "req", using=queries.load)
def patch_request(data, req: Request):
    """Change a draft; ``version`` is required and a stale one answers 409."""
    version = data.pop("version")
    if "requested_office" in data:
        data["requested_office_id"] = _office_id(data.pop("requested_office"))

    def change() -> Request:
        drafting.update_request(db.session, current_user, req, data, version)
        return req

    return api_call(change)


@blp.route("/requests/<int:request_id>/completeness")
@blp.response(200, CompletenessSchema)
@loads(Request, "request_id", "req", using=queries.load)
def get_completeness(req: Request):
    """Say whether the request holds all its legal basis requires, naming what is missing."""
    lang = "ru" if current_user.language == "ru" else "en"
    return completeness.report(req, lang)


@blp.route("/requests/<int:request_id>/transitions", methods=["POST"])
@blp.arguments(StepInput)
@blp.response(201, StatusChangeSchema)
@loads(Request, "request_id", "req", using=queries.load)
def post_transition(data, req: Request):
    """Take one lifecycle step; a step the state or the caller's side does not allow is 409."""
    return api_call(
        lambda: transitions.apply(
            db.session,
            current_user,
            req,
            data["action"],
            comment=data["comment"],
            grounds=data["grounds"],
            until=data["until"],
            effective_on=data["effective_on"],
            version=data["version"],
            details={
                key: data[key]
                for key in (
                    "registration_number",
                    "registered_on",
                    "outcomes",
                    "enclosures",
                    "provision",
                )
                if data.get(key) is not None
            },
            office=data["office"],
            due_on=data["due_on"],
        )
    )


@blp.route("/requests/<int:request_id>/history")
@blp.response(200, StatusChangeSchema(many=True))
@loads(Request, "request_id", "req", using=queries.load)
def get_history(req: Request):
    """List every status change of the request, oldest first."""
    return req.history
