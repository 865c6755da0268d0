"""Assets in the API: owners, identifiers checked, status changed through PATCH."""

from __future__ import annotations

from flask_login import current_user
from marshmallow import Schema, fields, validate

from casetrack import access, labels
from casetrack.api import PageArgs, api_blueprint, decimal_out, page_schema, paginate
from casetrack.assets import services
from casetrack.assets.inputs import AssetInput
from casetrack.db import db
from casetrack.handlers import api_call, load, loads
from casetrack.inputs import patch
from casetrack.models import Asset, AssetKind, AssetStatus, Case

blp = api_blueprint("api_assets", __name__, "Assets, their owners and their legal status")


blp.before_request(access.require_content_reader)


class AssetOwnerSchema(Schema):
    party_id = fields.Integer(required=True)
    name = fields.Function(lambda owner: owner.party.display_name, dump_only=True)
    share = decimal_out(
        allow_none=True,
        metadata={"description": "per cent, 0–100; the shares add up to 100 at most"},
    )


class AssetStatusChangeSchema(Schema):
    from_status = fields.Function(lambda c: c.from_status.value if c.from_status else None)
    to_status = fields.Function(lambda c: c.to_status.value)
    effective_on = fields.Date()
    changed_by = fields.Function(lambda c: c.changed_by.name if c.changed_by else None)
    changed_at = fields.DateTime()
    comment = fields.String()


class AssetSchema(Schema):
    id = fields.Integer()
    version = fields.Integer()
    office = fields.Function(lambda asset: asset.office.code)
    case_id = fields.Integer(allow_none=True)
    kind = fields.Function(lambda asset: asset.kind.value)
    identifier = fields.String()
    identifier_key = fields.String()
    description = fields.String()
    country_code = fields.String()
    location = fields.String()
    estimated_value = decimal_out(allow_none=True)
    currency = fields.String()
    status = fields.Function(lambda asset: asset.status.value)
    status_label = fields.Function(lambda asset: labels.label(asset.status))
    owners = fields.List(fields.Nested(AssetOwnerSchema))


class AssetDetailSchema(AssetSchema):
    status_changes = fields.List(fields.Nested(AssetStatusChangeSchema))
    warnings = fields.Function(
        lambda asset: getattr(asset, "api_warnings", []),
        metadata={"description": "checks that did not refuse the input, e.g. a VIN check digit"},
    )


AssetPage = page_schema(AssetSchema, "AssetPage")


#: The body of POST /assets: the schema the asset form checks with too (assets/inputs.py).
AssetCreate = AssetInput
#: The body of PATCH: the same fields, each optional, and ``version``.
AssetPatch = patch(AssetInput, "AssetPatch")


class AssetQuery(PageArgs):
    kind = fields.String(validate=validate.OneOf([k.value for k in AssetKind]))
    status = fields.String(validate=validate.OneOf([s.value for s in AssetStatus]))
    country = fields.String(validate=validate.Length(equal=2))
    q = fields.String(metadata={"description": "part of the identifier or description"})


@blp.route("/assets")
@blp.arguments(AssetQuery, location="query")
@blp.response(200, AssetPage)
def list_assets(args):
    """List the visible assets (filters: kind, status, country, q)."""
    stmt = services.asset_list_query(
        current_user, args.get("kind"), args.get("status"), args.get("country"), args.get("q")
    )
    return paginate(db.session, stmt, args["page"], args["per_page"])


@blp.route("/assets", methods=["POST"])
@blp.arguments(AssetCreate)
@blp.response(201, AssetDetailSchema)
def create_asset(data):
    """Record an asset in the office of its case (or the caller's office)."""
    office_id = load(Case, data["case_id"]).office_id if data.get("case_id") else None
    asset, warnings = api_call(
        lambda: services.create_asset(db.session, current_user, data, office_id)
    )
    asset.api_warnings = warnings
    return asset


@blp.route("/assets/<int:asset_id>")
@blp.response(200, AssetDetailSchema)
@loads(Asset, "asset_id")
def get_asset(asset: Asset):
    """Return one asset with its owners and every status change."""
    return asset


@blp.route("/assets/<int:asset_id>", methods=["PATCH"])
@blp.arguments(AssetPatch)
@blp.response(200, AssetDetailSchema)
@loads(Asset, "asset_id")
def patch_asset(data, asset: Asset):
    """Change an asset; a new ``status`` with ``status_effective_on`` and ``status_comment``
    records a status change. ``version`` is required; a stale one answers 409."""
    version = data.pop("version")
    status = data.pop("status", None)
    effective_on = data.pop("status_effective_on", None)
    comment = data.pop("status_comment", "")
    if data.get("case_id"):
        load(Case, data["case_id"])

    def change() -> list:
        _, warnings = services.update_asset(db.session, current_user, asset, data, version)
        if status is not None and status != asset.status.value:
            services.change_status(
                db.session, current_user, asset, status, effective_on, comment, asset.version
            )
        return warnings

    asset.api_warnings = api_call(change)
    return asset
