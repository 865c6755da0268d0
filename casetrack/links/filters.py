"""The query arguments of the network pages, exports and API: one schema, one set of limits."""

from __future__ import annotations

from datetime import date

from marshmallow import (
    EXCLUDE,
    Schema,
    ValidationError,
    fields,
    pre_load,
    validate,
    validates_schema,
)

from casetrack.links.analysis import DEFAULT_SEED
from casetrack.links.removal import MAX_STEPS, STRATEGIES

MEASURES = ("betweenness", "degree", "core", "community_reach")
#: The dates a period may name (ours): a year outside these is a typing slip, not a record.
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)
_IN_RANGE = validate.Range(
    min=EARLIEST,
    max=LATEST,
    error=f"must be a date from {EARLIEST.isoformat()} to {LATEST.isoformat()}",
)


class PeriodArgs(Schema):
    """A period of the records: ties recorded (or money booked) from and to a date."""

    class Meta:
        unknown = EXCLUDE

    since = fields.Date(
        data_key="from",
        load_default=None,
        validate=_IN_RANGE,
        metadata={"description": "on or after (YYYY-MM-DD, 1900–2199)"},
    )
    until = fields.Date(
        data_key="to",
        load_default=None,
        validate=_IN_RANGE,
        metadata={
            "description": "on or before (YYYY-MM-DD, 1900–2199); alone, the network as of that day"
        },
    )

    @pre_load
    def _drop_empty(self, data, **kwargs):
        # An empty box in a form means "not given".
        return {k: v for k, v in dict(data).items() if v not in ("", None)}

    @validates_schema
    def _ordered(self, data, **kwargs):
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise ValidationError("must not be after the end of the period", field_name="from")


#: How many of the latest cases the network graph draws by default, and the other choices
#: (ours, not a rule of any instrument): an office's whole network grows with its years of
#: records, the network of its latest cases does not. "all" draws everything.
GRAPH_CASES = ("25", "100", "all")


class GraphArgs(PeriodArgs):
    """The period, and how many of the latest cases the graph draws."""

    cases = fields.String(
        load_default=GRAPH_CASES[0],
        validate=validate.OneOf(GRAPH_CASES),
        metadata={"description": "the latest cases drawn: " + ", ".join(GRAPH_CASES)},
    )


def graph_options(args: dict) -> dict:
    """``casetrack.links.graph.build``'s period and number of latest cases to draw (None:
    all) from loaded ``GraphArgs``."""
    cases = None if args["cases"] == "all" else int(args["cases"])
    return {"since": args["since"], "until": args["until"], "cases": cases}


class DisruptionArgs(PeriodArgs):
    """Which strategy, how many removals, and the seed of the random baseline."""

    strategy = fields.String(
        load_default="betweenness",
        validate=validate.OneOf(STRATEGIES),
        metadata={"description": ", ".join(STRATEGIES)},
    )
    steps = fields.Integer(
        load_default=10,
        validate=validate.Range(min=1, max=MAX_STEPS),
        metadata={"description": f"actors to remove one at a time, 1 to {MAX_STEPS}"},
    )
    seed = fields.Integer(
        load_default=DEFAULT_SEED,
        validate=validate.Range(min=0, max=2**31 - 1),
        metadata={"description": "seed of the random baseline and of any sampling"},
    )


class RolesArgs(PeriodArgs):
    """The measure that sizes the actors in the graph."""

    size = fields.String(load_default="betweenness", validate=validate.OneOf(MEASURES))


class FlowArgs(PeriodArgs):
    """Money of one case only, where given."""

    case = fields.Integer(load_default=None, validate=validate.Range(min=1))


def load(schema: Schema, args) -> tuple[dict, dict]:
    """Load query arguments; return (values, errors) with the defaults where invalid."""
    try:
        return schema.load(args), {}
    except ValidationError as error:
        return schema.load({}), error.normalized_messages()
