"""User administration pages."""

from __future__ import annotations

from functools import wraps

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from casetrack import pagination
from casetrack.admin import services
from casetrack.admin.blueprint import bp
from casetrack.admin.forms import ROLE_LABELS, PasswordForm, UserForm
from casetrack.auth import services as auth_services
from casetrack.auth.forms import LogoutForm
from casetrack.db import db
from casetrack.models import Office, Role, User


def admin_required(view):
    """Let administrators in; everyone else gets 404, as for anything not theirs."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if current_user.role != Role.ADMIN:
            abort(404)
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
        roles=dict(ROLE_LABELS),
        action_form=LogoutForm(),
        q=q,
    )


@bp.route("/users/new", methods=["GET", "POST"])
@admin_required
def new_user():
    """Create a user of an office with a role and an initial password."""
    form = UserForm()
    form.office.choices = _office_choices()
    if form.validate_on_submit():
        try:
            user = auth_services.create_user(
                db.session,
                email=form.email.data,
                name=form.name.data,
                office_code=form.office.data,
                role=form.role.data,
                password=form.password.data,
                language=form.language.data,
            )
        except auth_services.UserError as error:
            db.session.rollback()
            form.email.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("User %(email)s created.", email=user.email), "success")
            return redirect(url_for("admin.users"))
    status = 400 if request.method == "POST" else 200
    return render_template("admin/user_form.html", form=form), status


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/users/<int:id>/active", methods=["POST"])
@admin_required
def toggle_active(id: int):
    """Disable an account (ending its sessions) or enable it again."""
    user = _user_or_404(id)
    if user.id == current_user.id:
        flash(_("You cannot disable your own account."), "danger")
        return redirect(url_for("admin.users"))
    if LogoutForm().validate_on_submit():
        services.set_active(db.session, user, not user.is_active)
        db.session.commit()
        message = _("%(email)s enabled.") if user.is_active else _("%(email)s disabled.")
        flash(message % {"email": user.email}, "info")
    return redirect(url_for("admin.users"))


@bp.route("/users/<int:id>/password", methods=["GET", "POST"])
@admin_required
def reset_password(id: int):
    """Set a new password for a user and unlock the account."""
    user = _user_or_404(id)
    form = PasswordForm()
    if form.validate_on_submit():
        services.reset_password(db.session, user, form.password.data)
        db.session.commit()
        flash(_("New password set for %(email)s.", email=user.email), "success")
        return redirect(url_for("admin.users"))
    status = 400 if request.method == "POST" else 200
    return render_template("admin/password.html", form=form, user=user), status
