"""Network analysis in the API: the disruption planner, roles, money flows and exports."""

from __future__ import annotations

from flask import Response
from flask_babel import get_locale
from flask_login import current_user
from flask_smorest import abort
from marshmallow import Schema, fields

from casetrack import access
from casetrack.api import api_blueprint
from casetrack.db import db
from casetrack.links import disruption, export, filters
from casetrack.money import trail as money

blp = api_blueprint("api_graph", __name__, "Network analysis: disruption, roles, money, exports")


class RemovedSchema(Schema):
    id = fields.String()
    kind = fields.String()
    label = fields.String()


class StepSchema(Schema):
    removed = fields.Nested(RemovedSchema)
    largest_share = fields.Float(
        metadata={"description": "share of the starting actors in the largest connected group"}
    )
    groups = fields.Integer(metadata={"description": "connected groups among those left"})
    efficiency = fields.Float(
        metadata={"description": "mean of 1/distance over all pairs of the starting actors"}
    )


class SnapshotSchema(Schema):
    largest_share = fields.Float()
    groups = fields.Integer()
    efficiency = fields.Float()


class BaselineSchema(Schema):
    strategy = fields.String()
    seed = fields.Integer()
    steps = fields.List(fields.Nested(StepSchema))


class NeededOfficeSchema(Schema):
    code = fields.String()
    name = fields.String()
    via = fields.String(metadata={"description": "hit or confirmed link"})


class NeededSchema(Schema):
    country = fields.String()
    offices = fields.List(fields.Nested(NeededOfficeSchema))
    assets = fields.Boolean(metadata={"description": "the actor has assets located there"})
    has_request = fields.Boolean()


class TargetRequestSchema(Schema):
    id = fields.Integer()
    reference = fields.String()
    status = fields.String()
    office = fields.String()
    country = fields.String()


class TargetSchema(Schema):
    id = fields.String()
    kind = fields.String()
    label = fields.String()
    score = fields.Float()
    why = fields.List(fields.String())
    requests = fields.List(fields.Nested(TargetRequestSchema))
    needed = fields.List(fields.Nested(NeededSchema))
    jurisdictions = fields.List(fields.String())


class DisruptionSchema(Schema):
    strategy = fields.String()
    seed = fields.Integer()
    actors = fields.Integer()
    ties = fields.Integer()
    sampled = fields.Integer(
        allow_none=True,
        metadata={"description": "sources sampled per step for the estimates; null when exact"},
    )
    start = fields.Nested(SnapshotSchema)
    steps = fields.List(fields.Nested(StepSchema))
    baseline = fields.Nested(BaselineSchema)
    targets = fields.List(fields.Nested(TargetSchema))


class RoleSchema(Schema):
    id = fields.String()
    kind = fields.String()
    label = fields.String()
    community = fields.Integer()
    reaches = fields.List(fields.Integer(), metadata={"description": "other communities tied"})
    is_broker = fields.Boolean()
    is_cut_point = fields.Boolean()
    core = fields.Integer()
    in_main_core = fields.Boolean()
    betweenness = fields.Float()
    degree = fields.Integer()
    jurisdictions = fields.List(fields.String())


class CommunitySchema(Schema):
    community = fields.Integer()
    size = fields.Integer()
    members = fields.List(fields.String())


class RolesSchema(Schema):
    actors = fields.List(fields.Nested(RoleSchema))
    communities = fields.List(fields.Nested(CommunitySchema))
    main_core = fields.Integer()
    ties = fields.Integer(metadata={"description": "ties between the actors (in the period)"})
    sampled = fields.Integer(
        allow_none=True,
        metadata={"description": "sources sampled for the betweenness estimate; null when exact"},
    )


class FlowsSchema(Schema):
    nodes = fields.List(fields.Dict())
    edges = fields.List(fields.Dict())
    totals = fields.Dict()
    flags = fields.List(fields.Dict())
    transactions = fields.Integer()


def _reader() -> None:
    if not access.can_see_content(current_user):
        abort(404, message="There is nothing here, or it is not yours to see.")


@blp.route("/graph/disruption")
@blp.arguments(filters.DisruptionArgs, location="query")
@blp.response(200, DisruptionSchema)
def disruption_plan(args):
    """Remove actors one at a time by a strategy; each step's groups and efficiency."""
    _reader()
    return disruption.plan(
        db.session,
        current_user,
        strategy=args["strategy"],
        steps=args["steps"],
        seed=args["seed"],
        since=args["since"],
        until=args["until"],
    )


@blp.route("/graph/roles")
@blp.arguments(filters.PeriodArgs, location="query")
@blp.response(200, RolesSchema)
def roles(args):
    """List communities, brokers, the k-core and each actor's jurisdictions."""
    _reader()
    return disruption.roles_table(
        db.session, current_user, since=args["since"], until=args["until"]
    )


@blp.route("/graph/flows")
@blp.arguments(filters.FlowArgs, location="query")
@blp.response(200, FlowsSchema)
def flows(args):
    """Return the money the caller may see: accounts, parties, weighted edges, totals, flags."""
    _reader()
    return money.flows(
        db.session,
        current_user,
        case_id=args["case"],
        since=args["since"],
        until=args["until"],
    )


@blp.route("/graph/export.<fmt>")
@blp.arguments(filters.PeriodArgs, location="query")
def export_graph(args, fmt):
    """Download the caller's network as GEXF, GraphML, nodes.csv or edges.csv."""
    _reader()
    if fmt not in export.FORMATS:
        abort(404, message="Formats: " + ", ".join(export.FORMATS))
    body, media_type, name = export.render(
        db.session,
        current_user,
        fmt,
        str(get_locale() or "en"),
        since=args["since"],
        until=args["until"],
    )
    return Response(
        body, mimetype=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
