"""The bell: the user's notifications, marking them read, and how they arrive by e-mail."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import RadioField

from casetrack import access, pagination
from casetrack.auth.forms import LogoutForm
from casetrack.db import db
from casetrack.handlers import load, perform
from casetrack.models import Notification
from casetrack.notifications import mail, services
from casetrack.notifications.blueprint import bp
from casetrack.notifications.texts import sentence

EMAIL_LABELS = {
    "immediate": _l("At once, one e-mail for each notification"),
    "digest": _l("Once a day, in one digest"),
    "none": _l("No e-mail: only in casetrack"),
}


class SettingsForm(FlaskForm):
    email_notifications = RadioField(
        _l("E-mail"), choices=[(key, label) for key, label in EMAIL_LABELS.items()]
    )


def init_app(app) -> None:
    """Put the unread count on every page's bell."""

    @app.context_processor
    def bell():
        if not getattr(current_user, "is_authenticated", False):
            return {}
        return {"unread_notifications": services.unread_count(db.session, current_user)}


@bp.route("/")
@login_required
def index():
    """List the user's notifications, newest first, unread ones marked."""
    page, per_page = pagination.page_args()
    stmt = services.for_user(current_user)
    if request.args.get("unread") == "1":
        stmt = stmt.where(Notification.read_at.is_(None))
    result = pagination.paginate(db.session, stmt, page, per_page)
    return render_template(
        "notifications/index.html",
        page=result,
        sentences={n.id: sentence(n) for n in result.items},
        form=LogoutForm(),
        unread_only=request.args.get("unread") == "1",
    )


@bp.post("/read")
@login_required
def mark_read():
    """Mark one notification (``id``) or all of them as read; ``open`` follows its link."""
    if not LogoutForm().validate():
        abort(400)
    raw = request.form.get("id", "")
    if raw:
        if not raw.isdigit():
            abort(404)
        note = load(Notification, raw)

        def read(_count):
            if request.form.get("open"):
                return redirect(note.path or url_for("notifications.index"), 303)
            return redirect(url_for("notifications.index"), 303)

        return perform(lambda: services.mark_read(db.session, current_user, [note.id]), done=read)

    def all_read(count: int):
        flash(_("%(count)d notifications marked as read.", count=count), "success")
        return redirect(url_for("notifications.index"), 303)

    return perform(lambda: services.mark_read(db.session, current_user), done=all_read)


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    """Choose how notifications arrive by e-mail: at once, in a daily digest, or not at all."""
    form = SettingsForm()
    if request.method == "GET":
        form.email_notifications.data = current_user.email_notifications or "immediate"
    elif form.validate():

        def saved(_result):
            flash(_("Your notification settings were saved."), "success")
            return redirect(url_for("notifications.settings"), 303)

        return perform(
            lambda: services.set_email_notifications(current_user, form.email_notifications.data),
            done=saved,
        )
    return render_template(
        "notifications/settings.html",
        form=form,
        smtp_configured=bool(current_app.config.get("SMTP_URL")),
    ), (200 if request.method == "GET" or not form.errors else 422)


@bp.route("/failed", methods=["GET", "POST"])
@login_required
def failed():
    """For admins: e-mails that could not be delivered, with the error, and a retry."""
    access.require(current_user, access.Capability.ADMINISTER)
    form = LogoutForm()
    if request.method == "POST":
        if not form.validate():
            abort(400)

        def retried(result):
            sent, still_failed = result
            flash(
                _(
                    "%(sent)d e-mails sent, %(failed)d still failing.",
                    sent=sent,
                    failed=still_failed,
                ),
                "success" if not still_failed else "warning",
            )
            return redirect(url_for("notifications.failed"), 303)

        return perform(lambda: mail.retry_failed(db.session, None), done=retried)
    page, per_page = pagination.page_args()
    return render_template(
        "notifications/failed.html",
        page=pagination.paginate(db.session, services.failed_emails(db.session), page, per_page),
        form=form,
    )
