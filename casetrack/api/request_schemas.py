"""The MLA request API's schemas: what a request looks like in and out, its completeness and
its steps (the endpoints are in casetrack/api/requests.py)."""

from __future__ import annotations

from flask_login import current_user
from marshmallow import Schema, fields

from casetrack import access, labels
from casetrack.api import decimal_out, page_schema
from casetrack.mla import lifecycle, texts
from casetrack.mla.inputs import AnnexInput, MeasureInput, RequestContentInput


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


def _case_id(req):
    # The requested side reads the request, never the requesting case behind it.
    return req.case_id if access.may_open_case(current_user, req) else None


class RequestSchema(Schema):
    id = fields.Integer()
    version = fields.Integer()
    reference = fields.String()
    counterpart_reference = fields.String()
    status = fields.Function(lambda r: r.status.value)
    status_label = fields.Function(lambda r: labels.label(r.status))
    requesting_office = fields.Nested(RequestOfficeRef)
    requested_office = fields.Nested(RequestOfficeRef)
    subject = fields.String()
    assistance_types = fields.List(fields.String())
    parent_id = fields.Integer(allow_none=True)
    is_registered_by_hand = fields.Boolean()
    sent_at = fields.DateTime(allow_none=True)
    acknowledged_at = fields.DateTime(allow_none=True)
    closed_at = fields.DateTime(allow_none=True)
    executing_office = fields.Nested(RequestOfficeRef, allow_none=True)


def _internal(attribute: str):
    def read(req):
        if access.sees_internal_notes(current_user, req):
            value = getattr(req, attribute)
            return value.isoformat() if hasattr(value, "isoformat") else value
        return None

    return read


class RequestDetailSchema(RequestSchema):
    dispatch_due_on = fields.Function(
        _internal("dispatch_due_on"),
        allow_none=True,
        metadata={"description": "requested side only: the internal due date"},
    )
    dispatch_note = fields.Function(
        _internal("dispatch_note"),
        allow_none=True,
        metadata={"description": "requested side only: the internal note of the dispatch"},
    )
    case_id = fields.Function(_case_id, allow_none=True)
    case_reference = fields.Function(
        lambda r: r.case.reference if access.may_see_case_reference(current_user, r) else None
    )
    channel = fields.Function(lambda r: r.channel.value)
    is_reciprocity = fields.Boolean()
    legal_bases = fields.List(fields.Nested(LegalBasisSchema))
    proceedings_stage = fields.String()
    proceedings_authority = fields.String()
    facts = fields.String()
    offences = fields.String()
    offence_text = fields.String()
    damage = fields.String()
    representatives = fields.String()
    service_address = fields.String()
    service_documents = fields.String()
    order_extent = fields.String()
    third_party_notice = fields.String()
    order_finality = fields.String()
    measures = fields.List(fields.Nested(MeasureInput))
    procedures = fields.String()
    purpose = fields.String()
    is_urgent = fields.Boolean()
    urgency_reason = fields.String()
    is_confidential = fields.Boolean()
    has_speciality_undertaking = fields.Boolean()
    execution_requested_on = fields.Date(allow_none=True)
    languages = fields.List(fields.String())
    annexes = fields.List(fields.Nested(AnnexInput))
    signatory_name = fields.String()
    signatory_title = fields.String()
    refusal_ground = fields.Function(lambda r: r.refusal_ground.value if r.refusal_ground else None)
    postponed_until = fields.Date(allow_none=True)
    persons = fields.List(fields.Nested(RequestPartySchema))
    assets = fields.List(fields.Nested(RequestAssetSchema))
    #: Every free text as {"en": …, "ru": …} over the request's languages.
    texts = fields.Function(
        lambda r: {field: texts.as_map(r, field) for field in (*texts.FIELDS, "measures")},
        metadata={"description": 'each free text as {"en": …, "ru": …}'},
    )
    counterpart_registered_on = fields.Date(allow_none=True)
    allowed_actions = fields.Function(
        lambda r: [a.name for a in lifecycle.allowed_actions(current_user, r)]
    )


RequestPage = page_schema(RequestSchema, "RequestPage")


class RequestMetadataSchema(Schema):
    """What a coordinator reads of a request: metadata, never a content field (SPEC §2)."""

    id = fields.Integer()
    reference = fields.String()
    from_office = fields.String(metadata={"description": "requesting office code"})
    to_office = fields.String(metadata={"description": "requested office code"})
    from_country = fields.String()
    to_country = fields.String()
    assistance_types = fields.List(fields.String())
    sent_on = fields.Date(allow_none=True)
    acknowledged_on = fields.Date(allow_none=True)
    closed_on = fields.Date(allow_none=True)
    status = fields.String()
    days_late = fields.Integer(
        allow_none=True, metadata={"description": "days past the earliest missed deadline"}
    )


RequestMetadataPage = page_schema(RequestMetadataSchema, "RequestMetadataPage")


#: What a request's content may hold: the schema the drafting form checks with too.
RequestContentFields = RequestContentInput


class RequestCreate(RequestContentFields):
    case_id = fields.Integer(required=True)
    requested_office = fields.String(
        required=True, metadata={"description": "office code, e.g. UZ-TAS"}
    )


class RequestPatch(RequestContentFields):
    version = fields.Integer(required=True)
    requested_office = fields.String(metadata={"description": "office code"})


class CompletenessParagraph(Schema):
    treaty = fields.String()
    article = fields.String()
    citation = fields.String()


class CompletenessItem(Schema):
    item = fields.String()
    label = fields.String(metadata={"description": "in the caller's language"})
    label_en = fields.String()
    label_ru = fields.String()
    strength = fields.String(metadata={"description": "required blocks; the others advise"})
    strength_text = fields.String()
    blocking = fields.Boolean()
    condition = fields.String(allow_none=True)
    condition_text = fields.String()
    paragraph = fields.String(metadata={"description": "the paragraphs, in legal form"})
    paragraphs = fields.List(fields.Nested(CompletenessParagraph))
    is_ours = fields.Boolean(metadata={"description": "a casetrack rule, not a treaty's"})
    missing = fields.List(fields.String(), metadata={"description": "what is missing"})
    basis = fields.String(metadata={"description": "treaty codes and articles"})
    details = fields.List(fields.String())


class CompletenessSchema(Schema):
    complete = fields.Boolean()
    missing = fields.List(fields.Nested(CompletenessItem), metadata={"description": "blocking"})
    advice = fields.List(fields.Nested(CompletenessItem), metadata={"description": "never blocks"})


def _change_comment(change):
    # A dispatch's note is internal to the requested side.
    if change.action == "dispatch" and not access.sees_internal_notes(current_user, change.request):
        return ""
    return change.comment


class StatusChangeSchema(Schema):
    id = fields.Integer()
    action = fields.String()
    from_status = fields.Function(lambda c: c.from_status.value if c.from_status else None)
    to_status = fields.Function(lambda c: c.to_status.value)
    actor = fields.Function(lambda c: c.actor.name if c.actor else None)
    actor_office = fields.Function(lambda c: c.actor.office.code if c.actor else None)
    changed_at = fields.DateTime()
    effective_on = fields.Date(allow_none=True)
    comment = fields.Function(_change_comment)
    office = fields.Function(lambda c: c.office.code if c.office else None)
    grounds = fields.Function(lambda c: c.grounds.value if c.grounds else None)
    is_recorded_for_counterpart = fields.Boolean()
    details = fields.Dict(metadata={"description": "what the step's letter carries"})
