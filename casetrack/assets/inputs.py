"""What an asset's input may hold: the one schema the asset form and the API both check with."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate

from casetrack.models import AssetKind, AssetStatus
from casetrack.validation import limit

#: How many owners an asset may have.
MAX_OWNERS = 30
#: Numeric(18, 2) in the database: below 10^16.
MAX_VALUE = 10**16 - 1


class AssetOwnerInput(Schema):
    """One owner: a party of the asset's office and its share (on the page a row without a
    party is no owner)."""

    party_id = fields.Integer(required=True)
    share = fields.Decimal(
        allow_none=True,
        load_default=None,
        allow_nan=False,
        validate=validate.Range(min=0, max=100),
        # apispec would write a Decimal range's ends as strings, which OpenAPI refuses.
        metadata={
            "description": "per cent, 0–100; the shares add up to 100 at most",
            "minimum": 0,
            "maximum": 100,
        },
    )


class AssetInput(Schema):
    """An asset as it is recorded (the API's POST body)."""

    kind = fields.String(required=True, validate=validate.OneOf([k.value for k in AssetKind]))
    identifier = fields.String(validate=validate.Length(max=limit("asset", "identifier")))
    description = fields.String(validate=validate.Length(max=limit("asset", "description")))
    country_code = fields.String(
        validate=validate.Length(
            max=limit("asset", "country_code"),
            error=_l("Use the two-letter country code, e.g. KZ."),
        )
    )
    location = fields.String(validate=validate.Length(max=limit("asset", "location")))
    estimated_value = fields.Decimal(
        allow_none=True,
        allow_nan=False,
        validate=[
            validate.Range(min=0, error=_l("The value cannot be negative.")),
            validate.Range(max=MAX_VALUE, error=_l("The value is too large.")),
        ],
        metadata={"minimum": 0, "maximum": MAX_VALUE},
    )
    currency = fields.String(
        validate=validate.Length(
            max=limit("asset", "currency"),
            error=_l("Use the three-letter ISO 4217 currency code, e.g. USD."),
        )
    )
    case_id = fields.Integer(allow_none=True)
    owners = fields.List(fields.Nested(AssetOwnerInput), validate=validate.Length(max=MAX_OWNERS))
    status = fields.String(validate=validate.OneOf([s.value for s in AssetStatus]))
    status_effective_on = fields.Date(
        metadata={"description": "date of the order or act behind the status (today by default)"}
    )
    status_comment = fields.String(
        load_default="", validate=validate.Length(max=limit("asset", "status_comment"))
    )
