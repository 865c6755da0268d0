"""User administration pages."""

from __future__ import annotations

from functools import wraps

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from casetrack import access, labels, pagination
from casetrack.access import Capability
from casetrack.admin import offices as office_services
from casetrack.admin import services
from casetrack.admin.blueprint import bp
from casetrack.admin.forms import OfficeForm, PasswordForm, UserForm
from casetrack.admin.offices import OFFICE_KIND_LABELS
from casetrack.auth import services as auth_services
from casetrack.auth.forms import LogoutForm
from casetrack.db import db
from casetrack.handlers import loads, perform, submit
from casetrack.models import Country, Office, OfficeKind, Role, User
from casetrack.validation import InvalidInput


def admin_required(view):
    """Let administrators in; everyone else gets 404, as for anything not theirs."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        access.require(current_user, Capability.ADMINISTER)
        return view(*args, **kwargs)

    return wrapped


def _office_choices() -> list[tuple[str, str]]:
    offices = db.session.scalars(
        select(Office).where(Office.is_member.is_(True)).order_by(Office.country_code, Office.code)
    )
    return [(o.code, f"{o.code} — {o.name_en}") for o in offices]


@bp.route("/users")
@admin_required
def users():
    """List the users with their office, role and state."""
    page, per_page = pagination.page_args()
    stmt = select(User).options(joinedload(User.office)).order_by(User.email)
    if q := request.args.get("q", "").strip():
        stmt = stmt.where(User.email.icontains(q) | User.name.icontains(q))
    return render_template(
        "admin/users.html",
        page=pagination.paginate(db.session, stmt, page, per_page),
        roles=labels.by_value(Role),
        action_form=LogoutForm(),
        q=q,
    )


@bp.route("/users/new", methods=["GET", "POST"])
@admin_required
def new_user():
    """Create a user of an office with a role and an initial password."""
    form = UserForm()
    form.office.choices = _office_choices()
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template("admin/user_form.html", form=form), status

    def create():
        try:
            return auth_services.create_user(
                db.session,
                email=form.email.data,
                name=form.name.data,
                office_code=form.office.data,
                role=form.role.data,
                password=form.password.data,
                language=form.language.data,
            )
        except auth_services.UserError as error:
            raise InvalidInput({"email": [str(error)]}) from error

    def created(user: User):
        flash(_("User %(email)s created.", email=user.email), "success")
        return redirect(url_for("admin.users"))

    return submit(
        form,
        create,
        render=lambda **_extra: render_template("admin/user_form.html", form=form),
        done=created,
        validate=False,
        invalid_status=400,
    )


@bp.route("/users/<int:id>/active", methods=["POST"])
@admin_required
@loads(User, "id")
def toggle_active(user: User):
    """Disable an account (ending its sessions) or enable it again."""
    if user.id == current_user.id:
        flash(_("You cannot disable your own account."), "danger")
        return redirect(url_for("admin.users"))
    if not LogoutForm().validate_on_submit():
        return redirect(url_for("admin.users"))

    def toggled(_result):
        message = _("%(email)s enabled.") if user.is_active else _("%(email)s disabled.")
        flash(message % {"email": user.email}, "info")
        return redirect(url_for("admin.users"))

    return perform(lambda: services.set_active(db.session, user, not user.is_active), done=toggled)


@bp.route("/users/<int:id>/password", methods=["GET", "POST"])
@admin_required
@loads(User, "id")
def reset_password(user: User):
    """Set a new password for a user and unlock the account."""
    form = PasswordForm()
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template("admin/password.html", form=form, user=user), status

    def saved(_result):
        flash(_("New password set for %(email)s.", email=user.email), "success")
        return redirect(url_for("admin.users"))

    return perform(
        lambda: services.reset_password(db.session, user, form.password.data), done=saved
    )


# --- the directory of offices ------------------------------------------------------------


def _office_form(office: Office | None) -> OfficeForm:
    form = OfficeForm(obj=office) if request.method == "GET" and office else OfficeForm()
    lang = str(get_locale() or "en")
    countries = db.session.scalars(select(Country).order_by(Country.code))
    form.country_code.choices = [(c.code, f"{c.code} — {c.name(lang)}") for c in countries]
    form.kind.choices = list(OFFICE_KIND_LABELS.items())
    authorities = db.session.scalars(
        select(Office)
        .where(Office.kind == OfficeKind.CENTRAL_AUTHORITY)
        .order_by(Office.country_code, Office.code)
    )
    form.parent_id.choices = [(0, "—")] + [
        (o.id, f"{o.code} — {o.name(lang)}")
        for o in authorities
        if office is None or o.id != office.id
    ]
    if request.method == "GET":
        if office is None:
            form.is_member.data = True
        else:
            form.kind.data = office.kind.value
            form.parent_id.data = office.parent_id or 0
    return form


def _office_data(form: OfficeForm) -> dict:
    return {
        "code": form.code.data,
        "country_code": form.country_code.data,
        "kind": form.kind.data,
        "name_en": form.name_en.data,
        "name_ru": form.name_ru.data,
        "name_local": form.name_local.data,
        "address": form.address.data,
        "email": form.email.data,
        "parent_id": form.parent_id.data or None,
        "is_member": form.is_member.data,
    }


@bp.route("/offices")
@admin_required
def offices():
    """List every office of the directory, deactivated ones too."""
    q = request.args.get("q", "").strip()
    stmt = (
        select(Office).options(joinedload(Office.parent)).order_by(Office.country_code, Office.code)
    )
    if q:
        stmt = stmt.where(
            Office.code.icontains(q) | Office.name_en.icontains(q) | Office.name_ru.icontains(q)
        )
    page, per_page = pagination.page_args(50)
    return render_template(
        "admin/offices.html",
        page=pagination.paginate(db.session, stmt, page, per_page),
        kinds=OFFICE_KIND_LABELS,
        action_form=LogoutForm(),
        q=q,
    )


def _save(office: Office | None):
    form = _office_form(office)
    if request.method != "POST":
        return render_template("admin/office_form.html", form=form, office=office)

    def save() -> Office:
        try:
            return office_services.save_office(db.session, office, _office_data(form))
        except office_services.OfficeError as error:
            raise InvalidInput(error.fields) from error

    def saved(result: Office):
        flash(_("Office %(code)s saved.", code=result.code), "success")
        return redirect(url_for("admin.offices"))

    return submit(
        form,
        save,
        render=lambda **_extra: render_template("admin/office_form.html", form=form, office=office),
        done=saved,
    )


@bp.route("/offices/new", methods=["GET", "POST"])
@admin_required
def new_office():
    """Add an office to the directory."""
    return _save(None)


@bp.route("/offices/<int:id>", methods=["GET", "POST"])
@admin_required
@loads(Office, "id")
def edit_office(office: Office):
    """Change an office of the directory."""
    return _save(office)


@bp.post("/offices/<int:id>/active")
@admin_required
@loads(Office, "id")
def toggle_office(office: Office):
    """Deactivate an office (it keeps its history) or bring it back."""
    if not LogoutForm().validate():
        abort(400)

    def toggled(_result):
        if office.is_active:
            flash(_("Office %(code)s reactivated.", code=office.code), "success")
        else:
            flash(
                _(
                    "Office %(code)s deactivated: it keeps its records but takes no new work.",
                    code=office.code,
                ),
                "success",
            )
        return redirect(url_for("admin.offices"))

    return perform(
        lambda: office_services.set_active(db.session, office, not office.is_active),
        done=toggled,
    )
