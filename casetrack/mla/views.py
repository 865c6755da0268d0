"""Request pages: the lists, the request page and its lifecycle steps, supplementary requests."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from casetrack import access, clock, directory, labels
from casetrack import pagination as pages
from casetrack.db import db
from casetrack.deadlines import state as deadline_state
from casetrack.handlers import loads, perform
from casetrack.i18n import current_language
from casetrack.mla import (
    completeness,
    dispatching,
    lifecycle,
    operations,
    queries,
    queues,
    signals,
    transitions,
)
from casetrack.mla.blueprint import bp
from casetrack.mla.forms import (
    SupplementForm,
    TransitionForm,
)
from casetrack.models import (
    AssetKind,
    Channel,
    DeadlineKind,
    DeadlineState,
    PartyRole,
    RefusalGround,
    Request,
    RequestStatus,
)


@bp.app_context_processor
def work_queues_menu():
    """The work queues and their counts in the main menu, for the roles that read requests."""
    if not getattr(current_user, "is_authenticated", False) or not access.can_see_content(
        current_user
    ):
        return {}
    return {"menu_queues": queues.links()}


def _list(direction: str):
    today = clock.today()
    status = request.args.get("status", "")
    status = status if status in {s.value for s in RequestStatus} else ""
    sort = request.args.get("sort", "-reference")
    sort = sort if sort in queries.SORTS else "-reference"
    country = request.args.get("country", "").strip().upper()[:2]
    overdue = request.args.get("overdue") == "1"
    queue = request.args.get("queue", "")
    queue = queue if queue in {q.key for q in queues.for_user(current_user)} else ""
    if queue and queues.BY_KEY[queue].direction != direction:
        return redirect(url_for(f"mla.{queues.BY_KEY[queue].direction}", **request.args))
    filters = queries.ListFilters(
        direction, status or None, country or None, None, overdue, sort, queue or None
    )
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
        queue=queue,
        queue_links=queues.links(),
        overdue_ids=deadline_state.overdue_request_ids(
            db.session, [r.id for r in page.items], today
        ),
        status_labels=labels.labels(RequestStatus),
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


def _history_rows(req, internal: bool) -> list[dict]:
    return [
        {
            "at": change.changed_at,
            "effective_on": change.effective_on,
            "action": lifecycle.ACTIONS[change.action].label
            if change.action in lifecycle.ACTIONS
            else change.action,
            "from_status": labels.labels(RequestStatus).get(change.from_status)
            if change.from_status
            else "",
            "to_status": labels.label(RequestStatus(change.to_status)),
            "actor": change.actor.name if change.actor else "",
            "actor_office": change.actor.office.code if change.actor else "",
            # The dispatch note is the requested side's internal note.
            "comment": change.comment if internal or change.action != "dispatch" else "",
            "office": change.office,
            "grounds": labels.labels(RefusalGround).get(change.grounds) if change.grounds else "",
            "is_recorded": change.is_recorded_for_counterpart,
        }
        for change in req.history
    ]


@bp.route("/<int:id>")
@loads(Request, "id", "req", using=queries.load)
def detail(req: Request):
    """Show a request: content, persons and assets, timeline, deadlines, linked requests."""
    today = clock.today()
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
    if access.may_open_case(current_user, req):
        case_url = url_for("cases.detail", case_id=req.case_id)
    deadlines = [
        {
            "deadline": d,
            "days_left": deadline_state.days_left(today, d),
            "is_overdue": deadline_state.overdue(today, d),
        }
        for d in queries.deadlines_of(db.session, req)
    ]
    return render_template(
        "mla/detail.html",
        req=req,
        side=side,
        sees_completeness=access.sees_completeness(current_user, req),
        case_reference=req.case.reference
        if access.may_see_case_reference(current_user, req)
        else None,
        can_edit=access.can_edit(current_user, req),
        can_supplement=access.can_supplement(current_user, req),
        supplement_form=SupplementForm(formdata=None),
        actions=actions,
        missing=completeness.check(req),
        history=_history_rows(req, access.sees_internal_notes(current_user, req)),
        sees_internal=access.sees_internal_notes(current_user, req),
        executing_offices=dispatching.executing_offices(db.session, req)
        if any(a["action"].needs_office for a in actions)
        else [],
        deadlines=deadlines,
        linked=queries.linked_requests(db.session, current_user, req),
        case_url=case_url,
        **signals.page_context(db.session, current_user, req),
        status_labels=labels.labels(RequestStatus),
        deadline_kind_labels=labels.labels(DeadlineKind),
        deadline_state_labels=labels.labels(DeadlineState),
        channel_labels=labels.labels(Channel),
        ground_labels=labels.labels(RefusalGround),
        role_labels=labels.labels(PartyRole),
        asset_kind_labels=labels.labels(AssetKind),
        assistance_labels=labels.assistance_labels(current_language()),
        lang=current_language(),
    )


def _letter_details(req, step: TransitionForm) -> dict:
    """What the step's letter carries, from the step's form (casetrack.mla.letters)."""
    form = request.form
    outcomes = []
    for number in range(1, len(req.measures or []) + 1):
        result = form.get(f"outcome-{number}", "")
        if result:
            outcomes.append(
                {
                    "measure": number,
                    "result": result,
                    "note": form.get(f"note-{number}", ""),
                    "attachment_ids": [v for v in form.getlist(f"files-{number}") if v.isdigit()],
                }
            )
    return {
        "registration_number": step.registration_number.data or "",
        "registered_on": form.get("registered_on", ""),
        "provision": step.provision.data or "",
        "enclosures": [v for v in form.getlist("enclosures") if v.isdigit()],
        "outcomes": outcomes,
    }


@bp.post("/<int:id>/transition")
@loads(Request, "id", "req", using=queries.load)
def transition(req: Request):
    """Take one lifecycle step on a request."""
    form = TransitionForm()
    back = url_for("mla.detail", id=req.id)
    if not form.validate():
        for messages in form.errors.values():
            for message in messages:
                flash(message, "danger")
        return redirect(back, 303)

    def done(_result):
        flash(
            _("The request is now %(status)s.", status=labels.label(RequestStatus(req.status))),
            "success",
        )
        return redirect(back)

    return perform(
        lambda: transitions.apply(
            db.session,
            current_user,
            req,
            form.action.data,
            comment=form.comment.data or "",
            grounds=form.grounds.data or None,
            until=form.until.data,
            effective_on=form.effective_on.data,
            version=form.version.data,
            details=_letter_details(req, form),
            office=form.office.data or None,
            due_on=form.due_on.data,
        ),
        done=done,
        failed=lambda _error: redirect(back, 303),
    )


@bp.post("/<int:id>/supplementary")
@loads(Request, "id", "parent", using=queries.load)
def supplement(parent: Request):
    """Draft a supplementary request to this one."""
    if not SupplementForm().validate():
        abort(400)

    def opened(child: Request):
        flash(
            _("Supplementary request %(reference)s opened.", reference=child.reference), "success"
        )
        return redirect(url_for("mla.edit", id=child.id, section="proceedings"))

    return perform(
        lambda: operations.create_supplementary(db.session, current_user, parent),
        done=opened,
        failed=lambda _error: redirect(url_for("mla.detail", id=parent.id), 303),
    )
