"""The dashboard."""

from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casetrack import access, clock, labels
from casetrack.access import Capability
from casetrack.db import db
from casetrack.deadlines import queries
from casetrack.deadlines.views import subject_url
from casetrack.main import services
from casetrack.main.blueprint import bp


@bp.route("/")
def index():
    """Send visitors to their dashboard, or to the log-in page."""
    return redirect(url_for("main.dashboard"))


@bp.route("/dashboard")
@login_required
def dashboard():
    """Show the user's office and the counts of what is open in it."""
    counts = services.dashboard_counts(db.session, current_user)
    if access.can(current_user, Capability.NETWORK_COUNTS):
        tiles = [(_("Open requests in the network"), counts.network_open, "network-open")]
    elif access.can(current_user, Capability.ADMINISTER):
        tiles = [(_("Users"), counts.users, "users"), (_("Offices"), counts.offices, "offices")]
    else:
        tiles = [
            (_("Open cases"), counts.open_cases, "open-cases"),
            (_("Outgoing requests in preparation"), counts.outgoing_drafts, "outgoing-drafts"),
            (_("Outgoing requests awaiting an answer"), counts.outgoing_open, "outgoing-open"),
            (_("Incoming requests to execute"), counts.incoming_open, "incoming-open"),
        ]
    # Late and close deadlines come first: they are what a prosecutor must act on today.
    deadlines = queries.dashboard_deadlines(db.session, current_user, clock.today())
    from casetrack.mla.queues import links as queue_links

    return render_template(
        "main/dashboard.html",
        queue_links=queue_links() if access.can_see_content(current_user) else [],
        tiles=tiles,
        role_label=labels.label(current_user.role),
        deadlines=deadlines if access.can_see_content(current_user) else None,
        deadline_links={row.id: subject_url(row) for row in deadlines.rows},
    )
