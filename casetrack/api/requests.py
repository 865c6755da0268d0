"""MLA requests in the API: the same services, lifecycle and visibility as the request pages."""

from __future__ import annotations

from datetime import date

from flask import abort as http_abort
from flask_login import current_user
from flask_smorest import abort
from marshmallow import Schema, fields, validate

from casetrack import access
from casetrack.access import Side
from casetrack.api import PageArgs, api_blueprint, decimal_out, page_schema, paginate
from casetrack.db import db
from casetrack.mla import completeness, drafting, lifecycle, queries
from casetrack.models import Case, Channel, PartyRole, RequestStatus
from casetrack.validation import InvalidInput

blp = api_blueprint("api_requests", __name__, "MLA requests, their completeness and lifecycle")


@blp.before_request
def content_readers_only():
    """Answer 404 to roles that never read request content (coordinators, admins)."""
    if current_user.is_authenticated and not access.can_see_content(current_user):
        http_abort(404)


def _refused(error: lifecycle.TransitionRefused):
    fields = {}
    if error.missing:
        fields["missing"] = [m.as_dict() for m in error.missing]
    abort(409, message=str(error), fields=fields)


def _invalid(error: InvalidInput | lifecycle.InvalidTransition):
    abort(422, message=str(error), fields=error.fields)


class RequestOfficeRef(Schema):
    id = fields.Integer()
    code = fields.String()
    country = fields.String(attribute="country_code")
    name_en = fields.String()
    is_member = fields.Boolean()


class LegalBasisSchema(Schema):
    treaty = fields.Function(lambda basis: basis.treaty.code)
    articles = fields.String()


class RequestPartyDocumentSchema(Schema):
    kind = fields.String()
    number = fields.String()
    issuing_country = fields.String()


class RequestPartySchema(Schema):
    party_id = fields.Integer()
    role = fields.Function(lambda link: link.role.value)
    kind = fields.Function(lambda link: link.party.kind.value)
    name = fields.Function(lambda link: link.party.display_name)
    birth_date = fields.Date(attribute="party.birth_date", allow_none=True)
    birth_place = fields.String(attribute="party.birth_place")
    nationality = fields.String(attribute="party.nationality")
    address = fields.String(attribute="party.address")
    occupation = fields.String(attribute="party.occupation")
    registration_number = fields.String(attribute="party.registration_number")
    tax_id = fields.String(attribute="party.tax_id")
    bank_details = fields.String(attribute="party.bank_details")
    documents = fields.List(fields.Nested(RequestPartyDocumentSchema), attribute="party.documents")


class RequestAssetSchema(Schema):
    asset_id = fields.Integer()
    kind = fields.Function(lambda link: link.asset.kind.value)
    identifier = fields.String(attribute="asset.identifier")
    description = fields.String(attribute="asset.description")
    country = fields.String(attribute="asset.country_code")
    location = fields.String(attribute="asset.location")
    estimated_value = decimal_out(attribute="asset.estimated_value", allow_none=True)
    currency = fields.String(attribute="asset.currency")


class MeasureSchema(Schema):
    text = fields.String(required=True)
    questions = fields.List(fields.String(), load_default=list)


class AnnexSchema(Schema):
    title = fields.String(required=True)
    pages = fields.Integer(allow_none=True, load_default=None)
    is_order = fields.Boolean(load_default=False)


def _case_id(req):
    # The requested side reads the request, never the requesting case behind it.
    if access.request_side(current_user, req) == Side.REQUESTING:
        return req.case_id
    return None


class RequestSchema(Schema):
    id = fields.Integer()
    version = fields.Integer()
    reference = fields.String()
    counterpart_reference = fields.String()
    status = fields.Function(lambda r: r.status.value)
    requesting_office = fields.Nested(RequestOfficeRef)
    requested_office = fields.Nested(RequestOfficeRef)
    subject = fields.String()
    assistance_types = fields.List(fields.String())
    parent_id = fields.Integer(allow_none=True)
    is_registered_by_hand = fields.Boolean()
    sent_at = fields.DateTime(allow_none=True)
    acknowledged_at = fields.DateTime(allow_none=True)
    closed_at = fields.DateTime(allow_none=True)


class RequestDetailSchema(RequestSchema):
    case_id = fields.Function(_case_id, allow_none=True)
    case_reference = fields.Function(lambda r: r.case.reference if r.case else None)
    channel = fields.Function(lambda r: r.channel.value)
    is_reciprocity = fields.Boolean()
    legal_bases = fields.List(fields.Nested(LegalBasisSchema))
    proceedings_stage = fields.String()
    proceedings_authority = fields.String()
    facts = fields.String()
    offences = fields.String()
    offence_text = fields.String()
    damage = fields.String()
    measures = fields.List(fields.Nested(MeasureSchema))
    procedures = fields.String()
    purpose = fields.String()
    is_urgent = fields.Boolean()
    urgency_reason = fields.String()
    is_confidential = fields.Boolean()
    has_speciality_undertaking = fields.Boolean()
    execution_requested_on = fields.Date(allow_none=True)
    languages = fields.List(fields.String())
    annexes = fields.List(fields.Nested(AnnexSchema))
    signatory_name = fields.String()
    signatory_title = fields.String()
    refusal_ground = fields.Function(lambda r: r.refusal_ground.value if r.refusal_ground else None)
    postponed_until = fields.Date(allow_none=True)
    persons = fields.List(fields.Nested(RequestPartySchema))
    assets = fields.List(fields.Nested(RequestAssetSchema))
    allowed_actions = fields.Function(
        lambda r: [a.name for a in lifecycle.allowed_actions(current_user, r)]
    )


RequestPage = page_schema(RequestSchema, "RequestPage")


class RequestQuery(PageArgs):
    direction = fields.String(
        load_default="outgoing", validate=validate.OneOf(["outgoing", "incoming"])
    )
    status = fields.String(validate=validate.OneOf([s.value for s in RequestStatus]))
    office = fields.String(metadata={"description": "office code of the counterpart"})
    country = fields.String(metadata={"description": "country code of the counterpart"})
    overdue = fields.Boolean(load_default=False)
    sort = fields.String(load_default="-reference", validate=validate.OneOf(list(queries.SORTS)))


class RequestLegalBasisIn(Schema):
    treaty = fields.String(required=True, metadata={"description": "treaty code, e.g. UNTOC"})
    articles = fields.String(load_default="", validate=validate.Length(max=255))


class RequestPersonIn(Schema):
    party_id = fields.Integer(required=True)
    role = fields.String(required=True, validate=validate.OneOf([r.value for r in PartyRole]))


class RequestContentFields(Schema):
    channel = fields.String(validate=validate.OneOf([c.value for c in Channel]))
    is_reciprocity = fields.Boolean()
    legal_bases = fields.List(fields.Nested(RequestLegalBasisIn))
    subject = fields.String()
    proceedings_stage = fields.String()
    proceedings_authority = fields.String()
    facts = fields.String()
    offences = fields.String()
    offence_text = fields.String()
    damage = fields.String()
    persons = fields.List(fields.Nested(RequestPersonIn))
    assets = fields.List(fields.Integer(), metadata={"description": "ids of the case's assets"})
    assistance_types = fields.List(fields.String())
    measures = fields.List(fields.Nested(MeasureSchema))
    procedures = fields.String()
    purpose = fields.String()
    is_urgent = fields.Boolean()
    urgency_reason = fields.String()
    is_confidential = fields.Boolean()
    has_speciality_undertaking = fields.Boolean()
    execution_requested_on = fields.Date(allow_none=True)
    languages = fields.List(fields.String())
    annexes = fields.List(fields.Nested(AnnexSchema))
    signatory_name = fields.String(validate=validate.Length(max=200))
    signatory_title = fields.String(validate=validate.Length(max=200))


class RequestCreate(RequestContentFields):
    case_id = fields.Integer(required=True)
    requested_office = fields.String(
        required=True, metadata={"description": "office code, e.g. UZ-TAS"}
    )


class RequestPatch(RequestContentFields):
    version = fields.Integer(required=True)
    requested_office = fields.String(metadata={"description": "office code"})


class CompletenessItem(Schema):
    item = fields.String()
    basis = fields.String()
    label = fields.String()
    label_ru = fields.String()
    details = fields.List(fields.String())


class CompletenessSchema(Schema):
    complete = fields.Boolean()
    missing = fields.List(fields.Nested(CompletenessItem))


class TransitionIn(Schema):
    action = fields.String(required=True, validate=validate.OneOf(list(lifecycle.ACTIONS)))
    comment = fields.String(load_default="")
    grounds = fields.String(
        allow_none=True, load_default=None, metadata={"description": "refusal grounds"}
    )
    until = fields.Date(allow_none=True, load_default=None)
    effective_on = fields.Date(allow_none=True, load_default=None)
    version = fields.Integer(
        allow_none=True, load_default=None, metadata={"description": "optional; stale → 409"}
    )


class StatusChangeSchema(Schema):
    id = fields.Integer()
    action = fields.String()
    from_status = fields.Function(lambda c: c.from_status.value if c.from_status else None)
    to_status = fields.Function(lambda c: c.to_status.value)
    actor = fields.Function(lambda c: c.actor.name if c.actor else None)
    actor_office = fields.Function(lambda c: c.actor.office.code if c.actor else None)
    changed_at = fields.DateTime()
    effective_on = fields.Date(allow_none=True)
    comment = fields.String()
    grounds = fields.Function(lambda c: c.grounds.value if c.grounds else None)
    is_recorded_for_counterpart = fields.Boolean()


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
def list_requests(args):
    """List outgoing or incoming requests (filters: status, office, country, overdue)."""
    filters = queries.ListFilters(
        args["direction"],
        args.get("status"),
        args.get("country"),
        args.get("office"),
        args["overdue"],
        args["sort"],
    )
    stmt = queries.list_query(current_user, filters, date.today())
    return paginate(db.session, stmt, args["page"], args["per_page"])


@blp.route("/requests", methods=["POST"])
@blp.arguments(RequestCreate)
@blp.response(201, RequestDetailSchema)
def create_request(data):
    """Draft a request from one of the caller's cases to the office named by its code."""
    case = access.get_or_404(db.session, Case, current_user, data.pop("case_id"))
    requested = _office_id(data.pop("requested_office"))
    channel = data.pop("channel", None)
    try:
        req = drafting.create_request(db.session, current_user, case, requested, channel, data)
    except InvalidInput as error:
        db.session.rollback()
        _invalid(error)
    db.session.commit()
    return req


@blp.route("/requests/<int:request_id>")
@blp.response(200, RequestDetailSchema)
def get_request(request_id):
    """Return a request's content, the persons and assets it names, and the allowed steps."""
    return queries.load(db.session, current_user, request_id)


@blp.route("/requests/<int:request_id>", methods=["PATCH"])
@blp.arguments(RequestPatch)
@blp.response(200, RequestDetailSchema)
def patch_request(data, request_id):
    """Change a draft; ``version`` is required and a stale one answers 409."""
    req = queries.load(db.session, current_user, request_id)
    version = data.pop("version")
    if "requested_office" in data:
        data["requested_office_id"] = _office_id(data.pop("requested_office"))
    try:
        drafting.update_request(db.session, current_user, req, data, version)
    except lifecycle.TransitionRefused as error:
        db.session.rollback()
        _refused(error)
    except InvalidInput as error:
        db.session.rollback()
        _invalid(error)
    db.session.commit()
    return req


@blp.route("/requests/<int:request_id>/completeness")
@blp.response(200, CompletenessSchema)
def get_completeness(request_id):
    """Say whether the request holds all its legal basis requires, naming what is missing."""
    return completeness.report(queries.load(db.session, current_user, request_id))


@blp.route("/requests/<int:request_id>/transitions", methods=["POST"])
@blp.arguments(TransitionIn)
@blp.response(201, StatusChangeSchema)
def post_transition(data, request_id):
    """Take one lifecycle step; a step the state or the caller's side does not allow is 409."""
    req = queries.load(db.session, current_user, request_id)
    try:
        change = lifecycle.apply(
            db.session,
            current_user,
            req,
            data["action"],
            comment=data["comment"],
            grounds=data["grounds"],
            until=data["until"],
            effective_on=data["effective_on"],
            version=data["version"],
        )
    except lifecycle.TransitionRefused as error:
        db.session.rollback()
        _refused(error)
    except lifecycle.InvalidTransition as error:
        db.session.rollback()
        _invalid(error)
    db.session.commit()
    return change


@blp.route("/requests/<int:request_id>/history")
@blp.response(200, StatusChangeSchema(many=True))
def get_history(request_id):
    """List every status change of the request, oldest first."""
    return queries.load(db.session, current_user, request_id).history
