"""Cases in the API: the same services, rules and visibility as the case pages."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import abort
from marshmallow import Schema, fields, validate

from casetrack import access, labels
from casetrack.api import PageArgs, api_blueprint, page_schema, paginate
from casetrack.cases import services
from casetrack.cases.inputs import CaseInput
from casetrack.db import db
from casetrack.handlers import api_call, load, loads
from casetrack.inputs import patch
from casetrack.models import Case, CaseStatus, Party, PartyRole

blp = api_blueprint("api_cases", __name__, "Cases of the caller's scope and their parties")


blp.before_request(access.require_content_reader)


class CaseLeadSchema(Schema):
    id = fields.Integer()
    name = fields.String()


class CaseSchema(Schema):
    id = fields.Integer()
    version = fields.Integer()
    office = fields.Function(lambda case: case.office.code)
    reference = fields.String()
    title = fields.String()
    offences = fields.String()
    offence_articles = fields.String()
    summary = fields.String()
    status = fields.Function(lambda case: case.status.value)
    status_label = fields.Function(lambda case: labels.label(case.status))
    lead_prosecutor = fields.Nested(CaseLeadSchema, allow_none=True)
    opened_on = fields.Date()
    closed_on = fields.Date(allow_none=True)
    updated_at = fields.DateTime()


class CasePartySchema(Schema):
    id = fields.Integer(metadata={"description": "id of the link"})
    party_id = fields.Integer()
    name = fields.Function(lambda link: link.party.display_name)
    kind = fields.Function(lambda link: link.party.kind.value)
    role = fields.Function(lambda link: link.role.value)


class CaseDetailSchema(CaseSchema):
    parties = fields.List(fields.Nested(CasePartySchema), attribute="case_parties")


CasePage = page_schema(CaseSchema, "CasePage")


class CaseQuery(PageArgs):
    status = fields.String(validate=validate.OneOf([s.value for s in CaseStatus]))
    lead = fields.Integer(metadata={"description": "id of the lead prosecutor"})
    q = fields.String(metadata={"description": "part of the reference or title"})
    sort = fields.String(load_default="-opened", validate=validate.OneOf(list(services.SORTS)))


#: The body of POST /cases: the schema the case form checks with too (cases/inputs.py).
CaseCreate = CaseInput
#: The body of PATCH: the same fields, each optional, ``version``, and a status change.
CasePatch = patch(
    CaseInput,
    "CasePatch",
    extra=[
        (
            "status",
            fields.String(
                validate=validate.OneOf([s.value for s in CaseStatus]),
                metadata={
                    "description": "closing stamps closed_on (today unless given); "
                    "reopening clears it"
                },
            ),
        ),
        ("closed_on", fields.Date()),
    ],
)


class CasePartyLinkCreate(Schema):
    party_id = fields.Integer(
        metadata={"description": "an existing party of the case's office; or give `party`"}
    )
    party = fields.Dict(
        metadata={"description": "a new party to record in the case's office (as POST /parties)"}
    )
    role = fields.String(required=True, validate=validate.OneOf([r.value for r in PartyRole]))


@blp.route("/cases")
@blp.arguments(CaseQuery, location="query")
@blp.response(200, CasePage)
def list_cases(args):
    """List the cases the caller may see (filters: status, lead, q; sort)."""
    stmt = services.case_list_query(
        current_user, args.get("status"), args.get("lead"), args.get("q"), args["sort"]
    )
    return paginate(
        db.session, stmt, args["page"], args["per_page"], ids_first=services.LIST_LOADING
    )


@blp.route("/cases", methods=["POST"])
@blp.arguments(CaseCreate)
@blp.response(201, CaseDetailSchema)
def create_case(data):
    """Open a case in the caller's office."""
    return api_call(lambda: services.create_case(db.session, current_user, data))


@blp.route("/cases/<int:case_id>")
@blp.response(200, CaseDetailSchema)
@loads(Case, "case_id")
def get_case(case: Case):
    """Return one case with its parties and their roles."""
    return case


@blp.route("/cases/<int:case_id>", methods=["PATCH"])
@blp.arguments(CasePatch)
@blp.response(200, CaseDetailSchema)
@loads(Case, "case_id")
def patch_case(data, case: Case):
    """Change a case; ``version`` is required and a stale one answers 409."""
    version = data.pop("version")
    status = data.pop("status", None)
    closed_on = data.pop("closed_on", None)

    def change() -> Case:
        services.update_case(db.session, current_user, case, data, version)
        if status is not None:
            services.set_status(
                db.session, current_user, case, CaseStatus(status), case.version, closed_on
            )
        return case

    return api_call(change)


@blp.route("/cases/<int:case_id>/parties", methods=["POST"])
@blp.arguments(CasePartyLinkCreate)
@blp.response(201, CasePartySchema)
@loads(Case, "case_id")
def link_party(data, case: Case):
    """Link an existing party (``party_id``) or a new one (``party``) to a case with a role."""
    from casetrack.api.parties import PartyCreate
    from casetrack.parties import services as party_services

    if ("party_id" in data) == ("party" in data):
        abort(
            422,
            message="Give either party_id or party.",
            fields={"party_id": ["Give either party_id or party."]},
        )

    def link():
        if "party_id" in data:
            party = load(Party, data["party_id"])
        else:
            errors = PartyCreate().validate(data["party"])
            if errors:
                abort(422, message="The new party is not valid.", fields={"party": errors})
            party = party_services.create_party(
                db.session,
                current_user,
                PartyCreate().load(data["party"]),
                office_id=case.office_id,
            )
        return party_services.link_party(db.session, current_user, case, party, data["role"])

    return api_call(link)
