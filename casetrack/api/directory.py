"""The directory in the API: offices and the treaties that bind two states."""

from __future__ import annotations

from datetime import date

from flask_login import current_user
from flask_smorest import abort
from marshmallow import Schema, fields

from casetrack import directory
from casetrack.api import api_blueprint
from casetrack.db import db
from casetrack.treaties import binding
from casetrack.treaties.binding import today

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
    strength = fields.Function(lambda req: req.strength.value)
    is_ours = fields.Boolean()
    label_en = fields.String()
    label_ru = fields.String()


class TreatySchema(Schema):
    id = fields.Integer()
    code = fields.String()
    title_en = fields.String()
    title_ru = fields.String()
    is_multilateral = fields.Boolean()
    has_content_rules = fields.Boolean()
    default_response_days = fields.Integer(allow_none=True)
    default_days_are_business = fields.Boolean()
    requirements = fields.List(fields.Nested(RequirementSchema))


class ApplicableSchema(Schema):
    code = fields.String()
    title = fields.String()
    why = fields.String()
    treaty = fields.Nested(TreatySchema)


class NotApplicableSchema(Schema):
    code = fields.String()
    title = fields.String()
    reason_code = fields.String(metadata={"description": "not_party, withdrawn, replaced, …"})
    reason = fields.String()


class TreatiesBetweenSchema(Schema):
    between = fields.List(fields.String())
    on = fields.Date()
    items = fields.List(fields.Nested(ApplicableSchema))
    not_applicable = fields.List(fields.Nested(NotApplicableSchema))


class TreatyQuery(Schema):
    between = fields.String(
        metadata={"description": "Two comma-separated country codes, e.g. KZ,UZ"}, load_default=""
    )
    on = fields.String(
        metadata={"description": "The date to judge on (YYYY-MM-DD); today when absent"},
        load_default="",
    )


@blp.route("/offices")
@blp.arguments(OfficeQuery, location="query")
@blp.response(200, OfficeSchema(many=True))
def list_offices(args):
    """List the offices of the network and its counterparts."""
    return directory.offices(db.session, country=args.get("country"))


def _language() -> str:
    return "ru" if getattr(current_user, "language", "en") == "ru" else "en"


@blp.route("/treaties")
@blp.arguments(TreatyQuery, location="query")
@blp.response(200, TreatiesBetweenSchema)
def list_treaties(args):
    """List the treaties that bind the two states of ``between`` on ``on``, and the others with
    the reason they do not (not party, withdrawn, replaced, not yet in force)."""
    codes = [c.strip() for c in args["between"].split(",") if c.strip()]
    if any(len(c) != 2 or not c.isalpha() for c in codes) or len(codes) not in (0, 2):
        abort(
            422,
            message="between takes two two-letter country codes, e.g. KZ,UZ",
            fields={"between": ["two two-letter country codes separated by a comma"]},
        )
    if len(codes) == 2 and codes[0].upper() == codes[1].upper():
        abort(
            422,
            message="between takes two different states",
            fields={"between": ["two different states"]},
        )
    try:
        on = date.fromisoformat(args["on"]) if args["on"] else today()
    except ValueError:
        abort(
            422,
            message="on takes a date as YYYY-MM-DD",
            fields={"on": ["a date as YYYY-MM-DD, e.g. 2026-03-01"]},
        )
    lang = _language()
    if not codes:
        return {
            "between": [],
            "on": on,
            "items": [
                {"code": t.code, "title": t.title(lang), "why": "", "treaty": t}
                for t in directory.treaties_between(db.session)
            ],
            "not_applicable": [],
        }
    try:
        first, second = binding.check_states(db.session, *codes)
    except binding.UnknownState as error:
        abort(
            422,
            message=f"Unknown state: {error}",
            fields={"between": [f"unknown country code: {error}"]},
        )
    answer = binding.between(db.session, first, second, on)
    return {
        "between": [first, second],
        "on": on,
        "items": [
            {
                "code": item.treaty.code,
                "title": item.treaty.title(lang),
                "why": item.why(lang),
                "treaty": item.treaty,
            }
            for item in answer.items
        ],
        "not_applicable": [
            {
                "code": item.treaty.code,
                "title": item.treaty.title(lang),
                "reason_code": item.code,
                "reason": item.reason(lang),
            }
            for item in answer.not_applicable
        ],
    }
