"""Pages: proposals to decide, hits across offices, the network graph; Jinja helpers."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casetrack import access
from casetrack import pagination as pages
from casetrack.access import Capability
from casetrack.auth.views import safe_next
from casetrack.concurrency import MissingVersion, StaleEdit
from casetrack.db import db
from casetrack.handlers import Refused, load, loads, perform
from casetrack.links import filters, graph, queries, visibility
from casetrack.links import hits as hit_services
from casetrack.links.blueprint import bp
from casetrack.links.forms import DecisionForm, HitForm
from casetrack.models import CrossBorderHit, Party, PartyLink


def _require_reader() -> None:
    access.require(current_user, Capability.SEE_LINKS)


@bp.app_template_global()
def link_forms() -> dict:
    """Return empty button forms (for their CSRF tokens) to the link partials."""
    return {"decision": DecisionForm(), "hit": HitForm()}


@bp.route("/")
@login_required
def index():
    """Show hits across offices and the matches to decide, or country figures to coordinators."""
    _require_reader()
    if access.can(current_user, Capability.NETWORK_COUNTS):
        return render_template(
            "links/index.html",
            coordinator=True,
            counts=hit_services.hit_counts_by_country(db.session),
        )
    page, per_page = pages.page_args()
    proposals = queries.proposals_page(db.session, current_user, page, per_page)
    decided = [visibility.link_entry(link) for link in queries.decided(db.session, current_user)]
    hit_page, hits = queries.hits_page(db.session, current_user, page, per_page)
    return render_template(
        "links/index.html",
        coordinator=False,
        hits=hits,
        hit_page=hit_page,
        proposals=proposals,
        proposal_entries=[visibility.link_entry(link) for link in proposals.items],
        decided=decided,
        asset_links=visibility.asset_links_for(db.session, current_user),
        forms=link_forms(),
        record_kinds={"person": _("person"), "company": _("company"), "asset": _("asset")},
    )


@bp.route("/parties/<int:party_id>")
@login_required
@loads(Party, "party_id", "record")
def party(record: Party):
    """Show one party's possible matches."""
    return render_template(
        "links/party.html",
        party=record,
        matches=queries.party_matches(db.session, current_user, record),
    )


@bp.route("/<int:link_id>/decision", methods=["POST"])
@login_required
def decide(link_id: int):
    """Confirm or reject a match, or reset the decision."""
    link = load(PartyLink, link_id, using=visibility.visible_link)
    form = DecisionForm()
    back = safe_next(form.next.data, url_for("links.index"))
    if not form.validate_on_submit():
        flash(_("The decision could not be understood. Nothing was saved."), "danger")
        return redirect(back), 303

    def decide_link():
        try:
            visibility.decide(db.session, current_user, link, form.decision.data, form.version.data)
        except StaleEdit as error:
            raise Refused(str(error), "warning") from error
        except (visibility.LinkError, MissingVersion) as error:
            raise Refused(
                _("This match was decided in the meantime. Nothing was saved."), "warning"
            ) from error

    def decided(_result):
        flash(
            {
                "confirm": _("Match confirmed: the two records are one identity."),
                "reject": _("Match rejected: it will not be proposed again."),
                "reset": _("Decision undone: the match is proposed again."),
            }[form.decision.data],
            "success",
        )
        return redirect(back), 303

    return perform(decide_link, done=decided, failed=lambda _error: (redirect(back), 303))


@bp.route("/hits/<int:hit_id>/share", methods=["POST"])
@login_required
def share(hit_id: int):
    """Let the other office see this side's record name and case reference."""
    hit, side = load(CrossBorderHit, hit_id, using=hit_services.visible_hit)
    form = HitForm()
    back = safe_next(form.next.data, url_for("links.index"))
    if not form.validate_on_submit():
        abort(400)

    def share_hit():
        try:
            hit_services.share(db.session, current_user, hit, side)
        except visibility.LinkError as error:
            raise Refused(_("You had already shared this record."), "info") from error

    def shared(_result):
        flash(
            _("Shared: the other office now sees your record's name and case reference."),
            "success",
        )
        return redirect(back), 303

    return perform(share_hit, done=shared, failed=lambda _error: (redirect(back), 303))


@bp.route("/hits/<int:hit_id>/seen", methods=["POST"])
@login_required
def seen(hit_id: int):
    """Take note of a hit, so that it leaves the dashboard."""
    hit, side = load(CrossBorderHit, hit_id, using=hit_services.visible_hit)
    form = HitForm()
    if not form.validate_on_submit():
        abort(400)
    return perform(
        lambda: hit_services.mark_seen(db.session, hit, side),
        done=lambda _result: (
            redirect(safe_next(form.next.data, url_for("links.index"))),
            303,
        ),
    )


@bp.route("/graph")
@login_required
def network():
    """Show the network of parties, assets, cases, requests and countries the user may see."""
    access.require_content(current_user)
    args, errors = filters.load(filters.GraphArgs(), request.args)
    lang = str(get_locale() or "en")
    built = graph.build(db.session, current_user, lang, **filters.graph_options(args))
    kinds = [
        ("person", _("Persons"), "#0d6efd"),
        ("company", _("Companies"), "#6f42c1"),
        ("asset", _("Assets"), "#198754"),
        ("case", _("Cases"), "#fd7e14"),
        ("request", _("Requests"), "#dc3545"),
        ("country", _("Countries"), "#6c757d"),
    ]
    return render_template(
        "links/graph.html", graph=built, kinds=kinds, args=args, errors=errors
    ), (422 if errors else 200)
