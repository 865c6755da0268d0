"""Request pages: the lists, the request page and its lifecycle steps, supplementary requests."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from casetrack import access, directory, labels
from casetrack import pagination as pages
from casetrack.access import Side
from casetrack.concurrency import MissingVersion, StaleEdit
from casetrack.db import db
from casetrack.i18n import current_language
from casetrack.labels import ASSET_KIND_LABELS, PARTY_ROLE_LABELS
from casetrack.mla import completeness, lifecycle, operations, queries, signals
from casetrack.mla.blueprint import bp
from casetrack.mla.forms import (
    CHANNEL_LABELS,
    GROUND_LABELS,
    STATUS_LABELS,
    SupplementForm,
    TransitionForm,
)
from casetrack.models import RequestStatus


def _list(direction: str):
    today = date.today()
    status = request.args.get("status", "")
    status = status if status in {s.value for s in RequestStatus} else ""
    sort = request.args.get("sort", "-reference")
    sort = sort if sort in queries.SORTS else "-reference"
    country = request.args.get("country", "").strip().upper()[:2]
    overdue = request.args.get("overdue") == "1"
    filters = queries.ListFilters(direction, status or None, country or None, None, overdue, sort)
    stmt = queries.list_query(current_user, filters, today)
    page = pages.paginate(db.session, stmt, *pages.page_args())
    return render_template(
        "mla/list.html",
        direction=direction,
        page=page,
        status=status,
        country=country,
        overdue=overdue,
        sort=sort,
        overdue_ids=queries.overdue_ids(db.session, page.items, today),
        status_labels=STATUS_LABELS,
        countries=sorted({o.country_code for o in directory.offices(db.session)}),
        can_register=access.can_register(current_user),
        lang=current_language(),
    )


@bp.route("/")
def outgoing():
    """List the requests the user's offices sent or are drafting."""
    return _list("outgoing")


@bp.route("/incoming")
def incoming():
    """List the requests sent to the user's offices."""
    return _list("incoming")


def _history_rows(req) -> list[dict]:
    return [
        {
            "at": change.changed_at,
            "effective_on": change.effective_on,
            "action": lifecycle.ACTIONS[change.action].label
            if change.action in lifecycle.ACTIONS
            else change.action,
            "from_status": STATUS_LABELS.get(change.from_status) if change.from_status else "",
            "to_status": STATUS_LABELS[change.to_status],
            "actor": change.actor.name if change.actor else "",
            "actor_office": change.actor.office.code if change.actor else "",
            "comment": change.comment,
            "grounds": GROUND_LABELS.get(change.grounds) if change.grounds else "",
            "is_recorded": change.is_recorded_for_counterpart,
        }
        for change in req.history
    ]


@bp.route("/<int:id>")
def detail(id: int):
    """Show a request: content, persons and assets, timeline, deadlines, linked requests."""
    req = queries.load(db.session, current_user, id)
    today = date.today()
    side = access.request_side(current_user, req)
    actions = []
    for action in lifecycle.allowed_actions(current_user, req):
        form = TransitionForm(formdata=None)
        form.version.data = str(req.version)
        form.action.data = action.name
        form.effective_on.data = today
        actions.append(
            {
                "action": action,
                "form": form,
                "is_recording": lifecycle.is_recording(action, req),
            }
        )
    case_url = None
    if side == Side.REQUESTING and req.case is not None:
        case_url = url_for("cases.detail", case_id=req.case_id)
    deadlines = [
        {"deadline": d, "days_left": (d.due_on - today).days}
        for d in queries.deadlines_of(db.session, req)
    ]
    return render_template(
        "mla/detail.html",
        req=req,
        side=side,
        is_requesting=side == Side.REQUESTING,
        can_edit=access.can_edit(current_user, req),
        can_supplement=access.can_supplement(current_user, req),
        supplement_form=SupplementForm(formdata=None),
        actions=actions,
        missing=completeness.missing_items(req),
        history=_history_rows(req),
        deadlines=deadlines,
        linked=queries.linked_requests(db.session, current_user, req),
        case_url=case_url,
        **signals.page_context(db.session, current_user, req),
        status_labels=STATUS_LABELS,
        channel_labels=CHANNEL_LABELS,
        ground_labels=GROUND_LABELS,
        role_labels=PARTY_ROLE_LABELS,
        asset_kind_labels=ASSET_KIND_LABELS,
        assistance_labels=labels.assistance_labels(current_language()),
        lang=current_language(),
    )


@bp.post("/<int:id>/transition")
def transition(id: int):
    """Take one lifecycle step on a request."""
    req = queries.load(db.session, current_user, id)
    form = TransitionForm()
    if not form.validate():
        for messages in form.errors.values():
            for message in messages:
                flash(message, "danger")
        return redirect(url_for("mla.detail", id=req.id), 303)
    try:
        lifecycle.apply(
            db.session,
            current_user,
            req,
            form.action.data,
            comment=form.comment.data or "",
            grounds=form.grounds.data or None,
            until=form.until.data,
            effective_on=form.effective_on.data,
            version=form.version.data,
        )
    except lifecycle.TransitionRefused as refused:
        db.session.rollback()
        flash(str(refused), "danger")
        for item in refused.missing:
            flash(f"{item.label(current_language())} ({item.basis})", "danger")
        return redirect(url_for("mla.detail", id=id), 303)
    except lifecycle.InvalidTransition as invalid:
        db.session.rollback()
        for messages in invalid.fields.values():
            for message in messages:
                flash(message, "danger")
        return redirect(url_for("mla.detail", id=id), 303)
    except (StaleEdit, MissingVersion) as error:
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(url_for("mla.detail", id=id), 303)
    db.session.commit()
    flash(
        _("The request is now %(status)s.", status=STATUS_LABELS[req.status]),
        "success",
    )
    return redirect(url_for("mla.detail", id=req.id))


@bp.post("/<int:id>/supplementary")
def supplement(id: int):
    """Draft a supplementary request to this one."""
    parent = queries.load(db.session, current_user, id)
    if not SupplementForm().validate():
        abort(400)
    try:
        child = operations.create_supplementary(db.session, current_user, parent)
    except lifecycle.TransitionRefused as refused:
        db.session.rollback()
        flash(str(refused), "danger")
        return redirect(url_for("mla.detail", id=id), 303)
    db.session.commit()
    flash(_("Supplementary request %(reference)s opened.", reference=child.reference), "success")
    return redirect(url_for("mla.edit", id=child.id, section="proceedings"))
