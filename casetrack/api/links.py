"""Cross-border links in the API: match proposals, decisions, hits and the network graph."""

from __future__ import annotations

from flask_babel import get_locale
from flask_login import current_user
from flask_smorest import abort
from marshmallow import Schema, fields, validate

from casetrack import access
from casetrack.access import Capability
from casetrack.api import PageArgs, PageMeta, api_blueprint, page_meta
from casetrack.concurrency import MissingVersion, StaleEdit
from casetrack.db import db
from casetrack.handlers import api_call, load, loads
from casetrack.links import filters, graph, visibility
from casetrack.links import hits as hit_services
from casetrack.links import queries as link_queries
from casetrack.models import Party, PartyLink

blp = api_blueprint("api_links", __name__, "Possible matches across cases and offices")


class MatchSchema(Schema):
    link_id = fields.Integer()
    party_id = fields.Integer()
    name = fields.String()
    office = fields.String()
    score = fields.Float()
    state = fields.String()
    version = fields.Integer()
    reasons = fields.List(fields.String())
    decided_by = fields.String(allow_none=True)
    decided_at = fields.DateTime(allow_none=True)


class OfficeContactSchema(Schema):
    code = fields.String()
    name = fields.String()
    name_ru = fields.String()
    country = fields.String()
    email = fields.String()


class SharedSchema(Schema):
    name = fields.String()
    case_reference = fields.String()


class RecordSchema(Schema):
    id = fields.Integer()
    kind = fields.String(metadata={"description": "person, company or asset"})
    label = fields.String()


class HitSchema(Schema):
    id = fields.Integer()
    kind = fields.String()
    record = fields.Nested(RecordSchema, metadata={"description": "your own record"})
    office = fields.Nested(OfficeContactSchema, metadata={"description": "who holds the other"})
    score = fields.Float()
    summary = fields.String(metadata={"description": "generic: quotes nothing of either record"})
    is_new = fields.Boolean()
    we_shared = fields.Boolean()
    they_shared = fields.Boolean()
    shared = fields.Nested(SharedSchema, allow_none=True)
    created_at = fields.DateTime()


class PartyMatchesSchema(Schema):
    same_as = fields.List(fields.Nested(MatchSchema))
    proposals = fields.List(fields.Nested(MatchSchema))
    rejected = fields.List(fields.Nested(MatchSchema))
    hits = fields.List(fields.Nested(HitSchema))


class DecisionSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(visibility.DECISIONS))
    version = fields.Integer(
        load_default=None, metadata={"description": "the link's version; 409 when stale"}
    )


class LinkPartySchema(Schema):
    id = fields.Integer()
    name = fields.String()
    office = fields.String()


class LinkSchema(Schema):
    id = fields.Integer()
    state = fields.String()
    score = fields.Float()
    version = fields.Integer()
    reasons = fields.List(fields.String())
    parties = fields.List(fields.Nested(LinkPartySchema))
    decided_by = fields.String(allow_none=True)
    decided_at = fields.DateTime(allow_none=True)


class NodeSchema(Schema):
    id = fields.String()
    kind = fields.String()
    label = fields.String()
    url = fields.String(allow_none=True)
    degree = fields.Float()
    betweenness = fields.Float()
    group = fields.Integer()
    community = fields.Integer(metadata={"description": "Louvain community (0: a country)"})
    core = fields.Integer(metadata={"description": "k-core number"})
    x = fields.Float(metadata={"description": "position laid out on the server"})
    y = fields.Float()


class EdgeSchema(Schema):
    id = fields.String()
    source = fields.String()
    target = fields.String()
    label = fields.String()
    kind = fields.String(metadata={"description": "relation, or possible_match (undecided)"})


class RankingSchema(Schema):
    rank = fields.Integer()
    id = fields.String()
    label = fields.String()
    kind = fields.String()
    degree = fields.Float()
    betweenness = fields.Float()
    connections = fields.Integer()


class GroupSchema(Schema):
    group = fields.Integer()
    size = fields.Integer()
    kinds = fields.Dict(keys=fields.String(), values=fields.Integer())
    members = fields.List(fields.String())


class GraphSchema(Schema):
    nodes = fields.List(fields.Nested(NodeSchema))
    edges = fields.List(fields.Nested(EdgeSchema))
    rankings = fields.List(fields.Nested(RankingSchema))
    groups = fields.List(fields.Nested(GroupSchema))
    sampled = fields.Integer(
        allow_none=True, metadata={"description": "sources sampled for betweenness; null: exact"}
    )
    focused = fields.Integer(
        allow_none=True,
        metadata={"description": "the latest cases drawn, where the caller sees more; null: all"},
    )


class CountryCountSchema(Schema):
    countries = fields.List(fields.String())
    party = fields.Integer()
    asset = fields.Integer()


class HitsSchema(Schema):
    hits = fields.List(fields.Nested(HitSchema))
    by_country = fields.List(
        fields.Nested(CountryCountSchema),
        metadata={"description": "coordinators only: counts between country pairs"},
    )
    meta = fields.Nested(
        PageMeta, metadata={"description": "the page of hits (absent for coordinators)"}
    )


@blp.route("/parties/<int:party_id>/matches")
@blp.response(200, PartyMatchesSchema)
@loads(Party, "party_id")
def party_matches(party: Party):
    """List a party's confirmed identities, proposals and hits held by other offices."""
    return hit_services.party_matches(db.session, current_user, party)


@blp.route("/links/<int:link_id>/decision", methods=["POST"])
@blp.arguments(DecisionSchema)
@blp.response(200, LinkSchema)
def decide(args, link_id):
    """Confirm or reject a proposed match, or reset a decision to proposed."""
    link = load(PartyLink, link_id, using=visibility.visible_link)

    def decide_link():
        try:
            visibility.decide(db.session, current_user, link, args["decision"], args["version"])
        except StaleEdit as error:
            abort(409, message=str(error))
        except MissingVersion as error:
            abort(422, message=str(error), fields={"version": [str(error)]})
        except visibility.LinkError as error:
            abort(409, message=str(error))
        return link

    return visibility.link_entry(api_call(decide_link))


@blp.route("/links/hits")
@blp.arguments(PageArgs, location="query")
@blp.response(200, HitsSchema)
def hits(args):
    """List one page of the hits between the caller's offices and others, newest first
    (coordinators: counts between countries only)."""
    if access.can_see_content(current_user):
        page, entries = link_queries.hits_page(
            db.session, current_user, args["page"], args["per_page"]
        )
        return {"hits": entries, "by_country": [], "meta": page_meta(page)}
    if access.can(current_user, Capability.NETWORK_COUNTS):
        return {"hits": [], "by_country": hit_services.hit_counts_by_country(db.session)}
    abort(404, message="There is nothing here, or it is not yours to see.")


@blp.route("/graph")
@blp.arguments(filters.GraphArgs, location="query")
@blp.response(200, GraphSchema)
def network(args):
    """Return the network the caller may see (in a period; of its latest 25 or 100 cases,
    or ``cases=all``): nodes, edges, key actors, groups."""
    access.require_content(current_user)
    lang = str(get_locale() or "en")
    return graph.build(db.session, current_user, lang, **filters.graph_options(args)).as_dict()
