"""Request pages that write a request's content: a new draft, its sections, paper registration."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from casetrack import access, clock, directory, labels
from casetrack.admin import offices as office_services
from casetrack.admin.offices import OFFICE_KIND_LABELS
from casetrack.db import db
from casetrack.handlers import load, loads, submit
from casetrack.i18n import current_language
from casetrack.mla import (
    completeness,
    completeness_words,
    drafting,
    operations,
    queries,
    sections,
    texts,
)
from casetrack.mla.blueprint import bp
from casetrack.mla.forms import (
    SECTION_TITLES,
    NewRequestForm,
    RegisterForm,
    SectionForm,
)
from casetrack.models import AssetKind, Case, Country, PartyRole, Request
from casetrack.treaties import binding
from casetrack.treaties.citations import cite_requirement
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
            form.case_id.data = load(Case, request.args["case_id"]).id
        return render_template("mla/new.html", form=form, has_cases=bool(cases))

    def create() -> Request:
        return drafting.create_request(
            db.session,
            current_user,
            load(Case, form.case_id.data),
            form.requested_office_id.data,
            form.channel.data,
        )

    def opened(created: Request):
        flash(_("Draft request %(reference)s opened.", reference=created.reference), "success")
        return redirect(url_for("mla.edit", id=created.id, section="basis"))

    return submit(
        form,
        create,
        render=lambda **extra: render_template(
            "mla/new.html", form=form, has_cases=bool(cases), **extra
        ),
        done=opened,
    )


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


def _target_languages(section, form: SectionForm, req) -> list[str]:
    """The request's languages once this section is saved (it may change them)."""
    if "languages" in section.fields:
        codes = [c.strip().lower() for c in (form.languages.data or "").split(",") if c.strip()]
        return list(dict.fromkeys(codes))
    return texts.languages(req)


def _per_language(section, form: SectionForm, req, data: dict) -> dict:
    """Turn the side-by-side text boxes ("facts:en" beside "facts") into per-language maps."""
    shown = texts.languages(req)  # the languages of the boxes the page showed
    target = _target_languages(section, form, req)
    if len(shown) < 2 or not target:
        return data
    first = shown[0]
    # A language this save removes keeps its text, but is not written to.
    others = [lang for lang in shown[1:] if lang in target]
    if first not in target:
        return {k: v for k, v in data.items() if k not in texts.FIELDS and k != "measures"}
    for name in section.fields:
        if name == "measures":
            data[name] = {
                first: data[name],
                **{
                    lang: sections.parse_measures(request.form.get(f"measures:{lang}", ""))
                    for lang in others
                    if f"measures:{lang}" in request.form
                },
            }
        elif name in texts.FIELDS and name in data:
            data[name] = {
                first: data[name] or "",
                **{
                    lang: request.form.get(f"{name}:{lang}", "")
                    for lang in others
                    if f"{name}:{lang}" in request.form
                },
            }
    return data


def _side_by_side(req) -> dict:
    """What the form shows beside each text: the request's other languages and their texts."""
    langs = texts.languages(req)
    others = langs[1:]
    posted = request.method == "POST"
    return {
        "first_lang": langs[0] if langs else "",
        "other_langs": others,
        "other_texts": {
            lang: {
                name: request.form.get(f"{name}:{lang}", "")
                if posted
                else texts.get(req, name, lang)
                for name in texts.FIELDS
            }
            for lang in others
        },
        "other_measures": {
            lang: request.form.get(f"measures:{lang}", "")
            if posted
            else sections.format_measures(texts.measures(req, lang))
            for lang in others
        },
    }


def _section_data(section, form: SectionForm, req=None) -> dict:
    data = _plain_section_data(section, form)
    return _per_language(section, form, req, data) if req is not None else data


def _plain_section_data(section, form: SectionForm) -> dict:
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
    found = completeness.check(req)
    missing = {m.item: m for m in found}
    panel = []
    for s in sections.SECTIONS:
        items = []
        for requirement in requirements:
            if requirement.item in s.items:
                items.append(
                    {
                        "label": requirement.label(lang),
                        "basis": cite_requirement(requirement, lang),
                        "strength": completeness_words.STRENGTH_WORDS[requirement.strength][
                            1 if lang == "ru" else 0
                        ],
                        "missing": requirement.item in missing,
                    }
                )
        gaps = [m for key, m in missing.items() if key in s.items]
        panel.append(
            {"key": s.key, "title": SECTION_TITLES[s.key], "requirements": items, "gaps": gaps}
        )
    answer = queries.proposed_treaties(db.session, req)
    proposed_ids = answer.binding_ids
    chosen = {b.treaty_id: b.articles for b in req.legal_bases}
    treaties = sorted(
        queries.all_treaties(db.session), key=lambda t: (t.id not in proposed_ids, t.code)
    )
    accepted = binding.accepted_languages(
        db.session, req.requested_office.country_code, [i.treaty for i in answer.items]
    )
    return {
        **_side_by_side(req),
        "req": req,
        "section": section,
        "form": form,
        "stale": stale,
        "sections": sections.SECTIONS,
        "section_titles": SECTION_TITLES,
        "panel": panel,
        "missing": found,
        "treaties": treaties,
        "proposed_ids": proposed_ids,
        "why": {item.treaty.id: item.why(lang) for item in answer.items},
        "reasons": {item.treaty.id: item.reason(lang) for item in answer.not_applicable},
        "languages": {row["treaty"].id: row["languages"] for row in accepted},
        "chosen": chosen,
        "case_parties": queries.case_parties(db.session, req),
        "chosen_parties": {p.party_id: p.role.value for p in req.persons},
        "case_assets": queries.case_assets(db.session, req),
        "chosen_assets": {a.asset_id for a in req.assets},
        "role_labels": labels.labels(PartyRole),
        "asset_kind_labels": labels.labels(AssetKind),
        "lang": lang,
    }


@bp.route("/<int:id>/edit/<section>", methods=["GET", "POST"])
@loads(Request, "id", "req", using=queries.load)
def edit(req: Request, section: str):
    """Draft one section of a request; the other sections keep what they hold."""
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

    def render(stale=None):
        # Shown again after a rollback: the request as stored, with what its page shows.
        shown = load(Request, req.id, using=queries.load)
        return render_template("mla/form.html", **_section_context(shown, part, form, stale=stale))

    def saved(_result):
        flash(_("Section saved."), "success")
        following = [s.key for s in sections.SECTIONS]
        index = following.index(part.key)
        if request.form.get("next") and index + 1 < len(following):
            return redirect(url_for("mla.edit", id=req.id, section=following[index + 1]))
        return redirect(url_for("mla.edit", id=req.id, section=part.key))

    return submit(
        form,
        lambda: drafting.update_request(
            db.session, current_user, req, _section_data(part, form, req), form.version.data
        ),
        render=render,
        done=saved,
    )


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
    form.new_country_code.choices = [
        (c.code, f"{c.code} — {c.name(lang)}")
        for c in db.session.scalars(select(Country).order_by(Country.code))
        if c.code != current_user.office.country_code
    ]
    form.new_kind.choices = [(k, str(label)) for k, label in OFFICE_KIND_LABELS.items()]
    if request.method == "GET":
        form.received_on.data = clock.today()
        form.requested_office_id.data = current_user.office_id
        form.new_kind.data = "prosecutor_office"
        return render_template("mla/register.html", form=form)
    if not form.validate():
        return render_template("mla/register.html", form=form), 422

    def register_request():
        if form.new_counterpart.data:
            # The letter's office is not in the directory yet: add it, in the same transaction.
            try:
                counterpart = office_services.add_counterpart(
                    db.session,
                    current_user,
                    {
                        "code": form.new_code.data,
                        "country_code": form.new_country_code.data,
                        "kind": form.new_kind.data,
                        "name_en": form.new_name_en.data,
                        "name_ru": form.new_name_ru.data,
                        "name_local": form.new_name_local.data,
                        "address": form.new_address.data,
                        "email": form.new_email.data,
                    },
                )
            except office_services.OfficeError as error:
                raise InvalidInput({f"new_{k}": v for k, v in error.fields.items()}) from error
            form.requesting_office_id.data = counterpart.id
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
        return operations.register_incoming(db.session, current_user, data)

    def registered(created: Request):
        flash(_("Request registered as %(reference)s.", reference=created.reference), "success")
        return redirect(url_for("mla.detail", id=created.id))

    return submit(
        form,
        register_request,
        render=lambda **extra: render_template("mla/register.html", form=form, **extra),
        done=registered,
        validate=False,
    )
