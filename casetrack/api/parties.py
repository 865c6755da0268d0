"""Parties in the API: any-spelling search, the same services and visibility as the pages."""

from __future__ import annotations

from flask_login import current_user
from marshmallow import Schema, fields, validate

from casetrack import access
from casetrack.api import PageArgs, api_blueprint, page_schema, paginate
from casetrack.db import db
from casetrack.handlers import api_call, loads
from casetrack.inputs import patch
from casetrack.models import Party, PartyKind
from casetrack.parties import services
from casetrack.parties.inputs import IdentityDocumentInput, PartyInput, PartyNameInput

blp = api_blueprint("api_parties", __name__, "Persons and companies, found by any spelling")


blp.before_request(access.require_content_reader)


class PartyNameSchema(PartyNameInput):
    script = fields.String(dump_only=True)


class IdentityDocumentSchema(IdentityDocumentInput):
    number_key = fields.String(dump_only=True)


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


#: The body of POST /parties: the schema the party form checks with too (parties/inputs.py).
PartyCreate = PartyInput
#: The body of PATCH: the same fields, each optional (a party's kind stays), and ``version``.
PartyPatch = patch(PartyInput, "PartyPatch", without=("kind",))


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
    stmt = services.search_query(db.session, current_user, args.get("q"), args.get("kind"))
    return paginate(db.session, stmt, args["page"], args["per_page"])


@blp.route("/parties", methods=["POST"])
@blp.arguments(PartyCreate)
@blp.response(201, PartySchema)
def create_party(data):
    """Record a person or company in the caller's office."""
    return api_call(lambda: services.create_party(db.session, current_user, data))


@blp.route("/parties/<int:party_id>")
@blp.response(200, PartySchema)
@loads(Party, "party_id")
def get_party(party: Party):
    """Return one party with every spelling and document."""
    return party


@blp.route("/parties/<int:party_id>", methods=["PATCH"])
@blp.arguments(PartyPatch)
@blp.response(200, PartySchema)
@loads(Party, "party_id")
def patch_party(data, party: Party):
    """Change a party; ``names`` and ``documents`` replace the lists; stale ``version`` → 409."""
    version = data.pop("version")

    def change() -> Party:
        services.update_party(db.session, current_user, party, data, version)
        return party

    return api_call(change)
