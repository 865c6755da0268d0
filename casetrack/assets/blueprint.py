"""The assets blueprint and its menu entry; only roles that read case content come in."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from casetrack import access, navigation
from casetrack.models import Role

bp = Blueprint("assets", __name__, url_prefix="/assets")
navigation.add("assets.index", _l("Assets"), {Role.PROSECUTOR, Role.CENTRAL_AUTHORITY}, order=30)
bp.before_request(access.require_content_reader)
