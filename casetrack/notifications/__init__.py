"""Notifications: in the app (the bell) and by e-mail, created in the transaction of the step
that causes them and e-mailed only after that transaction commits."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("notifications", __name__, url_prefix="/notifications")

from casetrack.notifications.services import on_deadline, on_hit, on_step  # noqa: E402

__all__ = ["bp", "on_deadline", "on_hit", "on_step"]

from casetrack.notifications import views  # noqa: E402,F401
