"""The filters of the monitoring pages, exports and API, read from a query string."""

from __future__ import annotations

from marshmallow import (
    EXCLUDE,
    Schema,
    ValidationError,
    fields,
    pre_load,
    validate,
    validates_schema,
)

from casetrack.models import RefusalGround, RequestStatus
from casetrack.monitoring.sql import AGE_BUCKETS, MILESTONES, Filters
from casetrack.reference_data import ASSISTANCE_TYPES

COUNTRY = validate.Regexp(r"^[A-Z]{2}$", error="a two-letter country code, e.g. KZ")
MONTH = validate.Regexp(r"^\d{4}-(0[1-9]|1[0-2])$", error="a month as YYYY-MM")
ASSISTANCE_CODES = [row["code"] for row in ASSISTANCE_TYPES]


class PeriodArgs(Schema):
    """The filters every figure takes: period (on the date sent), country, assistance type."""

    class Meta:
        unknown = EXCLUDE

    date_from = fields.Date(
        data_key="from",
        load_default=None,
        metadata={"description": "sent on or after (YYYY-MM-DD)"},
    )
    date_to = fields.Date(
        data_key="to", load_default=None, metadata={"description": "sent on or before (YYYY-MM-DD)"}
    )
    country = fields.String(
        load_default=None,
        validate=COUNTRY,
        metadata={"description": "either office of the request is in this country (ISO code)"},
    )
    assistance_type = fields.String(
        load_default=None,
        validate=validate.OneOf(ASSISTANCE_CODES),
        metadata={"description": "one of the assistance type codes, e.g. records"},
    )
    scope = fields.String(
        load_default="network",
        validate=validate.OneOf(["network", "mine"]),
        metadata={"description": "a central authority's own country (mine) or the network"},
    )

    @pre_load
    def drop_blanks(self, data, **kwargs):
        # An HTML form sends every field, the empty ones as "".
        cleaned = {key: value for key, value in dict(data).items() if value not in ("", None)}
        for key in ("country", "from_country", "to_country"):
            if isinstance(cleaned.get(key), str):
                cleaned[key] = cleaned[key].strip().upper()
        return cleaned

    @validates_schema
    def period_in_order(self, data, **kwargs):
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise ValidationError("the end of the period comes before its start", "to")


class DrillArgs(PeriodArgs):
    """The period filters plus the figure a list of requests stands behind."""

    status = fields.String(
        load_default=None, validate=validate.OneOf([s.value for s in RequestStatus] + ["open"])
    )
    from_country = fields.String(load_default=None, validate=COUNTRY)
    to_country = fields.String(load_default=None, validate=COUNTRY)
    age = fields.String(load_default=None, validate=validate.OneOf(AGE_BUCKETS))
    month = fields.String(load_default=None, validate=MONTH)
    executed_month = fields.String(load_default=None, validate=MONTH)
    milestone = fields.String(load_default=None, validate=validate.OneOf(MILESTONES))
    refusal_ground = fields.String(
        load_default=None, validate=validate.OneOf([g.value for g in RefusalGround])
    )


def to_filters(args: dict) -> Filters:
    """Turn loaded arguments into the queries' filters."""
    values = {key: value for key, value in args.items() if key in Filters.__dataclass_fields__}
    return Filters(**values, is_my_country=args.get("scope") == "mine")


def load(args, schema: type[Schema] = DrillArgs) -> tuple[Filters, dict]:
    """Read filters from a query string: the filters, and the messages of any bad one."""
    try:
        loaded = schema().load(args)
    except ValidationError as error:
        return Filters(), error.normalized_messages()
    return to_filters(loaded), {}


def query_args(filters: Filters) -> dict:
    """The query-string arguments that reproduce ``filters`` (for links and exports)."""
    args = {
        "from": filters.date_from.isoformat() if filters.date_from else None,
        "to": filters.date_to.isoformat() if filters.date_to else None,
        "scope": "mine" if filters.is_my_country else None,
    }
    for key in (
        "country",
        "assistance_type",
        "status",
        "from_country",
        "to_country",
        "age",
        "month",
        "executed_month",
        "milestone",
        "refusal_ground",
    ):
        args[key] = getattr(filters, key)
    return {key: value for key, value in args.items() if value}
