"""The assets blueprint and its menu entry; only roles that read case content come in."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from casetrack import access, navigation
from casetrack.access import Capability

bp = Blueprint("assets", __name__, url_prefix="/assets")
navigation.add("assets.index", _l("Assets"), Capability.READ_CONTENT, order=30)
bp.before_request(access.require_content_reader)
