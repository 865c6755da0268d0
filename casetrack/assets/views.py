"""Asset pages: the list, the asset page, recording, editing and status changes."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from casetrack import access, clock, history, labels
from casetrack import pagination as pages
from casetrack.assets import services
from casetrack.assets.blueprint import bp
from casetrack.assets.forms import AssetForm, StatusForm
from casetrack.db import db
from casetrack.handlers import load, loads, submit
from casetrack.models import (
    Asset,
    AssetKind,
    AssetOwner,
    AssetStatus,
    AssetStatusChange,
    Case,
    Office,
    Party,
)
from casetrack.parties import services as party_services


def _saved(result: tuple[Asset, list[str]], message: str):
    """Flash the service's warnings and ``message``, then show the asset."""
    asset, warnings = result
    for warning in warnings:
        flash(warning, "warning")
    flash(message, "success")
    return redirect(url_for("assets.detail", asset_id=asset.id))


@bp.route("/")
def index():
    """List the visible assets, filtered by kind, status, country or identifier."""
    kind = request.args.get("kind", "")
    kind = kind if kind in {k.value for k in AssetKind} else ""
    status = request.args.get("status", "")
    status = status if status in {s.value for s in AssetStatus} else ""
    country = request.args.get("country", "").strip()[:2]
    q = request.args.get("q", "").strip()
    stmt = services.asset_list_query(current_user, kind or None, status or None, country, q)
    page = pages.paginate(db.session, stmt, *pages.page_args())
    return render_template(
        "assets/list.html",
        page=page,
        kind=kind,
        status=status,
        country=country,
        q=q,
        kind_labels=labels.labels(AssetKind),
        status_labels=labels.labels(AssetStatus),
    )


def _choices(form: AssetForm, office_id: int) -> None:
    form.case_id.choices = [(0, _("— no case —"))] + [
        (c.id, f"{c.reference} · {c.title}")
        for c in services.visible_cases(db.session, current_user, office_id)
    ]
    owners = party_services.office_parties(db.session, current_user, office_id)
    parties = [(0, "—")] + [(p.id, p.display_name) for p in owners]
    for row in form.owners:
        row.form.party_id.choices = parties


def _data(form: AssetForm, with_status: bool) -> dict:
    data = {
        "kind": form.kind.data,
        "identifier": form.identifier.data or "",
        "description": form.description.data or "",
        "country_code": form.country_code.data or "",
        "location": form.location.data or "",
        "estimated_value": form.estimated_value.data,
        "currency": form.currency.data or "",
        "case_id": form.case_id.data or None,
        "owners": [
            {"party_id": row.party_id.data, "share": row.share.data}
            for row in form.owners
            if row.party_id.data
        ],
    }
    if with_status:
        data["status"] = form.status.data
        data["status_effective_on"] = form.status_effective_on.data
        data["status_comment"] = form.status_comment.data or ""
    return data


def _add_row(form: AssetForm, office_id: int) -> bool:
    if request.form.get("add_row") != "owners":
        return False
    form.owners.append_entry()
    _choices(form, office_id)
    return True


def _render(form, asset, office: Office, **extra):
    return render_template("assets/form.html", form=form, asset=asset, office=office, **extra)


@bp.route("/new", methods=["GET", "POST"])
def create():
    """Record an asset, in a case or owned by a party, in its current status."""
    case_id = request.args.get("case_id", type=int)
    owner_id = request.args.get("owner_id", type=int)
    case = load(Case, case_id) if case_id else None
    owner = load(Party, owner_id) if owner_id else None
    office = case.office if case else owner.office if owner else current_user.office
    form = AssetForm()
    _choices(form, office.id)
    if request.method == "GET":
        form.case_id.data = case.id if case else 0
        form.status.data = AssetStatus.IDENTIFIED.value
        form.status_effective_on.data = clock.today()
        if owner is not None:
            form.owners[0].form.party_id.data = owner.id
        return _render(form, None, office)
    if _add_row(form, office.id):
        return _render(form, None, office)

    return submit(
        form,
        lambda: services.create_asset(
            db.session, current_user, _data(form, True), office_id=office.id
        ),
        render=lambda **extra: _render(form, None, office, **extra),
        done=lambda result: _saved(result, _("Asset recorded.")),
    )


@bp.route("/<int:asset_id>/edit", methods=["GET", "POST"])
@loads(Asset, "asset_id")
def edit(asset: Asset):
    """Change an asset's details and owners; a stale edit keeps the input and answers 409."""
    if request.method == "GET":
        form = AssetForm(formdata=None, obj=asset)
        form.owners.entries = []
        for owner in asset.owners:
            form.owners.append_entry({"party_id": owner.party_id, "share": owner.share})
        form.owners.append_entry()
        form.case_id.data = asset.case_id or 0
        form.version.data = str(asset.version)
        _choices(form, asset.office_id)
        return _render(form, asset, asset.office)
    form = AssetForm()
    _choices(form, asset.office_id)
    if _add_row(form, asset.office_id):
        return _render(form, asset, asset.office)

    return submit(
        form,
        lambda: services.update_asset(
            db.session, current_user, asset, _data(form, False), form.version.data
        ),
        render=lambda **extra: _render(form, asset, asset.office, **extra),
        done=lambda result: _saved(result, _("Asset saved.")),
    )


def _status_form(asset: Asset, formdata=None) -> StatusForm:
    form = StatusForm(formdata=formdata) if formdata is not None else StatusForm(formdata=None)
    form.status.choices = [(s.value, labels.label(s)) for s in services.allowed_statuses(asset)]
    if formdata is None:
        form.version.data = str(asset.version)
        form.effective_on.data = clock.today()
    return form


@bp.route("/<int:asset_id>")
@loads(Asset, "asset_id")
def detail(asset: Asset):
    """Show an asset: its owners, case, status and every step of that status."""
    return _detail(asset, _status_form(asset))


def _detail(asset: Asset, status_form: StatusForm, **extra):
    changes = db.session.scalars(
        select(AssetStatusChange)
        .where(AssetStatusChange.asset_id == asset.id)
        .options(selectinload(AssetStatusChange.changed_by))
        .order_by(AssetStatusChange.id)
    ).all()
    owners = db.session.scalars(
        access.scoped(Party, current_user)
        .join(AssetOwner, AssetOwner.party_id == Party.id)
        .where(AssetOwner.asset_id == asset.id)
    ).all()
    visible_owner_ids = {p.id for p in owners}
    objects = [("assets", asset.id)] + [("asset_status_changes", c.id) for c in changes]
    return render_template(
        "assets/detail.html",
        asset=asset,
        owners=[o for o in asset.owners if o.party_id in visible_owner_ids],
        changes=changes,
        status_form=status_form,
        kind_labels=labels.labels(AssetKind),
        status_labels=labels.labels(AssetStatus),
        history=history.history_for(db.session, objects),
        can_edit=access.can_see_content(current_user),
        **extra,
    )


@bp.post("/<int:asset_id>/status")
@loads(Asset, "asset_id")
def change_status(asset: Asset):
    """Move an asset to its next legal status (frozen, seized, confiscated…)."""
    form = _status_form(asset, request.form)
    if not form.status.choices:
        abort(409)

    def changed(_result):
        flash(
            _("The asset is now %(status)s.", status=labels.label(asset.status)),
            "success",
        )
        return redirect(url_for("assets.detail", asset_id=asset.id))

    return submit(
        form,
        lambda: services.change_status(
            db.session,
            current_user,
            asset,
            form.status.data,
            form.effective_on.data,
            form.comment.data,
            form.version.data,
        ),
        render=lambda **extra: _detail(asset, form, **extra),
        done=changed,
    )
