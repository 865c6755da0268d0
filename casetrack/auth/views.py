"""Log-in, log-out and the language switch."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from casetrack.auth import bp, services
from casetrack.auth.forms import LanguageForm, LoginForm
from casetrack.db import db


def safe_next(target: str | None, default: str) -> str:
    """Return ``target`` if it is a path on this site, else ``default`` (no open redirect)."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    if "\\" in target:
        return default
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign a user in with e-mail and password."""
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        result = services.authenticate(db.session, form.email.data, form.password.data)
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
        session.clear()
        services.start_session(db.session, result.user)
        login_user(result.user)
        session.permanent = True
        session["lang"] = result.user.language
        db.session.commit()
        return redirect(safe_next(form.next.data, url_for("main.dashboard")))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout():
    """End the user's session on the server and in the browser."""
    if current_user.is_authenticated:
        services.end_session(db.session, current_user.session_token)
        db.session.commit()
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
