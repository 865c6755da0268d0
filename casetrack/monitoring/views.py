"""The monitoring pages: the network dashboard, the requests behind a figure, exports."""

from __future__ import annotations

from datetime import date

from flask import Response, abort, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casetrack import access, clock, labels
from casetrack.access import Capability
from casetrack.db import db
from casetrack.monitoring import exports, filters, services
from casetrack.monitoring.blueprint import bp
from casetrack.pagination import page_args


def _today() -> date:
    return clock.today()


def _lang() -> str:
    return "ru" if str(get_locale() or "en") == "ru" else "en"


def _allowed() -> None:
    # Admins manage users and offices; they are not readers of the network's requests.
    if not access.can_monitor(current_user):
        abort(404)


def _common(chosen, errors: dict) -> dict:
    """What the filter form and every table need, whatever the page."""
    lang = _lang()
    return {
        "filters": chosen,
        "filter_args": filters.query_args(chosen),
        "errors": errors,
        "countries": services.country_names(db.session, lang),
        "assistance_types": labels.assistance_choices(lang),
        "assistance_labels": labels.assistance_labels(lang),
        "status_labels": services.status_labels(),
        "age_labels": services.age_labels(),
        "ground_labels": services.ground_labels(lang),
        "has_my_country_choice": services.has_my_country_choice(current_user),
        "monitors_network": access.can(current_user, Capability.MONITOR_NETWORK),
        "period_args": {
            key: value for key, value in filters.query_args(chosen).items() if key in PERIOD_KEYS
        },
    }


@bp.route("")
@login_required
def dashboard():
    """Show the network's requests at a glance: status, pairs, lateness, delays, trend."""
    _allowed()
    chosen, errors = filters.load(request.args, filters.PeriodArgs)
    context = _common(chosen, errors)
    if errors:
        return render_template("monitoring/dashboard.html", figures=None, **context), 400
    figures = services.network_figures(db.session, current_user, chosen, _today())
    rows, columns, cells = services.heat_map(figures["country_pairs"])
    chart_data = {
        "ageing": {
            "labels": [context["age_labels"][key] for key in figures["overdue_by_age"]],
            "values": list(figures["overdue_by_age"].values()),
            "title": _("Overdue requests"),
        },
        "monthly": {
            "labels": [m["month"] for m in figures["monthly"]],
            "sent": [m["sent"] for m in figures["monthly"]],
            "executed": [m["executed"] for m in figures["monthly"]],
            "sent_label": _("Sent"),
            "executed_label": _("Executed"),
        },
    }
    return render_template(
        "monitoring/dashboard.html",
        figures=figures,
        heat_rows=rows,
        heat_columns=columns,
        heat_cells=cells,
        status_total=sum(figures["by_status"].values()),
        chart_data=chart_data,
        **context,
    )


@bp.route("/requests")
@login_required
def requests():
    """List the requests behind a figure: metadata only, never their content."""
    _allowed()
    chosen, errors = filters.load(request.args)
    context = _common(chosen, errors)
    if errors:
        return render_template("monitoring/requests.html", page=None, drill=[], **context), 400
    page, per_page = page_args(default_per_page=50)
    result = services.request_page(db.session, current_user, chosen, _today(), page, per_page)
    return render_template(
        "monitoring/requests.html", page=result, drill=_drill_labels(chosen, context), **context
    )


PERIOD_KEYS = ("from", "to", "country", "assistance_type", "scope")


def _drill_labels(chosen, context: dict) -> list[tuple[str, str]]:
    """Name the figure a list stands behind, in words."""
    countries = context["countries"]
    shown = []
    if chosen.status:
        shown.append((_("Status"), context["status_labels"][chosen.status]))
    if chosen.from_country:
        shown.append(
            (_("Requesting country"), countries.get(chosen.from_country, chosen.from_country))
        )
    if chosen.to_country:
        shown.append((_("Requested country"), countries.get(chosen.to_country, chosen.to_country)))
    if chosen.age:
        shown.append((_("Overdue"), context["age_labels"][chosen.age]))
    if chosen.month:
        shown.append((_("Sent in"), chosen.month))
    if chosen.executed_month:
        shown.append((_("Executed in"), chosen.executed_month))
    if chosen.milestone == "acknowledged":
        shown.append((_("Delay"), _("acknowledged requests")))
    elif chosen.milestone == "executed":
        shown.append((_("Delay"), _("executed requests")))
    if chosen.refusal_ground:
        shown.append((_("Refused on"), context["ground_labels"][chosen.refusal_ground]))
    return shown


@bp.route("/export/<name>.<fmt>")
@login_required
def export(name: str, fmt: str):
    """Download one figure's table, or the requests behind a figure, as CSV or Excel."""
    _allowed()
    if name not in services.TABLES or fmt not in ("csv", "xlsx"):
        abort(404)
    schema = filters.DrillArgs if name == "requests" else filters.PeriodArgs
    chosen, errors = filters.load(request.args, schema)
    if errors:
        context = _common(chosen, errors)
        return render_template("monitoring/dashboard.html", figures=None, **context), 400
    lang = _lang()
    today = _today()
    if name == "requests":
        rows = services.all_requests(db.session, current_user, chosen, today)
        table = services.requests_table(rows, lang)
    else:
        figures = services.network_figures(db.session, current_user, chosen, today)
        table = services.figure_table(name, figures, lang)
    applied = filters.query_args(chosen)
    suffix = "".join(f"_{key}-{value}" for key, value in applied.items())
    file_name = f"casetrack-{name}-{today.isoformat()}{suffix}.{fmt}"
    if fmt == "csv":
        body, media_type = exports.to_csv(table), "text/csv; charset=utf-8"
    else:
        described = [(_("Exported on"), today.isoformat())] + list(applied.items())
        body = exports.to_xlsx(table, described)
        media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(
        body,
        mimetype=media_type,
        headers={"Content-Disposition": f'attachment; filename="{file_name}"'},
    )
