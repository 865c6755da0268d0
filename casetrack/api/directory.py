"""The directory in the API: offices and the treaties that bind two states."""

from __future__ import annotations

from flask_smorest import abort
from marshmallow import Schema, fields

from casetrack import directory
from casetrack.api import api_blueprint
from casetrack.db import db

blp = api_blueprint("directory", __name__, "Offices and the treaties between states")


class OfficeSchema(Schema):
    id = fields.Integer()
    code = fields.String()
    country = fields.String(attribute="country_code")
    kind = fields.Function(lambda office: office.kind.value)
    name_en = fields.String()
    name_ru = fields.String()
    name_local = fields.String()
    address = fields.String()
    email = fields.String()
    parent = fields.Function(lambda office: office.parent.code if office.parent else None)
    is_member = fields.Boolean()


class OfficeQuery(Schema):
    country = fields.String(metadata={"description": "ISO 3166 alpha-2 code"})


class RequirementSchema(Schema):
    item = fields.String()
    article = fields.String()
    condition = fields.Function(lambda req: req.condition.value)
    label_en = fields.String()
    label_ru = fields.String()


class TreatySchema(Schema):
    id = fields.Integer()
    code = fields.String()
    title_en = fields.String()
    title_ru = fields.String()
    is_multilateral = fields.Boolean()
    default_response_days = fields.Integer(allow_none=True)
    default_days_are_business = fields.Boolean()
    requirements = fields.List(fields.Nested(RequirementSchema))


class TreatyQuery(Schema):
    between = fields.String(
        metadata={"description": "Comma-separated country codes, e.g. KZ,UZ"}, load_default=""
    )


@blp.route("/offices")
@blp.arguments(OfficeQuery, location="query")
@blp.response(200, OfficeSchema(many=True))
def list_offices(args):
    """List the offices of the network and its counterparts."""
    return directory.offices(db.session, country=args.get("country"))


@blp.route("/treaties")
@blp.arguments(TreatyQuery, location="query")
@blp.response(200, TreatySchema(many=True))
def list_treaties(args):
    """List the treaties, or those that bind every state named in ``between``."""
    codes = [c for c in args["between"].split(",") if c.strip()]
    if any(len(c.strip()) != 2 or not c.strip().isalpha() for c in codes):
        abort(
            422,
            message="between takes two-letter country codes, e.g. KZ,UZ",
            fields={"between": ["two-letter country codes separated by commas"]},
        )
    return directory.treaties_between(db.session, *codes)
