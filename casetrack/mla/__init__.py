"""Mutual legal assistance requests: drafting, the lifecycle, numbering and deadlines."""

from __future__ import annotations

from flask import Blueprint, abort, current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from casetrack import access, navigation
from casetrack.models import Role

bp = Blueprint("mla", __name__, url_prefix="/requests")
navigation.add("mla.outgoing", _l("Requests"), {Role.PROSECUTOR, Role.CENTRAL_AUTHORITY}, order=40)


def require_content_reader():
    """Send anonymous visitors to log in; answer 404 to roles that never read request content."""
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if not access.can_see_content(current_user):
        abort(404)
    return None


bp.before_request(require_content_reader)

from casetrack.mla import views  # noqa: E402,F401
