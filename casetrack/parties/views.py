"""Party pages: search by any spelling, the party page, recording and editing."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from casetrack import access, history, labels
from casetrack import pagination as pages
from casetrack.db import db
from casetrack.handlers import load, loads, submit
from casetrack.i18n import current_language
from casetrack.links import queries as link_queries
from casetrack.models import AssetKind, AssetStatus, Case, Country, Party, PartyKind, PartyRole
from casetrack.parties import services
from casetrack.parties.blueprint import bp
from casetrack.parties.forms import PartyForm


@bp.route("/")
def index():
    """List the visible parties; ``q`` finds any spelling in any script."""
    q = request.args.get("q", "").strip()
    kind = request.args.get("kind", "")
    kind = kind if kind in {k.value for k in PartyKind} else ""
    stmt = services.search_query(db.session, current_user, q, kind or None)
    page = pages.paginate(db.session, stmt, *pages.page_args())
    return render_template(
        "parties/list.html", page=page, q=q, kind=kind, kind_labels=labels.labels(PartyKind)
    )


def _form_data(form: PartyForm) -> dict:
    data = {
        key: getattr(form, key).data
        for key in (*services.TEXT_FIELDS, "birth_date")
        if getattr(form, key).data is not None
    }
    data["names"] = form.names.data
    data["documents"] = form.documents.data
    return data


def _initial(party: Party) -> dict:
    data = {key: getattr(party, key) for key in (*services.TEXT_FIELDS, "birth_date")}
    data["names"] = [
        {
            "surname": n.surname,
            "given_name": n.given_name,
            "patronymic": n.patronymic,
            # Names entered by parts are rebuilt from them; only whole names keep full_name.
            "full_name": "" if (n.surname or n.given_name or n.patronymic) else n.full_name,
            "is_primary": n.is_primary,
        }
        for n in party.names
    ]
    data["documents"] = [
        {
            "kind": d.kind,
            "number": d.number,
            "issuing_country": d.issuing_country,
            "issued_on": d.issued_on,
            "expires_on": d.expires_on,
        }
        for d in party.documents
    ]
    return data


def _add_row(form: PartyForm) -> bool:
    which = request.form.get("add_row")
    if which not in ("names", "documents"):
        return False
    getattr(form, which).append_entry()
    return True


def _kind(value: str | None) -> PartyKind:
    return PartyKind(value) if value in {k.value for k in PartyKind} else PartyKind.PERSON


def country_names() -> dict[str, str]:
    """Each country of the list by code, named in the interface language."""
    lang = current_language()
    rows = db.session.scalars(select(Country).order_by(Country.code))
    return {c.code: c.name(lang) for c in rows}


def _render(form: PartyForm, party: Party | None, case: Case | None, **extra):
    names = country_names()
    form.nationality.choices = [("", "—")] + sorted(names.items(), key=lambda item: item[1])
    current = form.nationality.data or ""
    if current and current not in names:
        # A value from before the list (free text no code matched) stays visible until changed.
        form.nationality.choices.append((current, current))
    return render_template(
        "parties/form.html",
        form=form,
        party=party,
        case=case,
        kind=party.kind if party else _kind(form.kind.data),
        **extra,
    )


@bp.route("/new", methods=["GET", "POST"])
def create():
    """Record a person or company; from a case page, link it to the case with a role."""
    case_id = request.args.get("case_id", type=int)
    case = load(Case, case_id) if case_id else None
    form = PartyForm()
    if request.method == "GET":
        form.kind.data = _kind(request.args.get("kind")).value
        form.names[0].form.is_primary.data = True
        return _render(form, None, case)
    if _add_row(form):
        return _render(form, None, case)

    def record() -> Party:
        party = services.create_party(
            db.session,
            current_user,
            {"kind": form.kind.data, **_form_data(form)},
            office_id=case.office_id if case else None,
        )
        if case is not None:
            services.link_party(db.session, current_user, case, party, form.role.data)
        return party

    def recorded(party: Party):
        flash(_("%(name)s recorded.", name=party.display_name), "success")
        if case is not None:
            return redirect(url_for("cases.detail", case_id=case.id))
        return redirect(url_for("parties.detail", party_id=party.id))

    return submit(
        form, record, render=lambda **extra: _render(form, None, case, **extra), done=recorded
    )


@bp.route("/<int:party_id>/edit", methods=["GET", "POST"])
@loads(Party, "party_id")
def edit(party: Party):
    """Change a party's details, spellings and documents; a stale edit answers 409."""
    if request.method == "GET":
        form = PartyForm(formdata=None, data=_initial(party))
        form.kind.data = party.kind.value
        form.version.data = str(party.version)
        form.names.append_entry()
        form.documents.append_entry()
        return _render(form, party, None)
    form = PartyForm()
    form.kind.data = party.kind.value
    if _add_row(form):
        return _render(form, party, None)

    def saved(_result):
        flash(_("%(name)s saved.", name=party.display_name), "success")
        return redirect(url_for("parties.detail", party_id=party.id))

    return submit(
        form,
        lambda: services.update_party(
            db.session, current_user, party, _form_data(form), form.version.data
        ),
        render=lambda **extra: _render(form, party, None, **extra),
        done=saved,
    )


@bp.route("/<int:party_id>")
@loads(Party, "party_id")
def detail(party: Party):
    """Show a party: every spelling, documents, the cases and assets it is linked to."""
    links, assets = services.party_links(db.session, current_user, party)
    objects = [("parties", party.id)]
    objects += [("party_names", n.id) for n in party.names]
    objects += [("identity_documents", d.id) for d in party.documents]
    shares = {
        a.id: next((o.share for o in a.owners if o.party_id == party.id), None) for a in assets
    }
    return render_template(
        "parties/detail.html",
        party=party,
        links=links,
        assets=assets,
        shares=shares,
        history=history.history_for(db.session, objects),
        kind_labels=labels.labels(PartyKind),
        role_labels=labels.labels(PartyRole),
        document_labels={
            kind: labels.identity_document(kind) for kind in labels.IDENTITY_DOCUMENTS
        },
        asset_kind_labels=labels.labels(AssetKind),
        asset_status_labels=labels.labels(AssetStatus),
        can_edit=access.can_see_content(current_user),
        matches=link_queries.party_matches(db.session, current_user, party),
    )
