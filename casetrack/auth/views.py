"""Log-in, log-out and the language switch."""

from __future__ import annotations

from urllib.parse import urlsplit

import qrcode
import qrcode.image.svg
from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from markupsafe import Markup

from casetrack import audit, clock
from casetrack.auth import services, totp
from casetrack.auth.blueprint import bp
from casetrack.auth.forms import CodeForm, EnrolForm, LanguageForm, LoginForm
from casetrack.db import db
from casetrack.guards import safe_next
from casetrack.models import User

__all__ = ["safe_next"]  # links and documents import it from here

#: How long after the password a log-in may wait for its second-factor code.
PENDING_LOGIN_SECONDS = 300


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign a user in with e-mail and password."""
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        reserved = services.reserve_attempt(db.session, form.email.data)
        # Committed before the password is looked at: every worker sees this step counted.
        db.session.commit()
        result = services.authenticate(
            db.session, form.email.data, form.password.data, reserved=reserved
        )
        if result.error == "second_factor":
            db.session.commit()
            session.clear()
            session["pending_login"] = {
                "user_id": result.user.id,
                "at": clock.now().timestamp(),
                "next": safe_next(form.next.data, url_for("main.dashboard")),
            }
            return redirect(url_for("auth.second_factor"))
        if result.user is None:
            db.session.commit()
            if result.error == "locked":
                flash(
                    _(
                        "Too many failed attempts. The account is locked for a while; "
                        "try again later."
                    ),
                    "danger",
                )
            else:
                flash(_("Wrong e-mail or password."), "danger")
            return render_template("auth/login.html", form=form), 401
        _sign_in(result.user)
        db.session.commit()
        return redirect(safe_next(form.next.data, url_for("main.dashboard")))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form), status


def _sign_in(user: User) -> None:
    """Start a fresh server-side session for a user who passed every log-in step."""
    session.clear()
    services.start_session(db.session, user)
    login_user(user)
    session.permanent = True
    session["lang"] = user.language


@bp.route("/login/code", methods=["GET", "POST"])
def second_factor():
    """Finish a log-in with the code of the user's authenticator app."""
    pending = session.get("pending_login")
    if not pending or clock.now().timestamp() - pending["at"] > PENDING_LOGIN_SECONDS:
        session.pop("pending_login", None)
        flash(_("Please sign in again."), "warning")
        return redirect(url_for("auth.login"))
    user = db.session.get(User, pending["user_id"])
    form = CodeForm()
    if form.validate_on_submit():
        result = services.LoginResult(None, "locked")
        if user is not None:
            reserved = services.reserve_attempt(db.session, user.email)
            db.session.commit()  # counted before the code is looked at, as for a password
            result = services.second_factor_step(db.session, user, form.code.data, reserved)
        if result.error == "locked":
            db.session.commit()
            session.pop("pending_login", None)
            flash(
                _("Too many failed attempts. The account is locked for a while; try again later."),
                "danger",
            )
            return redirect(url_for("auth.login"))
        if result.error is None:
            target = pending["next"]
            _sign_in(user)
            db.session.commit()
            return redirect(target)
        db.session.commit()
        flash(_("That code is wrong or was already used."), "danger")
        return render_template("auth/code.html", form=form), 401
    status = 400 if request.method == "POST" else 200
    return render_template("auth/code.html", form=form), status


@bp.route("/account/security", methods=["GET", "POST"])
@login_required
def security():
    """Turn the second factor on (with a QR code for the app) or off."""
    enrol = EnrolForm(prefix="enrol")
    disable = CodeForm(prefix="disable")
    if current_user.totp_secret is None:
        if enrol.validate_on_submit():
            if totp.enrol_totp(db.session, current_user, enrol.secret.data, enrol.code.data):
                db.session.commit()
                flash(_("Two-step sign-in is on."), "success")
                return redirect(url_for("auth.security"))
            flash(
                _("That code does not match. Check the time on your phone and try again."), "danger"
            )
        elif request.method == "GET" or not enrol.secret.data:
            enrol.secret.data = totp.new_totp_secret()
        uri = totp.totp_uri(current_user, enrol.secret.data)
        page = render_template("auth/security.html", enrol=enrol, qr_svg=qr_svg(uri))
        return page, 400 if request.method == "POST" else 200
    if disable.validate_on_submit():
        if totp.disable_totp(db.session, current_user, disable.code.data):
            db.session.commit()
            flash(_("Two-step sign-in is off."), "warning")
            return redirect(url_for("auth.security"))
        db.session.commit()
        flash(_("That code is wrong or was already used."), "danger")
        return render_template("auth/security.html", disable=disable), 400
    return render_template("auth/security.html", disable=disable)


def qr_svg(data: str) -> Markup:
    """Draw ``data`` as an inline SVG QR code (generated here, so safe to embed)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return Markup(image.to_string(encoding="unicode"))


@bp.route("/logout", methods=["POST"])
def logout():
    """End the user's session on the server and in the browser."""
    if current_user.is_authenticated:
        user = current_user._get_current_object()
        services.end_session(db.session, current_user.session_token)
        db.session.commit()
        audit.security_event("logout", user, actor_id=user.id)
    logout_user()
    session.clear()
    flash(_("You have been signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/language", methods=["POST"])
def set_language():
    """Switch the interface language and remember it for the signed-in user."""
    form = LanguageForm()
    if form.validate_on_submit():
        session["lang"] = form.language.data
        if current_user.is_authenticated:
            current_user.language = form.language.data
            db.session.commit()
    target = safe_next(
        form.next.data or request.referrer and urlsplit(request.referrer).path,
        url_for("main.dashboard"),
    )
    return redirect(target)
