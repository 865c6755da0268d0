"""Assets: property linked to parties, its owners and its legal status."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from casetrack import navigation
from casetrack.cases import require_content_reader
from casetrack.models import Role

bp = Blueprint("assets", __name__, url_prefix="/assets")
navigation.add("assets.index", _l("Assets"), {Role.PROSECUTOR, Role.CENTRAL_AUTHORITY}, order=30)
bp.before_request(require_content_reader)

from casetrack.assets import views  # noqa: E402,F401
