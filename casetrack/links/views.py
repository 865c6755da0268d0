"""Pages: proposals to decide, hits across offices, the network graph; Jinja helpers."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casetrack import access
from casetrack import pagination as pages
from casetrack.access import Capability
from casetrack.auth.views import safe_next
from casetrack.concurrency import MissingVersion, StaleEdit
from casetrack.db import db
from casetrack.links import graph, visibility
from casetrack.links import hits as hit_services
from casetrack.links.blueprint import bp
from casetrack.links.forms import DecisionForm, HitForm
from casetrack.models import LinkState, Party


def _require_reader() -> None:
    access.require(current_user, Capability.SEE_LINKS)


@bp.app_template_global()
def party_links(party) -> dict:
    """Return a party's same-identity records, proposals and hits for the signed-in user."""
    empty = {"same_as": [], "proposals": [], "rejected": [], "hits": [], "party_id": None}
    if not getattr(current_user, "is_authenticated", False) or not access.can_see_content(
        current_user
    ):
        return empty
    if not isinstance(party, Party):
        try:
            party = db.session.get(Party, int(party))
        except (TypeError, ValueError):
            return empty
        if party is None:
            return empty
    result = hit_services.party_matches(db.session, current_user, party)
    result["party_id"] = party.id
    return result


@bp.app_template_global()
def pending_hits() -> list[dict]:
    """Return the signed-in user's unseen cross-border hits, for the dashboard."""
    if not getattr(current_user, "is_authenticated", False):
        return []
    return hit_services.pending_hits(db.session, current_user)


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
    proposals = pages.paginate(
        db.session, visibility.proposals_query(current_user, LinkState.PROPOSED), page, per_page
    )
    decided = [
        visibility.link_entry(link)
        for state in (LinkState.CONFIRMED, LinkState.REJECTED)
        for link in db.session.scalars(visibility.proposals_query(current_user, state).limit(100))
    ]
    return render_template(
        "links/index.html",
        coordinator=False,
        hits=hit_services.hits_for(db.session, current_user),
        proposals=proposals,
        proposal_entries=[visibility.link_entry(link) for link in proposals.items],
        decided=decided,
        asset_links=visibility.asset_links_for(db.session, current_user),
        forms=link_forms(),
        record_kinds={"person": _("person"), "company": _("company"), "asset": _("asset")},
    )


@bp.route("/parties/<int:party_id>")
@login_required
def party(party_id: int):
    """Show one party's possible matches."""
    record = access.get_or_404(db.session, Party, current_user, party_id)
    return render_template("links/party.html", party=record)


@bp.route("/<int:link_id>/decision", methods=["POST"])
@login_required
def decide(link_id: int):
    """Confirm or reject a match, or reset the decision."""
    link = visibility.visible_link(db.session, current_user, link_id)
    if link is None:
        abort(404)
    form = DecisionForm()
    back = safe_next(form.next.data, url_for("links.index"))
    if not form.validate_on_submit():
        flash(_("The decision could not be understood. Nothing was saved."), "danger")
        return redirect(back), 303
    try:
        visibility.decide(db.session, current_user, link, form.decision.data, form.version.data)
    except StaleEdit as error:
        db.session.rollback()
        flash(str(error), "warning")
        return redirect(back), 303
    except (visibility.LinkError, MissingVersion):
        db.session.rollback()
        flash(_("This match was decided in the meantime. Nothing was saved."), "warning")
        return redirect(back), 303
    db.session.commit()
    flash(
        {
            "confirm": _("Match confirmed: the two records are one identity."),
            "reject": _("Match rejected: it will not be proposed again."),
            "reset": _("Decision undone: the match is proposed again."),
        }[form.decision.data],
        "success",
    )
    return redirect(back), 303


def _hit_or_404(hit_id: int):
    found = hit_services.visible_hit(db.session, current_user, hit_id)
    if found is None:
        abort(404)
    return found


@bp.route("/hits/<int:hit_id>/share", methods=["POST"])
@login_required
def share(hit_id: int):
    """Let the other office see this side's record name and case reference."""
    hit, side = _hit_or_404(hit_id)
    form = HitForm()
    back = safe_next(form.next.data, url_for("links.index"))
    if not form.validate_on_submit():
        abort(400)
    try:
        hit_services.share(db.session, current_user, hit, side)
    except visibility.LinkError:
        flash(_("You had already shared this record."), "info")
        return redirect(back), 303
    db.session.commit()
    flash(_("Shared: the other office now sees your record's name and case reference."), "success")
    return redirect(back), 303


@bp.route("/hits/<int:hit_id>/seen", methods=["POST"])
@login_required
def seen(hit_id: int):
    """Take note of a hit, so that it leaves the dashboard."""
    hit, side = _hit_or_404(hit_id)
    form = HitForm()
    if not form.validate_on_submit():
        abort(400)
    hit_services.mark_seen(db.session, hit, side)
    db.session.commit()
    return redirect(safe_next(form.next.data, url_for("links.index"))), 303


@bp.route("/graph")
@login_required
def network():
    """Show the network of parties, assets, cases, requests and countries the user may see."""
    access.require_content(current_user)
    built = graph.build(db.session, current_user, str(get_locale() or "en"))
    kinds = [
        ("person", _("Persons"), "#0d6efd"),
        ("company", _("Companies"), "#6f42c1"),
        ("asset", _("Assets"), "#198754"),
        ("case", _("Cases"), "#fd7e14"),
        ("request", _("Requests"), "#dc3545"),
        ("country", _("Countries"), "#6c757d"),
    ]
    return render_template("links/graph.html", graph=built, kinds=kinds)
