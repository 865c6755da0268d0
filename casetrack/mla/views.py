"""Request pages: the lists, drafting in sections, the request page and its lifecycle steps."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from casetrack import access
from casetrack import pagination as pages
from casetrack.access import Side
from casetrack.assets.forms import KIND_LABELS as ASSET_KIND_LABELS
from casetrack.cases.forms import ROLE_LABELS
from casetrack.concurrency import MissingVersion, StaleEdit
from casetrack.db import db
from casetrack.documents import services as documents_services
from casetrack.mla import bp, completeness, lifecycle, services
from casetrack.mla.forms import (
    CHANNEL_LABELS,
    GROUND_LABELS,
    SECTION_TITLES,
    STATUS_LABELS,
    NewRequestForm,
    RegisterForm,
    SectionForm,
    SupplementForm,
    TransitionForm,
)
from casetrack.models import Case, RequestStatus
from casetrack.reference_data import ASSISTANCE_TYPES


def _lang() -> str:
    return str(get_locale() or "en")


def _assistance_choices() -> list[tuple[str, str]]:
    key = "label_ru" if _lang() == "ru" else "label_en"
    return [(t["code"], t[key]) for t in ASSISTANCE_TYPES]


def _assistance_labels() -> dict[str, str]:
    return dict(_assistance_choices())


def _put_errors(form, fields: dict[str, list[str]]) -> None:
    for name, messages in fields.items():
        target = getattr(form, name, None)
        if target is not None and hasattr(target, "errors"):
            target.errors = [*list(target.errors or []), *messages]
        else:
            for message in messages:
                flash(message, "danger")


# --- lists -------------------------------------------------------------------------------


def _list(direction: str):
    today = date.today()
    status = request.args.get("status", "")
    status = status if status in {s.value for s in RequestStatus} else ""
    sort = request.args.get("sort", "-reference")
    sort = sort if sort in services.SORTS else "-reference"
    country = request.args.get("country", "").strip().upper()[:2]
    overdue = request.args.get("overdue") == "1"
    filters = services.ListFilters(direction, status or None, country or None, None, overdue, sort)
    stmt = services.list_query(current_user, filters, today)
    page = pages.paginate(db.session, stmt, *pages.page_args())
    return render_template(
        "mla/list.html",
        direction=direction,
        page=page,
        status=status,
        country=country,
        overdue=overdue,
        sort=sort,
        overdue_ids=services.overdue_ids(db.session, page.items, today),
        status_labels=STATUS_LABELS,
        countries=sorted({o.country_code for o in services.directory.offices(db.session)}),
        can_register=services.can_register(current_user),
        lang=_lang(),
    )


@bp.route("/")
def outgoing():
    """List the requests the user's offices sent or are drafting."""
    return _list("outgoing")


@bp.route("/incoming")
def incoming():
    """List the requests sent to the user's offices."""
    return _list("incoming")


# --- drafting ----------------------------------------------------------------------------


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Open a draft request from one of the user's cases."""
    cases = services.visible_cases(db.session, current_user)
    form = NewRequestForm()
    form.case_id.choices = [(c.id, f"{c.reference} — {c.title}") for c in cases]
    offices = services.directory.offices(db.session)
    lang = _lang()
    form.requested_office_id.choices = [
        (
            o.id,
            f"{o.code} — {o.name(lang)}" + ("" if o.is_member else " " + _("(not on casetrack)")),
        )
        for o in offices
    ]
    if request.method == "GET":
        if request.args.get("case_id"):
            # A case the user may not see answers 404, as everywhere, not a blank form.
            case_id = request.args["case_id"]
            form.case_id.data = access.get_or_404(db.session, Case, current_user, case_id).id
        return render_template("mla/new.html", form=form, has_cases=bool(cases))
    if form.validate():
        case = access.get_or_404(db.session, Case, current_user, form.case_id.data)
        try:
            created = services.create_request(
                db.session,
                current_user,
                case,
                form.requested_office_id.data,
                form.channel.data,
            )
        except services.InvalidInput as error:
            db.session.rollback()
            _put_errors(form, error.fields)
        else:
            db.session.commit()
            flash(_("Draft request %(reference)s opened.", reference=created.reference), "success")
            return redirect(url_for("mla.edit", id=created.id, section="basis"))
    return render_template("mla/new.html", form=form, has_cases=bool(cases)), 422


def _fill(form: SectionForm, req) -> None:
    for name in services.TEXT_FIELDS + services.BOOL_FIELDS:
        if hasattr(form, name):
            getattr(form, name).data = getattr(req, name)
    form.requested_office_id.data = req.requested_office_id
    form.channel.data = req.channel.value
    form.assistance_types.data = list(req.assistance_types or [])
    form.measures.data = services.format_measures(req.measures)
    form.annexes.data = services.format_annexes(req.annexes)
    form.languages.data = ", ".join(req.languages or [])
    form.execution_requested_on.data = req.execution_requested_on
    form.version.data = str(req.version)


def _section_data(section, form: SectionForm) -> dict:
    data: dict = {}
    for name in section.fields:
        if name == "legal_bases":
            data[name] = [
                {"treaty_id": int(t), "articles": request.form.get(f"articles-{t}", "")}
                for t in request.form.getlist("treaty")
                if t.isdigit()
            ]
        elif name == "persons":
            data[name] = [
                {"party_id": key[len("party-") :], "role": request.form.get(f"role-{key[6:]}")}
                for key in request.form
                if key.startswith("party-")
            ]
        elif name == "assets":
            data[name] = request.form.getlist("asset")
        elif name == "measures":
            data[name] = services.parse_measures(form.measures.data)
        elif name == "annexes":
            data[name] = services.parse_annexes(form.annexes.data)
        elif name == "languages":
            data[name] = [c for c in (form.languages.data or "").split(",") if c.strip()]
        else:
            data[name] = getattr(form, name).data
    return data


def _section_context(req, section, form, stale=None) -> dict:
    lang = _lang()
    requirements = completeness.requirements(req)
    missing = {m.item: m for m in completeness.missing_items(req)}
    panel = []
    for s in services.SECTIONS:
        items = []
        for requirement in requirements:
            if requirement.item in s.items:
                items.append(
                    {
                        "label": requirement.label(lang),
                        "basis": f"{requirement.treaty.code} {requirement.article}",
                        "missing": requirement.item in missing,
                    }
                )
        gaps = [m for key, m in missing.items() if key in s.items]
        panel.append(
            {"key": s.key, "title": SECTION_TITLES[s.key], "requirements": items, "gaps": gaps}
        )
    proposed = services.proposed_treaties(db.session, req)
    proposed_ids = {t.id for t in proposed}
    chosen = {b.treaty_id: b.articles for b in req.legal_bases}
    treaties = sorted(
        services.all_treaties(db.session), key=lambda t: (t.id not in proposed_ids, t.code)
    )
    return {
        "req": req,
        "section": section,
        "form": form,
        "stale": stale,
        "sections": services.SECTIONS,
        "section_titles": SECTION_TITLES,
        "panel": panel,
        "missing": list(missing.values()),
        "treaties": treaties,
        "proposed_ids": proposed_ids,
        "chosen": chosen,
        "case_parties": services.case_parties(db.session, req),
        "chosen_parties": {p.party_id: p.role.value for p in req.persons},
        "case_assets": services.case_assets(db.session, req),
        "chosen_assets": {a.asset_id for a in req.assets},
        "role_labels": ROLE_LABELS,
        "asset_kind_labels": ASSET_KIND_LABELS,
        "lang": lang,
    }


@bp.route("/<int:id>/edit/<section>", methods=["GET", "POST"])
def edit(id: int, section: str):
    """Draft one section of a request; the other sections keep what they hold."""
    req = services.load(db.session, current_user, id)
    part = services.SECTION_BY_KEY.get(section)
    if part is None:
        abort(404)
    if not services.can_edit(current_user, req):
        flash(_("Only a draft can be changed, by its drafting side."), "warning")
        return redirect(url_for("mla.detail", id=req.id))
    form = SectionForm() if request.method == "POST" else SectionForm(formdata=None)
    lang = _lang()
    form.requested_office_id.choices = [
        (o.id, f"{o.code} — {o.name(lang)}")
        for o in services.counterpart_offices(db.session, req.requesting_office)
    ]
    form.assistance_types.choices = _assistance_choices()
    if request.method == "GET":
        _fill(form, req)
        return render_template("mla/form.html", **_section_context(req, part, form))
    if form.validate():
        try:
            services.update_request(
                db.session, current_user, req, _section_data(part, form), form.version.data
            )
        except StaleEdit as stale:
            db.session.rollback()
            req = services.load(db.session, current_user, id)
            return render_template(
                "mla/form.html", **_section_context(req, part, form, stale=stale)
            ), 409
        except MissingVersion as missing:
            db.session.rollback()
            flash(str(missing), "danger")
        except services.InvalidInput as error:
            db.session.rollback()
            _put_errors(form, error.fields)
        else:
            db.session.commit()
            flash(_("Section saved."), "success")
            following = [s.key for s in services.SECTIONS]
            index = following.index(part.key)
            if request.form.get("next") and index + 1 < len(following):
                return redirect(url_for("mla.edit", id=req.id, section=following[index + 1]))
            return redirect(url_for("mla.edit", id=req.id, section=part.key))
    req = services.load(db.session, current_user, id)
    return render_template("mla/form.html", **_section_context(req, part, form)), 422


# --- the request page --------------------------------------------------------------------


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
    req = services.load(db.session, current_user, id)
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
        for d in services.deadlines_of(db.session, req)
    ]
    return render_template(
        "mla/detail.html",
        req=req,
        side=side,
        is_requesting=side == Side.REQUESTING,
        can_edit=services.can_edit(current_user, req),
        can_supplement=services.can_supplement(current_user, req),
        supplement_form=SupplementForm(formdata=None),
        actions=actions,
        missing=completeness.missing_items(req),
        history=_history_rows(req),
        deadlines=deadlines,
        linked=services.linked_requests(db.session, current_user, req),
        case_url=case_url,
        **documents_services.partial_context(db.session, current_user, req),
        status_labels=STATUS_LABELS,
        channel_labels=CHANNEL_LABELS,
        ground_labels=GROUND_LABELS,
        role_labels=ROLE_LABELS,
        asset_kind_labels=ASSET_KIND_LABELS,
        assistance_labels=_assistance_labels(),
        lang=_lang(),
    )


@bp.post("/<int:id>/transition")
def transition(id: int):
    """Take one lifecycle step on a request."""
    req = services.load(db.session, current_user, id)
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
            flash(f"{item.label(_lang())} ({item.basis})", "danger")
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
    parent = services.load(db.session, current_user, id)
    if not SupplementForm().validate():
        abort(400)
    try:
        child = services.create_supplementary(db.session, current_user, parent)
    except lifecycle.TransitionRefused as refused:
        db.session.rollback()
        flash(str(refused), "danger")
        return redirect(url_for("mla.detail", id=id), 303)
    db.session.commit()
    flash(_("Supplementary request %(reference)s opened.", reference=child.reference), "success")
    return redirect(url_for("mla.edit", id=child.id, section="proceedings"))


# --- incoming paper requests -------------------------------------------------------------


@bp.route("/register", methods=["GET", "POST"])
def register():
    """Register by hand a request received on paper from an office not on casetrack."""
    if not services.can_register(current_user):
        abort(404)
    lang = _lang()
    form = RegisterForm()
    form.requesting_office_id.choices = [
        (o.id, f"{o.code} — {o.name(lang)}")
        for o in services.registrable_requesting_offices(db.session)
    ]
    form.requested_office_id.choices = [
        (o.id, f"{o.code} — {o.name(lang)}")
        for o in services.registrable_requested_offices(db.session, current_user)
    ]
    form.assistance_types.choices = _assistance_choices()
    if request.method == "GET":
        form.received_on.data = date.today()
        form.requested_office_id.data = current_user.office_id
        return render_template("mla/register.html", form=form)
    if form.validate():
        data = {
            "requesting_office_id": form.requesting_office_id.data,
            "requested_office_id": form.requested_office_id.data,
            "counterpart_reference": form.counterpart_reference.data,
            "letter_on": form.letter_on.data,
            "received_on": form.received_on.data,
            "channel": form.channel.data,
            "subject": form.subject.data,
            "facts": form.facts.data,
            "offences": form.offences.data,
            "assistance_types": form.assistance_types.data,
            "measures": services.parse_measures(form.measures.data),
        }
        try:
            created = services.register_incoming(db.session, current_user, data)
        except services.InvalidInput as error:
            db.session.rollback()
            _put_errors(form, error.fields)
        else:
            db.session.commit()
            flash(_("Request registered as %(reference)s.", reference=created.reference), "success")
            return redirect(url_for("mla.detail", id=created.id))
    return render_template("mla/register.html", form=form), 422
