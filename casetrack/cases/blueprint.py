"""The cases blueprint and its menu entry; only roles that read case content come in."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from casetrack import access, navigation
from casetrack.access import Capability

bp = Blueprint("cases", __name__, url_prefix="/cases")
navigation.add("cases.index", _l("Cases"), Capability.READ_CONTENT, order=10)
bp.before_request(access.require_content_reader)
