"""Request pages that write a request's content: a new draft, its sections, paper registration."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from casetrack import access, directory, labels
from casetrack.concurrency import MissingVersion, StaleEdit
from casetrack.db import db
from casetrack.handlers import flash_errors
from casetrack.i18n import current_language
from casetrack.labels import ASSET_KIND_LABELS, PARTY_ROLE_LABELS
from casetrack.mla import completeness, drafting, operations, queries, sections
from casetrack.mla.blueprint import bp
from casetrack.mla.forms import (
    SECTION_TITLES,
    NewRequestForm,
    RegisterForm,
    SectionForm,
)
from casetrack.models import Case
from casetrack.validation import InvalidInput


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Open a draft request from one of the user's cases."""
    cases = queries.visible_cases(db.session, current_user)
    form = NewRequestForm()
    form.case_id.choices = [(c.id, f"{c.reference} — {c.title}") for c in cases]
    offices = directory.offices(db.session)
    lang = current_language()
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
            created = drafting.create_request(
                db.session,
                current_user,
                case,
                form.requested_office_id.data,
                form.channel.data,
            )
        except InvalidInput as error:
            db.session.rollback()
            flash_errors(form, error.fields)
        else:
            db.session.commit()
            flash(_("Draft request %(reference)s opened.", reference=created.reference), "success")
            return redirect(url_for("mla.edit", id=created.id, section="basis"))
    return render_template("mla/new.html", form=form, has_cases=bool(cases)), 422


def _fill(form: SectionForm, req) -> None:
    for name in sections.TEXT_FIELDS + sections.BOOL_FIELDS:
        if hasattr(form, name):
            getattr(form, name).data = getattr(req, name)
    form.requested_office_id.data = req.requested_office_id
    form.channel.data = req.channel.value
    form.assistance_types.data = list(req.assistance_types or [])
    form.measures.data = sections.format_measures(req.measures)
    form.annexes.data = sections.format_annexes(req.annexes)
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
            data[name] = sections.parse_measures(form.measures.data)
        elif name == "annexes":
            data[name] = sections.parse_annexes(form.annexes.data)
        elif name == "languages":
            data[name] = [c for c in (form.languages.data or "").split(",") if c.strip()]
        else:
            data[name] = getattr(form, name).data
    return data


def _section_context(req, section, form, stale=None) -> dict:
    lang = current_language()
    requirements = completeness.requirements(req)
    missing = {m.item: m for m in completeness.missing_items(req)}
    panel = []
    for s in sections.SECTIONS:
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
    proposed = queries.proposed_treaties(db.session, req)
    proposed_ids = {t.id for t in proposed}
    chosen = {b.treaty_id: b.articles for b in req.legal_bases}
    treaties = sorted(
        queries.all_treaties(db.session), key=lambda t: (t.id not in proposed_ids, t.code)
    )
    return {
        "req": req,
        "section": section,
        "form": form,
        "stale": stale,
        "sections": sections.SECTIONS,
        "section_titles": SECTION_TITLES,
        "panel": panel,
        "missing": list(missing.values()),
        "treaties": treaties,
        "proposed_ids": proposed_ids,
        "chosen": chosen,
        "case_parties": queries.case_parties(db.session, req),
        "chosen_parties": {p.party_id: p.role.value for p in req.persons},
        "case_assets": queries.case_assets(db.session, req),
        "chosen_assets": {a.asset_id for a in req.assets},
        "role_labels": PARTY_ROLE_LABELS,
        "asset_kind_labels": ASSET_KIND_LABELS,
        "lang": lang,
    }


@bp.route("/<int:id>/edit/<section>", methods=["GET", "POST"])
def edit(id: int, section: str):
    """Draft one section of a request; the other sections keep what they hold."""
    req = queries.load(db.session, current_user, id)
    part = sections.SECTION_BY_KEY.get(section)
    if part is None:
        abort(404)
    if not access.can_edit(current_user, req):
        flash(_("Only a draft can be changed, by its drafting side."), "warning")
        return redirect(url_for("mla.detail", id=req.id))
    form = SectionForm() if request.method == "POST" else SectionForm(formdata=None)
    lang = current_language()
    form.requested_office_id.choices = [
        (o.id, f"{o.code} — {o.name(lang)}")
        for o in queries.counterpart_offices(db.session, req.requesting_office)
    ]
    form.assistance_types.choices = labels.assistance_choices(current_language())
    if request.method == "GET":
        _fill(form, req)
        return render_template("mla/form.html", **_section_context(req, part, form))
    if form.validate():
        try:
            drafting.update_request(
                db.session, current_user, req, _section_data(part, form), form.version.data
            )
        except StaleEdit as stale:
            db.session.rollback()
            req = queries.load(db.session, current_user, id)
            return render_template(
                "mla/form.html", **_section_context(req, part, form, stale=stale)
            ), 409
        except MissingVersion as missing:
            db.session.rollback()
            flash(str(missing), "danger")
        except InvalidInput as error:
            db.session.rollback()
            flash_errors(form, error.fields)
        else:
            db.session.commit()
            flash(_("Section saved."), "success")
            following = [s.key for s in sections.SECTIONS]
            index = following.index(part.key)
            if request.form.get("next") and index + 1 < len(following):
                return redirect(url_for("mla.edit", id=req.id, section=following[index + 1]))
            return redirect(url_for("mla.edit", id=req.id, section=part.key))
    req = queries.load(db.session, current_user, id)
    return render_template("mla/form.html", **_section_context(req, part, form)), 422


@bp.route("/register", methods=["GET", "POST"])
def register():
    """Register by hand a request received on paper from an office not on casetrack."""
    if not access.can_register(current_user):
        abort(404)
    lang = current_language()
    form = RegisterForm()
    form.requesting_office_id.choices = [
        (o.id, f"{o.code} — {o.name(lang)}")
        for o in operations.registrable_requesting_offices(db.session)
    ]
    form.requested_office_id.choices = [
        (o.id, f"{o.code} — {o.name(lang)}")
        for o in operations.registrable_requested_offices(db.session, current_user)
    ]
    form.assistance_types.choices = labels.assistance_choices(current_language())
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
            "measures": sections.parse_measures(form.measures.data),
        }
        try:
            created = operations.register_incoming(db.session, current_user, data)
        except InvalidInput as error:
            db.session.rollback()
            flash_errors(form, error.fields)
        else:
            db.session.commit()
            flash(_("Request registered as %(reference)s.", reference=created.reference), "success")
            return redirect(url_for("mla.detail", id=created.id))
    return render_template("mla/register.html", form=form), 422
