"""Parties in the API: any-spelling search, the same services and visibility as the pages."""

from __future__ import annotations

from flask_login import current_user
from marshmallow import Schema, fields, validate

from casetrack import access
from casetrack.api import PageArgs, api_blueprint, page_schema, paginate
from casetrack.api.cases import invalid
from casetrack.db import db
from casetrack.models import Party, PartyKind
from casetrack.parties import services
from casetrack.validation import InvalidInput

blp = api_blueprint("api_parties", __name__, "Persons and companies, found by any spelling")


blp.before_request(access.require_content_reader)


class PartyNameSchema(Schema):
    full_name = fields.String(validate=validate.Length(max=300))
    surname = fields.String(validate=validate.Length(max=120))
    given_name = fields.String(validate=validate.Length(max=120))
    patronymic = fields.String(validate=validate.Length(max=120))
    is_primary = fields.Boolean()
    script = fields.String(dump_only=True)


class IdentityDocumentSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(services.DOCUMENT_KINDS))
    number = fields.String(required=True, validate=validate.Length(min=1, max=64))
    number_key = fields.String(dump_only=True)
    issuing_country = fields.String(load_default="", validate=validate.Length(max=2))
    issued_on = fields.Date(allow_none=True, load_default=None)
    expires_on = fields.Date(allow_none=True, load_default=None)


class PartySchema(Schema):
    id = fields.Integer()
    version = fields.Integer()
    office = fields.Function(lambda party: party.office.code)
    kind = fields.Function(lambda party: party.kind.value)
    display_name = fields.String()
    names = fields.List(fields.Nested(PartyNameSchema))
    birth_date = fields.Date(allow_none=True)
    birth_place = fields.String()
    nationality = fields.String()
    address = fields.String()
    occupation = fields.String()
    registration_number = fields.String()
    tax_id = fields.String()
    jurisdiction = fields.String()
    bank_details = fields.String()
    notes = fields.String()
    documents = fields.List(fields.Nested(IdentityDocumentSchema))


PartyPage = page_schema(PartySchema, "PartyPage")


class _PartyFields(Schema):
    names = fields.List(fields.Nested(PartyNameSchema), validate=validate.Length(min=1, max=30))
    birth_date = fields.Date(allow_none=True)
    birth_place = fields.String(validate=validate.Length(max=255))
    nationality = fields.String(validate=validate.Length(max=64))
    address = fields.String()
    occupation = fields.String(validate=validate.Length(max=255))
    registration_number = fields.String(validate=validate.Length(max=64))
    tax_id = fields.String(validate=validate.Length(max=64))
    jurisdiction = fields.String(validate=validate.Length(max=2))
    bank_details = fields.String()
    notes = fields.String()
    documents = fields.List(fields.Nested(IdentityDocumentSchema), validate=validate.Length(max=30))


class PartyCreate(_PartyFields):
    kind = fields.String(
        load_default=PartyKind.PERSON.value, validate=validate.OneOf([k.value for k in PartyKind])
    )
    names = fields.List(
        fields.Nested(PartyNameSchema), required=True, validate=validate.Length(min=1, max=30)
    )


class PartyPatch(_PartyFields):
    version = fields.Integer(required=True)


class PartyQuery(PageArgs):
    q = fields.String(
        metadata={"description": "any spelling in any script; every word must match a name"}
    )
    kind = fields.String(validate=validate.OneOf([k.value for k in PartyKind]))


@blp.route("/parties")
@blp.arguments(PartyQuery, location="query")
@blp.response(200, PartyPage)
def list_parties(args):
    """List the visible parties; ``q`` finds Алиев, Aliyev, Aliev and Əliyev alike."""
    stmt = services.search_query(current_user, args.get("q"), args.get("kind"))
    return paginate(db.session, stmt, args["page"], args["per_page"])


@blp.route("/parties", methods=["POST"])
@blp.arguments(PartyCreate)
@blp.response(201, PartySchema)
def create_party(data):
    """Record a person or company in the caller's office."""
    try:
        party = services.create_party(db.session, current_user, data)
    except InvalidInput as error:
        db.session.rollback()
        invalid(error)
    db.session.commit()
    return party


@blp.route("/parties/<int:party_id>")
@blp.response(200, PartySchema)
def get_party(party_id):
    """Return one party with every spelling and document."""
    return access.get_or_404(db.session, Party, current_user, party_id)


@blp.route("/parties/<int:party_id>", methods=["PATCH"])
@blp.arguments(PartyPatch)
@blp.response(200, PartySchema)
def patch_party(data, party_id):
    """Change a party; ``names`` and ``documents`` replace the lists; stale ``version`` → 409."""
    party = access.get_or_404(db.session, Party, current_user, party_id)
    version = data.pop("version")
    try:
        services.update_party(db.session, current_user, party, data, version)
    except InvalidInput as error:
        db.session.rollback()
        invalid(error)
    db.session.commit()
    return party
