"""Network figures on MLA requests in the API: the coordinator's view, without case content."""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from marshmallow import Schema, fields

from casetrack import access, clock
from casetrack.api import api_blueprint
from casetrack.db import db
from casetrack.monitoring import filters, services
from casetrack.monitoring.sql import AGE_BUCKETS

blp = api_blueprint("stats", __name__, "Network figures on requests (metadata only)")


class StatsPairOpenSchema(Schema):
    from_ = fields.String(data_key="from", attribute="from")
    to = fields.String()
    open = fields.Integer()


class StatsPairTimeSchema(Schema):
    from_ = fields.String(data_key="from", attribute="from")
    to = fields.String()
    median_days = fields.Float()
    p90_days = fields.Float(metadata={"description": "90th percentile, linear interpolation"})
    count = fields.Integer()


class StatsTypeTimeSchema(Schema):
    assistance_type = fields.String()
    median_days = fields.Float()
    p90_days = fields.Float()
    count = fields.Integer()


class StatsTimesSchema(Schema):
    by_pair = fields.List(fields.Nested(StatsPairTimeSchema))
    by_assistance_type = fields.List(fields.Nested(StatsTypeTimeSchema))


StatsAgeingSchema = Schema.from_dict(
    {bucket: fields.Integer(data_key=bucket) for bucket in AGE_BUCKETS}, name="StatsAgeing"
)


class StatsMonthSchema(Schema):
    month = fields.String(metadata={"description": "YYYY-MM"})
    sent = fields.Integer()
    executed = fields.Integer()


class RequestStatsSchema(Schema):
    by_status = fields.Dict(keys=fields.String(), values=fields.Integer())
    country_pairs = fields.List(
        fields.Nested(StatsPairOpenSchema), metadata={"description": "open requests by pair"}
    )
    overdue_by_age = fields.Nested(
        StatsAgeingSchema,
        metadata={"description": "open requests by days past their earliest missed deadline"},
    )
    time_to_acknowledge = fields.Nested(StatsTimesSchema)
    time_to_execute = fields.Nested(StatsTimesSchema)
    refusals_by_grounds = fields.Dict(keys=fields.String(), values=fields.Integer())
    monthly = fields.List(
        fields.Nested(StatsMonthSchema), metadata={"description": "last 12 months"}
    )


@blp.route("/stats/requests")
@blp.arguments(filters.PeriodArgs, location="query")
@blp.response(200, RequestStatsSchema)
def request_stats(args):
    """Count the caller's visible requests by status, pair, lateness, delays and month."""
    if not access.can_monitor(current_user):
        abort(404)
    return services.network_figures(
        db.session, current_user, filters.to_filters(args), clock.today()
    )
