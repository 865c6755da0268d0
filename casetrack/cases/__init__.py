"""Cases: the case file a prosecutor works in (SPEC §1, §2)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from casetrack import access, navigation
from casetrack.models import Role

bp = Blueprint("cases", __name__, url_prefix="/cases")
navigation.add("cases.index", _l("Cases"), {Role.PROSECUTOR, Role.CENTRAL_AUTHORITY}, order=10)


def require_content_reader():
    """Send anonymous visitors to log in; answer 404 to roles that never read case content."""
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if not access.can_see_content(current_user):
        abort(404)
    return None


def show_errors(form, fields: dict[str, list[str]]) -> list[str]:
    """Put a service's messages on the form's fields; return those that fit no field."""
    rest = []
    for name, messages in fields.items():
        target = getattr(form, name, None)
        if target is None or not hasattr(target, "errors"):
            rest.extend(messages)
            continue
        target.errors = [*list(target.errors or []), *messages]
    return rest


bp.before_request(require_content_reader)

from casetrack.cases import views  # noqa: E402,F401
