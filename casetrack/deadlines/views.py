"""Deadline pages: the list, one deadline, deadlines set by hand, the calendar feed."""

from __future__ import annotations

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casetrack import access, clock, labels
from casetrack import pagination as pages
from casetrack.db import db
from casetrack.deadlines import calendar as feeds
from casetrack.deadlines import manual, queries
from casetrack.deadlines import state as deadline_state
from casetrack.deadlines.blueprint import bp, calendar_bp
from casetrack.deadlines.forms import CalendarForm, CloseForm, DeadlineForm
from casetrack.handlers import load, perform
from casetrack.models import Asset, Case, Deadline, DeadlineKind, DeadlineState


def detail_url(endpoint: str, object_id: int | None) -> str | None:
    """The URL of another feature's detail page, if that feature is installed."""
    if object_id is None or endpoint not in current_app.view_functions:
        return None
    rules = list(current_app.url_map.iter_rules(endpoint))
    if not rules or len(rules[0].arguments) != 1:
        return None
    return url_for(endpoint, **{next(iter(rules[0].arguments)): object_id})


def subject_url(row: queries.DeadlineRow) -> str | None:
    """Where a deadline's request, case or asset is shown."""
    deadline = row.deadline
    if deadline.request_id is not None:
        return detail_url("mla.detail", deadline.request_id)
    if deadline.case_id is not None:
        return detail_url("cases.detail", deadline.case_id)
    return detail_url("assets.detail", deadline.asset_id)


def _require_content_role() -> None:
    # Deadlines belong to case content; coordinators and admins have none to see.
    access.require_content(current_user)


@bp.route("")
@login_required
def index():
    """List the caller's deadlines, earliest first, late and close ones marked."""
    _require_content_role()
    today = clock.today()
    filters = queries.Filters(
        state=request.args.get("state", "open"),
        due=request.args.get("due", ""),
        kind=request.args.get("kind", ""),
    )
    if filters.state not in queries.STATE_FILTERS:
        filters.state = "open"
    if filters.due not in queries.DUE_FILTERS:
        filters.due = ""
    page_no, per_page = pages.page_args()
    page = pages.paginate(
        db.session,
        queries.list_statement(current_user, filters, today),
        page_no,
        per_page,
        **queries.counting(current_user, filters, today),
    )
    page.items = [queries.present(d, current_user, today) for d in page.items]
    return render_template(
        "deadlines/index.html",
        page=page,
        filters=filters,
        links={row.id: subject_url(row) for row in page.items},
        state_choices=[
            ("open", _("still owed")),
            ("missed", labels.label(DeadlineState.MISSED)),
            ("met", labels.label(DeadlineState.MET)),
            ("cancelled", labels.label(DeadlineState.CANCELLED)),
            ("all", _("all")),
        ],
        due_choices=[("", _("any date")), ("overdue", _("overdue")), ("soon", _("due soon"))],
        kind_choices=[("", _("all kinds"))]
        + [(k.value, labels.sentence(label)) for k, label in labels.labels(DeadlineKind).items()],
    )


@bp.route("/<int:deadline_id>")
@login_required
def detail(deadline_id: int):
    """Show one deadline and, where a person closes it, the buttons to do so."""
    _require_content_role()
    return _render_detail(load(Deadline, deadline_id))


def _render_detail(deadline: Deadline, error: str | None = None):
    row = queries.present(deadline, current_user, clock.today())
    return render_template(
        "deadlines/detail.html",
        row=row,
        subject_link=subject_url(row),
        can_close=manual.is_manual(deadline) and deadline_state.owed(deadline),
        close_form=CloseForm(),
        owner_user=deadline.owner_user,
        error=error,
    )


@bp.route("/<int:deadline_id>/close", methods=["POST"])
@login_required
def close(deadline_id: int):
    """Mark a deadline set by hand as met or cancelled."""
    _require_content_role()
    deadline = load(Deadline, deadline_id)
    form = CloseForm()
    if not form.validate_on_submit():
        abort(400)

    def refused(_error):
        message = _(
            "This deadline cannot be closed here: it is closed already, or a step of its "
            "request closes it."
        )
        return _render_detail(load(Deadline, deadline_id), message), 409

    def closed(_result):
        flash(
            _("Marked met.") if deadline.state == DeadlineState.MET else _("Marked cancelled."),
            "success",
        )
        return redirect(url_for("deadlines.detail", deadline_id=deadline_id))

    return perform(
        lambda: manual.close_manual(
            db.session, deadline, DeadlineState(form.state.data), clock.today()
        ),
        done=closed,
        failed=refused,
        refusals=(manual.DeadlineError,),
    )


def _subject_from_args() -> tuple[Case | None, Asset | None]:
    case_id, asset_id = request.args.get("case_id"), request.args.get("asset_id")
    if bool(case_id) == bool(asset_id):
        abort(404)
    if case_id:
        return load(Case, case_id), None
    return None, load(Asset, asset_id)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    """Set a deadline by hand on a case (?case_id=) or an asset (?asset_id=)."""
    _require_content_role()
    case, asset = _subject_from_args()
    subject = case or asset
    candidates = manual.owner_candidates(db.session, subject.office_id)
    form = DeadlineForm()
    form.owner_user_id.choices = [(u.id, u.name) for u in candidates]
    if request.method == "GET" and any(u.id == current_user.id for u in candidates):
        form.owner_user_id.data = current_user.id
    if form.validate_on_submit():

        def set_deadline(deadline: Deadline):
            flash(_("Deadline set."), "success")
            return redirect(url_for("deadlines.detail", deadline_id=deadline.id))

        return perform(
            lambda: manual.create_manual(
                db.session,
                case=case,
                asset=asset,
                kind=DeadlineKind(form.kind.data),
                title=form.title.data,
                due_on=form.due_on.data,
                owner_user=manual.owner_for(
                    db.session, subject, form.owner_user_id.data, current_user
                ),
                today=clock.today(),
            ),
            done=set_deadline,
        )
    status = 422 if request.method == "POST" else 200
    return (
        render_template(
            "deadlines/form.html",
            form=form,
            case=case,
            asset=asset,
            subject_link=detail_url("cases.detail", case.id)
            if case
            else detail_url("assets.detail", asset.id),
        ),
        status,
    )


@bp.route("/calendar", methods=["GET", "POST"])
@login_required
def calendar():
    """Create, show once, or revoke the secret address of the user's calendar feed."""
    _require_content_role()
    form = CalendarForm()
    feed_url = None
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        if form.action.data == "revoke":

            def revoked(_result):
                flash(_("The calendar address no longer works."), "success")
                return redirect(url_for("deadlines.calendar"))

            return perform(lambda: feeds.revoke_token(db.session, current_user), done=revoked)
        token = perform(
            lambda: feeds.issue_token(db.session, current_user), done=lambda issued: issued
        )
        # Shown in this answer only: the database keeps nothing that could show it again.
        feed_url = url_for("calendar.feed", token=token, _external=True)
    return render_template(
        "deadlines/calendar.html",
        form=form,
        feed_url=feed_url,
        has_feed=current_user.calendar_token_hash is not None,
    )


@calendar_bp.route("/<token>.ics")
def feed(token: str):
    """Serve a user's owed deadlines as iCalendar to whoever holds the secret URL."""
    user = feeds.user_for_token(db.session, token)
    if user is None:
        abort(404)
    body = feeds.feed(db.session, user, clock.today())
    return Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": 'inline; filename="casetrack-deadlines.ics"',
            "Cache-Control": "private, no-store",
        },
    )
