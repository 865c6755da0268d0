"""Pages of the network analysis: the disruption planner, roles, and exports of the graph."""

from __future__ import annotations

from flask import Response, abort, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casetrack import access
from casetrack.db import db
from casetrack.links import analysis, disruption, export, filters, removal
from casetrack.links import network as actors
from casetrack.links.blueprint import bp
from casetrack.monitoring.services import status_labels

STRATEGY_LABELS = {
    "betweenness": lambda: _("Brokers first (betweenness)"),
    "degree": lambda: _("Most ties first (degree)"),
    "cut_points": lambda: _("Cut points first"),
    "assets": lambda: _("Holders of assets first (estimated value)"),
    "random": lambda: _("Random (baseline)"),
}


def _reader() -> None:
    if not access.can_see_content(current_user):
        abort(404)


@bp.route("/graph/planner")
@login_required
def planner():
    """Show what removing actors does to the network, strategy against strategy."""
    _reader()
    args, errors = filters.load(filters.DisruptionArgs(), request.args)
    net = actors.build(db.session, current_user, args["since"], args["until"])
    plan = disruption.plan(
        db.session,
        current_user,
        strategy=args["strategy"],
        steps=args["steps"],
        seed=args["seed"],
        since=args["since"],
        until=args["until"],
        net=net,
        compare=True,
    )
    labels = {name: label() for name, label in STRATEGY_LABELS.items()}
    chart = {
        "labels": [0, *range(1, args["steps"] + 1)],
        "start": plan["start"],
        "curves": plan["curves"],
        "order": list(removal.STRATEGIES),
        "names": labels,
        "chosen": args["strategy"],
        "titles": {
            "largest_share": _("Share of actors in the largest group"),
            "groups": _("Number of groups"),
            "efficiency": _("Efficiency"),
        },
        "x": _("actors removed"),
    }
    return render_template(
        "links/planner.html",
        plan=plan,
        args=args,
        errors=errors,
        strategies=labels,
        chart=chart,
        max_steps=removal.MAX_STEPS,
        exact_limit=analysis.EXACT_LIMIT,
        compare_limit=disruption.COMPARE_LIMIT,
        status_labels=status_labels(),
    ), (422 if errors else 200)


@bp.route("/graph/roles")
@login_required
def roles():
    """Show communities, brokers between them, the k-core and the jurisdictions of actors."""
    _reader()
    args, errors = filters.load(filters.RolesArgs(), request.args)
    table = disruption.roles_table(
        db.session, current_user, since=args["since"], until=args["until"]
    )
    return render_template("links/roles.html", table=table, args=args, errors=errors), (
        422 if errors else 200
    )


@bp.route("/graph/export.<fmt>")
@login_required
def export_graph(fmt: str):
    """Download the network the user may see as GEXF, GraphML or CSV of nodes or edges."""
    _reader()
    if fmt not in export.FORMATS:
        abort(404)
    args, errors = filters.load(filters.PeriodArgs(), request.args)
    if errors:
        message = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in sorted(errors.items())
        )
        return render_template(
            "errors/error.html",
            code=422,
            message=_("The period could not be read (%(why)s). Nothing was exported.", why=message),
        ), 422
    body, media_type, name = export.render(
        db.session,
        current_user,
        fmt,
        str(get_locale() or "en"),
        since=args["since"],
        until=args["until"],
    )
    return Response(
        body,
        mimetype=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
