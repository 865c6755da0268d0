"""Case pages: the list, the case file, opening, editing, closing and linking parties."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from casetrack import access, clock, labels
from casetrack import pagination as pages
from casetrack.attachments import pages as attachment_pages
from casetrack.cases import services
from casetrack.cases.blueprint import bp
from casetrack.cases.forms import CaseForm, CaseStatusForm, LinkPartyForm, UnlinkForm
from casetrack.db import db
from casetrack.deadlines import state as deadline_state
from casetrack.handlers import load, loads, perform, submit
from casetrack.models import (
    AssetKind,
    AssetStatus,
    Case,
    CaseStatus,
    DeadlineKind,
    DeadlineState,
    Party,
    PartyRole,
    RequestStatus,
)
from casetrack.parties import services as party_services
from casetrack.validation import InvalidInput


def _int_arg(name: str) -> int | None:
    return request.args.get(name, type=int)


@bp.route("/")
def index():
    """List the cases the user may see, filtered, sorted and paginated."""
    status = request.args.get("status", "")
    status = status if status in {s.value for s in CaseStatus} else ""
    sort = request.args.get("sort", "-opened")
    sort = sort if sort in services.SORTS else "-opened"
    q = request.args.get("q", "").strip()
    lead_id = _int_arg("lead")
    stmt = services.case_list_query(current_user, status or None, lead_id, q, sort)
    page = pages.paginate(db.session, stmt, *pages.page_args(), ids_first=services.LIST_LOADING)
    return render_template(
        "cases/list.html",
        page=page,
        status=status,
        sort=sort,
        q=q,
        lead_id=lead_id,
        leads=services.visible_leads(db.session, current_user),
        status_labels=labels.labels(CaseStatus),
    )


def _case_form(case: Case | None, office_id: int) -> CaseForm:
    # On POST the form reads only what was sent: filled from the record, a missing version
    # would silently become the current one and defeat the stale-edit check.
    form = CaseForm(obj=case) if case is not None and request.method == "GET" else CaseForm()
    form.lead_prosecutor_id.choices = [(0, _("— nobody yet —"))] + [
        (u.id, u.name) for u in services.lead_candidates(db.session, office_id)
    ]
    if request.method == "GET":
        if case is None:
            form.opened_on.data = clock.today()
            form.lead_prosecutor_id.data = current_user.id
        else:
            form.version.data = str(case.version)
            form.lead_prosecutor_id.data = case.lead_prosecutor_id or 0
    return form


def _case_data(form: CaseForm) -> dict:
    return {
        "reference": form.reference.data,
        "title": form.title.data,
        "offences": form.offences.data or "",
        "offence_articles": form.offence_articles.data or "",
        "summary": form.summary.data or "",
        "lead_prosecutor_id": form.lead_prosecutor_id.data or None,
        "opened_on": form.opened_on.data,
    }


@bp.route("/new", methods=["GET", "POST"])
def create():
    """Open a new case in the user's office."""
    form = _case_form(None, current_user.office_id)
    if request.method == "GET":
        return render_template("cases/form.html", form=form, case=None)

    def opened(case: Case):
        flash(_("Case %(reference)s opened.", reference=case.reference), "success")
        return redirect(url_for("cases.detail", case_id=case.id))

    return submit(
        form,
        lambda: services.create_case(db.session, current_user, _case_data(form)),
        render=lambda **extra: render_template("cases/form.html", form=form, case=None, **extra),
        done=opened,
    )


@bp.route("/<int:case_id>/edit", methods=["GET", "POST"])
@loads(Case, "case_id")
def edit(case: Case):
    """Change a case's details; a stale edit keeps the input and answers 409."""
    form = _case_form(case, case.office_id)
    if request.method == "GET":
        return render_template("cases/form.html", form=form, case=case)

    def saved(_result):
        flash(_("Case %(reference)s saved.", reference=case.reference), "success")
        return redirect(url_for("cases.detail", case_id=case.id))

    return submit(
        form,
        lambda: services.update_case(
            db.session, current_user, case, _case_data(form), form.version.data
        ),
        render=lambda **extra: render_template("cases/form.html", form=form, case=case, **extra),
        done=saved,
    )


def _change_status(case_id: int, status: CaseStatus, message: str):
    case = load(Case, case_id)
    form = CaseStatusForm()
    if not form.validate():
        abort(400)

    def changed(_result):
        flash(message, "success")
        return redirect(url_for("cases.detail", case_id=case.id))

    return perform(
        lambda: services.set_status(
            db.session, current_user, case, status, form.version.data, form.closed_on.data
        ),
        done=changed,
        failed=lambda _error: redirect(url_for("cases.detail", case_id=case.id), 303),
    )


@bp.post("/<int:case_id>/close")
def close(case_id: int):
    """Close a case on the given date (today by default)."""
    return _change_status(case_id, CaseStatus.CLOSED, _("The case is closed."))


@bp.post("/<int:case_id>/reopen")
def reopen(case_id: int):
    """Reopen a closed or suspended case."""
    return _change_status(case_id, CaseStatus.OPEN, _("The case is open again."))


@bp.post("/<int:case_id>/suspend")
def suspend(case_id: int):
    """Suspend a case."""
    return _change_status(case_id, CaseStatus.SUSPENDED, _("The case is suspended."))


@bp.route("/<int:case_id>")
@loads(Case, "case_id")
def detail(case: Case):
    """Show the case file: parties, assets, requests, deadlines and history."""
    file = services.case_file(db.session, current_user, case)
    has_request_pages = "mla.detail" in current_app.view_functions
    requests = [
        {
            "reference": r.reference,
            "counterpart": r.requested_office.name(str(get_locale() or "en")),
            "counterpart_code": r.requested_office.code,
            "status": r.status.value,
            "url": url_for("mla.detail", id=r.id) if has_request_pages else None,
        }
        for r in file.requests
    ]
    today = clock.today()
    deadlines = [
        {
            "deadline": d,
            "request_reference": d.request.reference if d.request is not None else None,
            "days_left": deadline_state.days_left(today, d),
            "is_overdue": deadline_state.overdue(today, d),
        }
        for d in file.deadlines
    ]
    status_form = CaseStatusForm(formdata=None)
    status_form.version.data = str(case.version)
    status_form.closed_on.data = today
    return render_template(
        "cases/detail.html",
        case=case,
        file=file,
        requests=requests,
        deadlines=deadlines,
        status_form=status_form,
        unlink_form=UnlinkForm(formdata=None),
        role_labels=labels.labels(PartyRole),
        status_labels=labels.labels(CaseStatus),
        asset_kind_labels=labels.labels(AssetKind),
        asset_status_labels=labels.labels(AssetStatus),
        request_status_labels=labels.by_value(RequestStatus),
        deadline_state_labels=labels.labels(DeadlineState),
        deadline_kind_labels=labels.labels(DeadlineKind),
        **access.case_actions(current_user, case),
        **attachment_pages.for_case(db.session, current_user, case),
    )


@bp.route("/<int:case_id>/parties/add")
@loads(Case, "case_id")
def add_party(case: Case):
    """Find a party of the case's office to link, or go on to record a new one."""
    q = request.args.get("q", "").strip()
    results = []
    if q:
        stmt = party_services.search_query(db.session, current_user, q).where(
            Party.office_id == case.office_id
        )
        results = list(db.session.scalars(stmt.limit(50)))
    form = LinkPartyForm(formdata=None)
    return render_template(
        "cases/add_party.html",
        case=case,
        q=q,
        results=results,
        form=form,
        role_labels=labels.labels(PartyRole),
    )


@bp.post("/<int:case_id>/parties")
@loads(Case, "case_id")
def link_party(case: Case):
    """Give an existing party of the office a role in the case."""
    form = LinkPartyForm()
    if not form.validate():
        abort(400)
    party = load(Party, form.party_id.data)

    def linked(_link):
        flash(_("%(name)s linked to the case.", name=party.display_name), "success")
        return redirect(url_for("cases.detail", case_id=case.id))

    return perform(
        lambda: party_services.link_party(db.session, current_user, case, party, form.role.data),
        done=linked,
        failed=lambda _error: redirect(url_for("cases.add_party", case_id=case.id)),
    )


@bp.post("/<int:case_id>/parties/<int:link_id>/remove")
@loads(Case, "case_id")
def unlink_party(case: Case, link_id: int):
    """Remove a party's role from the case."""
    if not UnlinkForm().validate():
        abort(400)

    def unlink() -> None:
        try:
            party_services.unlink_party(db.session, case, link_id)
        except InvalidInput:
            abort(404)

    def unlinked(_result):
        flash(_("The party's role in the case was removed."), "success")
        return redirect(url_for("cases.detail", case_id=case.id))

    return perform(unlink, done=unlinked)
